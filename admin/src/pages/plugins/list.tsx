import { useTranslate } from '@refinedev/core';
import { Alert, Card, Table, Tag } from 'antd';
import { installedAdminExtensions } from '../../extensions/installed';
import { useMe } from '../../hooks/use-me';

/**
 * Plugins installed in the panel and whether they are enabled for your franchise. Turning them
 * on and off per franchise needs the plugin administration API (issue 6); until it exists this page only shows.
 */
export function PluginList() {
  const t = useTranslate();
  const { me } = useMe();
  const enabled = me?.enabledPlugins ?? [];
  const names = [...new Set([...installedAdminExtensions.map((e) => e.plugin), ...enabled])];
  return (
    <Card title={t('admin.plugins')}>
      <Alert type="info" showIcon message={t('admin.pluginsPending')} style={{ marginBottom: 12 }} />
      <Table
        rowKey="name"
        pagination={false}
        dataSource={names.map((name) => ({ name, enabled: enabled.includes(name) }))}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('common.status'), dataIndex: 'enabled', render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('admin.enabled') : t('admin.disabled')}</Tag> },
        ]}
      />
    </Card>
  );
}
