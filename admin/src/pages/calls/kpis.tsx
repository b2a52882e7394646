import { List } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { App, Button, Card, DatePicker, Dropdown, Empty, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useState } from 'react';
import { OrgUnitPicker } from '../../components/pickers';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { dayjs } from '../../time';
import { startOfDay, useZone } from '../appointments/shared';
import { exportRows, type ExportColumn } from '../orders/export';
import { percent, percentValue } from '../../percent';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

interface CallFigures {
  offered: number; answered: number; abandoned: number; shortAbandoned: number; missed: number; outbound: number; talked: number;
  answerRate: number | null; answerRateTarget: number | null; answerRateBelowTarget: boolean; averageTalkSeconds: number | null; averageTalkSecondsTarget: number | null; averageTalkAboveTarget: boolean; averageHandleSeconds: number | null;
  salesCalls: number; conversionRate: number | null; conversionRateTarget: number | null; conversionRateBelowTarget: boolean;
}
/** A row of agentKpis as the API sends it. */
interface AgentKpiRow {
  period: string | null; key: string | null; label: string | null; franchiseId: string | null; belowTarget: boolean;
  calls: CallFigures;
  cases: { cases: number; consultations: number; complaints: number; resolved: number; resolutionRate: number | null; averageFirstResponseSeconds: number | null; consultationReplyOnTimeRate: number | null; complaintOnTimeRate: number | null };
  orders: { ordersEntered: number; ordersHandled: number; onTimeRate: number | null; errors: number; errorRate: number | null };
  satisfaction: { rated: number; dissatisfied: number; dissatisfactionRate: number | null };
}
/** The call figures flat beside the row's other parts (the table's and the export's columns read it). */
type KpiRow = Omit<AgentKpiRow, 'calls'> & CallFigures;
const flat = (r: AgentKpiRow): KpiRow => ({ ...r, ...r.calls });
interface AgentScore { agentId: string; reviews: number; averageScore: number | null; criticalFailures: number; disputed: number }
/** A KPI row with the agent's QA figures over the same days (grouped by agent). */
type BoardRow = KpiRow & { qa?: AgentScore };

const seconds = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(0));
const GROUPS = ['AGENT', 'TEAM', 'STORE', 'FRANCHISE'];

/**
 * 坐席KPI (/calls/kpis): agentKpis (calls, cases, orders, satisfaction) over a period by agent,
 * store or franchise against the franchise's targets (a KPI off target in red), each agent's QA average beside it; the chart and
 * the CSV / Excel export are drawn from the same rows as the table.
 */
