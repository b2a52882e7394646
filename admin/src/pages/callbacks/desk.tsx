import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Drawer, Empty, Form, Input, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CustomerTags, DateTime } from '../../components/display';
import { OrgUnitPicker } from '../../components/pickers';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { dayjs } from '../../time';
import { useZone } from '../appointments/shared';
import { CustomerTimeline } from '../customers/show';
import { SendSurveyLinkButton } from './send-survey-link';
import { CALLBACK_KINDS, CALLBACK_STATUSES, CallbackStatusTag, OPEN_STATUSES, OUTCOMES, type CallbackTaskRow, type SurveyAnswer, type SurveyQuestion } from './shared';
import { AnswerInput, answerText } from './answer-input';

const PAGE = 50;
const CASE_TYPES = ['COMPLAINT', 'CONSULTATION', 'MEDICATION_CONSULTATION', 'AFTER_SALES', 'SUGGESTION', 'PRAISE'];

interface TaskDetail extends CallbackTaskRow {
  customer: CallbackTaskRow['customer'] & { gender: string | null; age: number | null; segment: string; consentPhone: boolean; allergies: string[] };
  survey: { id: string; status: string; rating: number | null; npsScore: number | null; suggestion: string | null; answers: SurveyAnswer[] | null } | null;
  questionnaire: { id: string; name: string; versionNo: number; questions: SurveyQuestion[] } | null;
}

/**
 * 回访工作台 (/callbacks): the callbacks of the agent's scope, earliest due first with the next
 * good calling window; filters (status, purpose, store, due by) in the URL. Opening one shows the
 * customer's card and timeline, the questionnaire to record, the outcome, and "raise a case".
 */
export function CallbackDesk() {
  const t = useTranslate();
  const { today } = useZone();
  const [params, setParams] = useSearchParams();
  const statuses = params.get('status')?.split(',').filter(Boolean) ?? OPEN_STATUSES;
  const kinds = params.get('kind')?.split(',').filter(Boolean) ?? [];
  const storeId = params.get('storeId') ?? undefined;
  const due = params.has('due') ? params.get('due') || null : today();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(params.get('task'));
  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(key);
    else next.set(key, value ?? '');
    setParams(next, { replace: true });
    setPage(1);
  };
  const filter = {
    ...(statuses.length ? { status: { in: statuses } } : {}),
    ...(kinds.length ? { kind: { in: kinds } } : {}),
    ...(storeId ? { orgUnitId: { eq: storeId } } : {}),
    ...(due ? { dueDate: { lte: due } } : {}),
  };
  const list = useGql<{ callbackTasks: { totalCount: number; nodes: CallbackTaskRow[] } }>('CallbackTaskList', { filter, paging: { limit: PAGE, offset: (page - 1) * PAGE } });
  const rows = list.data?.callbackTasks.nodes ?? [];

  return (
    <Card title={t('callbacks.desk')} data-testid="callback-desk">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select mode="multiple" allowClear style={{ minWidth: 200 }} placeholder={t('callbacks.status')} value={statuses} data-testid="status-filter"
          onChange={(v: string[]) => set('status', v.join(','))} options={CALLBACK_STATUSES.map((s) => ({ value: s, label: t(`enums.CallbackStatus.${s}`) }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 180 }} placeholder={t('callbacks.purpose')} value={kinds}
          onChange={(v: string[]) => set('kind', v.length ? v.join(',') : undefined)} options={CALLBACK_KINDS.map((s) => ({ value: s, label: t(`enums.CallbackRuleKind.${s}`) }))} />
        <div style={{ width: 180 }}><OrgUnitPicker kinds={['STORE', 'BRANCH_CENTER']} placeholder={t('callbacks.store')} value={storeId} onChange={(v) => set('storeId', v ?? undefined)} /></div>
        <Space>
          <Typography.Text>{t('callbacks.dueBy')}</Typography.Text>
          <DatePicker allowClear value={due ? dayjs(due) : null} onChange={(v) => set('due', v ? v.format('YYYY-MM-DD') : null)} placeholder={t('callbacks.anyDue')} />
        </Space>
      </Space>
      <Table<CallbackTaskRow> rowKey="id" size="middle" loading={list.isFetching} dataSource={rows} data-testid="callback-table" scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.callbackTasks.totalCount ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' }, 'data-testid': 'callback-row', 'data-id': r.id } as never)}>
        <Table.Column<CallbackTaskRow> dataIndex="dueDate" title={t('callbacks.dueDate')} className="pd-nowrap" />
        <Table.Column<CallbackTaskRow> key="window" title={t('callbacks.callWindow')} className="pd-nowrap"
          render={(_, r) => (OPEN_STATUSES.includes(r.status) ? <><DateTime value={r.callWindow.start} format="MM-DD HH:mm" />–<DateTime value={r.callWindow.end} format="HH:mm" /></> : '—')} />
        <Table.Column<CallbackTaskRow> key="customer" title={t('callbacks.customer')} className="pd-nowrap" render={(_, r) => r.customer?.name ?? '—'} />
        <Table.Column<CallbackTaskRow> dataIndex="kind" title={t('callbacks.purpose')} render={(v: string) => t(`enums.CallbackRuleKind.${v}`)} />
        <Table.Column<CallbackTaskRow> dataIndex="title" title={t('callbacks.subject')} />
        <Table.Column<CallbackTaskRow> dataIndex="status" title={t('callbacks.status')} render={(v: string) => <CallbackStatusTag status={v} />} />
        <Table.Column<CallbackTaskRow> dataIndex="attempts" title={t('callbacks.attempts')} align="right" />
        <Table.Column<CallbackTaskRow> key="store" title={t('callbacks.store')} responsive={['lg']} render={(_, r) => r.customer?.orgUnit?.name ?? '—'} />
      </Table>
      {open && <CallbackTaskDrawer id={open} onClose={() => setOpen(null)} onChanged={() => void list.refetch()} />}
    </Card>
  );
}

