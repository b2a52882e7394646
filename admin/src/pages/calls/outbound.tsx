import { List, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Button, Card, Col, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Progress, Row, Select, Space, Statistic, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { CustomerPicker, OrgUnitPicker } from '../../components/pickers';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { op } from '../../operations';
import type { Connection } from '../../types';
import { dayjs } from '../../time';
import { useZone } from '../appointments/shared';

export const OUTBOUND_PURPOSES = ['SURVEY', 'SALES', 'RELATIONSHIP_CARE'] as const;
export const OUTBOUND_OUTCOMES = ['UNREACHED', 'NOT_INTERESTED', 'INTERESTED', 'CONVERTED'] as const;
export const NO_INTEREST_REASONS = ['NO_NEED', 'PRICE', 'ALREADY_BOUGHT', 'BAD_TIMING', 'DISTRUST', 'DO_NOT_CALL', 'OTHER'] as const;
const SEGMENTS = ['CHAMPION', 'LOYAL', 'POTENTIAL', 'NEW', 'AT_RISK', 'HIBERNATING', 'NO_PURCHASE'] as const;

export interface OutboundPlanRow { id: string; version: number; name: string; purpose: string; goal: string; assigneeIds: string[]; deadline: string; targetCount: number; createdAt: string }
export interface OutboundTaskRow {
  id: string; version: number; planId: string; seq: number; dueAt: string; state: string; outcome: string | null; noInterestReason: string | null; note: string | null; followUpAt: string | null; followUpOfId: string | null; completedAt: string | null;
  customer: { id: string; name: string; phone: string | null } | null; assignee: { id: string; displayName: string } | null; plan: { id: string; name: string; purpose: string; goal: string } | null; call: { id: string; state: string; answeredAt: string | null; talkSeconds: number | null } | null;
}
interface ProgressRow { assigneeId: string | null; assigneeName: string | null; targets: number; done: number; reached: number; interested: number; converted: number; openFollowUps: number; doneRate: number | null; conversionRate: number | null }

const percent = (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v * 1000) / 10}%`);
/** The server's now (the panel's clock may differ), a little in the past so a call never ends in the future. */
const serverNow = (offsetMs: number) => Date.now() + offsetMs - 2_000;

/** Agents (active staff) for a plan's assignees, several at once. */
function AgentsSelect({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { data, isFetching } = useGql<{ staffUsers: Connection<{ id: string; displayName: string }> }>('StaffList', { filter: { status: { eq: 'ACTIVE' } }, paging: { limit: 200 }, sorting: [{ field: 'displayName', direction: 'ASC' }] });
  return <Select mode="multiple" value={value} onChange={onChange} loading={isFetching} optionFilterProp="label" data-testid="plan-assignees" options={(data?.staffUsers.nodes ?? []).map((s) => ({ value: s.id, label: s.displayName }))} />;
}

/** Customers picked one by one (search by name, record number or phone). */
function CustomersSelect({ value = [], onChange }: { value?: { id: string; label: string }[]; onChange?: (v: { id: string; label: string }[]) => void }) {
  const [key, setKey] = useState(0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <div data-testid="plan-customer-search" key={key}><CustomerPicker onChange={(id) => { if (id && !value.some((c) => c.id === id)) onChange?.([...value, { id, label: id }]); setKey((k) => k + 1); }} /></div>
      <Space wrap>{value.map((c, i) => <Tag key={c.id} closable onClose={() => onChange?.(value.filter((x) => x.id !== c.id))} data-testid="plan-customer">#{i + 1}</Tag>)}</Space>
    </Space>
  );
}

/** 外呼计划 (/calls/outbound): the plans of one's part of the organisation and a new plan (purpose, goal, agents, deadline, targets by store and segment or picked customers). */
export function OutboundPlanList() {
  const t = useTranslate();
  const { format } = useZone();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const create = useGqlMutation<{ createOutboundPlan: OutboundPlanRow }>('CreateOutboundPlan', { success: 'outbound.created' });
  const { tableProps, tableQuery } = useTable<OutboundPlanRow>({ resource: 'outboundPlans', meta: { gqlQuery: op('OutboundPlanList') }, sorters: { initial: [{ field: 'createdAt', order: 'desc' }] }, pagination: { pageSize: 20 } });

  const submit = async () => {
    const v = await form.validateFields();
    const filter = v.storeId || v.segment?.length ? { ...(v.storeId ? { orgUnitId: { eq: v.storeId } } : {}), ...(v.segment?.length ? { segment: { in: v.segment } } : {}) } : undefined;
    const customerIds = (v.customers ?? []).map((c: { id: string }) => c.id);
    const done = await create.run({ input: { name: v.name, purpose: v.purpose, goal: v.goal, assigneeIds: v.assigneeIds, deadline: v.deadline.endOf('day').toISOString(), targets: { ...(customerIds.length ? { customerIds } : {}), ...(filter ? { filter } : {}) } } });
    if (done) {
      setCreating(false);
      form.resetFields();
      void tableQuery.refetch();
    }
  };

  return (
    <List title={t('outbound.plans')} headerButtons={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-new">{t('outbound.newPlan')}</Button>}>
      <Table<OutboundPlanRow> {...tableProps} rowKey="id" size="middle" data-testid="plan-table" onRow={(r) => ({ 'data-testid': 'plan-row', 'data-id': r.id } as never)}>
        <Table.Column<OutboundPlanRow> dataIndex="name" title={t('outbound.name')} render={(v: string, r) => <Link to={`/calls/outbound/${r.id}`} data-testid="plan-link">{v}</Link>} />
        <Table.Column<OutboundPlanRow> dataIndex="purpose" title={t('outbound.purpose')} render={(v: string) => <Tag>{t(`enums.OutboundPurpose.${v}`)}</Tag>} />
        <Table.Column<OutboundPlanRow> dataIndex="goal" title={t('outbound.goal')} />
        <Table.Column<OutboundPlanRow> dataIndex="targetCount" title={t('outbound.targets')} align="right" />
        <Table.Column<OutboundPlanRow> key="agents" title={t('outbound.agents')} align="right" render={(_, r) => r.assigneeIds.length} />
        <Table.Column<OutboundPlanRow> dataIndex="deadline" title={t('outbound.deadline')} sorter className="pd-nowrap" render={(v: string) => format(v, 'YYYY-MM-DD')} />
        <Table.Column<OutboundPlanRow> dataIndex="createdAt" title={t('outbound.createdAt')} sorter className="pd-nowrap" render={(v: string) => format(v)} />
      </Table>
      <Modal open={creating} title={t('outbound.newPlan')} onCancel={() => setCreating(false)} onOk={() => void submit()} confirmLoading={create.loading} okButtonProps={{ 'data-testid': 'plan-submit' } as never} width={640} destroyOnClose>
        <Form form={form} layout="vertical" initialValues={{ purpose: 'RELATIONSHIP_CARE' }}>
          <Form.Item name="name" label={t('outbound.name')} rules={[{ required: true, message: t('outbound.required') }]}><Input data-testid="plan-name" maxLength={100} /></Form.Item>
          <Form.Item name="purpose" label={t('outbound.purpose')} rules={[{ required: true }]}><Select data-testid="plan-purpose" options={OUTBOUND_PURPOSES.map((p) => ({ value: p, label: t(`enums.OutboundPurpose.${p}`) }))} /></Form.Item>
          <Form.Item name="goal" label={t('outbound.goal')} rules={[{ required: true, message: t('outbound.required') }]}><Input.TextArea data-testid="plan-goal" rows={2} maxLength={1000} /></Form.Item>
          <Form.Item name="assigneeIds" label={t('outbound.agents')} extra={t('outbound.roundRobin')} rules={[{ required: true, message: t('outbound.required') }]}><AgentsSelect /></Form.Item>
          <Form.Item name="deadline" label={t('outbound.deadline')} rules={[{ required: true, message: t('outbound.required') }]}><DatePicker data-testid="plan-deadline" disabledDate={(d) => d.isBefore(dayjs(), 'day')} /></Form.Item>
          <Card size="small" title={t('outbound.targetCustomers')}>
            <Row gutter={12}>
              <Col span={12}><Form.Item name="storeId" label={t('outbound.byStore')}><OrgUnitPicker /></Form.Item></Col>
              <Col span={12}><Form.Item name="segment" label={t('outbound.bySegment')}><Select mode="multiple" data-testid="plan-segment" options={SEGMENTS.map((s) => ({ value: s, label: t(`enums.CustomerSegment.${s}`) }))} /></Form.Item></Col>
            </Row>
            <Form.Item name="customers" label={t('outbound.byList')}><CustomersSelect /></Form.Item>
          </Card>
        </Form>
      </Modal>
    </List>
  );
}

/** 外呼进度 (/calls/outbound/:id): the plan, its progress in total and per agent, the reasons for no interest, and its tasks. */
export function OutboundPlanShow() {
  const t = useTranslate();
  const { id } = useParams();
  const { format } = useZone();
  const { data } = useGql<{ outboundPlan: OutboundPlanRow | null; outboundPlanProgress: { totals: ProgressRow; byAgent: ProgressRow[]; noInterestReasons: { reason: string; count: number }[] } }>('OutboundPlanProgress', { planId: id });
  const { tableProps } = useTable<OutboundTaskRow>({ resource: 'outboundTasks', meta: { gqlQuery: op('OutboundTaskList') }, filters: { permanent: [{ field: 'planId', operator: 'eq', value: id }] }, sorters: { initial: [{ field: 'seq', order: 'asc' }] }, pagination: { pageSize: 20 }, syncWithLocation: false });
  const plan = data?.outboundPlan;
  const totals = data?.outboundPlanProgress.totals;
  return (
    <List title={plan ? `${t('outbound.progress')} · ${plan.name}` : t('outbound.progress')} breadcrumb={false}>
      {plan && (
        <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('outbound.purpose')}>{t(`enums.OutboundPurpose.${plan.purpose}`)}</Descriptions.Item>
          <Descriptions.Item label={t('outbound.deadline')}>{format(plan.deadline, 'YYYY-MM-DD')}</Descriptions.Item>
          <Descriptions.Item label={t('outbound.targets')}>{plan.targetCount}</Descriptions.Item>
          <Descriptions.Item label={t('outbound.goal')} span={3}>{plan.goal}</Descriptions.Item>
        </Descriptions>
      )}
      {totals && (
        <Row gutter={12} style={{ marginBottom: 16 }} data-testid="plan-totals">
          <Col span={5}><Card size="small"><Statistic title={t('outbound.done')} value={totals.done} suffix={`/ ${totals.targets}`} /><Progress percent={Math.round((totals.doneRate ?? 0) * 100)} size="small" /></Card></Col>
          <Col span={5}><Card size="small"><Statistic title={t('outbound.reached')} value={totals.reached} /></Card></Col>
          <Col span={5}><Card size="small"><Statistic title={t('outbound.interested')} value={totals.interested} /></Card></Col>
          <Col span={5}><Card size="small"><Statistic title={t('outbound.converted')} value={totals.converted} /><span data-testid="plan-converted" data-value={totals.converted} /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title={t('outbound.openFollowUps')} value={totals.openFollowUps} /></Card></Col>
        </Row>
      )}
      <Table<ProgressRow> rowKey={(r) => r.assigneeId ?? 'total'} size="small" pagination={false} dataSource={data?.outboundPlanProgress.byAgent ?? []} data-testid="plan-agents" style={{ marginBottom: 16 }}
        onRow={(r) => ({ 'data-testid': 'plan-agent-row', 'data-id': r.assigneeId } as never)}>
        <Table.Column<ProgressRow> dataIndex="assigneeName" title={t('outbound.agent')} />
        {(['targets', 'done', 'reached', 'interested', 'converted', 'openFollowUps'] as const).map((k) => <Table.Column<ProgressRow> key={k} dataIndex={k} title={t(`outbound.${k}`)} align="right" render={(v: number) => <span data-testid={`agent-${k}`}>{v}</span>} />)}
        <Table.Column<ProgressRow> dataIndex="doneRate" title={t('outbound.doneRate')} align="right" render={percent} />
        <Table.Column<ProgressRow> dataIndex="conversionRate" title={t('outbound.conversionRate')} align="right" render={percent} />
      </Table>
      {!!data?.outboundPlanProgress.noInterestReasons.length && (
        <Space wrap style={{ marginBottom: 16 }}>{t('outbound.noInterestReasons')}：{data.outboundPlanProgress.noInterestReasons.map((r) => <Tag key={r.reason}>{t(`enums.NoInterestReason.${r.reason}`)} {r.count}</Tag>)}</Space>
      )}
      <TaskTable tableProps={tableProps} showAgent />
    </List>
  );
}

function TaskTable({ tableProps, showAgent, onWork }: { tableProps: object; showAgent?: boolean; onWork?: (r: OutboundTaskRow) => void }) {
  const t = useTranslate();
  const { format } = useZone();
  return (
    <Table<OutboundTaskRow> {...tableProps} rowKey="id" size="middle" scroll={{ x: 'max-content' }} data-testid="task-table" onRow={(r) => ({ 'data-testid': 'task-row', 'data-id': r.id } as never)}>
      {!showAgent && <Table.Column<OutboundTaskRow> key="plan" title={t('outbound.plan')} render={(_, r) => r.plan?.name ?? '—'} />}
      <Table.Column<OutboundTaskRow> key="customer" title={t('outbound.customer')} render={(_, r) => r.customer?.name ?? '—'} />
      <Table.Column<OutboundTaskRow> key="phone" title={t('outbound.phone')} render={(_, r) => <span data-lang-neutral>{r.customer?.phone ?? '—'}</span>} />
      {showAgent && <Table.Column<OutboundTaskRow> key="agent" title={t('outbound.agent')} render={(_, r) => r.assignee?.displayName ?? '—'} />}
      <Table.Column<OutboundTaskRow> dataIndex="dueAt" title={t('outbound.dueAt')} className="pd-nowrap" render={(v: string, r) => <>{format(v, 'YYYY-MM-DD')}{r.followUpOfId && <Tag color="blue" style={{ marginLeft: 4 }}>{t('outbound.followUp')}</Tag>}</>} />
      <Table.Column<OutboundTaskRow> dataIndex="state" title={t('outbound.state')} render={(v: string) => <Tag color={v === 'DONE' ? 'green' : 'gold'}>{t(`enums.OutboundTaskState.${v}`)}</Tag>} />
      <Table.Column<OutboundTaskRow> dataIndex="outcome" title={t('outbound.outcome')} render={(v: string | null, r) => (v ? <span data-testid="task-outcome">{t(`enums.OutboundOutcome.${v}`)}{r.noInterestReason ? ` · ${t(`enums.NoInterestReason.${r.noInterestReason}`)}` : ''}</span> : '—')} />
      <Table.Column<OutboundTaskRow> dataIndex="note" title={t('outbound.note')} render={(v: string | null) => v ?? '—'} />
      {onWork && <Table.Column<OutboundTaskRow> key="work" title={t('table.actions')} render={(_, r) => (r.state === 'OPEN' ? <Button size="small" type="primary" onClick={() => onWork(r)} data-testid="task-work">{t('outbound.record')}</Button> : null)} />}
    </Table>
  );
}

/** 我的外呼任务 (/calls/outbound/mine): the agent's tasks, open ones due first; recording a task's call, outcome, reason and follow-up. */
export function MyOutboundTasks() {
  const t = useTranslate();
  const { me } = useMe();
  const [showDone, setShowDone] = useState(false);
  const [working, setWorking] = useState<OutboundTaskRow | null>(null);
  const [form] = Form.useForm();
  const outcome = Form.useWatch('outcome', form) as string | undefined;
  const record = useGqlMutation<{ recordOutboundOutcome: OutboundTaskRow }>('RecordOutboundOutcome', { success: 'outbound.recorded' });
  const { tableProps, tableQuery, setFilters } = useTable<OutboundTaskRow>({
    resource: 'outboundTasks',
    meta: { gqlQuery: op('OutboundTaskList') },
    filters: { permanent: [{ field: 'assigneeId', operator: 'eq', value: me?.user?.id }], initial: [{ field: 'state', operator: 'eq', value: 'OPEN' }] },
    pagination: { pageSize: 20 },
    queryOptions: { enabled: !!me?.user },
    syncWithLocation: false,
  });

  const submit = async () => {
    if (!working) return;
    const v = await form.validateFields();
    const now = serverNow(me?.clockOffsetMs ?? 0);
    const answered = v.answered && v.outcome !== 'UNREACHED';
    const talk = Math.max(1, Math.round((v.minutes ?? 1) * 60)) * 1000;
    const call = answered
      ? { offeredAt: new Date(now - talk - 10_000).toISOString(), answeredAt: new Date(now - talk).toISOString(), endedAt: new Date(now).toISOString() }
      : { offeredAt: new Date(now - 30_000).toISOString() };
    const done = await record.run({
      input: { id: working.id, version: working.version, outcome: v.outcome, noInterestReason: v.outcome === 'NOT_INTERESTED' ? v.reason : null, note: v.note || null, call, followUpAt: v.followUpAt ? v.followUpAt.hour(10).minute(0).second(0).toISOString() : null },
    });
    if (done) {
      setWorking(null);
      form.resetFields();
      void tableQuery.refetch();
    }
  };

  return (
    <List title={t('outbound.mine')} headerButtons={<Space><Switch size="small" checked={showDone} onChange={(on) => { setShowDone(on); setFilters([{ field: 'state', operator: 'eq', value: on ? undefined : 'OPEN' }]); }} data-testid="tasks-show-done" />{t('outbound.showDone')}</Space>}>
      <TaskTable tableProps={tableProps} onWork={setWorking} />
      <Drawer open={!!working} width={520} title={t('outbound.record')} onClose={() => setWorking(null)} destroyOnClose
        extra={<Button type="primary" loading={record.loading} onClick={() => void submit()} data-testid="task-submit">{t('buttons.save')}</Button>}>
        {working && (
          <>
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('outbound.customer')}>{working.customer?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('outbound.phone')}><span data-lang-neutral>{working.customer?.phone ?? '—'}</span></Descriptions.Item>
              <Descriptions.Item label={t('outbound.plan')}>{working.plan?.name}</Descriptions.Item>
              <Descriptions.Item label={t('outbound.goal')}>{working.plan?.goal}</Descriptions.Item>
            </Descriptions>
            <Form form={form} layout="vertical" initialValues={{ outcome: 'INTERESTED', answered: true, minutes: 2 }}>
              <Form.Item name="outcome" label={t('outbound.outcome')} rules={[{ required: true }]}>
                <Select data-testid="task-outcome-select" options={OUTBOUND_OUTCOMES.map((o) => ({ value: o, label: t(`enums.OutboundOutcome.${o}`) }))} />
              </Form.Item>
              {outcome === 'NOT_INTERESTED' && (
                <Form.Item name="reason" label={t('outbound.noInterestReason')} rules={[{ required: true, message: t('outbound.required') }]}>
                  <Select data-testid="task-reason" options={NO_INTEREST_REASONS.map((o) => ({ value: o, label: t(`enums.NoInterestReason.${o}`) }))} />
                </Form.Item>
              )}
              {outcome !== 'UNREACHED' && (
                <Space>
                  <Form.Item name="answered" label={t('outbound.answered')} valuePropName="checked"><Switch /></Form.Item>
                  <Form.Item name="minutes" label={t('outbound.minutes')}><InputNumber min={0.1} max={240} step={0.5} /></Form.Item>
                </Space>
              )}
              <Form.Item name="note" label={t('outbound.note')}><Input.TextArea rows={2} maxLength={2000} data-testid="task-note" /></Form.Item>
              <Form.Item name="followUpAt" label={t('outbound.followUpAt')}><DatePicker data-testid="task-follow-up" disabledDate={(d) => d.isBefore(dayjs().add(1, 'day'), 'day')} /></Form.Item>
            </Form>
          </>
        )}
      </Drawer>
    </List>
  );
}
