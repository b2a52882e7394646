import {
  createBirthdayReminders,
  Customer,
  CustomerEvent,
  CustomerEventKind,
  CustomerSpendMonth,
  formatNumber,
  Gender,
  JobTitle,
  type OrgUnit,
  recomputeSegments,
  SourceChannel,
  type StaffUser,
} from '@pharmadesk/api';
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
 * Customers for one franchise, with archives, purchases over the last year (monthly spend,
 * timeline entries), in record-number order. Shared by the demo data and the benchmark
 * scale generator.
 */
export function buildCustomers(
  rng: Rng,
  input: { franchise: OrgUnit; stores: OrgUnit[]; doctors: StaffUser[]; managers: StaffUser[]; count: number; now: Date; usedPhones: Set<string>; withPurchases: boolean },
) {
  const { franchise, stores, doctors, managers, now } = input;
  const created = Array.from({ length: input.count }, () => rng.dateBetween(new Date(now.getTime() - 2 * 365 * 86_400_000), now)).sort((a, b) => a.getTime() - b.getTime());
  const customers: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const spend: Record<string, unknown>[] = [];
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
    const months = new Map<string, { amount: number; purchases: number }>();
    if (input.withPurchases) {
      const count = rng.pickWeighted([[0, 3], [2, 4], [6, 3], [14, 1]] as const) + rng.int(0, 2);
      for (let i = 0; i < count; i++) {
        const at = rng.dateBetween(createdAt > new Date(now.getTime() - 365 * 86_400_000) ? createdAt : new Date(now.getTime() - 365 * 86_400_000), now);
        const amount = rng.int(30, chronic.length ? 900 : 400) + rng.int(0, 99) / 100;
        const month = `${at.toISOString().slice(0, 7)}-01`;
        const m = months.get(month) ?? { amount: 0, purchases: 0 };
        months.set(month, { amount: m.amount + amount, purchases: m.purchases + 1 });
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
    for (const [month, m] of months)
      spend.push({ customerId: id, month, franchiseId: franchise.id, orgUnitId: unit.id, amount: m.amount.toFixed(2), purchases: m.purchases });
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
  return { customers, events, spend, sequenceByYear };
}

/** A few hundred realistic customers per demo franchise, with a year of purchases, segments and care reminders. */
export const customersSeeder: Seeder = {
  name: 'customers',
  async run({ em, rng, shared }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const now = clock.now();
    const usedPhones = new Set<string>();
    for (const { franchise, stores, staff } of organization.franchises) {
      const doctors = staff.filter((s) => s.jobTitle === JobTitle.DOCTOR || s.jobTitle === JobTitle.PHARMACIST);
      const managers = staff.filter((s) => s.jobTitle === JobTitle.HEALTH_MANAGER);
      const built = buildCustomers(rng.derive(franchise.id), { franchise, stores, doctors, managers, count: CUSTOMERS_PER_FRANCHISE, now, usedPhones, withPurchases: true });
      for (const c of built.customers) em.create(Customer, c as never);
      await em.flush();
      for (const e of built.events) em.create(CustomerEvent, e as never);
      for (const s of built.spend) em.create(CustomerSpendMonth, s as never);
      await em.flush();
      // Leave the franchise's record-number counters where the demo archives end.
      for (const [year, value] of built.sequenceByYear)
        await em.execute(`insert into numbering_sequence (franchise_id, series, year, value) values (?, 'customer', ?, ?)`, [franchise.id, year, value]);
      em.clear();
    }
    await recomputeSegments(em);
    await createBirthdayReminders(em, now, 3);
  },
};
