import { useTranslate } from '@refinedev/core';
import { App, Button, Card, Col, DatePicker, Dropdown, Empty, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useState } from 'react';
import { OrgUnitPicker } from '../../components/pickers';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { dayjs } from '../../time';
import { useZone } from '../appointments/shared';
import { exportRows, type ExportColumn } from '../orders/export';
import { percent, percentValue } from '../../percent';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export interface SatisfactionFigure {
  key: string | null;
  label: string | null;
  sent: number;
  answered: number;
  rated: number;
  satisfied: number;
  dissatisfied: number;
  npsAnswered: number;
  promoters: number;
  detractors: number;
  satisfactionRate: number | null;
  dissatisfactionRate: number | null;
  nps: number | null;
  responseRate: number | null;
  averageRating: number | null;
}
interface Figures {
  satisfactionFigures: { from: string; to: string; groupBy: string | null; groups: SatisfactionFigure[]; totals: SatisfactionFigure };
}

const GROUPS = ['STORE', 'AGENT', 'DOCTOR', 'CHANNEL'];

/**
 * 满意度统计 (/surveys/figures): the published rates (satisfaction = 4–5 ÷ rated, dissatisfaction =
 * 1–2 ÷ rated, NPS = % promoters − % detractors, response = answered ÷ sent) over a period in the
 * franchise's zone; the monthly (or daily) trend, the distribution of the ratings, and the rates
 * by store / agent / doctor / channel, exported as CSV or Excel from the same query as the table.
 */
