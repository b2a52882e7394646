import { Show } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Button, Card, Descriptions, Input, InputNumber, Space, Switch, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DateTime, EnumTag, SlaCountdown } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { yuan } from '../inventory/shared';
import { STAGE_COLORS, useReturnStateLabel, type ReturnRowData } from './shared';

interface Line {
  id: string;
  lineNo: number;
  productName: string;
  specification: string;
  lotNo: string | null;
  quantity: number;
  unitPaidCents: number;
  acceptedQuantity: number | null;
  damagedQuantity: number | null;
  packagingIntact: boolean | null;
  restockedQuantity: number | null;
  quarantinedQuantity: number | null;
  refundCents: number | null;
  inspectionNote: string | null;
}

interface Detail extends ReturnRowData {
  description: string | null;
  evidence: { url: string; contentType: string; size: number; name: string | null }[];
  rejectionReason: string | null;
  cancelReason: string | null;
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  reviewDueAt: string | null;
  reviewMetAt: string | null;
  reviewBreachedAt: string | null;
  refundDueAt: string | null;
  refundMetAt: string | null;
  refundBreachedAt: string | null;
  refundedAt: string | null;
  refundReference: string | null;
  replacementOrder: { id: string; orderNo: string; state: string; stateLabel: string } | null;
  order: { id: string; orderNo: string; totalCents: number; deliveredAt: string | null } | null;
  lines: Line[];
  events: { id: string; kind: string; action: string | null; fromState: string | null; toState: string | null; reason: string | null; details: Record<string, unknown>; occurredAt: string }[];
  allowedActions: { action: string; label: string; blockedReason: string | null }[];
}

/** Fields an action needs, entered beside its button. */
const NEEDS: Record<string, ('reason' | 'carrier' | 'trackingNo' | 'reference')[]> = { reject: ['reason'], cancel: ['reason'], reject_refund: ['reason'], ship_back: ['carrier', 'trackingNo'], refund: ['reference'] };
const OPTIONAL = new Set(['reference']);

/** A clock: its due time, then done, overdue, or counting down. */
function Clock({ dueAt, metAt, breachedAt, running, status }: { dueAt: string | null; metAt: string | null; breachedAt: string | null; running: boolean; status: string | null }) {
  const t = useTranslate();
  if (!dueAt) return <>—</>;
  return (
    <Space size={4} wrap>
      <DateTime value={dueAt} format="YYYY-MM-DD HH:mm" />
      {running && <SlaCountdown status={status ?? 'OK'} dueAt={dueAt} />}
      {metAt && <Tag color="green">{t('returns.met')}</Tag>}
      {breachedAt && <Tag color="red">{t('returns.breached')}</Tag>}
    </Space>
  );
}

type Inspection = Record<string, { accepted: number; damaged: number; intact: boolean }>;

