import { useTranslate } from '@refinedev/core';
import { Button, Card, Space, Typography } from 'antd';
import { memo } from 'react';
import { CapacityTag, PresenceDot, PriorityTag, SlaCountdown, VipMark, useEnumLabel, useStateLabel } from '../../components/display';
import type { BoardCase, Presence } from '../../types';

interface Props {
  item: BoardCase;
  selected: boolean;
  presence?: Presence;
  canClaim: boolean;
  /** The owner has more open cases than their capacity. */
  overCapacity?: boolean;
  onOpen(id: string): void;
  onClaim(item: BoardCase): void;
}

/** One case on the board: number, subject, priority and VIP marks, SLA countdown, assignee with presence. */
export const BoardCard = memo(function BoardCard({ item, selected, presence, overCapacity, canClaim, onOpen, onClaim }: Props) {
  const t = useTranslate();
  const label = useEnumLabel();
  const stateLabel = useStateLabel();
  return (
    <Card
      size="small"
      data-testid="board-card"
      data-case-no={item.caseNo}
      data-case-id={item.id}
      className={selected ? 'pd-card pd-card-selected' : 'pd-card'}
      style={{ marginBottom: 8, cursor: 'pointer', borderColor: selected ? '#1677ff' : undefined, boxShadow: selected ? '0 0 0 2px #1677ff33' : undefined }}
      onClick={() => onOpen(item.id)}
    >
      <Space size={4} wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>
          {item.caseNo} <VipMark vip={item.isVip} />
        </Typography.Text>
        <PriorityTag priority={item.priority} />
      </Space>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0' }}>
        {item.subject}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label('CaseType', item.type)} · {stateLabel(item.state, item.stateLabel)} {item.customer ? `· ${item.customer.name}` : ''}
      </Typography.Text>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 6 }} wrap>
        <SlaCountdown status={item.slaStatus} dueAt={item.slaDueAt} paused={item.stage === 'PENDING_CUSTOMER'} />
        {item.owner ? (
          <span data-testid="board-assignee">
            <PresenceDot availability={presence?.availability} /> {item.owner.displayName}
            {overCapacity && presence && <CapacityTag presence={presence} />}
          </span>
        ) : canClaim ? (
          <Button
            size="small"
            type="primary"
            ghost
            data-testid="board-claim"
            onClick={(event) => {
              event.stopPropagation();
              onClaim(item);
            }}
          >
            {t('buttons.claim')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('common.unassigned')}</Typography.Text>
        )}
      </Space>
    </Card>
  );
});
