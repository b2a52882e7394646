import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { book, createService, healthSetup, setSchedule, slots, WEEKDAYS } from '../appointments/support';
import { countStatementsOfApi, load, measure, profiled, report, type Figures } from './measure';

const DOCTORS = Number(process.env.BENCH_DOCTORS ?? 50);
const DAYS = 30;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SLOT_RUNS = Number(process.env.BENCH_SLOT_RUNS ?? 250);
const DAY_MS = 86_400_000;

/** The inputs availableSlots reads for one doctor, in one plain statement (the floor for its database part). */
const PLAIN_SLOT_INPUTS = `
  select s.weekly_hours, s.breaks, s.slot_minutes, u.time_zone,
         (select coalesce(json_agg(json_build_object('kind', x.kind, 'fromDate', x.from_date, 'toDate', x.to_date, 'periods', x.periods)), '[]') from doctor_schedule_exception x
           where x.doctor_id = s.doctor_id and (x.store_id is null or x.store_id = s.store_id) and x.to_date >= $3::date and x.from_date <= $4::date) as exceptions,
         (select coalesce(json_agg(json_build_object('startsAt', a.starts_at, 'blockedUntil', a.blocked_until)), '[]') from appointment a
           where a.doctor_id = s.doctor_id and a.status in ('REQUESTED', 'CONFIRMED', 'CHECKED_IN') and a.starts_at < $4::timestamptz and a.blocked_until > $3::timestamptz) as busy
    from doctor_schedule s join org_unit u on u.id = s.store_id
   where s.doctor_id = $1 and s.store_id = $2`;

/**
 * Appointments at scale, product beside plain pg in the same run: `availableSlots` for each of
 * 50 doctors over 30 days (one doctor per call, the doctors in turn; and all 50 at once, as a
 * calendar of a branch center asks), and bookings per second with 32 clients on different free
 * slots (each booking re-checked by the exclusion constraint), beside plain inserts of the same
 * appointment rows. The clock is Monday 14 December 2026, 08:00 in Shanghai; the doctors work
 * 09:00–17:00 on weekdays at east's branch center with lunch 12:00–13:00, 30-minute slots for a
 * 30-minute follow-up with a 10-minute buffer. Figures go to tests/bench/results/appointments.json.
 */
