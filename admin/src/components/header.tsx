import { useGetLocale, useLogout, useSetLocale, useTranslate } from '@refinedev/core';
import { Button, Layout, Select, Space, Typography } from 'antd';
import { GlobalOutlined, LogoutOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useGqlMutation } from '../hooks/use-gql';
import { useMe } from '../hooks/use-me';
import { useEnumLabel } from './display';
import { NotificationBell } from './notification-bell';

/** The notification bell, language switch, the agent's availability, who is signed in, sign-out. */
export function PanelHeader() {
  const t = useTranslate();
  const locale = useGetLocale()();
  const setLocale = useSetLocale();
  const { mutate: logout } = useLogout();
  const { me, can } = useMe();
  const label = useEnumLabel();
  const availability = useGqlMutation('SetMyAvailability');
  const [status, setStatus] = useState<string>();
  return (
    <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', padding: '0 24px', height: 56, borderBottom: '1px solid #f0f0f0' }}>
      <Space size="middle">
        {can('case:work') && me?.user && (
          <Select
            size="small"
            style={{ width: 100 }}
            placeholder={label('AgentAvailability', 'ONLINE')}
            value={status}
            onChange={async (value) => {
              if (await availability.run({ input: { availability: value } })) setStatus(value);
            }}
            options={['ONLINE', 'AWAY', 'OFFLINE'].map((v) => ({ value: v, label: label('AgentAvailability', v) }))}
          />
        )}
        {me?.user && <NotificationBell />}
        <Button size="small" icon={<GlobalOutlined />} data-testid="language-switch" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
          {t('app.switchTo')}
        </Button>
        <Typography.Text data-testid="current-user">
          {me?.user?.displayName} <Typography.Text type="secondary">{me?.scope.orgUnit.name}</Typography.Text>
        </Typography.Text>
        <Button size="small" icon={<LogoutOutlined />} data-testid="logout" onClick={() => logout()}>
          {t('buttons.logout')}
        </Button>
      </Space>
    </Layout.Header>
  );
}
