import { useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Form, InputNumber, Result, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router';
import { List } from '@refinedev/antd';
import { CustomerPicker, OrgUnitPicker } from '../../components/pickers';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import type { Connection } from '../../types';
import { WarehousePicker } from '../inventory/shared';
import { money } from './shared';

interface Product { id: string; genericName: string; brandName: string | null; specification: string; unit: string; barcode: string | null; priceCents: number }
interface Line { product: Product; quantity: number; dailyDose: number | null }
interface Created { id: string; orderNo: string; version: number; totalCents: number; state?: string }

/** Products by name (generic or brand) or barcode; a scanned barcode that matches one product adds it at once. */
function ProductSearch({ onPick }: { onPick: (p: Product) => void }) {
  const t = useTranslate();
  const [text, setText] = useState('');
  const filter = text ? { or: [{ genericName: { iLike: `%${text}%` } }, { brandName: { iLike: `%${text}%` } }, { barcode: { eq: text } }] } : undefined;
  const { data, isFetching } = useGql<{ products: Connection<Product> }>('ProductList', { filter: { ...filter, status: { eq: 'ACTIVE' } }, paging: { limit: 30 }, sorting: [{ field: 'genericName', direction: 'ASC' }] }, { enabled: text.length > 0 });
  const products = data?.products.nodes ?? [];
  return (
    <Select showSearch filterOption={false} value={null} style={{ width: 420 }} placeholder={t('orders.searchProduct')} loading={isFetching} data-testid="quick-product-search"
      onSearch={setText} notFoundContent={null}
      onInputKeyDown={(e) => { if (e.key === 'Enter' && products.length === 1 && products[0]!.barcode === text) { onPick(products[0]!); setText(''); } }}
      onChange={(id: string) => { const p = products.find((x) => x.id === id); if (p) onPick(p); setText(''); }}
      options={products.map((p) => ({ value: p.id, label: `${p.genericName}${p.brandName ? `（${p.brandName}）` : ''} ${p.specification} · ${money(p.priceCents)}` }))} />
  );
}

/** 门店快速开单: a customer or a walk-in, products by name or barcode, quantities; the server prices it; then paid and handed over. */
export function QuickOrder() {
  const t = useTranslate();
  const [customerId, setCustomerId] = useState<string>();
  const [orgUnitId, setOrgUnitId] = useState<string>();
  const [warehouseId, setWarehouseId] = useState<string>();
  const [lines, setLines] = useState<Line[]>([]);
  const [created, setCreated] = useState<Created | null>(null);
  const create = useGqlMutation<{ createOneOrder: Created }>('CreateOrder');
  const transition = useGqlMutation<{ transitionOrder: { id: string; version: number; state: string } }>('TransitionOrder');
  const add = (product: Product) => setLines((ls) => (ls.some((l) => l.product.id === product.id) ? ls.map((l) => (l.product.id === product.id ? { ...l, quantity: l.quantity + 1 } : l)) : [...ls, { product, quantity: 1, dailyDose: null }]));
  const patch = (id: string, change: Partial<Line>) => setLines((ls) => ls.map((l) => (l.product.id === id ? { ...l, ...change } : l)));
  const submit = async () => {
    const done = await create.run({
      input: { order: { channel: 'IN_STORE', customerId: customerId ?? null, orgUnitId: orgUnitId ?? null, warehouseId, lines: lines.map((l) => ({ productId: l.product.id, quantity: l.quantity, dailyDose: l.dailyDose })) } },
    });
    if (done) setCreated(done.createOneOrder);
  };
  const step = async (action: 'pay' | 'hand_over') => {
    if (!created) return;
    const done = await transition.run({ input: { id: created.id, version: created.version, action, fields: {} } });
    if (done) setCreated({ ...created, version: done.transitionOrder.version, state: done.transitionOrder.state });
  };
  const reset = () => { setCreated(null); setLines([]); setCustomerId(undefined); };

  if (created)
    return (
      <List title={t('orders.quick')} headerButtons={() => null}>
        <div data-testid="quick-created" data-state={created.state ?? 'RECEIPT_ISSUED'}>
        <Result status={created.state === 'HANDED_OVER' ? 'success' : 'info'}
          title={<span>{t('orders.created', { orderNo: '' })}<Link to={`/orders/show/${created.id}`} data-lang-neutral data-testid="quick-order-no">{created.orderNo}</Link></span>}
          subTitle={<Typography.Text strong>{t('orders.serverTotal')}：<span data-testid="quick-total">{money(created.totalCents)}</span></Typography.Text>}
          extra={
            <Space>
              {!created.state && <Button type="primary" loading={transition.loading} data-testid="quick-pay" onClick={() => void step('pay')}>{t('orders.actionNames.pay')}</Button>}
              {created.state === 'PAID' && <Button type="primary" loading={transition.loading} data-testid="quick-hand-over" onClick={() => void step('hand_over')}>{t('orders.actionNames.hand_over')}</Button>}
              {created.state === 'HANDED_OVER' && <Typography.Text type="success">{t('orders.handedOver')}</Typography.Text>}
              <Button onClick={reset}>{t('orders.quick')}</Button>
            </Space>
          }
        />
        </div>
      </List>
    );

  return (
    <List title={t('orders.quick')} headerButtons={() => null}>
      <Typography.Paragraph type="secondary">{t('orders.quickHelp')}</Typography.Paragraph>
      <Form layout="vertical">
        <Space wrap size={16}>
          <Form.Item label={t('orders.customerOptional')}><div style={{ width: 320 }} data-testid="quick-customer"><CustomerPicker value={customerId} onChange={setCustomerId} placeholder={t('orders.walkIn')} /></div></Form.Item>
          <Form.Item label={t('orders.store')}><div style={{ width: 220 }}><OrgUnitPicker value={orgUnitId} onChange={setOrgUnitId} kinds={['STORE', 'BRANCH_CENTER', 'FRANCHISE']} /></div></Form.Item>
          <Form.Item label={t('orders.warehouse')} required><WarehousePicker value={warehouseId} onChange={setWarehouseId} style={{ width: 220 }} /></Form.Item>
        </Space>
      </Form>
      <Card size="small" title={<Space>{t('orders.addLine')}<ProductSearch onPick={add} /></Space>}>
        <Table<Line> rowKey={(l) => l.product.id} size="small" pagination={false} dataSource={lines} data-testid="quick-lines">
          <Table.Column<Line> key="product" title={t('orders.product')} render={(_, l) => `${l.product.genericName} ${l.product.specification}`} />
          <Table.Column<Line> key="quantity" title={t('orders.quantity')} render={(_, l) => <InputNumber min={1} precision={0} value={l.quantity} onChange={(v) => patch(l.product.id, { quantity: Number(v ?? 1) })} data-testid="quick-quantity" />} />
          <Table.Column<Line> key="dose" title={t('orders.dailyDose')} render={(_, l) => <InputNumber min={0.01} step={0.5} value={l.dailyDose} onChange={(v) => patch(l.product.id, { dailyDose: v == null ? null : Number(v) })} addonAfter={l.product.unit} />} />
          <Table.Column<Line> key="remove" render={(_, l) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('orders.remove')} onClick={() => setLines((ls) => ls.filter((x) => x !== l))} />} />
        </Table>
      </Card>
      <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('orders.lineCount', { count: lines.length })} />
      <Button style={{ marginTop: 12 }} type="primary" disabled={!warehouseId || !lines.length} loading={create.loading} onClick={() => void submit()} data-testid="quick-create">{t('orders.createOrder')}</Button>
    </List>
  );
}
