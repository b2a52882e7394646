import { List, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Button, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { DateTime } from '../../components/display';
import { op } from '../../operations';

interface SheetRow {
  id: string;
  countNo: string;
  status: string;
  blind: boolean;
  createdAt: string;
  lineCount: number;
  countedCount: number;
  recountCount: number;
  warehouse: { name: string } | null;
  zone: { code: string; name: string } | null;
}

/** Count sheets in the caller's warehouses, newest first; a sheet being counted opens its count entry. */
export function StocktakeList() {
  const t = useTranslate();
  const { tableProps } = useTable<SheetRow>({ resource: 'stocktakes', meta: { gqlQuery: op('StocktakeList') }, sorters: { initial: [{ field: 'createdAt', order: 'desc' }] } });
  return (
    <List>
      <Table<SheetRow> {...tableProps} rowKey="id" data-testid="stocktake-table" scroll={{ x: true }}>
        <Table.Column<SheetRow> dataIndex="countNo" title={t('stocktake.countNo')} render={(v) => <span data-lang-neutral>{v}</span>} />
        <Table.Column<SheetRow> title={t('stocktake.place')} render={(_, r) => `${r.warehouse?.name ?? ''}${r.zone ? ` · ${r.zone.name}` : ''}`} />
        <Table.Column<SheetRow> dataIndex="status" title={t('common.status')} render={(v: string, r) => (<>
          <Tag>{t(`stocktake.status.${v}`)}</Tag>
          {r.blind && <Tag color="purple">{t('stocktake.blind')}</Tag>}
        </>)} />
        <Table.Column<SheetRow> title={t('stocktake.progressTitle')} render={(_, r) => t('stocktake.progress', { counted: r.countedCount, total: r.lineCount })} />
        <Table.Column<SheetRow> dataIndex="createdAt" title={t('common.createdAt')} render={(v) => <DateTime value={v} />} />
        <Table.Column<SheetRow> title={t('common.actions')} render={(_, r) => r.status === 'COUNTING' && <Link to={`/stocktakes/count/${r.id}`}><Button size="small" type="primary">{t('stocktake.enter')}</Button></Link>} />
      </Table>
    </List>
  );
}
