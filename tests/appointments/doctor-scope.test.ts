import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { APPOINTMENT, createService, healthSetup, mustBook, setSchedule, slots, WEEKDAYS } from './support';

jest.setTimeout(180_000);

const at = (iso: string) => new Date(iso).toISOString();

/**
 * A doctor works at east's branch center and serves the customers of east's stores: a customer
 * of the Xuhui store, whose own doctor is doctor2 (at that store), books a follow-up with
 * doctor@east at the branch center. From the booking on, doctor@east opens the customer's
 * archive, timeline and consultation records and writes a record at the appointment; before it,
 * and for every other role outside the store (the branch center's consulting department, the
 * Hangzhou store's health manager), the archive stays out of reach.
 */
describe('a branch center doctor and the store customers they serve', () => {
  let app: TestApp;
  let owner: Caller;
  let doctor: Caller;
  let consulting: Caller;
  let manager2: Caller;
  let customerId: string;
  let east: Awaited<ReturnType<typeof healthSetup>>;

  const archive = (caller: Caller) => caller.graphql<{ customer: { id: string; name: string } | null }>('query($id: ID!) { customer(id: $id) { id name } }', { id: customerId });

  beforeAll(async () => {
    clock.freezeAt('2026-12-14T08:00:00+08:00');
    app = await startTestApp();
    [owner, doctor, consulting, manager2] = await Promise.all(['owner@east.demo', 'doctor@east.demo', 'consulting@east.demo', 'manager2@east.demo'].map((e) => signIn(app, e))) as unknown as [Caller, Caller, Caller, Caller];
    east = await healthSetup(owner, 'east');
    const staff = await must<{ staffUsers: { nodes: { id: string; email: string }[] }; orgUnits: { nodes: { id: string; code: string }[] } }>(owner, '{ staffUsers(paging: { limit: 100 }) { nodes { id email } } orgUnits(paging: { limit: 50 }) { nodes { id code } } }');
    const id = (email: string) => staff.staffUsers.nodes.find((s) => s.email === email)!.id;
    const xuhui = staff.orgUnits.nodes.find((u) => u.code?.endsWith('SH-XH'))?.id ?? east.storeIds[0]!;
    customerId = (
      await must<{ createOneCustomer: { id: string } }>(owner, 'mutation($c: CustomerInput!) { createOneCustomer(input: { customer: $c }) { id } }', {
        c: { name: '门店顾客 钱芳', phone: '13877776666', orgUnitId: xuhui, doctorId: id('doctor2@east.demo'), healthManagerId: id('manager@east.demo'), sourceChannel: 'WALK_IN', birthDate: '1968-05-02' },
      })
    ).createOneCustomer.id;
  }, 240_000);

  afterAll(async () => {
    clock.reset();
    await app?.stop();
  });

  it('opens the archive of a store customer with an appointment, and nobody else’s scope widens', async () => {
    // Before any appointment: outside the branch center's part of the tree.
    expect((await archive(doctor)).body.data!.customer).toBeNull();
    expect(errorCodes(await doctor.graphql('query($c: ID!) { consultationRecords(customerId: $c) { id } }', { c: customerId }))).toEqual(['NOT_FOUND']);

    const followUp = await createService(owner, { kind: 'FOLLOW_UP', name: '门店顾客复诊', durationMinutes: 30 });
    await setSchedule(owner, { doctorId: east.doctorId, storeId: east.branchId, weeklyHours: WEEKDAYS([{ start: '09:00', end: '17:00' }]), slotMinutes: 30 });
    const [first] = await slots(owner, { doctorId: east.doctorId, storeId: east.branchId, serviceId: followUp.id, from: at('2026-12-14T00:00:00+08:00'), to: at('2026-12-19T00:00:00+08:00'), limit: 1 });
    const appointment = await mustBook(owner, { customerId, doctorId: east.doctorId, storeId: east.branchId, serviceId: followUp.id, startsAt: first!.startsAt, channel: 'PHONE' });

    // The doctor now opens the archive, sees the customer on their calendar and writes the visit's record.
    expect((await archive(doctor)).body.data!.customer).toEqual({ id: customerId, name: '门店顾客 钱芳' });
    const calendar = await must<{ appointments: { nodes: { id: string; customer: { id: string } | null }[] } }>(doctor, `query($d: ID!) { appointments(filter: { doctorId: { eq: $d } }, paging: { limit: 100 }) { nodes { id customer { id } } } }`, { d: east.doctorId });
    expect(calendar.appointments.nodes.find((a) => a.id === appointment.id)?.customer).toEqual({ id: customerId });
    const single = await must<{ appointment: { customer: { id: string } | null } }>(doctor, `query($id: ID!) { appointment(id: $id) { ${APPOINTMENT} customer { id } } }`, { id: appointment.id });
    expect(single.appointment.customer).toEqual({ id: customerId });
    const record = await must<{ createConsultationRecord: { id: string } }>(doctor, 'mutation($c: ID!, $a: ID!) { createConsultationRecord(input: { customerId: $c, appointmentId: $a, answers: [{ question: "主诉", answer: "血压控制不佳" }] }) { id } }', { c: customerId, a: appointment.id });
    const records = await must<{ consultationRecords: { id: string }[] }>(doctor, 'query($c: ID!) { consultationRecords(customerId: $c) { id } }', { c: customerId });
    expect(records.consultationRecords.map((r) => r.id)).toEqual([record.createConsultationRecord.id]);
    expect(errorCodes(await doctor.graphql('query($c: ID!) { customerTimeline(customerId: $c, first: 5) { nodes { kind } } }', { c: customerId }))).toEqual([]);

    // Nobody else outside the store gains anything: the branch center's consulting department, another store's health manager.
    expect((await archive(consulting)).body.data!.customer).toBeNull();
    expect((await archive(manager2)).body.data!.customer).toBeNull();
    const theirCalendar = await must<{ appointments: { nodes: { id: string; customer: { id: string } | null }[] } }>(consulting, `query($d: ID!) { appointments(filter: { doctorId: { eq: $d } }, paging: { limit: 100 }) { nodes { id customer { id } } } }`, { d: east.doctorId });
    expect(theirCalendar.appointments.nodes.find((a) => a.id === appointment.id)?.customer ?? null).toBeNull();
  });

  it('lets the doctor follow the tests they prescribe for the store customer, and the consulting department work on them', async () => {
    const item = (await must<{ createTestItem: { id: string } }>(owner, 'mutation { createTestItem(input: { code: "SCOPE-CBC", name: "血常规", priceCents: 8000, turnaroundDays: 2 }) { id } }')).createTestItem;
    const order = (await must<{ prescribeTests: { id: string; version: number } }>(doctor, 'mutation($c: ID!, $t: ID!) { prescribeTests(input: { customerId: $c, testItemIds: [$t] }) { id version } }', { c: customerId, t: item.id })).prescribeTests;
    const read = (caller: Caller) => caller.graphql<{ testOrder: { id: string } | null; testOrders: { nodes: { id: string }[] } }>('query($id: ID!) { testOrder(id: $id) { id } testOrders(paging: { limit: 200 }) { nodes { id } } }', { id: order.id });
    for (const caller of [doctor, consulting]) {
      const { body } = await read(caller);
      expect(body.data!.testOrder).toEqual({ id: order.id });
      expect(body.data!.testOrders.nodes.map((n) => n.id)).toContain(order.id);
    }
    const other = (await read(manager2)).body.data!;
    expect([other.testOrder, other.testOrders.nodes.some((n) => n.id === order.id)]).toEqual([null, false]);
    const sampled = (await must<{ takeTestOrderAction: { id: string; version: number } }>(owner, 'mutation($id: ID!, $v: Int!) { takeTestOrderAction(input: { id: $id, version: $v, action: "sample_on_site" }) { id version } }', { id: order.id, v: order.version })).takeTestOrderAction;
    const testing = await must<{ takeTestOrderAction: { state: string } }>(consulting, 'mutation($id: ID!, $v: Int!) { takeTestOrderAction(input: { id: $id, version: $v, action: "accept_sample" }) { state } }', { id: sampled.id, v: sampled.version });
    expect(testing.takeTestOrderAction.state).toBe('TESTING');
  });
});
