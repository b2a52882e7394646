import { CreateButton, EditButton, List, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Table, Tag } from 'antd';
import { DateTime, useEnumLabel } from '../../components/display';
import { op } from '../../operations';

/** Every franchise and its contract (HQ). */
export function FranchiseList() {
  const t = useTranslate();
  const label = useEnumLabel();
  const { tableProps } = useTable({ resource: 'franchises', meta: { gqlQuery: op('FranchiseList') }, sorters: { initial: [{ field: 'name', order: 'asc' }] } });
  return (
    <List headerButtons={<CreateButton />}>
      <Table scroll={{ x: 'max-content' }} {...tableProps} rowKey="id" size="middle">
        <Table.Column dataIndex="code" title={t('admin.code')} render={(v: string) => <span data-lang-neutral>{v}</span>} />
        <Table.Column dataIndex="name" title={t('common.name')} sorter />
        <Table.Column dataIndex="ownerName" title={t('admin.ownerName')} />
        <Table.Column dataIndex="ownerPhone" title={t('admin.ownerPhone')} />
        <Table.Column dataIndex="cooperationType" title={t('admin.cooperationType')} render={(v: string) => label('CooperationType', v)} />
        <Table.Column dataIndex="contractDate" title={t('admin.contractDate')} />
        <Table.Column dataIndex="status" title={t('common.status')} render={(v: string) => <Tag color={v === 'ACTIVE' ? 'green' : 'red'}>{label('OrgUnitStatus', v)}</Tag>} />
        <Table.Column dataIndex="timeZone" title={t('admin.timeZone')} />
        <Table.Column dataIndex="createdAt" title={t('common.createdAt')} render={(v: string) => <DateTime value={v} />} />
        <Table.Column title={t('table.actions')} render={(_, r: { id: string }) => <EditButton hideText size="small" recordItemId={r.id} />} />
      </Table>
    </List>
  );
}
