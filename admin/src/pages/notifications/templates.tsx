import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useEnumLabel } from '../../components/display';
import { OrgUnitPicker } from '../../components/pickers';
import { useApiForm } from '../../hooks/use-api-form';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';

interface Kind {
  key: string;
  audience: string;
  label: string;
  channels: string[];
  placeholders: { name: string; description: string }[];
  defaults: { language: string; subject: string; body: string }[];
}
interface Template {
  id: string;
  version: number;
  kind: string;
  channel: string;
  language: string;
  subject: string | null;
  body: string;
  enabled: boolean;
}
interface Settings {
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  timeZone: string;
  version: number;
}
/** One line of the editor: a kind on a channel in a language, with the franchise's template when it has one. */
interface Row {
  key: string;
  kind: Kind;
  channel: string;
  language: string;
  template?: Template;
  wording: { subject: string | null; body: string };
}

const LANGUAGES = ['zh-CN', 'en'];
const needsSubject = (channel: string) => channel === 'EMAIL' || channel === 'IN_APP';

/**
 * The franchise's message templates: every kind on every channel it may use, the built-in
 * wording until the franchise writes its own, placeholders one click away. The API refuses a
 * placeholder the kind does not have; the error shows under the field. Quiet hours on top.
 */
export function NotificationTemplatePage() {
  const t = useTranslate();
  const { me, can } = useMe();
  const isHq = !!me?.scope.isHq;
  const [franchiseId, setFranchiseId] = useState<string>();
  const scoped = !isHq || !!franchiseId;
  const kinds = useGql<{ notificationKinds: Kind[] }>('NotificationKinds');
  const templates = useGql<{ notificationTemplates: { nodes: Template[] } }>('NotificationTemplateList', { filter: franchiseId ? { franchiseId: { eq: franchiseId } } : undefined, paging: { limit: 200 } }, { enabled: scoped });
  const [editing, setEditing] = useState<Row>();
  const rows = useMemo<Row[]>(() => {
    const own = templates.data?.notificationTemplates.nodes ?? [];
    return (kinds.data?.notificationKinds ?? []).flatMap((kind) =>
      kind.channels.flatMap((channel) =>
        LANGUAGES.map((language) => {
          const template = own.find((x) => x.kind === kind.key && x.channel === channel && x.language === language);
          const builtIn = kind.defaults.find((d) => d.language === language) ?? kind.defaults[0]!;
          return { key: `${kind.key}/${channel}/${language}`, kind, channel, language, template, wording: template ?? { subject: needsSubject(channel) ? builtIn.subject : null, body: builtIn.body } };
        }),
      ),
    );
  }, [kinds.data, templates.data]);
  const label = useEnumLabel();
  const remove = useGqlMutation('DeleteNotificationTemplate');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {isHq && (
        <Card size="small">
          <Space>
            <Typography.Text>{t('notify.franchise')}</Typography.Text>
            <div style={{ width: 260 }}><OrgUnitPicker kinds={['FRANCHISE']} value={franchiseId} onChange={(v) => setFranchiseId(v as string | undefined)} placeholder={t('notify.pickFranchise')} /></div>
          </Space>
        </Card>
      )}
      {scoped && <QuietHoursCard franchiseId={franchiseId} editable={can('notification:manage')} />}
      <Card title={t('menu.notificationTemplates')} data-testid="template-editor">
        <Table<Row> dataSource={scoped ? rows : []} rowKey="key" size="small" pagination={{ pageSize: 20 }} loading={kinds.isFetching || templates.isFetching}>
          <Table.Column<Row> title={t('notify.kind')} render={(_, r) => <Space direction="vertical" size={0}><span>{t(`notify.kinds.${r.kind.key.replace('.', '_')}`, r.kind.label)}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.kind.audience === 'staff' ? t('notify.toStaff') : t('notify.toCustomer')}</Typography.Text></Space>} />
          <Table.Column<Row> title={t('notify.channel')} render={(_, r) => <Tag>{label('NotificationChannel', r.channel)}</Tag>} />
          <Table.Column<Row> title={t('notify.language')} dataIndex="language" render={(v: string) => t(`notify.languages.${v}`, v)} />
          <Table.Column<Row> title={t('notify.source')} render={(_, r) => (r.template ? <Tag color={r.template.enabled ? 'blue' : 'default'}>{r.template.enabled ? t('notify.custom') : t('notify.disabled')}</Tag> : <Tag>{t('notify.builtIn')}</Tag>)} />
          <Table.Column<Row> title={t('notify.content')} ellipsis render={(_, r) => <span data-lang-neutral={r.language === 'en' ? '' : undefined}>{`${r.wording.subject ? `${r.wording.subject}｜` : ''}${r.wording.body}`}</span>} />
          <Table.Column<Row>
            title={t('common.actions')}
            render={(_, r) =>
              can('notification:manage') && (
                <Space>
                  <Button size="small" data-testid={`edit-${r.key}`} onClick={() => setEditing(r)}>{t('buttons.edit')}</Button>
                  {r.template && (
                    <Popconfirm title={t('notify.restoreConfirm')} onConfirm={async () => (await remove.run({ input: { id: r.template!.id } })) && templates.refetch()}>
                      <Button size="small" type="link">{t('notify.restore')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              )
            }
          />
        </Table>
      </Card>
      {editing && (
        <TemplateModal
          row={editing}
          franchiseId={franchiseId}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void templates.refetch();
          }}
        />
      )}
    </Space>
  );
}

