import { Edit, useForm } from '@refinedev/antd';
import { Form } from 'antd';
import { request } from '../../data/request';
import { op } from '../../operations';
import { STAFF_FIELDS, StaffFields } from './form';

/** Profile through updateOneStaffUser; a change of roles through setStaffRoles (its own audited mutation). */
export function StaffEdit() {
  const { formProps, saveButtonProps, query } = useForm<Record<string, unknown>>({ resource: 'staffUsers', action: 'edit', meta: { gqlQuery: op('StaffUser'), gqlMutation: op('UpdateStaffUser') }, redirect: 'list' });
  const record = query?.data?.data;
  const onFinish = async (values: Record<string, unknown>) => {
    const update = Object.fromEntries(STAFF_FIELDS.filter((f) => JSON.stringify(values[f] ?? null) !== JSON.stringify(record?.[f] ?? null)).map((f) => [f, values[f]]));
    const roleIds = values.roleIds as string[] | undefined;
    let version = record?.version as number;
    if (Object.keys(update).length) {
      await formProps.onFinish?.({ ...update, version });
      version += 1;
    }
    if (roleIds && JSON.stringify([...roleIds].sort()) !== JSON.stringify([...((record?.roleIds as string[]) ?? [])].sort()))
      await request('SetStaffRoles', { input: { id: record?.id, roleIds, version } });
  };
  return (
    <Edit saveButtonProps={saveButtonProps}>
      <Form {...formProps} onFinish={onFinish} layout="vertical">
        <StaffFields creating={false} />
      </Form>
    </Edit>
  );
}
