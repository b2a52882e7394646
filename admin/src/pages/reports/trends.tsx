import { List } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { App, Button, Card, DatePicker, Dropdown, Empty, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useState } from 'react';
import { OrgUnitPicker } from '../../components/pickers';
import { useGql } from '../../hooks/use-gql';
import { dayjs } from '../../time';
import { useZone } from '../appointments/shared';
import { exportRows, type ExportColumn } from '../orders/export';
import { percent, percentValue } from '../../percent';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

interface ReportRow { period: string; previousPeriod: string; key: string | null; label: string | null; value: number | null; previousValue: number | null; count: number; base: number | null }

const KINDS = ['CASES', 'COMPLAINTS', 'ORDERS', 'ORDER_AMOUNT', 'RETURNS', 'CALLBACKS_COMPLETED', 'APPOINTMENTS_BOOKED', 'APPOINTMENTS_COMPLETED', 'SLA_COMPLIANCE', 'SATISFACTION'];
const RATES = new Set(['SLA_COMPLIANCE', 'SATISFACTION']);
/** The enum a kind's dimension codes are named by (DIMENSION grouping). */
const DIMENSION_ENUM: Record<string, string> = { CASES: 'CaseType', COMPLAINTS: 'CaseCategory', ORDERS: 'OrderChannel', ORDER_AMOUNT: 'OrderChannel', RETURNS: 'ReturnKind', CALLBACKS_COMPLETED: 'CallbackRuleKind', SLA_COMPLIANCE: 'ReportSla' };

/**
 * 报表中心 (/reports): report(kind, period, range, grouping, store) drawn as a line (no grouping)
 * or stacked bars (by store, agent or dimension), the table beside the previous period, and the
 * CSV / Excel export of the same rows with Chinese headers.
 */
export function ReportCenter() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { today } = useZone();
  const [range, setRange] = useState<[string, string]>(() => [dayjs(today()).subtract(2, 'month').startOf('month').format('YYYY-MM-DD'), today()]);
  const [kind, setKind] = useState('CASES');
  const [period, setPeriod] = useState('MONTH');
  const [groupBy, setGroupBy] = useState('NONE');
  const [storeId, setStoreId] = useState<string | undefined>();
  const query = useGql<{ report: { rows: ReportRow[] } }>('Report', { input: { kind, from: range[0], to: range[1], period, groupBy, storeId: storeId ?? null } });
  const rows = query.data?.report.rows ?? [];
  const rate = RATES.has(kind);
  const show = (v: number | null) => (v == null ? '—' : rate ? percent(v) : kind === 'ORDER_AMOUNT' ? (v / 100).toFixed(2) : String(v));
  const name = (r: ReportRow) => {
    if (groupBy === 'NONE') return t('reports.all');
    if (groupBy === 'DIMENSION' && r.key != null && DIMENSION_ENUM[kind]) return t(`enums.${DIMENSION_ENUM[kind]}.${r.key}`, r.key || t('reports.unnamed'));
    return r.label ?? t('reports.unnamed');
  };
  const columns: (ExportColumn<ReportRow> & { key: string })[] = [
    { key: 'period', title: t('reports.period'), value: (r) => r.period },
    { key: 'name', title: t(`enums.ReportGroupBy.${groupBy}`), value: name },
    { key: 'value', title: t(`enums.ReportKind.${kind}`), value: (r) => show(r.value) },
    { key: 'previousValue', title: t('reports.previous'), value: (r) => show(r.previousValue) },
    ...(rate ? [{ key: 'base', title: t('reports.base'), value: (r: ReportRow) => r.base ?? 0 }] : []),
  ];
  const runExport = async (format: 'csv' | 'xlsx') => {
    await exportRows(format, `${t('reports.title')}-${range[0]}-${range[1]}`, columns, rows);
    message.success(t('reports.exported', { count: rows.length }));
  };
  const periods = [...new Set(rows.map((r) => r.period))];
  const groups = [...new Set(rows.map(name))];
  const scale = (v: number | null) => (v == null ? null : rate ? percentValue(v) : kind === 'ORDER_AMOUNT' ? v / 100 : v);
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', min: 0 },
    series: groups.map((g) => ({
      name: g, type: groupBy === 'NONE' || rate ? 'line' : 'bar', stack: groupBy === 'NONE' || rate ? undefined : 'all',
      data: periods.map((p) => scale(rows.find((r) => r.period === p && name(r) === g)?.value ?? null)),
    })),
  };

  return (
    <List
      title={t('reports.title')}
      headerButtons={
        <Dropdown disabled={!rows.length} menu={{ items: [{ key: 'csv', label: t('reports.exportCsv') }, { key: 'xlsx', label: t('reports.exportXlsx') }], onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx') }}>
          <Button icon={<DownloadOutlined />} data-testid="report-export">{t('reports.export')}</Button>
        </Dropdown>
      }
    >
      <Typography.Paragraph type="secondary">{t('reports.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 160 }} value={kind} onChange={setKind} options={KINDS.map((k) => ({ value: k, label: t(`enums.ReportKind.${k}`) }))} data-testid="report-kind" />
        <DatePicker.RangePicker allowClear={false} value={[dayjs(range[0]), dayjs(range[1])]} onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} />
        <Select style={{ width: 110 }} value={period} onChange={setPeriod} options={['DAY', 'WEEK', 'MONTH'].map((p) => ({ value: p, label: t(`enums.ReportPeriod.${p}`) }))} data-testid="report-period" />
        <Select style={{ width: 130 }} value={groupBy} onChange={setGroupBy} options={['NONE', 'STORE', 'AGENT', 'TEAM', 'DIMENSION'].map((g) => ({ value: g, label: t(`enums.ReportGroupBy.${g}`) }))} data-testid="report-group" />
        <div style={{ width: 200 }}><OrgUnitPicker placeholder={t('reports.store')} value={storeId} onChange={(v) => setStoreId(v ?? undefined)} /></div>
      </Space>
      {rows.length > 0 ? (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="report-chart">
          <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} opts={{ renderer: 'svg' }} />
        </Card>
      ) : (
        !query.isLoading && <Empty description={t('reports.empty')} style={{ marginBottom: 16 }} />
      )}
      <Table<ReportRow> rowKey={(r) => `${r.period}:${r.key ?? 'none'}`} size="middle" loading={query.isLoading} dataSource={rows} pagination={false} data-testid="report-table"
        onRow={() => ({ 'data-testid': 'report-row' } as never)}>
        {columns.map((c, i) => (
          <Table.Column<ReportRow> key={c.key} title={c.title} align={i > 1 ? 'right' : 'left'} render={(_, r) => c.value(r)} />
        ))}
      </Table>
    </List>
  );
}
