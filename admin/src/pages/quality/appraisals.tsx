import { useTranslate } from '@refinedev/core';
import { App, Button, Card, Descriptions, Drawer, Dropdown, Empty, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useState } from 'react';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { useZone } from '../appointments/shared';
import { exportQuery, type ExportColumn } from '../orders/export';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

type Source = 'SELF' | 'SUPERVISOR' | 'CUSTOMER' | 'QA' | 'DATA';
const SOURCES: { source: Source; key: keyof Weights }[] = [
  { source: 'SELF', key: 'self' },
  { source: 'SUPERVISOR', key: 'supervisor' },
  { source: 'CUSTOMER', key: 'customer' },
  { source: 'QA', key: 'qa' },
  { source: 'DATA', key: 'data' },
];
const CONSEQUENCES = ['NONE', 'BONUS', 'PROMOTION_PRIORITY', 'COACHING', 'IMPROVEMENT_PLAN', 'DEMOTION'];
interface Weights { self: number; supervisor: number; customer: number; qa: number; data: number }
interface FormCategory { key: string; name: string; weight: number }
interface Band { key: string; name: string; minScore: number; consequence: string }
interface Plan { id: string; version: number; franchiseId: string | null; code: string; name: string; kind: string; active: boolean; promotionAfter: number; weights: Weights; formCategories: FormCategory[]; bands: Band[] }
interface Cycle { id: string; kind: string; period: string; status: string; planName: string; firstDay: string; lastDay: string; formCategories: FormCategory[]; weights: Weights }
interface Part { source: Source; weight: number; score: number | null; basis: string | null }
interface Rating { key: string; score: number }
/** What the lists show (AppraisalListRow); the drawer reads the whole appraisal (AppraisalDetail). */
export type AppraisalListRow = Pick<AppraisalRow, 'id' | 'version' | 'status' | 'kind' | 'period' | 'cycleId' | 'agentId' | 'score' | 'bandName' | 'consequence' | 'parts' | 'agent' | 'orgUnit'>;
export interface AppraisalRow {
  id: string; version: number; status: string; kind: string; period: string; cycleId: string; agentId: string; score: number | null; bandKey: string | null; bandName: string | null;
  suggestedConsequence: string | null; consequence: string | null; consequenceReason: string | null; excellentStreak: number;
  selfRatings: Rating[] | null; selfComment: string | null; selfSubmittedAt: string | null; supervisorRatings: Rating[] | null; supervisorComment: string | null;
  finalizedAt: string | null; acknowledgedAt: string | null; acknowledgementComment: string | null; parts: Part[]; agent: { id: string; displayName: string } | null; orgUnit: { id: string; name: string } | null;
}

const scoreText = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(1));
const partOf = (a: AppraisalListRow, source: Source) => a.parts.find((p) => p.source === source)?.score ?? null;
const STATUS_COLORS: Record<string, string> = { OPEN: 'processing', FINALIZED: 'warning', ACKNOWLEDGED: 'success' };

function StatusTag({ status }: { status: string }) {
  const t = useTranslate();
  return <Tag color={STATUS_COLORS[status]} data-testid="appraisal-status">{t(`enums.AppraisalStatus.${status}`)}</Tag>;
}

/** The form's categories, each rated 0–100 (read-only without onChange); the weighted score below. */
function EvaluationForm({ categories, ratings, onChange, testPrefix }: { categories: FormCategory[]; ratings: Record<string, number | null>; onChange?: (key: string, v: number | null) => void; testPrefix: string }) {
  const t = useTranslate();
  const total = categories.every((c) => ratings[c.key] != null) ? categories.reduce((s, c) => s + (c.weight * ratings[c.key]!) / 100, 0) : null;
  return (
    <Table<FormCategory> rowKey="key" size="small" pagination={false} dataSource={categories}
      summary={() => <Table.Summary.Row><Table.Summary.Cell index={0} colSpan={2}>{t('appraisal.formScore')}</Table.Summary.Cell><Table.Summary.Cell index={2}><span data-testid={`${testPrefix}-total`}>{scoreText(total)}</span></Table.Summary.Cell></Table.Summary.Row>}>
      <Table.Column<FormCategory> key="name" title={t('appraisal.category')} render={(_, c) => c.name} />
      <Table.Column<FormCategory> key="weight" title={t('appraisal.weight')} render={(_, c) => `${c.weight}%`} />
      <Table.Column<FormCategory> key="score" title={t('appraisal.rating')} render={(_, c) => (onChange
        ? <InputNumber min={0} max={100} value={ratings[c.key]} onChange={(v) => onChange(c.key, v)} data-testid={`${testPrefix}-${c.key}`} />
        : scoreText(ratings[c.key]))} />
    </Table>
  );
}

