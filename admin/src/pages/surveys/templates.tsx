import { useTranslate } from '@refinedev/core';
import { App, Button, Card, Checkbox, Drawer, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { errorText } from '../../data/errors';
import { request } from '../../data/request';
import type { ApiError } from '../../graphql-client';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { DateTime } from '../../components/display';
import { QUESTION_KINDS, SURVEY_PURPOSES, type SurveyQuestion } from '../callbacks/shared';

interface SurveyTemplate {
  id: string;
  version: number;
  franchiseId: string | null;
  code: string;
  name: string;
  purpose: string;
  active: boolean;
  currentVersionNo: number;
  updatedAt: string;
  questions: SurveyQuestion[];
}

interface EditorValues {
  code: string;
  name: string;
  purpose: string;
  shared?: boolean;
  active: boolean;
  questions: { key: string; kind: string; text: string; required: boolean; weight: number; satisfaction: boolean; options?: { value: string; label: string; score: number }[] }[];
}

const CHOICE = new Set(['SINGLE_CHOICE', 'MULTIPLE_CHOICE']);
const blankQuestion = (n: number) => ({ key: `q${n}`, kind: 'RATING', text: '', required: true, weight: 1, satisfaction: false, options: [] });

/**
 * 问卷模板 (/surveys/templates): HQ's shared templates and the franchise's own, by purpose. The
 * editor writes the questions (rating 1–5, NPS 0–10, single / multiple choice, yes / no, free
 * text; required; weight and option scores); changing them makes a new version. HQ's templates
 * are read-only for franchises; only those with survey:template edit at all.
 */
export function SurveyTemplates() {
  const t = useTranslate();
  const { message, notification } = App.useApp();
  const { me, can } = useMe();
  const isHq = !!me?.scope.isHq;
  const mayWrite = can('survey:template');
  const [purpose, setPurpose] = useState<string | undefined>();
  const { data, isFetching, refetch } = useGql<{ surveyTemplates: { totalCount: number; nodes: SurveyTemplate[] } }>('SurveyTemplates', { purpose: purpose ?? null, paging: { limit: 100 } });
  const [open, setOpen] = useState<SurveyTemplate | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<EditorValues>();
  const readOnly = (tpl: SurveyTemplate | 'new' | null) => !mayWrite || (tpl !== 'new' && !!tpl && tpl.franchiseId === null && !isHq);

  const edit = (tpl: SurveyTemplate | 'new') => {
    setOpen(tpl);
    form.setFieldsValue(
      tpl === 'new'
        ? { code: '', name: '', purpose: 'CALLBACK', shared: false, active: true, questions: [{ ...blankQuestion(1), satisfaction: true }] }
        : { code: tpl.code, name: tpl.name, purpose: tpl.purpose, active: tpl.active, questions: tpl.questions.map((q) => ({ ...q, options: q.options })) },
    );
  };
  const save = async (values: EditorValues) => {
    const questions = values.questions.map((q) => ({
      key: q.key.trim(),
      kind: q.kind,
      text: q.text.trim(),
      required: !!q.required,
      weight: q.kind === 'TEXT' ? 0 : (q.weight ?? 1),
      satisfaction: q.kind === 'RATING' && !!q.satisfaction,
      options: CHOICE.has(q.kind) ? (q.options ?? []).map((o) => ({ value: o.value, label: o.label, score: o.score ?? 0 })) : null,
    }));
    setSaving(true);
    try {
      if (open === 'new') await request('CreateSurveyTemplate', { input: { code: values.code.trim(), name: values.name.trim(), purpose: values.purpose, shared: isHq ? !!values.shared : null, questions } });
      else if (open) await request('UpdateSurveyTemplate', { input: { id: open.id, version: open.version, name: values.name.trim(), active: values.active, questions } });
      message.success(t('surveys.templateSaved'));
      setOpen(null);
      await refetch();
    } catch (error) {
      const api = error as ApiError;
      notification.error({ message: t(api.code === 'CONFLICT' ? 'surveys.templateConflict' : 'errors.codes.UNKNOWN'), description: errorText(api, t) });
      if (api.code === 'CONFLICT') await refetch();
    } finally {
      setSaving(false);
    }
  };
  const current = open && open !== 'new' ? open : null;
  const locked = readOnly(open);

  return (
    <Card title={t('surveys.templates')} data-testid="survey-templates"
      extra={mayWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => edit('new')} data-testid="template-new">{t('surveys.newTemplate')}</Button>}>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 180 }} placeholder={t('surveys.purpose')} value={purpose} onChange={setPurpose} options={SURVEY_PURPOSES.map((p) => ({ value: p, label: t(`enums.SurveyPurpose.${p}`) }))} />
      </Space>
      <Table<SurveyTemplate> rowKey="id" size="middle" loading={isFetching} dataSource={data?.surveyTemplates.nodes ?? []} pagination={false}
        onRow={(r) => ({ onClick: () => edit(r), style: { cursor: 'pointer' }, 'data-testid': 'template-row', 'data-code': r.code } as never)}>
        <Table.Column<SurveyTemplate> dataIndex="name" title={t('surveys.templateName')} />
        <Table.Column<SurveyTemplate> dataIndex="code" title={t('surveys.code')} render={(v: string) => <span data-lang-neutral>{v}</span>} />
        <Table.Column<SurveyTemplate> dataIndex="purpose" title={t('surveys.purpose')} render={(v: string) => t(`enums.SurveyPurpose.${v}`)} />
        <Table.Column<SurveyTemplate> key="owner" title={t('surveys.owner')} render={(_, r) => (r.franchiseId ? <Tag color="blue">{t('surveys.own')}</Tag> : <Tag color="gold">{t('surveys.hqShared')}</Tag>)} />
        <Table.Column<SurveyTemplate> key="questions" title={t('surveys.questionCount')} align="right" render={(_, r) => r.questions.length} />
        <Table.Column<SurveyTemplate> dataIndex="currentVersionNo" title={t('surveys.versionNo')} align="right" />
        <Table.Column<SurveyTemplate> dataIndex="active" title={t('surveys.active')} render={(v: boolean) => (v ? <Tag color="green">{t('surveys.inUse')}</Tag> : <Tag>{t('surveys.inactive')}</Tag>)} />
        <Table.Column<SurveyTemplate> dataIndex="updatedAt" title={t('surveys.updatedAt')} render={(v: string) => <DateTime value={v} />} />
      </Table>
      <Drawer open={!!open} width={860} onClose={() => setOpen(null)} destroyOnClose data-testid="template-editor"
        title={open === 'new' ? t('surveys.newTemplate') : current ? `${current.name} · ${t('surveys.versionLabel', { no: current.currentVersionNo })}` : ''}
        extra={!locked && <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="template-save">{t('surveys.save')}</Button>}>
        {locked && <Typography.Paragraph type="secondary" data-testid="template-readonly">{mayWrite ? t('surveys.hqReadOnly') : t('surveys.noWrite')}</Typography.Paragraph>}
        {current && !locked && <Typography.Paragraph type="secondary">{t('surveys.versionHelp')}</Typography.Paragraph>}
        <Form form={form} layout="vertical" disabled={locked} onFinish={(v) => void save(v)}>
          <Space wrap align="start">
            <Form.Item name="name" label={t('surveys.templateName')} rules={[{ required: true, whitespace: true }]}><Input style={{ width: 260 }} maxLength={120} data-testid="template-name" /></Form.Item>
            <Form.Item name="code" label={t('surveys.code')} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,40}$/, message: t('surveys.codeRule') }]}><Input style={{ width: 160 }} disabled={open !== 'new' || locked} data-testid="template-code" /></Form.Item>
            <Form.Item name="purpose" label={t('surveys.purpose')} rules={[{ required: true }]}>
              <Select style={{ width: 160 }} disabled={open !== 'new' || locked} options={SURVEY_PURPOSES.map((p) => ({ value: p, label: t(`enums.SurveyPurpose.${p}`) }))} />
            </Form.Item>
            {open === 'new' && isHq && <Form.Item name="shared" label={t('surveys.shared')} valuePropName="checked"><Switch /></Form.Item>}
            {open !== 'new' && <Form.Item name="active" label={t('surveys.active')} valuePropName="checked"><Switch /></Form.Item>}
          </Space>
          <Form.List name="questions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Card key={field.key} size="small" style={{ marginBottom: 8 }} data-testid="template-question" title={t('surveys.questionNo', { no: index + 1 })}
                    extra={!locked && fields.length > 1 && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('surveys.removeQuestion')} />}>
                    <Space wrap align="start">
                      <Form.Item name={[field.name, 'key']} label={t('surveys.questionKey')} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,40}$/, message: t('surveys.codeRule') }]}><Input style={{ width: 110 }} /></Form.Item>
                      <Form.Item name={[field.name, 'kind']} label={t('surveys.questionKind')} rules={[{ required: true }]}>
                        <Select style={{ width: 150 }} data-testid="question-kind" options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`enums.SurveyQuestionKind.${k}`) }))} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'weight']} label={t('surveys.weight')} tooltip={t('surveys.weightHelp')}><InputNumber min={0} max={100} style={{ width: 90 }} /></Form.Item>
                      <Form.Item name={[field.name, 'required']} label={t('surveys.required')} valuePropName="checked"><Checkbox /></Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {() => form.getFieldValue(['questions', field.name, 'kind']) === 'RATING' && (
                          <Form.Item name={[field.name, 'satisfaction']} label={t('surveys.satisfactionQuestion')} tooltip={t('surveys.satisfactionHelp')} valuePropName="checked"><Checkbox /></Form.Item>
                        )}
                      </Form.Item>
                    </Space>
                    <Form.Item name={[field.name, 'text']} label={t('surveys.questionText')} rules={[{ required: true, whitespace: true }]}><Input maxLength={500} data-testid="question-text" /></Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => CHOICE.has(form.getFieldValue(['questions', field.name, 'kind'])) && (
                        <Form.List name={[field.name, 'options']}>
                          {(options, ops) => (
                            <>
                              {options.map((o) => (
                                <Space key={o.key} align="start">
                                  <Form.Item name={[o.name, 'value']} rules={[{ required: true }]}><Input placeholder={t('surveys.optionValue')} style={{ width: 110 }} /></Form.Item>
                                  <Form.Item name={[o.name, 'label']} rules={[{ required: true }]}><Input placeholder={t('surveys.optionLabel')} style={{ width: 220 }} /></Form.Item>
                                  <Form.Item name={[o.name, 'score']}><InputNumber placeholder={t('surveys.optionScore')} min={0} max={10} style={{ width: 90 }} /></Form.Item>
                                  {!locked && <Button type="text" icon={<DeleteOutlined />} onClick={() => ops.remove(o.name)} aria-label={t('surveys.removeOption')} />}
                                </Space>
                              ))}
                              {!locked && <Button size="small" icon={<PlusOutlined />} onClick={() => ops.add({ value: `o${options.length + 1}`, label: '', score: 0 })}>{t('surveys.addOption')}</Button>}
                            </>
                          )}
                        </Form.List>
                      )}
                    </Form.Item>
                  </Card>
                ))}
                {!locked && <Button icon={<PlusOutlined />} onClick={() => add(blankQuestion(fields.length + 1))} data-testid="question-add">{t('surveys.addQuestion')}</Button>}
              </>
            )}
          </Form.List>
        </Form>
      </Drawer>
    </Card>
  );
}
