import { raw, RawQueryFragment, type FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import type { FieldComparison } from '../../core/graphql/filters';
import { filterToQuery, type FilterInput, type ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { embedById, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { customerEmbed } from '../customers/customer.queries';
import { staffEmbed } from '../identity/staff.queries';
import { orgUnitEmbed } from '../org/org.queries';
import { scopedOrgUnitIds } from '../org/org.service';
import { Appointment, HealthService } from './appointment.entity';

/**
 * The appointments read path: a page (the calendar, the search) as plain rows with the columns
 * the request selects, the customer, doctor, store and service embedded in the page's one statement.
 */

const SERVICE_READ: ReadSpec<HealthService> = { entity: HealthService, always: ['id', 'franchiseId'] };

export function appointmentReadSpec(ctx: RequestContext): ReadSpec<Appointment> {
  return {
    entity: Appointment,
    always: ['id', 'franchiseId', 'customerId', 'doctorId', 'storeId', 'serviceId', 'rescheduledFromId', 'rescheduledToId'],
    embeds: {
      customer: customerEmbed(ctx, 'customer_id'),
      doctor: staffEmbed(ctx, 'doctor_id'),
      store: orgUnitEmbed(ctx, 'store_id'),
      service: embedById(SERVICE_READ, 'health_service', 'service_id'),
    },
  };
}

// ---------------------------------------------------------------------------- search

/**
 * `customer`: the customer's name, phone, member card, email or record number, exactly (`eq`)
 * or as a pattern (`iLike` / `like`, as the list's search box sends `%text%`).
 */
function customerCondition(c: FieldComparison<string>): Record<string, unknown> {
  const exact = c.eq?.trim();
  const pattern = (c.iLike ?? c.like)?.trim();
  if (!exact && !pattern) return {};
  const test = exact
    ? `(c.name = ? or c.phone = ? or c.member_card_no = ? or c.email = ? or c.record_no = ?)`
    : `(c.name ilike ? or c.phone like ? or c.member_card_no ilike ? or c.email ilike ? or c.record_no ilike ?)`;
  const value = exact ?? pattern!;
  return { [raw((a: string) => `exists (select 1 from customer c where c.id = ${a}.customer_id and ${test})`, [value, value, value, value, value])]: true };
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const TIME_OPS = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** `timeOfDay`: the local start time at the store (HH:MM in its zone), e.g. { gte: "09:00", lt: "12:00" } for the morning. */
function timeOfDayCondition(c: FieldComparison<string>): Record<string, unknown> {
  const check = (v: string) => {
    if (!TIME_OF_DAY.test(v)) throw new BadUserInputError({ field: 'filter.timeOfDay', message: `${v} is not a time of day (HH:MM)`, reason: 'INVALID_TIME', params: { value: v } });
    return v;
  };
  const local = (a: string) => `(${a}.starts_at at time zone (select s.time_zone from org_unit s where s.id = ${a}.store_id))::time`;
  const parts: Record<string, unknown>[] = [];
  for (const [op, sql] of Object.entries(TIME_OPS)) {
    const v = c[op as keyof typeof TIME_OPS];
    if (v != null) parts.push({ [raw((a: string) => `(${local(a)} ${sql} ?::time)`, [check(v)])]: true });
  }
  if (c.between) parts.push({ [raw((a: string) => `(${local(a)} between ?::time and ?::time)`, [check(c.between.lower), check(c.between.upper)])]: true });
  return parts.length ? { $and: parts } : {};
}

export const appointmentFilters = { customer: customerCondition, timeOfDay: timeOfDayCondition };

/** Appointments at stores in the caller's part of the org tree (null: everywhere). */
async function scopeCondition(ctx: RequestContext): Promise<FilterQuery<Appointment>> {
  const stores = await scopedOrgUnitIds(ctx);
  return (stores ? { storeId: { $in: stores } } : {}) as FilterQuery<Appointment>;
}

/** `appointments(filter, sorting, paging)`: at stores in the caller's part of the org tree; soonest first by default. */
export async function listAppointments(ctx: RequestContext, args: ListArgs, where: FilterQuery<Appointment> = {}, selection: Selection | null = null) {
  const scope = await scopeCondition(ctx);
  // The search's raw conditions serve the page and its count (two statements built from one filter):
  // inside run() MikroORM keeps each fragment until both are built.
  return RawQueryFragment.run(() =>
    readPage(ctx.em, appointmentReadSpec(ctx), args, selection, {
      where: { ...(scope as object), ...(where as object) } as FilterQuery<Appointment>,
      customFilters: appointmentFilters,
      defaultSort: [{ field: 'startsAt', direction: SortDirection.ASC }, { field: 'appointmentNo', direction: SortDirection.ASC }],
    }),
  );
}

/** `appointment(id)`: null when not visible. */
export async function readAppointment(ctx: RequestContext, id: string, selection: Selection | null = null): Promise<Appointment | null> {
  const page = await listAppointments(ctx, { paging: { limit: 1, offset: 0 } }, { id }, selection);
  return (page.nodes[0] as Appointment | undefined) ?? null;
}

// ---------------------------------------------------------------------------- statistics

export enum AppointmentStatsDimension {
  STORE = 'STORE',
  DOCTOR = 'DOCTOR',
  DATE = 'DATE',
  HOUR = 'HOUR',
}

export interface AppointmentStatsRow {
  storeId: string | null;
  storeName: string | null;
  doctorId: string | null;
  doctorName: string | null;
  date: string | null;
  hour: number | null;
  total: number;
  active: number;
  completed: number;
  cancelled: number;
  noShow: number;
  rescheduled: number;
}

/**
 * Counts of the appointments the filter selects (the search's own conditions and scope), grouped
 * by store, doctor, local date and / or local hour (in each store's zone): one statement.
 * Rescheduled ones count once, as their new appointment (the old row is RESCHEDULED).
 */
export async function appointmentStatistics(ctx: RequestContext, filter: FilterInput | null | undefined, by: AppointmentStatsDimension[]): Promise<AppointmentStatsRow[]> {
  const dims = [...new Set(by)];
  if (!dims.length) throw new BadUserInputError({ field: 'by', message: 'group by at least one of STORE, DOCTOR, DATE, HOUR', reason: 'REQUIRED' });
  const where = { $and: [await scopeCondition(ctx), filterToQuery<Appointment>(filter, {}, appointmentFilters)] } as FilterQuery<Appointment>;
  const inner = ctx.em
    .createQueryBuilder(Appointment, 'e0')
    .select(raw(`e0.store_id, e0.doctor_id, e0.status, e0.starts_at at time zone (select s.time_zone from org_unit s where s.id = e0.store_id) as local_start`))
    .where(where as never);
  await inner.applyFilters();
  const q = inner.getKnexQuery().toSQL();
  const keys: Record<AppointmentStatsDimension, { select: string; group: string; order: string }> = {
    STORE: { select: 'x.store_id as "storeId", st.name as "storeName"', group: 'x.store_id, st.name', order: 'st.name, x.store_id' },
    DOCTOR: { select: 'x.doctor_id as "doctorId", d.display_name as "doctorName"', group: 'x.doctor_id, d.display_name', order: 'd.display_name, x.doctor_id' },
    DATE: { select: `to_char(x.local_start, 'YYYY-MM-DD') as "date"`, group: `to_char(x.local_start, 'YYYY-MM-DD')`, order: '"date"' },
    HOUR: { select: 'extract(hour from x.local_start)::int as "hour"', group: 'extract(hour from x.local_start)::int', order: '"hour"' },
  };
  const chosen = dims.map((d) => keys[d]);
  const count = (statuses: string[]) => `count(*) filter (where x.status in (${statuses.map((s) => `'${s}'`).join(', ')}))::int`;
  const rows = await ctx.em.execute<AppointmentStatsRow[]>(
    `select ${chosen.map((k) => k.select).join(', ')},
            count(*) filter (where x.status <> 'RESCHEDULED')::int as total,
            ${count(['REQUESTED', 'CONFIRMED', 'CHECKED_IN'])} as active,
            ${count(['COMPLETED'])} as completed,
            ${count(['CANCELLED'])} as cancelled,
            ${count(['NO_SHOW'])} as "noShow",
            ${count(['RESCHEDULED'])} as rescheduled
       from (${q.sql}) x
       ${dims.includes(AppointmentStatsDimension.STORE) ? 'left join org_unit st on st.id = x.store_id' : ''}
       ${dims.includes(AppointmentStatsDimension.DOCTOR) ? 'left join staff_user d on d.id = x.doctor_id' : ''}
      group by ${chosen.map((k) => k.group).join(', ')}
      order by ${chosen.map((k) => k.order).join(', ')}`,
    q.bindings as never[],
  );
  const none = { storeId: null, storeName: null, doctorId: null, doctorName: null, date: null, hour: null };
  return rows.map((r) => ({ ...none, ...r }));
}
