import { Client } from 'pg';
import type { BusinessCalendarSpec } from '../../api/src/modules/cases/business-time';
import { resumeClock, schedule, targetFor, BUILT_IN_POLICY, type EffectivePolicy } from '../../api/src/modules/cases/sla.service';
import { CaseChannel, CasePriority, CaseType } from '../../api/src/modules/cases/case.entity';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { caseAction, collectFromSubscription, openCase } from './support';
import { clock } from '@pharmadesk/api';

const at = (iso: string) => new Date(iso);

/** Shanghai office hours with the 2026 National Day week off and its make-up Saturday. */
const calendar: BusinessCalendarSpec = {
  timeZone: 'Asia/Shanghai',
  workingHours: { 0: [], 1: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }], 2: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }], 3: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }], 4: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }], 5: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }], 6: [] },
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: [{ date: '2026-10-10' }],
};
const policy: EffectivePolicy = { ...BUILT_IN_POLICY, calendar };
const complaintByPhone = { type: CaseType.COMPLAINT, channel: CaseChannel.PHONE, priority: CasePriority.NORMAL };
const chat = { type: CaseType.CONSULTATION, channel: CaseChannel.ONLINE_CHAT, priority: CasePriority.NORMAL };

describe('SLA clocks on a business calendar', () => {
  it('picks the domain defaults: phone 15 min, online 30 min, complaint verification in 2 working days', () => {
    expect(targetFor(policy, complaintByPhone)).toMatchObject({ firstResponseMinutes: 15, verificationWorkingDays: 2 });
    expect(targetFor(policy, chat)).toMatchObject({ firstResponseMinutes: 30 });
  });

  it('counts working hours only: lunch, the evening, a weekend and a holiday are skipped', () => {
    // Tuesday 11:50 + 30 min: 10 min before lunch, 20 after.
    expect(schedule(policy, true, at('2026-09-15T11:50:00+08:00'), { minutes: 30 }).dueAt).toEqual(at('2026-09-15T13:20:00+08:00'));
    // Friday 17:50 + 30 min: 10 min on Friday, 20 on Monday morning.
    expect(schedule(policy, true, at('2026-09-18T17:50:00+08:00'), { minutes: 30 }).dueAt).toEqual(at('2026-09-21T09:20:00+08:00'));
    // Wednesday 30 Sep 17:30 + 60 min: National Day (1–7 Oct, with the weekend) → Thursday 8 Oct 09:30.
    expect(schedule(policy, true, at('2026-09-30T17:30:00+08:00'), { minutes: 60 }).dueAt).toEqual(at('2026-10-08T09:30:00+08:00'));
    // Complaint verification "within 2 working days" from Friday 9 Oct: the make-up Saturday counts → closing on Monday 12 Oct.
    expect(schedule(policy, true, at('2026-10-09T10:00:00+08:00'), { workingDays: 2 }).dueAt).toEqual(at('2026-10-12T18:00:00+08:00'));
    // Around the clock (calendarHours false) ignores the calendar.
    expect(schedule(policy, false, at('2026-10-01T23:50:00+08:00'), { minutes: 30 }).dueAt).toEqual(at('2026-10-02T00:20:00+08:00'));
  });

  it('warns at the threshold share of the working time', () => {
    const { warnAt, dueAt } = schedule(policy, true, at('2026-09-18T17:50:00+08:00'), { minutes: 30 });
    expect(dueAt).toEqual(at('2026-09-21T09:20:00+08:00'));
    expect(warnAt).toEqual(at('2026-09-21T09:14:00+08:00')); // 24 of 30 working minutes
  });

  it('pauses while waiting on the customer and resumes with the working time left', () => {
    // Due Thursday 10:30, paused at 10:10 (20 working minutes left), resumed the next Monday 09:00.
    const clock = { pausedAt: at('2026-09-17T10:10:00+08:00'), dueAt: at('2026-09-17T10:30:00+08:00'), warnAt: at('2026-09-17T10:24:00+08:00'), breachedAt: null, warnedAt: null };
    resumeClock(clock, calendar, at('2026-09-21T09:00:00+08:00'));
    expect(clock).toMatchObject({ pausedAt: null, dueAt: at('2026-09-21T09:20:00+08:00'), warnAt: at('2026-09-21T09:14:00+08:00') });
    // Paused and resumed outside working hours: nothing moves.
    const weekend = { pausedAt: at('2026-09-19T10:00:00+08:00'), dueAt: at('2026-09-21T09:20:00+08:00'), warnAt: at('2026-09-21T09:14:00+08:00'), breachedAt: null, warnedAt: null };
    resumeClock(weekend, calendar, at('2026-09-20T16:00:00+08:00'));
    expect(weekend.dueAt).toEqual(at('2026-09-21T09:20:00+08:00'));
    // Across a holiday: paused Wed 30 Sep 17:00, resumed Thu 8 Oct 10:00 → 60 + 60 working minutes later.
    const holiday = { pausedAt: at('2026-09-30T17:00:00+08:00'), dueAt: at('2026-09-30T17:45:00+08:00'), warnAt: at('2026-09-30T17:36:00+08:00'), breachedAt: null, warnedAt: null };
    resumeClock(holiday, calendar, at('2026-10-08T10:00:00+08:00'));
    expect(holiday.dueAt).toEqual(at('2026-10-08T10:45:00+08:00'));
  });
});

