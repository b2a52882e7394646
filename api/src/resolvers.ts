import { AuditResolver } from './core/audit/audit.resolver';
import { ApiKeyResolver } from './modules/api-keys/api-key.resolver';
import { CustomerResolver } from './modules/customers/customer.resolver';
import { CaseResolver } from './modules/cases/case.resolver';
import { AgentPresenceResolver, CaseQueueResolver } from './modules/cases/queue.resolver';
import { AuthResolver } from './modules/identity/auth.resolver';
import { RoleResolver } from './modules/identity/role.resolver';
import { StaffResolver } from './modules/identity/staff.resolver';
import { KnowledgeResolver } from './modules/knowledge/knowledge.resolver';
import { OrgResolver } from './modules/org/org.resolver';
import { SystemResolver } from './modules/system/system.resolver';
import { PluginResolver } from './modules/plugins/plugin.resolver';
import { NotificationMessageResolver, NotificationTemplateResolver } from './modules/notifications/notification.resolver';

/** Every resolver class of the API. Modules add theirs here. */
export const resolvers = [SystemResolver, AuthResolver, OrgResolver, StaffResolver, RoleResolver, ApiKeyResolver, AuditResolver, CustomerResolver, CaseResolver, CaseQueueResolver, AgentPresenceResolver, KnowledgeResolver, PluginResolver, NotificationTemplateResolver, NotificationMessageResolver] as const;
