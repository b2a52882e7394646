import {
  createBirthdayReminders,
  type CustomerInput,
  CustomerEventKind,
  formatNumber,
  Gender,
  JobTitle,
  type OrgUnit,
  openArchives,
  recomputeSegments,
  type Purchase,
  recordPurchases,
  SourceChannel,
  type StaffUser,
} from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Rng } from '../framework/rng';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';
import { ALLERGIES, chineseName, CONDITIONS, INTERESTS, isoDate, mobile, PERSONALITIES } from './people';
import { clock } from '@pharmadesk/api';

export const CUSTOMERS_PER_FRANCHISE = 300;

const CHANNELS: [SourceChannel, number][] = [
  [SourceChannel.WALK_IN, 5],
  [SourceChannel.PHONE, 2],
  [SourceChannel.WECHAT, 3],
  [SourceChannel.REFERRAL, 2],
  [SourceChannel.ONLINE, 1],
  [SourceChannel.EVENT, 1],
];

const PRODUCTS = ['降压药续方', '血糖试纸', '维生素 D', '鱼油软胶囊', '体检套餐', '功能医学检测', '营养咨询', '中药调理', '护膝', '血压计'];

/**
 * Customers for one franchise as archive rows in the order they were opened, with their
 * purchases over the last year as timeline rows when `withPurchases`. Shared by the demo data
 * (which opens them through the services) and the benchmark scale generator.
 */
export function buildCustomers(
  rng: Rng,
  input: { franchise: OrgUnit; stores: OrgUnit[]; doctors: StaffUser[]; managers: StaffUser[]; count: number; now: Date; usedPhones: Set<string>; withPurchases: boolean },
) {
  const { franchise, stores, doctors, managers, now } = input;
  const created = Array.from({ length: input.count }, () => rng.dateBetween(new Date(now.getTime() - 2 * 365 * 86_400_000), now)).sort((a, b) => a.getTime() - b.getTime());
  const customers: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const sequenceByYear = new Map<number, number>();
  created.forEach((createdAt, index) => {
    const id = rng.uuid();
    const year = createdAt.getUTCFullYear();
    const seq = (sequenceByYear.get(year) ?? 0) + 1;
    sequenceByYear.set(year, seq);
    const chronic = rng.sample(CONDITIONS, rng.pickWeighted([[0, 5], [1, 4], [2, 2]] as const));
    const knowsBirthday = rng.chance(0.9);
    const birth = rng.dateBetween(new Date('1938-01-01'), new Date('2002-12-31'));
    const tags = [...(chronic.length ? ['chronic'] : []), ...(createdAt.getTime() > now.getTime() - 60 * 86_400_000 ? ['new_member'] : [])];
    let totalSpend = 0;
    let purchases = 0;
    let lastPurchaseAt: Date | null = null;
    if (input.withPurchases) {
      const count = rng.pickWeighted([[0, 3], [2, 4], [6, 3], [14, 1]] as const) + rng.int(0, 2);
      for (let i = 0; i < count; i++) {
        const at = rng.dateBetween(createdAt > new Date(now.getTime() - 365 * 86_400_000) ? createdAt : new Date(now.getTime() - 365 * 86_400_000), now);
        const amount = rng.int(30, chronic.length ? 900 : 400) + rng.int(0, 99) / 100;
        totalSpend += amount;
        purchases += 1;
        if (!lastPurchaseAt || at > lastPurchaseAt) lastPurchaseAt = at;
        events.push({ id: rng.uuid(), franchiseId: franchise.id, customerId: id, kind: CustomerEventKind.PURCHASE, occurredAt: at, summary: `购买：${rng.pick(PRODUCTS)}`, amount: amount.toFixed(2), details: {} });
      }
    }
    if (!input.withPurchases && rng.chance(0.7)) {
      // Scale data: plausible totals without the purchase history behind them.
      purchases = rng.int(1, 30);
      totalSpend = purchases * (rng.int(40, 600) + rng.int(0, 99) / 100);
      lastPurchaseAt = rng.dateBetween(new Date(now.getTime() - 400 * 86_400_000), now);
    }
    if (totalSpend > 3000) tags.push('vip');
    // A customer belongs to a store and is looked after by one of that store's health managers.
    const unit = rng.pick(stores);
    const storeManagers = managers.filter((m) => m.orgUnitId === unit.id);
    customers.push({
      id,
      franchiseId: franchise.id,
      recordNo: formatNumber(franchise.code ?? 'C', year, seq),
      name: chineseName(rng),
      gender: rng.pick([Gender.FEMALE, Gender.MALE]),
      birthDate: knowsBirthday ? isoDate(birth) : `${birth.getUTCFullYear()}-07-01`,
      birthDateEstimated: !knowsBirthday,
      phone: mobile(rng, input.usedPhones),
      address: rng.chance(0.7) ? `${rng.pick(['徐汇区', '长宁区', '西湖区', '锦江区', '武侯区', '渝中区'])}${rng.pick(['和平路', '解放路', '人民路', '建设路'])} ${rng.int(1, 999)} 号` : null,
      email: rng.chance(0.25) ? `user${index}.${rng.digits(4)}@example.cn` : null,
      memberCardNo: rng.chance(0.6) ? `M${rng.digits(10)}` : null,
      orgUnitId: unit.id,
      doctorId: rng.pick(doctors).id,
      healthManagerId: rng.pick(storeManagers.length ? storeManagers : managers).id,
      sourceChannel: rng.pickWeighted(CHANNELS),
      medicalHistory: chronic.length ? `${chronic.map((c) => c.name).join('、')}病史 ${rng.int(1, 15)} 年` : null,
      allergies: rng.chance(0.2) ? rng.sample(ALLERGIES, rng.int(1, 2)) : [],
      currentMedications: chronic.flatMap((c) => c.medications.slice(0, rng.int(1, c.medications.length))),
      familyMembers: rng.chance(0.4) ? [{ name: chineseName(rng), relation: rng.pick(['配偶', '女儿', '儿子', '母亲']), note: null }] : [],
      personality: rng.chance(0.5) ? rng.pick(PERSONALITIES) : null,
      interests: rng.sample(INTERESTS, rng.int(0, 3)),
      tags,
      consentPhone: rng.chance(0.9),
      consentSms: rng.chance(0.6),
      consentWechat: rng.chance(0.5),
      consentMarketing: rng.chance(0.35),
      totalSpend: totalSpend.toFixed(2),
      purchaseCount: purchases,
      lastPurchaseAt,
      lastServiceAt: lastPurchaseAt,
      createdAt,
      updatedAt: createdAt,
    });
    events.push({ id: rng.uuid(), franchiseId: franchise.id, customerId: id, kind: CustomerEventKind.CREATED, occurredAt: createdAt, summary: `建档 ${formatNumber(franchise.code ?? 'C', year, seq)}`, details: {} });
  });
  return { customers, events };
}

