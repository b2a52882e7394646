import { useTranslate } from '@refinedev/core';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { subscribe } from '../data/request';
import { onSocketReconnected } from '../graphql-client';
import { useGql, useGqlMutation } from '../hooks/use-gql';
import { DateTime } from './display';

interface Notification {
  id: string;
  createdAt: string;
  kind: string;
  subject: string | null;
  body: string;
  readAt: string | null;
  refType: string | null;
  refId: string | null;
}

/** The staff bell: unread count kept live over graphql-ws, the latest notifications, mark read. */
export function NotificationBell() {
  const t = useTranslate();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const inbox = useGql<{ myNotifications: { nodes: Notification[] }; myNotificationCount: { unread: number } }>('MyNotifications', { unreadOnly: false, paging: { limit: 10 } });
  const [unread, setUnread] = useState<number>();
  const markRead = useGqlMutation<{ markNotificationsRead: { unread: number } }>('MarkNotificationsRead');
  useEffect(() => {
    if (inbox.data) setUnread(inbox.data.myNotificationCount.unread);
  }, [inbox.data]);
  useEffect(
    () =>
      subscribe<{ myNotificationCountChanged: { unread: number } }>('MyNotificationCountChanged', {}, (data) => {
        setUnread(data.myNotificationCountChanged.unread);
        void inbox.refetch();
      }),
    [], // eslint-disable-line react-hooks/exhaustive-deps
  );
  // Notifications that arrived while the socket was down: reload the count and list on reconnect.
  useEffect(() => onSocketReconnected(() => void inbox.refetch()), []); // eslint-disable-line react-hooks/exhaustive-deps
  const read = async (input: { ids?: string[]; all?: boolean }) => {
    const result = await markRead.run({ input });
    if (result) setUnread(result.markNotificationsRead.unread);
    void inbox.refetch();
  };
  const items = inbox.data?.myNotifications.nodes ?? [];
  const content = (
    <div style={{ width: 340 }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.bellEmpty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
              onClick={() => {
                if (!n.readAt) void read({ ids: [n.id] });
                if (n.refType === 'Case' && n.refId) {
                  setOpen(false);
                  navigate(`/cases/show/${n.refId}`);
                }
              }}
            >
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.subject ?? n.kind}</Typography.Text>}
                description={<><Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{n.body}</Typography.Paragraph><DateTime value={n.createdAt} format="MM-DD HH:mm" /></>}
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={<div style={{ display: 'flex', justifyContent: 'space-between' }}><span>{t('notify.bell')}</span>{!!unread && <Button size="small" type="link" onClick={() => read({ all: true })}>{t('notify.markAllRead')}</Button>}</div>}
      content={content}
    >
      <Badge count={unread ?? 0} size="small" data-testid="notification-count">
        <Button size="small" shape="circle" icon={<BellOutlined />} data-testid="notification-bell" aria-label={t('notify.bell')} />
      </Badge>
    </Popover>
  );
}