export function SatisfactionFiguresPage() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { me } = useMe();
  const { today } = useZone();
  const [range, setRange] = useState<[string, string]>(() => [dayjs(today()).subtract(5, 'month').startOf('month').format('YYYY-MM-DD'), today()]);
  const [groupBy, setGroupBy] = useState<string>('STORE');
  const [storeId, setStoreId] = useState<string | undefined>();
  const groups = me?.scope.isHq ? ['FRANCHISE', ...GROUPS] : GROUPS;
  const base = { from: range[0], to: range[1], storeId: storeId ?? null };
  const byGroup = useGql<Figures>('SatisfactionFigures', { input: { ...base, groupBy } });
  const days = dayjs(range[1]).diff(dayjs(range[0]), 'day') + 1;
  const trendBy = days > 62 ? 'MONTH' : 'DAY';
  const trend = useGql<Figures>('SatisfactionFigures', { input: { ...base, groupBy: trendBy } });
  const rows = byGroup.data?.satisfactionFigures.groups ?? [];
  const totals = byGroup.data?.satisfactionFigures.totals;
  const trendRows = trend.data?.satisfactionFigures.groups ?? [];
  const name = (r: SatisfactionFigure) => (r.key === null ? t('surveys.none') : groupBy === 'CHANNEL' ? t(`enums.SurveyChannel.${r.key}`, r.key) : (r.label ?? '—'));

  const columns: ExportColumn<SatisfactionFigure & { totals?: boolean }>[] = [
    { title: t(`enums.SatisfactionGroupBy.${groupBy}`), value: (r) => (r.totals ? t('surveys.totals') : name(r)) },
    { title: t('surveys.sent'), value: (r) => r.sent },
    { title: t('surveys.answered'), value: (r) => r.answered },
    { title: t('surveys.responseRate'), value: (r) => percent(r.responseRate) },
    { title: t('surveys.rated'), value: (r) => r.rated },
    { title: t('surveys.satisfied'), value: (r) => r.satisfied },
    { title: t('surveys.satisfactionRate'), value: (r) => percent(r.satisfactionRate) },
    { title: t('surveys.dissatisfied'), value: (r) => r.dissatisfied },
    { title: t('surveys.dissatisfactionRate'), value: (r) => percent(r.dissatisfactionRate) },
    { title: t('surveys.nps'), value: (r) => r.nps },
    { title: t('surveys.averageRating'), value: (r) => r.averageRating },
  ];
  const runExport = async (format: 'csv' | 'xlsx') => {
    await exportRows(format, `${t('surveys.figures')}-${range[0]}-${range[1]}`, columns, totals ? [...rows, { ...totals, totals: true }] : rows);
    message.success(t('surveys.exported', { count: rows.length }));
  };

  const satisfactionSeries = rows.map((r) => percentValue(r.satisfactionRate));
  const dissatisfactionSeries = rows.map((r) => percentValue(r.dissatisfactionRate));
  const byGroupOption = {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v == null ? '—' : `${v}%`) },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 36, bottom: 60 },
    xAxis: { type: 'category', data: rows.map(name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: t('surveys.satisfactionRate'), type: 'bar', color: '#52c41a', data: satisfactionSeries },
      { name: t('surveys.dissatisfactionRate'), type: 'bar', color: '#f5222d', data: dissatisfactionSeries },
    ],
  };
  const trendOption = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: trendRows.map((r) => r.key ?? '') },
    yAxis: [{ type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }, { type: 'value', min: -100, max: 100, name: t('surveys.nps') }],
    series: [
      { name: t('surveys.satisfactionRate'), type: 'line', color: '#52c41a', data: trendRows.map((r) => percentValue(r.satisfactionRate)) },
      { name: t('surveys.dissatisfactionRate'), type: 'line', color: '#f5222d', data: trendRows.map((r) => percentValue(r.dissatisfactionRate)) },
      { name: t('surveys.responseRate'), type: 'line', color: '#1677ff', data: trendRows.map((r) => percentValue(r.responseRate)) },
      { name: t('surveys.nps'), type: 'line', yAxisIndex: 1, color: '#722ed1', data: trendRows.map((r) => r.nps) },
    ],
  };
  const neutral = totals ? totals.rated - totals.satisfied - totals.dissatisfied : 0;
  const distribution = totals
    ? [
        { name: t('surveys.satisfiedBand'), value: totals.satisfied, itemStyle: { color: '#52c41a' } },
        { name: t('surveys.neutralBand'), value: neutral, itemStyle: { color: '#faad14' } },
        { name: t('surveys.dissatisfiedBand'), value: totals.dissatisfied, itemStyle: { color: '#f5222d' } },
      ]
    : [];
  const npsDistribution = totals
    ? [
        { name: t('surveys.promoters'), value: totals.promoters, itemStyle: { color: '#52c41a' } },
        { name: t('surveys.passives'), value: totals.npsAnswered - totals.promoters - totals.detractors, itemStyle: { color: '#faad14' } },
        { name: t('surveys.detractors'), value: totals.detractors, itemStyle: { color: '#f5222d' } },
      ]
    : [];
  const pie = (data: { name: string; value: number }[]) => ({ animation: false, tooltip: { trigger: 'item' }, legend: { show: false }, series: [{ type: 'pie', radius: ['45%', '70%'], label: { formatter: '{b} {c}' }, data }] });

  return (
    <Card title={t('surveys.figures')} data-testid="satisfaction-figures"
      extra={
        <Dropdown menu={{ items: [{ key: 'csv', label: t('surveys.exportCsv') }, { key: 'xlsx', label: t('surveys.exportXlsx') }], onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx') }}>
          <Button icon={<DownloadOutlined />} disabled={!rows.length} data-testid="figures-export">{t('surveys.export')}</Button>
        </Dropdown>
      }>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker allowClear={false} value={[dayjs(range[0]), dayjs(range[1])]} onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} data-testid="figures-range" />
        <div style={{ width: 200 }}><OrgUnitPicker kinds={['STORE', 'BRANCH_CENTER']} placeholder={t('surveys.allStores')} value={storeId} onChange={setStoreId} /></div>
        <Segmented value={groupBy} onChange={(v) => setGroupBy(String(v))} options={groups.map((g) => ({ value: g, label: t(`enums.SatisfactionGroupBy.${g}`) }))} data-testid="figures-group" />
      </Space>
      <Typography.Paragraph type="secondary" data-testid="figures-definitions" data-from={range[0]} data-to={range[1]}>{t('surveys.definitions')}</Typography.Paragraph>
      {totals && (
        <Row gutter={16} style={{ marginBottom: 16 }} data-testid="figures-totals">
          <Col xs={12} md={4}><Statistic title={t('surveys.sent')} value={totals.sent} /></Col>
          <Col xs={12} md={4}><Statistic title={t('surveys.responseRate')} value={percent(totals.responseRate)} /></Col>
          <Col xs={12} md={4}><Statistic title={t('surveys.satisfactionRate')} value={percent(totals.satisfactionRate)} valueStyle={{ color: '#389e0d' }} /></Col>
          <Col xs={12} md={4}><Statistic title={t('surveys.dissatisfactionRate')} value={percent(totals.dissatisfactionRate)} valueStyle={{ color: '#cf1322' }} /></Col>
          <Col xs={12} md={4}><Statistic title={t('surveys.nps')} value={totals.nps ?? '—'} /></Col>
          <Col xs={12} md={4}><Statistic title={t('surveys.averageRating')} value={totals.averageRating ?? '—'} /></Col>
        </Row>
      )}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('surveys.trend')} style={{ marginBottom: 16 }}>
            {trendRows.length ? <ReactEChartsCore echarts={echarts} option={trendOption} style={{ height: 280 }} notMerge /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('surveys.distribution')} style={{ marginBottom: 16 }} data-testid="figures-distribution">
            {totals?.rated ? <ReactEChartsCore echarts={echarts} option={pie(distribution)} style={{ height: 140 }} notMerge /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            {totals?.npsAnswered ? <ReactEChartsCore echarts={echarts} option={pie(npsDistribution)} style={{ height: 140 }} notMerge /> : null}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('surveys.byGroup', { group: t(`enums.SatisfactionGroupBy.${groupBy}`) })} style={{ marginBottom: 16 }}>
        {rows.length ? (
          <div data-testid="figures-chart" data-labels={JSON.stringify(rows.map(name))} data-satisfaction={JSON.stringify(satisfactionSeries)} data-dissatisfaction={JSON.stringify(dissatisfactionSeries)}>
            <ReactEChartsCore echarts={echarts} option={byGroupOption} style={{ height: 300 }} notMerge />
          </div>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
      <Table<SatisfactionFigure> rowKey={(r) => r.key ?? 'none'} size="small" loading={byGroup.isFetching} dataSource={rows} pagination={false} data-testid="figures-table" scroll={{ x: 'max-content' }}
        summary={() => totals && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><strong>{t('surveys.totals')}</strong></Table.Summary.Cell>
            {[totals.sent, totals.answered, percent(totals.responseRate), totals.rated, percent(totals.satisfactionRate), percent(totals.dissatisfactionRate), totals.nps ?? '—', totals.averageRating ?? '—'].map((v, i) => <Table.Summary.Cell key={i} index={i + 1} align="right">{v}</Table.Summary.Cell>)}
          </Table.Summary.Row>
        )}>
        <Table.Column<SatisfactionFigure> key="name" title={t(`enums.SatisfactionGroupBy.${groupBy}`)} render={(_, r) => name(r)} />
        <Table.Column<SatisfactionFigure> dataIndex="sent" title={t('surveys.sent')} align="right" />
        <Table.Column<SatisfactionFigure> dataIndex="answered" title={t('surveys.answered')} align="right" />
        <Table.Column<SatisfactionFigure> dataIndex="responseRate" title={t('surveys.responseRate')} align="right" render={percent} />
        <Table.Column<SatisfactionFigure> dataIndex="rated" title={t('surveys.rated')} align="right" />
        <Table.Column<SatisfactionFigure> dataIndex="satisfactionRate" title={t('surveys.satisfactionRate')} align="right" render={percent} />
        <Table.Column<SatisfactionFigure> dataIndex="dissatisfactionRate" title={t('surveys.dissatisfactionRate')} align="right" render={percent} />
        <Table.Column<SatisfactionFigure> dataIndex="nps" title={t('surveys.nps')} align="right" render={(v: number | null) => v ?? '—'} />
        <Table.Column<SatisfactionFigure> dataIndex="averageRating" title={t('surveys.averageRating')} align="right" render={(v: number | null) => v ?? '—'} />
      </Table>
    </Card>
  );
}
