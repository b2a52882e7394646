import { EditPage } from '../../components/crud';
import { ORG_UNIT_FIELDS, OrgUnitFields } from './form';

export function OrgUnitEdit() {
  return <EditPage resource="orgUnits" query="OrgUnit" mutation="UpdateOrgUnit" fields={ORG_UNIT_FIELDS}><OrgUnitFields creating={false} /></EditPage>;
}
