import { List, useTable } from '@refinedev/antd';
import { CanAccess, useTranslate, type ConditionalFilter, type CrudFilter } from '@refinedev/core';
import { App, Button, DatePicker, Dropdown, Input, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router';
import { DateTime, EnumTag, useEnumLabel } from '../../components/display';
import { OrgUnitPicker } from '../../components/pickers';
import { toApiFilter } from '../../data/data-provider';
import { request } from '../../data/request';
import { useMe } from '../../hooks/use-me';
import { op } from '../../operations';
import { dayjs, formatInZone } from '../../time';
import { filterValue, replaceFilter } from '../inventory/shared';
import { EXPORT_MAX, exportRows, readAll, type ExportColumn } from './export';
import { money, ORDER_CHANNELS, ORDER_STAGES, OrderStateTag, PAYMENT_STATUSES, paymentColor, useOrderStateLabel, type OrderRow } from './shared';

const SEARCH = 'search';
const isSearch = (f: CrudFilter): f is ConditionalFilter => f.operator === 'or' && (f as ConditionalFilter).key === SEARCH;

/**
 * The search box: an order number or phone as typed, and the customers whose name, phone or
 * record number match (searchCustomers) by id; one `or` filter beside the others (in the URL).
 */
async function searchFilter(text: string): Promise<ConditionalFilter | null> {
  if (!text) return null;
  const members: CrudFilter[] = [{ field: 'orderNo', operator: 'contains', value: text }, { field: 'deliveryPhone', operator: 'contains', value: text }];
  if (text.length >= 2) {
    const found = await request<{ searchCustomers: { customer: { id: string } }[] }>('SearchCustomers', { query: text, limit: 50 }).catch(() => ({ searchCustomers: [] }));
    const ids = found.searchCustomers.map((c) => c.customer.id);
    if (ids.length) members.push({ field: 'customerId', operator: 'in', value: ids });
  }
  return { key: SEARCH, operator: 'or', value: members } as ConditionalFilter;
}

/** Orders in scope: filters (status, channel, store, payment, dates, search), live, CSV / Excel export of what the filters select. */
export function OrderList() {
  const t = useTranslate();
  const label = useEnumLabel();
  const stateLabel = useOrderStateLabel();
  const { message } = App.useApp();
  const { me } = useMe();
  const zone = me?.scope.orgUnit.timeZone;
  const { tableProps, filters, sorters, setFilters } = useTable<OrderRow>({
    resource: 'orders',
    meta: { gqlQuery: op('OrderList') },
    sorters: { initial: [{ field: 'createdAt', order: 'desc' }] },
    filters: { initial: [] },
    pagination: { pageSize: 20 },
    liveMode: 'auto',
  });
  const searched = filters.find(isSearch);
  const [text, setText] = useState(() => String((searched?.value[0] as { value?: unknown } | undefined)?.value ?? ''));
  const [exporting, setExporting] = useState(false);
  const set = (field: string, operator: 'in' | 'eq' | 'between', value: unknown) => replaceFilter(setFilters as never, field, operator, value);
  const range = filterValue(filters, 'createdAt') as [string, string] | undefined;

  const search = async (value: string) => {
    const next = await searchFilter(value.trim());
    setFilters((previous) => [...previous.filter((f) => !isSearch(f)), ...(next ? [next] : [])]);
  };

  const columns: ExportColumn<OrderRow>[] = [
    { title: t('orders.orderNo'), value: (r) => r.orderNo },
    { title: t('orders.state'), value: (r) => stateLabel(r.state, r.stateLabel) },
    { title: t('orders.channel'), value: (r) => label('OrderChannel', r.channel) },
    { title: t('orders.customer'), value: (r) => r.customer?.name ?? t('orders.walkIn') },
    { title: t('orders.deliveryPhone'), value: (r) => r.deliveryPhone },
    { title: t('orders.store'), value: (r) => r.orgUnit?.name },
    { title: t('orders.payment'), value: (r) => label('PaymentStatus', r.paymentStatus) },
    { title: t('orders.total'), value: (r) => r.totalCents / 100 },
    { title: t('orders.trackingNo'), value: (r) => r.trackingNo },
    { title: t('orders.createdAt'), value: (r) => formatInZone(r.createdAt, zone) },
  ];
  const runExport = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      const sorting = sorters.map((s) => ({ field: s.field, direction: s.order.toUpperCase() }));
      const { rows, capped } = await readAll<OrderRow>('OrderList', 'orders', { filter: toApiFilter(filters), sorting });
      await exportRows(format, `${t('orders.title')}-${dayjs().format('YYYYMMDD-HHmm')}`, columns, rows);
      if (capped) message.warning(t('orders.exportCapped', { count: EXPORT_MAX }));
      else message.success(t('orders.exported', { count: rows.length }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <List
      title={t('orders.list')}
      headerButtons={
        <Space wrap>
          <Tag color="green" data-testid="orders-live">{t('orders.live')}</Tag>
          <Dropdown menu={{ items: [{ key: 'csv', label: t('orders.exportCsv') }, { key: 'xlsx', label: t('orders.exportXlsx') }], onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx') }}>
            <Button icon={<DownloadOutlined />} loading={exporting} data-testid="orders-export">{t('orders.export')}</Button>
          </Dropdown>
          <CanAccess resource="orders" action="create">
            <Link to="/orders/quick"><Button type="primary" icon={<PlusOutlined />}>{t('orders.quick')}</Button></Link>
          </CanAccess>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear style={{ width: 260 }} placeholder={t('orders.searchPlaceholder')} data-testid="list-search" value={text}
          onChange={(e) => { setText(e.target.value); if (!e.target.value) void search(''); }} onSearch={(v) => void search(v)} />
        <Select mode="multiple" allowClear style={{ minWidth: 160 }} placeholder={t('orders.state')} data-testid="order-stage-filter" value={(filterValue(filters, 'stage') as string[]) ?? []}
          onChange={(v) => set('stage', 'in', v)} options={ORDER_STAGES.map((s) => ({ value: s, label: label('OrderStage', s) }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 140 }} placeholder={t('orders.channel')} value={(filterValue(filters, 'channel') as string[]) ?? []}
          onChange={(v) => set('channel', 'in', v)} options={ORDER_CHANNELS.map((s) => ({ value: s, label: label('OrderChannel', s) }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 140 }} placeholder={t('orders.payment')} value={(filterValue(filters, 'paymentStatus') as string[]) ?? []}
          onChange={(v) => set('paymentStatus', 'in', v)} options={PAYMENT_STATUSES.map((s) => ({ value: s, label: label('PaymentStatus', s) }))} />
        <div style={{ width: 180 }}><OrgUnitPicker placeholder={t('orders.store')} value={filterValue(filters, 'orgUnitId') as string | undefined} onChange={(v) => set('orgUnitId', 'eq', v)} /></div>
        <DatePicker.RangePicker
          value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
          onChange={(v) => set('createdAt', 'between', v?.[0] && v[1] ? [startOfDay(v[0].format('YYYY-MM-DD'), zone), startOfDay(v[1].add(1, 'day').format('YYYY-MM-DD'), zone)] : undefined)}
        />
      </Space>
      <Table<OrderRow> {...tableProps} rowKey="id" size="middle" scroll={{ x: 'max-content' }} data-testid="order-table">
        <Table.Column<OrderRow> dataIndex="orderNo" title={t('orders.orderNo')} sorter className="pd-nowrap" render={(v: string, r) => <Link to={`/orders/show/${r.id}`} data-lang-neutral data-testid="order-link">{v}</Link>} />
        <Table.Column<OrderRow> dataIndex="stage" title={t('orders.state')} sorter render={(_, r) => <OrderStateTag order={r} />} />
        <Table.Column<OrderRow> dataIndex="channel" title={t('orders.channel')} render={(v: string) => label('OrderChannel', v)} />
        <Table.Column<OrderRow> key="customer" title={t('orders.customer')} className="pd-nowrap" render={(_, r) => r.customer?.name ?? t('orders.walkIn')} />
        <Table.Column<OrderRow> dataIndex="deliveryPhone" title={t('orders.deliveryPhone')} responsive={['lg']} render={(v: string | null) => v ?? '—'} />
        <Table.Column<OrderRow> key="store" title={t('orders.store')} responsive={['lg']} render={(_, r) => r.orgUnit?.name} />
        <Table.Column<OrderRow> dataIndex="paymentStatus" title={t('orders.payment')} render={(v: string) => <EnumTag enumName="PaymentStatus" value={v} color={paymentColor(v)} />} />
        <Table.Column<OrderRow> dataIndex="totalCents" title={t('orders.total')} sorter align="right" render={(v: number) => money(v)} />
        <Table.Column<OrderRow> dataIndex="createdAt" title={t('orders.createdAt')} sorter className="pd-nowrap" render={(v: string) => <DateTime value={v} />} />
      </Table>
    </List>
  );
}

/** Midnight of a calendar day in the franchise's zone, as an instant. */
function startOfDay(day: string, zone?: string): string {
  return (zone ? dayjs.tz(day, zone) : dayjs(day)).toISOString();
}
