import { useNotices } from '../../components/crud';
import { Create, useForm } from '@refinedev/antd';
import { op } from '../../operations';
import { CustomerForm } from './form';

export function CustomerCreate() {
  const { formProps, saveButtonProps } = useForm({ resource: 'customers', action: 'create', meta: { gqlMutation: op('CreateCustomer'), inputKey: 'customer' }, redirect: 'show', ...useNotices('customers', 'create') });
  return (
    <Create saveButtonProps={{ ...saveButtonProps, 'data-testid': 'customer-save' } as never}>
      <CustomerForm formProps={formProps} creating />
    </Create>
  );
}
