import { useTranslate } from '@refinedev/core';
import { App, Button, Popconfirm, Space, Switch, Tooltip } from 'antd';
import { useLocalized } from '../../components/display';
import { useGqlMutation } from '../../hooks/use-gql';
import type { OptionsTarget } from './options-modal';
import type { Enablement, InstalledPlugin } from './types';

/** Enable / edit options / disable one plugin for the chosen franchise (the API's refusal, e.g. PLUGIN_IN_USE, is shown as it words it). */
export function PluginActions({ plugin, enablement, franchiseId, mayManage, onOptions, onChanged }: {
  plugin: InstalledPlugin;
  enablement?: Enablement;
  franchiseId: string;
  mayManage: boolean;
  onOptions(target: OptionsTarget): void;
  onChanged(): void;
}) {
  const t = useTranslate();
  const text = useLocalized();
  const disable = useGqlMutation('DisablePlugin', { success: 'plugins.disabled' });
  if (!mayManage) return <Tooltip title={t('plugins.ownerNotAllowed')}><span data-testid="plugin-no-access">—</span></Tooltip>;
  const enabled = !!enablement?.enabled;
  const run = async () => {
    if (await disable.run({ input: { franchiseId, plugin: plugin.name, version: enablement?.version } })) onChanged();
  };
  return (
    <Space>
      {!enabled && <Button size="small" type="primary" data-testid="plugin-enable" onClick={() => onOptions({ plugin, enablement, mode: 'enable' })}>{t('buttons.enable')}</Button>}
      {enabled && plugin.options.length > 0 && <Button size="small" data-testid="plugin-edit" onClick={() => onOptions({ plugin, enablement, mode: 'edit' })}>{t('plugins.editOptions')}</Button>}
      {enabled && (
        <Popconfirm title={t('plugins.disableConfirm', { plugin: text(`pluginInfo.${plugin.name}.name`, plugin.name) })} onConfirm={() => void run()} okButtonProps={{ 'data-testid': 'plugin-disable-confirm' }}>
          <Button size="small" danger loading={disable.loading} data-testid="plugin-disable">{t('buttons.disable')}</Button>
        </Popconfirm>
      )}
    </Space>
  );
}

/** HQ: whether the franchise's owner may manage this plugin. */
export function OwnerAccessSwitch({ plugin, enablement, franchiseId, onChanged }: { plugin: string; enablement?: Enablement; franchiseId: string; onChanged(): void }) {
  const { message } = App.useApp();
  const t = useTranslate();
  const set = useGqlMutation('SetPluginOwnerAccess');
  const toggle = async (ownerMayManage: boolean) => {
    if (await set.run({ input: { franchiseId, plugin, ownerMayManage } })) {
      message.success(t(ownerMayManage ? 'plugins.ownerAllowed' : 'plugins.ownerRevoked'));
      onChanged();
    }
  };
  return <Switch size="small" checked={!!enablement?.ownerMayManage} loading={set.loading} onChange={(v) => void toggle(v)} data-testid="plugin-owner-access" />;
}
