import { LockMode, type FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, NotFoundError } from '../../core/errors';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { CaseChannel, CasePriority, CaseType } from '../cases/case.entity';
import { createCase } from '../cases/case.service';
import { StockAlertKind } from './alert.entity';
import { raiseAlert } from './alert.service';
import { now } from './inventory.time';
import { warehouseScopeCondition } from './stock.service';
import { ExcursionStatus, ReadingSource, StorageExcursion, StorageReading } from './storage.entity';
import { DEFAULT_EXCURSION_CASE_AFTER_MINUTES, InventorySettings, StorageZone, Warehouse } from './warehouse.entity';
import { findWarehouse, getZone } from './warehouse.service';
import { PEOPLE_NEEDS } from './documents.common';

/** Readings one call may post (a sensor gateway's batch). */
export const MAX_READINGS = 500;
/** A sensor's clock may run a little ahead of ours; beyond this a reading "from the future" is refused. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface ReadingInput {
  zoneId: string;
  recordedAt: Date;
  temperature?: number | null;
  humidity?: number | null;
  sensorId?: string | null;
  readingId?: string | null;
}

export interface RecordReadingsResult {
  accepted: number;
  duplicates: number;
  excursionsOpened: StorageExcursion[];
}

const num = (v: unknown) => (v == null ? null : Number(v));

function outOfRange(zone: StorageZone, r: { temperature?: number | null; humidity?: number | null }): boolean {
  const t = num(r.temperature);
  const h = num(r.humidity);
  return (t !== null && (t < Number(zone.temperatureMin) || t > Number(zone.temperatureMax))) || (h !== null && (h < Number(zone.humidityMin) || h > Number(zone.humidityMax)));
}

const limitsOf = (zone: StorageZone) => `${Number(zone.temperatureMin)}–${Number(zone.temperatureMax)} °C, ${Number(zone.humidityMin)}–${Number(zone.humidityMax)} %`;

function describeReading(r: { temperature?: number | null; humidity?: number | null }): string {
  return [r.temperature != null ? `${Number(r.temperature)} °C` : null, r.humidity != null ? `${Number(r.humidity)} %` : null].filter(Boolean).join(', ');
}

/** What identifies a reading for idempotency: the partner's id, else sensor + time, else zone + time (typed in). */
function sourceKeyOf(r: ReadingInput): string {
  if (r.readingId) return `id:${r.readingId}`;
  if (r.sensorId) return `sensor:${r.sensorId}@${r.recordedAt.toISOString()}`;
  return `manual:${r.zoneId}@${r.recordedAt.toISOString()}`;
}

/**
 * Records temperature / humidity readings (staff, or a sensor partner's batch): everything
 * is checked before anything is written; a reading seen before (same source key) is skipped.
 * New readings are applied per zone in time order: one out of the zone's limits opens an
 * excursion (the zone goes on hold, an alert is raised), one back within limits after the
 * last one out closes it; an excursion that lasted beyond the franchise's limit opens a case.
 */
