import { startTestApp, type TestApp } from '../support/app';
import { apiKeyCaller, errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { after, postEvents } from './support';

jest.setTimeout(120_000);

const ROW = 'period franchiseId key label offered answered abandoned shortAbandoned missed outbound talked answerRate averageTalkSeconds averageHandleSeconds answerRateTarget averageTalkSecondsTarget answerRateBelowTarget averageTalkAboveTarget';
const KPIS = `query($i: CallKpisInput!) { callKpis(input: $i) { rows { ${ROW} } totals { ${ROW} } } }`;

interface KpiRow {
  period: string | null;
  key: string | null;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  missed: number;
  outbound: number;
  talked: number;
  answerRate: number | null;
  averageTalkSeconds: number | null;
  averageHandleSeconds: number | null;
  answerRateBelowTarget: boolean;
  averageTalkAboveTarget: boolean;
}

/**
 * Known calls around the end of March 2025 in Asia/Shanghai (UTC+8; 2025-03-31 is a Monday):
 * the local day, week and month decide, not UTC's.
 */
const CALLS = [
  // Mar 31 23:50 local: answered after 10 s, 180 s of talk, 30 s wrap-up (agent 8021).
  { callId: 'k-1', offeredAt: '2025-03-31T15:50:00Z', state: 'ENDED', answeredAt: 10, endedAt: 190, wrapUpSeconds: 30, agentWorkNo: '8021' },
  // Mar 31 23:00 local: rang, nobody answered.
  { callId: 'k-5', offeredAt: '2025-03-31T15:00:00Z', state: 'MISSED', endedAt: 30 },
  // Apr 1 00:10 local: 300 s connected, 20 on hold (280 talk), 40 wrap-up (agent 8021).
  { callId: 'k-2', offeredAt: '2025-03-31T16:10:00Z', state: 'ENDED', answeredAt: 20, endedAt: 320, holdSeconds: 20, wrapUpSeconds: 40, agentWorkNo: '8021' },
  // Apr 1 00:20 local: the caller hung up after 3 s (a short abandon).
  { callId: 'k-3', offeredAt: '2025-03-31T16:20:00Z', state: 'ABANDONED', endedAt: 3 },
  // Apr 1 00:30 local: abandoned after 40 s.
  { callId: 'k-4', offeredAt: '2025-03-31T16:30:00Z', state: 'ABANDONED', endedAt: 40 },
  // Apr 1 10:00 local, outbound: 60 s of talk.
  { callId: 'k-6', offeredAt: '2025-04-01T02:00:00Z', state: 'ENDED', answeredAt: 5, endedAt: 65, direction: 'OUTBOUND' },
  // Mar 31 00:30 local (still Sunday Mar 30 in UTC), outbound, failed.
  { callId: 'k-7', offeredAt: '2025-03-30T16:30:00Z', state: 'FAILED', endedAt: 10, direction: 'OUTBOUND' },
  // Mar 30 23:30 local: the week before.
  { callId: 'k-8', offeredAt: '2025-03-30T15:30:00Z', state: 'ENDED', answeredAt: 4, endedAt: 64 },
];

describe('call-center KPIs', () => {
  let app: TestApp;
  let owner: Caller;
  let westOwner: Caller;
  let ownerId: string;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signIn(app, 'owner@east.demo');
    westOwner = await signIn(app, 'owner@west.demo');
    const staff = await must<{ staffUsers: { nodes: { id: string; version: number; email: string }[] } }>(owner, '{ staffUsers(paging: { limit: 100 }) { nodes { id version email } } }');
    const agent = staff.staffUsers.nodes.find((s) => s.email === 'agent@east.demo')!;
    ownerId = staff.staffUsers.nodes.find((s) => s.email === 'owner@east.demo')!.id;
    await must(owner, 'mutation($id: ID!, $v: Int!) { updateOneStaffUser(input: { id: $id, version: $v, update: { workNo: "8021" } }) { id } }', { id: agent.id, v: agent.version });
    const partner = await apiKeyCaller(app, owner, { permissions: ['call:ingest'] });
    const result = await postEvents(
      partner,
      CALLS.map(({ offeredAt, answeredAt, endedAt, direction = 'INBOUND', ...c }) => {
        const base = new Date(offeredAt);
        const end = after(base, endedAt);
        return { direction, callerNumber: direction === 'INBOUND' ? '13900000001' : '4008000000', calleeNumber: direction === 'INBOUND' ? '4008000000' : '13900000001', offeredAt, answeredAt: answeredAt != null ? after(base, answeredAt) : null, endedAt: end, occurredAt: end, ...c };
      }),
    );
    expect(result.rejected).toEqual([]);
  }, 180_000);
  afterAll(() => app.stop());

  const kpis = async (input: Record<string, unknown>, caller = owner) => (await must<{ callKpis: { rows: KpiRow[]; totals: KpiRow } }>(caller, KPIS, { i: input })).callKpis;
  const pick = (r: KpiRow) => [r.period, r.offered, r.answered, r.shortAbandoned, r.abandoned, r.missed, r.outbound, r.talked, r.answerRate, r.averageTalkSeconds, r.averageHandleSeconds, r.answerRateBelowTarget, r.averageTalkAboveTarget];

  it('counts each call in its local day, week and month, the short abandon excluded, against the default targets', async () => {
    //            period        offered answered short abandoned missed outbound talked rate  talk  handle below above
    expect((await kpis({ from: '2025-03-30', to: '2025-04-01', period: 'DAY' })).rows.map(pick)).toEqual([
      ['2025-03-30', 1, 1, 0, 0, 0, 0, 1, 1, 60, 60, false, false],
      ['2025-03-31', 2, 1, 0, 0, 1, 1, 1, 0.5, 180, 210, true, false],
      ['2025-04-01', 2, 1, 1, 1, 0, 1, 2, 0.5, 170, 200, true, false],
    ]);
    expect((await kpis({ from: '2025-03-01', to: '2025-04-30', period: 'MONTH' })).rows.map(pick)).toEqual([
      ['2025-03-01', 3, 2, 0, 0, 1, 1, 2, 2 / 3, 120, 135, true, false],
      ['2025-04-01', 2, 1, 1, 1, 0, 1, 2, 0.5, 170, 200, true, false],
    ]);
    const weeks = await kpis({ from: '2025-03-24', to: '2025-04-06', period: 'WEEK' });
    expect(weeks.rows.map((r) => [r.period, r.offered, r.outbound])).toEqual([
      ['2025-03-24', 1, 0],
      ['2025-03-31', 4, 2],
    ]);
    expect(pick(weeks.totals)).toEqual([null, 5, 3, 1, 1, 1, 2, 4, 0.6, 145, 167.5, true, false]);
    // A window starting inside a month or week: the period keeps its first day as its label, and counts only the window's days.
    expect((await kpis({ from: '2025-03-31', to: '2025-04-01', period: 'MONTH' })).rows.map(pick)).toEqual([
      ['2025-03-01', 2, 1, 0, 0, 1, 1, 1, 0.5, 180, 210, true, false],
      ['2025-04-01', 2, 1, 1, 1, 0, 1, 2, 0.5, 170, 200, true, false],
    ]);
    expect((await kpis({ from: '2025-04-01', to: '2025-04-06', period: 'WEEK' })).rows.map((r) => [r.period, r.offered, r.outbound])).toEqual([['2025-03-31', 2, 1]]);
  });

  it('groups by agent (calls nobody took under null), and an agent with no calls has nothing offered', async () => {
    const byAgent = await kpis({ from: '2025-03-31', to: '2025-04-01', period: 'MONTH', groupBy: 'AGENT' });
    const agentRows = byAgent.rows.filter((r) => r.key !== null);
    expect(agentRows.map((r) => [r.period, r.offered, r.answered, r.averageTalkSeconds])).toEqual([
      ['2025-03-01', 1, 1, 180],
      ['2025-04-01', 1, 1, 280],
    ]);
    const none = await kpis({ from: '2025-03-01', to: '2025-04-30', period: 'MONTH', agentId: ownerId });
    expect(none.rows).toEqual([]);
    expect([none.totals.offered, none.totals.answerRate, none.totals.averageTalkSeconds, none.totals.answerRateBelowTarget]).toEqual([0, null, null, false]);
  });

  it('groups by team (班组): the agent’s team, and a team with no calls shows zeros in each period', async () => {
    const byTeam = await kpis({ from: '2025-03-01', to: '2025-04-30', period: 'MONTH', groupBy: 'TEAM' });
    const teams = byTeam.rows.map((r) => [r.period, (r as KpiRow & { label: string | null }).label, r.offered, r.answered, r.averageTalkSeconds, r.answerRate]);
    // Agent 8021 (agent@east) is in 客服一组; calls nobody took are in no team (null).
    expect(teams.filter((t) => t[1] !== null).sort()).toEqual([
      ['2025-03-01', '客服一组', 1, 1, 180, 1],
      ['2025-03-01', '客服二组', 0, 0, null, null],
      ['2025-03-01', '门店健康服务组', 0, 0, null, null],
      ['2025-04-01', '客服一组', 1, 1, 280, 1],
      ['2025-04-01', '客服二组', 0, 0, null, null],
      ['2025-04-01', '门店健康服务组', 0, 0, null, null],
    ]);
    // The groups add up to the whole: nothing lost or counted twice.
    const offered = byTeam.rows.reduce((a, r) => a + r.offered, 0);
    expect(offered).toBe(byTeam.totals.offered);
    // West's owner sees west's teams only, all quiet (west has no calls here).
    const west = await kpis({ from: '2025-03-01', to: '2025-04-30', period: 'MONTH', groupBy: 'TEAM' }, westOwner);
    expect(west.rows).toEqual([]);
  });

  it('applies the franchise’s own targets and short-abandon threshold, versioned', async () => {
    const { callSettings } = await must<{ callSettings: { version: number; answerRateTarget: number; averageTalkSecondsTarget: number; shortAbandonSeconds: number } }>(owner, '{ callSettings { version answerRateTarget averageTalkSecondsTarget shortAbandonSeconds } }');
    expect(callSettings).toEqual({ version: 0, answerRateTarget: 0.9, averageTalkSecondsTarget: 180, shortAbandonSeconds: 5 });
    const UPDATE = 'mutation($i: CallSettingsInput!) { updateCallSettings(input: $i) { version answerRateTarget averageTalkSecondsTarget shortAbandonSeconds } }';
    await must(owner, UPDATE, { i: { version: 0, answerRateTarget: 0.5, averageTalkSecondsTarget: 150, shortAbandonSeconds: 2 } });
    const april = (await kpis({ from: '2025-04-01', to: '2025-04-01' })).rows[0]!;
    // The 3-second abandon now counts: 3 offered, 1 answered; 0.33 is under 0.5; 170 s is over 150.
    expect([april.offered, april.shortAbandoned, april.abandoned, april.answerRateBelowTarget, april.averageTalkAboveTarget]).toEqual([3, 0, 2, true, true]);
    expect(errorCodes(await owner.graphql(UPDATE, { i: { version: 0, answerRateTarget: 0.8 } }))).toEqual(['CONFLICT']);
    const bad = await owner.graphql(UPDATE, { i: { answerRateTarget: 1.5 } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    await must(owner, UPDATE, { i: { version: 1, answerRateTarget: 0.9, averageTalkSecondsTarget: 180, shortAbandonSeconds: 5 } });
  });

  it('refuses bad periods with codes and fields, and keeps franchises apart', async () => {
    const field = async (input: Record<string, unknown>) => {
      const res = await owner.graphql(KPIS, { i: input });
      return [errorCodes(res)[0], (res.body.errors?.[0]?.extensions as { field?: string } | undefined)?.field];
    };
    expect(await field({ from: '2025-02-30', to: '2025-03-01' })).toEqual(['BAD_USER_INPUT', 'from']);
    expect(await field({ from: '2025-03-02', to: '2025-03-01' })).toEqual(['BAD_USER_INPUT', 'to']);
    expect(await field({ from: '2024-01-01', to: '2025-03-01' })).toEqual(['BAD_USER_INPUT', 'to']);
    // West sees none of east's calls, and cannot name east.
    const west = await kpis({ from: '2025-03-01', to: '2025-04-30', period: 'MONTH' }, westOwner);
    expect(west.totals.offered + west.totals.outbound).toBe(0);
    const eastFranchise = (await must<{ me: { user: { franchiseId: string } } }>(owner, '{ me { user { franchiseId } } }')).me.user.franchiseId;
    expect(errorCodes(await westOwner.graphql(KPIS, { i: { from: '2025-03-01', to: '2025-04-30', franchiseId: eastFranchise } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await westOwner.graphql('query($f: ID!) { callSettings(franchiseId: $f) { version } }', { f: eastFranchise }))).toEqual(['NOT_FOUND']);
  });
});
