import { AuditLog } from './audit/audit-log.entity';
import { AuditPermission } from './audit/audit.permissions';
import { AuditResolver } from './audit/audit.resolver';
import { defineModule } from './modules/module';
import { NumberingSequence } from './numbering/numbering-sequence.entity';
import { FranchisePlugin } from './plugins/franchise-plugin.entity';
import { PluginPermission } from './plugins/plugin.permissions';
import { TenantEntity } from './tenancy/tenant-entity';

/** What core itself brings: the tenant base entity, the audit log, numbering, plugin enablements. */
export const coreModule = defineModule({
  name: 'core',
  entities: [TenantEntity, AuditLog, NumberingSequence, FranchisePlugin],
  resolvers: [AuditResolver],
  permissions: [AuditPermission, PluginPermission],
});
