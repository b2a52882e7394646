import { CreateButton, EditButton, List, ShowButton, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Input, Space, Table, Tag } from 'antd';
import { DateTime, MaybeMasked, useEnumLabel, CustomerTags } from '../../components/display';
import { useGql } from '../../hooks/use-gql';
import { useUrlSearch } from '../../hooks/use-list-search';
import { op } from '../../operations';

interface CustomerRow {
  id: string;
  recordNo: string;
  name: string;
  gender: string | null;
  age: number | null;
  phone: string | null;
  tags: string[];
  segment: string;
  totalSpend: number;
  lastServiceAt: string | null;
  orgUnit: { name: string } | null;
  matchedField?: string;
}

/** Archives with structured sorting and paging; typing in the box switches to fuzzy search by any one field. The search is in the URL (`?q=`). */
export function CustomerList() {
  const t = useTranslate();
  const label = useEnumLabel();
  const [query, searchBox] = useUrlSearch();
  const searching = query.trim().length >= 2;
  const { tableProps } = useTable<CustomerRow>({ resource: 'customers', meta: { gqlQuery: op('CustomerList') }, sorters: { initial: [{ field: 'createdAt', order: 'desc' }] }, queryOptions: { enabled: !searching } });
  const search = useGql<{ searchCustomers: { matchedField: string; customer: CustomerRow }[] }>('SearchCustomers', { query, limit: 50 }, { enabled: searching });
  const rows = searching ? (search.data?.searchCustomers ?? []).map((h) => ({ ...h.customer, matchedField: h.matchedField })) : undefined;
  return (
    <List headerButtons={<Space><Input.Search allowClear className="pd-list-search" data-testid="customer-search" placeholder={t('customers.searchPlaceholder')} {...searchBox} style={{ width: 320 }} /><CreateButton data-testid="customer-create" /></Space>}>
      <Table scroll={{ x: 'max-content' }}
        {...tableProps}
        {...(rows ? { dataSource: rows, loading: search.isFetching, pagination: false } : {})}
        rowKey="id"
        size="middle"
        data-testid="customer-table"
      >
        <Table.Column dataIndex="recordNo" title={t('customers.recordNo')} className="pd-nowrap" sorter={!searching} />
        <Table.Column dataIndex="name" title={t('customers.name')} className="pd-nowrap" sorter={!searching} render={(v: string, r: CustomerRow) => <Space>{v}{r.matchedField && <Tag color="blue">{t('customers.matched', { field: r.matchedField })}</Tag>}</Space>} />
        <Table.Column dataIndex="gender" title={t('customers.gender')} responsive={['lg']} render={(v: string) => label('Gender', v)} />
        <Table.Column dataIndex="age" title={t('customers.age')} responsive={['lg']} />
        <Table.Column dataIndex="phone" title={t('customers.phone')} responsive={['sm']} className="pd-nowrap" render={(v: string) => <MaybeMasked value={v} />} />
        <Table.Column dataIndex="segment" title={t('customers.segment')} responsive={['md']} render={(v: string) => label('CustomerSegment', v)} />
        <Table.Column dataIndex="tags" title={t('customers.tags')} responsive={['xl']} render={(v: string[]) => <CustomerTags tags={v} />} />
        <Table.Column dataIndex={['orgUnit', 'name']} title={t('customers.orgUnit')} responsive={['lg']} className="pd-nowrap" />
        <Table.Column dataIndex="totalSpend" title={t('customers.totalSpend')} responsive={['md']} sorter={!searching} render={(v: number) => `¥${v.toFixed(2)}`} />
        <Table.Column dataIndex="lastServiceAt" title={t('customers.lastServiceAt')} responsive={['xl']} sorter={!searching} render={(v: string) => <DateTime value={v} format="YYYY-MM-DD" />} />
        <Table.Column title={t('table.actions')} fixed="right" render={(_, r: CustomerRow) => <Space><ShowButton hideText size="small" recordItemId={r.id} /><EditButton hideText size="small" recordItemId={r.id} /></Space>} />
      </Table>
    </List>
  );
}
