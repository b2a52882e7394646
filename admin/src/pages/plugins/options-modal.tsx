import { useTranslate } from '@refinedev/core';
import { Alert, App, Form, Modal } from 'antd';
import { useLocalized } from '../../components/display';
import { useApiForm } from '../../hooks/use-api-form';
import { initialOptions, OptionFields, optionsToSend } from './option-fields';
import type { Enablement, InstalledPlugin } from './types';

export interface OptionsTarget {
  plugin: InstalledPlugin;
  enablement?: Enablement;
  /** enable: turn it on with these options; edit: change the options of an enabled plugin. */
  mode: 'enable' | 'edit';
}

/** Enable a plugin, or edit its options, with a form generated from its option specs (render it keyed by target). */
export function OptionsModal({ target, franchiseId, onClose, onSaved }: { target: OptionsTarget; franchiseId: string; onClose(): void; onSaved(): void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const text = useLocalized();
  const { form, submit, formError, loading } = useApiForm(['options']);
  const { plugin, enablement, mode } = target;
  const save = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    const options = optionsToSend(values);
    const base = { franchiseId, plugin: plugin.name };
    const saved =
      mode === 'enable'
        ? await submit('EnablePlugin', { input: { ...base, options, version: enablement?.version } })
        : await submit('UpdatePluginOptions', { input: { ...base, options, version: enablement?.version } });
    if (saved) {
      message.success(t(mode === 'enable' ? 'plugins.enabled' : 'plugins.optionsSaved'));
      onSaved();
    }
  };
  return (
    <Modal
      open
      title={`${t(mode === 'enable' ? 'plugins.enableTitle' : 'plugins.editTitle')}：${text(`pluginInfo.${plugin.name}.name`, plugin.name)}`}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t(mode === 'enable' ? 'buttons.enable' : 'buttons.save')}
      okButtonProps={{ loading, 'data-testid': 'plugin-options-save' }}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} data-testid="plugin-form-error" />}
      <Form form={form} layout="vertical" initialValues={initialOptions(plugin.options, enablement?.options)} data-testid="plugin-options-form">
        <OptionFields plugin={plugin.name} specs={plugin.options} />
      </Form>
    </Modal>
  );
}
