import { defineModule } from '../../core/modules/module';
import { AuthSession, AuthThrottle, RefreshToken } from './auth-session.entity';
import { AuthResolver } from './auth.resolver';
import { IdentityPermission } from './identity.permissions';
import { Role } from './role.entity';
import { RoleResolver } from './role.resolver';
import { StaffUser } from './staff-user.entity';
import { StaffResolver } from './staff.resolver';

export const identityModule = defineModule({
  name: 'identity',
  entities: [StaffUser, Role, AuthSession, RefreshToken, AuthThrottle],
  resolvers: [AuthResolver, StaffResolver, RoleResolver],
  permissions: [IdentityPermission],
});
