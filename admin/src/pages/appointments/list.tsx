import { List, useTable } from '@refinedev/antd';
import { useTranslate, type CrudFilter } from '@refinedev/core';
import { App, Button, Card, DatePicker, Dropdown, Input, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { OrgUnitPicker, StaffPicker } from '../../components/pickers';
import { toApiFilter } from '../../data/data-provider';
import { useGql } from '../../hooks/use-gql';
import { op } from '../../operations';
import { dayjs } from '../../time';
import { filterValue, replaceFilter } from '../inventory/shared';
import { EXPORT_MAX, exportRows, readAll, type ExportColumn } from '../orders/export';
import { AppointmentActions } from './actions';
import { CHANNELS, startOfDay, STATUSES, StatusTag, useZone, type AppointmentRow } from './shared';

/** Time-of-day slots at the store (local start time). */
const TIME_SLOTS: Record<string, { gte?: string; lt?: string }> = { morning: { lt: '12:00' }, afternoon: { gte: '12:00', lt: '18:00' }, evening: { gte: '18:00' } };
const DIMENSIONS = ['STORE', 'DOCTOR', 'DATE', 'HOUR'];

/**
 * Appointment search (预约查询): customer name / phone / member card, status, channel, store,
 * doctor, dates and time of day; live; CSV / Excel export of what the filters select (the same
 * query page by page); counts by store, doctor, date and hour for the same filters.
 */
export function AppointmentList() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { zone, format } = useZone();
  const { tableProps, filters, sorters, setFilters, tableQuery } = useTable<AppointmentRow>({
    resource: 'appointments',
    meta: { gqlQuery: op('AppointmentList') },
    sorters: { initial: [{ field: 'startsAt', order: 'desc' }] },
    filters: { initial: [] },
    pagination: { pageSize: 20 },
  });
  const [text, setText] = useState(() => String(filterValue(filters, 'customer') ?? '').replace(/%/g, ''));
  const [exporting, setExporting] = useState(false);
  const [open, setOpen] = useState<AppointmentRow | null>(null);
  const [dims, setDims] = useState<string[]>(['STORE']);
  const set = (field: string, operator: 'in' | 'eq' | 'between' | 'contains', value: unknown) => replaceFilter(setFilters as never, field, operator as never, value);
  const range = filterValue(filters, 'startsAt') as [string, string] | undefined;
  const slot = Object.entries(TIME_SLOTS).find(([key]) => filters.some((f) => (f as { key?: string }).key === `slot:${key}`))?.[0];
  const apiFilter = toApiFilter(filters);
  const stats = useGql<{ appointmentStatistics: Record<string, string | number | null>[] }>('AppointmentStatistics', { by: dims, filter: apiFilter }, { enabled: dims.length > 0 });

  const setSlot = (key?: string) =>
    setFilters((previous: CrudFilter[]) => [
      ...previous.filter((f) => !String((f as { key?: string }).key ?? '').startsWith('slot:')),
      ...(key ? [{ key: `slot:${key}`, operator: 'and', value: Object.entries(TIME_SLOTS[key]!).map(([op, v]) => ({ field: 'timeOfDay', operator: op, value: v })) } as CrudFilter] : []),
    ]);

  const columns: ExportColumn<AppointmentRow>[] = [
    { title: t('appointments.appointmentNo'), value: (r) => r.appointmentNo },
    { title: t('appointments.time'), value: (r) => format(r.startsAt) },
    { title: t('appointments.status'), value: (r) => t(`enums.AppointmentStatus.${r.status}`) },
    { title: t('appointments.customer'), value: (r) => r.customer?.name },
    { title: t('appointments.doctor'), value: (r) => r.doctor?.displayName },
    { title: t('appointments.store'), value: (r) => r.store?.name },
    { title: t('appointments.service'), value: (r) => r.service?.name },
    { title: t('appointments.channel'), value: (r) => t(`enums.AppointmentChannel.${r.channel}`) },
    { title: t('appointments.cancelReason'), value: (r) => r.cancelReason },
    { title: t('appointments.note'), value: (r) => r.note },
  ];
  const runExport = async (fmt: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      const sorting = sorters.map((s) => ({ field: s.field, direction: s.order.toUpperCase() }));
      const { rows, capped } = await readAll<AppointmentRow>('AppointmentList', 'appointments', { filter: apiFilter, sorting });
      await exportRows(fmt, `${t('appointments.list')}-${dayjs().format('YYYYMMDD-HHmm')}`, columns, rows);
      if (capped) message.warning(t('appointments.exportCapped', { count: EXPORT_MAX }));
      else message.success(t('appointments.exported', { count: rows.length }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <List
      title={t('appointments.list')}
      headerButtons={
        <Dropdown menu={{ items: [{ key: 'csv', label: t('appointments.exportCsv'), 'data-testid': 'export-csv' } as never, { key: 'xlsx', label: t('appointments.exportXlsx'), 'data-testid': 'export-xlsx' } as never], onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx') }}>
          <Button icon={<DownloadOutlined />} loading={exporting} data-testid="appointments-export">{t('appointments.export')}</Button>
        </Dropdown>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear style={{ width: 260 }} placeholder={t('appointments.searchPlaceholder')} data-testid="list-search" value={text}
          onChange={(e) => { setText(e.target.value); if (!e.target.value) set('customer', 'contains', undefined); }} onSearch={(v) => set('customer', 'contains', v.trim() || undefined)} />
        <Select mode="multiple" allowClear style={{ minWidth: 150 }} placeholder={t('appointments.status')} value={(filterValue(filters, 'status') as string[]) ?? []}
          onChange={(v) => set('status', 'in', v)} options={STATUSES.map((s) => ({ value: s, label: t(`enums.AppointmentStatus.${s}`) }))} data-testid="status-filter" />
        <Select mode="multiple" allowClear style={{ minWidth: 130 }} placeholder={t('appointments.channel')} value={(filterValue(filters, 'channel') as string[]) ?? []}
          onChange={(v) => set('channel', 'in', v)} options={CHANNELS.map((s) => ({ value: s, label: t(`enums.AppointmentChannel.${s}`) }))} />
        <div style={{ width: 180 }}><OrgUnitPicker kinds={['STORE', 'BRANCH_CENTER']} placeholder={t('appointments.store')} value={filterValue(filters, 'storeId') as string | undefined} onChange={(v) => set('storeId', 'eq', v)} /></div>
        <div style={{ width: 160 }}><StaffPicker jobTitles={['DOCTOR']} placeholder={t('appointments.doctor')} value={filterValue(filters, 'doctorId') as string | undefined} onChange={(v) => set('doctorId', 'eq', v)} /></div>
        <DatePicker.RangePicker value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
          onChange={(v) => set('startsAt', 'between', v?.[0] && v[1] ? [startOfDay(v[0].format('YYYY-MM-DD'), zone), startOfDay(v[1].add(1, 'day').format('YYYY-MM-DD'), zone)] : undefined)} />
        <Select allowClear style={{ width: 160 }} placeholder={t('appointments.timeSlot')} value={slot} onChange={(v) => setSlot(v)} options={Object.keys(TIME_SLOTS).map((k) => ({ value: k, label: t(`appointments.${k}`) }))} />
      </Space>
      <Table<AppointmentRow> {...tableProps} rowKey="id" size="middle" scroll={{ x: 'max-content' }} data-testid="appointment-table" onRow={(r) => ({ onClick: () => setOpen(r) })}>
        <Table.Column<AppointmentRow> dataIndex="appointmentNo" title={t('appointments.appointmentNo')} sorter className="pd-nowrap" render={(v: string) => <span data-lang-neutral>{v}</span>} />
        <Table.Column<AppointmentRow> dataIndex="startsAt" title={t('appointments.time')} sorter className="pd-nowrap" render={(v: string) => format(v)} />
        <Table.Column<AppointmentRow> dataIndex="status" title={t('appointments.status')} render={(v: string) => <StatusTag status={v} />} />
        <Table.Column<AppointmentRow> key="customer" title={t('appointments.customer')} className="pd-nowrap" render={(_, r) => r.customer?.name ?? '—'} />
        <Table.Column<AppointmentRow> key="doctor" title={t('appointments.doctor')} render={(_, r) => r.doctor?.displayName ?? '—'} />
        <Table.Column<AppointmentRow> key="store" title={t('appointments.store')} responsive={['lg']} render={(_, r) => r.store?.name ?? '—'} />
        <Table.Column<AppointmentRow> key="service" title={t('appointments.service')} render={(_, r) => r.service?.name ?? '—'} />
        <Table.Column<AppointmentRow> dataIndex="channel" title={t('appointments.channel')} responsive={['lg']} render={(v: string) => t(`enums.AppointmentChannel.${v}`)} />
      </Table>
      <Card size="small" title={t('appointments.statistics')} style={{ marginTop: 16 }} data-testid="appointment-stats"
        extra={<Select mode="multiple" style={{ minWidth: 220 }} value={dims} onChange={setDims} options={DIMENSIONS.map((d) => ({ value: d, label: t(`enums.AppointmentStatsDimension.${d}`) }))} />}>
        <Table size="small" pagination={false} rowKey={(r) => JSON.stringify([r.storeId, r.doctorId, r.date, r.hour])} dataSource={stats.data?.appointmentStatistics ?? []}>
          {dims.includes('STORE') && <Table.Column key="store" title={t('appointments.store')} dataIndex="storeName" />}
          {dims.includes('DOCTOR') && <Table.Column key="doctor" title={t('appointments.doctor')} dataIndex="doctorName" />}
          {dims.includes('DATE') && <Table.Column key="date" title={t('appointments.date')} dataIndex="date" />}
          {dims.includes('HOUR') && <Table.Column key="hour" title={t('appointments.hour')} dataIndex="hour" render={(h: number) => `${String(h).padStart(2, '0')}:00`} />}
          <Table.Column key="total" title={t('appointments.total')} dataIndex="total" align="right" />
          <Table.Column key="active" title={t('appointments.active')} dataIndex="active" align="right" />
          <Table.Column key="completed" title={t('appointments.completed')} dataIndex="completed" align="right" />
          <Table.Column key="cancelled" title={t('appointments.cancelled')} dataIndex="cancelled" align="right" />
          <Table.Column key="noShow" title={t('appointments.noShowCount')} dataIndex="noShow" align="right" />
          <Table.Column key="rescheduled" title={t('appointments.rescheduled')} dataIndex="rescheduled" align="right" />
        </Table>
      </Card>
      <AppointmentActions appointment={open} onClose={() => setOpen(null)} onChanged={() => void tableQuery.refetch()} />
    </List>
  );
}

/** The next day's list (次日预约清单): every active appointment of tomorrow in scope, in time order, printable. */
export function NextDayList() {
  const t = useTranslate();
  const { zone, format, today } = useZone();
  const [date, setDate] = useState(() => dayjs(today()).add(1, 'day').format('YYYY-MM-DD'));
  const [doctorId, setDoctorId] = useState<string>();
  const { data, isFetching } = useGql<{ appointments: { nodes: AppointmentRow[] } }>('AppointmentList', {
    filter: { startsAt: { gte: startOfDay(date, zone), lt: startOfDay(dayjs(date).add(1, 'day').format('YYYY-MM-DD'), zone) }, status: { in: ['REQUESTED', 'CONFIRMED', 'CHECKED_IN'] }, ...(doctorId ? { doctorId: { eq: doctorId } } : {}) },
    sorting: [{ field: 'startsAt', direction: 'ASC' }],
    paging: { limit: 500 },
  });
  return (
    <Card title={t('appointments.nextDay')} extra={<Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('appointments.print')}</Button>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker allowClear={false} value={dayjs(date)} onChange={(v) => v && setDate(v.format('YYYY-MM-DD'))} />
        <div style={{ width: 180 }}><StaffPicker jobTitles={['DOCTOR']} placeholder={t('appointments.doctor')} value={doctorId} onChange={setDoctorId} /></div>
      </Space>
      <Typography.Paragraph type="secondary">{t('appointments.nextDayHelp', { date })}</Typography.Paragraph>
      <Table<AppointmentRow> rowKey="id" size="small" loading={isFetching} pagination={false} dataSource={data?.appointments.nodes ?? []} data-testid="next-day-table">
        <Table.Column<AppointmentRow> key="time" title={t('appointments.time')} render={(_, r) => format(r.startsAt, 'HH:mm')} />
        <Table.Column<AppointmentRow> key="customer" title={t('appointments.customer')} render={(_, r) => r.customer?.name ?? '—'} />
        <Table.Column<AppointmentRow> key="service" title={t('appointments.service')} render={(_, r) => r.service?.name ?? '—'} />
        <Table.Column<AppointmentRow> key="doctor" title={t('appointments.doctor')} render={(_, r) => r.doctor?.displayName ?? '—'} />
        <Table.Column<AppointmentRow> key="store" title={t('appointments.store')} render={(_, r) => r.store?.name ?? '—'} />
        <Table.Column<AppointmentRow> dataIndex="status" title={t('appointments.status')} render={(v: string) => <StatusTag status={v} />} />
        <Table.Column<AppointmentRow> dataIndex="appointmentNo" title={t('appointments.appointmentNo')} render={(v: string) => <span data-lang-neutral>{v}</span>} />
      </Table>
    </Card>
  );
}
