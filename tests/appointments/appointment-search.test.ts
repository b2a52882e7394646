import { Client } from 'pg';
import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { createService, healthSetup, mustAct, mustBook, setSchedule, WEEKDAYS } from './support';

jest.setTimeout(180_000);

const at = (iso: string) => new Date(iso).toISOString();

interface Customer {
  id: string;
  name: string;
  phone: string;
  member_card_no: string;
  health_manager_id: string;
}

/**
 * Finding appointments (customer name, phone, member card; time range, time of day at the store,
 * store, doctor), counting them by store, doctor, date and hour, and the evening's next-day lists
 * for doctors and health managers. East's doctor works weekdays 09:00–17:00 at its branch center
 * and its first store; the clock is Monday 14 December 2026, 10:00 in Shanghai.
 */
describe('appointment search, statistics and the next-day lists', () => {
  let app: TestApp;
  let second: TestApp;
  let pg: Client;
  let owner: Caller;
  let agent: Caller;
  let east: Awaited<ReturnType<typeof healthSetup>>;
  let serviceId: string;
  let a: Customer;
  let b: Customer;
  const ids: Record<string, string> = {};

  const search = async (filter: Record<string, unknown>): Promise<string[]> =>
    (
      await must<{ appointments: { nodes: { appointmentNo: string }[] } }>(agent, 'query($f: AppointmentFilter!) { appointments(filter: $f, paging: { limit: 50 }) { nodes { appointmentNo } } }', {
        f: { and: [{ serviceId: { eq: serviceId } }, filter] },
      })
    ).appointments.nodes.map((n) => n.appointmentNo);
  const numbers = (...keys: string[]) => keys.map((k) => ids[k]).sort();

  beforeAll(async () => {
    clock.freezeAt('2026-12-14T10:00:00+08:00');
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    pg = new Client({ connectionString: app.database.url });
    await pg.connect();
    [owner, agent] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo')]);
    east = await healthSetup(owner, 'east');
    serviceId = (await createService(owner, { kind: 'FIRST_VISIT', name: '查询测试初诊', durationMinutes: 30, bufferMinutes: 0 })).id;
    for (const storeId of [east.branchId, east.storeIds[0]!])
      await setSchedule(owner, { doctorId: east.doctorId, storeId, weeklyHours: WEEKDAYS([{ start: '09:00', end: '17:00' }]), breaks: [{ start: '12:00', end: '13:00' }], slotMinutes: 30 });
    // Two east customers with a member card and different names, each looked after by a health manager.
    const { rows } = await pg.query<Customer>(
      `select c.id, c.name, c.phone, c.member_card_no, c.health_manager_id from customer c join org_unit f on f.id = c.franchise_id
        where f.code = 'EAST' and c.status = 'ACTIVE' and c.member_card_no is not null and c.health_manager_id is not null order by c.record_no limit 20`,
    );
    a = rows[0]!;
    b = rows.find((r) => r.id !== a.id && !r.name.includes(a.name) && !a.name.includes(r.name) && r.phone !== a.phone)!;
    const book = async (key: string, customer: Customer, startsAt: string, storeId = east.branchId) =>
      (ids[key] = (await mustBook(agent, { customerId: customer.id, doctorId: east.doctorId, storeId, serviceId, startsAt: at(startsAt), channel: 'PHONE' })).appointmentNo);
    await book('aTueMorning', a, '2026-12-15T09:00:00+08:00');
    await book('aTueAfternoon', a, '2026-12-15T14:00:00+08:00', east.storeIds[0]);
    await book('bTueMorning', b, '2026-12-15T10:30:00+08:00');
    await book('bWedAfternoon', b, '2026-12-16T15:30:00+08:00');
    const cancelled = await mustBook(agent, { customerId: b.id, doctorId: east.doctorId, storeId: east.branchId, serviceId, startsAt: at('2026-12-16T09:00:00+08:00'), channel: 'PHONE' });
    ids.bCancelled = cancelled.appointmentNo;
    await mustAct(agent, 'cancelAppointment', { id: cancelled.id, version: cancelled.version, reason: '客户出差' }, 'CancelAppointmentInput');
  }, 240_000);

  afterAll(async () => {
    clock.reset();
    await pg?.end();
    await second?.stop();
    await app?.stop();
  });

  it('finds appointments by the customer’s name, phone or member card, in one page', async () => {
    expect((await search({ customer: { iLike: `%${a.name}%` } })).sort()).toEqual(numbers('aTueMorning', 'aTueAfternoon'));
    expect((await search({ customer: { eq: b.phone } })).sort()).toEqual(numbers('bTueMorning', 'bWedAfternoon', 'bCancelled'));
    expect((await search({ customer: { iLike: `%${a.phone.slice(-4)}%` }, status: { neq: 'CANCELLED' } }))).toEqual(expect.arrayContaining(numbers('aTueMorning', 'aTueAfternoon')));
    expect((await search({ customer: { eq: a.member_card_no } })).sort()).toEqual(numbers('aTueMorning', 'aTueAfternoon'));
    expect(await search({ customer: { eq: '没有这个人' } })).toEqual([]);
  });

  it('narrows by time range, time of day at the store, store and doctor', async () => {
    const tuesday = { startsAt: { between: { lower: at('2026-12-15T00:00:00+08:00'), upper: at('2026-12-16T00:00:00+08:00') } } };
    expect((await search(tuesday)).sort()).toEqual(numbers('aTueMorning', 'aTueAfternoon', 'bTueMorning'));
    // The afternoon slot (13:00–18:00 local), whatever the day.
    expect((await search({ timeOfDay: { gte: '13:00', lt: '18:00' } })).sort()).toEqual(numbers('aTueAfternoon', 'bWedAfternoon'));
    expect((await search({ and: [tuesday, { timeOfDay: { between: { lower: '09:00', upper: '11:00' } } }] })).sort()).toEqual(numbers('aTueMorning', 'bTueMorning'));
    expect(await search({ storeId: { eq: east.storeIds[0] } })).toEqual([ids.aTueAfternoon]);
    expect((await search({ doctorId: { eq: east.doctorId }, status: { eq: 'CONFIRMED' } })).length).toBe(4);
    // Sorted by start time by default.
    expect(await search({ customer: { iLike: `%${b.name}%` } })).toEqual([ids.bTueMorning, ids.bCancelled, ids.bWedAfternoon]);
    const bad = await agent.graphql('{ appointments(filter: { timeOfDay: { gte: "9am" } }) { totalCount } }');
    expect(bad.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'filter.timeOfDay', reason: 'INVALID_TIME' })] });
  });

  it('counts by store, date, hour and doctor from the same filter', async () => {
    const stats = async (by: string[], filter: Record<string, unknown> = {}) =>
      (await must<{ appointmentStatistics: Record<string, unknown>[] }>(agent, 'query($by: [AppointmentStatsDimension!]!, $f: AppointmentFilter) { appointmentStatistics(by: $by, filter: $f) { storeId storeName doctorId doctorName date hour total active completed cancelled noShow rescheduled } }', {
        by,
        f: { and: [{ serviceId: { eq: serviceId } }, filter] },
      })).appointmentStatistics;
    const byDate = await stats(['DATE']);
    expect(byDate.map((r) => [r.date, r.total, r.active, r.cancelled])).toEqual([
      ['2026-12-15', 3, 3, 0],
      ['2026-12-16', 2, 1, 1],
    ]);
    const byStore = await stats(['STORE']);
    expect(byStore).toHaveLength(2);
    expect(byStore.find((r) => r.storeId === east.storeIds[0])).toMatchObject({ total: 1, storeName: expect.any(String), doctorId: null, date: null });
    expect(byStore.find((r) => r.storeId === east.branchId)).toMatchObject({ total: 4, cancelled: 1 });
    const byHour = await stats(['DATE', 'HOUR'], { status: { neq: 'CANCELLED' } });
    expect(byHour.map((r) => [r.date, r.hour, r.total])).toEqual([
      ['2026-12-15', 9, 1],
      ['2026-12-15', 10, 1],
      ['2026-12-15', 14, 1],
      ['2026-12-16', 15, 1],
    ]);
    const byDoctor = await stats(['DOCTOR'], { customer: { iLike: `%${a.name}%` } });
    expect(byDoctor).toEqual([expect.objectContaining({ doctorId: east.doctorId, doctorName: expect.any(String), total: 2 })]);
    expect((await agent.graphql('{ appointmentStatistics(by: []) { total } }')).body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('gives each doctor and health manager the next day’s list once from 18:00 the evening before, even with two instances', async () => {
    const lists = async () =>
      (await pg.query<{ staff_id: string; subject: string; body: string }>(`select staff_id, subject, body from notification_message where kind = 'appointment.next_day' order by staff_id`)).rows;
    await app.server.jobs!.runNow('appointments.next-day-lists', { now: at('2026-12-14T17:59:00+08:00') });
    expect(await lists()).toEqual([]);
    second = await startTestApp({ JOBS_ENABLED: 'true' }, { database: app.database });
    const evening = { now: at('2026-12-14T18:05:00+08:00') };
    await Promise.all([app.server.jobs!.runNow('appointments.next-day-lists', evening), second.server.jobs!.runNow('appointments.next-day-lists', evening)]);
    await app.server.jobs!.runNow('appointments.next-day-lists', { now: at('2026-12-14T18:20:00+08:00') });
    const sent = await lists();
    const storeManagers = (await pg.query<{ id: string }>(`select id from staff_user where org_unit_id = $1 and job_title = 'HEALTH_MANAGER'`, [east.storeIds[0]])).rows.map((r) => r.id);
    const recipients = [...new Set([east.doctorId, a.health_manager_id, b.health_manager_id, ...storeManagers])].sort();
    // Each of them once (other lists of the day, e.g. the demo's, may go to others too).
    const mine = sent.filter((m) => recipients.includes(m.staff_id));
    expect(mine.map((m) => m.staff_id)).toEqual(recipients);
    const doctorList = mine.find((m) => m.staff_id === east.doctorId)!;
    expect(doctorList.subject).toBe('2026-12-15 共 3 个预约');
    // In time order, Wednesday's not yet (its list goes out on Tuesday evening).
    expect(doctorList.body.split('\n').slice(1).map((line) => line.slice(0, 5))).toEqual(['09:00', '10:30', '14:00']);
    expect(doctorList.body).toContain(a.name);
    expect(doctorList.body).not.toContain(ids.bWedAfternoon);
    // The health manager of a's sees a's appointments (and, at a store, that store's).
    const aManager = mine.find((m) => m.staff_id === a.health_manager_id)!;
    expect(aManager.body).toContain(ids.aTueMorning);
  });
});
