import { CreateButton, DeleteButton, EditButton, List, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Space, Table, Tag, Typography } from 'antd';
import { PermissionTags, usePermissionCatalog } from '../../components/permissions';
import { op } from '../../operations';

interface RoleRow {
  id: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  templateKey: string | null;
  permissions: string[];
}

/** Built-in role templates and the franchise's own roles with their permissions. */
export function RoleList() {
  const t = useTranslate();
  const catalog = usePermissionCatalog();
  const { tableProps } = useTable<RoleRow>({ resource: 'roles', meta: { gqlQuery: op('RoleList') }, sorters: { initial: [{ field: 'name', order: 'asc' }] } });
  return (
    <List headerButtons={<CreateButton />}>
      <Table scroll={{ x: 'max-content' }} {...tableProps} rowKey="id" size="middle">
        <Table.Column dataIndex="name" title={t('common.name')} sorter render={(_: string, r: RoleRow) => <Space>{catalog.roleName(r)}{r.builtIn && <Tag>{t('admin.builtIn')}</Tag>}</Space>} />
        <Table.Column dataIndex="description" title={t('common.description')} render={(_: string, r: RoleRow) => <Typography.Text type="secondary">{catalog.roleDescription(r)}</Typography.Text>} />
        <Table.Column dataIndex="permissions" title={t('admin.permissions')} render={(v: string[]) => <PermissionTags codes={v} />} />
        <Table.Column
          title={t('table.actions')}
          render={(_, r: RoleRow) =>
            r.builtIn ? null : (
              <Space>
                <EditButton hideText size="small" recordItemId={r.id} />
                <DeleteButton hideText size="small" recordItemId={r.id} meta={{ gqlMutation: op('DeleteRole') }} />
              </Space>
            )
          }
        />
      </Table>
    </List>
  );
}
