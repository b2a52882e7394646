import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Card, Checkbox, Descriptions, Divider, Drawer, Dropdown, Empty, Form, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DateTime } from '../../components/display';
import { errorText } from '../../data/errors';
import type { ApiError } from '../../graphql-client';
import { OrgUnitPicker } from '../../components/pickers';
import { useApiForm } from '../../hooks/use-api-form';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import type { Connection } from '../../types';
import { useZone } from '../appointments/shared';
import { exportQuery, type ExportColumn } from '../orders/export';

export interface ImprovementActionRow {
  id: string;
  version: number;
  status: string;
  title: string;
  description: string | null;
  analysisId: string;
  analysis: { id: string; title: string } | null;
  problemKey: string | null;
  ownerId: string;
  owner: { id: string; displayName: string } | null;
  storeId: string | null;
  store: { id: string; name: string } | null;
  dueDate: string;
  evidenceRequired: string | null;
  evidenceUrls: string[];
  notes: { at: string; byId: string | null; note: string; evidenceUrls: string[] }[];
  doneAt: string | null;
  closedAt: string | null;
  escalatedAt: string | null;
  createdAt: string;
}

export const ACTION_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CLOSED'];
const STATUS_COLORS: Record<string, string> = { OPEN: 'blue', IN_PROGRESS: 'processing', DONE: 'gold', CLOSED: 'green' };
const PAGE = 20;

/** Past its due date (in the franchise's calendar) and not done: shown in red. */
export const isOverdue = (a: Pick<ImprovementActionRow, 'status' | 'dueDate'>, today: string) => (a.status === 'OPEN' || a.status === 'IN_PROGRESS') && a.dueDate < today;

export function ActionStatusTag({ status }: { status: string }) {
  const t = useTranslate();
  return <Tag color={STATUS_COLORS[status]} data-testid="action-status" data-status={status}>{t(`analyses.actionStatuses.${status}`, status)}</Tag>;
}

interface Filters {
  status?: string[];
  mine?: boolean;
  overdue?: boolean;
  storeId?: string;
  analysisId?: string;
}

const variablesOf = (f: Filters) => {
  const filter: Record<string, unknown> = {};
  if (f.status?.length) filter.status = { in: f.status };
  if (f.storeId) filter.storeId = { eq: f.storeId };
  if (f.analysisId) filter.analysisId = { eq: f.analysisId };
  return { filter: Object.keys(filter).length ? filter : undefined, mine: f.mine || null, overdue: f.overdue || null };
};

/**
 * Improvement actions as a table: overdue ones in red; opening one shows its history, the owner's
 * progress form (note, evidence, done) and, for a done action, the verification (accept / send back).
 */
