import { List } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { DateTime } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';

interface ReactionRow {
  id: string;
  eventId: string;
  eventType: string;
  handler: string;
  franchiseId: string;
  status: string;
  attempts: number;
  lastError: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
  updatedAt: string;
}

const PAGE = 50;

/**
 * HQ's dead-letter list: reactions to committed events (plugin and module handlers) that
 * failed after their last retry, with the error and the event as committed; "retry" sends
 * one back to the queue. The change each reacted to stands either way.
 */
export function DeadLetterList() {
  const t = useTranslate();
  const [status, setStatus] = useState<'DEAD' | 'PENDING'>('DEAD');
  const [page, setPage] = useState(1);
  const list = useGql<{ eventReactions: { totalCount: number; nodes: ReactionRow[] } }>('EventReactionList', { status, paging: { limit: PAGE, offset: (page - 1) * PAGE } });
  const retry = useGqlMutation('RetryEventReaction');
  return (
    <List
      title={t('menu.deadLetters')}
      headerButtons={
        <Space>
          <Segmented
            value={status}
            onChange={(v) => { setStatus(v as 'DEAD' | 'PENDING'); setPage(1); }}
            options={[{ value: 'DEAD', label: t('events.dead') }, { value: 'PENDING', label: t('events.pending') }]}
          />
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()}>{t('buttons.refresh')}</Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('events.explain')}</Typography.Paragraph>
      <Table<ReactionRow>
        rowKey="id"
        size="small"
        data-testid="dead-letters"
        loading={list.isLoading}
        dataSource={list.data?.eventReactions.nodes ?? []}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.eventReactions.totalCount ?? 0, onChange: setPage }}
        expandable={{ expandedRowRender: (r) => <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify(r.payload, null, 2)}</Typography.Paragraph> }}
      >
        <Table.Column<ReactionRow> dataIndex="updatedAt" title={t('events.failedAt')} render={(v: string) => <DateTime value={v} format="MM-DD HH:mm:ss" />} />
        <Table.Column<ReactionRow> dataIndex="eventType" title={t('events.event')} render={(v: string) => <Tag>{v}</Tag>} />
        <Table.Column<ReactionRow> dataIndex="handler" title={t('events.handler')} />
        <Table.Column<ReactionRow> dataIndex="attempts" title={t('events.attempts')} />
        <Table.Column<ReactionRow> dataIndex="lastError" title={t('events.lastError')} ellipsis render={(v: string | null) => <Typography.Text type="danger" data-testid="dead-letter-error">{v}</Typography.Text>} />
        <Table.Column<ReactionRow>
          key="actions"
          title={t('common.actions')}
          render={(_, r) =>
            r.status === 'DEAD' ? (
              <Button size="small" loading={retry.loading} onClick={async () => (await retry.run({ id: r.id })) && list.refetch()}>{t('events.retry')}</Button>
            ) : null
          }
        />
      </Table>
    </List>
  );
}