/** Each source's weight and score, and the result. */
function PartsTable({ appraisal }: { appraisal: AppraisalListRow }) {
  const t = useTranslate();
  return (
    <Table<Part> rowKey="source" size="small" pagination={false} dataSource={appraisal.parts}
      summary={() => <Table.Summary.Row><Table.Summary.Cell index={0} colSpan={3}><Typography.Text strong>{t('appraisal.result')}</Typography.Text></Table.Summary.Cell><Table.Summary.Cell index={3}><Typography.Text strong data-testid="appraisal-score">{scoreText(appraisal.score)}</Typography.Text></Table.Summary.Cell></Table.Summary.Row>}>
      <Table.Column<Part> key="source" title={t('appraisal.source')} render={(_, p) => t(`enums.AppraisalSource.${p.source}`)} />
      <Table.Column<Part> key="weight" title={t('appraisal.weight')} render={(_, p) => `${p.weight}%`} />
      <Table.Column<Part> key="basis" title={t('appraisal.basis')} render={(_, p) => <span data-lang-neutral>{p.basis ?? ''}</span>} />
      <Table.Column<Part> key="score" title={t('appraisal.score')} render={(_, p) => <span data-testid={`part-${p.source}`}>{scoreText(p.score)}</span>} />
    </Table>
  );
}

function Outcome({ appraisal }: { appraisal: AppraisalRow }) {
  const t = useTranslate();
  if (!appraisal.consequence) return null;
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('appraisal.band')}><span data-testid="appraisal-band">{appraisal.bandName}</span></Descriptions.Item>
      <Descriptions.Item label={t('appraisal.consequence')}><span data-testid="appraisal-consequence">{t(`enums.AppraisalConsequence.${appraisal.consequence}`)}</span></Descriptions.Item>
      {appraisal.consequenceReason && <Descriptions.Item label={t('appraisal.consequenceReason')}>{appraisal.consequenceReason}</Descriptions.Item>}
      {appraisal.excellentStreak > 1 && <Descriptions.Item label={t('appraisal.streak')}>{appraisal.excellentStreak}</Descriptions.Item>}
      {appraisal.acknowledgementComment && <Descriptions.Item label={t('appraisal.agentComment')}>{appraisal.acknowledgementComment}</Descriptions.Item>}
    </Descriptions>
  );
}

const ratingsOf = (list: Rating[] | null | undefined) => Object.fromEntries((list ?? []).map((r) => [r.key, r.score])) as Record<string, number | null>;

/**
 * 考核方案 (/quality/appraisal-plans): HQ's shared plans and the franchise's own; a plan is edited
 * (own) or copied into the franchise's own variant, the weights' sum shown live (saved only at 100).
 */
