import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { ConflictError, NotFoundError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { StockAlert, StockAlertKind } from './alert.entity';
import { now } from './inventory.time';
import { findWarehouse } from './warehouse.service';
import { warehouseScopeCondition } from './stock.service';

export interface RaiseAlert {
  franchiseId: string;
  kind: StockAlertKind;
  /** One alert per key and franchise: raising the same key again does nothing. */
  dedupeKey: string;
  message: string;
  warehouseId?: string | null;
  zoneId?: string | null;
  productId?: string | null;
  batchId?: string | null;
  subjectId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Records an alert and publishes `stock.alert` through the outbox in the caller's
 * transaction (live subscribers and the responsible person's bell hear of it once it
 * commits). Returns the new alert's id, or null when that key was raised before.
 */
export async function raiseAlert(ctx: Pick<RequestContext, 'em' | 'actor'>, alert: RaiseAlert): Promise<string | null> {
  const at = now();
  const [row] = await ctx.em.execute<{ id: string }[]>(
    `insert into stock_alert (id, franchise_id, kind, warehouse_id, zone_id, product_id, batch_id, subject_id, message, details, dedupe_key, version, created_at, updated_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 1, ?, ?)
     on conflict (franchise_id, dedupe_key) do nothing returning id`,
    [alert.franchiseId, alert.kind, alert.warehouseId ?? null, alert.zoneId ?? null, alert.productId ?? null, alert.batchId ?? null, alert.subjectId ?? null, alert.message, JSON.stringify(alert.details ?? {}), alert.dedupeKey, at, at],
  );
  if (!row) return null;
  await publishEvent(ctx, 'stock.alert', alert.franchiseId, { id: row.id, kind: alert.kind, warehouseId: alert.warehouseId ?? null });
  return row.id;
}

const ALERT_READ: ReadSpec<StockAlert> = { entity: StockAlert, always: ['id', 'franchiseId', 'warehouseId', 'zoneId', 'productId', 'batchId'] };

/** Alerts in the caller's part of the tree (their warehouses'; franchise-wide ones for franchise staff), newest first. */
export async function listAlerts(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await warehouseScopeCondition(ctx);
  return readPage(ctx.em, ALERT_READ, args, selection, { where: scope as FilterQuery<StockAlert>, defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
}

/** The alert, or null when not visible to the caller (another franchise's, or a warehouse outside their part of the tree). */
export async function findAlert(ctx: RequestContext, id: string): Promise<StockAlert | null> {
  const alert = await ctx.em.findOne(StockAlert, { id });
  if (!alert) return null;
  if (alert.warehouseId) return (await findWarehouse(ctx, alert.warehouseId)) ? alert : null;
  return 'warehouseId' in (await warehouseScopeCondition(ctx)) ? null : alert;
}

/** Someone has seen to it: acknowledged once, by whom and when. */
export async function acknowledgeAlert(ctx: RequestContext, id: string): Promise<StockAlert> {
  const actor = requireActor(ctx);
  const alert = await findAlert(ctx, id);
  if (!alert) throw new NotFoundError('Stock alert', id);
  if (alert.acknowledgedAt) throw new ConflictError(`This alert was acknowledged at ${alert.acknowledgedAt.toISOString()}`);
  alert.acknowledgedAt = now();
  alert.acknowledgedById = actor.kind === 'user' ? actor.id : null;
  await ctx.em.flush();
  return alert;
}

/** Who hears of an alert in their bell: the warehouse's responsible person. */
export async function alertRecipients(em: EntityManager, alert: Pick<StockAlert, 'warehouseId'>): Promise<string[]> {
  if (!alert.warehouseId) return [];
  const [row] = await em.execute<{ responsible_staff_id: string | null }[]>(`select responsible_staff_id from warehouse where id = ?`, [alert.warehouseId]);
  return row?.responsible_staff_id ? [row.responsible_staff_id] : [];
}
