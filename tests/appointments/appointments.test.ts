import { Client } from 'pg';
import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { act, book, createService, healthSetup, mustAct, mustBook, setSchedule, setWorkingCalendar, slots, WEEKDAYS } from './support';

jest.setTimeout(180_000);

const at = (iso: string) => new Date(iso).toISOString();
const WORKDAY = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }];

/**
 * Appointments with east's doctor at its branch center, the clock set to Monday 14 December
 * 2026, 08:00 in Shanghai. East's calendar has Wednesday 16 December as a holiday; the doctor
 * works 09:00–17:00 on weekdays with lunch 12:00–13:00, is on leave on Thursday and works
 * 14:00–16:00 only on Friday. The follow-up takes 30 minutes plus a 10-minute buffer.
 */
describe('appointments', () => {
  let app: TestApp;
  let pg: Client;
  let owner: Caller;
  let agent: Caller;
  let supervisor: Caller;
  let doctor: Caller;
  let east: Awaited<ReturnType<typeof healthSetup>>;
  let followUp: { id: string };
  const slot = (iso: string, extra: Record<string, unknown> = {}) => ({ customerId: east.customerIds[0], doctorId: east.doctorId, storeId: east.branchId, serviceId: followUp.id, startsAt: at(iso), channel: 'PHONE', ...extra });
  const week = () => slots(owner, { doctorId: east.doctorId, storeId: east.branchId, serviceId: followUp.id, from: at('2026-12-14T00:00:00+08:00'), to: at('2026-12-19T00:00:00+08:00') });

  beforeAll(async () => {
    clock.freezeAt('2026-12-14T08:00:00+08:00');
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    pg = new Client({ connectionString: app.database.url });
    await pg.connect();
    [owner, agent, supervisor, doctor] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo'), signIn(app, 'supervisor@east.demo'), signIn(app, 'doctor@east.demo')]);
    await setWorkingCalendar(owner, WORKDAY, ['2026-12-16']);
    east = await healthSetup(owner, 'east');
    followUp = await createService(owner, { kind: 'FOLLOW_UP', name: '复诊', durationMinutes: 30, bufferMinutes: 10 });
    await setSchedule(owner, { doctorId: east.doctorId, storeId: east.branchId, weeklyHours: WEEKDAYS([{ start: '09:00', end: '17:00' }]), breaks: [{ start: '12:00', end: '13:00' }], slotMinutes: 30 });
    await must(owner, 'mutation($i: ScheduleExceptionInput!) { addScheduleException(input: $i) { id } }', { i: { doctorId: east.doctorId, kind: 'LEAVE', fromDate: '2026-12-17', toDate: '2026-12-17', reason: '外出培训' } });
    await must(owner, 'mutation($i: ScheduleExceptionInput!) { addScheduleException(input: $i) { id } }', { i: { doctorId: east.doctorId, storeId: east.branchId, kind: 'HOURS', fromDate: '2026-12-18', toDate: '2026-12-18', periods: [{ start: '14:00', end: '16:00' }] } });
  }, 240_000);

  afterAll(async () => {
    clock.reset();
    await pg?.end();
    await app?.stop();
  });

  it('computes the week’s free slots in Shanghai across the lunch break, the holiday, the leave and one-off hours', async () => {
    const free = await week();
    const byDay = (day: string) => free.filter((s) => new Date(s.startsAt).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }) === day).map((s) => new Date(s.startsAt).toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }));
    const fullDay = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'];
    expect(byDay('2026-12-14')).toEqual(fullDay);
    expect(byDay('2026-12-15')).toEqual(fullDay);
    expect(byDay('2026-12-16')).toEqual([]); // the holiday of east's calendar
    expect(byDay('2026-12-17')).toEqual([]); // leave
    expect(byDay('2026-12-18')).toEqual(['14:00', '14:30', '15:00', '15:30']); // one-off hours
    expect(free[0]).toEqual({ startsAt: at('2026-12-14T09:00:00+08:00'), endsAt: at('2026-12-14T09:30:00+08:00') });
    // Nothing in the past: at 10:10 the first free slot is 10:30.
    clock.freezeAt('2026-12-14T10:10:00+08:00');
    expect((await week())[0]!.startsAt).toBe(at('2026-12-14T10:30:00+08:00'));
    clock.freezeAt('2026-12-14T08:00:00+08:00');
  });

  it('computes slots in the store’s own time zone (a store in New York: 10:00 there is 15:00 UTC)', async () => {
    const store = east.storeIds[1]!;
    await pg.query(`update org_unit set time_zone = 'America/New_York' where id = $1`, [store]);
    await setSchedule(owner, { doctorId: east.doctorId, storeId: store, weeklyHours: [{ weekday: 6, periods: [{ start: '10:00', end: '12:00' }] }], breaks: [{ start: '11:00', end: '11:30' }], slotMinutes: 30 });
    const free = await slots(owner, { doctorId: east.doctorId, storeId: store, serviceId: followUp.id, from: at('2026-12-19T00:00:00Z'), to: at('2026-12-21T00:00:00Z') });
    // Saturday 19 December in New York (UTC−5): 10:00, 10:30, (break), 11:30.
    expect(free.map((s) => s.startsAt)).toEqual([at('2026-12-19T15:00:00Z'), at('2026-12-19T15:30:00Z'), at('2026-12-19T16:30:00Z')]);
  });

  it('takes one slot exactly once under 50 concurrent bookings: the rest get CONFLICT SLOT_TAKEN with the next free slots', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => book(i % 2 ? agent : owner, slot('2026-12-15T09:00:00+08:00', { customerId: east.customerIds[i % east.customerIds.length] }))));
    const won = results.filter((r) => r.body.data?.bookAppointment);
    const lost = results.filter((r) => r.body.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) {
      expect(r.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SLOT_TAKEN' });
      // 09:00 + 30 min + 10 min buffer blocks 09:30: the next free slot is 10:00.
      expect((r.body.errors![0]!.extensions!.nextSlots as { startsAt: string }[])[0]!.startsAt).toBe(at('2026-12-15T10:00:00+08:00'));
    }
    expect(won[0]!.body.data!.bookAppointment).toMatchObject({ status: 'CONFIRMED', startsAt: at('2026-12-15T09:00:00+08:00'), endsAt: at('2026-12-15T09:30:00+08:00'), blockedUntil: at('2026-12-15T09:40:00+08:00') });
    const { rows } = await pg.query(`select count(*)::int as n from appointment where doctor_id = $1 and starts_at = $2`, [east.doctorId, at('2026-12-15T09:00:00+08:00')]);
    expect(rows[0].n).toBe(1);
    // The database itself refuses an overlap (written past the API: 15 minutes later, inside the first one's time and buffer).
    const copy = `insert into appointment (id, franchise_id, appointment_no, customer_id, doctor_id, store_id, service_id, channel, status, starts_at, ends_at, blocked_until, created_at, updated_at)
      select gen_random_uuid(), franchise_id, appointment_no || '-X', customer_id, doctor_id, store_id, service_id, channel, $2, starts_at + interval '15 minutes', ends_at + interval '15 minutes', blocked_until + interval '15 minutes', created_at, updated_at from appointment where id = $1`;
    await expect(pg.query(copy, [won[0]!.body.data!.bookAppointment.id, 'CONFIRMED'])).rejects.toMatchObject({ code: '23P01' });
    // An inactive one (cancelled) does not hold the slot.
    await pg.query('begin');
    await pg.query(copy, [won[0]!.body.data!.bookAppointment.id, 'CANCELLED']);
    await pg.query('rollback');
    // The slot and the one its buffer overlaps are gone from the offer.
    const tuesday = (await week()).map((s) => s.startsAt);
    expect(tuesday).not.toContain(at('2026-12-15T09:00:00+08:00'));
    expect(tuesday).not.toContain(at('2026-12-15T09:30:00+08:00'));
    expect(tuesday).toContain(at('2026-12-15T10:00:00+08:00'));
  });

  it('reschedules to a new appointment linked to the old one and frees the old slot', async () => {
    const first = await mustBook(agent, slot('2026-12-15T10:00:00+08:00'));
    const moved = await mustAct(agent, 'rescheduleAppointment', { id: first.id, version: first.version, startsAt: at('2026-12-15T14:00:00+08:00'), reason: '客户改约下午' }, 'RescheduleAppointmentInput');
    expect(moved).toMatchObject({ status: 'CONFIRMED', rescheduledFromId: first.id, startsAt: at('2026-12-15T14:00:00+08:00') });
    expect(moved.appointmentNo).not.toBe(first.appointmentNo);
    const old = (await must<{ appointment: { status: string; rescheduledToId: string } }>(agent, 'query($id: ID!) { appointment(id: $id) { status rescheduledToId } }', { id: first.id })).appointment;
    expect(old).toEqual({ status: 'RESCHEDULED', rescheduledToId: moved.id });
    const free = (await week()).map((s) => s.startsAt);
    expect(free).toContain(at('2026-12-15T10:00:00+08:00'));
    expect(free).not.toContain(at('2026-12-15T14:00:00+08:00'));
    // Someone else takes the freed slot; moving onto a taken one is refused and leaves the appointment as it was.
    const other = await mustBook(owner, slot('2026-12-15T10:00:00+08:00', { customerId: east.customerIds[1] }));
    const refused = await act(agent, 'rescheduleAppointment', { id: moved.id, version: moved.version, startsAt: other.startsAt }, 'RescheduleAppointmentInput');
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SLOT_TAKEN' });
    const still = (await must<{ appointment: { status: string; startsAt: string } }>(agent, 'query($id: ID!) { appointment(id: $id) { status startsAt } }', { id: moved.id })).appointment;
    expect(still).toEqual({ status: 'CONFIRMED', startsAt: at('2026-12-15T14:00:00+08:00') });
  });

  it('needs appointment:late_change to cancel or reschedule inside the notice period (from the appointment’s day); a cancellation keeps why and by whom', async () => {
    const today = await mustBook(agent, slot('2026-12-15T15:00:00+08:00'));
    const friday = await mustBook(agent, slot('2026-12-18T14:00:00+08:00'));
    clock.freezeAt('2026-12-15T08:00:00+08:00');
    try {
      const refused = await act(agent, 'cancelAppointment', { id: today.id, version: today.version, reason: '客户临时有事' }, 'CancelAppointmentInput');
      expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INSIDE_NOTICE_PERIOD' });
      const moveRefused = await act(agent, 'rescheduleAppointment', { id: today.id, version: today.version, startsAt: at('2026-12-15T16:00:00+08:00') }, 'RescheduleAppointmentInput');
      expect(moveRefused.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INSIDE_NOTICE_PERIOD' });
      const cancelled = await mustAct(supervisor, 'cancelAppointment', { id: today.id, version: today.version, reason: '客户临时有事' }, 'CancelAppointmentInput');
      expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: '客户临时有事', cancelledAt: at('2026-12-15T08:00:00+08:00') });
      expect(cancelled.cancelledById).toBeTruthy();
      // Friday's is outside the notice period: the agent may cancel it.
      expect(await mustAct(agent, 'cancelAppointment', { id: friday.id, version: friday.version, reason: '改到下周' }, 'CancelAppointmentInput')).toMatchObject({ status: 'CANCELLED' });
    } finally {
      clock.freezeAt('2026-12-14T08:00:00+08:00');
    }
  });

  it('gives an online request 2 working hours to be verified on the franchise’s calendar; overdue, the job escalates it once', async () => {
    clock.freezeAt('2026-12-14T11:00:00+08:00');
    try {
      const requested = await mustBook(agent, slot('2026-12-18T15:00:00+08:00', { channel: 'ONLINE' }));
      // 11:00–12:00, lunch, 13:00–14:00.
      expect(requested).toMatchObject({ status: 'REQUESTED', verifyDueAt: at('2026-12-14T14:00:00+08:00'), verifiedAt: null, escalationLevel: 'AGENT' });
      const check = (now: string) => app.server.jobs!.runNow('appointments.verification-check', { now: at(now) });
      const read = async () => (await must<{ appointment: { status: string; escalationLevel: string; verificationBreachedAt: string | null; version: number } }>(agent, 'query($id: ID!) { appointment(id: $id) { status escalationLevel verificationBreachedAt version } }', { id: requested.id })).appointment;
      await check('2026-12-14T13:59:00+08:00');
      expect(await read()).toMatchObject({ status: 'REQUESTED', escalationLevel: 'AGENT', verificationBreachedAt: null });
      await check('2026-12-14T14:01:00+08:00');
      await check('2026-12-14T14:02:00+08:00');
      const breached = await read();
      expect(breached).toMatchObject({ status: 'REQUESTED', escalationLevel: 'SUPERVISOR', verificationBreachedAt: at('2026-12-14T14:01:00+08:00') });
      const { rows } = await pg.query(`select count(*)::int as n from event_outbox where topic = 'appointment.verification_overdue' and payload->>'appointmentId' = $1`, [requested.id]);
      expect(rows[0].n).toBe(1);
      expect(await mustAct(supervisor, 'confirmAppointment', { id: requested.id, version: breached.version })).toMatchObject({ status: 'CONFIRMED', escalationLevel: 'SUPERVISOR' });
    } finally {
      clock.freezeAt('2026-12-14T08:00:00+08:00');
    }
  });

  it('checks in and completes with the doctor; refuses what does not follow with INVALID_TRANSITION, a stale version with CONFLICT', async () => {
    const a = await mustBook(agent, slot('2026-12-14T16:00:00+08:00'));
    expect(errorCodes(await act(doctor, 'completeAppointment', { id: a.id, version: a.version }))).toEqual(['INVALID_TRANSITION']);
    expect(errorCodes(await act(doctor, 'markAppointmentNoShow', { id: a.id, version: a.version }))).toEqual(['BAD_USER_INPUT']); // not started yet
    expect(errorCodes(await act(doctor, 'checkInAppointment', { id: a.id, version: a.version + 1 }))).toEqual(['CONFLICT']);
    const inRoom = await mustAct(doctor, 'checkInAppointment', { id: a.id, version: a.version });
    const done = await mustAct(doctor, 'completeAppointment', { id: inRoom.id, version: inRoom.version });
    expect(done.status).toBe('COMPLETED');
    expect(errorCodes(await act(agent, 'cancelAppointment', { id: done.id, version: done.version, reason: '晚了' }, 'CancelAppointmentInput'))).toEqual(['INVALID_TRANSITION']);
    // The doctor may not book (no appointment:book).
    expect(errorCodes(await book(doctor, slot('2026-12-14T13:00:00+08:00')))).toEqual(['FORBIDDEN']);
  });

  it('keeps the doctor’s qualifications, training and case studies; only HQ verifies them, a changed qualification needs HQ again, and only verified doctors are booked', async () => {
    const hq = await signIn(app, 'admin@hq.demo');
    const profile = `id version verificationStatus verificationNote verifiedById qualifications { name number url } trainingHistory { title } caseStudies { title }`;
    const read = async () => (await must<{ practitionerProfile: { verificationStatus: string; version: number } }>(agent, 'query($d: ID!) { practitionerProfile(doctorId: $d) { verificationStatus version } }', { d: east.doctorId })).practitionerProfile;
    // The demo's doctor was verified by HQ; a doctor nobody looked at reads PENDING.
    expect((await read()).verificationStatus).toBe('VERIFIED');
    const newcomer = (await must<{ createOneStaffUser: { id: string } }>(owner, 'mutation($b: ID!) { createOneStaffUser(input: { staffUser: { email: "doctor3@east.demo", displayName: "新医生", jobTitle: DOCTOR, orgUnitId: $b, password: "Newcomer-2026!" } }) { id } }', { b: east.branchId })).createOneStaffUser;
    expect((await must<{ practitionerProfile: { verificationStatus: string } }>(agent, 'query($d: ID!) { practitionerProfile(doctorId: $d) { verificationStatus } }', { d: newcomer.id })).practitionerProfile.verificationStatus).toBe('PENDING');
    const kept = await must<{ updatePractitionerProfile: { version: number; qualifications: unknown[]; verificationStatus: string } }>(owner, `mutation($d: ID!) { updatePractitionerProfile(input: { doctorId: $d, qualifications: [{ name: "医师资格证", number: "110000000001", url: "https://files.example.com/cert-1.pdf" }], trainingHistory: [{ title: "功能医学进阶", completedOn: "2025-06-30" }], caseStudies: [{ title: "慢病营养干预", summary: "三个月随访" }] }) { ${profile} } }`, { d: east.doctorId });
    expect(kept.updatePractitionerProfile.qualifications).toEqual([{ name: '医师资格证', number: '110000000001', url: 'https://files.example.com/cert-1.pdf' }]);
    // New qualifications wait for HQ: meanwhile the doctor takes no booking.
    expect(kept.updatePractitionerProfile.verificationStatus).toBe('PENDING');
    const refused = await book(agent, slot('2026-12-15T16:30:00+08:00'));
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'doctorId', reason: 'DOCTOR_NOT_VERIFIED' })] });
    expect(errorCodes(await owner.graphql('mutation($d: ID!) { verifyPractitioner(input: { doctorId: $d, status: VERIFIED }) { id } }', { d: east.doctorId }))).toEqual(['FORBIDDEN']);
    const verified = (await must<{ verifyPractitioner: { verificationStatus: string; verifiedById: string; verificationNote: string } }>(hq, `mutation($d: ID!) { verifyPractitioner(input: { doctorId: $d, status: VERIFIED, note: "资质齐全" }) { ${profile} } }`, { d: east.doctorId })).verifyPractitioner;
    expect(verified).toMatchObject({ verificationStatus: 'VERIFIED', verificationNote: '资质齐全' });
    expect(verified.verifiedById).toBeTruthy();
    const booked = await mustBook(agent, slot('2026-12-15T16:30:00+08:00'));
    expect(booked.status).toBe('CONFIRMED');
    // A stale version is refused; a new qualification sends the doctor back to PENDING.
    expect(errorCodes(await owner.graphql('mutation($d: ID!) { updatePractitionerProfile(input: { doctorId: $d, version: 1, qualifications: [] }) { id } }', { d: east.doctorId }))).toEqual(['CONFLICT']);
    const current = await read();
    const changed = (await must<{ updatePractitionerProfile: { verificationStatus: string } }>(owner, 'mutation($d: ID!, $v: Int!) { updatePractitionerProfile(input: { doctorId: $d, version: $v, qualifications: [{ name: "医师资格证" }, { name: "营养师证" }] }) { verificationStatus } }', { d: east.doctorId, v: current.version })).updatePractitionerProfile;
    expect(changed.verificationStatus).toBe('PENDING');
    expect(errorCodes(await owner.graphql('mutation($d: ID!) { updatePractitionerProfile(input: { doctorId: $d, qualifications: [{ name: "x", url: "javascript:alert(1)" }] }) { id } }', { d: east.doctorId }))).toEqual(['BAD_USER_INPUT']);
    await must(hq, 'mutation($d: ID!) { verifyPractitioner(input: { doctorId: $d, status: VERIFIED }) { id } }', { d: east.doctorId });
  });

  it('rejects bad input with codes and reasons, writing nothing', async () => {
    const reasonOf = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => {
      const e = res.body.errors?.[0]?.extensions;
      return [e?.code, (e?.fields as { reason?: string }[] | undefined)?.[0]?.reason ?? e?.reason];
    };
    const before = (await pg.query('select count(*)::int as n from appointment')).rows[0].n;
    expect(reasonOf(await book(agent, slot('2026-12-14T12:00:00+08:00')))).toEqual(['BAD_USER_INPUT', 'NOT_A_SLOT']); // lunch
    expect(reasonOf(await book(agent, slot('2026-12-16T10:00:00+08:00')))).toEqual(['BAD_USER_INPUT', 'NOT_A_SLOT']); // the holiday
    expect(reasonOf(await book(agent, slot('2026-12-17T10:00:00+08:00')))).toEqual(['BAD_USER_INPUT', 'NOT_A_SLOT']); // leave
    expect(reasonOf(await book(agent, slot('2026-12-14T09:10:00+08:00')))).toEqual(['BAD_USER_INPUT', 'NOT_A_SLOT']); // not on the interval
    expect(reasonOf(await book(agent, slot('2026-12-11T10:00:00+08:00')))).toEqual(['BAD_USER_INPUT', 'IN_THE_PAST']);
    const agentId = (await must<{ staffUsers: { nodes: { id: string }[] } }>(owner, '{ staffUsers(filter: { email: { eq: "agent@east.demo" } }) { nodes { id } } }')).staffUsers.nodes[0]!.id;
    expect(reasonOf(await book(agent, slot('2026-12-14T10:00:00+08:00', { doctorId: agentId })))).toEqual(['BAD_USER_INPUT', 'NOT_A_DOCTOR']);
    expect(reasonOf(await book(agent, slot('2026-12-14T10:00:00+08:00', { storeId: agentId })))).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect((await pg.query('select count(*)::int as n from appointment')).rows[0].n).toBe(before);

    const range = (from: string, to: string) => owner.graphql('query($d: ID!, $s: ID!, $v: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, storeId: $s, serviceId: $v, from: $f, to: $t) { startsAt } }', { d: east.doctorId, s: east.branchId, v: followUp.id, f: at(from), t: at(to) });
    expect(reasonOf(await range('2026-12-15T00:00:00Z', '2026-12-14T00:00:00Z'))).toEqual(['BAD_USER_INPUT', 'BEFORE_START']);
    expect(reasonOf(await range('2026-12-15T00:00:00Z', '2027-03-15T00:00:00Z'))).toEqual(['BAD_USER_INPUT', 'RANGE_TOO_LONG']);

    const schedule = (i: Record<string, unknown>) => owner.graphql('mutation($i: DoctorScheduleInput!) { setDoctorSchedule(input: $i) { id } }', { i: { doctorId: east.doctorId, storeId: east.branchId, breaks: [], ...i } });
    expect(reasonOf(await schedule({ weeklyHours: [{ weekday: 1, periods: [{ start: '17:00', end: '09:00' }] }] }))).toEqual(['BAD_USER_INPUT', 'INVALID_PERIOD']);
    expect(reasonOf(await schedule({ weeklyHours: [{ weekday: 1, periods: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }] }))).toEqual(['BAD_USER_INPUT', 'INVALID_PERIOD']);
    expect(errorCodes(await schedule({ weeklyHours: [{ weekday: 1, periods: [{ start: '9am', end: '12:00' }] }] }))).toEqual(['BAD_USER_INPUT']);
    const dup = await owner.graphql('mutation { createOneHealthService(input: { healthService: { kind: FOLLOW_UP, name: "复诊", durationMinutes: 20 } }) { id } }');
    expect(reasonOf(dup)).toEqual(['BAD_USER_INPUT', 'DUPLICATE']);
    expect(errorCodes(await owner.graphql('mutation { createOneHealthService(input: { healthService: { kind: FOLLOW_UP, name: "太短", durationMinutes: 1 } }) { id } }'))).toEqual(['BAD_USER_INPUT']);
    const leave = await owner.graphql('mutation($d: ID!) { addScheduleException(input: { doctorId: $d, kind: LEAVE, fromDate: "2026-12-20", toDate: "2026-12-19" }) { id } }', { d: east.doctorId });
    expect(reasonOf(leave)).toEqual(['BAD_USER_INPUT', 'BEFORE_START']);
    // The agent keeps no schedules.
    expect(errorCodes(await agent.graphql('mutation($i: DoctorScheduleInput!) { setDoctorSchedule(input: $i) { id } }', { i: { doctorId: east.doctorId, storeId: east.branchId, weeklyHours: [], breaks: [] } }))).toEqual(['FORBIDDEN']);
  });
});
