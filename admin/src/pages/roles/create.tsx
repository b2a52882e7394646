import { CreatePage } from '../../components/crud';
import { RoleFields } from './form';

export function RoleCreate() {
  return <CreatePage resource="roles" mutation="CreateRole" inputKey="role"><RoleFields /></CreatePage>;
}
