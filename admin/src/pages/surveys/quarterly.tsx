import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Drawer, Dropdown, Empty, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DateTime } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { dayjs } from '../../time';
import { useZone } from '../appointments/shared';
import { AnswerInput, answerText, type AnswerableQuestion } from '../callbacks/answer-input';
import { percent } from '../../percent';
import { type SurveyAnswer } from '../callbacks/shared';
import { exportRows, type ExportColumn } from '../orders/export';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export interface QuarterlyRound { id: string; version: number; quarter: string; title: string; templateId: string; templateVersionId: string; audience: string[]; closesOn: string; remindDaysBefore: number; closedAt: string | null; createdAt: string }
interface QuestionResult { questionKey: string; text: string; kind: string; answered: number; average: number | null; previousAverage: number | null; change: number | null }
interface FranchiseAnswers { franchiseId: string; franchiseName: string; cooperationType: string | null; answered: boolean; answeredAt: string | null; averageRating: number | null; answers: SurveyAnswer[] }
interface Results {
  round: QuarterlyRound; previousRound: { id: string; quarter: string } | null; addressed: number; answered: number; responseRate: number | null; previousResponseRate: number | null;
  questions: QuestionResult[]; franchises: FranchiseAnswers[];
}
type Question = AnswerableQuestion & { text: string; required: boolean };
interface MySurvey { round: Pick<QuarterlyRound, 'id' | 'title' | 'closesOn'>; open: boolean; response: { id: string; answeredAt: string; answers: SurveyAnswer[] } | null }
interface Template { id: string; franchiseId: string | null; name: string; active: boolean }