describe('appointments benchmarks', () => {
  let app: TestApp;
  let owner: Caller;
  let agent: Caller;
  let pool: Pool;
  let east: Awaited<ReturnType<typeof healthSetup>>;
  let serviceId: string;
  let customerIds: string[];
  const doctorIds: string[] = [];
  const figures: Figures[] = [];
  const notes: Record<string, unknown> = {};
  const from = new Date('2026-12-14T08:00:00+08:00');
  const to = new Date(from.getTime() + DAYS * DAY_MS);
  const slotQuery = (doctorId: string) => ({ doctorId, storeId: east.branchId, serviceId, from: from.toISOString(), to: to.toISOString() });

  beforeAll(async () => {
    clock.freezeAt(from.toISOString());
    app = await startTestApp({ LOG_LEVEL: 'warn' });
    pool = new Pool({ connectionString: app.database.url, max: CLIENTS });
    const hq = await signIn(app, 'admin@hq.demo');
    [owner, agent] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo')]);
    east = await healthSetup(owner, 'east');
    serviceId = (await createService(owner, { kind: 'FOLLOW_UP', name: '压测复诊', durationMinutes: 30, bufferMinutes: 10 })).id;
    customerIds = (await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 200 }) { nodes { id } } }')).customers.nodes.map((c) => c.id);
    for (let i = 0; i < DOCTORS; i++) {
      const { createOneStaffUser } = await must<{ createOneStaffUser: { id: string } }>(owner, 'mutation($e: String!, $n: String!, $b: ID!) { createOneStaffUser(input: { staffUser: { email: $e, displayName: $n, jobTitle: DOCTOR, orgUnitId: $b, password: "Slots-Under-Load-2026!" } }) { id } }', {
        e: `bench-doctor-${i}@east.demo`,
        n: `压测医生${i + 1}`,
        b: east.branchId,
      });
      await must(hq, 'mutation($d: ID!) { verifyPractitioner(input: { doctorId: $d, status: VERIFIED }) { id } }', { d: createOneStaffUser.id });
      await setSchedule(owner, { doctorId: createOneStaffUser.id, storeId: east.branchId, weeklyHours: WEEKDAYS([{ start: '09:00', end: '17:00' }]), breaks: [{ start: '12:00', end: '13:00' }], slotMinutes: 30 });
      doctorIds.push(createOneStaffUser.id);
    }
  }, 600_000);

  afterAll(async () => {
    clock.reset();
    await pool?.end();
    await app?.stop();
    report('appointments', figures, { ...notes, doctors: DOCTORS, days: DAYS, clients: CLIENTS, seconds: SECONDS, loadAverage1m: os.loadavg()[0]!.toFixed(2) });
  });

  it('computes free slots for 50 doctors over 30 days, beside plain pg reading the same inputs', async () => {
    const statements = countStatementsOfApi();
    // Every doctor's 30 days once: the slots the booking run takes from, and a check that the work is real.
    const free = await Promise.all(doctorIds.map((d) => slots(agent, slotQuery(d))));
    const perDoctor = free.map((s) => s.length);
    expect(Math.min(...perDoctor)).toBeGreaterThan(100);
    notes.freeSlotsPerDoctor = perDoctor[0];

    let turn = 0;
    const before = statements();
    figures.push(await measure('availableSlots, one doctor, 30 days', SLOT_RUNS, () => slots(agent, slotQuery(doctorIds[turn++ % doctorIds.length]!))));
    notes.statementsPerSlotsCall = Math.round(((statements() - before) / (SLOT_RUNS + 20)) * 100) / 100;
    figures.push(await measure('availableSlots, all 50 doctors at once', 20, () => Promise.all(doctorIds.map((d) => slots(agent, slotQuery(d)))), 3));
    const fromDate = from.toISOString().slice(0, 10);
    const toDate = to.toISOString().slice(0, 10);
    figures.push(await measure('plain pg: one doctor’s slot inputs', SLOT_RUNS, () => pool.query(PLAIN_SLOT_INPUTS, [doctorIds[turn++ % doctorIds.length], east.branchId, fromDate, toDate])));
  });

  it('books different free slots with 32 clients, beside plain inserts of the same rows', async () => {
    // Each doctor's free slots of the next 30 days, every other one (a booking holds its 30 minutes plus
    // the 10-minute buffer, so the next half-hour slot is no longer free), interleaved so concurrent
    // clients book different doctors.
    const all = await Promise.all(doctorIds.map(async (doctorId) => (await slots(agent, slotQuery(doctorId))).filter((_, i) => i % 2 === 0).map((s) => ({ doctorId, ...s }))));
    const queue = Array.from({ length: Math.max(...all.map((a) => a.length)) }, (_, i) => all.map((a) => a[i]).filter((s) => s !== undefined)).flat();
    // The product's bookings first, plain inserts on the rest (plain pg inserts several times faster).
    const split = Math.floor(queue.length / 4);
    const productSlots = queue.slice(0, split);
    const plainSlots = queue.slice(split);
    let next = 0;
    let firstError: unknown;
    const booked = await profiled('bookings', () => load('bookAppointment, 32 clients, different slots', CLIENTS, SECONDS, async () => {
      const slot = productSlots[next++];
      if (!slot) return null;
      const res = await book(agent, { customerId: customerIds[next % customerIds.length], doctorId: slot.doctorId, storeId: east.branchId, serviceId, startsAt: slot.startsAt, channel: 'PHONE' });
      if (res.body.errors) firstError ??= res.body.errors;
      return !res.body.errors;
    }));
    figures.push(booked);
    notes.bookingsPerSecond = booked.perSecond;
    notes.bookingFailures = booked.failed;
    if (firstError) notes.firstBookingError = firstError;
    expect(booked.failed).toBe(0);
    expect(next).toBeLessThan(productSlots.length); // the run ended by time, not out of slots

    const { rows } = await pool.query<{ franchise_id: string }>('select franchise_id from org_unit where id = $1', [east.branchId]);
    const franchiseId = rows[0]!.franchise_id;
    let plainNext = 0;
    const plain = await load('plain pg insert, 32 clients, different slots', CLIENTS, SECONDS, async () => {
      const slot = plainSlots[plainNext++];
      if (!slot) return null;
      const starts = new Date(slot.startsAt);
      await pool.query(
        `insert into appointment (id, franchise_id, version, created_at, updated_at, appointment_no, customer_id, doctor_id, store_id, service_id, channel, status, starts_at, ends_at, blocked_until)
         values ($1, $2, 1, now(), now(), $3, $4, $5, $6, $7, 'PHONE', 'CONFIRMED', $8, $9, $10)`,
        [randomUUID(), franchiseId, `BENCH-${plainNext}`, customerIds[plainNext % customerIds.length], slot.doctorId, east.branchId, serviceId, starts, new Date(slot.endsAt), new Date(starts.getTime() + 40 * 60_000)],
      );
      return true;
    });
    figures.push(plain);
    notes.plainInsertsPerSecond = plain.perSecond;
    notes.bookingsToPlainRatio = Math.round((booked.perSecond / plain.perSecond) * 100) / 100;
    expect(plain.failed).toBe(0);
  });
});
