import { List } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { App, Button, Card, DatePicker, Dropdown, Empty, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useState } from 'react';
import { OrgUnitPicker } from '../../components/pickers';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { dayjs } from '../../time';
import { exportRows, type ExportColumn } from './export';
import { percent, percentValue } from '../../percent';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

interface AgentKpi {
  agentId: string | null; agentName: string | null; ordersEntered: number; ordersReviewed: number; reviewsTimed: number; reviewsOnTime: number;
  ordersHandled: number; errors: number; wrongEntries: number; wrongShipments: number; errorRate: number | null; onTimeRate: number | null;
}


/**
 * 订单考核 (/orders/kpis): per agent over a period (this month by default, in the franchise's
 * zone), orders entered and reviewed, reviews on time, order errors and the two rates; a bar
 * chart and the CSV / Excel export come from the same query as the table.
 */
export function OrderKpis() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { me } = useMe();
  const zone = me?.scope.orgUnit.timeZone;
  const today = (zone ? dayjs().tz(zone) : dayjs()).format('YYYY-MM-DD');
  const [range, setRange] = useState<[string, string]>([dayjs(today).startOf('month').format('YYYY-MM-DD'), today]);
  const [storeId, setStoreId] = useState<string | undefined>();
  const day = (d: string) => (zone ? dayjs.tz(d, zone) : dayjs(d));
  const variables = { from: day(range[0]).toISOString(), to: day(range[1]).add(1, 'day').toISOString(), storeId: storeId ?? null };
  const query = useGql<{ orderKpis: { agents: AgentKpi[]; totals: AgentKpi } }>('OrderKpis', variables);
  const agents = query.data?.orderKpis.agents ?? [];
  const totals = query.data?.orderKpis.totals;
  const name = (r: AgentKpi) => r.agentName ?? (r.agentId ? '—' : t('orders.totals'));

  const columns: ExportColumn<AgentKpi>[] = [
    { title: t('orders.agent'), value: name },
    { title: t('orders.ordersEntered'), value: (r) => r.ordersEntered },
    { title: t('orders.ordersReviewed'), value: (r) => r.ordersReviewed },
    { title: t('orders.reviewsOnTime'), value: (r) => r.reviewsOnTime },
    { title: t('orders.onTimeRate'), value: (r) => percent(r.onTimeRate) },
    { title: t('orders.ordersHandled'), value: (r) => r.ordersHandled },
    { title: t('orders.wrongEntries'), value: (r) => r.wrongEntries },
    { title: t('orders.wrongShipments'), value: (r) => r.wrongShipments },
    { title: t('orders.errorCount'), value: (r) => r.errors },
    { title: t('orders.errorRate'), value: (r) => percent(r.errorRate) },
  ];
  const runExport = async (format: 'csv' | 'xlsx') => {
    await exportRows(format, `${t('orders.kpis')}-${range[0]}-${range[1]}`, columns, totals ? [...agents, totals] : agents);
    message.success(t('orders.exported', { count: agents.length }));
  };

  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: agents.map(name) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
    series: [
      { name: t('orders.ordersEntered'), type: 'bar', data: agents.map((a) => a.ordersEntered) },
      { name: t('orders.ordersReviewed'), type: 'bar', data: agents.map((a) => a.ordersReviewed) },
      { name: t('orders.errorCount'), type: 'bar', color: '#f5222d', data: agents.map((a) => a.errors) },
      { name: t('orders.onTimeRate'), type: 'bar', yAxisIndex: 1, color: '#52c41a', data: agents.map((a) => percentValue(a.onTimeRate)) },
    ],
  };

  return (
    <List
      title={t('orders.kpis')}
      headerButtons={
        <Dropdown disabled={!agents.length} menu={{ items: [{ key: 'csv', label: t('orders.exportCsv') }, { key: 'xlsx', label: t('orders.exportXlsx') }], onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx') }}>
          <Button icon={<DownloadOutlined />} data-testid="kpi-export">{t('orders.export')}</Button>
        </Dropdown>
      }
    >
      <Typography.Paragraph type="secondary">{t('orders.kpiHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker allowClear={false} data-testid="kpi-period" value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} />
        <div style={{ width: 200 }}><OrgUnitPicker placeholder={t('orders.store')} value={storeId} onChange={(v) => setStoreId(v ?? undefined)} /></div>
      </Space>
      {agents.length > 0 ? (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="kpi-chart">
          <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} opts={{ renderer: 'svg' }} />
        </Card>
      ) : (
        !query.isLoading && <Empty description={t('orders.noKpis')} style={{ marginBottom: 16 }} />
      )}
      <Table<AgentKpi> rowKey={(r) => r.agentId ?? 'total'} size="middle" loading={query.isLoading} dataSource={agents} pagination={false} scroll={{ x: 'max-content' }} data-testid="kpi-table"
        summary={() => totals && agents.length > 0 ? (
          <Table.Summary.Row data-testid="kpi-totals">
            {columns.map((c, i) => <Table.Summary.Cell key={c.title} index={i} align={i ? 'right' : 'left'}><Typography.Text strong>{i ? c.value(totals) : t('orders.totals')}</Typography.Text></Table.Summary.Cell>)}
          </Table.Summary.Row>
        ) : null}>
        {columns.map((c, i) => <Table.Column<AgentKpi> key={c.title} title={c.title} align={i ? 'right' : 'left'} render={(_, r) => c.value(r)} />)}
      </Table>
    </List>
  );
}