/** A callback opened: the customer's card and timeline beside the questionnaire, the outcome and "raise a case". */
export function CallbackTaskDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const { can } = useMe();
  const detail = useGql<{ callbackTask: TaskDetail | null }>('CallbackTaskDetail', { id });
  const task = detail.data?.callbackTask;
  const [answers, setAnswers] = useState<Record<string, SurveyAnswer>>({});
  const [suggestion, setSuggestion] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<string>('COMPLETED');
  const [missing, setMissing] = useState<string[]>([]);
  const [raising, setRaising] = useState(false);
  const record = useGqlMutation<{ recordCallbackOutcome: CallbackTaskRow }>('RecordCallbackOutcome');
  const raise = useGqlMutation<{ raiseCaseFromCallback: CallbackTaskRow }>('RaiseCaseFromCallback');
  const [caseForm] = Form.useForm<{ type: string; subject: string; description: string }>();
  const isOpen = !!task && OPEN_STATUSES.includes(task.status);
  const questions = task?.questionnaire?.questions ?? [];
  const answered = (q: SurveyQuestion) => {
    const a = answers[q.key];
    return !!a && (a.value != null || !!a.choices?.length || !!a.text?.trim());
  };

  const submit = async () => {
    if (!task) return;
    const completed = outcome === 'COMPLETED';
    const lacking = completed ? questions.filter((q) => q.required && !answered(q)).map((q) => q.key) : [];
    setMissing(lacking);
    if (lacking.length) return;
    const result = await record.run({
      input: {
        id: task.id,
        version: task.version,
        outcome,
        answers: completed ? questions.filter(answered).map((q) => answers[q.key]) : null,
        suggestion: completed && suggestion.trim() ? suggestion.trim() : null,
        note: note.trim() || null,
      },
    });
    if (result) {
      message.success(t('callbacks.recorded', { outcome: t(`enums.CallbackStatus.${result.recordCallbackOutcome.status}`) }));
      await detail.refetch();
      onChanged();
    }
  };
  const raiseCase = async (values: { type: string; subject: string; description: string }) => {
    if (!task) return;
    const result = await raise.run({ input: { id: task.id, ...values } });
    if (result) {
      message.success(t('callbacks.caseRaised'));
      setRaising(false);
      await detail.refetch();
      onChanged();
    }
  };

  return (
    <Drawer open width={1100} onClose={onClose} title={task ? `${task.customer?.name ?? ''} · ${task.title}` : t('callbacks.task')} data-testid="callback-drawer" destroyOnClose>
      {!task ? (
        detail.isFetching ? null : <Empty description={t('callbacks.notFound')} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('callbacks.customerCard')} data-testid="callback-customer" extra={task.customer && <Link to={`/customers/show/${task.customer.id}`}>{t('callbacks.openArchive')}</Link>}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('callbacks.customer')}>{task.customer?.name}<Typography.Text type="secondary" style={{ marginLeft: 8 }} data-lang-neutral>{task.customer?.recordNo}</Typography.Text></Descriptions.Item>
                <Descriptions.Item label={t('callbacks.phone')}><PhoneOutlined /> <span data-lang-neutral>{task.customer?.phone ?? '—'}</span>{task.customer && !task.customer.consentPhone && <Tag color="red" style={{ marginLeft: 8 }}>{t('callbacks.noPhoneConsent')}</Tag>}</Descriptions.Item>
                <Descriptions.Item label={t('callbacks.store')}>{task.customer?.orgUnit?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('callbacks.segment')}>{t(`enums.CustomerSegment.${task.customer?.segment}`, task.customer?.segment ?? '—')}</Descriptions.Item>
                <Descriptions.Item label={t('callbacks.tags')}><CustomerTags tags={task.customer?.tags ?? []} /></Descriptions.Item>
                {!!task.customer?.allergies.length && <Descriptions.Item label={t('callbacks.allergies')}>{task.customer.allergies.join('、')}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <div style={{ marginTop: 12 }}>{task.customer && <CustomerTimeline customerId={task.customer.id} />}</div>
          </Col>
          <Col xs={24} lg={14}>
            <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('callbacks.purpose')}>{t(`enums.CallbackRuleKind.${task.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('callbacks.status')}><CallbackStatusTag status={task.status} /></Descriptions.Item>
              <Descriptions.Item label={t('callbacks.dueDate')}>{task.dueDate}</Descriptions.Item>
              <Descriptions.Item label={t('callbacks.attempts')}>{task.attempts}</Descriptions.Item>
              <Descriptions.Item label={t('callbacks.callWindow')} span={2}>
                {isOpen ? <><DateTime value={task.callWindow.start} format="MM-DD HH:mm" />–<DateTime value={task.callWindow.end} format="HH:mm" /></> : '—'}
              </Descriptions.Item>
              {task.note && <Descriptions.Item label={t('callbacks.note')} span={2}>{task.note}</Descriptions.Item>}
              <Descriptions.Item label={t('callbacks.linkedCase')} span={2}>
                {task.caseId ? <Link to={`/cases/show/${task.caseId}`} data-testid="callback-case-link">{t('callbacks.openCase')}</Link> : '—'}
              </Descriptions.Item>
            </Descriptions>
            {task.survey && (task.survey.status === 'PENDING' || task.survey.status === 'SENT') && can('survey:answer') && (
              <div style={{ marginBottom: 12 }}><SendSurveyLinkButton surveyId={task.survey.id} onSent={() => void detail.refetch()} /></div>
            )}
            <Card size="small" title={task.questionnaire ? `${t('callbacks.questionnaire')} · ${task.questionnaire.name}` : t('callbacks.questionnaire')} data-testid="questionnaire">
              {questions.map((q, i) => (
                <div key={q.key} style={{ marginBottom: 12 }} data-testid="question" data-key={q.key}>
                  <Typography.Text strong>{i + 1}. {q.text}</Typography.Text> {q.required && <Typography.Text type="danger">*</Typography.Text>}
                  <Tag style={{ marginLeft: 8 }}>{t(`enums.SurveyQuestionKind.${q.kind}`)}</Tag>
                  <div style={{ marginTop: 4 }}>
                    {isOpen ? (
                      <AnswerInput question={q} value={answers[q.key]} onChange={(a) => setAnswers((current) => ({ ...current, [q.key]: a }))} />
                    ) : (
                      <Typography.Text data-testid="answer-recorded">{answerText(q, task.survey?.answers?.find((a) => a.questionKey === q.key), t)}</Typography.Text>
                    )}
                  </div>
                  {missing.includes(q.key) && <Typography.Text type="danger">{t('callbacks.answerRequired')}</Typography.Text>}
                </div>
              ))}
              {isOpen ? (
                <>
                  <Typography.Text strong>{t('callbacks.suggestion')}</Typography.Text>
                  <Input.TextArea rows={2} maxLength={2000} value={suggestion} onChange={(e) => setSuggestion(e.target.value)} data-testid="callback-suggestion" style={{ marginBottom: 12 }} />
                  <Typography.Text strong>{t('callbacks.outcome')}</Typography.Text>
                  <div>
                    <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value as string)} data-testid="callback-outcome"
                      options={OUTCOMES.map((o) => ({ value: o, label: t(`callbacks.outcomes.${o}`) }))} />
                  </div>
                  {outcome !== 'COMPLETED' && <Alert type="info" showIcon style={{ margin: '8px 0' }} message={t(`callbacks.outcomeHelp.${outcome}`)} />}
                  <Input.TextArea rows={2} maxLength={2000} placeholder={t('callbacks.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} style={{ margin: '8px 0' }} />
                  {can('callback:work') && <Button type="primary" loading={record.loading} onClick={() => void submit()} data-testid="callback-submit">{t('callbacks.save')}</Button>}
                </>
              ) : (
                task.survey?.suggestion && <Typography.Paragraph><Typography.Text strong>{t('callbacks.suggestion')}：</Typography.Text>{task.survey.suggestion}</Typography.Paragraph>
              )}
            </Card>
            {!task.caseId && can('callback:work') && can('case:write') && (
              <Card size="small" style={{ marginTop: 12 }} title={t('callbacks.raiseCase')}>
                {!raising ? (
                  <Button onClick={() => setRaising(true)} data-testid="raise-case">{t('callbacks.raiseCase')}</Button>
                ) : (
                  <Form form={caseForm} layout="vertical" initialValues={{ type: 'COMPLAINT' }} onFinish={(v) => void raiseCase(v)}>
                    <Form.Item name="type" label={t('callbacks.caseType')} rules={[{ required: true }]}>
                      <Select options={CASE_TYPES.map((c) => ({ value: c, label: t(`enums.CaseType.${c}`) }))} />
                    </Form.Item>
                    <Form.Item name="subject" label={t('callbacks.caseSubject')} rules={[{ required: true, whitespace: true, message: t('callbacks.caseSubjectRequired') }]}>
                      <Input maxLength={200} data-testid="case-subject" />
                    </Form.Item>
                    <Form.Item name="description" label={t('callbacks.caseDescription')} rules={[{ required: true, whitespace: true, message: t('callbacks.caseDescriptionRequired') }]}>
                      <Input.TextArea rows={3} maxLength={10000} data-testid="case-description" />
                    </Form.Item>
                    <Space>
                      <Button type="primary" htmlType="submit" loading={raise.loading} data-testid="raise-case-submit">{t('callbacks.raiseCase')}</Button>
                      <Button onClick={() => setRaising(false)}>{t('callbacks.cancel')}</Button>
                    </Space>
                  </Form>
                )}
              </Card>
            )}
          </Col>
        </Row>
      )}
    </Drawer>
  );
}
