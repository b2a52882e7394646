import { List, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Input, Select, Space, Table } from 'antd';
import { enumOptions } from '../../components/crud';
import { DateTime, EnumTag, useEnumLabel } from '../../components/display';
import { useListSearch } from '../../hooks/use-list-search';
import { op } from '../../operations';
import { ProductPicker, WarehousePicker, filterValue, replaceFilter } from './shared';

interface MoveRow {
  id: string;
  occurredAt: string;
  kind: string;
  quantity: number;
  onHandAfter: number;
  reason: string | null;
  documentType: string | null;
  documentNo: string | null;
  product: { genericName: string; specification: string } | null;
  batch: { lotNo: string } | null;
  zone: { name: string } | null;
}

const KINDS = ['RECEIPT', 'ISSUE', 'TRANSFER_OUT', 'TRANSFER_IN', 'RETURN_RESTOCK', 'ADJUSTMENT', 'DESTRUCTION'];
const KIND_COLORS: Record<string, string> = { RECEIPT: 'green', TRANSFER_IN: 'green', RETURN_RESTOCK: 'cyan', ISSUE: 'blue', TRANSFER_OUT: 'geekblue', ADJUSTMENT: 'orange', DESTRUCTION: 'red' };

/** The stock ledger: every change of on-hand stock with its document, newest first. */
export function StockMoveList() {
  const t = useTranslate();
  const label = useEnumLabel();
  const { tableProps, filters, setFilters } = useTable<MoveRow>({ resource: 'stockMoves', meta: { gqlQuery: op('StockMoveList') }, sorters: { initial: [{ field: 'occurredAt', order: 'desc' }] } });
  const set = (field: string, operator: 'eq' | 'in' | 'lte', value: unknown) => replaceFilter(setFilters, field, operator, value);
  const search = useListSearch(filters, setFilters, (text) => [{ field: 'documentNo', operator: 'contains', value: text }]);
  return (
    <List
      headerButtons={
        <Space wrap>
          <WarehousePicker style={{ width: 200 }} value={filterValue(filters, 'warehouseId') as string | undefined} onChange={(v) => set('warehouseId', 'eq', v)} />
          <ProductPicker style={{ width: 220 }} value={filterValue(filters, 'productId') as string | undefined} onChange={(v) => set('productId', 'eq', v)} />
          <Select mode="multiple" allowClear style={{ minWidth: 180 }} placeholder={t('inventory.moveKind')} value={(filterValue(filters, 'kind') as string[] | undefined) ?? []} onChange={(v) => set('kind', 'in', v)} options={enumOptions(label, 'StockMoveKind', KINDS)} />
          <Input.Search allowClear className="pd-list-search" data-testid="list-search" placeholder={t('inventory.document')} style={{ width: 200 }} {...search} />
        </Space>
      }
    >
      <Table scroll={{ x: 'max-content' }} {...tableProps} rowKey="id" size="small">
        <Table.Column dataIndex="occurredAt" title={t('inventory.occurredAt')} sorter render={(v: string) => <DateTime value={v} />} />
        <Table.Column dataIndex="kind" title={t('inventory.moveKind')} render={(v: string) => <EnumTag enumName="StockMoveKind" value={v} color={KIND_COLORS[v]} />} />
        <Table.Column title={t('inventory.product')} render={(_, r: MoveRow) => <span>{r.product?.genericName} <small style={{ color: '#888' }}>{r.product?.specification}</small></span>} />
        <Table.Column title={t('inventory.lotNo')} render={(_, r: MoveRow) => r.batch?.lotNo} />
        <Table.Column title={t('inventory.zone')} render={(_, r: MoveRow) => r.zone?.name} />
        <Table.Column dataIndex="quantity" title={t('inventory.quantity')} align="right" render={(v: number) => <span style={{ color: v < 0 ? '#cf1322' : '#389e0d' }}>{v > 0 ? `+${v}` : v}</span>} />
        <Table.Column dataIndex="onHandAfter" title={t('inventory.onHandAfter')} align="right" />
        <Table.Column dataIndex="documentNo" title={t('inventory.document')} />
        <Table.Column dataIndex="reason" title={t('inventory.reason')} />
      </Table>
    </List>
  );
}