/** One return: what the customer sent back and why, its clocks, the inspection form per line, the refund or replacement, and the timeline. */
export function ReturnShow() {
  const t = useTranslate();
  const { id } = useParams();
  const stateLabel = useReturnStateLabel();
  const query = useGql<{ return: Detail | null }>('ReturnShow', { id });
  const r = query.data?.return;
  const transition = useGqlMutation<{ transitionReturn: { state: string } }>('TransitionReturn', { success: 'returns.done' });
  const inspect = useGqlMutation<{ inspectReturn: { state: string } }>('InspectReturn', { success: 'returns.inspected' });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [inspection, setInspection] = useState<Inspection>({});
  if (!r) return <Show isLoading={query.isLoading} title={t('menu.returns')} />;

  const canInspect = r.allowedActions.some((a) => a.action === 'inspect');
  const row = (l: Line) => inspection[l.id] ?? { accepted: l.quantity, damaged: 0, intact: true };
  const setRow = (l: Line, patch: Partial<Inspection[string]>) => setInspection((all) => ({ ...all, [l.id]: { ...row(l), ...patch } }));
  const after = async (done: unknown) => { if (done) { setFields({}); setInspection({}); await query.refetch(); } };
  const act = async (action: string) => {
    const given = Object.fromEntries((NEEDS[action] ?? []).map((f) => [f, fields[f]?.trim() || null]).filter(([, v]) => v));
    await after(await transition.run({ input: { id: r.id, version: r.version, action, fields: given } }));
  };
  const submitInspection = async () =>
    after(await inspect.run({ input: { id: r.id, version: r.version, lines: r.lines.map((l) => ({ returnLineId: l.id, acceptedQuantity: row(l).accepted, damagedQuantity: row(l).damaged, packagingIntact: row(l).intact })) } }));
  const buttons = r.allowedActions.filter((a) => a.action !== 'inspect');
  const needed = [...new Set(buttons.flatMap((a) => NEEDS[a.action] ?? []))];

  return (
    <Show isLoading={query.isLoading} title={<span data-lang-neutral>{r.returnNo}</span>}
      headerButtons={<Tag color={STAGE_COLORS[r.stage]} data-testid="return-state" data-state={r.state}>{stateLabel(r.state, r.stateLabel)}</Tag>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} title={t('returns.details')}>
        <Descriptions.Item label={t('returns.order')}><span data-lang-neutral>{r.orderNo}</span></Descriptions.Item>
        <Descriptions.Item label={t('returns.customer')}>{r.customer ? <Link to={`/customers/show/${r.customer.id}`}>{r.customer.name}</Link> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('returns.kind')}><EnumTag enumName="ReturnKind" value={r.kind} /></Descriptions.Item>
        <Descriptions.Item label={t('returns.reason')}><EnumTag enumName="ReturnReason" value={r.reason} /> <EnumTag enumName="ReturnReasonCategory" value={r.reasonCategory} /></Descriptions.Item>
        <Descriptions.Item label={t('returns.shippingPaidBy')}><EnumTag enumName="ShippingPaidBy" value={r.shippingPaidBy} /></Descriptions.Item>
        <Descriptions.Item label={t('returns.source')}><EnumTag enumName="ReturnSource" value={r.source} /></Descriptions.Item>
        <Descriptions.Item label={t('returns.reviewDue')}><Clock dueAt={r.reviewDueAt} metAt={r.reviewMetAt} breachedAt={r.reviewBreachedAt} running={r.slaClock === 'REVIEW'} status={r.slaStatus} /></Descriptions.Item>
        <Descriptions.Item label={t('returns.refundDue')}><Clock dueAt={r.refundDueAt} metAt={r.refundMetAt} breachedAt={r.refundBreachedAt} running={r.slaClock === 'REFUND'} status={r.slaStatus} /></Descriptions.Item>
        <Descriptions.Item label={t('returns.escalation')}><EnumTag enumName="EscalationLevel" value={r.escalationLevel} color={r.escalationLevel === 'AGENT' ? undefined : 'red'} /></Descriptions.Item>
        <Descriptions.Item label={t('returns.carrier')}>{r.returnCarrier ?? '—'} <span data-lang-neutral>{r.returnTrackingNo ?? ''}</span></Descriptions.Item>
        <Descriptions.Item label={t('returns.refund')}><span data-testid="return-refund">{r.refundCents == null ? '—' : `¥${yuan(r.refundCents)}`}</span></Descriptions.Item>
        <Descriptions.Item label={t('returns.refundReference')}><span data-lang-neutral>{r.refundReference ?? '—'}</span>{r.refundedAt && <> · <DateTime value={r.refundedAt} format="MM-DD HH:mm" /></>}</Descriptions.Item>
        {r.replacementOrder && <Descriptions.Item label={t('returns.replacementOrder')}><span data-lang-neutral>{r.replacementOrder.orderNo}</span></Descriptions.Item>}
        <Descriptions.Item label={t('returns.description')} span={3}>{r.description ?? '—'}</Descriptions.Item>
        {r.evidence.length > 0 && (
          <Descriptions.Item label={t('returns.evidence')} span={3}>
            <Space wrap>{r.evidence.map((e) => <a key={e.url} href={e.url} target="_blank" rel="noreferrer" data-lang-neutral>{e.name ?? e.url}</a>)}</Space>
          </Descriptions.Item>
        )}
      </Descriptions>
      {(r.rejectionReason || r.cancelReason) && <Typography.Paragraph type="danger">{t('returns.reasonText')}：{r.rejectionReason ?? r.cancelReason}</Typography.Paragraph>}

      <Card size="small" title={t('returns.lines')} style={{ marginTop: 12 }}>
        <Table<Line> rowKey="id" size="small" pagination={false} dataSource={r.lines} data-testid="return-lines" scroll={{ x: 'max-content' }}>
          <Table.Column<Line> key="product" title={t('returns.product')} render={(_, l) => `${l.productName} ${l.specification}`} />
          <Table.Column<Line> dataIndex="lotNo" title={t('returns.lot')} render={(v: string | null) => <span data-lang-neutral>{v ?? '—'}</span>} />
          <Table.Column<Line> dataIndex="quantity" title={t('returns.quantity')} />
          <Table.Column<Line> dataIndex="unitPaidCents" title={t('returns.unitPaid')} render={(v: number) => `¥${yuan(v)}`} />
          <Table.Column<Line> key="accepted" title={t('returns.accepted')} render={(_, l) => (canInspect
            ? <InputNumber size="small" min={0} max={l.quantity} precision={0} value={row(l).accepted} onChange={(v) => setRow(l, { accepted: Number(v ?? 0) })} data-testid={`accepted-${l.lotNo}`} />
            : l.acceptedQuantity ?? '—')} />
          <Table.Column<Line> key="damaged" title={t('returns.damaged')} render={(_, l) => (canInspect
            ? <InputNumber size="small" min={0} max={l.quantity} precision={0} value={row(l).damaged} onChange={(v) => setRow(l, { damaged: Number(v ?? 0) })} data-testid={`damaged-${l.lotNo}`} />
            : l.damagedQuantity ?? '—')} />
          <Table.Column<Line> key="intact" title={t('returns.packagingIntact')} render={(_, l) => (canInspect
            ? <Switch size="small" checked={row(l).intact} onChange={(v) => setRow(l, { intact: v })} data-testid={`intact-${l.lotNo}`} />
            : l.packagingIntact == null ? '—' : l.packagingIntact ? '✓' : '✗')} />
          <Table.Column<Line> dataIndex="restockedQuantity" title={t('returns.restocked')} render={(v: number | null, l) => <span data-testid={`restocked-${l.lotNo}`}>{v ?? '—'}</span>} />
          <Table.Column<Line> dataIndex="quarantinedQuantity" title={t('returns.quarantined')} render={(v: number | null, l) => <span data-testid={`quarantined-${l.lotNo}`}>{v ?? '—'}</span>} />
          <Table.Column<Line> dataIndex="refundCents" title={t('returns.lineRefund')} render={(v: number | null) => (v == null ? '—' : `¥${yuan(v)}`)} />
        </Table>
        {canInspect && <Button type="primary" style={{ marginTop: 12 }} loading={inspect.loading} onClick={submitInspection} data-testid="submit-inspection">{t('returns.inspect')}</Button>}
      </Card>

      {buttons.length > 0 && (
        <Card size="small" style={{ marginTop: 12 }}>
          <Space wrap>
            {needed.map((f) => (
              <Input key={f} style={{ width: f === 'reason' ? 280 : 180 }} placeholder={t(f === 'reason' ? 'returns.reasonText' : f === 'reference' ? 'returns.refundReference' : `returns.${f}`)} value={fields[f] ?? ''}
                onChange={(e) => setFields((all) => ({ ...all, [f]: e.target.value }))} data-testid={`return-field-${f}`} />
            ))}
            {buttons.map((a) => (
              <Button key={a.action} type={['reject', 'cancel', 'reject_refund'].includes(a.action) ? 'default' : 'primary'} danger={['reject', 'cancel', 'reject_refund'].includes(a.action)}
                disabled={!!a.blockedReason || (NEEDS[a.action] ?? []).some((f) => !OPTIONAL.has(f) && !fields[f]?.trim())} title={a.blockedReason ?? undefined}
                loading={transition.loading} onClick={() => act(a.action)} data-testid={`return-action-${a.action}`}>
                {t(`returnActions.${a.action}`, a.label)}
              </Button>
            ))}
          </Space>
        </Card>
      )}

      <Card size="small" title={t('returns.timeline')} style={{ marginTop: 12 }}>
        <Timeline items={r.events.map((e) => ({
          key: e.id,
          color: e.kind === 'SLA_BREACHED' || e.kind === 'ESCALATED' ? 'red' : e.kind === 'SLA_WARNING' ? 'orange' : 'blue',
          children: (
            <Space size={6} wrap>
              <DateTime value={e.occurredAt} format="MM-DD HH:mm" />
              {e.action ? <span>{t(`returnActions.${e.action}`, e.action)}</span> : <EnumTag enumName="ReturnEventKind" value={e.kind} />}
              {e.toState && <Tag>{stateLabel(e.toState)}</Tag>}
              {e.reason && e.kind === 'TRANSITION' && <Typography.Text type="secondary">{e.reason}</Typography.Text>}
            </Space>
          ),
        }))} />
      </Card>
    </Show>
  );
}
