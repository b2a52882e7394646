import type { AccessControlProvider } from '@refinedev/core';
import { can, loadMe } from './me';

type Action = 'list' | 'show' | 'create' | 'edit' | 'delete' | string;

/**
 * The permission each resource action needs (the API checks the same ones). A resource missing
 * here falls back to its `meta.permission` (plugin resources).
 */
export const RESOURCE_PERMISSIONS: Record<string, Partial<Record<Action, string>> & { default?: string }> = {
  dashboard: {},
  board: { default: 'case:read', claim: 'case:work', assign: 'case:assign', saveView: 'case:read', shareView: 'case:manage' },
  cases: { default: 'case:read', create: 'case:write', edit: 'case:write', claim: 'case:work', assign: 'case:assign', escalate: 'case:escalate', reply: 'case:work' },
  orderGroup: { default: 'order:read' },
  orders: { default: 'order:read', create: 'order:write', write: 'order:write', quality: 'order:quality' },
  orderKpis: { default: 'order:quality' },
  orderReview: { default: 'order:review' },
  orderShipping: { default: 'order:fulfil' },
  quickOrder: { default: 'order:write' },
  customers: { default: 'customer:read', create: 'customer:write', edit: 'customer:write', pii: 'customer:pii' },
  franchises: { default: 'franchise:manage' },
  orgUnits: { default: 'org:manage', list: 'org:manage' },
  teams: { default: 'org:manage', list: 'org:manage' },
  staffUsers: { default: 'staff:read', create: 'staff:manage', edit: 'staff:manage', delete: 'staff:manage' },
  roles: { default: 'role:read', create: 'role:manage', edit: 'role:manage', delete: 'role:manage' },
  apiKeys: { default: 'apikey:manage' },
  auditLogs: { default: 'audit:read' },
  sla: { default: 'sla:manage' },
  plugins: { default: 'plugin:manage' },
  deadLetters: { default: 'events:manage' },
  stocktakes: { default: 'stocktake:count', manage: 'stocktake:manage' },
  requisitions: { default: 'inventory:read', create: 'stock:write', work: 'stock:write', approve: 'stock:approve' },
  destructions: { default: 'inventory:read', create: 'stock:write', destroy: 'stock:write', approve: 'stock:approve' },
  storage: { default: 'inventory:read', release: 'stock:write' },
  recalls: { default: 'recall:contact', contact: 'recall:contact', start: 'stock:recall' },
  purchaseRequests: { default: 'inventory:read', inspect: 'purchase:inspect' },
  returns: { default: 'return:read', create: 'return:request' },
  appointmentGroup: { default: 'appointment:read' },
  appointmentCalendar: { default: 'appointment:read', book: 'appointment:book' },
  appointments: { default: 'appointment:read' },
  appointmentNextDay: { default: 'appointment:read' },
  doctors: { default: 'appointment:read', manage: 'schedule:manage', verify: 'practitioner:verify' },
  journeyBoard: { default: 'test:read', create: 'test:prescribe' },
  journeyReview: { default: 'test:lab' },
  callbackGroup: { default: 'survey:read' },
  callbackDesk: { default: 'callback:work' },
  callbackRules: { default: 'callback:work', edit: 'callback:rules' },
  surveyTemplates: { default: 'survey:read', create: 'survey:template', edit: 'survey:template' },
  satisfactionFigures: { default: 'survey:report' },
  satisfactionAnalyses: { default: 'analysis:read', create: 'analysis:write', edit: 'analysis:write' },
  improvementActions: { default: 'analysis:read' },
  quarterlyRounds: { default: 'quarterly:manage' },
  myQuarterly: { default: 'quarterly:answer' },
  thirdPartyProjects: { default: 'survey:projects' },
  qualityGroup: { default: 'quality:own' },
  qaWorkspace: { default: 'quality:review' },
  qaMine: { default: 'quality:own' },
  appraisalPlans: { default: 'appraisal:own', edit: 'appraisal:plan' },
  appraisalCycles: { default: 'appraisal:manage' },
  myAppraisals: { default: 'appraisal:own' },
  calls: { default: 'call:read', review: 'call:review' },
  callKpis: { default: 'call:report' },
  callWall: { default: 'call:monitor' },
  outboundPlans: { default: 'outbound:manage' },
  outboundMine: { default: 'outbound:work' },
  reportGroup: { default: 'report:read' },
  reports: { default: 'report:read' },
  commonQuestions: { default: 'report:read' },
  inventory: { default: 'inventory:read' },
  stockBalances: { default: 'inventory:read' },
  stockMoves: { default: 'inventory:read' },
  batches: { default: 'inventory:read', hold: 'stock:write', recall: 'stock:recall' },
  products: { default: 'inventory:read', create: 'catalog:manage', edit: 'catalog:manage' },
  warehouses: { default: 'inventory:read', create: 'warehouse:manage', edit: 'warehouse:manage' },
  notificationMessages: { default: 'notification:read', retry: 'notification:manage' },
  notificationTemplates: { default: 'notification:read', edit: 'notification:manage' },
};

export function permissionFor(resource: string | undefined, action: Action, metaPermission?: string): string | undefined {
  const entry = resource ? RESOURCE_PERMISSIONS[resource] : undefined;
  if (!entry) return metaPermission;
  return entry[action] ?? entry.default;
}

/** `can` from `me { permissions }`: menus, buttons and routes a user may not use are hidden. */
export const accessControlProvider: AccessControlProvider = {
  can: async ({ resource, action, params }) => {
    const me = await loadMe().catch(() => undefined);
    if (!me) return { can: false };
    const permission = permissionFor(resource, action, (params?.resource?.meta as { permission?: string } | undefined)?.permission);
    return can(me, permission) ? { can: true } : { can: false, reason: permission };
  },
  options: { buttons: { enableAccessControl: true, hideIfUnauthorized: true } },
};
