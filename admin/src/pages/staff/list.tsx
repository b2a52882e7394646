import { CreateButton, EditButton, List, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Input, Space, Table, Tag } from 'antd';
import { DateTime, MaybeMasked, useEnumLabel } from '../../components/display';
import { usePermissionCatalog } from '../../components/permissions';
import { useListSearch } from '../../hooks/use-list-search';
import { op } from '../../operations';

interface StaffRow {
  id: string;
  displayName: string;
  email: string;
  jobTitle: string;
  phone: string | null;
  status: string;
  orgUnit: { name: string } | null;
  roles: { id: string; name: string; templateKey?: string | null }[];
  lastSignInAt: string | null;
}

export function StaffList() {
  const t = useTranslate();
  const label = useEnumLabel();
  const catalog = usePermissionCatalog();
  const { tableProps, filters, setFilters } = useTable<StaffRow>({ resource: 'staffUsers', meta: { gqlQuery: op('StaffList') }, sorters: { initial: [{ field: 'displayName', order: 'asc' }] } });
  const search = useListSearch(filters, setFilters, (text) => [{ field: 'displayName', operator: 'contains', value: text }, { field: 'email', operator: 'contains', value: text }]);
  return (
    <List headerButtons={<Space><Input.Search allowClear className="pd-list-search" data-testid="list-search" placeholder={`${t("admin.displayName")} / ${t('admin.email')}`} style={{ width: 240 }} {...search} /><CreateButton /></Space>}>
      <Table scroll={{ x: 'max-content' }} {...tableProps} rowKey="id" size="middle">
        <Table.Column dataIndex="displayName" title={t('admin.displayName')} sorter />
        <Table.Column dataIndex="email" title={t('admin.email')} sorter />
        <Table.Column dataIndex="jobTitle" title={t('admin.jobTitle')} sorter render={(v: string) => label('JobTitle', v)} />
        <Table.Column dataIndex={['orgUnit', 'name']} title={t('customers.orgUnit')} />
        <Table.Column dataIndex="phone" title={t('admin.phone')} render={(v: string) => <MaybeMasked value={v} />} />
        <Table.Column dataIndex="roles" title={t('admin.roles')} render={(roles: StaffRow['roles']) => roles.map((r) => <Tag key={r.id}>{catalog.roleName({ ...r, permissions: [] })}</Tag>)} />
        <Table.Column dataIndex="status" title={t('common.status')} render={(v: string) => <Tag color={v === 'ACTIVE' ? 'green' : 'default'}>{label('StaffStatus', v)}</Tag>} />
        <Table.Column dataIndex="lastSignInAt" title={t('admin.lastSignInAt')} sorter render={(v: string) => <DateTime value={v} />} />
        <Table.Column title={t('table.actions')} render={(_, r: StaffRow) => <EditButton hideText size="small" recordItemId={r.id} />} />
      </Table>
    </List>
  );
}
