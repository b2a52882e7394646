import { useTranslate } from '@refinedev/core';
import { Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useLocalized } from '../../components/display';
import { useOptionValue } from './option-fields';
import { useState } from 'react';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import type { Connection } from '../../types';
import { OptionsModal, type OptionsTarget } from './options-modal';
import { OwnerAccessSwitch, PluginActions } from './plugin-actions';
import type { Enablement, InstalledPlugin } from './types';

/** HQ picks any franchise; a franchise owner always works on their own. */
function useFranchiseChoice() {
  const { me } = useMe();
  const isHq = !!me?.scope.isHq;
  const franchises = useGql<{ franchises: Connection<{ id: string; name: string }> }>('FranchiseList', { paging: { limit: 200 }, sorting: [{ field: 'name', direction: 'ASC' }] }, { enabled: isHq });
  const [picked, setPicked] = useState<string>();
  const options = (franchises.data?.franchises.nodes ?? []).map((f) => ({ value: f.id, label: f.name }));
  const franchiseId = isHq ? (picked ?? options[0]?.value) : (me?.user?.franchiseId ?? me?.scope.orgUnit.franchiseId);
  return { isHq, franchiseId, options, setPicked, loading: franchises.isLoading };
}

function OptionSummary({ plugin, options }: { plugin: string; options: Record<string, unknown> | undefined }) {
  const text = useLocalized();
  const valueText = useOptionValue();
  const entries = Object.entries(options ?? {});
  if (!entries.length) return <>—</>;
  return <>{entries.map(([k, v]) => <Tooltip key={k} title={k}><Tag style={{ whiteSpace: 'normal' }}>{text(`pluginInfo.${plugin}.options.${k}`, k)}：{valueText(v)}</Tag></Tooltip>)}</>;
}

/**
 * Installed plugins and their enablement for one franchise: enable (with options generated from
 * the plugin's specs), edit options, disable; HQ decides which plugins franchise owners may manage.
 */
export function PluginList() {
  const t = useTranslate();
  const text = useLocalized();
  const { can } = useMe();
  const { isHq, franchiseId, options, setPicked, loading } = useFranchiseChoice();
  const plugins = useGql<{ installedPlugins: InstalledPlugin[] }>('InstalledPlugins', { franchiseId }, { enabled: !!franchiseId });
  const [target, setTarget] = useState<OptionsTarget>();
  const enablementOf = (p: InstalledPlugin): Enablement | undefined => p.enablements.find((e) => e.franchiseId === franchiseId);
  const manage = can('plugin:manage');
  const refresh = () => void plugins.refetch();
  return (
    <Card
      title={t('admin.plugins')}
      extra={isHq && (
        <Space>
          {t('admin.franchise')}
          <Select data-testid="plugin-franchise" style={{ minWidth: 220 }} loading={loading} value={franchiseId} onChange={setPicked} options={options} showSearch optionFilterProp="label" />
        </Space>
      )}
    >
      <Table scroll={{ x: 'max-content' }}
        rowKey="name"
        pagination={false}
        loading={plugins.isLoading}
        dataSource={plugins.data?.installedPlugins ?? []}
        data-testid="plugin-table"
        columns={[
          { title: t('common.name'), dataIndex: 'name', width: 200, render: (v: string, p: InstalledPlugin) => <Space direction="vertical" size={0}><Typography.Text strong>{text(`pluginInfo.${v}.name`, v)}</Typography.Text><Typography.Text type="secondary" data-lang-neutral>{v} {p.version}</Typography.Text></Space> },
          { title: t('common.description'), dataIndex: 'description', render: (v: string, p: InstalledPlugin) => text(`pluginInfo.${p.name}.description`, v) },
          {
            title: t('common.status'),
            render: (_, p: InstalledPlugin) => {
              const enabled = !!enablementOf(p)?.enabled;
              return <Tag color={enabled ? 'green' : 'default'} data-testid="plugin-status" data-enabled={String(enabled)}>{enabled ? t('admin.enabled') : t('admin.disabled')}</Tag>;
            },
          },
          { title: t('plugins.options'), render: (_, p: InstalledPlugin) => <OptionSummary plugin={p.name} options={enablementOf(p)?.options} /> },
          ...(isHq && manage && franchiseId
            ? [{ title: t('plugins.ownerAccess'), render: (_: unknown, p: InstalledPlugin) => <OwnerAccessSwitch plugin={p.name} enablement={enablementOf(p)} franchiseId={franchiseId} onChanged={refresh} /> }]
            : []),
          ...(manage && franchiseId
            ? [{
                title: t('table.actions'),
                render: (_: unknown, p: InstalledPlugin) => (
                  <PluginActions plugin={p} enablement={enablementOf(p)} franchiseId={franchiseId} mayManage={isHq || !!enablementOf(p)?.ownerMayManage} onOptions={setTarget} onChanged={refresh} />
                ),
              }]
            : []),
        ]}
      />
      {target && franchiseId && (
        <OptionsModal
          key={`${target.plugin.name}:${target.mode}`}
          target={target}
          franchiseId={franchiseId}
          onClose={() => setTarget(undefined)}
          onSaved={() => {
            setTarget(undefined);
            refresh();
          }}
        />
      )}
    </Card>
  );
}
