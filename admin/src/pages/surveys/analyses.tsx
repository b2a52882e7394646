import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Popconfirm, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { DateTime } from '../../components/display';
import { OrgUnitPicker, StaffPicker } from '../../components/pickers';
import { useApiForm } from '../../hooks/use-api-form';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { dayjs } from '../../time';
import type { Connection } from '../../types';
import { useZone } from '../appointments/shared';
import { percent } from '../../percent';
import type { SatisfactionFigure } from './figures';
import { ImprovementActionTable } from './improvements';

export interface ReviewFlag {
  kind: string;
  agentId: string | null;
  agentName: string | null;
  dissatisfied: number;
  share: number | null;
  agents: number;
  reason: string;
}

export interface AnalysisRow {
  id: string;
  version: number;
  status: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  storeId: string | null;
  store: { id: string; name: string } | null;
  author: { id: string; displayName: string } | null;
  createdAt: string;
  closedAt: string | null;
  flags: ReviewFlag[];
  figures: SatisfactionFigure;
}

interface Problem {
  key: string;
  title: string;
  description: string | null;
  grade: string;
}

interface AnalysisDetail extends AnalysisRow {
  findings: string | null;
  problems: Problem[];
  worstQuestions: { questionKey: string; text: string; answered: number; dissatisfied: number; dissatisfactionRate: number | null; averageRating: number | null }[];
  worstStores: SatisfactionFigure[];
  worstAgents: SatisfactionFigure[];
}

export const GRADES = ['SEVERE', 'MAJOR', 'MINOR'];
const GRADE_COLORS: Record<string, string> = { SEVERE: 'red', MAJOR: 'orange', MINOR: 'blue' };

export function AnalysisStatusTag({ status }: { status: string }) {
  const t = useTranslate();
  return <Tag color={status === 'OPEN' ? 'processing' : 'default'} data-testid="analysis-status" data-status={status}>{t(`analyses.statuses.${status}`, status)}</Tag>;
}

function FlagTags({ flags }: { flags: ReviewFlag[] }) {
  const t = useTranslate();
  if (!flags.length) return <Typography.Text type="secondary">{t('analyses.noFlags')}</Typography.Text>;
  return <>{flags.map((f, i) => <Tag key={i} color={f.kind === 'STAFFING_REVIEW' ? 'volcano' : 'gold'} data-flag={f.kind}>{t(`analyses.flagKinds.${f.kind}`)}{f.agentName ? `：${f.agentName}` : ''}</Tag>)}</>;
}

/** The period presets a supervisor usually analyses: last month, the last three full months, this month so far. */
function periodPresets(today: string): Record<'lastMonth' | 'lastThreeMonths' | 'thisMonth', [string, string]> {
  const d = dayjs(today);
  const lastMonth = d.subtract(1, 'month');
  return {
    lastMonth: [lastMonth.startOf('month').format('YYYY-MM-DD'), lastMonth.endOf('month').format('YYYY-MM-DD')],
    lastThreeMonths: [d.subtract(3, 'month').startOf('month').format('YYYY-MM-DD'), lastMonth.endOf('month').format('YYYY-MM-DD')],
    thisMonth: [d.startOf('month').format('YYYY-MM-DD'), today],
  };
}

/**
 * 满意度分析 (/surveys/analyses): the analyses of the user's scope, newest first (period, scope,
 * status, the system's flags); "新建分析" picks a period and a scope, and the system proposes the
 * figures, the worst questions, stores and agents and the reviews its rules flag (opened at once).
 */
