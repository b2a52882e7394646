import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { normalizeTags } from '../../core/validation';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../core/errors';
import type { ArrayComparison, FieldComparison } from '../../core/graphql/filters';
import { findPage, type ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { formatNumber, nextNumber, numberingYear } from '../../core/numbering/numbering';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { JobTitle, StaffStatus } from '../identity/staff-user.entity';
import { OrgUnit, OrgUnitKind } from '../org/org-unit.entity';
import { findOrgUnit, getOrgUnit, orgUnitScopeCondition } from '../org/org.service';
import { CustomerEvent, CustomerEventKind } from './customer-records.entity';
import { Customer, CustomerStatus } from './customer.entity';
import { customerLoader } from './customer.loaders';
import { servedByCaller } from './customer-scope';
import { staffLoader } from '../identity/identity.loaders';
import { orgUnitLoader } from '../org/org.loaders';
import { runMergeHandlers } from './customer-merge';
import type { CustomerInput, CustomerUpdate, MergeCustomersInput } from './customer.types';
import { calendarDate, clock } from '../../core/clock';
import { publishLive } from '../../core/events/outbox';

/** Mainland numbers are kept as 11 digits; landlines as given without spaces. */
export function normalizePhone(phone: string): string {
  const compact = phone.replace(/[\s-]/g, '');
  return /^(\+?86)?1\d{10}$/.test(compact) ? compact.slice(-11) : compact;
}

/** Date `years` before today (YYYY-MM-DD), for age conditions. */
function yearsAgo(years: number, from = clock.now()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear() - years, from.getUTCMonth(), from.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

/** `age` filters become birth-date ranges (someone is N while born in (N+1 years ago, N years ago]). */
function ageCondition(c: FieldComparison<number>): Record<string, unknown> {
  const parts: Record<string, unknown>[] = [];
  const atLeast = (n: number) => parts.push({ birthDate: { $lte: yearsAgo(n) } });
  const atMost = (n: number) => parts.push({ birthDate: { $gt: yearsAgo(n + 1) } });
  if (c.gte != null) atLeast(c.gte);
  if (c.gt != null) atLeast(c.gt + 1);
  if (c.lte != null) atMost(c.lte);
  if (c.lt != null) atMost(c.lt - 1);
  if (c.eq != null) (atLeast(c.eq), atMost(c.eq));
  if (c.between) (atLeast(c.between.lower), atMost(c.between.upper));
  return parts.length ? { $and: parts } : {};
}

function tagsCondition(c: ArrayComparison): Record<string, unknown> {
  const parts: Record<string, unknown>[] = [];
  if (c.containsAll?.length) parts.push({ tags: { $contains: c.containsAll.map((t) => t.toLowerCase()) } });
  if (c.containsAny?.length) parts.push({ tags: { $overlap: c.containsAny.map((t) => t.toLowerCase()) } });
  return parts.length ? { $and: parts } : {};
}

/** Birthday-month filters become month-day ranges, served by the (franchise, birth_mmdd) index. */
function birthMonthCondition(c: FieldComparison<number>): Record<string, unknown> {
  const month = (m: number) => ({ birthMmdd: { $gte: m * 100, $lte: m * 100 + 99 } });
  const parts: Record<string, unknown>[] = [];
  if (c.eq != null) parts.push(month(c.eq));
  if (c.in?.length) parts.push({ $or: c.in.map(month) });
  if (c.gte != null) parts.push({ birthMmdd: { $gte: c.gte * 100 } });
  if (c.lte != null) parts.push({ birthMmdd: { $lte: c.lte * 100 + 99 } });
  if (c.between) parts.push({ birthMmdd: { $gte: c.between.lower * 100, $lte: c.between.upper * 100 + 99 } });
  return parts.length ? { $and: parts } : {};
}

export const customerFilters = { age: ageCondition, tags: tagsCondition, birthMonth: birthMonthCondition };

/** The customer, or null when missing or outside the actor's scope. */
export async function findCustomer(ctx: RequestContext, id: string): Promise<Customer | null> {
  const customer = await customerLoader(ctx).load(id);
  if (!customer) return null;
  return (await findOrgUnit(ctx, customer.orgUnitId)) || (await servedByCaller(ctx, customer)) ? customer : null;
}

export async function getCustomer(ctx: RequestContext, id: string, label = 'Customer'): Promise<Customer> {
  const customer = await findCustomer(ctx, id);
  if (!customer) throw new NotFoundError(label, id);
  return customer;
}

async function checkPlacement(ctx: RequestContext, fields: { orgUnitId?: string; doctorId?: string; healthManagerId?: string }, franchiseId: string | undefined, prefix: string) {
  let unit: OrgUnit | undefined;
  if (fields.orgUnitId) {
    unit = await getOrgUnit(ctx, fields.orgUnitId, 'Store or branch center');
    if (unit.kind !== OrgUnitKind.STORE && unit.kind !== OrgUnitKind.BRANCH_CENTER)
      throw new BadUserInputError({ field: `${prefix}.orgUnitId`, message: `must be a store or branch center, not a ${unit.kind}` });
    if (franchiseId && unit.franchiseId !== franchiseId) throw new BadUserInputError({ field: `${prefix}.orgUnitId`, message: 'must be in the customer’s franchise' });
  }
  const inFranchise = franchiseId ?? unit?.franchiseId;
  // Through the staff loader: archives checked together (openArchives) share one statement.
  const staff = async (id: string | undefined, titles: JobTitle[], field: string, what: string) => {
    const person = id ? await staffLoader(ctx).load(id) : null;
    if (id && (!person || person.franchiseId !== inFranchise || person.status !== StaffStatus.ACTIVE || !titles.includes(person.jobTitle)))
      throw new BadUserInputError({ field: `${prefix}.${field}`, message: `must be an active ${what} of this franchise` });
  };
  await Promise.all([
    staff(fields.doctorId, [JobTitle.DOCTOR, JobTitle.PHARMACIST], 'doctorId', 'doctor or pharmacist'),
    staff(fields.healthManagerId, [JobTitle.HEALTH_MANAGER], 'healthManagerId', 'health manager'),
  ]);
  return unit;
}

const phoneOnFile = (recordNo: string) =>
  new ConflictError(`This phone number already belongs to archive ${recordNo}`, { field: 'phone', existingRecordNo: recordNo, reason: 'PHONE_ON_FILE', params: { recordNo } });

/** One person, one archive per franchise: a phone already on file is refused with that record's number. */
async function assertPhoneFree(ctx: RequestContext, franchiseId: string, phone: string, exceptId?: string) {
  const existing = await ctx.em.findOne(
    Customer,
    { franchiseId, phone, status: CustomerStatus.ACTIVE, ...(exceptId ? { id: { $ne: exceptId } } : {}) },
    { filters: false }, // the whole franchise, not only the actor's stores: duplicates are per franchise
  );
  if (existing) throw phoneOnFile(existing.recordNo);
}

/** A birth date may be the opening day where the franchise is (its time zone), not later. */
async function checkBirthDate(ctx: RequestContext, franchiseId: string, field: string, birthDate: string | null | undefined, at = clock.now()) {
  if (!birthDate) return;
  const franchise = (await orgUnitLoader(ctx).load(franchiseId))!;
  if (birthDate > calendarDate(at, franchise.timeZone)) throw new BadUserInputError({ field, message: 'cannot be in the future' });
}

export async function createCustomer(ctx: RequestContext, input: CustomerInput): Promise<Customer> {
  return (await openArchives(ctx, [{ input }], 'customer'))[0]!;
}

/** An archive to open. `openedAt` is for archives brought over from an earlier system (their history keeps its dates). */
export interface ArchiveToOpen {
  input: CustomerInput;
  openedAt?: Date;
}

/**
 * Opens archives as `createCustomer` does one, all or none: each is checked (placement, birth
 * date, the phone not on file in its franchise nor twice in the batch), numbered in its
 * franchise's year of opening, and gets its "opened" timeline entry. The checks and numbering
 * are batched, so a few hundred archives cost a handful of statements. Errors name the archive
 * (`archives.3.phone`; `customer.phone` for a single one).
 */
export async function openArchives(ctx: RequestContext, archives: readonly ArchiveToOpen[], prefix = 'archives'): Promise<Customer[]> {
  const actor = requireActor(ctx);
  const now = clock.now();
  const fieldOf = (i: number) => (archives.length === 1 && prefix === 'customer' ? prefix : `${prefix}.${i}`);
  const checked = await Promise.all(
    archives.map(async ({ input, openedAt = now }, i) => {
      if (openedAt > now) throw new BadUserInputError({ field: `${fieldOf(i)}.openedAt`, message: 'cannot be in the future' });
      if (!input.birthDate && input.age == null) throw new BadUserInputError({ field: `${fieldOf(i)}.birthDate`, message: 'give the birth date, or the age when the date is not known' });
      const unit = (await checkPlacement(ctx, input, undefined, fieldOf(i)))!;
      await checkBirthDate(ctx, unit.franchiseId, `${fieldOf(i)}.birthDate`, input.birthDate, openedAt);
      const franchise = (await orgUnitLoader(ctx).load(unit.franchiseId))!;
      return { input, openedAt, franchise, phone: normalizePhone(input.phone), year: numberingYear(openedAt, franchise.timeZone) };
    }),
  );

  const phones = new Map<string, number>();
  checked.forEach(({ franchise, phone }, i) => {
    if (phones.has(`${franchise.id}/${phone}`)) throw new BadUserInputError({ field: `${fieldOf(i)}.phone`, message: `is also the phone of archive ${phones.get(`${franchise.id}/${phone}`)} in this batch` });
    phones.set(`${franchise.id}/${phone}`, i);
  });
  const onFile = await ctx.em.find(
    Customer,
    { franchiseId: { $in: [...new Set(checked.map((c) => c.franchise.id))] }, phone: { $in: checked.map((c) => c.phone) }, status: CustomerStatus.ACTIVE },
    { filters: false, fields: ['franchiseId', 'phone', 'recordNo'] }, // the whole franchise, not only the actor's stores: duplicates are per franchise
  );
  for (const existing of onFile) if (phones.has(`${existing.franchiseId}/${existing.phone}`)) throw phoneOnFile(existing.recordNo);

  // Numbers: one counter step per franchise and year, handed out in the archives' order.
  const counters = new Map<string, { franchiseId: string; year: number; count: number; next: number }>();
  for (const { franchise, year } of checked) {
    const counter = counters.get(`${franchise.id}/${year}`) ?? { franchiseId: franchise.id, year, count: 0, next: 0 };
    counters.set(`${franchise.id}/${year}`, { ...counter, count: counter.count + 1 });
  }
  for (const counter of counters.values()) counter.next = (await nextNumber(ctx.em, counter.franchiseId, 'customer', counter.year, counter.count)) - counter.count + 1;

  const customers = checked.map(({ input, openedAt, franchise, phone, year }) => {
    const recordNo = formatNumber(franchise.code ?? 'C', year, counters.get(`${franchise.id}/${year}`)!.next++);
    const { age, ...fields } = input;
    const customer = ctx.em.create(Customer, {
      ...fields,
      phone,
      recordNo,
      franchiseId: franchise.id,
      birthDate: input.birthDate ?? `${year - (age ?? 0)}-07-01`,
      birthDateEstimated: !input.birthDate,
      tags: normalizeTags(input.tags) ?? [],
      createdAt: openedAt,
      updatedAt: openedAt,
    } as Customer);
    ctx.em.create(CustomerEvent, { franchiseId: franchise.id, customerId: customer.id, kind: CustomerEventKind.CREATED, occurredAt: openedAt, summary: `建档 ${recordNo}`, actorId: actor.id });
    return customer;
  });
  await ctx.em.flush();
  for (const customer of customers) await publishLive(ctx, 'customers.changed', { id: customer.id, franchiseId: customer.franchiseId, change: 'created' });
  return customers;
}

export async function updateCustomer(ctx: RequestContext, id: string, version: number, update: CustomerUpdate): Promise<Customer> {
  const actor = requireActor(ctx);
  const customer = await getCustomer(ctx, id);
  if (customer.status !== CustomerStatus.ACTIVE) throw new ConflictError(`Archive ${customer.recordNo} was merged into another; edit that one`);
  checkVersion(customer, version, 'Customer');
  await checkBirthDate(ctx, customer.franchiseId, 'update.birthDate', update.birthDate);
  await checkPlacement(ctx, update, customer.franchiseId, 'update');
  if (update.phone) {
    update.phone = normalizePhone(update.phone);
    if (update.phone !== customer.phone) await assertPhoneFree(ctx, customer.franchiseId, update.phone, customer.id);
  }
  const changed = Object.entries(update).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify((customer as unknown as Record<string, unknown>)[k])).map(([k]) => k);
  applyUpdate(customer, { ...update, tags: normalizeTags(update.tags), ...(update.birthDate ? { birthDateEstimated: false } : {}) } as Partial<Customer>);
  if (changed.length)
    ctx.em.create(CustomerEvent, { franchiseId: customer.franchiseId, customerId: customer.id, kind: CustomerEventKind.UPDATED, summary: `更新档案：${changed.join(', ')}`, actorId: actor.id, details: { fields: changed } });
  await ctx.em.flush();
  await publishLive(ctx, 'customers.changed', { id: customer.id, franchiseId: customer.franchiseId, change: 'updated' });
  return customer;
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/**
 * Folds `source` into `target` (same franchise): everything attached to the source moves
 * (through every module's merge handler), blank fields of the target are filled from
 * the source, lists are joined, purchase totals added. The source stays as MERGED.
 */
export async function mergeCustomers(ctx: RequestContext, input: MergeCustomersInput): Promise<Customer> {
  const actor = requireActor(ctx);
  if (!actor.isHq) throw new ForbiddenError('Only HQ can merge archives');
  if (input.sourceId === input.targetId) throw new BadUserInputError({ field: 'sourceId', message: 'must differ from targetId' });
  const [source, target] = await Promise.all([getCustomer(ctx, input.sourceId, 'Source customer'), getCustomer(ctx, input.targetId, 'Target customer')]);
  if (source.franchiseId !== target.franchiseId) throw new BadUserInputError({ field: 'targetId', message: 'both archives must belong to the same franchise' });
  for (const [c, field] of [[source, 'sourceId'], [target, 'targetId']] as const)
    if (c.status !== CustomerStatus.ACTIVE) throw new ConflictError(`Archive ${c.recordNo} (${field}) is already merged`);

  const moved = await runMergeHandlers(ctx, source, target);

  for (const key of ['gender', 'idNumber', 'address', 'email', 'memberCardNo', 'medicalHistory', 'personality', 'specialNeeds', 'note'] as const)
    if (target[key] == null && source[key] != null) (target as unknown as Record<string, unknown>)[key] = source[key];
  if (target.birthDateEstimated && !source.birthDateEstimated && source.birthDate) Object.assign(target, { birthDate: source.birthDate, birthDateEstimated: false });
  target.tags = union(target.tags, source.tags);
  target.allergies = union(target.allergies, source.allergies);
  target.interests = union(target.interests, source.interests);
  target.currentMedications = [...target.currentMedications, ...source.currentMedications.filter((m) => !target.currentMedications.some((t) => t.name === m.name))];
  target.familyMembers = [...target.familyMembers, ...source.familyMembers.filter((m) => !target.familyMembers.some((t) => t.name === m.name))];
  target.totalSpend = (Number(target.totalSpend) + Number(source.totalSpend)).toFixed(2);
  target.purchaseCount += source.purchaseCount;
  const latest = (a?: Date | null, b?: Date | null) => (!a ? b : !b ? a : a > b ? a : b);
  target.lastPurchaseAt = latest(target.lastPurchaseAt, source.lastPurchaseAt) ?? null;
  target.lastServiceAt = latest(target.lastServiceAt, source.lastServiceAt) ?? null;

  source.status = CustomerStatus.MERGED;
  source.mergedIntoId = target.id;
  const details = { sourceId: source.id, sourceRecordNo: source.recordNo, targetId: target.id, targetRecordNo: target.recordNo, moved };
  for (const c of [source, target])
    ctx.em.create(CustomerEvent, { franchiseId: c.franchiseId, customerId: c.id, kind: CustomerEventKind.MERGED, summary: `档案合并：${source.recordNo} → ${target.recordNo}`, actorId: actor.id, details });
  await ctx.em.flush();
  for (const c of [source, target]) await publishLive(ctx, 'customers.changed', { id: c.id, franchiseId: c.franchiseId, change: 'updated' });
  return target;
}

export interface Purchase {
  customerId: string;
  /** Yuan; negative for a refund, which takes the amount off without counting as a purchase. */
  amount: number;
  at: Date;
  orgUnitId?: string;
  summary?: string;
  /** False when the source shows on the timeline itself (an order does); a PURCHASE entry otherwise. */
  timelineEntry?: boolean;
}

/**
 * Purchases (and refunds) against customers: their totals and each month's spend (top spenders,
 * RFM) and a timeline entry per purchase, in a few statements however many there are. Orders
 * call this; demo data too. The totals are added in SQL, not through the entity: two orders of
 * one customer completing at once both count, and an agent editing the archive meanwhile is not
 * told of a conflict (the version is for what people edit). The caller flushes.
 */
export async function recordPurchases(em: EntityManager, purchases: readonly Purchase[]): Promise<void> {
  if (!purchases.length) return;
  const ids = [...new Set(purchases.map((p) => p.customerId))];
  const found = await em.execute<{ id: string; franchise_id: string; org_unit_id: string }[]>(`select id, franchise_id, org_unit_id from customer where id in (${ids.map(() => '?').join(', ')})`, ids);
  const customers = new Map(found.map((c) => [c.id, c]));
  const totals = new Map<string, { amount: number; purchases: number; lastAt: Date | null }>();
  const spend = new Map<string, { customerId: string; franchiseId: string; month: string; orgUnitId: string; amount: number; purchases: number }>();
  for (const purchase of purchases) {
    const customer = customers.get(purchase.customerId);
    if (!customer) throw new NotFoundError('Customer', purchase.customerId);
    const isPurchase = purchase.amount >= 0 ? 1 : 0;
    const total = totals.get(customer.id) ?? { amount: 0, purchases: 0, lastAt: null };
    totals.set(customer.id, { amount: total.amount + purchase.amount, purchases: total.purchases + isPurchase, lastAt: isPurchase && (!total.lastAt || total.lastAt < purchase.at) ? purchase.at : total.lastAt });
    const month = `${purchase.at.toISOString().slice(0, 7)}-01`;
    const key = `${customer.id}/${month}`;
    const monthly = spend.get(key) ?? { customerId: customer.id, franchiseId: customer.franchise_id, month, orgUnitId: purchase.orgUnitId ?? customer.org_unit_id, amount: 0, purchases: 0 };
    spend.set(key, { ...monthly, amount: monthly.amount + purchase.amount, purchases: monthly.purchases + isPurchase });
    if (purchase.timelineEntry !== false)
      em.create(CustomerEvent, { franchiseId: customer.franchise_id, customerId: customer.id, kind: CustomerEventKind.PURCHASE, occurredAt: purchase.at, summary: purchase.summary ?? (isPurchase ? '购买' : '退款'), amount: purchase.amount.toFixed(2) });
  }
  const rows = [...totals];
  await em.execute(
    `update customer c set total_spend = c.total_spend + t.amount, purchase_count = c.purchase_count + t.purchases,
            last_purchase_at = greatest(c.last_purchase_at, t.last_at), last_service_at = greatest(c.last_service_at, t.last_at)
       from (values ${rows.map(() => '(?::uuid, ?::numeric, ?::int, ?::timestamptz)').join(', ')}) t(id, amount, purchases, last_at)
      where c.id = t.id`,
    rows.flatMap(([id, t]) => [id, t.amount.toFixed(2), t.purchases, t.lastAt]),
  );
  const months = [...spend.values()];
  await em.execute(
    `insert into customer_spend_month (customer_id, month, franchise_id, org_unit_id, amount, purchases) values ${months.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
     on conflict (customer_id, month) do update set amount = customer_spend_month.amount + excluded.amount, purchases = customer_spend_month.purchases + excluded.purchases`,
    months.flatMap((m) => [m.customerId, m.month, m.franchiseId, m.orgUnitId, m.amount.toFixed(2), m.purchases]),
  );
}

/** One purchase against a customer (see recordPurchases). */
export const recordPurchase = (em: EntityManager, purchase: Purchase) => recordPurchases(em, [purchase]);
