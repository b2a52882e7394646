import { List, useTable } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Button, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { DateTime, useEnumLabel } from '../../components/display';
import { enumOptions } from '../../components/crud';
import { useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { op } from '../../operations';

export interface MessageRow {
  id: string;
  createdAt: string;
  kind: string;
  channel: string;
  recipientAddress: string | null;
  subject: string | null;
  body: string;
  status: string;
  suppressionReason: string | null;
  statusNote: string | null;
  scheduledFor: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  provider: string | null;
}

const STATUS_COLORS: Record<string, string> = { QUEUED: 'blue', SCHEDULED: 'purple', SENT: 'green', FAILED: 'red', SUPPRESSED: 'orange' };
export const CHANNELS = ['SMS', 'WECHAT', 'EMAIL'];
const STATUSES = ['QUEUED', 'SCHEDULED', 'SENT', 'FAILED', 'SUPPRESSED'];

/**
 * The message log: every customer message with what it said, where it went (masked), when,
 * through which provider, and why one was held back or not sent. With the log provider (the
 * default) this is where a person reads what would have been sent.
 */
export function NotificationMessageList() {
  const t = useTranslate();
  const label = useEnumLabel();
  const { can } = useMe();
  const retry = useGqlMutation('RetryNotificationMessage');
  const { tableProps, setFilters, tableQuery } = useTable<MessageRow>({
    resource: 'notificationMessages',
    meta: { gqlQuery: op('NotificationMessageList') },
    sorters: { initial: [{ field: 'createdAt', order: 'desc' }] },
    syncWithLocation: false,
  });
  const filterBy = (field: string) => (value?: string) => setFilters(value ? [{ field, operator: 'eq', value }] : [{ field, operator: 'eq', value: undefined }], 'merge');
  return (
    <List
      title={t('menu.notificationMessages')}
      headerButtons={
        <Space>
          <Select allowClear data-testid="message-status-filter" placeholder={t('common.status')} style={{ width: 140 }} options={enumOptions(label, 'NotificationStatus', STATUSES)} onChange={filterBy('status')} />
          <Select allowClear placeholder={t('notify.channel')} style={{ width: 120 }} options={enumOptions(label, 'NotificationChannel', CHANNELS)} onChange={filterBy('channel')} />
          <Button icon={<ReloadOutlined />} onClick={() => tableQuery.refetch()}>{t('buttons.refresh')}</Button>
        </Space>
      }
    >
      <Table
        {...tableProps}
        rowKey="id"
        size="small"
        data-testid="message-log"
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {r.subject && <Typography.Text strong>{r.subject}</Typography.Text>}
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.body}</Typography.Paragraph>
              {r.statusNote && <Typography.Text type="warning">{r.statusNote}</Typography.Text>}
              {r.lastError && <Typography.Text type="danger">{t('notify.lastError')}: {r.lastError}</Typography.Text>}
              <Typography.Text type="secondary">
                {t('notify.provider')}: {r.provider ?? '—'} · {t('notify.attempts')}: {r.attempts} · {t('notify.scheduledFor')}: <DateTime value={r.scheduledFor} format="YYYY-MM-DD HH:mm" />
              </Typography.Text>
            </Space>
          ),
        }}
      >
        <Table.Column dataIndex="createdAt" title={t('common.createdAt')} sorter render={(v: string) => <DateTime value={v} format="MM-DD HH:mm:ss" />} />
        <Table.Column dataIndex="channel" title={t('notify.channel')} render={(v: string) => <Tag>{label('NotificationChannel', v)}</Tag>} />
        <Table.Column dataIndex="recipientAddress" title={t('notify.recipient')} />
        <Table.Column dataIndex="kind" title={t('notify.kind')} render={(v: string) => t(`notify.kinds.${v.replace('.', '_')}`, v)} />
        <Table.Column dataIndex="body" title={t('notify.content')} ellipsis render={(v: string, r: MessageRow) => <span data-testid="message-body">{r.subject ? `${r.subject}｜` : ''}{v}</span>} />
        <Table.Column
          dataIndex="status"
          title={t('common.status')}
          sorter
          render={(v: string, r: MessageRow) => (
            <Tooltip title={r.statusNote ?? r.lastError ?? undefined}>
              <Tag color={STATUS_COLORS[v]} data-testid="message-status">{label('NotificationStatus', v)}{r.suppressionReason ? ` · ${label('SuppressionReason', r.suppressionReason)}` : ''}</Tag>
            </Tooltip>
          )}
        />
        <Table.Column
          key="actions"
          title={t('common.actions')}
          render={(_, r: MessageRow) =>
            r.status === 'FAILED' && can('notification:manage') ? (
              <Button size="small" loading={retry.loading} onClick={async () => (await retry.run({ id: r.id })) && tableQuery.refetch()}>{t('notify.retry')}</Button>
            ) : null
          }
        />
      </Table>
    </List>
  );
}