export function AppraisalPlans() {
  const t = useTranslate();
  const { data, refetch, isFetching } = useGql<{ appraisalPlans: { nodes: Plan[] } }>('AppraisalPlans', { paging: { limit: 100 } });
  const create = useGqlMutation<{ createAppraisalPlan: Plan }>('CreateAppraisalPlan', { success: 'appraisal.saved' });
  const update = useGqlMutation<{ updateAppraisalPlan: Plan }>('UpdateAppraisalPlan', { success: 'appraisal.saved' });
  const [editing, setEditing] = useState<{ base: Plan; own: boolean } | null>(null);
  const [weights, setWeights] = useState<Weights>({ self: 0, supervisor: 0, customer: 0, qa: 0, data: 0 });
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const sum = SOURCES.reduce((s, { key }) => s + (weights[key] ?? 0), 0);
  const edit = (base: Plan, own: boolean) => {
    setEditing({ base, own });
    setWeights({ ...base.weights });
    setName(own ? base.name : `${base.name}（${t('appraisal.variant')}）`);
    setCode(own ? base.code : `${base.code}-own`);
  };
  const save = async () => {
    if (!editing) return;
    const w = { self: weights.self, supervisor: weights.supervisor, customer: weights.customer, qa: weights.qa, data: weights.data };
    const done = editing.own
      ? await update.run({ input: { id: editing.base.id, version: editing.base.version, name, weights: w } })
      : await create.run({ input: { code, name, kind: editing.base.kind, weights: w, promotionAfter: editing.base.promotionAfter, formCategories: editing.base.formCategories.map(({ key, name: n, weight }) => ({ key, name: n, weight })), bands: editing.base.bands.map(({ key, name: n, minScore, consequence }) => ({ key, name: n, minScore, consequence })) } });
    if (done) {
      setEditing(null);
      void refetch();
    }
  };
  return (
    <Card title={t('appraisal.plans')}>
      <Typography.Paragraph type="secondary">{t('appraisal.plansHelp')}</Typography.Paragraph>
      <Table<Plan> rowKey="id" size="middle" loading={isFetching} pagination={false} dataSource={data?.appraisalPlans.nodes ?? []} data-testid="appraisal-plans"
        onRow={(p) => ({ 'data-testid': 'plan-row', 'data-code': p.code } as never)}>
        <Table.Column<Plan> key="name" title={t('appraisal.planName')} render={(_, p) => <>{p.name} {p.franchiseId == null && <Tag>{t('appraisal.shared')}</Tag>}</>} />
        <Table.Column<Plan> key="kind" title={t('appraisal.kind')} render={(_, p) => t(`enums.AppraisalKind.${p.kind}`)} />
        {SOURCES.map(({ source, key }) => <Table.Column<Plan> key={key} title={t(`enums.AppraisalSource.${source}`)} render={(_, p) => `${p.weights[key]}%`} />)}
        <Table.Column<Plan> key="bands" title={t('appraisal.bands')} render={(_, p) => p.bands.map((b) => `${b.name} ≥${b.minScore}`).join(' · ')} />
        <Table.Column<Plan> key="actions" title="" render={(_, p) => (
          <Space>
            {p.franchiseId != null && <Button size="small" onClick={() => edit(p, true)} data-testid="plan-edit">{t('buttons.edit')}</Button>}
            <Button size="small" onClick={() => edit(p, false)} data-testid="plan-copy">{t('appraisal.copy')}</Button>
          </Space>
        )} />
      </Table>
      <Drawer open={!!editing} width={520} title={editing?.own ? t('appraisal.editPlan') : t('appraisal.newVariant')} onClose={() => setEditing(null)} destroyOnClose>
        {editing && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input addonBefore={t('appraisal.planName')} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
            {!editing.own && <Input addonBefore={t('appraisal.code')} value={code} onChange={(e) => setCode(e.target.value)} maxLength={40} />}
            {SOURCES.map(({ source, key }) => (
              <Space key={key} style={{ width: '100%', justifyContent: 'space-between' }}>
                <span>{t(`enums.AppraisalSource.${source}`)}</span>
                <InputNumber min={0} max={100} addonAfter="%" value={weights[key]} onChange={(v) => setWeights((w) => ({ ...w, [key]: v ?? 0 }))} data-testid={`weight-${key}`} />
              </Space>
            ))}
            <Typography.Text type={sum === 100 ? 'success' : 'danger'} data-testid="weight-sum">{t('appraisal.weightSum', { sum })}</Typography.Text>
            <Button type="primary" disabled={sum !== 100 || !name.trim()} loading={create.loading || update.loading} onClick={() => void save()} data-testid="plan-save">{t('buttons.save')}</Button>
          </Space>
        )}
      </Drawer>
    </Card>
  );
}

const BUCKETS = ['0–59', '60–69', '70–79', '80–89', '90–100'];
const bucketOf = (score: number) => (score < 60 ? 0 : score < 70 ? 1 : score < 80 ? 2 : score < 90 ? 3 : 4);

/**
 * 考核周期 (/quality/appraisals): open a month or a year; the cycle's appraisals with their state,
 * parts and result, the score distribution (ECharts), CSV / Excel export from the table's query;
 * a row opens the supervisor's evaluation and the finalization with the band's suggested consequence.
 */
