import { Form } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslate } from '@refinedev/core';
import { errorText, fieldErrorText } from '../data/errors';
import { request } from '../data/request';
import type { ApiError } from '../graphql-client';

type Path = (string | number)[];

/** `options.threshold` → ['threshold'], `update.targets.0` → ['targets', 0] (the input's own key dropped; '' keeps the whole path). */
export function fieldPath(field: string, prefix: string): Path | undefined {
  if (prefix && !field.startsWith(`${prefix}.`)) return undefined;
  return field.slice(prefix ? prefix.length + 1 : 0).split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * A modal form that sends one named mutation: the API's field errors (`<prefix>.<field>`) go under
 * their fields; anything no field shows (a CONFLICT, a rule over several fields) becomes `formError`.
 */
export function useApiForm(prefixes: string[]) {
  const t = useTranslate();
  const [form] = Form.useForm();
  const [formError, setFormError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const submit = useCallback(
    async <T>(name: string, variables: Record<string, unknown>): Promise<T | undefined> => {
      setFormError(undefined);
      setLoading(true);
      try {
        return await request<T>(name, variables);
      } catch (error) {
        const apiError = error as ApiError;
        const { fields } = apiError;
        const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
        const placed: { name: Path; errors: string[] }[] = [];
        const unplaced: string[] = [];
        for (const { field, message: text, reason, params } of fields) {
          const path = prefixes.map((p) => fieldPath(field, p)).find((p) => p && registered.has(p.join('.')));
          if (path) placed.push({ name: path, errors: [fieldErrorText({ field, message: text, reason, params }, t)] });
          else unplaced.push(fieldErrorText({ field, message: text, reason, params }, t));
        }
        form.setFields(placed);
        if (unplaced.length || !placed.length) setFormError(unplaced.join('；') || errorText(apiError, t));
        return undefined;
      } finally {
        setLoading(false);
      }
    },
    [form, t, prefixes.join(',')], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const reset = useCallback(() => setFormError(undefined), []);
  return { form, submit, formError, loading, reset };
}
