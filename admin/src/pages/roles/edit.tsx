import { EditPage } from '../../components/crud';
import { ROLE_FIELDS, RoleFields } from './form';

export function RoleEdit() {
  return <EditPage resource="roles" query="Role" mutation="UpdateRole" fields={ROLE_FIELDS}><RoleFields /></EditPage>;
}
