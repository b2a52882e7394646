import type { ChangeSet, EntityManager, EntityProperty, Platform } from '@mikro-orm/postgresql';
import { ChangeSetType } from '@mikro-orm/core';
import type { Actor } from '../auth/actor';
import { piiRegistry } from '../auth/pii';
import type { RequestContext } from '../context';
import { type ListArgs } from '../graphql/list';
import { SortDirection } from '../graphql/sorting';
import { ActorType, AuditLog } from './audit-log.entity';
import { readPage, type ReadSpec } from '../read/page';
import type { Selection } from '../read/selection';
import { asFranchise, canSeeFranchise } from '../tenancy/scope';

export interface AuditEntryInput {
  actor: Actor | null;
  operation: string;
  franchiseId: string;
  targetType?: string | null;
  targetIds?: string[];
  changes?: Record<string, unknown>;
  requestId?: string;
}

/** Adds an audit entry to the unit of work of `em` (written with its flush, in its transaction). */
export function recordAudit(em: EntityManager, entry: AuditEntryInput): AuditLog {
  return em.create(AuditLog, {
    franchiseId: entry.franchiseId,
    actorType: !entry.actor ? ActorType.SYSTEM : entry.actor.kind === 'user' ? ActorType.USER : ActorType.API_KEY,
    actorId: entry.actor?.id ?? null,
    actorLabel: entry.actor?.label ?? 'system',
    scopeOrgUnitId: entry.actor?.orgUnitId ?? null,
    operation: entry.operation,
    targetType: entry.targetType ?? null,
    targetIds: entry.targetIds ?? [],
    changes: entry.changes ?? {},
    requestId: entry.requestId ?? null,
  });
}

const REDACTED = '[redacted]';

/** A row written outside the unit of work, described as a flushed change would be (`fields`: entity properties, JS values). */
export interface WrittenChange {
  className: string;
  id: string;
  franchiseId: string;
  /** As a change set's type: create, update, delete. */
  type: string;
  fields: Record<string, { from?: unknown; to?: unknown }>;
}

const isWritten = (change: ChangeSet<object> | WrittenChange): change is WrittenChange => !('meta' in change);

/** Personal data and secrets of `className` shown as redacted. */
function redacted(className: string, key: string, hidden: boolean | undefined, change: { from?: unknown; to?: unknown }) {
  if (!hidden && !piiRegistry.has(`${className}.${key}`)) return change;
  return { ...('from' in change ? { from: REDACTED } : {}), to: REDACTED };
}

/** Field changes of one flushed change set, personal data and secrets redacted. */
function describeChange(changeSet: ChangeSet<object>, platform: Platform): Record<string, { from?: unknown; to?: unknown }> {
  const meta = changeSet.meta;
  const fields: Record<string, { from?: unknown; to?: unknown }> = {};
  const original = (changeSet.originalEntity ?? {}) as Record<string, unknown>;
  for (const [key, raw] of Object.entries(changeSet.payload as Record<string, unknown>)) {
    const prop = (meta.properties as Record<string, EntityProperty>)[key];
    if (!prop || prop.version || key === 'updatedAt' || key === 'createdAt') continue;
    // Payload and snapshot hold database values (e.g. '{vip}' for a text[]); show them as the API does.
    const js = (value: unknown) => (prop.customType && typeof value === 'string' ? prop.customType.convertToJSValue(value, platform) : value);
    const from = changeSet.type === ChangeSetType.UPDATE ? js(original[key]) : undefined;
    fields[key] = redacted(meta.className, key, prop.hidden, { ...(from !== undefined ? { from } : {}), to: js(raw) });
  }
  return fields;
}

/** Any change, flushed or written with plain SQL, as the audit entry shows it. */
function asWritten(change: ChangeSet<object> | WrittenChange, ctx: RequestContext): WrittenChange {
  if (isWritten(change))
    return { ...change, fields: Object.fromEntries(Object.entries(change.fields).map(([key, c]) => [key, redacted(change.className, key, false, c)])) };
  return {
    className: change.meta.className,
    id: [change.getPrimaryKey()].flat().join(':'),
    franchiseId: ((change.entity as { franchiseId?: string | null }).franchiseId ?? ctx.actor?.franchiseId)!,
    type: change.type,
    fields: describeChange(change, ctx.em.getPlatform()),
  };
}

/**
 * One mutation's audit entries, from what its flushes (and set-based writes) wrote: one per franchise whose
 * records changed (a franchise owner then finds HQ's changes to their records).
 */
export async function auditEntriesForChanges(ctx: RequestContext, operation: string, written: (ChangeSet<object> | WrittenChange)[]): Promise<void> {
  const actor = ctx.actor;
  const byFranchise = new Map<string, WrittenChange[]>();
  for (const change of written) {
    if (!isWritten(change) && change.meta.className === AuditLog.name) continue;
    const c = asWritten(change, ctx);
    byFranchise.set(c.franchiseId, [...(byFranchise.get(c.franchiseId) ?? []), c]);
  }
  if (byFranchise.size === 0 && actor) byFranchise.set(actor.franchiseId, []);
  for (const [franchiseId, changes] of byFranchise) {
    const byType: Record<string, Record<string, unknown>> = {};
    for (const c of changes) (byType[c.className] ??= {})[c.id] = { change: c.type, fields: c.fields };
    const record = async () =>
      recordAudit(ctx.em, {
        actor,
        operation,
        franchiseId,
        targetType: changes[0]?.className ?? null,
        targetIds: [...new Set(changes.map((c) => c.id))],
        changes: byType,
        requestId: ctx.requestId,
      });
    // A change a service made in another franchise's tenant (the other leg of a transfer) is audited there, in that tenant's scope.
    if (canSeeFranchise(ctx.scope, franchiseId)) await record();
    else await asFranchise(ctx.em, franchiseId, record);
  }
}

/** Audit entries as plain rows (the read path). */
const AUDIT_READ: ReadSpec<AuditLog> = { entity: AuditLog, always: ['id', 'franchiseId'] };

export function listAuditLogs(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, AUDIT_READ, args, selection, { defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
}

/** One audit entry per entity type whose personal data this operation showed unmasked. */
export function auditPiiReads(ctx: RequestContext, operation: string): void {
  if (!ctx.actor) return;
  for (const [entity, ids] of ctx.piiReads) {
    recordAudit(ctx.em, { actor: ctx.actor, operation: `read personal data (${operation})`, franchiseId: ctx.actor.franchiseId, targetType: entity, targetIds: [...ids], requestId: ctx.requestId });
  }
  ctx.piiReads.clear();
}
