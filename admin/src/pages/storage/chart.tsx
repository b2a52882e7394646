import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { formatInZone } from '../../time';

echarts.use([LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, DataZoomComponent, SVGRenderer]);

export interface Bucket {
  bucketStart: string;
  readings: number;
  outOfRange: number;
  minTemperature: number | null;
  avgTemperature: number | null;
  maxTemperature: number | null;
  minHumidity: number | null;
  avgHumidity: number | null;
  maxHumidity: number | null;
}

export interface SeriesLabels {
  min: string;
  avg: string;
  max: string;
  limits: string;
  outOfRange: string;
  unit: string;
}

/**
 * A zone's readings over time: min / average / max per bucket as lines, the zone's limits as a
 * shaded band, and buckets with readings out of limits marked in red (their highest value).
 */
export function ReadingsChart({ buckets, measure, low, high, timeZone, labels }: { buckets: Bucket[]; measure: 'Temperature' | 'Humidity'; low: number; high: number; timeZone?: string; labels: SeriesLabels }) {
  const at = (b: Bucket) => Date.parse(b.bucketStart);
  const pick = (b: Bucket, kind: 'min' | 'avg' | 'max') => b[`${kind}${measure}` as keyof Bucket] as number | null;
  const line = (kind: 'min' | 'avg' | 'max', color: string) => ({
    name: labels[kind],
    type: 'line' as const,
    showSymbol: false,
    connectNulls: false,
    lineStyle: { width: kind === 'avg' ? 2 : 1, type: kind === 'avg' ? ('solid' as const) : ('dashed' as const) },
    color,
    data: buckets.map((b) => [at(b), pick(b, kind)]),
  });
  const out = buckets.filter((b) => b.outOfRange > 0);
  const option = {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(1)} ${labels.unit}`) },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 36, bottom: 56 },
    xAxis: { type: 'time', axisLabel: { formatter: (v: number) => formatInZone(v, timeZone, 'MM-DD HH:mm') } },
    yAxis: { type: 'value', name: labels.unit, scale: true },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series: [
      { ...line('max', '#fa8c16'), markArea: { silent: true, itemStyle: { color: 'rgba(82,196,26,0.08)' }, label: { show: true, position: 'insideTopLeft', color: '#52c41a' }, data: [[{ name: labels.limits, yAxis: low }, { yAxis: high }]] } },
      line('avg', '#1677ff'),
      line('min', '#13c2c2'),
      { name: labels.outOfRange, type: 'scatter' as const, symbolSize: 9, color: '#f5222d', data: out.map((b) => [at(b), pick(b, (pick(b, 'max') ?? -Infinity) > high ? 'max' : 'min')]) },
    ],
  };
  return (
    <div data-testid="readings-chart" data-buckets={buckets.length} data-out-of-range={out.reduce((n, b) => n + b.outOfRange, 0)}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 340 }} opts={{ renderer: 'svg' }} />
    </div>
  );
}