export function SatisfactionAnalysisList() {
  const t = useTranslate();
  const navigate = useNavigate();
  const { can } = useMe();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useGql<{ satisfactionAnalyses: Connection<AnalysisRow> }>('SatisfactionAnalyses', { filter: status ? { status: { eq: status } } : undefined, paging: { limit: 20, offset: (page - 1) * 20 } });
  const rows = list.data?.satisfactionAnalyses.nodes ?? [];
  return (
    <Card title={t('analyses.list')} data-testid="analysis-list"
      extra={can('analysis:write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="analysis-new">{t('analyses.newAnalysis')}</Button>}>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 160 }} placeholder={t('analyses.allStatuses')} value={status} onChange={(v) => { setStatus(v); setPage(1); }}
          options={['OPEN', 'CLOSED'].map((s) => ({ value: s, label: t(`analyses.statuses.${s}`) }))} />
      </Space>
      <Table<AnalysisRow> rowKey="id" size="small" loading={list.isFetching} dataSource={rows} scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: list.data?.satisfactionAnalyses.totalCount ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(r) => ({ 'data-testid': 'analysis-row', 'data-id': r.id, onClick: () => navigate(`/surveys/analyses/${r.id}`), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>}>
        <Table.Column<AnalysisRow> key="title" title={t('analyses.title')} render={(_, r) => <Link to={`/surveys/analyses/${r.id}`}>{r.title}</Link>} />
        <Table.Column<AnalysisRow> key="period" title={t('analyses.period')} render={(_, r) => `${r.periodFrom} ~ ${r.periodTo}`} />
        <Table.Column<AnalysisRow> key="scope" title={t('analyses.scope')} render={(_, r) => r.store?.name ?? t('analyses.wholeFranchise')} />
        <Table.Column<AnalysisRow> key="rate" title={t('analyses.dissatisfactionRate')} align="right" render={(_, r) => percent(r.figures.dissatisfactionRate)} />
        <Table.Column<AnalysisRow> key="flags" title={t('analyses.flags')} render={(_, r) => <FlagTags flags={r.flags} />} />
        <Table.Column<AnalysisRow> key="status" title={t('analyses.status')} render={(_, r) => <AnalysisStatusTag status={r.status} />} />
        <Table.Column<AnalysisRow> key="author" title={t('analyses.author')} render={(_, r) => r.author?.displayName ?? '—'} />
        <Table.Column<AnalysisRow> key="createdAt" title={t('analyses.createdAt')} render={(_, r) => <DateTime value={r.createdAt} />} />
      </Table>
      {creating && <CreateAnalysisModal onClose={() => setCreating(false)} onCreated={(id) => navigate(`/surveys/analyses/${id}`)} />}
    </Card>
  );
}

function CreateAnalysisModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const { today } = useZone();
  const presets = periodPresets(today());
  const [preset, setPreset] = useState<string>('lastMonth');
  const { form, submit, formError, loading } = useApiForm(['input']);
  const titleFor = (range: [string, string]) => t('analyses.defaultTitle', { from: range[0], to: range[1] });
  const choose = (key: keyof typeof presets) => {
    setPreset(key);
    form.setFieldsValue({ range: [dayjs(presets[key][0]), dayjs(presets[key][1])], title: titleFor(presets[key]) });
  };
  const finish = async (values: { title: string; range: [dayjs.Dayjs, dayjs.Dayjs]; storeId?: string }) => {
    const result = await submit<{ createSatisfactionAnalysis: { id: string } }>('CreateSatisfactionAnalysis', {
      input: { title: values.title.trim(), from: values.range[0].format('YYYY-MM-DD'), to: values.range[1].format('YYYY-MM-DD'), storeId: values.storeId ?? null },
    });
    if (result) {
      message.success(t('analyses.created'));
      onCreated(result.createSatisfactionAnalysis.id);
    }
  };
  return (
    <Modal open title={t('analyses.newAnalysis')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={loading} okButtonProps={{ 'data-testid': 'analysis-create-submit' } as Record<string, string>} destroyOnHidden width={560}>
      <Typography.Paragraph type="secondary">{t('analyses.createHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void finish(v)} initialValues={{ range: [dayjs(presets.lastMonth[0]), dayjs(presets.lastMonth[1])], title: titleFor(presets.lastMonth) }}>
        <Form.Item label={t('analyses.period')} required>
          <Segmented value={preset} onChange={(v) => choose(v as keyof typeof presets)} data-testid="analysis-period-preset" style={{ marginBottom: 8 }}
            options={(['lastMonth', 'lastThreeMonths', 'thisMonth'] as const).map((k) => ({ value: k, label: t(`analyses.${k}`) }))} />
          <Form.Item name="range" noStyle rules={[{ required: true }]}>
            <DatePicker.RangePicker allowClear={false} onChange={(v) => { setPreset(''); if (v?.[0] && v[1]) form.setFieldValue('title', titleFor([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])); }} data-testid="analysis-range" />
          </Form.Item>
        </Form.Item>
        <Form.Item name="storeId" label={t('analyses.scope')}>
          <OrgUnitPicker kinds={['STORE', 'BRANCH_CENTER']} placeholder={t('analyses.wholeFranchise')} />
        </Form.Item>
        <Form.Item name="title" label={t('analyses.title')} rules={[{ required: true, whitespace: true, message: t('analyses.titleRequired') }]}>
          <Input maxLength={200} data-testid="analysis-title" />
        </Form.Item>
        {formError && <Alert type="error" showIcon message={formError} />}
      </Form>
    </Modal>
  );
}

/**
 * One analysis (/surveys/analyses/:id): the system's proposal (figures, flags, worst questions,
 * stores and agents), the findings and graded problems the supervisor writes, the improvement
 * actions set for owners (usually the store director), and closing once every action is closed.
 */
export function SatisfactionAnalysisShow() {
  const t = useTranslate();
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const { can } = useMe();
  const detail = useGql<{ satisfactionAnalysis: AnalysisDetail | null }>('SatisfactionAnalysisDetail', { id });
  const analysis = detail.data?.satisfactionAnalysis;
  const close = useGqlMutation<{ closeSatisfactionAnalysis: { status: string } }>('CloseSatisfactionAnalysis');
  const [adding, setAdding] = useState(false);
  const [actionsKey, setActionsKey] = useState(0);
  if (!analysis) return <Card loading={detail.isFetching}>{!detail.isFetching && <Empty />}</Card>;
  const editable = analysis.status === 'OPEN' && can('analysis:write');
  const f = analysis.figures;
  const stats: [string, string | number][] = [
    ['sent', f.sent], ['answered', f.answered], ['responseRate', percent(f.responseRate)], ['satisfactionRate', percent(f.satisfactionRate)],
    ['dissatisfactionRate', percent(f.dissatisfactionRate)], ['averageRating', f.averageRating ?? '—'],
  ];
  const figureColumns = (nameTitle: string) => [
    { key: 'name', title: nameTitle, render: (_: unknown, r: SatisfactionFigure) => r.label ?? '—' },
    { key: 'rated', title: t('analyses.rated'), align: 'right' as const, dataIndex: 'rated' },
    { key: 'dissatisfied', title: t('analyses.dissatisfied'), align: 'right' as const, dataIndex: 'dissatisfied' },
    { key: 'rate', title: t('analyses.dissatisfactionRate'), align: 'right' as const, render: (_: unknown, r: SatisfactionFigure) => percent(r.dissatisfactionRate) },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16} data-testid="analysis-page" data-id={analysis.id}>
      <Card title={<Space>{analysis.title}<AnalysisStatusTag status={analysis.status} /></Space>}
        extra={editable && (
          <Popconfirm title={t('analyses.closeConfirm')} onConfirm={async () => {
            if (await close.run({ id: analysis.id, version: analysis.version })) {
              message.success(t('analyses.closed'));
              await detail.refetch();
            }
          }}>
            <Button loading={close.loading} data-testid="analysis-close">{t('analyses.close')}</Button>
          </Popconfirm>
        )}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('analyses.period')}>{analysis.periodFrom} ~ {analysis.periodTo}</Descriptions.Item>
          <Descriptions.Item label={t('analyses.scope')}>{analysis.store?.name ?? t('analyses.wholeFranchise')}</Descriptions.Item>
          <Descriptions.Item label={t('analyses.author')}>{analysis.author?.displayName ?? '—'}</Descriptions.Item>
        </Descriptions>
        {analysis.status === 'OPEN' ? <Typography.Text type="secondary">{t('analyses.closeHelp')}</Typography.Text> : <Alert type="info" showIcon message={t('analyses.readOnly')} />}
      </Card>

      <Card title={t('analyses.proposal')} data-testid="analysis-proposal">
        <Row gutter={16} style={{ marginBottom: 16 }} data-testid="analysis-figures">
          {stats.map(([key, value]) => <Col key={key} xs={12} md={4}><Statistic title={t(`analyses.${key}`)} value={value} /></Col>)}
        </Row>
        {analysis.flags.map((flag, i) => (
          <Alert key={i} type={flag.kind === 'STAFFING_REVIEW' ? 'error' : 'warning'} showIcon style={{ marginBottom: 8 }} data-testid="analysis-flag" data-kind={flag.kind} data-agent={flag.agentId ?? ''}
            message={<Space wrap><strong>{t(`analyses.flagKinds.${flag.kind}`)}</strong>{flag.agentName && <span>{flag.agentName}</span>}{flag.share != null && <Tag>{t('analyses.share', { share: percent(flag.share) })}</Tag>}</Space>}
            description={flag.reason} />
        ))}
        <Row gutter={16}>
          <Col xs={24} xl={8}>
            <Card size="small" title={t('analyses.worstQuestions')}>
              <Table rowKey="questionKey" size="small" pagination={false} dataSource={analysis.worstQuestions} data-testid="worst-questions"
                columns={[
                  { key: 'text', title: t('analyses.question'), dataIndex: 'text' },
                  { key: 'avg', title: t('analyses.averageRating'), align: 'right', render: (_, r) => r.averageRating ?? '—' },
                  { key: 'rate', title: t('analyses.dissatisfactionRate'), align: 'right', render: (_, r) => percent(r.dissatisfactionRate) },
                ]} />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small" title={t('analyses.worstStores')}>
              <Table rowKey={(r) => r.key ?? 'none'} size="small" pagination={false} dataSource={analysis.worstStores} columns={figureColumns(t('analyses.store'))} data-testid="worst-stores" />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small" title={t('analyses.worstAgents')}>
              <Table rowKey={(r) => r.key ?? 'none'} size="small" pagination={false} dataSource={analysis.worstAgents} columns={figureColumns(t('analyses.agent'))} data-testid="worst-agents"
                onRow={(r) => ({ 'data-testid': 'worst-agent', 'data-id': r.key ?? '' }) as React.HTMLAttributes<HTMLElement>} />
            </Card>
          </Col>
        </Row>
      </Card>

      <FindingsCard analysis={analysis} editable={editable} onSaved={() => void detail.refetch()} />

      <Card title={t('analyses.actions')} data-testid="analysis-actions"
        extra={editable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="action-new">{t('analyses.addAction')}</Button>}>
        <ImprovementActionTable key={actionsKey} analysisId={analysis.id} problems={analysis.problems} />
      </Card>
      {adding && <AddActionModal analysis={analysis} onClose={() => setAdding(false)} onAdded={() => { setAdding(false); setActionsKey((k) => k + 1); }} />}
    </Space>
  );
}

/** The findings and the graded problems: written while the analysis is open (each save sends the version it loaded). */
function FindingsCard({ analysis, editable, onSaved }: { analysis: AnalysisDetail; editable: boolean; onSaved: () => void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const { form, submit, formError, loading } = useApiForm(['input']);
  const staffing = analysis.flags.filter((f) => f.kind === 'STAFFING_REVIEW' || f.kind === 'PROCESS_REVIEW');
  const finish = async (values: { findings?: string; problems?: (Partial<Problem> & { title: string; grade: string })[] }) => {
    const problems = (values.problems ?? []).map((p, i) => ({ key: p.key || `p${i + 1}-${Date.now().toString(36)}`, title: p.title.trim(), description: p.description?.trim() || null, grade: p.grade }));
    const result = await submit<{ updateSatisfactionAnalysis: { version: number } }>('UpdateSatisfactionAnalysis', { input: { id: analysis.id, version: analysis.version, findings: values.findings?.trim() || null, problems } });
    if (result) {
      message.success(t('analyses.saved'));
      onSaved();
    }
  };
  if (!editable)
    return (
      <Card title={t('analyses.findings')} data-testid="analysis-findings">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{analysis.findings || '—'}</Typography.Paragraph>
        <Table rowKey="key" size="small" pagination={false} dataSource={analysis.problems} data-testid="analysis-problems"
          columns={[
            { key: 'grade', title: t('analyses.grade'), render: (_, p) => <Tag color={GRADE_COLORS[p.grade]}>{t(`analyses.grades.${p.grade}`)}</Tag> },
            { key: 'title', title: t('analyses.problemTitle'), dataIndex: 'title' },
            { key: 'description', title: t('analyses.problemDescription'), render: (_, p) => p.description ?? '—' },
          ]} />
      </Card>
    );
  return (
    <Card title={t('analyses.findings')} data-testid="analysis-findings">
      <Form form={form} layout="vertical" onFinish={(v) => void finish(v)} initialValues={{ findings: analysis.findings ?? '', problems: analysis.problems }} key={analysis.version}>
        <Form.Item name="findings" label={t('analyses.findings')}>
          <Input.TextArea rows={4} maxLength={10000} placeholder={t('analyses.findingsPlaceholder')} data-testid="analysis-findings-input" />
        </Form.Item>
        <Typography.Text strong>{t('analyses.problems')}</Typography.Text>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row key={field.key} gutter={8} align="top" data-testid="problem-row">
                  <Form.Item name={[field.name, 'key']} hidden><Input /></Form.Item>
                  <Col xs={24} md={4}>
                    <Form.Item name={[field.name, 'grade']} rules={[{ required: true }]}>
                      <Select options={GRADES.map((g) => ({ value: g, label: t(`analyses.grades.${g}`) }))} data-testid="problem-grade" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'title']} rules={[{ required: true, whitespace: true, message: t('analyses.problemTitleRequired') }]}>
                      <Input maxLength={200} placeholder={t('analyses.problemTitle')} data-testid="problem-title" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item name={[field.name, 'description']}>
                      <Input maxLength={2000} placeholder={t('analyses.problemDescription')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={2}><Button type="link" danger onClick={() => remove(field.name)}>{t('analyses.removeProblem')}</Button></Col>
                </Row>
              ))}
              <Space style={{ marginBottom: 12 }}>
                <Button icon={<PlusOutlined />} onClick={() => add({ grade: 'MAJOR', title: '' })} data-testid="problem-add">{t('analyses.addProblem')}</Button>
                {!!staffing.length && (
                  <Button onClick={() => staffing.forEach((f) => add({ grade: f.kind === 'STAFFING_REVIEW' ? 'SEVERE' : 'MAJOR', title: `${t(`analyses.flagKinds.${f.kind}`)}${f.agentName ? `：${f.agentName}` : ''}`, description: f.reason }))} data-testid="problem-from-flags">
                    {t('analyses.fromFlag')}
                  </Button>
                )}
              </Space>
            </>
          )}
        </Form.List>
        {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
        <div><Button type="primary" htmlType="submit" loading={loading} data-testid="analysis-save">{t('analyses.saveAnalysis')}</Button></div>
      </Form>
    </Card>
  );
}

