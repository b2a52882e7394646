import { List, useTable } from '@refinedev/antd';
import { useGetLocale, useTranslate, type CrudFilter } from '@refinedev/core';
import { entityName, KNOWN_OPERATIONS, operationName, operationsNamed } from './operations';
import { Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DateTime, useEnumLabel } from '../../components/display';
import { useListSearch } from '../../hooks/use-list-search';
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
  const locale = (useGetLocale()() ?? 'zh-CN') as 'zh-CN' | 'en';
  const { tableProps, filters, setFilters } = useTable<AuditRow>({ resource: 'auditLogs', meta: { gqlQuery: op('AuditLogList') }, sorters: { initial: [{ field: 'createdAt', order: 'desc' }] } });
  const search = useListSearch(filters, setFilters, (text) => {
    const named = operationsNamed(text, KNOWN_OPERATIONS);
    return [
      { field: 'operation', operator: 'contains', value: text },
      { field: 'actorLabel', operator: 'contains', value: text },
      ...(named.length ? [{ field: 'operation', operator: 'in', value: named } as CrudFilter] : []),
    ];
  });
  return (
    <List headerButtons={<Space><Input.Search allowClear className="pd-list-search" data-testid="list-search" placeholder={`${t("admin.operation")} / ${t('admin.actor')}`} style={{ width: 260 }} {...search} /></Space>}>
      <Table scroll={{ x: 'max-content' }}
        {...tableProps}
        rowKey="id"
        size="small"
        expandable={{ expandedRowRender: (r) => <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify(r.changes, null, 2)}</Typography.Paragraph> }}
      >
        <Table.Column dataIndex="createdAt" title={t('common.createdAt')} sorter render={(v: string) => <DateTime value={v} format="YYYY-MM-DD HH:mm:ss" />} />
        <Table.Column dataIndex="actorLabel" title={t('admin.actor')} sorter render={(v: string, r: AuditRow) => <Space>{v}<Tag>{label('ActorType', r.actorType)}</Tag></Space>} />
        <Table.Column dataIndex="operation" title={t('admin.operation')} sorter render={(v: string) => <Tooltip title={v}><span data-testid="audit-operation">{operationName(v, locale) ?? <Typography.Text code data-lang-neutral>{v}</Typography.Text>}</span></Tooltip>} />
        <Table.Column dataIndex="targetType" title={t('admin.target')} render={(v: string | null, r: AuditRow) => `${v ? entityName(v, locale) : ''} ${r.targetIds.length ? `(${r.targetIds.length})` : ''}`} />
      </Table>
    </List>
  );
}
