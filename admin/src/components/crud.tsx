import { Create, Edit, useForm } from '@refinedev/antd';
import type { BaseRecord } from '@refinedev/core';
import { Form, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { op } from '../operations';

/** Create page for a resource: one mutation from schema/operations, a form body, field errors from the API. */
export function CreatePage({ resource, mutation, inputKey, children }: { resource: string; mutation: string; inputKey: string; children: ReactNode }) {
  const { formProps, saveButtonProps } = useForm({ resource, action: 'create', meta: { gqlMutation: op(mutation), inputKey }, redirect: 'list' });
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
  const { formProps, saveButtonProps, query: loaded } = useForm({ resource, action: 'edit', meta: { gqlQuery: op(query), gqlMutation: op(mutation) }, redirect: 'list' });
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