/** An improvement action set for an owner: the problem it addresses, what, due when, the evidence expected. */
function AddActionModal({ analysis, onClose, onAdded }: { analysis: AnalysisDetail; onClose: () => void; onAdded: () => void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const { today } = useZone();
  const { form, submit, formError, loading } = useApiForm(['input']);
  const finish = async (values: { problemKey?: string; title: string; description?: string; ownerId: string; storeId?: string; dueDate: dayjs.Dayjs; evidenceRequired?: string }) => {
    const result = await submit<{ addImprovementAction: { owner: { displayName: string } | null } }>('AddImprovementAction', {
      input: {
        analysisId: analysis.id, problemKey: values.problemKey ?? null, title: values.title.trim(), description: values.description?.trim() || null, ownerId: values.ownerId,
        storeId: values.storeId ?? null, dueDate: values.dueDate.format('YYYY-MM-DD'), evidenceRequired: values.evidenceRequired?.trim() || null,
      },
    });
    if (result) {
      message.success(t('analyses.actionAdded', { owner: result.addImprovementAction.owner?.displayName ?? '' }));
      onAdded();
    }
  };
  return (
    <Modal open title={t('analyses.addAction')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={loading} okButtonProps={{ 'data-testid': 'action-submit' } as Record<string, string>} destroyOnHidden width={600}>
      <Form form={form} layout="vertical" onFinish={(v) => void finish(v)} initialValues={{ dueDate: dayjs(today()).add(14, 'day'), problemKey: analysis.problems[0]?.key }}>
        {!!analysis.problems.length && (
          <Form.Item name="problemKey" label={t('analyses.problem')}>
            <Select allowClear options={analysis.problems.map((p) => ({ value: p.key, label: `${t(`analyses.grades.${p.grade}`)} · ${p.title}` }))} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('analyses.actionTitle')} rules={[{ required: true, whitespace: true, message: t('analyses.actionTitleRequired') }]}>
          <Input maxLength={200} data-testid="action-title" />
        </Form.Item>
        <Form.Item name="description" label={t('analyses.actionDescription')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <div data-testid="action-owner">
              <Form.Item name="ownerId" label={t('analyses.owner')} rules={[{ required: true, message: t('analyses.ownerRequired') }]}>
                <StaffPicker placeholder={t('analyses.ownerRequired')} />
              </Form.Item>
            </div>
          </Col>
          <Col span={12}>
            <Form.Item name="dueDate" label={t('analyses.dueDate')} rules={[{ required: true, message: t('analyses.dueDateRequired') }]}>
              <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') < today()} data-testid="action-due" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="storeId" label={t('analyses.store')}>
          <OrgUnitPicker kinds={['STORE', 'BRANCH_CENTER']} placeholder={analysis.store?.name ?? t('analyses.wholeFranchise')} />
        </Form.Item>
        <Form.Item name="evidenceRequired" label={t('analyses.evidenceRequired')}>
          <Input maxLength={500} data-testid="action-evidence" />
        </Form.Item>
        {formError && <Alert type="error" showIcon message={formError} />}
      </Form>
    </Modal>
  );
}