export function CallKpiBoard() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { can } = useMe();
  const { zone, today } = useZone();
  const [range, setRange] = useState<[string, string]>(() => [dayjs(today()).startOf('month').format('YYYY-MM-DD'), today()]);
  const [groupBy, setGroupBy] = useState('AGENT');
  const [period, setPeriod] = useState('MONTH');
  const [storeId, setStoreId] = useState<string | undefined>();
  // The help text states the franchise's own short-abandon threshold.
  const settings = useGql<{ callSettings: { shortAbandonSeconds: number } }>('CallSettings');
  const query = useGql<{ agentKpis: { rows: AgentKpiRow[]; totals: AgentKpiRow } }>('AgentKpis', { input: { from: range[0], to: range[1], period, groupBy, storeId: storeId ?? null } });
  const scores = useGql<{ qaAgentScores: AgentScore[] }>('QaAgentScores', { from: startOfDay(range[0], zone), to: startOfDay(dayjs(range[1]).add(1, 'day').format('YYYY-MM-DD'), zone) }, { enabled: groupBy === 'AGENT' && can('quality:read') });
  const qa = new Map((scores.data?.qaAgentScores ?? []).map((s) => [s.agentId, s]));
  // The API's rows as they are (its definitions and target marks); the agent's QA figures over the same dates beside them.
  const rows: BoardRow[] = (query.data?.agentKpis.rows ?? []).map((r) => ({ ...flat(r), qa: r.key ? qa.get(r.key) : undefined }));
  const totals = query.data ? flat(query.data.agentKpis.totals) : undefined;
  const name = (r: BoardRow) => r.label ?? t('calls.unnamed');

  const columns: (ExportColumn<BoardRow> & { bad?: (r: BoardRow) => boolean; key: string })[] = [
    { key: 'period', title: t('calls.period'), value: (r) => r.period ?? '' },
    { key: 'name', title: t(`enums.CallKpiGroupBy.${groupBy}`), value: name },
    { key: 'offered', title: t('calls.offered'), value: (r) => r.offered },
    { key: 'answered', title: t('calls.answered'), value: (r) => r.answered },
    { key: 'abandoned', title: t('calls.abandoned'), value: (r) => r.abandoned },
    { key: 'shortAbandoned', title: t('calls.shortAbandoned'), value: (r) => r.shortAbandoned },
    { key: 'missed', title: t('calls.missed'), value: (r) => r.missed },
    { key: 'outbound', title: t('calls.outbound'), value: (r) => r.outbound },
    { key: 'answerRate', title: t('calls.answerRate'), value: (r) => percent(r.answerRate), bad: (r) => r.answerRateBelowTarget },
    { key: 'answerRateTarget', title: t('calls.answerRateTarget'), value: (r) => percent(r.answerRateTarget) },
    { key: 'averageTalk', title: t('calls.averageTalk'), value: (r) => seconds(r.averageTalkSeconds), bad: (r) => r.averageTalkAboveTarget },
    { key: 'averageTalkTarget', title: t('calls.averageTalkTarget'), value: (r) => r.averageTalkSecondsTarget ?? '—' },
    { key: 'averageHandle', title: t('calls.averageHandle'), value: (r) => seconds(r.averageHandleSeconds) },
    { key: 'salesCalls', title: t('calls.salesCalls'), value: (r) => r.salesCalls },
    { key: 'conversionRate', title: t('calls.conversionRate'), value: (r) => percent(r.conversionRate), bad: (r) => r.conversionRateBelowTarget },
    { key: 'conversionRateTarget', title: t('calls.conversionRateTarget'), value: (r) => percent(r.conversionRateTarget) },
    { key: 'consultations', title: t('calls.consultations'), value: (r) => r.cases.consultations },
    { key: 'complaints', title: t('calls.complaints'), value: (r) => r.cases.complaints },
    { key: 'resolutionRate', title: t('calls.resolutionRate'), value: (r) => percent(r.cases.resolutionRate) },
    { key: 'firstResponse', title: t('calls.firstResponse'), value: (r) => seconds(r.cases.averageFirstResponseSeconds) },
    { key: 'consultationOnTime', title: t('calls.consultationOnTime'), value: (r) => percent(r.cases.consultationReplyOnTimeRate) },
    { key: 'complaintOnTime', title: t('calls.complaintOnTime'), value: (r) => percent(r.cases.complaintOnTimeRate) },
    { key: 'ordersEntered', title: t('calls.ordersEntered'), value: (r) => r.orders.ordersEntered },
    { key: 'orderOnTime', title: t('calls.orderOnTime'), value: (r) => percent(r.orders.onTimeRate) },
    { key: 'orderErrorRate', title: t('calls.orderErrorRate'), value: (r) => percent(r.orders.errorRate) },
    { key: 'dissatisfactionRate', title: t('calls.dissatisfactionRate'), value: (r) => percent(r.satisfaction.dissatisfactionRate) },
    ...(groupBy === 'AGENT' && can('quality:read')
      ? [
          { key: 'qaAverage', title: t('quality.averageScore'), value: (r: BoardRow) => (r.qa?.averageScore == null ? '—' : r.qa.averageScore.toFixed(1)) },
          { key: 'qaReviews', title: t('quality.reviews'), value: (r: BoardRow) => r.qa?.reviews ?? 0 },
          { key: 'qaCritical', title: t('quality.criticalFailures'), value: (r: BoardRow) => r.qa?.criticalFailures ?? 0 },
        ]
      : []),
  ];
  const runExport = async (format: 'csv' | 'xlsx') => {
    await exportRows(format, `${t('quality.kpis')}-${range[0]}-${range[1]}`, columns, rows);
    message.success(t('calls.exported', { count: rows.length }));
  };

  const target = rows.find((r) => r.answerRateTarget != null)?.answerRateTarget;
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: rows.map((r) => (period === 'MONTH' && new Set(rows.map((x) => x.period)).size === 1 ? name(r) : `${name(r)} ${r.period ?? ''}`)) },
    yAxis: [{ type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}' } }],
    series: [
      {
        name: t('calls.answerRate'), type: 'bar',
        data: rows.map((r) => ({ value: percentValue(r.answerRate), itemStyle: { color: r.answerRateBelowTarget ? '#f5222d' : '#1677ff' } })),
        markLine: target != null ? { symbol: 'none', data: [{ yAxis: target * 100, name: t('calls.answerRateTarget') }], lineStyle: { type: 'dashed', color: '#fa8c16' }, label: { formatter: `${t('calls.answerRateTarget')} {c}%` } } : undefined,
      },
      ...(groupBy === 'AGENT' && can('quality:read') ? [{ name: t('quality.averageScore'), type: 'line', data: rows.map((r) => r.qa?.averageScore ?? null), color: '#52c41a' }] : []),
    ],
  };

  return (
    <List
      title={t('quality.kpis')}
      headerButtons={
        <Dropdown disabled={!rows.length} menu={{ items: [{ key: 'csv', label: t('calls.exportCsv') }, { key: 'xlsx', label: t('calls.exportXlsx') }], onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx') }}>
          <Button icon={<DownloadOutlined />} data-testid="kpi-export">{t('calls.export')}</Button>
        </Dropdown>
      }
    >
      <Typography.Paragraph type="secondary">{t('calls.kpiHelp', { seconds: settings.data?.callSettings.shortAbandonSeconds ?? 5 })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('calls.agentKpiHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker allowClear={false} data-testid="kpi-period" value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} />
        <Select style={{ width: 120 }} value={period} onChange={setPeriod} options={['DAY', 'WEEK', 'MONTH'].map((p) => ({ value: p, label: t(`enums.CallKpiPeriod.${p}`) }))} data-testid="kpi-period-unit" />
        <Select style={{ width: 140 }} value={groupBy} onChange={setGroupBy} options={GROUPS.map((g) => ({ value: g, label: t(`enums.CallKpiGroupBy.${g}`) }))} data-testid="kpi-group" />
        <div style={{ width: 200 }}><OrgUnitPicker placeholder={t('calls.store')} value={storeId} onChange={(v) => setStoreId(v ?? undefined)} /></div>
      </Space>
      {rows.length > 0 ? (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="kpi-chart">
          <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} opts={{ renderer: 'svg' }} />
        </Card>
      ) : (
        !query.isLoading && <Empty description={t('calls.noKpis')} style={{ marginBottom: 16 }} />
      )}
      <Table<BoardRow> rowKey={(r) => `${r.period}:${r.key ?? 'none'}`} size="middle" loading={query.isLoading} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} data-testid="kpi-table"
        onRow={(r) => ({ 'data-testid': 'kpi-row', 'data-key': r.key ?? '' } as never)}
        summary={() => totals && rows.length > 0 ? (
          <Table.Summary.Row data-testid="kpi-totals">
            {columns.map((c, i) => <Table.Summary.Cell key={c.key} index={i} align={i > 1 ? 'right' : 'left'}><Typography.Text strong>{i === 0 ? t('calls.totals') : c.key.startsWith('qa') || c.key === 'name' ? '' : c.value(totals as BoardRow)}</Typography.Text></Table.Summary.Cell>)}
          </Table.Summary.Row>
        ) : null}>
        {columns.map((c, i) => (
          <Table.Column<BoardRow> key={c.key} title={c.title} align={i > 1 ? 'right' : 'left'}
            render={(_, r) => (c.bad?.(r) ? <Typography.Text type="danger" data-testid="below-target" title={t('calls.belowTarget')}>{c.value(r)} ▼</Typography.Text> : <span data-testid={`kpi-${c.key}`}>{c.value(r)}</span>)} />
        ))}
      </Table>
    </List>
  );
}