/** The breach job (pg-boss) against the real app: a simulated clock advance, alerts live, escalation. */
describe('SLA warnings and breaches', () => {
  let app: TestApp;
  let agent: Caller;
  let supervisor: Caller;
  let pg: Client;

  beforeAll(async () => {
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    agent = await signIn(app, 'agent@east.demo');
    supervisor = await signIn(app, 'supervisor@east.demo');
    pg = new Client({ connectionString: app.database.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
    await app.stop();
  });

  const clocksOf = async (id: string) =>
    (await pg.query<{ kind: string; due_at: Date; warned_at: Date | null; breached_at: Date | null; paused_at: Date | null }>(`select kind, due_at, warned_at, breached_at, paused_at from case_sla_clock where case_id = $1 order by kind`, [id])).rows;

  it('fires a warning then a breach as time passes, escalates once, and tells subscribers', async () => {
    const c = await openCase(agent, { channel: 'ONLINE_CHAT' });
    const [firstResponse] = (await clocksOf(c.id)).filter((k) => k.kind === 'FIRST_RESPONSE');
    const ws = app.wsClient({ authorization: supervisor.headers.authorization! });
    type Alert = { data: { caseSlaAlerts: { level: string; clock: string; case: { id: string; escalationLevel: string } } } };
    const alerts = collectFromSubscription<Alert>(ws, { query: 'subscription { caseSlaAlerts { level clock dueAt case { id escalationLevel } } }' }, 2, (e) => e.data.caseSlaAlerts.case.id === c.id);
    await new Promise((r) => setTimeout(r, 300));

    const dueAt = new Date(c.slaDueAt!).getTime();
    expect(dueAt).toBe(firstResponse!.due_at.getTime());
    await app.server.jobs!.runNow('cases.sla-check', { now: new Date(dueAt - 60_000).toISOString() }); // past 80 %, before due
    let detail = await supervisor.graphql<{ case: { slaStatus: string; escalationLevel: string } }>(`query($id: ID!) { case(id: $id) { slaStatus escalationLevel } }`, { id: c.id });
    expect(detail.body.data!.case).toEqual({ slaStatus: 'WARNING', escalationLevel: 'AGENT' });

    await app.server.jobs!.runNow('cases.sla-check', { now: new Date(dueAt + 60_000).toISOString() });
    await app.server.jobs!.runNow('cases.sla-check', { now: new Date(dueAt + 120_000).toISOString() }); // again: nothing new
    detail = await supervisor.graphql(`query($id: ID!) { case(id: $id) { slaStatus escalationLevel } }`, { id: c.id });
    expect(detail.body.data!.case).toEqual({ slaStatus: 'BREACHED', escalationLevel: 'SUPERVISOR' });

    const events = await alerts;
    expect(events.map((e) => [e.data.caseSlaAlerts.level, e.data.caseSlaAlerts.clock])).toEqual([['WARNING', 'FIRST_RESPONSE'], ['BREACHED', 'FIRST_RESPONSE']]);
    const activity = await pg.query<{ kind: string; n: string }>(`select kind, count(*) as n from case_activity where case_id = $1 and kind in ('SLA_WARNING', 'SLA_BREACHED', 'ESCALATED') group by kind order by kind`, [c.id]);
    expect(activity.rows).toEqual([{ kind: 'ESCALATED', n: '1' }, { kind: 'SLA_BREACHED', n: '1' }, { kind: 'SLA_WARNING', n: '1' }]);
    await ws.dispose();
  });

  it('does not breach a case waiting on the customer, and a reply meets the response clock', async () => {
    const waiting = await openCase(agent, { type: 'CONSULTATION', channel: 'ONLINE_CHAT', category: null });
    await caseAction(agent, 'acceptCase', { id: waiting.id });
    await caseAction(agent, 'requestCustomerInfo', { id: waiting.id, question: '请提供药品批号' });
    const running = await pg.query(`select kind, paused_at from case_sla_clock where case_id = $1 and met_at is null`, [waiting.id]);
    expect(running.rows.length).toBeGreaterThan(0);
    expect(running.rows.every((k) => k.paused_at)).toBe(true); // the question met the first response; the rest wait
    const later = new Date(clock.nowMs() + 30 * 24 * 3600_000).toISOString();
    await app.server.jobs!.runNow('cases.sla-check', { now: later });
    expect((await clocksOf(waiting.id)).filter((k) => k.breached_at)).toEqual([]);

    const replied = await openCase(agent, { type: 'CONSULTATION', channel: 'ONLINE_CHAT', category: null });
    await agent.graphql(`mutation($i: AddCaseMessageInput!) { addCaseMessage(input: $i) { id } }`, { i: { caseId: replied.id, kind: 'REPLY', body: '您好，请稍等，正在为您查询。' } });
    await app.server.jobs!.runNow('cases.sla-check', { now: later });
    const clocks = await clocksOf(replied.id);
    expect(clocks.find((k) => k.kind === 'FIRST_RESPONSE')!.breached_at).toBeNull();
    expect(clocks.find((k) => k.kind === 'RESOLUTION')!.breached_at).not.toBeNull(); // still open a month later
  });
});
