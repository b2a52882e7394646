import { CreateButton, List, ShowButton, useTable, FilterDropdown } from '@refinedev/antd';
import { useTranslate, type CrudFilter } from '@refinedev/core';
import { Input, Select, Space, Table, Tag } from 'antd';
import { DateTime, PriorityTag, SlaCountdown, VipMark, useEnumLabel, useStateLabel } from '../../components/display';
import { op } from '../../operations';
import type { BoardCase } from '../../types';

const enumOptions = (label: (e: string, v: string) => string, name: string, values: string[]) => values.map((v) => ({ value: v, label: label(name, v) }));

/** Every case in scope with the API's filters and sorting; live (new and changed cases refresh the page). */
export function CaseList() {
  const t = useTranslate();
  const label = useEnumLabel();
  const stateLabel = useStateLabel();
  const { tableProps, setFilters } = useTable<BoardCase>({
    resource: 'cases',
    meta: { gqlQuery: op('CaseList') },
    sorters: { initial: [{ field: 'createdAt', order: 'desc' }] },
    filters: { initial: [] },
    liveMode: 'auto',
  });
  const search = (text: string) =>
    setFilters(text ? ([{ operator: 'or', value: [{ field: 'caseNo', operator: 'contains', value: text }, { field: 'subject', operator: 'contains', value: text }] }] as CrudFilter[]) : [], 'replace');
  return (
    <List headerButtons={<Space><Input.Search allowClear data-testid="list-search" placeholder={`${t("cases.caseNo")} / ${t("cases.subject")}`} onSearch={search} style={{ width: 260 }} /><CreateButton /></Space>}>
      <Table {...tableProps} rowKey="id" size="middle" data-testid="case-table">
        <Table.Column dataIndex="caseNo" title={t('cases.caseNo')} sorter render={(v: string, r: BoardCase) => <Space size={4}>{v}<VipMark vip={r.isVip} /></Space>} />
        <Table.Column dataIndex="subject" title={t('cases.subject')} ellipsis />
        <Table.Column
          dataIndex="type"
          title={t('cases.type')}
          render={(v: string) => label('CaseType', v)}
          filterDropdown={(props) => <FilterDropdown {...props}><Select mode="multiple" style={{ minWidth: 160 }} options={enumOptions(label, 'CaseType', ['CONSULTATION', 'MEDICATION_CONSULTATION', 'COMPLAINT', 'AFTER_SALES', 'ORDER_INQUIRY', 'SUGGESTION', 'PRAISE'])} /></FilterDropdown>}
        />
        <Table.Column
          dataIndex="priority"
          title={t('cases.priority')}
          render={(v: string) => <PriorityTag priority={v} />}
          filterDropdown={(props) => <FilterDropdown {...props}><Select mode="multiple" style={{ minWidth: 140 }} options={enumOptions(label, 'CasePriority', ['URGENT', 'HIGH', 'NORMAL', 'LOW'])} /></FilterDropdown>}
        />
        <Table.Column
          dataIndex="stage"
          title={t('cases.state')}
          sorter
          render={(_: string, r: BoardCase) => <Tag>{stateLabel(r.state, r.stateLabel)}</Tag>}
          filterDropdown={(props) => <FilterDropdown {...props}><Select mode="multiple" style={{ minWidth: 160 }} options={enumOptions(label, 'CaseStage', ['NEW', 'OPEN', 'PENDING_CUSTOMER', 'RESOLVED', 'CLOSED'])} /></FilterDropdown>}
        />
        <Table.Column
          dataIndex="slaStatus"
          title={t('cases.sla')}
          render={(v: string, r: BoardCase) => <SlaCountdown status={v} dueAt={r.slaDueAt} />}
          filterDropdown={(props) => <FilterDropdown {...props}><Select mode="multiple" style={{ minWidth: 140 }} options={enumOptions(label, 'SlaStatus', ['OK', 'WARNING', 'BREACHED', 'NONE'])} /></FilterDropdown>}
        />
        <Table.Column dataIndex={['owner', 'displayName']} title={t('cases.owner')} render={(v?: string) => v ?? t('common.unassigned')} />
        <Table.Column dataIndex={['customer', 'name']} title={t('cases.customer')} />
        <Table.Column dataIndex="slaDueAt" title={t('cases.slaDueAt')} sorter render={(v: string) => <DateTime value={v} />} />
        <Table.Column dataIndex="createdAt" title={t('cases.createdAt')} sorter render={(v: string) => <DateTime value={v} />} />
        <Table.Column title={t('table.actions')} render={(_, r: BoardCase) => <ShowButton hideText size="small" recordItemId={r.id} />} />
      </Table>
    </List>
  );
}
