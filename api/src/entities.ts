import { ApiKey, ApiKeyUsage } from './modules/api-keys/api-key.entity';
import { AuditLog } from './core/audit/audit-log.entity';
import { AuthSession, AuthThrottle, RefreshToken } from './modules/identity/auth-session.entity';
import { Role } from './modules/identity/role.entity';
import { StaffUser } from './modules/identity/staff-user.entity';
import { OrgUnit } from './modules/org/org-unit.entity';
import { TenantEntity } from './core/tenancy/tenant-entity';
import { NumberingSequence } from './core/numbering/numbering-sequence.entity';
import { Customer } from './modules/customers/customer.entity';
import { CareTask, CustomerEvent, CustomerSpendMonth } from './modules/customers/customer-records.entity';
import { Case, CaseActivity, CaseMessage } from './modules/cases/case.entity';
import { BusinessCalendar, CaseSlaClock, SlaPolicy } from './modules/cases/sla.entity';
import { AgentPresence, CaseSettings, CaseView, DepartmentFeedback } from './modules/cases/queue.entity';
import { CaseArticleLink, KnowledgeArticle } from './modules/knowledge/knowledge.entity';
import { SatisfactionRequest } from './modules/surveys/satisfaction-request.entity';
import { FranchisePlugin } from './core/plugins/franchise-plugin.entity';
import { NotificationMessage, NotificationOptOut, NotificationSettings, NotificationTemplate } from './modules/notifications/notification.entity';

/**
 * Every MikroORM entity of the API, in one list (explicit, so discovery never scans folders).
 * Modules add their entities here.
 */
export const entities: Function[] = [
  TenantEntity,
  OrgUnit,
  StaffUser,
  Role,
  AuthSession,
  RefreshToken,
  AuthThrottle,
  ApiKey,
  ApiKeyUsage,
  AuditLog,
  NumberingSequence,
  Customer,
  CustomerEvent,
  CustomerSpendMonth,
  CareTask,
  Case,
  CaseMessage,
  CaseActivity,
  BusinessCalendar,
  SlaPolicy,
  CaseSlaClock,
  CaseView,
  AgentPresence,
  CaseSettings,
  DepartmentFeedback,
  KnowledgeArticle,
  CaseArticleLink,
  SatisfactionRequest,
  FranchisePlugin,
  NotificationTemplate,
  NotificationMessage,
  NotificationSettings,
  NotificationOptOut,
];
