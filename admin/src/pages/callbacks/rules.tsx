import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Card, Form, InputNumber, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../../data/errors';
import { request } from '../../data/request';
import type { ApiError } from '../../graphql-client';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';

interface CallbackRule {
  id: string;
  version: number;
  code: string;
  kind: string;
  name: string;
  enabled: boolean;
  delayDays: number;
  leadDays: number;
  topN: number;
  dayOfMonth: number;
  noRepeatDays: number;
  maxAttempts: number;
  tags: string[];
  templateId: string | null;
  holidays: { date: string; name: string }[];
}

/** The settings each kind of rule uses (the others are not shown). */
const SETTINGS: Record<string, (keyof CallbackRule)[]> = {
  AFTER_SERVICE: ['delayDays'],
  NEW_MEMBER: ['delayDays'],
  CHRONIC_MEDICATION: ['leadDays'],
  TOP_SPENDERS: ['topN', 'dayOfMonth'],
  HOLIDAY: ['leadDays'],
  REPORT_DELIVERED: ['delayDays'],
};
const LIMITS: Record<string, [number, number]> = { delayDays: [0, 365], leadDays: [0, 60], topN: [1, 100], dayOfMonth: [1, 28], noRepeatDays: [0, 365], maxAttempts: [1, 10] };

/**
 * 回访规则 (/callbacks/rules): the franchise's callback rules (the built-in ones and its own);
 * those allowed (callback:rules) enable, disable and tune them. An edit made meanwhile by someone
 * else is a version conflict: said so, and the rule reloaded.
 */
export function CallbackRules() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { can } = useMe();
  const editable = can('callback:rules');
  const { data, isFetching, refetch } = useGql<{ callbackRules: CallbackRule[] }>('CallbackRules');
  const [conflict, setConflict] = useState<string | null>(null);
  const [editing, setEditing] = useState<CallbackRule | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Record<string, number>>();
  const { notification } = App.useApp();

  const update = async (rule: CallbackRule, change: Partial<CallbackRule>) => {
    setBusy(true);
    try {
      await request('UpdateCallbackRule', { input: { id: rule.id, version: rule.version, update: change } });
      message.success(t('callbacks.ruleSaved'));
      setConflict(null);
      setEditing(null);
    } catch (error) {
      if ((error as ApiError).code === 'CONFLICT') setConflict(rule.name);
      else notification.error({ message: t('errors.codes.UNKNOWN'), description: errorText(error as ApiError, t) });
    } finally {
      setBusy(false);
      await refetch();
    }
  };
  const setting = (rule: CallbackRule, key: keyof CallbackRule) => `${t(`callbacks.settings.${key}`)} ${rule[key] as number}`;

  return (
    <Card title={t('callbacks.rules')} data-testid="callback-rules">
      <Typography.Paragraph type="secondary">{t('callbacks.rulesHelp')}</Typography.Paragraph>
      {conflict && <Alert type="warning" showIcon closable style={{ marginBottom: 12 }} data-testid="rule-conflict" message={t('callbacks.ruleConflict', { name: conflict })} onClose={() => setConflict(null)} />}
      <Table<CallbackRule> rowKey="id" size="middle" loading={isFetching} pagination={false} dataSource={data?.callbackRules ?? []} scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': 'rule-row', 'data-code': r.code } as never)}>
        <Table.Column<CallbackRule> dataIndex="name" title={t('callbacks.ruleName')} />
        <Table.Column<CallbackRule> dataIndex="kind" title={t('callbacks.purpose')} render={(v: string) => t(`enums.CallbackRuleKind.${v}`)} />
        <Table.Column<CallbackRule> key="settings" title={t('callbacks.cadence')}
          render={(_, r) => (
            <Space wrap size={4}>
              {(SETTINGS[r.kind] ?? []).map((k) => <Tag key={k}>{setting(r, k)}</Tag>)}
              <Tag>{setting(r, 'noRepeatDays')}</Tag>
              <Tag>{setting(r, 'maxAttempts')}</Tag>
              {r.kind === 'HOLIDAY' && r.holidays.map((h) => <Tag key={h.date} color="gold">{h.name} {h.date}</Tag>)}
              {r.tags.map((tag) => <Tag key={tag} color="blue">{t(`customerTags.${tag}`, tag)}</Tag>)}
            </Space>
          )} />
        <Table.Column<CallbackRule> dataIndex="enabled" title={t('callbacks.enabled')}
          render={(v: boolean, r) => <Switch checked={v} disabled={!editable || busy} data-testid="rule-enabled" onChange={(enabled) => void update(r, { enabled })} />} />
        <Table.Column<CallbackRule> dataIndex="version" title={t('callbacks.ruleVersion')} render={(v: number) => (v === 0 ? t('callbacks.builtInDefault') : v)} />
        {editable && (
          <Table.Column<CallbackRule> key="actions" title={t('callbacks.actions')}
            render={(_, r) => <Button size="small" data-testid="rule-tune" onClick={() => { setEditing(r); form.setFieldsValue(Object.fromEntries([...(SETTINGS[r.kind] ?? []), 'noRepeatDays', 'maxAttempts'].map((k) => [k, r[k as keyof CallbackRule] as number]))); }}>{t('callbacks.tune')}</Button>} />
        )}
      </Table>
      <Modal open={!!editing} title={editing ? `${t('callbacks.tune')} · ${editing.name}` : ''} onCancel={() => setEditing(null)} confirmLoading={busy} okText={t('callbacks.save')} cancelText={t('callbacks.cancel')}
        onOk={() => void form.validateFields().then((values) => editing && update(editing, values as Partial<CallbackRule>))} destroyOnClose>
        <Form form={form} layout="vertical" data-testid="rule-form">
          {editing && [...(SETTINGS[editing.kind] ?? []), 'noRepeatDays', 'maxAttempts'].map((k) => (
            <Form.Item key={k} name={k} label={t(`callbacks.settings.${k}`)} extra={t(`callbacks.settingHelp.${k}`)} rules={[{ required: true }]}>
              <InputNumber min={LIMITS[k]![0]} max={LIMITS[k]![1]} precision={0} data-testid={`rule-${k}`} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </Card>
  );
}
