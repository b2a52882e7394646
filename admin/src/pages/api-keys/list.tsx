import { List, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DateTime } from '../../components/display';
import { OrgUnitPicker } from '../../components/pickers';
import { request } from '../../data/request';
import { PermissionTags, usePermissionCatalog } from '../../components/permissions';
import { errorText } from '../../data/errors';
import type { ApiError } from '../../graphql-client';
import { useMe } from '../../hooks/use-me';
import { op } from '../../operations';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  rateLimitPerMinute: number;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

/** The secret of a new or rotated key, shown this once. */
function SecretOnce({ secret, onClose }: { secret?: string; onClose(): void }) {
  const t = useTranslate();
  return (
    <Modal open={!!secret} title={t('admin.secretTitle')} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }}>
      <Alert type="warning" showIcon message={t('admin.secretOnce')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable code data-testid="api-key-secret">{secret}</Typography.Paragraph>
    </Modal>
  );
}

/** Partner API keys: issue (secret shown once), rotate, revoke. */
export function ApiKeyList() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { me } = useMe();
  const catalog = usePermissionCatalog();
  const { tableProps, tableQuery } = useTable<ApiKeyRow>({ resource: 'apiKeys', meta: { gqlQuery: op('ApiKeyList') }, sorters: { initial: [{ field: 'createdAt', order: 'desc' }] } });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string>();
  const [form] = Form.useForm();
  const act = async (name: string, variables: Record<string, unknown>, done: string, key?: string) => {
    try {
      const data = await request<Record<string, { secret?: string }>>(name, variables);
      const issued = key ? data[key]?.secret : undefined;
      message.success(t(done));
      if (issued) setSecret(issued);
      void tableQuery.refetch();
    } catch (error) {
      message.error(errorText(error as ApiError));
    }
  };
  const create = async () => {
    const values = await form.validateFields();
    await act('CreateApiKey', { input: { ...values, expiresAt: values.expiresAt?.toISOString() } }, 'admin.keyCreated', 'createApiKey');
    setCreating(false);
    form.resetFields();
  };
  return (
    <List headerButtons={<Button type="primary" onClick={() => setCreating(true)}>{t('buttons.create')}</Button>}>
      <Table scroll={{ x: 'max-content' }} {...tableProps} rowKey="id" size="middle">
        <Table.Column dataIndex="name" title={t('common.name')} sorter />
        <Table.Column dataIndex="prefix" title={t('admin.prefix')} render={(v: string) => <Typography.Text code>{v}…</Typography.Text>} />
        <Table.Column dataIndex="permissions" title={t('admin.permissions')} render={(v: string[]) => <PermissionTags codes={v} />} />
        <Table.Column dataIndex="rateLimitPerMinute" title={t('admin.rateLimit')} />
        <Table.Column dataIndex="expiresAt" title={t('admin.expiresAt')} sorter render={(v: string) => <DateTime value={v} />} />
        <Table.Column dataIndex="lastUsedAt" title={t('admin.lastUsedAt')} render={(v: string) => <DateTime value={v} />} />
        <Table.Column dataIndex="revokedAt" title={t('common.status')} render={(v: string) => (v ? <Tag color="red">{t('admin.revokedAt')}</Tag> : <Tag color="green">{t('admin.enabled')}</Tag>)} />
        <Table.Column
          title={t('table.actions')}
          render={(_, r: ApiKeyRow) =>
            !r.revokedAt && (
              <Space>
                <Popconfirm title={t('buttons.rotate')} onConfirm={() => act('RotateApiKey', { input: { id: r.id, gracePeriodMinutes: 60 } }, 'admin.keyRotated', 'rotateApiKey')}><Button size="small">{t('buttons.rotate')}</Button></Popconfirm>
                <Popconfirm title={t('buttons.revoke')} onConfirm={() => act('RevokeApiKey', { id: r.id }, 'admin.keyRevoked')}><Button size="small" danger>{t('buttons.revoke')}</Button></Popconfirm>
              </Space>
            )
          }
        />
      </Table>
      <Modal open={creating} title={t('menu.apiKeys')} onCancel={() => setCreating(false)} onOk={() => void create()} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="permissions" label={t('admin.permissions')} rules={[{ required: true }]}><Select mode="multiple" options={(me?.permissions ?? []).map((p) => ({ value: p, label: catalog.name(p) }))} /></Form.Item>
          <Form.Item name="orgUnitId" label={t('customers.orgUnit')}><OrgUnitPicker /></Form.Item>
          <Form.Item name="rateLimitPerMinute" label={t('admin.rateLimit')}><InputNumber min={1} /></Form.Item>
          <Form.Item name="expiresAt" label={t('admin.expiresAt')}><DatePicker showTime /></Form.Item>
        </Form>
      </Modal>
      <SecretOnce secret={secret} onClose={() => setSecret(undefined)} />
    </List>
  );
}
