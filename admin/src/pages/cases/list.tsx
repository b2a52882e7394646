import { CreateButton, List, ShowButton, useTable, FilterDropdown, getDefaultFilter, getDefaultSortOrder } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DateTime, PriorityTag, SlaCountdown, VipMark, useEnumLabel, useStateLabel } from '../../components/display';
import { useListSearch } from '../../hooks/use-list-search';
import { op } from '../../operations';
import type { BoardCase } from '../../types';

const enumOptions = (label: (e: string, v: string) => string, name: string, values: string[]) => values.map((v) => ({ value: v, label: label(name, v) }));

/** Every case in scope with the API's filters and sorting; live (new and changed cases refresh the page). Search, filters, sorting and page are in the URL. */
export function CaseList() {
  const t = useTranslate();
  const label = useEnumLabel();
  const stateLabel = useStateLabel();
  const { tableProps, filters, sorters, setFilters } = useTable<BoardCase>({
    resource: 'cases',
    meta: { gqlQuery: op('CaseList') },
    sorters: { initial: [{ field: 'createdAt', order: 'desc' }] },
    filters: { initial: [] },
    liveMode: 'auto',
  });
  const search = useListSearch(filters, setFilters, (text) => [{ field: 'caseNo', operator: 'contains', value: text }, { field: 'subject', operator: 'contains', value: text }]);
  const filtered = (field: string) => ({ defaultFilteredValue: getDefaultFilter(field, filters, 'in') });
  const sorted = (field: string) => ({ sorter: true, defaultSortOrder: getDefaultSortOrder(field, sorters) });
  return (
    <List headerButtons={<Space><Input.Search allowClear className="pd-list-search" data-testid="list-search" placeholder={`${t("cases.caseNo")} / ${t("cases.subject")}`} {...search} style={{ width: 260 }} /><CreateButton /></Space>}>
      <Table scroll={{ x: 'max-content' }} {...tableProps} rowKey="id" size="middle" data-testid="case-table">
        <Table.Column dataIndex="caseNo" title={t('cases.caseNo')} {...sorted('caseNo')} className="pd-nowrap" render={(v: string, r: BoardCase) => <Space size={4}>{v}<VipMark vip={r.isVip} /></Space>} />
        <Table.Column dataIndex="subject" title={t('cases.subject')} render={(v: string) => <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 280, display: 'block' }}>{v}</Typography.Text>} />
        <Table.Column
          dataIndex="type"
          {...filtered('type')}
          responsive={['lg']}
          title={t('cases.type')}
          render={(v: string) => label('CaseType', v)}
          filterDropdown={(props) => <FilterDropdown {...props}><Select mode="multiple" style={{ minWidth: 160 }} options={enumOptions(label, 'CaseType', ['CONSULTATION', 'MEDICATION_CONSULTATION', 'COMPLAINT', 'AFTER_SALES', 'ORDER_INQUIRY', 'SUGGESTION', 'PRAISE'])} /></FilterDropdown>}
        />
        <Table.Column
          dataIndex="priority"
          {...filtered('priority')}
          responsive={['sm']}
          title={t('cases.priority')}
          render={(v: string) => <PriorityTag priority={v} />}
          filterDropdown={(props) => <FilterDropdown {...props}><Select mode="multiple" style={{ minWidth: 140 }} options={enumOptions(label, 'CasePriority', ['URGENT', 'HIGH', 'NORMAL', 'LOW'])} /></FilterDropdown>}
        />
        <Table.Column
          dataIndex="stage"
          title={t('cases.state')}
          {...sorted('stage')}
          {...filtered('stage')}
          render={(_: string, r: BoardCase) => <Tag>{stateLabel(r.state, r.stateLabel)}</Tag>}
          filterDropdown={(props) => <FilterDropdown {...props}><Select mode="multiple" style={{ minWidth: 160 }} options={enumOptions(label, 'CaseStage', ['NEW', 'OPEN', 'PENDING_CUSTOMER', 'RESOLVED', 'CLOSED'])} /></FilterDropdown>}
        />
        <Table.Column
          dataIndex="slaStatus"
          {...filtered('slaStatus')}
          className="pd-nowrap"
          title={t('cases.sla')}
          render={(v: string, r: BoardCase) => <SlaCountdown status={v} dueAt={r.slaDueAt} paused={r.stage === 'PENDING_CUSTOMER'} />}
          filterDropdown={(props) => <FilterDropdown {...props}><Select mode="multiple" style={{ minWidth: 140 }} options={enumOptions(label, 'SlaStatus', ['OK', 'WARNING', 'BREACHED', 'NONE'])} /></FilterDropdown>}
        />
        <Table.Column dataIndex={['owner', 'displayName']} title={t('cases.owner')} responsive={['sm']} className="pd-nowrap" render={(v?: string) => v ?? t('common.unassigned')} />
        <Table.Column dataIndex={['customer', 'name']} title={t('cases.customer')} responsive={['lg']} className="pd-nowrap" />
        <Table.Column dataIndex="slaDueAt" title={t('cases.slaDueAt')} responsive={['xl']} className="pd-nowrap" {...sorted('slaDueAt')} render={(v: string) => <DateTime value={v} />} />
        <Table.Column dataIndex="createdAt" title={t('cases.createdAt')} responsive={['xl']} className="pd-nowrap" {...sorted('createdAt')} render={(v: string) => <DateTime value={v} />} />
        <Table.Column title={t('table.actions')} fixed="right" render={(_, r: BoardCase) => <ShowButton hideText size="small" recordItemId={r.id} data-testid="case-open" />} />
      </Table>
    </List>
  );
}
