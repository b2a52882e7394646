import { defineModule } from '../../core/modules/module';
import { OrgUnit } from './org-unit.entity';
import { OrgPermission } from './org.permissions';
import { OrgResolver } from './org.resolver';

export const orgModule = defineModule({
  name: 'org',
  entities: [OrgUnit],
  resolvers: [OrgResolver],
  permissions: [OrgPermission],
});
