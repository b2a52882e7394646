import { List, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { App, Button, DatePicker, Drawer, Dropdown, Form, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { DownloadOutlined, FlagOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { OrgUnitPicker, StaffPicker } from '../../components/pickers';
import { toApiFilter } from '../../data/data-provider';
import { useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { op } from '../../operations';
import { dayjs } from '../../time';
import { startOfDay, useZone } from '../appointments/shared';
import { filterValue, replaceFilter } from '../inventory/shared';
import { EXPORT_MAX, exportQuery, type ExportColumn } from '../orders/export';
import { CALL_DIRECTIONS, CALL_STATES, CallFacts, CallStateTag, outsideNumber, type CallRow } from './shared';

/**
 * 通话记录 (/calls): the call log of one's part of the organisation with filters (direction,
 * state, agent, store, date, marked for review, number), a call's detail with its recording,
 * marking a call for review, and CSV / Excel export of what the filters select (the same query).
 */
export function CallList() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { can } = useMe();
  const { zone, format } = useZone();
  const { tableProps, filters, sorters, setFilters, tableQuery } = useTable<CallRow>({
    resource: 'calls',
    meta: { gqlQuery: op('CallList') },
    sorters: { initial: [{ field: 'offeredAt', order: 'desc' }] },
    filters: { initial: [] },
    pagination: { pageSize: 20 },
  });
  const [open, setOpen] = useState<CallRow | null>(null);
  const [exporting, setExporting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const mark = useGqlMutation<{ markCallForReview: CallRow }>('MarkCallForReview', { success: 'calls.markedDone' });
  const set = (field: string, operator: 'in' | 'eq' | 'between' | 'contains' | 'nnull', value: unknown) => replaceFilter(setFilters as never, field, operator as never, value);
  const range = filterValue(filters, 'offeredAt') as [string, string] | undefined;
  const apiFilter = toApiFilter(filters);

  const columns: ExportColumn<CallRow>[] = [
    { title: t('calls.offeredAt'), value: (r) => format(r.offeredAt) },
    { title: t('calls.direction'), value: (r) => t(`enums.CallDirection.${r.direction}`) },
    { title: t('calls.state'), value: (r) => t(`enums.CallState.${r.state}`) },
    { title: t('calls.caller'), value: (r) => r.callerNumber },
    { title: t('calls.callee'), value: (r) => r.calleeNumber },
    { title: t('calls.customer'), value: (r) => r.customer?.name },
    { title: t('calls.agent'), value: (r) => r.agent?.displayName },
    { title: t('calls.workNo'), value: (r) => r.agentWorkNo },
    { title: t('calls.store'), value: (r) => r.orgUnit?.name },
    { title: t('calls.line'), value: (r) => r.line },
    { title: t('calls.wait'), value: (r) => r.waitSeconds },
    { title: t('calls.talk'), value: (r) => r.talkSeconds },
    { title: t('calls.hold'), value: (r) => r.holdSeconds },
    { title: t('calls.wrapUp'), value: (r) => r.wrapUpSeconds },
    { title: t('calls.hangupCause'), value: (r) => r.hangupCause },
    { title: t('calls.disposition'), value: (r) => r.disposition },
    { title: t('calls.reviewReason'), value: (r) => r.reviewReason },
  ];
  const runExport = async (fmt: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      const sorting = sorters.map((s) => ({ field: s.field, direction: s.order.toUpperCase() }));
      const { count, capped } = await exportQuery(fmt, `${t('calls.list')}-${dayjs().format('YYYYMMDD-HHmm')}`, columns, 'CallList', 'calls', { filter: apiFilter, sorting });
      if (capped) message.warning(t('calls.exportCapped', { count: EXPORT_MAX }));
      else message.success(t('calls.exported', { count }));
    } finally {
      setExporting(false);
    }
  };

  const submitMark = async () => {
    if (!open) return;
    const { reason } = await form.validateFields();
    const done = await mark.run({ input: { id: open.id, version: open.version, reason } });
    if (done) {
      setOpen(done.markCallForReview);
      form.resetFields();
      void tableQuery.refetch();
    }
  };

  return (
    <List
      title={t('calls.list')}
      headerButtons={
        <Dropdown menu={{ items: [{ key: 'csv', label: t('calls.exportCsv'), 'data-testid': 'export-csv' } as never, { key: 'xlsx', label: t('calls.exportXlsx'), 'data-testid': 'export-xlsx' } as never], onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx') }}>
          <Button icon={<DownloadOutlined />} loading={exporting} data-testid="calls-export">{t('calls.export')}</Button>
        </Dropdown>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear style={{ width: 200 }} placeholder={t('calls.searchNumber')} data-testid="call-number"
          onSearch={(v) => replaceFilter(setFilters as never, 'callerNumber', 'contains', v.trim() || undefined)} />
        <Select mode="multiple" allowClear style={{ minWidth: 120 }} placeholder={t('calls.direction')} value={(filterValue(filters, 'direction') as string[]) ?? []}
          onChange={(v) => set('direction', 'in', v)} options={CALL_DIRECTIONS.map((s) => ({ value: s, label: t(`enums.CallDirection.${s}`) }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 140 }} placeholder={t('calls.state')} value={(filterValue(filters, 'state') as string[]) ?? []}
          onChange={(v) => set('state', 'in', v)} options={CALL_STATES.map((s) => ({ value: s, label: t(`enums.CallState.${s}`) }))} data-testid="call-state-filter" />
        <div style={{ width: 160 }}><StaffPicker placeholder={t('calls.agent')} value={filterValue(filters, 'agentId') as string | undefined} onChange={(v) => set('agentId', 'eq', v)} /></div>
        <div style={{ width: 180 }}><OrgUnitPicker placeholder={t('calls.store')} value={filterValue(filters, 'orgUnitId') as string | undefined} onChange={(v) => set('orgUnitId', 'eq', v)} /></div>
        <DatePicker.RangePicker value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
          onChange={(v) => set('offeredAt', 'between', v?.[0] && v[1] ? [startOfDay(v[0].format('YYYY-MM-DD'), zone), startOfDay(v[1].add(1, 'day').format('YYYY-MM-DD'), zone)] : undefined)} />
        <Space><Switch size="small" data-testid="only-marked" checked={filterValue(filters, 'reviewRequestedAt') !== undefined} onChange={(on) => set('reviewRequestedAt', 'nnull', on ? true : undefined)} />{t('calls.onlyMarked')}</Space>
      </Space>
      <Table<CallRow> {...tableProps} rowKey="id" size="middle" scroll={{ x: 'max-content' }} data-testid="call-table" onRow={(r) => ({ onClick: () => setOpen(r), 'data-testid': 'call-row', 'data-id': r.id } as never)}>
        <Table.Column<CallRow> dataIndex="offeredAt" title={t('calls.offeredAt')} sorter className="pd-nowrap" render={(v: string) => format(v)} />
        <Table.Column<CallRow> dataIndex="direction" title={t('calls.direction')} render={(v: string) => t(`enums.CallDirection.${v}`)} />
        <Table.Column<CallRow> dataIndex="state" title={t('calls.state')} render={(v: string) => <CallStateTag state={v} />} />
        <Table.Column<CallRow> key="number" title={t('calls.searchNumber')} render={(_, r) => <span data-lang-neutral>{outsideNumber(r)}</span>} />
        <Table.Column<CallRow> key="customer" title={t('calls.customer')} render={(_, r) => r.customer?.name ?? '—'} />
        <Table.Column<CallRow> key="agent" title={t('calls.agent')} render={(_, r) => r.agent?.displayName ?? '—'} />
        <Table.Column<CallRow> key="store" title={t('calls.store')} responsive={['lg']} render={(_, r) => r.orgUnit?.name ?? '—'} />
        <Table.Column<CallRow> dataIndex="waitSeconds" title={t('calls.wait')} align="right" sorter />
        <Table.Column<CallRow> dataIndex="talkSeconds" title={t('calls.talk')} align="right" sorter />
        <Table.Column<CallRow> dataIndex="disposition" title={t('calls.disposition')} render={(v: string | null) => v ?? '—'} />
        <Table.Column<CallRow> key="marked" title={t('calls.markForReview')} render={(_, r) => (r.reviewRequestedAt ? <Tag color="gold" icon={<FlagOutlined />}>{t('calls.markedAt')}</Tag> : null)} />
      </Table>
      <Drawer open={!!open} width={720} title={t('calls.detail')} onClose={() => setOpen(null)} destroyOnClose>
        {open && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <CallFacts call={open} />
            {!open.reviewRequestedAt && can('call:review') && (
              <Form form={form} layout="vertical" data-testid="mark-form">
                <Form.Item name="reason" label={t('calls.reviewReason')} rules={[{ required: true, whitespace: true, message: t('calls.reviewReasonRequired') }]}>
                  <Input.TextArea rows={2} maxLength={500} data-testid="mark-reason" />
                </Form.Item>
                <Button type="primary" icon={<FlagOutlined />} loading={mark.loading} onClick={() => void submitMark()} data-testid="mark-submit">{t('calls.markForReview')}</Button>
              </Form>
            )}
          </Space>
        )}
      </Drawer>
    </List>
  );
}
