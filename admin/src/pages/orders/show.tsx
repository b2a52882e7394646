import { Show } from '@refinedev/antd';
import { CanAccess, useShow, useTranslate } from '@refinedev/core';
import { RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, Modal, Row, Select, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { DateTime, EnumTag, useEnumLabel } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { useServerNow } from '../../hooks/use-now';
import { op } from '../../operations';
import { formatInZone } from '../../time';
import { useMe } from '../../hooks/use-me';
import { money, OrderStateTag, paymentColor, useActionName, useOrderStateLabel, useWaitingReason, VERIFICATION_METHODS, type OrderRow } from './shared';

interface LotPick { id: string; lotNo: string; expiryDate: string; quantity: number; zone: { id: string; name: string } | null }
interface Line {
  id: string; lineNo: number; productId: string; productName: string; specification: string; quantity: number;
  unitPriceCents: number; discountCents: number; lineTotalCents: number; dailyDose: number | null; runsOutOn: string | null; picks: LotPick[];
}
interface OrderEventRow { id: string; kind: string; action: string | null; fromState: string | null; toState: string | null; reason: string | null; details: Record<string, unknown>; occurredAt: string; actor: { id: string; displayName: string } | null }
interface OrderErrorRow {
  id: string; kind: string; note: string; lineId: string | null; recordedAt: string; withdrawnAt: string | null; withdrawReason: string | null;
  agent: { id: string; displayName: string } | null; recordedBy: { id: string; displayName: string } | null; withdrawnBy: { id: string; displayName: string } | null;
}
interface TrackingRow { id: string; status: string; occurredAt: string; location: string | null; eta: string | null; note: string | null }
export interface AllowedAction { action: string; label: string; to: string; requiredFields?: { name: string; label: string }[]; blockedReason: string | null }

/** The fields the built-in actions ask for, where a queue did not load them with the actions. */
const KNOWN_FIELDS: Record<string, { name: string; label: string }[]> = {
  wait_for_customer: [{ name: 'reason', label: 'a reason' }],
  cancel: [{ name: 'reason', label: 'a reason' }],
  ship: [{ name: 'carrier', label: 'the carrier' }, { name: 'trackingNo', label: 'the tracking number' }],
  confirm_receipt: [{ name: 'condition', label: 'the condition' }],
};
const fieldsOf = (a: AllowedAction) => a.requiredFields ?? KNOWN_FIELDS[a.action] ?? [];
export interface OrderDetail extends OrderRow {
  warehouseId: string; subtotalCents: number; discountCents: number; deliveryAddress: string | null; note: string | null;
  expectedDeliveryAt: string | null; estimatedArrivalAt: string | null; trackingUpdatedAt: string | null; shippedAt: string | null; deliveredAt: string | null;
  receiptConfirmedAt: string | null; receiptCondition: string | null; receiptNote: string | null; cancelledAt: string | null; cancelReason: string | null;
  reviewedAt: string | null; identityVerifiedAt: string | null; identityVerificationMethod: string | null;
  reviewDueAt: string | null; reviewOnTime: boolean | null; shipDueAt: string | null; shippedOnTime: boolean | null; errors: OrderErrorRow[];
  customer: { id: string; name: string; recordNo: string; phone: string | null } | null;
  warehouse: { id: string; name: string } | null;
  lines: Line[]; events: OrderEventRow[]; trackingEvents: TrackingRow[]; allowedActions: AllowedAction[];
}

const VERIFICATION_MINUTES = 30;
const CHANGEABLE = ['NEW', 'REVIEW', 'WAITING_CUSTOMER', 'FULFILLMENT'];

/** The order page (/orders/show/:id): lines with picked lots, totals, payment, delivery, timeline, the workflow's actions, identity check and delivery change. Live. */
export function OrderShow() {
  const t = useTranslate();
  const label = useEnumLabel();
  const waiting = useWaitingReason();
  const navigate = useNavigate();
  const { query } = useShow<OrderDetail>({ resource: 'orders', meta: { gqlQuery: op('OrderDetail') }, liveMode: 'auto' });
  const order = query.data?.data;
  const refresh = () => void query.refetch();
  if (!order) return <Show isLoading={query.isLoading} title={t('orders.title')} headerButtons={() => null} />;
  // A delivered order can be returned: the return form opens with this order chosen.
  const returnButton = order.deliveredAt && order.stage !== 'CANCELLED' && (
    <CanAccess resource="returns" action="create">
      <Button icon={<RollbackOutlined />} data-testid="request-return" onClick={() => navigate(`/returns/create?orderId=${order.id}`)}>{t('orders.requestReturn')}</Button>
    </CanAccess>
  );
  return (
    <Show isLoading={query.isLoading} title={<span data-lang-neutral data-testid="order-no">{order.orderNo}</span>} headerButtons={() => returnButton || null}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card size="small">
              <Space wrap style={{ marginBottom: 12 }}>
                <OrderStateTag order={order} />
                <EnumTag enumName="PaymentStatus" value={order.paymentStatus} color={paymentColor(order.paymentStatus)} />
                <Tag>{label('OrderChannel', order.channel)}</Tag>
              </Space>
              {order.waitingReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('orders.waitingReason')} description={waiting(order)} data-testid="waiting-reason" />}
              {order.cancelReason && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('orders.cancelReason')} description={order.cancelReason} />}
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('orders.customer')}>{order.customer ? <Link to={`/customers/show/${order.customer.id}`}>{order.customer.name}</Link> : t('orders.walkIn')}</Descriptions.Item>
                <Descriptions.Item label={t('orders.store')}>{order.orgUnit?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('orders.warehouse')}>{order.warehouse?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('orders.createdAt')}><DateTime value={order.createdAt} /></Descriptions.Item>
                {order.note && <Descriptions.Item label={t('orders.note')} span={2}>{order.note}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <OrderLines order={order} />
            <OrderTimeline order={order} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <OrderActions order={order} onDone={refresh} />
            <DeliveryCard order={order} onDone={refresh} />
            <ShipmentCard order={order} />
            <HandlingCard order={order} />
            <OrderErrors order={order} onDone={refresh} />
          </Space>
        </Col>
      </Row>
    </Show>
  );
}