export async function recordReadings(ctx: RequestContext, readings: readonly ReadingInput[]): Promise<RecordReadingsResult> {
  const actor = requireActor(ctx);
  if (!readings.length) throw new BadUserInputError({ field: 'readings', message: 'send at least one reading' });
  if (readings.length > MAX_READINGS) throw new BadUserInputError({ field: 'readings', message: `at most ${MAX_READINGS} readings per call` });
  const latest = now().getTime() + FUTURE_TOLERANCE_MS;
  const zones = new Map<string, StorageZone>();
  for (const [i, r] of readings.entries()) {
    const at = `readings.${i}`;
    if (r.temperature == null && r.humidity == null) throw new BadUserInputError({ field: at, message: 'a reading needs a temperature, a humidity or both' });
    if (r.temperature != null && (!Number.isFinite(r.temperature) || r.temperature < -60 || r.temperature > 80)) throw new BadUserInputError({ field: `${at}.temperature`, message: 'must be between -60 and 80 °C' });
    if (r.humidity != null && (!Number.isFinite(r.humidity) || r.humidity < 0 || r.humidity > 100)) throw new BadUserInputError({ field: `${at}.humidity`, message: 'must be between 0 and 100 %' });
    if (r.recordedAt.getTime() > latest) throw new BadUserInputError({ field: `${at}.recordedAt`, message: 'cannot be in the future' });
    if (!zones.has(r.zoneId)) zones.set(r.zoneId, await getZone(ctx, r.zoneId, 'Storage zone'));
  }
  const source = actor.kind === 'user' ? ReadingSource.MANUAL : ReadingSource.SENSOR;
  const inserted = await ctx.em.execute<{ id: string; zone_id: string; recorded_at: Date; temperature: string | null; humidity: string | null }[]>(
    `insert into storage_reading (id, franchise_id, warehouse_id, zone_id, recorded_at, temperature, humidity, source, sensor_id, reading_id, source_key, in_range, recorded_by_id, created_at)
     select gen_random_uuid(), x.franchise_id, x.warehouse_id, x.zone_id, x.recorded_at, x.temperature, x.humidity, ?, x.sensor_id, x.reading_id, x.source_key, x.in_range, ?, ?
       from jsonb_to_recordset(?::jsonb) as x(franchise_id uuid, warehouse_id uuid, zone_id uuid, recorded_at timestamptz, temperature numeric, humidity numeric,
            sensor_id text, reading_id text, source_key text, in_range boolean, ord int)
      order by x.ord
     on conflict (franchise_id, source_key) do nothing
     returning id, zone_id, recorded_at, temperature, humidity`,
    [
      source,
      actor.kind === 'user' ? actor.id : null,
      now(),
      JSON.stringify(
        readings.map((r, ord) => {
          const zone = zones.get(r.zoneId)!;
          return {
            franchise_id: zone.franchiseId,
            warehouse_id: zone.warehouseId,
            zone_id: zone.id,
            recorded_at: r.recordedAt.toISOString(),
            temperature: r.temperature ?? null,
            humidity: r.humidity ?? null,
            sensor_id: r.sensorId ?? null,
            reading_id: r.readingId ?? null,
            source_key: sourceKeyOf(r),
            in_range: !outOfRange(zone, r),
            ord,
          };
        }),
      ),
    ],
  );
  const opened: StorageExcursion[] = [];
  const byZone = new Map<string, typeof inserted>();
  for (const row of inserted) byZone.set(row.zone_id, [...(byZone.get(row.zone_id) ?? []), row]);
  for (const [zoneId, rows] of byZone) {
    rows.sort((a, b) => new Date(a.recorded_at).getTime() - new Date(b.recorded_at).getTime());
    const excursion = await applyReadings(ctx, zones.get(zoneId)!, rows.map((r) => ({ recordedAt: new Date(r.recorded_at), temperature: num(r.temperature), humidity: num(r.humidity) })));
    if (excursion) opened.push(excursion);
  }
  return { accepted: inserted.length, duplicates: readings.length - inserted.length, excursionsOpened: opened };
}