/** What `createCustomer` takes, from one built archive row. */
function customerInput(row: Record<string, unknown>): CustomerInput {
  const keys = ['name', 'gender', 'phone', 'address', 'email', 'memberCardNo', 'orgUnitId', 'doctorId', 'healthManagerId', 'sourceChannel', 'medicalHistory', 'allergies', 'currentMedications', 'familyMembers', 'personality', 'interests', 'tags', 'consentPhone', 'consentSms', 'consentWechat', 'consentMarketing'] as const;
  const input = Object.fromEntries(keys.map((key) => [key, row[key]])) as unknown as CustomerInput;
  // An archive whose birthday nobody knew was opened with the age the customer gave.
  if (row.birthDateEstimated) input.age = (row.createdAt as Date).getUTCFullYear() - Number(String(row.birthDate).slice(0, 4));
  else input.birthDate = row.birthDate as string;
  return input;
}

/**
 * A few hundred realistic customers per demo franchise, with a year of purchases, segments and
 * care reminders. The archives are opened through `openArchives` (what `createCustomer` does for
 * one) by the customer's health manager with the day each was opened, and their purchases are
 * recorded through `recordPurchases`.
 */
export const customersSeeder: Seeder = {
  name: 'customers',
  async run({ em, rng, shared, logger }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const now = clock.now();
    const usedPhones = new Set<string>();
    const replay = new ServiceReplay(em, logger);
    for (const { key, franchise, stores, staff } of organization.franchises) {
      const doctors = staff.filter((s) => s.jobTitle === JobTitle.DOCTOR || s.jobTitle === JobTitle.PHARMACIST);
      const managers = staff.filter((s) => s.jobTitle === JobTitle.HEALTH_MANAGER);
      const owner = staff.find((s) => s.jobTitle === JobTitle.FRANCHISE_OWNER)!;
      const built = buildCustomers(rng.derive(key), { franchise, stores, doctors, managers, count: CUSTOMERS_PER_FRANCHISE, now, usedPhones, withPurchases: true });
      // The health manager opened the archive when it is in their store; the owner otherwise.
      const byOpener = new Map<string, Record<string, unknown>[]>();
      for (const row of built.customers) {
        const manager = managers.find((m) => m.id === row.healthManagerId);
        const openedBy = manager && manager.orgUnitId === row.orgUnitId ? manager.id : owner.id;
        byOpener.set(openedBy, [...(byOpener.get(openedBy) ?? []), row]);
      }
      const ids = new Map<unknown, string>(); // built row id → the archive's id
      for (const [openedBy, rows] of byOpener) {
        const opened = await replay.as(openedBy, now, (ctx) => openArchives(ctx, rows.map((row) => ({ input: customerInput(row), openedAt: row.createdAt as Date }))));
        rows.forEach((row, i) => ids.set(row.id, opened[i]!.id));
      }
      // A year of purchases (the point-of-sale history orders will feed), recorded in one go.
      const purchases: Purchase[] = built.events
        .filter((event) => event.kind === CustomerEventKind.PURCHASE)
        .map((event) => ({ customerId: ids.get(event.customerId)!, amount: Number(event.amount), at: event.occurredAt as Date, summary: event.summary as string }));
      await replay.as(null, now, async (ctx) => {
        await recordPurchases(ctx.em, purchases);
        await ctx.em.flush();
      });
    }
    await recomputeSegments(em);
    await createBirthdayReminders(em, now, 3);
  },
};
