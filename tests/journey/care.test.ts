import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive } from '../inventory/support';
import { createService, healthSetup, mustAct, mustBook, setSchedule, slots, WEEKDAYS } from '../appointments/support';

jest.setTimeout(180_000);

interface Prescription {
  id: string;
  version: number;
  prescriptionNo: string;
  orderId: string | null;
  lines: { productId: string; quantity: number; dailyAmount: number; consumptionDays: number }[];
}
const PRESCRIPTION = 'id version prescriptionNo orderId doctorId lines { productId productName quantity dailyAmount consumptionDays }';

/**
 * The doctor's records of a visit at east's branch center, the clock at Monday 14 December 2026,
 * 09:00 in Shanghai: consultation records, prescriptions with daily amounts turned into an order
 * (whose hand-over starts the orders' consumption period), and ratings after a completed appointment.
 */
describe('service journey: consultations, prescriptions, ratings', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let agent: Caller;
  let doctor: Caller;
  let east: Awaited<ReturnType<typeof healthSetup>>;
  let customerId: string;

  beforeAll(async () => {
    clock.freezeAt('2026-12-14T09:00:00+08:00');
    app = await startTestApp();
    [hq, owner, agent, doctor] = (await Promise.all(['admin@hq.demo', 'owner@east.demo', 'agent@east.demo', 'doctor@east.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller, Caller];
    east = await healthSetup(owner, 'east');
    // A customer of the branch center, where the doctor works (doctors see the customers of their unit).
    customerId = east.customerIds[0]!;
    await must(owner, 'mutation($id: ID!, $v: Int!, $u: ID!) { updateOneCustomer(input: { id: $id, version: $v, update: { orgUnitId: $u } }) { id } }', {
      id: customerId,
      v: (await must<{ customer: { version: number } }>(owner, 'query($id: ID!) { customer(id: $id) { version } }', { id: customerId })).customer.version,
      u: east.branchId,
    });
  }, 240_000);

  afterAll(async () => {
    clock.reset();
    await app?.stop();
  });

  it('keeps consultation records on the customer’s archive, numbered in time order, with bad input refused', async () => {
    const create = (caller: Caller, input: Record<string, unknown>) => caller.graphql<{ createConsultationRecord: { id: string; version: number; recordNo: string; doctorId: string; answers: { question: string; answer: string }[]; notes: string | null } }>('mutation($i: ConsultationInput!) { createConsultationRecord(input: $i) { id version recordNo doctorId answers { question answer } notes } }', { i: input });
    const first = await create(doctor, { customerId, answers: [{ question: '主诉', answer: '乏力三个月' }, { question: '既往史', answer: '高血压' }, { question: '过敏史', answer: '' }], notes: '建议做血常规与维生素 D 检测' });
    expect(first.body.errors).toBeUndefined();
    const record = first.body.data!.createConsultationRecord;
    expect(record.recordNo).toMatch(/-HR-2026-\d{6}$/);
    expect(record.answers).toEqual([{ question: '主诉', answer: '乏力三个月' }, { question: '既往史', answer: '高血压' }]);
    clock.freezeAt(clock.nowMs() + 60 * 60_000); // the next visit, an hour later
    const second = (await create(doctor, { customerId, answers: [{ question: '主诉', answer: '复诊' }] })).body.data!.createConsultationRecord;
    expect(second.recordNo > record.recordNo).toBe(true);
    expect(errorCodes(await create(doctor, { customerId, answers: [] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await create(agent, { customerId, notes: '坐席' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await create(owner, { customerId, notes: '店主不是医生' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await create(doctor, { customerId: '00000000-0000-4000-8000-000000000000', notes: 'x' }))).toEqual(['NOT_FOUND']);
    const update = (version: number, notes: string) => doctor.graphql<{ updateConsultationRecord: { version: number; notes: string } }>('mutation($i: UpdateConsultationInput!) { updateConsultationRecord(input: $i) { version notes } }', { i: { id: record.id, version, notes } });
    expect(errorCodes(await update(record.version + 5, '过期'))).toEqual(['CONFLICT']);
    expect((await update(record.version, '补充：睡眠差')).body.data!.updateConsultationRecord.notes).toBe('补充：睡眠差');
    const listed = await must<{ consultationRecords: { recordNo: string }[] }>(doctor, 'query($c: ID!) { consultationRecords(customerId: $c) { recordNo } }', { c: customerId });
    expect(listed.consultationRecords.map((r) => r.recordNo)).toEqual([second.recordNo, record.recordNo]);
    const timeline = await must<{ customerTimeline: { nodes: { title: string; summary: string | null }[] } }>(owner, 'query($c: ID!) { customerTimeline(customerId: $c, kinds: ["consultation"]) { nodes { title summary } } }', { c: customerId });
    expect(timeline.customerTimeline.nodes[1]).toEqual({ title: `问诊记录 ${record.recordNo}`, summary: '补充：睡眠差' });
  });

  it('prescribes products with daily amounts, gives the consumption period, and turns the prescription into an order once', async () => {
    const product = await createProduct(hq, { genericName: '维生素D3软胶囊', category: 'SUPPLEMENT', priceCents: 9900 });
    const other = await createProduct(hq, { genericName: '鱼油软胶囊', category: 'SUPPLEMENT', priceCents: 12800 });
    const prescribe = (caller: Caller, input: Record<string, unknown>) => caller.graphql<{ prescribeProducts: Prescription }>(`mutation($i: PrescribeProductsInput!) { prescribeProducts(input: $i) { ${PRESCRIPTION} } }`, { i: input });
    expect(errorCodes(await prescribe(doctor, { customerId, lines: [{ productId: product.id, quantity: 60, dailyAmount: 0 }] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await prescribe(doctor, { customerId, lines: [] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await prescribe(agent, { customerId, lines: [{ productId: product.id, quantity: 60, dailyAmount: 2 }] }))).toEqual(['FORBIDDEN']);
    const res = await prescribe(doctor, { customerId, lines: [{ productId: product.id, quantity: 60, dailyAmount: 2 }, { productId: other.id, quantity: 10, dailyAmount: 3 }], note: '随餐服用' });
    expect(res.body.errors).toBeUndefined();
    const prescription = res.body.data!.prescribeProducts;
    expect(prescription.prescriptionNo).toMatch(/-CF-2026-\d{6}$/);
    // quantity ÷ daily amount in whole days, as the orders count it.
    expect(prescription.lines.map((l) => l.consumptionDays)).toEqual([30, 3]);

    const stock = await createWarehouse(owner, 'RX-WH');
    await receive(owner, stock.warehouseId, [
      { productId: product.id, zoneId: stock.normalZoneId, lotNo: 'RX-1', expiryDate: inDays(400), quantity: 100 },
      { productId: other.id, zoneId: stock.normalZoneId, lotNo: 'RX-2', expiryDate: inDays(400), quantity: 100 },
    ]);
    const order = (caller: Caller, version: number) => caller.graphql<{ orderPrescription: Prescription }>(`mutation($i: OrderPrescriptionInput!) { orderPrescription(input: $i) { ${PRESCRIPTION} } }`, { i: { id: prescription.id, version, channel: 'IN_STORE', warehouseId: stock.warehouseId } });
    expect(errorCodes(await order(doctor, prescription.version))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await order(owner, prescription.version + 3))).toEqual(['CONFLICT']);
    const ordered = await order(owner, prescription.version);
    expect(ordered.body.errors).toBeUndefined();
    const orderId = ordered.body.data!.orderPrescription.orderId!;
    expect(orderId).toBeTruthy();
    const again = await order(owner, ordered.body.data!.orderPrescription.version);
    expect({ codes: errorCodes(again), reason: again.body.errors?.[0]?.extensions?.reason }).toEqual({ codes: ['CONFLICT'], reason: 'ALREADY_ORDERED' });
    // The order carries the daily amounts; handed over today, the orders' consumption period runs from today.
    for (const action of ['payOrder', 'handOverOrder']) await must(owner, `mutation($id: ID!) { ${action}(input: { id: $id }) { id } }`, { id: orderId });
    const lines = (await must<{ order: { totalCents: number; lines: { productId: string; quantity: number; dailyDose: number; runsOutOn: string } [] } }>(owner, 'query($id: ID!) { order(id: $id) { totalCents lines { productId quantity dailyDose runsOutOn } } }', { id: orderId })).order;
    expect(lines.totalCents).toBe(60 * 9900 + 10 * 12800);
    expect(lines.lines.map((l) => [l.quantity, l.dailyDose, l.runsOutOn])).toEqual([[60, 2, '2027-01-13'], [10, 3, '2026-12-17']]);
    const listed = await must<{ prescriptions: { prescriptionNo: string; orderId: string }[] }>(owner, 'query($c: ID!) { prescriptions(customerId: $c) { prescriptionNo orderId } }', { c: customerId });
    expect(listed.prescriptions).toEqual([{ prescriptionNo: prescription.prescriptionNo, orderId }]);
  });

  it('takes a rating of the doctor only after a completed appointment, once, and shows the average with the count', async () => {
    await must(hq, 'mutation($d: ID!) { verifyPractitioner(input: { doctorId: $d, status: VERIFIED }) { id } }', { d: east.doctorId });
    const service = await createService(owner, { kind: 'FOLLOW_UP', name: '评价复诊', durationMinutes: 30 });
    await setSchedule(owner, { doctorId: east.doctorId, storeId: east.branchId, weeklyHours: WEEKDAYS([{ start: '09:00', end: '17:00' }]), slotMinutes: 60 });
    const free = await slots(owner, { doctorId: east.doctorId, storeId: east.branchId, serviceId: service.id, from: '2026-12-15T00:00:00Z', to: '2026-12-16T00:00:00Z', limit: 3 });
    const book = (i: number, c = customerId) => mustBook(owner, { customerId: c, doctorId: east.doctorId, storeId: east.branchId, serviceId: service.id, startsAt: free[i]!.startsAt, channel: 'PHONE' });
    const complete = async (a: { id: string; version: number }) => {
      const inRoom = await mustAct(owner, 'checkInAppointment', { id: a.id, version: a.version });
      return mustAct(owner, 'completeAppointment', { id: inRoom.id, version: inRoom.version });
    };
    const done = await complete(await book(0));
    const doneToo = await complete(await book(1, east.customerIds[1]));
    const pending = await book(2);
    const rate = (appointmentId: string, rating: number, comment?: string) => owner.graphql<{ rateDoctor: { id: string; rating: number; doctorId: string } }>('mutation($i: RateDoctorInput!) { rateDoctor(input: $i) { id rating doctorId comment } }', { i: { appointmentId, rating, comment } });
    const notYet = await rate(pending.id, 5);
    expect({ codes: errorCodes(notYet), reason: (notYet.body.errors?.[0]?.extensions?.fields as { reason: string }[] | undefined)?.[0]?.reason }).toEqual({ codes: ['BAD_USER_INPUT'], reason: 'NOT_COMPLETED' });
    expect(errorCodes(await rate(done.id, 6))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await rate(done.id, 0))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await doctor.graphql('mutation($i: RateDoctorInput!) { rateDoctor(input: $i) { id } }', { i: { appointmentId: done.id, rating: 5 } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await rate('00000000-0000-4000-8000-000000000000', 5))).toEqual(['NOT_FOUND']);
    const rated = await rate(done.id, 5, '耐心细致');
    expect(rated.body.data!.rateDoctor).toMatchObject({ rating: 5, doctorId: east.doctorId });
    const twice = await rate(done.id, 1);
    expect({ codes: errorCodes(twice), reason: twice.body.errors?.[0]?.extensions?.reason }).toEqual({ codes: ['CONFLICT'], reason: 'ALREADY_RATED' });
    expect((await rate(doneToo.id, 4)).body.errors).toBeUndefined();
    const profile = await must<{ practitionerProfile: { ratings: { average: number | null; count: number } } }>(owner, 'query($d: ID!) { practitionerProfile(doctorId: $d) { ratings { average count } } }', { d: east.doctorId });
    expect(profile.practitionerProfile.ratings).toEqual({ average: 4.5, count: 2 });
  });
});
