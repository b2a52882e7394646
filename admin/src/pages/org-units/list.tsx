import { CreateButton, EditButton, List, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Table, Tag } from 'antd';
import { useEnumLabel } from '../../components/display';
import { op } from '../../operations';

/** Stores, branch centers and departments in your scope. */
export function OrgUnitList() {
  const t = useTranslate();
  const label = useEnumLabel();
  const { tableProps } = useTable({ resource: 'orgUnits', meta: { gqlQuery: op('OrgUnitList') }, sorters: { initial: [{ field: 'name', order: 'asc' }] } });
  return (
    <List headerButtons={<CreateButton />}>
      <Table scroll={{ x: 'max-content' }} {...tableProps} rowKey="id" size="middle" data-testid="org-unit-table">
        <Table.Column dataIndex="code" title={t('admin.code')} render={(v: string) => <span data-lang-neutral>{v}</span>} />
        <Table.Column dataIndex="name" title={t('common.name')} sorter />
        <Table.Column dataIndex="kind" title={t('admin.kind')} render={(v: string) => label('OrgUnitKind', v)} />
        <Table.Column dataIndex={['parent', 'name']} title={t('admin.parent')} />
        <Table.Column dataIndex="phone" title={t('admin.phone')} />
        <Table.Column dataIndex="status" title={t('common.status')} render={(v: string) => <Tag color={v === 'ACTIVE' ? 'green' : 'red'}>{label('OrgUnitStatus', v)}</Tag>} />
        <Table.Column title={t('table.actions')} render={(_, r: { id: string }) => <EditButton hideText size="small" recordItemId={r.id} />} />
      </Table>
    </List>
  );
}
