import { EditPage } from '../../components/crud';
import { FRANCHISE_FIELDS, FranchiseFields } from './form';

export function FranchiseEdit() {
  return <EditPage resource="franchises" query="Franchise" mutation="UpdateFranchise" fields={FRANCHISE_FIELDS}><FranchiseFields creating={false} /></EditPage>;
}
