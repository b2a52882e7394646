import {
  clock,
  createConsultationRecord,
  createTestItem,
  OrderChannel,
  orderPrescription,
  PaymentStatus,
  postLabReport,
  prescribeProducts,
  prescribeTests,
  rateDoctor,
  StaffUser,
  takeTestOrderAction,
  type RequestContext,
} from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const TEST_ITEMS = [
  { code: 'CBC', name: '血常规', priceCents: 8_000, turnaroundDays: 2, samplingGuide: '空腹采静脉血 2 ml，紫色管，当天送检。' },
  { code: 'VITD', name: '25-羟基维生素D', priceCents: 16_000, turnaroundDays: 3, samplingGuide: '采静脉血 3 ml，黄色管，避光保存。' },
  { code: 'GUT', name: '肠道菌群检测', priceCents: 99_000, turnaroundDays: 7, samplingGuide: '使用采样盒采集新鲜粪便约 1 g，放入保存液摇匀，48 小时内寄回。' },
  { code: 'IGG', name: '食物不耐受检测（14 项）', priceCents: 128_000, turnaroundDays: 5, samplingGuide: '指尖血滴满采样卡 4 个圆圈，室温晾干后装袋寄回。' },
];

/** The journey's steps in order, by who takes them; an order is walked this far (the state it is left in). */
type Who = 'doctor' | 'manager' | 'consulting' | 'lab';
const PATH: { action: string; by: Who; input?: Record<string, unknown> }[] = [
  { action: 'ship_kit', by: 'manager' },
  { action: 'accept_sample', by: 'consulting' },
  { action: 'receive_report', by: 'lab' },
  { action: 'start_review', by: 'consulting' },
  { action: 'release', by: 'consulting' },
  { action: 'write_summary', by: 'doctor', input: { summary: '各项指标总体平稳，个别偏高项已标注，建议调整饮食并一个月后复查。' } },
  { action: 'finish_production', by: 'consulting' },
  { action: 'collect_report', by: 'manager' },
  { action: 'interpret', by: 'doctor' },
];
/** One customer per state of the journey (how many steps of PATH were taken), plus a rejected sample and a cancelled order. */
const WALKS: { steps: number; items: string[]; note?: string }[] = [
  { steps: 0, items: ['CBC', 'VITD'] }, // prescribed
  { steps: 1, items: ['CBC'], note: 'overdue' }, // sampling, its report date long past
  { steps: 2, items: ['GUT'] }, // testing
  { steps: 3, items: ['IGG'] }, // report received
  { steps: 4, items: ['CBC', 'VITD'] }, // under review
  { steps: 5, items: ['VITD'] }, // released
  { steps: 6, items: ['GUT', 'CBC'] }, // paper report in production
  { steps: 7, items: ['IGG'] }, // ready
  { steps: 8, items: ['CBC'] }, // delivered
  { steps: 9, items: ['GUT'] }, // interpreted
];

/**
 * The client service journey, relative to the clock, through the services as the staff who did
 * each step: each franchise's test catalogue; test orders prescribed by the branch center's doctor
 * for customers of the first store, one left at every step of the journey (one sample waiting so
 * long its report is overdue, one rejected, one cancelled), the lab's reports posted (as the owner,
 * who holds lab:report: the demo has no lab partner), reviewed and released by the consulting
 * department, handed over by the health manager and interpreted by the doctor; consultation records
 * of the second doctor's completed appointments this week, customers' ratings of them, and a
 * prescription with daily amounts turned into an in-store order.
 */
