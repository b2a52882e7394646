import { AuditResolver } from './core/audit/audit.resolver';
import { ApiKeyResolver } from './modules/api-keys/api-key.resolver';
import { CustomerResolver } from './modules/customers/customer.resolver';
import { AuthResolver } from './modules/identity/auth.resolver';
import { RoleResolver } from './modules/identity/role.resolver';
import { StaffResolver } from './modules/identity/staff.resolver';
import { OrgResolver } from './modules/org/org.resolver';
import { SystemResolver } from './modules/system/system.resolver';

/** Every resolver class of the API. Modules add theirs here. */
export const resolvers = [SystemResolver, AuthResolver, OrgResolver, StaffResolver, RoleResolver, ApiKeyResolver, AuditResolver, CustomerResolver] as const;