function TemplateModal({ row, franchiseId, onClose, onSaved }: { row: Row; franchiseId?: string; onClose(): void; onSaved(): void }) {
  const t = useTranslate();
  const label = useEnumLabel();
  const { form, submit, formError, loading } = useApiForm(['template', 'update']);
  const [focused, setFocused] = useState<'subject' | 'body'>('body');
  const insert = (name: string) => {
    const current = (form.getFieldValue(focused) as string | undefined) ?? '';
    form.setFieldValue(focused, `${current}{{${name}}}`);
  };
  const save = async () => {
    const values = (await form.validateFields().catch(() => undefined)) as { subject?: string; body: string; enabled: boolean } | undefined;
    if (!values) return;
    const subject = needsSubject(row.channel) ? values.subject ?? null : null;
    const saved = row.template
      ? await submit('UpdateNotificationTemplate', { input: { id: row.template.id, version: row.template.version, update: { subject, body: values.body, enabled: values.enabled } } })
      : await submit('CreateNotificationTemplate', { input: { template: { franchiseId, kind: row.kind.key, channel: row.channel, language: row.language, subject, body: values.body, enabled: values.enabled } } });
    if (saved) onSaved();
  };
  return (
    <Modal open width={680} title={`${t(`notify.kinds.${row.kind.key.replace('.', '_')}`, row.kind.label)} · ${label('NotificationChannel', row.channel)} · ${row.language}`} okText={t('buttons.save')} cancelText={t('buttons.cancel')} confirmLoading={loading} onOk={save} onCancel={onClose}>
      <Form form={form} layout="vertical" initialValues={{ subject: row.wording.subject ?? undefined, body: row.wording.body, enabled: row.template?.enabled ?? true }}>
        <Form.Item label={t('notify.placeholders')} extra={t('notify.placeholderHelp')}>
          <Space wrap>
            {row.kind.placeholders.map((p) => (
              <Tag key={p.name} color="geekblue" style={{ cursor: 'pointer' }} onClick={() => insert(p.name)} title={p.description}>{`{{${p.name}}}`} {p.description.split(' ')[0]}</Tag>
            ))}
          </Space>
        </Form.Item>
        {needsSubject(row.channel) && (
          <Form.Item name="subject" label={t('notify.subject')} rules={[{ required: row.channel === 'EMAIL', message: t('notify.subjectRequired') }]}>
            <Input onFocus={() => setFocused('subject')} maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="body" label={t('notify.body')} rules={[{ required: true, message: t('notify.bodyRequired') }]}>
          <Input.TextArea data-testid="template-body" rows={5} onFocus={() => setFocused('body')} showCount maxLength={row.channel === 'SMS' ? 500 : 5000} />
        </Form.Item>
        <Form.Item name="enabled" label={t('notify.enabled')} valuePropName="checked" extra={t('notify.enabledHelp')}>
          <Switch />
        </Form.Item>
      </Form>
      {formError && <Alert type="error" showIcon message={formError} />}
    </Modal>
  );
}

function QuietHoursCard({ franchiseId, editable }: { franchiseId?: string; editable: boolean }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const settings = useGql<{ notificationSettings: Settings }>('NotificationSettings', { franchiseId });
  const { form, submit, formError, loading } = useApiForm(['input']);
  const current = settings.data?.notificationSettings;
  useEffect(() => {
    if (current) form.setFieldsValue({ on: !!current.quietHoursStart, start: current.quietHoursStart ?? '21:00', end: current.quietHoursEnd ?? '08:00', timeZone: current.timeZone });
  }, [current, form]);
  const on = Form.useWatch('on', form);
  const save = async () => {
    const values = form.getFieldsValue() as { on: boolean; start: string; end: string; timeZone: string };
    const saved = await submit('UpdateNotificationSettings', { input: { franchiseId, quietHoursStart: values.on ? values.start : null, quietHoursEnd: values.on ? values.end : null, timeZone: values.timeZone, version: current?.version || null } });
    if (saved) {
      message.success(t('common.saved'));
      void settings.refetch();
    }
  };
  return (
    <Card size="small" title={t('notify.quietHours')} extra={<Typography.Text type="secondary">{t('notify.quietHoursHelp')}</Typography.Text>}>
      <Form form={form} layout="inline" disabled={!editable}>
        <Form.Item name="on" label={t('notify.quietHoursOn')} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="start" label={t('notify.from')}><Input style={{ width: 80 }} placeholder="21:00" disabled={!on || !editable} /></Form.Item>
        <Form.Item name="end" label={t('notify.to')}><Input style={{ width: 80 }} placeholder="08:00" disabled={!on || !editable} /></Form.Item>
        <Form.Item name="timeZone" label={t('notify.timeZone')}><Input style={{ width: 160 }} /></Form.Item>
        {editable && <Button type="primary" loading={loading} onClick={save}>{t('buttons.save')}</Button>}
      </Form>
      {formError && <Alert style={{ marginTop: 8 }} type="error" showIcon message={formError} />}
    </Card>
  );
}