export const journeySeeder: Seeder = {
  name: 'journey',
  async run({ em, rng, shared, logger }) {
    const started = Date.now();
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const replay = new ServiceReplay(em, logger);
    const now = clock.nowMs();
    for (const { key, franchise } of organization.franchises) {
      const staff = async (who: string) => em.findOneOrFail(StaffUser, { email: `${who}@${key}.demo` });
      const [owner, doctor, doctor2, manager, consulting] = await Promise.all([staff('owner'), staff('doctor'), staff('doctor2'), staff('manager'), staff('consulting')]);
      const people: Record<Who, StaffUser> = { doctor, manager, consulting, lab: owner };
      const as = <T>(who: StaffUser, at: number, work: (ctx: RequestContext) => Promise<T>) => replay.as(who.id, new Date(at), work);

      const items = new Map<string, string>();
      for (const item of TEST_ITEMS) items.set(item.code, (await as(owner, now - 40 * DAY, (ctx) => createTestItem(ctx, { ...item, code: `${key.toUpperCase()}-JC-${item.code}`, shared: false }))).id);

      // Customers of the health manager's store whose doctor is the branch center's doctor.
      const customers = await em.execute<{ id: string }[]>(`select id from customer where franchise_id = ? and org_unit_id = ? and doctor_id = ? and status = 'ACTIVE' order by record_no limit ?`, [
        franchise.id,
        manager.orgUnitId,
        doctor.id,
        WALKS.length + 2,
      ]);
      const walks = [...WALKS.map((w) => ({ ...w, end: null as string | null })), { steps: 1, items: ['VITD'], end: 'reject_sample' }, { steps: 0, items: ['IGG'], end: 'cancel' }];
      for (const [i, walk] of walks.entries()) {
        const customer = customers[i];
        if (!customer) break;
        // Deep walks start earlier; each step a day after the last, the last one at least a few hours ago.
        const overdue = walk.note === 'overdue';
        let at = now - (overdue ? 16 : walk.steps + 3) * DAY - rng.int(1, 6) * HOUR;
        let order = await as(doctor, at, (ctx) => prescribeTests(ctx, { customerId: customer.id, doctorId: doctor.id, testItemIds: walk.items.map((c) => items.get(c)!), note: null }));
        for (const step of PATH.slice(0, walk.steps)) {
          at += DAY;
          if (step.action === 'receive_report') {
            const labReportId = `${key.toUpperCase()}-LAB-${order.testOrderNo.slice(-6)}`;
            order = await as(people.lab, at, (ctx) =>
              postLabReport(ctx, {
                testOrderId: order.id,
                labReportId,
                results: walk.items.map((c, n) => ({ code: c, name: TEST_ITEMS.find((t) => t.code === c)!.name, value: (4 + n + rng.int(0, 50) / 10).toFixed(1), unit: null, referenceRange: '3.5-9.5', flag: rng.chance(0.3) ? 'H' : null })),
                files: [{ name: '检测报告.pdf', url: `https://lab.pharmadesk.demo/reports/${labReportId}.pdf` }],
              }),
            );
            continue;
          }
          order = await as(people[step.by], at, (ctx) => takeTestOrderAction(ctx, { id: order.id, version: order.version, action: step.action, input: step.input ?? {} }));
        }
        if (walk.end === 'reject_sample') order = await as(consulting, at + DAY, (ctx) => takeTestOrderAction(ctx, { id: order.id, version: order.version, action: 'reject_sample', input: { reason: '样本溶血，需重新采样' } }));
        if (walk.end === 'cancel') await as(doctor, at + HOUR, (ctx) => takeTestOrderAction(ctx, { id: order.id, version: order.version, action: 'cancel', input: { reason: '客户决定暂不检测' } }));
      }

      // The second doctor's completed appointments: a consultation record each, and most of them rated.
      const visits = await em.execute<{ id: string; customer_id: string; ends_at: Date }[]>(`select id, customer_id, ends_at from appointment where franchise_id = ? and doctor_id = ? and status = 'COMPLETED' order by starts_at limit 6`, [franchise.id, doctor2.id]);
      for (const [n, visit] of visits.entries()) {
        const end = new Date(visit.ends_at).getTime();
        await as(doctor2, end, (ctx) =>
          createConsultationRecord(ctx, {
            customerId: visit.customer_id,
            appointmentId: visit.id,
            doctorId: doctor2.id,
            answers: [
              { question: '主诉', answer: rng.pick(['近一周睡眠差、易醒', '血压控制不稳定', '餐后血糖偏高', '容易疲劳、食欲下降']) },
              { question: '用药情况', answer: rng.pick(['按时服药', '偶有漏服', '自行停药一周']) },
              { question: '生活方式', answer: rng.pick(['每周运动 2 次', '久坐少动', '饮食偏咸']) },
            ],
            notes: '已告知复诊时间，建议配合饮食记录。',
          }),
        );
        if (n % 3 !== 2) await as(manager, end + 2 * HOUR, (ctx) => rateDoctor(ctx, { appointmentId: visit.id, rating: rng.pick([4, 5, 5, 3]), comment: rng.pick(['医生很耐心', '讲解清楚', null]) }));
      }

      // A prescription with daily amounts, turned into an in-store order at the store's counter.
      const products = await em.execute<{ id: string }[]>(`select id from product where generic_name in ('深海鱼油软胶囊', '维生素C片') order by generic_name`);
      const [{ id: warehouseId } = { id: '' }] = await em.execute<{ id: string }[]>('select id from warehouse where code = ?', [`${key.toUpperCase()}-DC`]);
      const patient = visits[0]?.customer_id ?? customers[0]?.id;
      if (products.length && warehouseId && patient) {
        const at = now - 2 * DAY;
        const prescription = await as(doctor2, at, (ctx) => prescribeProducts(ctx, { customerId: patient, doctorId: doctor2.id, lines: products.map((p) => ({ productId: p.id, quantity: 60, dailyAmount: 2 })), note: '随餐服用' }));
        await as(owner, at + HOUR, (ctx) => orderPrescription(ctx, { id: prescription.id, version: prescription.version, channel: OrderChannel.IN_STORE, warehouseId, paymentStatus: PaymentStatus.UNPAID }));
        // And one still waiting to be ordered.
        if (visits[1]) await as(doctor2, at + 3 * HOUR, (ctx) => prescribeProducts(ctx, { customerId: visits[1]!.customer_id, doctorId: doctor2.id, lines: [{ productId: products[0]!.id, quantity: 30, dailyAmount: 1 }], note: null }));
      }
    }
    logger.info({ ms: Date.now() - started }, 'demo journey seeded');
  },
};
