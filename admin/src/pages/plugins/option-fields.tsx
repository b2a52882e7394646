import { useTranslate } from '@refinedev/core';
import { Form, Input, InputNumber, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import { useLocalized } from '../../components/display';
import type { PluginOption } from './types';

/** The form's starting values: the franchise's current options, else each option's default. */
export function initialOptions(specs: PluginOption[], current?: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(specs.map((s) => [s.name, current?.[s.name] ?? s.default ?? undefined]));
}

/** What the API gets: options left empty are omitted (their defaults apply). */
export function optionsToSend(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

function range(spec: PluginOption): string | undefined {
  if (spec.min === null && spec.max === null) return undefined;
  return `${spec.min ?? '…'} – ${spec.max ?? '…'}`;
}

/** One input per option spec (Form.Item's value / checked / onChange passed through); the range and default are shown, the API checks the values (its errors land under the field). */
function OptionInput({ spec, ...control }: { spec: PluginOption; id?: string; value?: unknown; checked?: boolean; onChange?: (...args: unknown[]) => void }) {
  const props = { ...control, 'data-testid': `option-${spec.name}` } as object;
  switch (spec.type) {
    case 'boolean':
      return <Switch {...props} />;
    case 'enum':
      return <Select {...props} allowClear={!spec.required} options={(spec.values ?? []).map((v) => ({ value: v, label: v }))} />;
    case 'number':
    case 'integer':
      return <InputNumber {...props} style={{ width: 200 }} precision={spec.type === 'integer' ? 0 : undefined} placeholder={spec.default != null ? String(spec.default) : undefined} />;
    default:
      return <Input {...props} />;
  }
}

/** An option's value in words (是 / 否 for switches). */
export function useOptionValue() {
  const t = useTranslate();
  return (value: unknown) => (typeof value === 'boolean' ? t(value ? 'common.yes' : 'common.no') : String(value));
}

export function OptionFields({ plugin, specs }: { plugin: string; specs: PluginOption[] }) {
  const t = useTranslate();
  const text = useLocalized();
  const valueText = useOptionValue();
  if (!specs.length) return <>{t('plugins.noOptions')}</>;
  return (
    <>
      {specs.map((spec) => {
        const rules: Rule[] = spec.required ? [{ required: true, message: t('plugins.required') }] : [];
        const hint = [range(spec) && t('plugins.range', { range: range(spec) }), spec.default != null && t('plugins.default', { value: valueText(spec.default) })].filter(Boolean).join(' · ');
        return (
          <Form.Item key={spec.name} name={spec.name} label={text(`pluginInfo.${plugin}.options.${spec.name}`, spec.description)} tooltip={spec.name} rules={rules} extra={hint || undefined} valuePropName={spec.type === 'boolean' ? 'checked' : 'value'}>
            <OptionInput spec={spec} />
          </Form.Item>
        );
      })}
    </>
  );
}
