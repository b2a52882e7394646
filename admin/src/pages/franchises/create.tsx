import { CreatePage } from '../../components/crud';
import { FranchiseFields } from './form';

export function FranchiseCreate() {
  return <CreatePage resource="franchises" mutation="CreateFranchise" inputKey="franchise"><FranchiseFields creating /></CreatePage>;
}