/** Applies a zone's new readings (time order) to its excursion; returns an excursion this opened. */
async function applyReadings(ctx: RequestContext, zone: StorageZone, readings: { recordedAt: Date; temperature: number | null; humidity: number | null }[]): Promise<StorageExcursion | null> {
  // One writer per zone at a time: two sensor batches must not both open an excursion.
  await ctx.em.execute(`select id from storage_zone where id = ? for update`, [zone.id]);
  let excursion = await ctx.em.findOne(StorageExcursion, { zoneId: zone.id, status: ExcursionStatus.OPEN }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  let openedHere: StorageExcursion | null = null;
  for (const r of readings) {
    if (outOfRange(zone, r)) {
      if (!excursion) {
        excursion = ctx.em.create(StorageExcursion, { franchiseId: zone.franchiseId, warehouseId: zone.warehouseId, zoneId: zone.id, startedAt: r.recordedAt, lastOutAt: r.recordedAt, limits: limitsOf(zone) });
        openedHere = excursion;
      }
      excursion.readingsOut += 1;
      if (r.recordedAt > excursion.lastOutAt) excursion.lastOutAt = r.recordedAt;
      if (r.recordedAt < excursion.startedAt) excursion.startedAt = r.recordedAt;
      const extremes = (min: 'minTemperature' | 'minHumidity', max: 'maxTemperature' | 'maxHumidity', v: number | null) => {
        if (v === null) return;
        excursion![min] = excursion![min] == null ? v : Math.min(Number(excursion![min]), v);
        excursion![max] = excursion![max] == null ? v : Math.max(Number(excursion![max]), v);
      };
      extremes('minTemperature', 'maxTemperature', r.temperature);
      extremes('minHumidity', 'maxHumidity', r.humidity);
    } else if (excursion && r.recordedAt > excursion.lastOutAt) {
      excursion.status = ExcursionStatus.CLOSED;
      excursion.endedAt = r.recordedAt;
      excursion = null;
    }
  }
  if (openedHere) {
    await ctx.em.flush();
    await holdZone(ctx, zone, openedHere);
  }
  const lastReadingAt = readings[readings.length - 1]!.recordedAt;
  if (excursion && excursion.status === ExcursionStatus.OPEN) await escalateIfOverdue(ctx, excursion, lastReadingAt > now() ? now() : lastReadingAt);
  await ctx.em.flush();
  return openedHere;
}

/** Puts the zone on hold (first expiry first skips it, shipping from it is refused) and raises the alert. */
async function holdZone(ctx: RequestContext, zone: StorageZone, excursion: StorageExcursion): Promise<void> {
  const reason = `温湿度超标（${excursion.limits}），${excursion.startedAt.toISOString()} 起`;
  await ctx.em.execute(`update storage_zone set on_hold = true, hold_reason = ?, version = version + 1, updated_at = ? where id = ?`, [reason, now(), zone.id]);
  await ctx.em.refresh(zone);
  const reading = { temperature: excursion.maxTemperature ?? excursion.minTemperature, humidity: excursion.maxHumidity ?? excursion.minHumidity };
  await raiseAlert(ctx, {
    franchiseId: zone.franchiseId,
    kind: StockAlertKind.EXCURSION,
    dedupeKey: `excursion:${excursion.id}`,
    warehouseId: zone.warehouseId,
    zoneId: zone.id,
    subjectId: excursion.id,
    message: `库区 ${zone.code}（${zone.name}）读数 ${describeReading(reading)} 超出限值 ${excursion.limits}，该库区库存已冻结，待人工放行。`,
    details: { startedAt: excursion.startedAt.toISOString(), limits: excursion.limits, ...reading },
  });
}

async function caseAfterMinutes(ctx: RequestContext, franchiseId: string): Promise<number> {
  const settings = await ctx.em.findOne(InventorySettings, { franchiseId });
  return settings?.excursionCaseAfterMinutes ?? DEFAULT_EXCURSION_CASE_AFTER_MINUTES;
}

/**
 * An open excursion that has lasted beyond the franchise's limit (as of `at`) gets a case
 * for the warehouse's responsible person, once, through the cases module.
 */
export async function escalateIfOverdue(ctx: RequestContext, excursion: StorageExcursion, at: Date): Promise<boolean> {
  if (excursion.caseId || excursion.status !== ExcursionStatus.OPEN) return false;
  const limit = await caseAfterMinutes(ctx, excursion.franchiseId);
  const minutes = (at.getTime() - excursion.startedAt.getTime()) / 60_000;
  if (minutes < limit) return false;
  const warehouse = await ctx.em.findOneOrFail(Warehouse, { id: excursion.warehouseId });
  const zone = await ctx.em.findOneOrFail(StorageZone, { id: excursion.zoneId });
  const subject = `${warehouse.name} 库区 ${zone.code} 温湿度超标已持续 ${Math.floor(minutes)} 分钟`;
  const c = await createCase(
    ctx,
    {
      type: CaseType.COMPLAINT,
      channel: CaseChannel.APP,
      orgUnitId: warehouse.orgUnitId,
      priority: CasePriority.URGENT,
      subject,
      description: `${subject}。限值 ${excursion.limits}；温度 ${excursion.minTemperature ?? '-'}～${excursion.maxTemperature ?? '-'} °C，湿度 ${excursion.minHumidity ?? '-'}～${excursion.maxHumidity ?? '-'} %。该库区库存已冻结，请检查设备、评估库存质量后放行或处理。`,
      tags: ['storage-excursion'],
    },
    warehouse.responsibleStaffId ? { ownerId: warehouse.responsibleStaffId } : {},
  );
  excursion.caseId = c.id;
  excursion.escalatedAt = at;
  await ctx.em.flush();
  await raiseAlert(ctx, {
    franchiseId: excursion.franchiseId,
    kind: StockAlertKind.EXCURSION_ESCALATED,
    dedupeKey: `excursion-case:${excursion.id}`,
    warehouseId: excursion.warehouseId,
    zoneId: excursion.zoneId,
    subjectId: excursion.id,
    message: `${subject}，已开工单 ${c.caseNo}。`,
    details: { caseId: c.id, caseNo: c.caseNo, minutes: Math.floor(minutes) },
  });
  return true;
}

/** Open excursions past their franchise's limit (the every-minute job): each gets its case. */
export async function escalateOverdueExcursions(ctx: RequestContext, at: Date = now()): Promise<number> {
  const overdue = await ctx.em.execute<{ id: string }[]>(
    `select e.id from storage_excursion e left join inventory_settings s on s.franchise_id = e.franchise_id
      where e.status = 'OPEN' and e.case_id is null
        and e.started_at <= ?::timestamptz - make_interval(mins => coalesce(s.excursion_case_after_minutes, ?))
      order by e.started_at limit 100`,
    [at, DEFAULT_EXCURSION_CASE_AFTER_MINUTES],
  );
  let opened = 0;
  for (const { id } of overdue) {
    const excursion = await ctx.em.findOne(StorageExcursion, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (excursion && (await escalateIfOverdue(ctx, excursion, at))) opened++;
  }
  return opened;
}

/**
 * A person releases a zone held after an excursion: only once readings are back within
 * limits (the excursion closed), with a note of what was checked. Its stock is reserved and
 * picked again.
 */
export async function releaseZone(ctx: RequestContext, input: { id: string; version?: number | null; note: string }): Promise<StorageZone> {
  const actor = requireActor(ctx);
  const zone = await getZone(ctx, input.id);
  if (input.version != null && input.version !== zone.version) throw new ConflictError(`Storage zone ${zone.code} was changed by someone else (version ${zone.version}, you had ${input.version}); reload it and try again`);
  if (!zone.onHold) throw new ConflictError(`Zone ${zone.code} is not on hold`);
  const open = await ctx.em.findOne(StorageExcursion, { zoneId: zone.id, status: ExcursionStatus.OPEN });
  if (open) throw new ConflictError(`Zone ${zone.code} is still out of its limits (since ${open.startedAt.toISOString()}); it can be released once readings are back within ${open.limits}`, { reason: 'EXCURSION_OPEN', excursionId: open.id });
  const note = input.note.trim();
  if (!note) throw new BadUserInputError({ field: 'note', message: 'say what was checked before releasing' });
  const at = now();
  await ctx.em.nativeUpdate(StorageExcursion, { zoneId: zone.id, status: ExcursionStatus.CLOSED, releasedAt: null }, { releasedAt: at, releasedById: actor.kind === 'user' ? actor.id : null, releaseNote: note });
  zone.onHold = false;
  zone.holdReason = null;
  await ctx.em.flush();
  return zone;
}

// ---------------------------------------------------------------------------- reads

const EXCURSION_READ: ReadSpec<StorageExcursion> = { entity: StorageExcursion, always: ['id', 'franchiseId', 'warehouseId', 'zoneId', 'caseId'], needs: PEOPLE_NEEDS };

export async function listExcursions(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await warehouseScopeCondition(ctx);
  return readPage(ctx.em, EXCURSION_READ, args, selection, { where: scope as FilterQuery<StorageExcursion>, defaultSort: [{ field: 'startedAt', direction: SortDirection.DESC }] });
}

const READING_READ: ReadSpec<StorageReading> = { entity: StorageReading, always: ['id', 'franchiseId', 'zoneId'] };

export async function listReadings(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await warehouseScopeCondition(ctx);
  return readPage(ctx.em, READING_READ, args, selection, { where: scope as FilterQuery<StorageReading>, defaultSort: [{ field: 'recordedAt', direction: SortDirection.DESC }] });
}

export interface ReadingBucket {
  bucketStart: Date;
  readings: number;
  minTemperature: number | null;
  avgTemperature: number | null;
  maxTemperature: number | null;
  minHumidity: number | null;
  avgHumidity: number | null;
  maxHumidity: number | null;
  outOfRange: number;
}

/** Longest range a chart may ask for, and the most buckets it gets. */
const MAX_RANGE_DAYS = 92;
const MAX_BUCKETS = 2000;

/**
 * A zone's readings for a chart: one row per bucket of `bucketMinutes` in [from, to), with
 * min / average / max of each measure and how many readings were out of limits. One statement.
 */
export async function readingSeries(ctx: RequestContext, args: { zoneId: string; from: Date; to: Date; bucketMinutes?: number | null }): Promise<ReadingBucket[]> {
  const zone = await getZone(ctx, args.zoneId);
  if (args.to <= args.from) throw new BadUserInputError({ field: 'to', message: 'must be after from' });
  const rangeMinutes = (args.to.getTime() - args.from.getTime()) / 60_000;
  if (rangeMinutes > MAX_RANGE_DAYS * 1440) throw new BadUserInputError({ field: 'to', message: `a chart covers at most ${MAX_RANGE_DAYS} days` });
  const bucket = args.bucketMinutes ?? Math.max(1, Math.ceil(rangeMinutes / 200));
  if (!Number.isInteger(bucket) || bucket < 1) throw new BadUserInputError({ field: 'bucketMinutes', message: 'must be a whole number of minutes, at least 1' });
  if (rangeMinutes / bucket > MAX_BUCKETS) throw new BadUserInputError({ field: 'bucketMinutes', message: `too fine for this range: at most ${MAX_BUCKETS} buckets` });
  const rows = await ctx.em.execute<Record<string, string | null>[]>(
    `select to_timestamp(floor(extract(epoch from recorded_at - ?::timestamptz) / ?) * ? + extract(epoch from ?::timestamptz)) as bucket_start,
            count(*)::int as readings, min(temperature)::float8 as min_t, avg(temperature)::float8 as avg_t, max(temperature)::float8 as max_t,
            min(humidity)::float8 as min_h, avg(humidity)::float8 as avg_h, max(humidity)::float8 as max_h, count(*) filter (where not in_range)::int as out_of_range
       from storage_reading where zone_id = ? and recorded_at >= ? and recorded_at < ?
      group by 1 order by 1`,
    [args.from, bucket * 60, bucket * 60, args.from, zone.id, args.from, args.to],
  );
  const round = (v: string | null | undefined) => (v == null ? null : Math.round(Number(v) * 100) / 100);
  return rows.map((r) => ({
    bucketStart: new Date(r.bucket_start!),
    readings: Number(r.readings),
    minTemperature: round(r.min_t),
    avgTemperature: round(r.avg_t),
    maxTemperature: round(r.max_t),
    minHumidity: round(r.min_h),
    avgHumidity: round(r.avg_h),
    maxHumidity: round(r.max_h),
    outOfRange: Number(r.out_of_range),
  }));
}

/** The excursion, or null when not visible. */
export async function findExcursion(ctx: RequestContext, id: string): Promise<StorageExcursion | null> {
  const excursion = await ctx.em.findOne(StorageExcursion, { id });
  return excursion && (await findWarehouse(ctx, excursion.warehouseId)) ? excursion : null;
}

export async function getExcursion(ctx: RequestContext, id: string): Promise<StorageExcursion> {
  const excursion = await findExcursion(ctx, id);
  if (!excursion) throw new NotFoundError('Storage excursion', id);
  return excursion;
}
