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
    const to = js(raw);
    const hidden = prop.hidden || piiRegistry.has(`${meta.className}.${key}`);
    const from = changeSet.type === ChangeSetType.UPDATE ? js(original[key]) : undefined;
    fields[key] = hidden ? { ...(from !== undefined ? { from: REDACTED } : {}), to: REDACTED } : { ...(from !== undefined ? { from } : {}), to };
  }
  return fields;
}

/**
 * One mutation's audit entries, from what its flushes wrote: one per franchise whose
 * records changed (a franchise owner then finds HQ's changes to their records).
 */
export async function auditEntriesForChanges(ctx: RequestContext, operation: string, changeSets: ChangeSet<object>[]): Promise<void> {
  const actor = ctx.actor;
  const byFranchise = new Map<string, ChangeSet<object>[]>();
  for (const cs of changeSets) {
    if (cs.meta.className === AuditLog.name) continue;
    const franchiseId = ((cs.entity as { franchiseId?: string | null }).franchiseId ?? actor?.franchiseId)!;
    byFranchise.set(franchiseId, [...(byFranchise.get(franchiseId) ?? []), cs]);
  }
  if (byFranchise.size === 0 && actor) byFranchise.set(actor.franchiseId, []);
  for (const [franchiseId, sets] of byFranchise) {
    const changes: Record<string, Record<string, unknown>> = {};
    for (const cs of sets) {
      const id = [cs.getPrimaryKey()].flat().join(':');
      (changes[cs.meta.className] ??= {})[id] = { change: cs.type, fields: describeChange(cs, ctx.em.getPlatform()) };
    }
    const record = async () =>
      recordAudit(ctx.em, {
        actor,
        operation,
        franchiseId,
        targetType: sets[0]?.meta.className ?? null,
        targetIds: [...new Set(sets.map((cs) => [cs.getPrimaryKey()].flat().join(':')))],
        changes,
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
