import { List } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { App, Button, Card, Col, DatePicker, Dropdown, Empty, Row, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useState } from 'react';
import { OrgUnitPicker } from '../../components/pickers';
import { useGql } from '../../hooks/use-gql';
import { dayjs } from '../../time';
import { useZone } from '../appointments/shared';
import { exportRows, type ExportColumn } from '../orders/export';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

interface Counted { count: number; previousCount: number; change: number | null }
interface Category extends Counted { group: 'CASE_TYPE' | 'COMPLAINT_CATEGORY'; key: string }
interface Article extends Counted { articleId: string; title: string | null }
interface Word extends Counted { word: string }
interface CommonQuestions { from: string; to: string; previousFrom: string; previousTo: string; categories: Category[]; articles: Article[]; words: Word[] }
/** One line of the export (and of each panel): what it is, its name, and the two periods' counts. */
interface Line extends Counted { kind: string; name: string }

/** The enum a category group's codes are named by (the case pages' own translations). */
const GROUP_ENUM = { CASE_TYPE: 'CaseType', COMPLAINT_CATEGORY: 'CaseCategory' } as const;

/** (count − previous) ÷ previous as a signed percentage; — when the previous period had none. */
const percent = (change: number | null) => (change == null ? '—' : `${change > 0 ? '+' : ''}${(change * 100).toFixed(1)}%`);

/** A bar chart of this period beside the previous one. */
function PairBars({ names, lines, height, testId }: { names: string[]; lines: Counted[]; height: number; testId: string }) {
  const t = useTranslate();
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 120, right: 24, top: 32, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: names },
    series: [
      { name: t('commonQuestions.count'), type: 'bar', data: lines.map((l) => l.count) },
      { name: t('commonQuestions.previousCount'), type: 'bar', data: lines.map((l) => l.previousCount) },
    ],
  };
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height }} opts={{ renderer: 'svg' }} />
    </div>
  );
}

/**
 * 常见问题 (/reports/common-questions): the case types and complaint categories, the knowledge
 * articles used on cases and the words of case subjects of a period (default: the last 30 local
 * days) beside the previous period of as many days, and the CSV / Excel export of the same rows.
 */
export function CommonQuestionsPage() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { today } = useZone();
  const [range, setRange] = useState<[string, string]>(() => [dayjs(today()).subtract(29, 'day').format('YYYY-MM-DD'), today()]);
  const [storeId, setStoreId] = useState<string | undefined>();
  const query = useGql<{ commonQuestions: CommonQuestions }>('CommonQuestions', { input: { from: range[0], to: range[1], storeId: storeId ?? null, limit: 20 } });
  const data = query.data?.commonQuestions;

  const categoryName = (c: Category) => t(`enums.${GROUP_ENUM[c.group]}.${c.key}`, c.key);
  const categories: Line[] = (data?.categories ?? []).map((c) => ({ ...c, kind: t(`commonQuestions.groups.${c.group}`), name: categoryName(c) }));
  const articles: Line[] = (data?.articles ?? []).map((a) => ({ ...a, kind: t('commonQuestions.article'), name: a.title ?? t('commonQuestions.hiddenArticle') }));
  const words: Line[] = (data?.words ?? []).map((w) => ({ ...w, kind: t('commonQuestions.word'), name: w.word }));
  const all = [...categories, ...articles, ...words];

  const columns: (ExportColumn<Line> & { key: string })[] = [
    { key: 'kind', title: t('commonQuestions.kind'), value: (l) => l.kind },
    { key: 'name', title: t('commonQuestions.name'), value: (l) => l.name },
    { key: 'count', title: t('commonQuestions.count'), value: (l) => l.count },
    { key: 'previousCount', title: t('commonQuestions.previousCount'), value: (l) => l.previousCount },
    { key: 'change', title: t('commonQuestions.change'), value: (l) => percent(l.change) },
  ];
  const runExport = async (format: 'csv' | 'xlsx') => {
    await exportRows(format, `${t('commonQuestions.title')}-${range[0]}-${range[1]}`, columns, all);
    message.success(t('reports.exported', { count: all.length }));
  };
  const table = (lines: Line[], testId: string, nameTitle: string) => (
    <Table<Line> rowKey={(l) => `${l.kind}:${l.name}`} size="small" loading={query.isLoading} dataSource={lines} pagination={false} data-testid={testId}
      onRow={() => ({ 'data-testid': `${testId}-row` } as never)} locale={{ emptyText: t('reports.empty') }}>
      <Table.Column<Line> key="name" title={nameTitle} render={(_, l) => l.name} />
      {columns.slice(2).map((c) => (
        <Table.Column<Line> key={c.key} title={c.title} align="right" render={(_, l) => c.value(l)} />
      ))}
    </Table>
  );

  return (
    <List
      title={t('commonQuestions.title')}
      headerButtons={
        <Dropdown disabled={!all.length} menu={{ items: [{ key: 'csv', label: t('reports.exportCsv') }, { key: 'xlsx', label: t('reports.exportXlsx') }], onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx') }}>
          <Button icon={<DownloadOutlined />} data-testid="common-questions-export">{t('reports.export')}</Button>
        </Dropdown>
      }
    >
      <Typography.Paragraph type="secondary">{t('commonQuestions.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker allowClear={false} value={[dayjs(range[0]), dayjs(range[1])]} onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} data-testid="common-questions-range" />
        <div style={{ width: 200 }}><OrgUnitPicker placeholder={t('reports.store')} value={storeId} onChange={(v) => setStoreId(v ?? undefined)} /></div>
        {data && <Typography.Text type="secondary" data-testid="common-questions-previous">{t('commonQuestions.previousPeriod', { from: data.previousFrom, to: data.previousTo })}</Typography.Text>}
      </Space>
      <Card size="small" title={t('commonQuestions.categories')} style={{ marginBottom: 16 }}>
        {categories.length > 0 ? (
          <PairBars names={categories.map((c) => `${c.name}（${c.kind}）`)} lines={categories} height={Math.max(200, categories.length * 36 + 60)} testId="common-questions-chart" />
        ) : (
          !query.isLoading && <Empty description={t('reports.empty')} />
        )}
        {table(categories, 'common-questions-categories', t('commonQuestions.category'))}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('commonQuestions.articles')} style={{ marginBottom: 16 }}>
            {table(articles, 'common-questions-articles', t('commonQuestions.articleTitle'))}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('commonQuestions.words')} style={{ marginBottom: 16 }}>
            {words.length > 0 && <PairBars names={words.map((w) => w.name)} lines={words} height={Math.max(200, words.length * 28 + 60)} testId="common-questions-words-chart" />}
            {table(words, 'common-questions-words', t('commonQuestions.word'))}
          </Card>
        </Col>
      </Row>
    </List>
  );
}
