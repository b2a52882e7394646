import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, NotFoundError } from '../../core/errors';
import type { ListArgs } from '../../core/graphql/list';
import type { OffsetPaging } from '../../core/graphql/paging';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { SortDirection } from '../../core/graphql/sorting';
import { getOrgUnit, orgUnitScopeCondition } from '../org/org.service';
import { CareTask, CareTaskKind, CareTaskStatus } from './customer-records.entity';
import { Customer, CustomerStatus } from './customer.entity';
import { customerFilters, findCustomer } from './customer.service';
import { customerReadSpec } from './customer.queries';
import { calendarDate, clock } from '../../core/clock';
import { OrgUnitKind } from '../org/org-unit.entity';

const mmdd = (date: string) => Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));

/** Birthday (month-day) range condition; a range over New Year wraps. */
function birthdayRange(from: string, to: string): Record<string, unknown> {
  const a = mmdd(from);
  const b = mmdd(to);
  return a <= b ? { birthMmdd: { $gte: a, $lte: b } } : { $or: [{ birthMmdd: { $gte: a } }, { birthMmdd: { $lte: b } }] };
}

function checkRange(from: string, to: string) {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (Number.isNaN(days) || days < 0) throw new BadUserInputError({ field: 'to', message: 'must be a date on or after from' });
  if (days > 366) throw new BadUserInputError({ field: 'to', message: 'a birthday list covers at most a year' });
}

/** Customers whose birthday falls between two dates (inclusive), soonest first. */
export async function birthdayList(ctx: RequestContext, args: { from: string; to: string; orgUnitId?: string | null; paging?: OffsetPaging | null }, selection: Selection | null = null) {
  checkRange(args.from, args.to);
  if (args.orgUnitId) await getOrgUnit(ctx, args.orgUnitId);
  const where = {
    ...(await orgUnitScopeCondition(ctx)),
    ...(args.orgUnitId ? { orgUnitId: args.orgUnitId } : {}),
    status: CustomerStatus.ACTIVE,
    birthDateEstimated: false,
    ...birthdayRange(args.from, args.to),
  };
  const asc = (field: string) => ({ field, direction: SortDirection.ASC });
  return readPage(ctx.em, customerReadSpec(ctx), { paging: args.paging }, selection, {
    where: where as FilterQuery<Customer>,
    // Wrapped ranges list December before January.
    defaultSort: mmdd(args.from) <= mmdd(args.to) ? [asc('birthMmdd'), asc('name')] : [{ field: 'birthMonth', direction: SortDirection.DESC }, asc('birthMmdd'), asc('name')],
  });
}

export enum ContactChannel {
  PHONE = 'PHONE',
  SMS = 'SMS',
  WECHAT = 'WECHAT',
}

export enum CarePurpose {
  GREETING = 'GREETING',
  MARKETING = 'MARKETING',
}

const consentField = { PHONE: 'consentPhone', SMS: 'consentSms', WECHAT: 'consentWechat' } as const;

/** Who may be contacted through a channel for a purpose: channel consent, and marketing consent for marketing. */
export async function contactList(
  ctx: RequestContext,
  args: { purpose: CarePurpose; channel: ContactChannel; filter?: ListArgs['filter']; paging?: OffsetPaging | null },
  selection: Selection | null = null,
) {
  const where = {
    ...(await orgUnitScopeCondition(ctx)),
    status: CustomerStatus.ACTIVE,
    [consentField[args.channel]]: true,
    ...(args.purpose === CarePurpose.MARKETING ? { consentMarketing: true } : {}),
  };
  return readPage(ctx.em, customerReadSpec(ctx), { filter: args.filter, paging: args.paging }, selection, { where: where as never, customFilters: customerFilters, defaultSort: [{ field: 'name', direction: SortDirection.ASC }] });
}

/** Care tasks as plain rows (the read path). */
const CARE_TASK_READ: ReadSpec<CareTask> = { entity: CareTask, always: ['id', 'franchiseId', 'customerId', 'assigneeId'] };

export async function listCareTasks(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const actor = requireActor(ctx);
  // Those who manage care see their scope's reminders; everyone else their own.
  const where = actor.permissions.has('customer:care') ? await orgUnitScopeCondition(ctx) : { assigneeId: actor.id };
  return readPage(ctx.em, CARE_TASK_READ, args, selection, { where: where as FilterQuery<CareTask>, defaultSort: [{ field: 'dueDate', direction: SortDirection.ASC }] });
}

export async function completeCareTask(ctx: RequestContext, input: { id: string; status: CareTaskStatus; outcome?: string | null }): Promise<CareTask> {
  const actor = requireActor(ctx);
  const task = await ctx.em.findOne(CareTask, { id: input.id });
  if (!task || (task.assigneeId !== actor.id && !actor.permissions.has('customer:care')) || !(await findCustomer(ctx, task.customerId)))
    throw new NotFoundError('Care task', input.id);
  if (task.status !== CareTaskStatus.OPEN) throw new ConflictError(`This reminder is already ${task.status}`);
  if (input.status === CareTaskStatus.OPEN) throw new BadUserInputError({ field: 'status', message: 'must be DONE or SKIPPED' });
  Object.assign(task, { status: input.status, outcome: input.outcome ?? null, completedAt: clock.now() });
  await ctx.em.flush();
  return task;
}

/**
 * The daily care job: a birthday reminder for each customer's health manager, `daysAhead`
 * days before the birthday, counted on each franchise's own calendar (at 00:30 in Shanghai
 * it is already tomorrow there while UTC is still on today). `onDate` sets that calendar
 * date for every franchise (a re-run for a given day). Idempotent (one reminder per
 * customer, kind and date). Runs with every franchise in scope.
 */
export async function createBirthdayReminders(em: EntityManager, at: Date, daysAhead = 3, onDate?: string): Promise<number> {
  const franchises = await em.execute<{ id: string; time_zone: string }[]>(`select id, time_zone from org_unit where kind in (?, ?)`, [OrgUnitKind.HQ, OrgUnitKind.FRANCHISE]);
  const franchisesByDue = new Map<string, string[]>();
  for (const franchise of franchises) {
    const today = onDate ?? calendarDate(at, franchise.time_zone);
    const due = new Date(Date.parse(`${today}T00:00:00Z`) + daysAhead * 86_400_000).toISOString().slice(0, 10);
    franchisesByDue.set(due, [...(franchisesByDue.get(due) ?? []), franchise.id]);
  }
  let created = 0;
  for (const [dueDate, franchiseIds] of franchisesByDue) {
    const result = await em.execute(
      `insert into care_task (id, franchise_id, customer_id, assignee_id, org_unit_id, kind, due_date, status, title, version, created_at, updated_at)
       select gen_random_uuid(), c.franchise_id, c.id, c.health_manager_id, c.org_unit_id, ?, ?, 'OPEN', '生日关怀：' || c.name, 1, ?, ?
         from customer c
        where c.franchise_id in (?) and c.status = 'ACTIVE' and not c.birth_date_estimated and c.birth_mmdd = ?
       on conflict (customer_id, kind, due_date) do nothing`,
      [CareTaskKind.BIRTHDAY, dueDate, clock.now(), clock.now(), franchiseIds, mmdd(dueDate)],
      'run',
    );
    created += (result as { affectedRows?: number }).affectedRows ?? 0;
  }
  return created;
}
