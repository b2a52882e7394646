import { List, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Input, Space, Table, Tag, Typography } from 'antd';
import { DateTime, useEnumLabel } from '../../components/display';
import { op } from '../../operations';

interface AuditRow {
  id: string;
  createdAt: string;
  actorLabel: string;
  actorType: string;
  operation: string;
  targetType: string | null;
  targetIds: string[];
  changes: unknown;
}

/** Who changed what (personal data shown redacted by the API). */
export function AuditLogList() {
  const t = useTranslate();
  const label = useEnumLabel();
  const { tableProps, setFilters } = useTable<AuditRow>({ resource: 'auditLogs', meta: { gqlQuery: op('AuditLogList') }, sorters: { initial: [{ field: 'createdAt', order: 'desc' }] } });
  return (
    <List headerButtons={<Space><Input.Search allowClear placeholder={`${t('admin.operation')} / ${t('admin.actor')}`} style={{ width: 260 }} onSearch={(v) => setFilters(v ? [{ operator: 'or', value: [{ field: 'operation', operator: 'contains', value: v }, { field: 'actorLabel', operator: 'contains', value: v }] }] : [], 'replace')} /></Space>}>
      <Table
        {...tableProps}
        rowKey="id"
        size="small"
        expandable={{ expandedRowRender: (r) => <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify(r.changes, null, 2)}</Typography.Paragraph> }}
      >
        <Table.Column dataIndex="createdAt" title={t('common.createdAt')} sorter render={(v: string) => <DateTime value={v} format="YYYY-MM-DD HH:mm:ss" />} />
        <Table.Column dataIndex="actorLabel" title={t('admin.actor')} sorter render={(v: string, r: AuditRow) => <Space>{v}<Tag>{label('ActorType', r.actorType)}</Tag></Space>} />
        <Table.Column dataIndex="operation" title={t('admin.operation')} sorter render={(v: string) => <Typography.Text code>{v}</Typography.Text>} />
        <Table.Column dataIndex="targetType" title={t('admin.target')} render={(v: string, r: AuditRow) => `${v ?? ''} ${r.targetIds.length ? `(${r.targetIds.length})` : ''}`} />
      </Table>
    </List>
  );
}
