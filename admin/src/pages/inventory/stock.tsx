import { List, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Radio, Space, Table, Tag, Tooltip } from 'antd';
import { EnumTag } from '../../components/display';
import { useMe } from '../../hooks/use-me';
import { op } from '../../operations';
import { formatInZone } from '../../time';
import { ExpiryTag, ProductPicker, WarehousePicker, batchStatusColor, filterValue, replaceFilter } from './shared';

interface BalanceRow {
  id: string;
  onHand: number;
  reserved: number;
  available: number;
  expiryDate: string;
  daysToExpiry: number;
  batchStatus: string | null;
  batch: { id: string; lotNo: string } | null;
  product: { id: string; genericName: string; specification: string; unit: string; storageClass: string } | null;
  warehouse: { id: string; name: string } | null;
  zone: { id: string; name: string; onHold: boolean } | null;
}


/** Stock on hand by warehouse, product and lot, earliest expiry first, expiry in colour; near-expiry at a click. */
export function StockList() {
  const t = useTranslate();
  const { tableProps, filters, setFilters } = useTable<BalanceRow>({
    resource: 'stockBalances',
    meta: { gqlQuery: op('StockBalanceList') },
    sorters: { initial: [{ field: 'expiryDate', order: 'asc' }] },
    filters: { initial: [{ field: 'onHand', operator: 'gt', value: 0 }] },
  });
  const set = (field: string, operator: 'eq' | 'in' | 'lte', value: unknown) => replaceFilter(setFilters, field, operator, value);
  const within = filterValue(filters, 'expiryDate') as string | undefined;
  const { me } = useMe();
  /** Lots expiring within `days` of today, on the server's clock, in the franchise's calendar. */
  const nearExpiry = (days: number | undefined) =>
    set('expiryDate', 'lte', days === undefined ? undefined : formatInZone(new Date(Date.now() + (me?.clockOffsetMs ?? 0) + days * 86_400_000).toISOString(), me?.scope.orgUnit.timeZone, 'YYYY-MM-DD'));
  return (
    <List
      headerButtons={
        <Space wrap>
          <WarehousePicker style={{ width: 200 }} value={filterValue(filters, 'warehouseId') as string | undefined} onChange={(v) => set('warehouseId', 'eq', v)} />
          <ProductPicker style={{ width: 240 }} value={filterValue(filters, 'productId') as string | undefined} onChange={(v) => set('productId', 'eq', v)} />
          <Radio.Group data-testid="near-expiry" optionType="button" value={within ? 'near' : 'all'} onChange={(e) => nearExpiry(e.target.value === 'all' ? undefined : Number(e.target.value))}
            options={[{ value: 'all', label: t('common.all') }, ...[30, 60, 90].map((d) => ({ value: String(d), label: t('inventory.within', { count: d }) }))]} />
        </Space>
      }
    >
      <Table scroll={{ x: 'max-content' }} {...tableProps} rowKey="id" size="middle">
        <Table.Column title={t('inventory.product')} render={(_, r: BalanceRow) => <span>{r.product?.genericName} <small style={{ color: '#888' }}>{r.product?.specification}</small></span>} />
        <Table.Column title={t('inventory.lotNo')} render={(_, r: BalanceRow) => r.batch?.lotNo} />
        <Table.Column dataIndex="expiryDate" title={t('inventory.expiryDate')} sorter render={(v: string, r: BalanceRow) => <ExpiryTag expiryDate={v} days={r.daysToExpiry} />} />
        <Table.Column title={t('inventory.batchStatus')} render={(_, r: BalanceRow) => <EnumTag enumName="BatchStatus" value={r.batchStatus} color={batchStatusColor(r.batchStatus)} />} />
        <Table.Column title={t('inventory.warehouse')} render={(_, r: BalanceRow) => r.warehouse?.name} />
        <Table.Column title={t('inventory.zone')} render={(_, r: BalanceRow) => <Space>{r.zone?.name}{r.zone?.onHold && <Tooltip title={t('inventory.onHold')}><Tag color="orange">{t('inventory.onHold')}</Tag></Tooltip>}{r.product?.storageClass === 'COLD' && <EnumTag enumName="StorageClass" value="COLD" color="cyan" />}</Space>} />
        <Table.Column dataIndex="onHand" title={t('inventory.onHand')} sorter align="right" />
        <Table.Column dataIndex="reserved" title={t('inventory.reserved')} sorter align="right" />
        <Table.Column dataIndex="available" title={t('inventory.available')} sorter align="right" render={(v: number, r: BalanceRow) => <strong data-testid="available">{v}</strong>} />
        <Table.Column title={t('inventory.unit')} render={(_, r: BalanceRow) => r.product?.unit} />
      </Table>
    </List>
  );
}