export function AppraisalCycles() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { today } = useZone();
  const cycles = useGql<{ appraisalCycles: { nodes: Cycle[] } }>('AppraisalCycles', { paging: { limit: 100 } });
  const [cycleId, setCycleId] = useState<string | undefined>();
  const [kind, setKind] = useState('MONTHLY');
  const [period, setPeriod] = useState(() => today().slice(0, 7));
  const openCycle = useGqlMutation<{ openAppraisalCycle: { id: string } }>('OpenAppraisalCycle', { success: 'appraisal.cycleOpened' });
  const evaluate = useGqlMutation<{ evaluateAppraisal: AppraisalRow }>('EvaluateAppraisal', { success: 'appraisal.evaluated' });
  const finalize = useGqlMutation<{ finalizeAppraisal: AppraisalRow }>('FinalizeAppraisal', { success: 'appraisal.finalized' });
  const list = cycles.data?.appraisalCycles.nodes ?? [];
  const cycle = list.find((c) => c.id === cycleId) ?? list[0];
  useEffect(() => {
    if (!cycleId && list[0]) setCycleId(list[0].id);
  }, [cycleId, list]);
  const variables = { filter: { cycleId: cycle?.id } };
  const appraisals = useGql<{ appraisals: { totalCount: number; nodes: AppraisalListRow[] } }>('AppraisalList', { ...variables, paging: { limit: 200 } }, { enabled: !!cycle });
  const rows = appraisals.data?.appraisals.nodes ?? [];
  const [openId, setOpenId] = useState<string | null>(null);
  const detail = useGql<{ appraisal: AppraisalRow | null }>('AppraisalDetail', { id: openId }, { enabled: !!openId });
  const open = openId && detail.data?.appraisal?.id === openId ? detail.data.appraisal : null;
  const [ratings, setRatings] = useState<Record<string, number | null>>({});
  const [comment, setComment] = useState('');
  const [consequence, setConsequence] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const show = (r: AppraisalListRow) => {
    setOpenId(r.id);
    setConsequence(undefined);
    setReason('');
  };
  useEffect(() => {
    setRatings(ratingsOf(open?.supervisorRatings));
    setComment(open?.supervisorComment ?? '');
  }, [open?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const columns: ExportColumn<AppraisalListRow>[] = [
    { title: t('appraisal.agent'), value: (r) => r.agent?.displayName ?? '' },
    { title: t('appraisal.store'), value: (r) => r.orgUnit?.name ?? '' },
    { title: t('appraisal.status'), value: (r) => t(`enums.AppraisalStatus.${r.status}`) },
    ...SOURCES.map(({ source }) => ({ title: t(`enums.AppraisalSource.${source}`), value: (r: AppraisalListRow) => scoreText(partOf(r, source)) })),
    { title: t('appraisal.score'), value: (r) => scoreText(r.score) },
    { title: t('appraisal.band'), value: (r) => r.bandName ?? '' },
    { title: t('appraisal.consequence'), value: (r) => (r.consequence ? t(`enums.AppraisalConsequence.${r.consequence}`) : '') },
  ];
  const runExport = async (format: 'csv' | 'xlsx') => {
    const { count } = await exportQuery(format, `${t('appraisal.cycles')}-${cycle?.period ?? ''}`, columns, 'AppraisalList', 'appraisals', variables);
    message.success(t('appraisal.exported', { count }));
  };
  const counts = BUCKETS.map(() => 0);
  for (const r of rows) if (r.score != null) counts[bucketOf(r.score)]! += 1;
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: BUCKETS },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('appraisal.people'), type: 'bar', data: counts, itemStyle: { color: '#1677ff' } }],
  };
  const changed = () => {
    void appraisals.refetch();
    void detail.refetch();
  };
  return (
    <Card title={t('appraisal.cycles')}
      extra={
        <Dropdown disabled={!rows.length} menu={{ items: [{ key: 'csv', label: t('appraisal.exportCsv') }, { key: 'xlsx', label: t('appraisal.exportXlsx') }], onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx') }}>
          <Button icon={<DownloadOutlined />} data-testid="appraisal-export">{t('appraisal.export')}</Button>
        </Dropdown>
      }>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 260 }} value={cycle?.id} placeholder={t('appraisal.cycle')} onChange={setCycleId} data-testid="cycle-select"
          options={list.map((c) => ({ value: c.id, label: `${c.period} · ${t(`enums.AppraisalKind.${c.kind}`)} · ${c.planName}` }))} />
        <Select style={{ width: 120 }} value={kind} onChange={(k) => { setKind(k); setPeriod(k === 'ANNUAL' ? today().slice(0, 4) : today().slice(0, 7)); }} options={['MONTHLY', 'ANNUAL'].map((k) => ({ value: k, label: t(`enums.AppraisalKind.${k}`) }))} data-testid="cycle-kind" />
        <Input style={{ width: 120 }} value={period} onChange={(e) => setPeriod(e.target.value)} placeholder={kind === 'ANNUAL' ? 'YYYY' : 'YYYY-MM'} data-testid="cycle-period" />
        <Button type="primary" loading={openCycle.loading} onClick={() => void openCycle.run({ input: { kind, period } }).then((d) => { if (d) { setCycleId(d.openAppraisalCycle.id); void cycles.refetch(); } })} data-testid="cycle-open">{t('appraisal.openCycle')}</Button>
      </Space>
      {!cycle ? <Empty description={t('appraisal.noCycles')} /> : (
        <>
          <Card size="small" style={{ marginBottom: 16 }} title={t('appraisal.distribution')} data-testid="appraisal-chart">
            <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 220 }} opts={{ renderer: 'svg' }} />
          </Card>
          <Table<AppraisalListRow> rowKey="id" size="middle" loading={appraisals.isFetching} pagination={false} dataSource={rows} scroll={{ x: 'max-content' }} data-testid="appraisal-table"
            onRow={(r) => ({ onClick: () => show(r), 'data-testid': 'appraisal-row', 'data-agent': r.agentId } as never)}>
            {columns.map((c, i) => <Table.Column<AppraisalListRow> key={i} title={c.title} render={(_, r) => (i === 2 ? <StatusTag status={r.status} /> : c.value(r))} />)}
          </Table>
        </>
      )}
      <Drawer open={!!open} width={720} title={open ? `${open.agent?.displayName ?? ''} · ${open.period}` : ''} onClose={() => setOpenId(null)} destroyOnClose>
        {open && cycle && (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <PartsTable appraisal={open} />
            {open.selfRatings && (
              <>
                <Typography.Text strong>{t('appraisal.selfEvaluation')}</Typography.Text>
                <EvaluationForm categories={cycle.formCategories} ratings={ratingsOf(open.selfRatings)} testPrefix="self-view" />
                {open.selfComment && <Typography.Paragraph>{open.selfComment}</Typography.Paragraph>}
              </>
            )}
            <Typography.Text strong>{t('appraisal.supervisorEvaluation')}</Typography.Text>
            <EvaluationForm categories={cycle.formCategories} ratings={ratings} onChange={open.status === 'OPEN' ? (k, v) => setRatings((r) => ({ ...r, [k]: v })) : undefined} testPrefix="supervisor" />
            {open.status === 'OPEN' ? (
              <>
                <Input.TextArea rows={2} placeholder={t('appraisal.comment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} />
                <Button loading={evaluate.loading} disabled={cycle.formCategories.some((c) => ratings[c.key] == null)} data-testid="evaluate"
                  onClick={() => void evaluate.run({ input: { id: open.id, version: open.version, ratings: cycle.formCategories.map((c) => ({ key: c.key, score: ratings[c.key] })), comment } }).then((d) => d && changed())}>{t('appraisal.evaluate')}</Button>
                {open.supervisorRatings && (
                  <Space wrap>
                    <Select style={{ width: 200 }} allowClear placeholder={t('appraisal.suggested')} value={consequence} onChange={setConsequence} options={CONSEQUENCES.map((c) => ({ value: c, label: t(`enums.AppraisalConsequence.${c}`) }))} data-testid="consequence" />
                    {consequence && <Input style={{ width: 280 }} placeholder={t('appraisal.consequenceReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />}
                    <Button type="primary" loading={finalize.loading} data-testid="finalize"
                      onClick={() => void finalize.run({ input: { id: open.id, version: open.version, consequence: consequence ?? null, consequenceReason: reason || null } }).then((d) => d && changed())}>{t('appraisal.finalize')}</Button>
                  </Space>
                )}
              </>
            ) : <Outcome appraisal={open} />}
          </Space>
        )}
      </Drawer>
    </Card>
  );
}

/** 我的考核 (/quality/my-appraisals): the agent's appraisals; the self-evaluation while open, then the result and its acknowledgement. */
export function MyAppraisals() {
  const t = useTranslate();
  const { me } = useMe();
  const { data, isFetching, refetch } = useGql<{ appraisals: { nodes: AppraisalListRow[] } }>('AppraisalList', { filter: { agentId: me?.user?.id }, paging: { limit: 100 } }, { enabled: !!me?.user });
  const rows = data?.appraisals.nodes ?? [];
  const [openId, setOpenId] = useState<string | null>(null);
  const detail = useGql<{ appraisal: AppraisalRow | null }>('AppraisalDetail', { id: openId }, { enabled: !!openId });
  const open = openId && detail.data?.appraisal?.id === openId ? detail.data.appraisal : null;
  const cycle = useGql<{ appraisalCycle: { id: string; formCategories: FormCategory[] } | null }>('AppraisalCycle', { id: open?.cycleId }, { enabled: !!open });
  const categories = cycle.data?.appraisalCycle?.formCategories ?? [];
  const [ratings, setRatings] = useState<Record<string, number | null>>({});
  const [comment, setComment] = useState('');
  const selfEvaluate = useGqlMutation<{ submitSelfEvaluation: AppraisalRow }>('SubmitSelfEvaluation', { success: 'appraisal.selfSubmitted' });
  const acknowledge = useGqlMutation<{ acknowledgeAppraisal: AppraisalRow }>('AcknowledgeAppraisal', { success: 'appraisal.acknowledged' });
  const show = (r: AppraisalListRow) => setOpenId(r.id);
  useEffect(() => {
    setRatings(ratingsOf(open?.selfRatings));
    setComment(open?.status === 'OPEN' ? (open.selfComment ?? '') : '');
  }, [open?.id, open?.status]); // eslint-disable-line react-hooks/exhaustive-deps
  const changed = () => {
    void refetch();
    void detail.refetch();
  };
  return (
    <Card title={t('appraisal.mine')}>
      <Table<AppraisalListRow> rowKey="id" size="middle" loading={isFetching} pagination={false} dataSource={rows} data-testid="my-appraisals"
        onRow={(r) => ({ onClick: () => show(r), 'data-testid': 'my-appraisal-row', 'data-id': r.id } as never)}>
        <Table.Column<AppraisalListRow> key="period" title={t('appraisal.period')} render={(_, r) => `${r.period} · ${t(`enums.AppraisalKind.${r.kind}`)}`} />
        <Table.Column<AppraisalListRow> key="status" title={t('appraisal.status')} render={(_, r) => <StatusTag status={r.status} />} />
        <Table.Column<AppraisalListRow> key="score" title={t('appraisal.score')} render={(_, r) => scoreText(r.score)} />
        <Table.Column<AppraisalListRow> key="band" title={t('appraisal.band')} render={(_, r) => r.bandName ?? '—'} />
      </Table>
      <Drawer open={!!open} width={720} title={open ? `${t('appraisal.mine')} · ${open.period}` : ''} onClose={() => setOpenId(null)} destroyOnClose>
        {open && (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <PartsTable appraisal={open} />
            <Typography.Text strong>{t('appraisal.selfEvaluation')}</Typography.Text>
            <EvaluationForm categories={categories} ratings={ratings} onChange={open.status === 'OPEN' ? (k, v) => setRatings((r) => ({ ...r, [k]: v })) : undefined} testPrefix="self" />
            {open.status === 'OPEN' && (
              <>
                <Input.TextArea rows={2} placeholder={t('appraisal.comment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} />
                <Button type="primary" loading={selfEvaluate.loading} disabled={!categories.length || categories.some((c) => ratings[c.key] == null)} data-testid="self-submit"
                  onClick={() => void selfEvaluate.run({ input: { id: open.id, version: open.version, ratings: categories.map((c) => ({ key: c.key, score: ratings[c.key] })), comment } }).then((d) => d && changed())}>{t('appraisal.submitSelf')}</Button>
              </>
            )}
            <Outcome appraisal={open} />
            {open.status === 'FINALIZED' && (
              <>
                <Input.TextArea rows={2} placeholder={t('appraisal.agentComment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} data-testid="ack-comment" />
                <Button type="primary" loading={acknowledge.loading} data-testid="acknowledge"
                  onClick={() => void acknowledge.run({ input: { id: open.id, version: open.version, comment: comment || null } }).then((d) => d && changed())}>{t('appraisal.acknowledge')}</Button>
              </>
            )}
          </Space>
        )}
      </Drawer>
    </Card>
  );
}
