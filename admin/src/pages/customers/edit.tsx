import { Edit, useForm } from '@refinedev/antd';
import { op } from '../../operations';
import { CustomerForm } from './form';

/** Only the fields the form shows are sent (PII masked on screen is not written back unless changed). */
const EDITABLE = ['name', 'gender', 'phone', 'birthDate', 'email', 'orgUnitId', 'doctorId', 'healthManagerId', 'sourceChannel', 'memberCardNo', 'idNumber', 'address', 'tags', 'allergies', 'medicalHistory', 'specialNeeds', 'note'];

export function CustomerEdit() {
  const { formProps, saveButtonProps, query } = useForm<Record<string, unknown>>({
    resource: 'customers',
    action: 'edit',
    meta: { gqlQuery: op('CustomerDetail'), gqlMutation: op('UpdateCustomer') },
    redirect: 'show',
  });
  const original = query?.data?.data;
  const onFinish = (values: Record<string, unknown>) => {
    const changed = Object.fromEntries(EDITABLE.filter((k) => JSON.stringify(values[k] ?? null) !== JSON.stringify(original?.[k] ?? null)).map((k) => [k, values[k] ?? null]));
    return formProps.onFinish?.({ ...changed, version: original?.version });
  };
  return (
    <Edit saveButtonProps={saveButtonProps}>
      <CustomerForm formProps={{ ...formProps, onFinish }} creating={false} />
    </Edit>
  );
}
