import { Client } from 'pg';
import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { createService, healthSetup, mustAct, mustBook, setSchedule, WEEKDAYS } from './support';

jest.setTimeout(180_000);

interface Message {
  kind: string;
  channel: string;
  body: string;
  subject: string | null;
}

const at = (iso: string) => new Date(iso).toISOString();

/**
 * What customers and doctors hear about appointments, through the platform notifications with
 * the franchise's templates: confirmation, change, cancellation and the day-before reminder
 * (sent once, even by two API instances at once); the doctor is told of each booking.
 */
describe('appointment messages', () => {
  let app: TestApp;
  let second: TestApp;
  let pg: Client;
  let owner: Caller;
  let agent: Caller;
  let doctor: Caller;
  let east: Awaited<ReturnType<typeof healthSetup>>;
  let serviceId: string;
  let customer: { id: string; name: string };
  let doctorName: string;
  let branchName: string;

  const messages = async (refId: string): Promise<Message[]> =>
    (await must<{ notificationMessages: { nodes: Message[] } }>(owner, 'query($r: ID!) { notificationMessages(filter: { refId: { eq: $r } }, paging: { limit: 50 }) { nodes { kind channel body subject } } }', { r: refId })).notificationMessages.nodes;
  /** Waits for the reaction to an appointment's event to leave its message (reactions run after the commit). */
  const messageOf = async (refId: string, kind: string, count = 1): Promise<Message[]> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = (await messages(refId)).filter((m) => m.kind === kind);
      if (found.length >= count || Date.now() > deadline) return found;
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const book = (startsAt: string, channel = 'PHONE') => mustBook(agent, { customerId: customer.id, doctorId: east.doctorId, storeId: east.branchId, serviceId, startsAt: at(startsAt), channel });

  beforeAll(async () => {
    // Monday 14 December 2026, 10:00 in Shanghai.
    clock.freezeAt('2026-12-14T10:00:00+08:00');
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    pg = new Client({ connectionString: app.database.url });
    await pg.connect();
    [owner, agent, doctor] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo'), signIn(app, 'doctor@east.demo')]);
    east = await healthSetup(owner, 'east');
    serviceId = (await createService(owner, { kind: 'REPORT_INTERPRETATION', name: '报告解读', durationMinutes: 45, bufferMinutes: 15 })).id;
    await setSchedule(owner, { doctorId: east.doctorId, storeId: east.branchId, weeklyHours: WEEKDAYS([{ start: '09:00', end: '17:00' }]), breaks: [{ start: '12:00', end: '13:00' }], slotMinutes: 60 });
    // A customer who may be written to by SMS, with no quiet hours in the way.
    const { customers } = await must<{ customers: { nodes: { id: string; version: number; name: string }[] } }>(owner, '{ customers(paging: { limit: 1, offset: 7 }, sorting: [{ field: recordNo, direction: ASC }]) { nodes { id version name } } }');
    const c = customers.nodes[0]!;
    await must(owner, 'mutation($id: ID!, $v: Int!) { updateOneCustomer(input: { id: $id, version: $v, update: { consentSms: true } }) { id } }', { id: c.id, v: c.version });
    await must(owner, 'mutation { updateNotificationSettings(input: { quietHoursStart: null, quietHoursEnd: null }) { franchiseId } }');
    customer = { id: c.id, name: c.name };
    const names = await must<{ staffUser: { displayName: string }; orgUnit: { name: string } }>(owner, 'query($d: ID!, $b: ID!) { staffUser(id: $d) { displayName } orgUnit(id: $b) { name } }', { d: east.doctorId, b: east.branchId });
    [doctorName, branchName] = [names.staffUser.displayName, names.orgUnit.name];
  }, 240_000);

  afterAll(async () => {
    clock.reset();
    await pg?.end();
    await second?.stop();
    await app?.stop();
  });

  it('fills the franchise’s own template with the customer, doctor, store, time and service; refuses an unknown placeholder at save', async () => {
    const refused = await owner.graphql('mutation { createOneNotificationTemplate(input: { template: { kind: "appointment.confirmed", channel: SMS, body: "{{customerName}}，您的{{petName}}已约好" } }) { id } }');
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', placeholder: 'petName' });
    await must(owner, 'mutation { createOneNotificationTemplate(input: { template: { kind: "appointment.confirmed", channel: SMS, body: "{{customerName}}您好：{{time}} 在{{storeName}}，{{doctorName}}医生为您{{serviceName}}，预约号{{appointmentNo}}。" } }) { id } }');
    const a = await book('2026-12-15T10:00:00+08:00');
    const [sms] = await messageOf(a.id, 'appointment.confirmed');
    expect(sms).toMatchObject({ channel: 'SMS', body: `${customer.name}您好：2026-12-15 10:00 在${branchName}，${doctorName}医生为您报告解读，预约号${a.appointmentNo}。` });
    // The doctor hears of the booking in the panel.
    const deadline = Date.now() + 30_000;
    let bell: { subject: string; body: string }[] = [];
    while (!bell.length && Date.now() < deadline) {
      bell = (await must<{ myNotifications: { nodes: { kind: string; subject: string; body: string; refId: string }[] } }>(doctor, '{ myNotifications(paging: { limit: 20 }) { nodes { kind subject body refId } } }')).myNotifications.nodes.filter((n) => n.refId === a.id);
      if (!bell.length) await new Promise((r) => setTimeout(r, 250));
    }
    expect(bell[0]!.body).toContain(customer.name);
    expect(bell[0]!.subject).toContain('新预约');
  });

  it('tells the customer of a change (old and new time) and of a cancellation, in the built-in wording of the source', async () => {
    const a = await book('2026-12-16T14:00:00+08:00');
    await messageOf(a.id, 'appointment.confirmed');
    const moved = await mustAct(agent, 'rescheduleAppointment', { id: a.id, version: a.version, startsAt: at('2026-12-17T09:00:00+08:00') }, 'RescheduleAppointmentInput');
    const [changed] = await messageOf(moved.id, 'appointment.changed');
    expect(changed!.body).toBe(`尊敬的${customer.name}，您原定2026-12-16 14:00的预约已改为2026-12-17 09:00，${doctorName}医生（${branchName}）的报告解读项目，请按时来中心接受服务，期待您的光临。【华东健康药房】`);
    expect(await messages(moved.id).then((m) => m.filter((x) => x.kind === 'appointment.confirmed'))).toEqual([]);
    await mustAct(agent, 'cancelAppointment', { id: moved.id, version: moved.version, reason: '出差' }, 'CancelAppointmentInput');
    const [cancelled] = await messageOf(moved.id, 'appointment.cancelled');
    expect(cancelled!.body).toBe(`尊敬的${customer.name}，您在2026-12-17 09:00预约的报告解读项目已经取消，感谢您的支持！【华东健康药房】`);
  });

  it('confirms an online request only once it is verified', async () => {
    const requested = await book('2026-12-18T09:00:00+08:00', 'ONLINE');
    // The doctor's notice (in the panel, not in the customer message log) shows the booking's reactions ran.
    const deadline = Date.now() + 30_000;
    while (!(await pg.query(`select 1 from notification_message where kind = 'appointment.for_doctor' and ref_id = $1`, [requested.id])).rowCount && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect((await pg.query(`select staff_id from notification_message where kind = 'appointment.for_doctor' and ref_id = $1`, [requested.id])).rows).toEqual([{ staff_id: east.doctorId }]);
    expect((await messages(requested.id)).filter((m) => m.kind === 'appointment.confirmed')).toEqual([]);
    await mustAct(agent, 'confirmAppointment', { id: requested.id, version: requested.version });
    expect(await messageOf(requested.id, 'appointment.confirmed')).toHaveLength(1);
  });

  it('reminds the customer once the evening before, even with two API instances running the job at the same moment', async () => {
    const tomorrow = await book('2026-12-15T14:00:00+08:00');
    const reminders = async () => (await pg.query(`select count(*)::int as n from notification_message where kind = 'appointment.reminder' and ref_id = $1`, [tomorrow.id])).rows[0].n as number;
    await app.server.jobs!.runNow('appointments.reminders', { now: at('2026-12-14T17:59:00+08:00') });
    expect(await reminders()).toBe(0);
    second = await startTestApp({ JOBS_ENABLED: 'true' }, { database: app.database });
    const now = { now: at('2026-12-14T18:05:00+08:00') };
    await Promise.all([app.server.jobs!.runNow('appointments.reminders', now), second.server.jobs!.runNow('appointments.reminders', now)]);
    await app.server.jobs!.runNow('appointments.reminders', { now: at('2026-12-14T18:20:00+08:00') });
    expect(await reminders()).toBe(1);
    const [reminder] = await messageOf(tomorrow.id, 'appointment.reminder');
    expect(reminder!.body).toContain('2026-12-15 14:00');
    expect(reminder!.body).toContain(customer.name);
    // Wednesday's is not due yet on Monday evening.
    const wednesday = await book('2026-12-16T10:00:00+08:00');
    expect((await messages(wednesday.id)).filter((m) => m.kind === 'appointment.reminder')).toEqual([]);
  });
});