export function ImprovementActionTable({ analysisId, filters = {}, problems = [] }: { analysisId?: string; filters?: Filters; problems?: { key: string; title: string }[] }) {
  const t = useTranslate();
  const { today } = useZone();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const list = useGql<{ improvementActions: Connection<ImprovementActionRow> }>('ImprovementActions', { ...variablesOf({ ...filters, analysisId }), paging: { limit: PAGE, offset: (page - 1) * PAGE } });
  const rows = list.data?.improvementActions.nodes ?? [];
  const now = today();
  const opened = rows.find((r) => r.id === open);
  return (
    <>
      <Table<ImprovementActionRow> rowKey="id" size="small" loading={list.isFetching} dataSource={rows} scroll={{ x: 'max-content' }} data-testid="action-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analyses.noActions')} /> }}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.improvementActions.totalCount ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
        onRow={(r) => ({ 'data-testid': 'action-row', 'data-id': r.id, 'data-status': r.status, 'data-overdue': String(isOverdue(r, now)), onClick: () => setOpen(r.id), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>}>
        <Table.Column<ImprovementActionRow> key="title" title={t('analyses.actionTitle')} render={(_, r) => <Typography.Link>{r.title}</Typography.Link>} />
        {!analysisId && <Table.Column<ImprovementActionRow> key="analysis" title={t('analyses.analysis')} render={(_, r) => r.analysis ? <Link to={`/surveys/analyses/${r.analysis.id}`} onClick={(e) => e.stopPropagation()}>{r.analysis.title}</Link> : '—'} />}
        {analysisId && <Table.Column<ImprovementActionRow> key="problem" title={t('analyses.problem')} render={(_, r) => problems.find((p) => p.key === r.problemKey)?.title ?? '—'} />}
        <Table.Column<ImprovementActionRow> key="owner" title={t('analyses.owner')} render={(_, r) => r.owner?.displayName ?? '—'} />
        <Table.Column<ImprovementActionRow> key="store" title={t('analyses.store')} render={(_, r) => r.store?.name ?? '—'} />
        <Table.Column<ImprovementActionRow> key="due" title={t('analyses.dueDate')} render={(_, r) => isOverdue(r, now)
          ? <Typography.Text type="danger" strong data-testid="action-overdue">{r.dueDate} <Tag color="red">{t('analyses.overdueTag')}</Tag></Typography.Text>
          : r.dueDate} />
        <Table.Column<ImprovementActionRow> key="status" title={t('analyses.status')} render={(_, r) => <ActionStatusTag status={r.status} />} />
        <Table.Column<ImprovementActionRow> key="evidence" title={t('analyses.evidence')} align="right" render={(_, r) => r.evidenceUrls.length} />
      </Table>
      {opened && <ActionDrawer action={opened} onClose={() => setOpen(null)} onChanged={() => void list.refetch()} />}
    </>
  );
}

/** One action: what, whose, due when, its history; the owner reports progress, a verifier accepts or sends back. */
function ActionDrawer({ action, onClose, onChanged }: { action: ImprovementActionRow; onClose: () => void; onChanged: () => void }) {
  const t = useTranslate();
  const { me, can } = useMe();
  const { today } = useZone();
  const mine = !!me?.user && action.ownerId === me.user.id;
  const canReport = mine && can('improvement:update') && (action.status === 'OPEN' || action.status === 'IN_PROGRESS');
  const canVerify = !mine && can('analysis:write') && action.status === 'DONE';
  return (
    <Drawer open width={640} onClose={onClose} title={action.title} data-testid="action-drawer" destroyOnHidden>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('analyses.status')}><ActionStatusTag status={action.status} />{action.escalatedAt && <Tag color="red">{t('analyses.escalated')}</Tag>}</Descriptions.Item>
        {action.analysis && <Descriptions.Item label={t('analyses.analysis')}><Link to={`/surveys/analyses/${action.analysis.id}`}>{action.analysis.title}</Link></Descriptions.Item>}
        <Descriptions.Item label={t('analyses.owner')}>{action.owner?.displayName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('analyses.store')}>{action.store?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('analyses.dueDate')}>{isOverdue(action, today()) ? <Typography.Text type="danger">{action.dueDate} {t('analyses.overdueTag')}</Typography.Text> : action.dueDate}</Descriptions.Item>
        {action.description && <Descriptions.Item label={t('analyses.actionDescription')}>{action.description}</Descriptions.Item>}
        <Descriptions.Item label={t('analyses.evidenceRequired')}>{action.evidenceRequired ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('analyses.evidence')}>
          {action.evidenceUrls.length ? action.evidenceUrls.map((u) => <div key={u} data-lang-neutral><a href={u} target="_blank" rel="noreferrer">{u}</a></div>) : '—'}
        </Descriptions.Item>
        {action.doneAt && <Descriptions.Item label={t('analyses.doneAt')}><DateTime value={action.doneAt} /></Descriptions.Item>}
        {action.closedAt && <Descriptions.Item label={t('analyses.closedAt')}><DateTime value={action.closedAt} /></Descriptions.Item>}
      </Descriptions>
      <Divider orientation="left">{t('analyses.history')}</Divider>
      {action.notes.length ? (
        <Timeline data-testid="action-history" items={action.notes.map((n) => ({
          children: (
            <>
              <Typography.Text type="secondary"><DateTime value={n.at} /></Typography.Text>
              <div>{n.note}</div>
              {n.evidenceUrls.map((u) => <div key={u} data-lang-neutral><a href={u} target="_blank" rel="noreferrer">{u}</a></div>)}
            </>
          ),
        }))} />
      ) : <Typography.Text type="secondary">—</Typography.Text>}
      {canReport && <ProgressForm action={action} onDone={onChanged} />}
      {canVerify && <VerifyForm action={action} onDone={onChanged} />}
    </Drawer>
  );
}

function ProgressForm({ action, onDone }: { action: ImprovementActionRow; onDone: () => void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const { form, submit, formError, loading } = useApiForm(['input']);
  const finish = async (values: { note: string; evidence?: string; done?: boolean }) => {
    const evidenceUrls = (values.evidence ?? '').split(/\s+/).map((u) => u.trim()).filter(Boolean);
    const result = await submit('ReportImprovementProgress', { input: { id: action.id, version: action.version, note: values.note.trim(), evidenceUrls: evidenceUrls.length ? evidenceUrls : null, done: !!values.done } });
    if (result) {
      message.success(t(values.done ? 'analyses.doneSaved' : 'analyses.progressSaved'));
      form.resetFields();
      onDone();
    }
  };
  return (
    <Card size="small" title={t('analyses.progress')} style={{ marginTop: 16 }} data-testid="progress-form">
      <Form form={form} layout="vertical" onFinish={(v) => void finish(v)}>
        <Form.Item name="note" label={t('analyses.note')} rules={[{ required: true, whitespace: true, message: t('analyses.noteRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="progress-note" />
        </Form.Item>
        <Form.Item name="evidence" label={t('analyses.evidenceUrls')} extra={action.evidenceRequired ? `${t('analyses.evidenceRequired')}：${action.evidenceRequired}` : undefined}>
          <Input.TextArea rows={2} data-testid="progress-evidence" />
        </Form.Item>
        <Form.Item name="done" valuePropName="checked">
          <Checkbox data-testid="progress-done">{t('analyses.markDone')}</Checkbox>
        </Form.Item>
        {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={loading} data-testid="progress-submit">{t('analyses.submitProgress')}</Button>
      </Form>
    </Card>
  );
}

function VerifyForm({ action, onDone }: { action: ImprovementActionRow; onDone: () => void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const { form, submit, formError, loading } = useApiForm(['input']);
  const [missing, setMissing] = useState(false);
  const verify = async (accept: boolean) => {
    const comment = ((form.getFieldValue('comment') as string | undefined) ?? '').trim();
    setMissing(!accept && !comment);
    if (!accept && !comment) return;
    const result = await submit('VerifyImprovementAction', { input: { id: action.id, version: action.version, accept, comment: comment || null } });
    if (result) {
      message.success(t(accept ? 'analyses.accepted' : 'analyses.rejected'));
      onDone();
    }
  };
  return (
    <Card size="small" title={t('analyses.verify')} style={{ marginTop: 16 }} data-testid="verify-form">
      <Form form={form} layout="vertical">
        <Form.Item name="comment" label={t('analyses.comment')} validateStatus={missing ? 'error' : undefined} help={missing ? t('analyses.rejectReasonRequired') : t('analyses.rejectReason')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="verify-comment" />
        </Form.Item>
        {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
        <Space>
          <Button type="primary" loading={loading} onClick={() => void verify(true)} data-testid="verify-accept">{t('analyses.accept')}</Button>
          <Button danger loading={loading} onClick={() => void verify(false)} data-testid="verify-reject">{t('analyses.reject')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/**
 * 整改跟踪 (/surveys/improvements): every improvement action of the user's scope (HQ: all
 * franchises) with filters (status, mine, overdue, store) in the URL; overdue in red; the owner
 * reports progress and marks done, a supervisor or HQ verifies; exported as CSV or Excel.
 */
export function ImprovementTracker() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { today, format } = useZone();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    status: params.get('status')?.split(',').filter(Boolean),
    mine: params.get('mine') === '1',
    overdue: params.get('overdue') === '1',
    storeId: params.get('storeId') ?? undefined,
  };
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const columns: ExportColumn<Omit<ImprovementActionRow, 'notes'>>[] = [
    { title: t('analyses.actionTitle'), value: (r) => r.title },
    { title: t('analyses.analysis'), value: (r) => r.analysis?.title },
    { title: t('analyses.owner'), value: (r) => r.owner?.displayName },
    { title: t('analyses.store'), value: (r) => r.store?.name },
    { title: t('analyses.dueDate'), value: (r) => r.dueDate },
    { title: t('analyses.status'), value: (r) => t(`analyses.actionStatuses.${r.status}`) },
    { title: t('analyses.overdueTag'), value: (r) => (isOverdue(r, today()) ? t('callbacks.yes') : t('callbacks.no')) },
    { title: t('analyses.evidenceRequired'), value: (r) => r.evidenceRequired },
    { title: t('analyses.evidence'), value: (r) => r.evidenceUrls.join(' ') },
    { title: t('analyses.doneAt'), value: (r) => format(r.doneAt) },
    { title: t('analyses.closedAt'), value: (r) => format(r.closedAt) },
  ];
  const runExport = async (kind: 'csv' | 'xlsx') => {
    const variables = variablesOf(filters);
    try {
      const { count } = await exportQuery(kind, `${t('analyses.tracker')}-${today()}`, columns, 'ImprovementActionExport', 'improvementActions', variables);
      message.success(t('analyses.exported', { count }));
    } catch (error) {
      message.error(errorText(error as ApiError, t));
    }
  };
  return (
    <Card title={t('analyses.tracker')} data-testid="improvement-tracker"
      extra={
        <Dropdown menu={{ items: [{ key: 'csv', label: t('analyses.exportCsv') }, { key: 'xlsx', label: t('analyses.exportXlsx') }], onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx') }}>
          <Button icon={<DownloadOutlined />} data-testid="tracker-export">{t('analyses.export')}</Button>
        </Dropdown>
      }>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select mode="multiple" allowClear style={{ minWidth: 220 }} placeholder={t('analyses.allStatuses')} value={filters.status ?? []} onChange={(v: string[]) => set('status', v.join(',') || undefined)} data-testid="tracker-status"
          options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`analyses.actionStatuses.${s}`) }))} />
        <div style={{ width: 200 }}><OrgUnitPicker kinds={['STORE', 'BRANCH_CENTER']} placeholder={t('analyses.allStores')} value={filters.storeId} onChange={(v) => set('storeId', v)} /></div>
        <Checkbox checked={filters.mine} onChange={(e) => set('mine', e.target.checked ? '1' : undefined)} data-testid="tracker-mine">{t('analyses.mine')}</Checkbox>
        <Checkbox checked={filters.overdue} onChange={(e) => set('overdue', e.target.checked ? '1' : undefined)} data-testid="tracker-overdue">{t('analyses.overdue')}</Checkbox>
      </Space>
      <ImprovementActionTable filters={filters} key={params.toString()} />
    </Card>
  );
}
