import { CreatePage } from '../../components/crud';
import { StaffFields } from './form';

export function StaffCreate() {
  return <CreatePage resource="staffUsers" mutation="CreateStaffUser" inputKey="staffUser"><StaffFields creating /></CreatePage>;
}
