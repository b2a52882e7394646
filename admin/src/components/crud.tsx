import { Create, Edit, useForm } from '@refinedev/antd';
import { useTranslate, type BaseRecord, type HttpError, type SuccessErrorNotification } from '@refinedev/core';
import { Form, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { op } from '../operations';

/** "员工已创建" / the API's reason in the panel's language (already translated by the data provider), never "新建staffUser成功". */
export function useNotices(resource: string, action: 'create' | 'edit'): SuccessErrorNotification {
  const t = useTranslate();
  const name = t(`resourceNames.${resource}`, resource);
  return {
    successNotification: () => ({ type: 'success', message: t(action === 'create' ? 'notifications.createSuccess' : 'notifications.editSuccess', { resource: name }) }),
    errorNotification: (error?: unknown) => ({ type: 'error', message: t(action === 'create' ? 'notifications.createError' : 'notifications.editError', { resource: name }), description: (error as HttpError | undefined)?.message }),
  };
}

/** Create page for a resource: one mutation from schema/operations, a form body, field errors from the API. */
export function CreatePage({ resource, mutation, inputKey, children }: { resource: string; mutation: string; inputKey: string; children: ReactNode }) {
  const { formProps, saveButtonProps } = useForm({ resource, action: 'create', meta: { gqlMutation: op(mutation), inputKey }, redirect: 'list', ...useNotices(resource, 'create') });
  return (
    <Create saveButtonProps={saveButtonProps}>
      <Form {...formProps} layout="vertical">
        {children}
      </Form>
    </Create>
  );
}

/** Edit page: loads with a query, sends only `fields` plus the version it loaded (a stale write is a CONFLICT). */
export function EditPage({ resource, query, mutation, fields, children, render }: { resource: string; query: string; mutation: string; fields: string[]; children?: ReactNode; render?: (props: FormProps, record?: BaseRecord) => ReactNode }) {
  const { formProps, saveButtonProps, query: loaded } = useForm<BaseRecord>({ resource, action: 'edit', meta: { gqlQuery: op(query), gqlMutation: op(mutation) }, redirect: 'list', ...useNotices(resource, 'edit') });
  const record = loaded?.data?.data;
  const onFinish = (values: Record<string, unknown>) => formProps.onFinish?.({ ...Object.fromEntries(fields.filter((f) => f in values).map((f) => [f, values[f]])), version: record?.version });
  return (
    <Edit saveButtonProps={saveButtonProps}>
      {render ? render({ ...formProps, onFinish }, record) : (
        <Form {...formProps} onFinish={onFinish} layout="vertical">
          {children}
        </Form>
      )}
    </Edit>
  );
}

export const enumOptions = (label: (e: string, v: string) => string, name: string, values: string[]) => values.map((v) => ({ value: v, label: label(name, v) }));