function OrderLines({ order }: { order: OrderDetail }) {
  const t = useTranslate();
  return (
    <Card size="small" title={t('orders.lines')}>
      <Table<Line> rowKey="id" size="small" pagination={false} dataSource={order.lines} data-testid="order-lines" scroll={{ x: 'max-content' }}>
        <Table.Column<Line> dataIndex="lineNo" title="#" width={40} />
        <Table.Column<Line> key="product" title={t('orders.product')} render={(_, l) => `${l.productName} ${l.specification}`} />
        <Table.Column<Line> dataIndex="quantity" title={t('orders.quantity')} align="right" />
        <Table.Column<Line> dataIndex="unitPriceCents" title={t('orders.unitPrice')} align="right" render={(v: number) => money(v)} />
        <Table.Column<Line> dataIndex="discountCents" title={t('orders.discount')} align="right" render={(v: number) => (v ? `-${money(v)}` : '—')} />
        <Table.Column<Line> dataIndex="lineTotalCents" title={t('orders.lineTotal')} align="right" render={(v: number) => money(v)} />
        <Table.Column<Line> key="dose" title={t('orders.dailyDose')} render={(_, l) => (l.dailyDose ? `${l.dailyDose}` : '—')} />
        <Table.Column<Line> dataIndex="runsOutOn" title={t('orders.runsOutOn')} render={(v: string | null) => (v ? <Tag color="purple" data-testid="runs-out-on">{v}</Tag> : '—')} />
        <Table.Column<Line> key="picks" title={t('orders.picks')} render={(_, l) => (l.picks.length ? <Space direction="vertical" size={0}>{l.picks.map((p) => <span key={p.id} data-testid="order-pick"><span data-lang-neutral>{p.lotNo}</span> · {p.expiryDate} · {p.zone?.name ?? '—'} × {p.quantity}</span>)}</Space> : <Typography.Text type="secondary">{t('orders.noPicks')}</Typography.Text>)} />
      </Table>
      <Descriptions size="small" column={3} style={{ marginTop: 12 }} data-testid="order-totals">
        <Descriptions.Item label={t('orders.subtotal')}>{money(order.subtotalCents)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.discount')}>{money(order.discountCents)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.total')}><Typography.Text strong data-testid="order-total">{money(order.totalCents)}</Typography.Text></Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The workflow's actions for this user now (allowedActions), each asking for the fields it needs. */
export function OrderActions({ order, onDone, only }: { order: Pick<OrderDetail, 'id' | 'version' | 'allowedActions'>; onDone: () => void; only?: string[] }) {
  const t = useTranslate();
  const actionName = useActionName();
  const label = useEnumLabel();
  const transition = useGqlMutation('TransitionOrder');
  const ship = useGqlMutation('ShipOrder');
  const [asking, setAsking] = useState<AllowedAction | null>(null);
  const [form] = Form.useForm();
  const actions = order.allowedActions.filter((a) => !only || only.includes(a.action));
  const run = async (a: AllowedAction, fields: Record<string, unknown> = {}) => {
    const done = a.action === 'ship'
      ? await ship.run({ input: { id: order.id, version: order.version, carrier: fields.carrier, trackingNo: fields.trackingNo, expectedDeliveryAt: (fields.expectedDeliveryAt as { toISOString(): string } | undefined)?.toISOString() ?? null } })
      : await transition.run({ input: { id: order.id, version: order.version, action: a.action, fields } });
    if (done) {
      setAsking(null);
      onDone();
    }
  };
  const fieldInput = (name: string) => {
    if (name === 'condition') return <Select options={['GOOD', 'PROBLEM'].map((v) => ({ value: v, label: label('ReceiptCondition', v) }))} data-testid="field-condition" />;
    if (name === 'reason') return <Input.TextArea rows={3} data-testid="field-reason" />;
    return <Input data-testid={`field-${name}`} />;
  };
  const body = (
    <Space wrap>
      {actions.length === 0 && !only && <Typography.Text type="secondary">{t('orders.noActions')}</Typography.Text>}
      {actions.map((a) => (
        <Tooltip key={a.action} title={a.blockedReason}>
          <Button type={a.action === 'cancel' ? 'default' : 'primary'} danger={a.action === 'cancel'} disabled={!!a.blockedReason} loading={transition.loading || ship.loading}
            data-testid={`order-action-${a.action}`} onClick={() => (fieldsOf(a).length ? (form.resetFields(), setAsking(a)) : void run(a))}>
            {actionName(a.action, a.label)}
          </Button>
        </Tooltip>
      ))}
      <Modal open={!!asking} title={asking ? actionName(asking.action, asking.label) : ''} onCancel={() => setAsking(null)} onOk={() => form.submit()} confirmLoading={transition.loading || ship.loading} destroyOnHidden okButtonProps={{ 'data-testid': 'action-confirm' } as never}>
        <Form form={form} layout="vertical" preserve={false} onFinish={(values) => asking && void run(asking, values)}>
          {asking && fieldsOf(asking).map((f) => (
            <Form.Item key={f.name} name={f.name} label={t(`orders.fieldNames.${f.name}`, f.label)} rules={[{ required: true, whitespace: true, message: t('orders.reasonRequired') }]}>{fieldInput(f.name)}</Form.Item>
          ))}
          {asking?.action === 'ship' && <Form.Item name="expectedDeliveryAt" label={t('orders.expectedDeliveryAt')}><DatePicker showTime style={{ width: '100%' }} /></Form.Item>}
          {asking?.action === 'confirm_receipt' && <Form.Item name="note" label={t('orders.receiptNote')}><Input.TextArea rows={2} /></Form.Item>}
        </Form>
      </Modal>
    </Space>
  );
  return only ? body : <Card size="small" title={t('orders.actions')} data-testid="order-actions">{body}</Card>;
}

/** Delivery name, phone and address; a change needs the customer's identity verified in the last 30 minutes (recorded, used up by the change). */
function DeliveryCard({ order, onDone }: { order: OrderDetail; onDone: () => void }) {
  const t = useTranslate();
  const label = useEnumLabel();
  const now = useServerNow();
  const { me } = useMe();
  const verify = useGqlMutation('VerifyOrderCustomer', { success: 'orders.identityDone' });
  const change = useGqlMutation('ChangeOrderDelivery', { success: 'orders.deliveryChanged' });
  const [method, setMethod] = useState<string>('CALLBACK_REGISTERED_PHONE');
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const verifiedAt = order.identityVerifiedAt ? Date.parse(order.identityVerifiedAt) : null;
  const verified = verifiedAt !== null && now - verifiedAt <= VERIFICATION_MINUTES * 60_000;
  const changeable = CHANGEABLE.includes(order.stage) && order.channel !== 'IN_STORE';
  const submit = async (values: { deliveryName: string; deliveryPhone: string; deliveryAddress: string; reason: string }) => {
    const done = await change.run({ input: { id: order.id, version: order.version, ...values } });
    if (done) {
      setEditing(false);
      onDone();
    }
  };
  return (
    <Card size="small" title={t('orders.delivery')} data-testid="order-delivery">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('orders.deliveryName')}><span data-testid="delivery-name">{order.deliveryName ?? '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t('orders.deliveryPhone')}><span data-testid="delivery-phone">{order.deliveryPhone ?? '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t('orders.deliveryAddress')}><span data-testid="delivery-address">{order.deliveryAddress ?? '—'}</span></Descriptions.Item>
      </Descriptions>
      {order.channel !== 'IN_STORE' && !changeable && <Typography.Text type="secondary">{t('orders.alreadyShipped')}</Typography.Text>}
      {changeable && (
        <CanAccess resource="orders" action="write">
          <Typography.Title level={5} style={{ marginTop: 8 }}>{t('orders.identity')}</Typography.Title>
          {!order.customer ? (
            <Typography.Text type="secondary">{t('orders.walkInNoVerify')}</Typography.Text>
          ) : verified ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Tag color="green" data-testid="identity-verified">{t('orders.verified', { time: formatInZone(order.identityVerifiedAt, me?.scope.orgUnit.timeZone, 'HH:mm'), method: label('IdentityVerificationMethod', order.identityVerificationMethod) })}</Tag>
              {!editing && <Button type="primary" data-testid="change-delivery" onClick={() => { form.setFieldsValue({ deliveryName: order.deliveryName, deliveryPhone: order.deliveryPhone, deliveryAddress: order.deliveryAddress, reason: '' }); setEditing(true); }}>{t('orders.changeDelivery')}</Button>}
              {editing && (
                <Form form={form} layout="vertical" onFinish={submit}>
                  <Form.Item name="deliveryName" label={t('orders.deliveryName')} rules={[{ required: true, whitespace: true }]}><Input data-testid="new-delivery-name" /></Form.Item>
                  <Form.Item name="deliveryPhone" label={t('orders.deliveryPhone')} rules={[{ required: true, whitespace: true }]}><Input data-testid="new-delivery-phone" /></Form.Item>
                  <Form.Item name="deliveryAddress" label={t('orders.deliveryAddress')} rules={[{ required: true, whitespace: true, min: 5 }]}><Input.TextArea rows={2} data-testid="new-delivery-address" /></Form.Item>
                  <Form.Item name="reason" label={t('orders.changeReason')} rules={[{ required: true, whitespace: true, message: t('orders.reasonRequired') }]}><Input data-testid="change-reason" /></Form.Item>
                  <Space>
                    <Button type="primary" htmlType="submit" loading={change.loading} data-testid="save-delivery">{t('buttons.save')}</Button>
                    <Button onClick={() => setEditing(false)}>{t('buttons.cancel')}</Button>
                  </Space>
                </Form>
              )}
            </Space>
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t('orders.notVerified')}</Typography.Text>
              <Select style={{ width: '100%' }} value={method} onChange={setMethod} data-testid="verify-method" options={VERIFICATION_METHODS.map((m) => ({ value: m, label: label('IdentityVerificationMethod', m) }))} />
              <Input placeholder={t('orders.verifyNote')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="verify-note" />
              <Button type="primary" loading={verify.loading} data-testid="verify-identity" onClick={async () => { if (await verify.run({ input: { id: order.id, method, note: note.trim() || null } })) { setNote(''); onDone(); } }}>{t('orders.verify')}</Button>
            </Space>
          )}
        </CanAccess>
      )}
    </Card>
  );
}

