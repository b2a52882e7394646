import { Show } from '@refinedev/antd';
import { useShow, useTranslate } from '@refinedev/core';
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DateTime, PriorityTag, SlaCountdown, VipMark, useEnumLabel, useStateLabel, CustomerTags, useCodeLabel } from '../../components/display';
import { useMe } from '../../hooks/use-me';
import { op } from '../../operations';
import type { BoardCase } from '../../types';
import { CaseActions, type AllowedAction } from './case-actions';
import { CaseOrderCard } from './case-order';
import { CaseTimeline, CustomerCard, SlaClocks, type CaseActivity, type CaseCustomer, type SlaClock } from './case-side';
import { AttachmentLinks, CaseThread, ReplyBox, type Attachment, type CaseMessage } from './case-thread';
import { KnowledgePanel } from './knowledge-panel';

export interface CaseDetail extends Omit<BoardCase, 'customer'> {
  description: string;
  category: string | null;
  escalationLevel: string;
  orderRef: string | null;
  productRef: string | null;
  batchRef: string | null;
  orderId: string | null;
  orderLine: { id: string; lineNo: number } | null;
  tags: string[];
  solutionType: string | null;
  solutionNote: string | null;
  solutionAmount: number | null;
  resolutionNote: string | null;
  orgUnit: { id: string; name: string } | null;
  expert: { id: string; displayName: string } | null;
  customer: CaseCustomer | null;
  attachments: Attachment[];
  messages: CaseMessage[];
  activities: CaseActivity[];
  slaClocks: SlaClock[];
  allowedActions: AllowedAction[];
  knowledgeArticles: { id: string; title: string }[];
}

/** The case page: details, workflow actions, thread with reply/note and knowledge search, customer, SLA clocks, timeline. Live. */
export function CaseShow() {
  const t = useTranslate();
  const label = useEnumLabel();
  const stateLabel = useStateLabel();
  const code = useCodeLabel();
  const { can } = useMe();
  const [draft, setDraft] = useState('');
  const { query } = useShow<CaseDetail>({ resource: 'cases', meta: { gqlQuery: op('CaseDetail') }, liveMode: 'auto' });
  const item = query.data?.data;
  const refresh = () => void query.refetch();
  return (
    <Show isLoading={query.isLoading} title={item ? `${item.caseNo} · ${item.subject}` : t('cases.title')} headerButtons={() => null}>
      {item && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Space direction="vertical" style={{ width: '100%' }} size={16}>
              <Card size="small">
                <Space wrap style={{ marginBottom: 12 }}>
                  <Tag color="processing" data-testid="case-state">{stateLabel(item.state, item.stateLabel)}</Tag>
                  <PriorityTag priority={item.priority} />
                  <VipMark vip={item.isVip} />
                  <SlaCountdown status={item.slaStatus} dueAt={item.slaDueAt} paused={item.stage === 'PENDING_CUSTOMER'} />
                  <Typography.Text type="secondary">
                    {t('cases.owner')}: <span data-testid="case-owner">{item.owner?.displayName ?? t('common.unassigned')}</span>
                  </Typography.Text>
                </Space>
                <CaseActions item={item} onDone={refresh} />
              </Card>
              <Card size="small">
                <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                  <Descriptions.Item label={t('cases.type')}>{label('CaseType', item.type)}</Descriptions.Item>
                  <Descriptions.Item label={t('cases.channel')}>{label('CaseChannel', item.channel)}</Descriptions.Item>
                  {item.category && <Descriptions.Item label={t('cases.category')}>{label('CaseCategory', item.category)}</Descriptions.Item>}
                  <Descriptions.Item label={t('cases.escalationLevel')}>{label('EscalationLevel', item.escalationLevel)}</Descriptions.Item>
                  <Descriptions.Item label={t('cases.queue')}>{code('queues', item.queue)}</Descriptions.Item>
                  <Descriptions.Item label={t('cases.orgUnit')}>{item.orgUnit?.name ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('cases.createdAt')}><DateTime value={item.createdAt} /></Descriptions.Item>
                  <Descriptions.Item label={t('cases.slaDueAt')}><DateTime value={item.slaDueAt} /></Descriptions.Item>
                  {item.orderRef && <Descriptions.Item label={t('cases.orderRef')}>{item.orderRef}</Descriptions.Item>}
                  {item.productRef && <Descriptions.Item label={t('cases.productRef')}>{item.productRef} {item.batchRef}</Descriptions.Item>}
                  {item.expert && <Descriptions.Item label={t('cases.expert')}>{item.expert.displayName}</Descriptions.Item>}
                  {item.solutionType && <Descriptions.Item label={t('cases.solution')}>{label('SolutionType', item.solutionType)} {item.solutionAmount ?? ''} {item.solutionNote}</Descriptions.Item>}
                  {item.resolutionNote && <Descriptions.Item label={t('cases.resolution')}>{item.resolutionNote}</Descriptions.Item>}
                  {item.tags.length > 0 && <Descriptions.Item label={t('cases.tags')}><CustomerTags tags={item.tags} /></Descriptions.Item>}
                </Descriptions>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.description}</Typography.Paragraph>
                <AttachmentLinks attachments={item.attachments} />
              </Card>
              <Card size="small" title={t('cases.thread')}>
                <CaseThread messages={item.messages} />
              </Card>
              {can('case:work') && (
                <Row gutter={12}>
                  <Col xs={24} lg={14}>
                    <ReplyBox caseId={item.id} text={draft} onText={setDraft} onSent={refresh} />
                  </Col>
                  <Col xs={24} lg={10}>
                    <KnowledgePanel caseId={item.id} onInsert={(text) => setDraft((d) => (d ? `${d}\n${text}` : text))} />
                  </Col>
                </Row>
              )}
            </Space>
          </Col>
          <Col xs={24} xl={8}>
            <Space direction="vertical" style={{ width: '100%' }} size={16}>
              <CustomerCard customer={item.customer} />
              {item.orderId && can('order:read') && <CaseOrderCard orderId={item.orderId} lineNo={item.orderLine?.lineNo} lotNo={item.batchRef} />}
              <SlaClocks clocks={item.slaClocks} />
              <CaseTimeline activities={item.activities} />
            </Space>
          </Col>
        </Row>
      )}
    </Show>
  );
}
