import { CreatePage } from '../../components/crud';
import { OrgUnitFields } from './form';

export function OrgUnitCreate() {
  return <CreatePage resource="orgUnits" mutation="CreateOrgUnit" inputKey="orgUnit"><OrgUnitFields creating /></CreatePage>;
}
