import { useGetLocale, useLogout, useSetLocale, useTranslate } from '@refinedev/core';
import { useThemedLayoutContext } from '@refinedev/antd';
import { Button, Grid, Layout, Select, Space, Tooltip, Typography } from 'antd';
import { BarsOutlined, GlobalOutlined, LogoutOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useGqlMutation } from '../hooks/use-gql';
import { useMe } from '../hooks/use-me';
import { useEnumLabel } from './display';
import { LowRatingWatcher } from './low-rating-watcher';
import { NotificationBell } from './notification-bell';

/**
 * Menu button (phones and tablets), the agent's availability, the notification bell, language switch, who is signed in,
 * sign-out. On narrow screens buttons are icons and names are cut with an ellipsis, on one line.
 */
export function PanelHeader() {
  const t = useTranslate();
  const locale = useGetLocale()();
  const setLocale = useSetLocale();
  const { mutate: logout } = useLogout();
  const { me, can } = useMe();
  const label = useEnumLabel();
  const availability = useGqlMutation('SetMyAvailability');
  const [status, setStatus] = useState<string>();
  const screens = Grid.useBreakpoint();
  const { setMobileSiderOpen } = useThemedLayoutContext();
  const narrow = !screens.md;
  return (
    <Layout.Header
      data-testid="panel-header"
      style={{ background: '#fff', display: 'flex', alignItems: 'center', gap: 8, padding: narrow ? '0 8px' : '0 24px', height: 56, borderBottom: '1px solid #f0f0f0', whiteSpace: 'nowrap', overflow: 'hidden' }}
    >
      {!screens.lg && <Button type="text" icon={<BarsOutlined />} aria-label={t('menu.open')} data-testid="menu-button" onClick={() => setMobileSiderOpen(true)} />}
      <div style={{ flex: 1 }} />
      <Space size={narrow ? 4 : 'middle'} style={{ minWidth: 0 }}>
        {can('case:work') && me?.user && (
          <Select
            size="small"
            style={{ width: narrow ? 72 : 100 }}
            placeholder={label('AgentAvailability', 'ONLINE')}
            value={status}
            onChange={async (value) => {
              if (await availability.run({ input: { availability: value } })) setStatus(value);
            }}
            options={['ONLINE', 'AWAY', 'OFFLINE'].map((v) => ({ value: v, label: label('AgentAvailability', v) }))}
          />
        )}
        {me?.user && <NotificationBell />}
        {me?.user && can('survey:report') && <LowRatingWatcher />}
        <Tooltip title={narrow ? t('app.switchTo') : undefined}>
          <Button size="small" icon={<GlobalOutlined />} data-testid="language-switch" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
            {narrow ? null : t('app.switchTo')}
          </Button>
        </Tooltip>
        <Typography.Text data-testid="current-user" ellipsis style={{ maxWidth: narrow ? 96 : 320 }} title={`${me?.user?.displayName ?? ''} ${me?.scope.orgUnit.name ?? ''}`}>
          {me?.user?.displayName} {!narrow && <Typography.Text type="secondary">{me?.scope.orgUnit.name}</Typography.Text>}
        </Typography.Text>
        <Tooltip title={narrow ? t('buttons.logout') : undefined}>
          <Button size="small" icon={<LogoutOutlined />} data-testid="logout" aria-label={t('buttons.logout')} onClick={() => logout()}>
            {narrow ? null : t('buttons.logout')}
          </Button>
        </Tooltip>
      </Space>
    </Layout.Header>
  );
}