const AUDIENCES = ['FRANCHISES', 'PARTNERS'];
/** OPEN (taking answers), ENDED (close date passed), CLOSED (closed early by HQ). */
const stateOf = (r: QuarterlyRound, today: string) => (r.closedAt ? 'CLOSED' : today > r.closesOn ? 'ENDED' : 'OPEN');
const STATE_COLORS: Record<string, string> = { OPEN: 'processing', ENDED: 'default', CLOSED: 'default' };
const avg = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(2));
const signed = (v: number | null | undefined) => (v == null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(2)}`);

function RoundState({ round }: { round: QuarterlyRound }) {
  const t = useTranslate();
  const { today } = useZone();
  const state = stateOf(round, today());
  return <Tag color={STATE_COLORS[state]} data-testid="round-state" data-state={state}>{t(`quarterly.states.${state}`)}</Tag>;
}

/** The quarter a day falls in, YYYY-Qn. */
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;

/**
 * 季度调查 (/surveys/quarterly, HQ): the rounds, newest quarter first, each with its state; open a
 * round (quarter, HQ template, audience, close date), close one early, open its results.
 */
export function QuarterlyRounds() {
  const t = useTranslate();
  const { today } = useZone();
  const rounds = useGql<{ quarterlySurveyRounds: { nodes: QuarterlyRound[] } }>('QuarterlySurveyRounds', { paging: { limit: 100 } });
  const templates = useGql<{ surveyTemplates: { nodes: Template[] } }>('QuarterlyTemplateOptions');
  const openRound = useGqlMutation<{ openQuarterlySurveyRound: QuarterlyRound }>('OpenQuarterlySurveyRound', { success: 'quarterly.opened' });
  const closeRound = useGqlMutation<{ closeQuarterlySurveyRound: QuarterlyRound }>('CloseQuarterlySurveyRound', { success: 'quarterly.closed' });
  const [drawer, setDrawer] = useState(false);
  const [form] = Form.useForm();
  const hqTemplates = (templates.data?.surveyTemplates.nodes ?? []).filter((tpl) => tpl.franchiseId == null && tpl.active);
  const submit = async () => {
    const v = (await form.validateFields()) as { quarter: string; title?: string; templateId: string; audience: string[]; closesOn: Dayjs; remindDaysBefore: number };
    const done = await openRound.run({ input: { quarter: v.quarter.trim(), title: v.title?.trim() || null, templateId: v.templateId, audience: v.audience, closesOn: v.closesOn.format('YYYY-MM-DD'), remindDaysBefore: v.remindDaysBefore } });
    if (done) {
      setDrawer(false);
      form.resetFields();
      void rounds.refetch();
    }
  };
  return (
    <Card title={t('quarterly.rounds')} data-testid="quarterly-rounds"
      extra={<Button type="primary" onClick={() => setDrawer(true)} data-testid="round-new">{t('quarterly.openRound')}</Button>}>
      <Typography.Paragraph type="secondary">{t('quarterly.roundsHelp')}</Typography.Paragraph>
      <Table<QuarterlyRound> rowKey="id" size="middle" loading={rounds.isFetching} pagination={false} dataSource={rounds.data?.quarterlySurveyRounds.nodes ?? []}
        onRow={(r) => ({ 'data-testid': 'round-row', 'data-id': r.id, 'data-quarter': r.quarter } as never)}>
        <Table.Column<QuarterlyRound> key="quarter" title={t('quarterly.quarter')} render={(_, r) => <span data-lang-neutral>{r.quarter}</span>} />
        <Table.Column<QuarterlyRound> dataIndex="title" title={t('quarterly.title')} />
        <Table.Column<QuarterlyRound> key="audience" title={t('quarterly.audience')} render={(_, r) => r.audience.map((a) => <Tag key={a}>{t(`enums.QuarterlyAudience.${a}`)}</Tag>)} />
        <Table.Column<QuarterlyRound> dataIndex="closesOn" title={t('quarterly.closesOn')} />
        <Table.Column<QuarterlyRound> key="remind" title={t('quarterly.remindDaysBefore')} render={(_, r) => (r.remindDaysBefore ? t('quarterly.remindShort', { days: r.remindDaysBefore }) : t('quarterly.noReminder'))} />
        <Table.Column<QuarterlyRound> key="state" title={t('quarterly.state')} render={(_, r) => <RoundState round={r} />} />
        <Table.Column<QuarterlyRound> key="actions" title={t('quarterly.actions')} render={(_, r) => (
          <Space>
            <Link to={`/surveys/quarterly/${r.id}`} data-testid="round-results">{t('quarterly.results')}</Link>
            {stateOf(r, today()) === 'OPEN' && (
              <Popconfirm title={t('quarterly.closeConfirm')} okText={t('quarterly.closeRound')} cancelText={t('buttons.cancel')}
                onConfirm={() => void closeRound.run({ id: r.id, version: r.version }).then((d) => d && rounds.refetch())}>
                <Button size="small" danger data-testid="round-close">{t('quarterly.closeRound')}</Button>
              </Popconfirm>
            )}
          </Space>
        )} />
      </Table>
      <Drawer open={drawer} width={480} title={t('quarterly.openRound')} onClose={() => setDrawer(false)} destroyOnClose
        extra={<Button type="primary" loading={openRound.loading} onClick={() => void submit()} data-testid="round-submit">{t('quarterly.openRound')}</Button>}>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ quarter: quarterOf(today()), audience: ['FRANCHISES'], remindDaysBefore: 3 }}>
          <Form.Item name="quarter" label={t('quarterly.quarter')} rules={[{ required: true, pattern: /^\d{4}-Q[1-4]$/, message: t('quarterly.quarterRule') }]}>
            <Input placeholder="2031-Q2" data-testid="round-quarter" />
          </Form.Item>
          <Form.Item name="templateId" label={t('quarterly.template')} rules={[{ required: true, message: t('quarterly.templateRequired') }]} extra={t('quarterly.templateHelp')}>
            <Select data-testid="round-template" loading={templates.isFetching} options={hqTemplates.map((tpl) => ({ value: tpl.id, label: tpl.name }))} />
          </Form.Item>
          <Form.Item name="audience" label={t('quarterly.audience')} rules={[{ required: true, message: t('quarterly.audienceRequired') }]}>
            <Checkbox.Group data-testid="round-audience" options={AUDIENCES.map((a) => ({ value: a, label: t(`enums.QuarterlyAudience.${a}`) }))} />
          </Form.Item>
          <Form.Item name="closesOn" label={t('quarterly.closesOn')} rules={[{ required: true, message: t('quarterly.closesOnRequired') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="round-closes-on" />
          </Form.Item>
          <Form.Item name="remindDaysBefore" label={t('quarterly.remindDaysBefore')} extra={t('quarterly.remindHelp')} rules={[{ required: true, type: 'integer', min: 0, max: 30, message: t('quarterly.remindRule') }]}>
            <InputNumber min={0} max={30} precision={0} addonAfter={t('quarterly.days')} data-testid="round-remind-days" />
          </Form.Item>
          <Form.Item name="title" label={t('quarterly.titleOptional')}>
            <Input maxLength={200} data-testid="round-title" />
          </Form.Item>
        </Form>
      </Drawer>
    </Card>
  );
}

/**
 * A round's results (/surveys/quarterly/:id): response rate beside the previous quarter, each
 * question's mean beside the previous quarter's (ECharts bars), each organization's answers; the
 * organizations' answers export as CSV or Excel.
 */
export function QuarterlyResults() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { id } = useParams();
  const { data, isFetching } = useGql<{ quarterlySurveyResults: Results }>('QuarterlySurveyResults', { roundId: id });
  const results = data?.quarterlySurveyResults;
  if (!results) return <Card loading={isFetching} title={t('quarterly.results')} />;
  const { round, questions, franchises } = results;
  const scored = questions.filter((q) => q.kind === 'RATING' || q.kind === 'NPS');
  const current = scored.map((q) => q.average);
  const previous = scored.map((q) => q.previousAverage);
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: scored.map((q) => q.text), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', min: 0, max: scored.some((q) => q.kind === 'NPS') ? 10 : 5 },
    series: [
      { name: round.quarter, type: 'bar', color: '#1677ff', data: current },
      { name: results.previousRound?.quarter ?? t('quarterly.previous'), type: 'bar', color: '#bfbfbf', data: previous },
    ],
  };
  const answerOf = (f: FranchiseAnswers, q: QuestionResult) => {
    const a = f.answers.find((x) => x.questionKey === q.questionKey);
    if (!a) return '—';
    if (a.value != null) return String(a.value);
    if (a.choices?.length) return a.choices.map((c) => (c === 'yes' || c === 'no' ? t(`callbacks.${c}`) : c)).join('、');
    return a.text || '—';
  };
  const columns: ExportColumn<FranchiseAnswers>[] = [
    { title: t('quarterly.organization'), value: (f) => f.franchiseName },
    { title: t('quarterly.cooperationType'), value: (f) => (f.cooperationType ? t(`enums.CooperationType.${f.cooperationType}`) : '') },
    { title: t('quarterly.answerState'), value: (f) => (f.answered ? t('quarterly.answered') : t('quarterly.notAnswered')) },
    { title: t('quarterly.answeredAt'), value: (f) => (f.answeredAt ? dayjs(f.answeredAt).format('YYYY-MM-DD HH:mm') : '') },
    ...questions.map((q) => ({ title: q.text, value: (f: FranchiseAnswers) => (f.answered ? answerOf(f, q) : '') })),
    { title: t('quarterly.averageRating'), value: (f) => (f.averageRating == null ? '' : avg(f.averageRating)) },
  ];
  const runExport = async (format: 'csv' | 'xlsx') => {
    await exportRows(format, `${t('quarterly.exportName')}-${round.quarter}`, columns, franchises);
    message.success(t('quarterly.exported', { count: franchises.length }));
  };
  return (
    <Card title={`${round.title} · ${t('quarterly.results')}`} data-testid="quarterly-results"
      extra={
        <Space>
          <Link to="/surveys/quarterly">{t('quarterly.backToRounds')}</Link>
          <Dropdown menu={{ items: [{ key: 'csv', label: t('surveys.exportCsv') }, { key: 'xlsx', label: t('surveys.exportXlsx') }], onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx') }}>
            <Button icon={<DownloadOutlined />} data-testid="results-export">{t('surveys.export')}</Button>
          </Dropdown>
        </Space>
      }>
      <Space style={{ marginBottom: 12 }}><RoundState round={round} /><Typography.Text type="secondary">{t('quarterly.closesOn')}：{round.closesOn}</Typography.Text></Space>
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid="results-totals">
        <Col xs={12} md={6}><Statistic title={t('quarterly.addressed')} value={results.addressed} /></Col>
        <Col xs={12} md={6}><Statistic title={t('quarterly.answeredCount')} value={results.answered} /></Col>
        <Col xs={12} md={6}><Statistic title={t('quarterly.responseRate')} value={percent(results.responseRate)} /></Col>
        <Col xs={12} md={6}><Statistic title={t('quarterly.previousResponseRate')} value={percent(results.previousResponseRate)} /></Col>
      </Row>
      <Card size="small" title={t('quarterly.questionMeans')} style={{ marginBottom: 16 }}>
        {scored.length ? (
          <div data-testid="results-chart" data-labels={JSON.stringify(scored.map((q) => q.text))} data-current={JSON.stringify(current)} data-previous={JSON.stringify(previous)}>
            <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 280 }} />
          </div>
        ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        <Table<QuestionResult> rowKey="questionKey" size="small" pagination={false} dataSource={questions} data-testid="results-questions">
          <Table.Column<QuestionResult> dataIndex="text" title={t('quarterly.question')} />
          <Table.Column<QuestionResult> key="kind" title={t('surveys.questionKind')} render={(_, q) => t(`enums.SurveyQuestionKind.${q.kind}`)} />
          <Table.Column<QuestionResult> dataIndex="answered" title={t('quarterly.answeredCount')} align="right" />
          <Table.Column<QuestionResult> key="average" title={t('quarterly.average')} align="right" render={(_, q) => avg(q.average)} />
          <Table.Column<QuestionResult> key="previousAverage" title={t('quarterly.previousAverage')} align="right" render={(_, q) => avg(q.previousAverage)} />
          <Table.Column<QuestionResult> key="change" title={t('quarterly.change')} align="right" render={(_, q) => <span style={{ color: q.change == null ? undefined : q.change < 0 ? '#cf1322' : '#389e0d' }}>{signed(q.change)}</span>} />
        </Table>
      </Card>
      <Card size="small" title={t('quarterly.organizations')}>
        <Table<FranchiseAnswers> rowKey="franchiseId" size="small" pagination={false} dataSource={franchises} scroll={{ x: 'max-content' }} data-testid="results-franchises"
          onRow={(f) => ({ 'data-testid': 'franchise-row', 'data-id': f.franchiseId, 'data-answered': String(f.answered) } as never)}>
          {columns.map((c, i) => <Table.Column<FranchiseAnswers> key={i} title={c.title} render={(_, f) => (i === 2 ? <Tag color={f.answered ? 'success' : 'default'}>{c.value(f)}</Tag> : c.value(f))} />)}
        </Table>
      </Card>
    </Card>
  );
}

/** One questionnaire of the owner's organization: the answer form while open and unanswered, else the answers read-only. */
function Questionnaire({ survey, questions, onAnswered }: { survey: MySurvey; questions: Question[]; onAnswered: () => void }) {
  const t = useTranslate();
  const [answers, setAnswers] = useState<Record<string, SurveyAnswer>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const answer = useGqlMutation<{ answerQuarterlySurvey: { id: string } }>('AnswerQuarterlySurvey', { success: 'quarterly.submitted' });
  const { round, response } = survey;
  const given = (q: Question) => {
    const a = answers[q.key];
    return !!a && (a.value != null || !!a.choices?.length || !!a.text?.trim());
  };
  const submit = async () => {
    const lacking = questions.filter((q) => q.required && !given(q)).map((q) => q.key);
    setMissing(lacking);
    if (lacking.length) return;
    const done = await answer.run({ input: { roundId: round.id, answers: questions.filter(given).map((q) => answers[q.key]) } });
    if (done) onAnswered();
  };
  const editable = survey.open && !response;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="my-quarterly" data-round={round.id} data-state={response ? 'ANSWERED' : survey.open ? 'OPEN' : 'ENDED'}
      title={<Space>{round.title}{response ? <Tag color="success">{t('quarterly.answered')}</Tag> : survey.open ? <Tag color="processing">{t('quarterly.toAnswer')}</Tag> : <Tag>{t('quarterly.missed')}</Tag>}</Space>}
      extra={<Typography.Text type="secondary">{t('quarterly.closesOn')}：{round.closesOn}</Typography.Text>}>
      {response && <Typography.Paragraph type="secondary">{t('quarterly.answeredOn')} <DateTime value={response.answeredAt} /></Typography.Paragraph>}
      {!response && !survey.open && <Alert type="info" showIcon message={t('quarterly.missedHelp')} style={{ marginBottom: 12 }} />}
      {questions.map((q, i) => (
        <div key={q.key} style={{ marginBottom: 12 }} data-testid={`question-${q.key}`}>
          <Typography.Text strong>{i + 1}. {q.text}</Typography.Text>{q.required && <Typography.Text type="danger"> *</Typography.Text>}
          <div style={{ marginTop: 4 }}>
            {editable
              ? <AnswerInput question={q} value={answers[q.key]} onChange={(a) => setAnswers((current) => ({ ...current, [q.key]: a }))} />
              : <Typography.Text data-testid="answer-recorded">{answerText(q, response?.answers.find((a) => a.questionKey === q.key), t)}</Typography.Text>}
          </div>
          {missing.includes(q.key) && <Typography.Text type="danger">{t('quarterly.answerRequired')}</Typography.Text>}
        </div>
      ))}
      {editable && <Button type="primary" loading={answer.loading} onClick={() => void submit()} data-testid="quarterly-submit">{t('quarterly.submit')}</Button>}
    </Card>
  );
}

/** 我的季度调查 (/surveys/my-quarterly, owners): the organization's questionnaires, the open ones to answer (once), the answered ones read-only. */
export function MyQuarterlySurveys() {
  const t = useTranslate();
  const { data, isFetching, refetch } = useGql<{ myQuarterlySurveys: MySurvey[] }>('MyQuarterlySurveys');
  const questions = useGql<{ myQuarterlySurveys: { round: { id: string }; questions: Question[] }[] }>('MyQuarterlySurveyQuestions');
  const questionsOf = new Map((questions.data?.myQuarterlySurveys ?? []).map((s) => [s.round.id, s.questions]));
  const surveys = (data?.myQuarterlySurveys ?? []).filter((s) => questionsOf.has(s.round.id));
  return (
    <Card title={t('quarterly.mine')} loading={(isFetching && !data) || (questions.isFetching && !questions.data)} data-testid="my-quarterly-surveys">
      <Typography.Paragraph type="secondary">{t('quarterly.mineHelp')}</Typography.Paragraph>
      {surveys.length ? surveys.map((s) => <Questionnaire key={s.round.id} survey={s} questions={questionsOf.get(s.round.id)!} onAnswered={() => void refetch()} />) : <Empty description={t('quarterly.noneForYou')} />}
    </Card>
  );
}