function ShipmentCard({ order }: { order: OrderDetail }) {
  const t = useTranslate();
  const label = useEnumLabel();
  if (!order.carrier && !order.receiptConfirmedAt) return null;
  return (
    <Card size="small" title={t('orders.shipment')} data-testid="order-shipment">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('orders.carrier')}>{order.carrier ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('orders.trackingNo')}><span data-lang-neutral data-testid="tracking-no">{order.trackingNo ?? '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t('orders.trackingStatus')}><EnumTag enumName="TrackingStatus" value={order.trackingStatus} color="geekblue" /></Descriptions.Item>
        <Descriptions.Item label={t('orders.shippedAt')}><DateTime value={order.shippedAt} /></Descriptions.Item>
        <Descriptions.Item label={t('orders.expectedDelivery')}><DateTime value={order.expectedDeliveryAt} /></Descriptions.Item>
        <Descriptions.Item label={t('orders.eta')}><DateTime value={order.estimatedArrivalAt} /></Descriptions.Item>
        <Descriptions.Item label={t('orders.deliveredAt')}><DateTime value={order.deliveredAt} /></Descriptions.Item>
        {order.receiptCondition && <Descriptions.Item label={t('orders.receiptCondition')}><EnumTag enumName="ReceiptCondition" value={order.receiptCondition} color={order.receiptCondition === 'GOOD' ? 'green' : 'red'} />{order.receiptNote ? ` ${order.receiptNote}` : ''}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

const EVENT_COLORS: Record<string, string> = { DELIVERY_CHANGED: 'orange', ERROR_RECORDED: 'red', ERROR_WITHDRAWN: 'gray' };

/** When the review and the shipping were due (the franchise's targets on its business calendar) and whether they were on time. */
function HandlingCard({ order }: { order: OrderDetail }) {
  const t = useTranslate();
  if (!order.reviewDueAt && !order.shipDueAt) return null;
  const verdict = (onTime: boolean | null) => (onTime === null ? null : <Tag color={onTime ? 'green' : 'red'}>{t(onTime ? 'orders.onTime' : 'orders.late')}</Tag>);
  return (
    <Card size="small" title={t('orders.handling')} data-testid="order-handling">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('orders.reviewDue')}><Space size={4}><DateTime value={order.reviewDueAt} />{verdict(order.reviewOnTime ?? null)}</Space></Descriptions.Item>
        {order.shipDueAt && <Descriptions.Item label={t('orders.shipDue')}><Space size={4}><DateTime value={order.shipDueAt} />{verdict(order.shippedOnTime ?? null)}</Space></Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

const ERROR_KINDS = ['WRONG_ENTRY', 'WRONG_SHIPMENT', 'OTHER'];

/** Order errors recorded against the agent responsible (the error rate KPI): recorded and withdrawn with a reason by supervisors and QA. */
function OrderErrors({ order, onDone }: { order: OrderDetail; onDone: () => void }) {
  const t = useTranslate();
  const label = useEnumLabel();
  const record = useGqlMutation('RecordOrderError', { success: 'orders.errorRecorded' });
  const withdraw = useGqlMutation('WithdrawOrderError', { success: 'orders.errorWithdrawn' });
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<OrderErrorRow | null>(null);
  const [form] = Form.useForm();
  const [withdrawForm] = Form.useForm();
  const staff = useGql<{ staffUsers: { nodes: { id: string; displayName: string }[] } }>('StaffList', { paging: { limit: 200 } }, { enabled: recording });
  const submit = async (values: { kind: string; lineId?: string; note: string; agentId?: string }) => {
    if (await record.run({ input: { orderId: order.id, expectedVersion: order.version, kind: values.kind, lineId: values.lineId ?? null, note: values.note, agentId: values.agentId ?? null } })) {
      setRecording(false);
      onDone();
    }
  };
  const submitWithdraw = async (values: { reason: string }) => {
    if (withdrawing && (await withdraw.run({ input: { errorId: withdrawing.id, expectedVersion: order.version, reason: values.reason } }))) {
      setWithdrawing(null);
      onDone();
    }
  };
  const lineName = (id: string | null) => order.lines.find((l) => l.id === id)?.productName;
  return (
    <Card size="small" title={t('orders.errors')} data-testid="order-errors"
      extra={<CanAccess resource="orders" action="quality"><Button size="small" data-testid="record-error" onClick={() => { form.resetFields(); setRecording(true); }}>{t('orders.recordError')}</Button></CanAccess>}>
      {order.errors.length === 0 && <Typography.Text type="secondary">{t('orders.noErrors')}</Typography.Text>}
      <Space direction="vertical" style={{ width: '100%' }}>
        {order.errors.map((e) => (
          <Space key={e.id} direction="vertical" size={0} data-testid="order-error" data-kind={e.kind} style={{ opacity: e.withdrawnAt ? 0.6 : 1 }}>
            <Space wrap size={4}>
              <Tag color={e.withdrawnAt ? 'default' : 'red'}>{label('OrderErrorKind', e.kind)}</Tag>
              <span>{t('orders.errorAgent')}：{e.agent?.displayName ?? '—'}</span>
              {e.withdrawnAt && <Tag>{t('orders.withdrawn')}</Tag>}
            </Space>
            <span>{e.note}{lineName(e.lineId) ? `（${lineName(e.lineId)}）` : ''}</span>
            <Typography.Text type="secondary">{t('orders.recordedBy')}：{e.recordedBy?.displayName ?? '—'} · <DateTime value={e.recordedAt} /></Typography.Text>
            {e.withdrawnAt && <Typography.Text type="secondary">{t('orders.withdrawReason')}：{e.withdrawReason} · {e.withdrawnBy?.displayName ?? '—'}</Typography.Text>}
            {!e.withdrawnAt && <CanAccess resource="orders" action="quality"><Button size="small" type="link" style={{ padding: 0 }} data-testid="withdraw-error" onClick={() => { withdrawForm.resetFields(); setWithdrawing(e); }}>{t('orders.withdraw')}</Button></CanAccess>}
          </Space>
        ))}
      </Space>
      <Modal open={recording} title={t('orders.recordError')} onCancel={() => setRecording(false)} onOk={() => form.submit()} confirmLoading={record.loading} destroyOnHidden okButtonProps={{ 'data-testid': 'error-confirm' } as never}>
        <Form form={form} layout="vertical" preserve={false} onFinish={submit} initialValues={{ kind: 'WRONG_ENTRY' }}>
          <Form.Item name="kind" label={t('orders.errorKind')} rules={[{ required: true }]}>
            <Select data-testid="error-kind" options={ERROR_KINDS.map((k) => ({ value: k, label: label('OrderErrorKind', k) }))} />
          </Form.Item>
          <Form.Item name="lineId" label={t('orders.errorLine')}>
            <Select allowClear data-testid="error-line" options={order.lines.map((l) => ({ value: l.id, label: `${l.lineNo}. ${l.productName} ${l.specification}` }))} />
          </Form.Item>
          <Form.Item name="agentId" label={t('orders.errorAgent')} extra={t('orders.errorAgentDefault')}>
            <Select allowClear showSearch optionFilterProp="label" data-testid="error-agent" loading={staff.isLoading} options={(staff.data?.staffUsers.nodes ?? []).map((s) => ({ value: s.id, label: s.displayName }))} />
          </Form.Item>
          <Form.Item name="note" label={t('orders.errorNote')} rules={[{ required: true, whitespace: true, message: t('orders.reasonRequired') }]}><Input.TextArea rows={3} data-testid="error-note" /></Form.Item>
        </Form>
      </Modal>
      <Modal open={!!withdrawing} title={t('orders.withdraw')} onCancel={() => setWithdrawing(null)} onOk={() => withdrawForm.submit()} confirmLoading={withdraw.loading} destroyOnHidden okButtonProps={{ 'data-testid': 'withdraw-confirm' } as never}>
        <Form form={withdrawForm} layout="vertical" preserve={false} onFinish={submitWithdraw}>
          <Form.Item name="reason" label={t('orders.withdrawReason')} rules={[{ required: true, whitespace: true, message: t('orders.reasonRequired') }]}><Input.TextArea rows={2} data-testid="withdraw-reason" /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** Creation, every transition, identity checks, delivery changes (before → after) and the carrier's tracking events, oldest first. */
function OrderTimeline({ order }: { order: OrderDetail }) {
  const t = useTranslate();
  const label = useEnumLabel();
  const stateLabel = useOrderStateLabel();
  const actionName = useActionName();
  const entries = [
    ...order.events.filter((e) => e.kind !== 'TRACKING').map((e) => ({ at: e.occurredAt, key: e.id, color: EVENT_COLORS[e.kind] ?? (e.toState === 'CANCELLED' ? 'red' : 'blue'), body: <EventText event={e} /> })),
    ...order.trackingEvents.map((e) => ({
      at: e.occurredAt,
      key: e.id,
      color: e.status === 'EXCEPTION' ? 'red' : 'green',
      body: <span>{t('orders.eventKinds.TRACKING')}：{label('TrackingStatus', e.status)}{e.location ? ` · ${e.location}` : ''}{e.note ? ` · ${e.note}` : ''}</span>,
    })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  function EventText({ event: e }: { event: OrderEventRow }) {
    const who = e.actor?.displayName ?? t('orders.system');
    const what = e.kind === 'TRANSITION' && e.action ? `${actionName(e.action)}：${stateLabel(e.fromState ?? '', null)} → ${stateLabel(e.toState ?? '', null)}` : t(`orders.eventKinds.${e.kind}`);
    const changed = e.kind === 'DELIVERY_CHANGED' ? (e.details as { before?: Record<string, string | null>; after?: Record<string, string> }) : null;
    const method = e.kind === 'IDENTITY_VERIFIED' ? label('IdentityVerificationMethod', (e.details as { method?: string }).method) : null;
    return (
      <Space direction="vertical" size={0} data-testid="order-event" data-kind={e.kind}>
        <span>{what}{method ? `（${method}）` : ''} · {who}</span>
        {e.reason && <Typography.Text type="secondary">{t('orders.reason')}：{e.reason}</Typography.Text>}
        {changed?.after && Object.entries(changed.after).map(([field, value]) => (
          <Typography.Text key={field} type="secondary">{t(`orders.${field}`)}：{changed.before?.[field] ?? '—'} → {value}</Typography.Text>
        ))}
      </Space>
    );
  }
  return (
    <Card size="small" title={t('orders.timeline')}>
      <Timeline data-testid="order-timeline" items={entries.map((e) => ({ key: e.key, color: e.color, children: <Space direction="vertical" size={0}><DateTime value={e.at} />{e.body}</Space> }))} />
    </Card>
  );
}
