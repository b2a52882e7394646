import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { apiKeyCaller, errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { after, anHourAgo, CALL, postEvents, type CallRow } from './support';

jest.setTimeout(120_000);

const LOG = `mutation($i: LogCallInput!) { logCall(input: $i) { ${CALL} } }`;
const UPDATE = `mutation($i: UpdateCallInput!) { updateCall(input: $i) { ${CALL} } }`;
const ONE = `query($id: ID!) { call(id: $id) { ${CALL} customer { id } agent { id displayName } orgUnit { id } } }`;

/** The call center's call log: a telephony partner's batches, agents' own logs, customers matched by number, isolation. */
describe('calls', () => {
  let app: TestApp;
  let owner: Caller;
  let agent: Caller;
  let westOwner: Caller;
  let partner: Caller;
  let agentId: string;
  let customer: { id: string; phone: string };
  const base = anHourAgo();

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signIn(app, 'owner@east.demo');
    agent = await signIn(app, 'agent@east.demo');
    westOwner = await signIn(app, 'owner@west.demo');
    partner = await apiKeyCaller(app, owner, { permissions: ['call:ingest', 'call:read'] });
    const staff = await must<{ staffUsers: { nodes: { id: string; version: number }[] } }>(owner, '{ staffUsers(filter: { email: { eq: "agent@east.demo" } }) { nodes { id version } } }');
    agentId = staff.staffUsers.nodes[0]!.id;
    // The agent's work number, the one the switch knows them by and they state on answering.
    await must(owner, 'mutation($id: ID!, $v: Int!) { updateOneStaffUser(input: { id: $id, version: $v, update: { workNo: "8021" } }) { id workNo } }', { id: agentId, v: staff.staffUsers.nodes[0]!.version });
    customer = (await must<{ customers: { nodes: { id: string; phone: string }[] } }>(owner, '{ customers(paging: { limit: 1 }, sorting: [{ field: createdAt, direction: ASC }]) { nodes { id phone } } }')).customers.nodes[0]!;
  }, 180_000);
  afterAll(() => app.stop());

  const inbound = (callId: string, fields: Record<string, unknown>) => ({ callId, direction: 'INBOUND', callerNumber: customer.phone, calleeNumber: '4008001234', line: '400 热线', offeredAt: base.toISOString(), ...fields });

  it('merges a batch of out-of-order events and a duplicate into one call in its final state; a replay changes nothing', async () => {
    const ended = inbound('cc-1001', { state: 'ENDED', occurredAt: after(base, 200), answeredAt: after(base, 12), endedAt: after(base, 200), holdSeconds: 8, hangupCause: 'NORMAL_CLEARING', recordingUrl: 'https://rec.example.com/cc-1001.mp3' });
    const answered = inbound('cc-1001', { state: 'ANSWERED', occurredAt: after(base, 12), answeredAt: after(base, 12), agentWorkNo: '8021' });
    const ringing = inbound('cc-1001', { state: 'RINGING', occurredAt: after(base, 0) });
    const batch = [ended, answered, ringing, answered];
    const first = await postEvents(partner, batch);
    expect(first.rejected).toEqual([]);
    expect(first.calls).toHaveLength(1);
    const call = first.calls[0]!;
    expect(call).toMatchObject({
      partnerCallId: 'cc-1001',
      source: 'PARTNER',
      state: 'ENDED',
      answeredAt: after(base, 12),
      endedAt: after(base, 200),
      waitSeconds: 12,
      talkSeconds: 180, // 188 s connected, 8 on hold
      holdSeconds: 8,
      agentId,
      agentWorkNo: '8021',
      customerId: customer.id,
      hangupCause: 'NORMAL_CLEARING',
    });

    const replay = await postEvents(partner, batch);
    expect([replay.applied, replay.unchanged, replay.rejected]).toEqual([0, 4, []]);
    // A late event of the call's start, and a late ANSWERED: the call does not move back.
    const late = await postEvents(partner, [inbound('cc-1001', { state: 'RINGING', occurredAt: after(base, 1) }), { ...answered, occurredAt: after(base, 13) }]);
    expect(late.rejected).toEqual([]);
    const now = (await must<{ call: CallRow }>(owner, ONE, { id: call.id })).call;
    expect([now.state, now.endedAt, now.talkSeconds, now.agentId]).toEqual(['ENDED', after(base, 200), 180, agentId]);
    const same = await must<{ calls: { totalCount: number } }>(owner, 'query($c: ID!) { calls(filter: { customerId: { eq: $c }, line: { eq: "400 热线" } }) { totalCount } }', { c: customer.id });
    expect(same.calls.totalCount).toBe(1);
  });

  it('reports a bad event with its code and field and applies the others', async () => {
    const result = await postEvents(partner, [
      inbound('cc-2001', { state: 'ABANDONED', occurredAt: after(base, 30), endedAt: after(base, 30) }),
      inbound('cc-2002', { state: 'ANSWERED', occurredAt: after(base, 40) }), // no answeredAt
      inbound('cc-2003', { state: 'RINGING', occurredAt: after(base, 50), callerNumber: 'not a number' }),
      inbound('cc-2004', { state: 'ENDED', occurredAt: after(base, 90), answeredAt: after(base, 60), endedAt: after(base, 50) }),
      inbound('cc-2005', { state: 'RINGING', occurredAt: after(base, 60), storeId: '7b0a3f55-0000-4000-8000-000000000000' }),
      { ...inbound('cc-2006', { state: 'MISSED', occurredAt: after(base, 70), endedAt: after(base, 95) }), direction: 'OUTBOUND', callerNumber: '4008001234', calleeNumber: '13900000000' },
    ]);
    expect(result.rejected.map((r) => [r.index, r.callId, r.code, r.reason, r.field])).toEqual([
      [1, 'cc-2002', 'BAD_USER_INPUT', 'REQUIRED', 'answeredAt'],
      [2, 'cc-2003', 'BAD_USER_INPUT', 'INVALID', 'callerNumber'],
      [3, 'cc-2004', 'BAD_USER_INPUT', 'TIME_ORDER', 'endedAt'],
      [4, 'cc-2005', 'NOT_FOUND', 'UNKNOWN_STORE', 'storeId'],
    ]);
    expect(result.calls.map((c) => [c.partnerCallId, c.state, c.waitSeconds, c.customerId]).sort()).toEqual([
      ['cc-2001', 'ABANDONED', 30, customer.id],
      ['cc-2006', 'MISSED', 95, null],
    ]);
    // Nothing of the refused rows was kept.
    const refused = await must<{ calls: { nodes: CallRow[] } }>(owner, '{ calls(paging: { limit: 100 }) { nodes { partnerCallId } } }');
    expect(refused.calls.nodes.map((c) => c.partnerCallId)).not.toEqual(expect.arrayContaining(['cc-2002']));
    // A later event contradicting the recorded call (answered after it was abandoned) is refused with the reason.
    const contradiction = await postEvents(partner, [inbound('cc-2001', { state: 'ENDED', occurredAt: after(base, 40), answeredAt: after(base, 35), endedAt: after(base, 20) })]);
    expect(contradiction.rejected.map((r) => r.reason)).toEqual(['TIME_ORDER']);
    // The batch as a whole: at most 500 events, at least one.
    const empty = await partner.graphql('mutation { recordCallEvents(input: { events: [] }) { applied } }');
    expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);
  });

  it('lets the agent log a call by hand, matched to the customer by number, with their work number', async () => {
    const offeredAt = new Date(clock.now().getTime() - 600_000);
    const { logCall } = await must<{ logCall: CallRow }>(agent, LOG, {
      i: { direction: 'OUTBOUND', number: `+86 ${customer.phone}`, state: 'ENDED', offeredAt: offeredAt.toISOString(), answeredAt: after(offeredAt, 20), endedAt: after(offeredAt, 140), disposition: '回访', note: '客户反馈用药后好转' },
    });
    expect(logCall).toMatchObject({ source: 'MANUAL', direction: 'OUTBOUND', customerId: customer.id, agentId, agentWorkNo: '8021', waitSeconds: 20, talkSeconds: 120, state: 'ENDED' });

    const timeline = await must<{ customerTimeline: { nodes: { kind: string; title: string; summary: string }[] } }>(owner, 'query($c: ID!) { customerTimeline(customerId: $c, first: 50, kinds: ["call"]) { nodes { kind title summary } } }', { c: customer.id });
    expect(timeline.customerTimeline.nodes.map((n) => n.title)).toEqual(expect.arrayContaining(['去电', '来电']));
    expect(timeline.customerTimeline.nodes.find((n) => n.title === '去电')!.summary).toBe('已接通 · 通话 2 分 0 秒 · 回访 · 客户反馈用药后好转');

    // Filters: agent, direction, state, time range, customer.
    const filtered = await must<{ calls: { totalCount: number; nodes: { id: string }[] } }>(
      owner,
      'query($a: ID!, $c: ID!, $from: DateTime!, $to: DateTime!) { calls(filter: { agentId: { eq: $a }, direction: { eq: OUTBOUND }, state: { in: [ENDED] }, customerId: { eq: $c }, offeredAt: { between: { lower: $from, upper: $to } } }) { totalCount nodes { id } } }',
      { a: agentId, c: customer.id, from: after(offeredAt, -1), to: after(offeredAt, 1) },
    );
    expect(filtered.calls.nodes.map((n) => n.id)).toEqual([logCall.id]);
  });

  it('refuses bad hand-logged calls with codes and fields, and a stale edit with CONFLICT', async () => {
    const at = new Date(clock.now().getTime() - 600_000);
    const bad = async (fields: Record<string, unknown>) => {
      const res = await agent.graphql(LOG, { i: { direction: 'INBOUND', number: '13800000000', state: 'ENDED', offeredAt: at.toISOString(), endedAt: after(at, 60), ...fields } });
      return [errorCodes(res)[0], (res.body.errors?.[0]?.extensions as { field?: string } | undefined)?.field];
    };
    expect(await bad({ answeredAt: after(at, -5) })).toEqual(['BAD_USER_INPUT', 'answeredAt']);
    expect(await bad({ endedAt: null })).toEqual(['BAD_USER_INPUT', 'endedAt']);
    expect(await bad({ state: 'MISSED', answeredAt: after(at, 5) })).toEqual(['BAD_USER_INPUT', 'answeredAt']);
    expect(await bad({ offeredAt: after(clock.now(), 3600), endedAt: after(clock.now(), 3700) })).toEqual(['BAD_USER_INPUT', 'offeredAt']);
    expect(await bad({ number: 'call me' })).toEqual(['BAD_USER_INPUT', 'number']);
    expect((await bad({ caseId: '7b0a3f55-0000-4000-8000-000000000000' }))[0]).toBe('NOT_FOUND');

    const { logCall } = await must<{ logCall: CallRow }>(agent, LOG, { i: { direction: 'INBOUND', number: '13800000000', state: 'ENDED', offeredAt: at.toISOString(), answeredAt: after(at, 3), endedAt: after(at, 60) } });
    expect(logCall.customerId).toBeNull();
    const edited = (await must<{ updateCall: CallRow }>(agent, UPDATE, { i: { id: logCall.id, version: logCall.version, update: { customerId: customer.id, disposition: '咨询' } } })).updateCall;
    expect([edited.customerId, edited.disposition, edited.version]).toEqual([customer.id, '咨询', logCall.version + 1]);
    const stale = await agent.graphql(UPDATE, { i: { id: logCall.id, version: logCall.version, update: { note: '晚了一步' } } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
  });

  it('lets a supervisor mark a call for review once, with the reason; an agent may not', async () => {
    const supervisor = await signIn(app, 'supervisor@east.demo');
    const at = new Date(clock.now().getTime() - 900_000);
    const { logCall } = await must<{ logCall: CallRow }>(agent, LOG, { i: { direction: 'INBOUND', number: customer.phone, offeredAt: at.toISOString(), answeredAt: after(at, 5), endedAt: after(at, 400) } });
    const MARK = 'mutation($i: MarkCallForReviewInput!) { markCallForReview(input: $i) { id version reviewRequestedAt reviewRequestedById reviewReason } }';
    expect(errorCodes(await agent.graphql(MARK, { i: { id: logCall.id, version: logCall.version, reason: '自己标记' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await supervisor.graphql(MARK, { i: { id: logCall.id, version: logCall.version, reason: '' } }))).toEqual(['BAD_USER_INPUT']);
    const marked = (await must<{ markCallForReview: { version: number; reviewRequestedAt: string; reviewRequestedById: string; reviewReason: string } }>(supervisor, MARK, { i: { id: logCall.id, version: logCall.version, reason: '客户投诉坐席态度' } })).markCallForReview;
    expect([marked.reviewReason, marked.reviewRequestedAt !== null, marked.version]).toEqual(['客户投诉坐席态度', true, logCall.version + 1]);
    const again = await supervisor.graphql(MARK, { i: { id: logCall.id, version: marked.version, reason: '再标一次' } });
    expect([errorCodes(again), (again.body.errors?.[0]?.extensions as { reason?: string }).reason]).toEqual([['CONFLICT'], 'ALREADY_MARKED']);
    // The marked calls (the demo's supervisors marked some of theirs too): this one among them, none unmarked.
    const queue = await must<{ calls: { nodes: { id: string; reviewRequestedAt: string | null }[] } }>(supervisor, '{ calls(filter: { reviewRequestedAt: { isNot: null } }, paging: { limit: 200 }) { nodes { id reviewRequestedAt } } }');
    expect(queue.calls.nodes.map((n) => n.id)).toContain(logCall.id);
    expect(queue.calls.nodes.every((n) => n.reviewRequestedAt !== null)).toBe(true);
  });

  it('keeps franchises apart: another franchise’s call is NOT_FOUND, and the same partner call id is its own call', async () => {
    const { calls } = await must<{ calls: { nodes: CallRow[] } }>(owner, '{ calls(paging: { limit: 1 }) { nodes { id version franchiseId } } }');
    const east = calls.nodes[0]!;
    expect((await must<{ call: CallRow | null }>(westOwner, ONE, { id: east.id })).call).toBeNull();
    expect(errorCodes(await westOwner.graphql(UPDATE, { i: { id: east.id, version: east.version, update: { note: 'x' } } }))).toEqual(['NOT_FOUND']);
    const westList = await must<{ calls: { nodes: { id: string }[] } }>(westOwner, '{ calls(paging: { limit: 200 }) { nodes { id } } }');
    expect(westList.calls.nodes.map((n) => n.id)).not.toContain(east.id);

    const westPartner = await apiKeyCaller(app, westOwner, { permissions: ['call:ingest'] });
    const west = await postEvents(westPartner, [{ ...inbound('cc-1001', { state: 'RINGING', occurredAt: after(base, 0) }), callerNumber: '13700000000' }]);
    expect(west.calls.map((c) => [c.partnerCallId, c.state, c.franchiseId === east.franchiseId])).toEqual([['cc-1001', 'RINGING', false]]);
    const eastCall = await must<{ calls: { nodes: CallRow[] } }>(owner, '{ calls(filter: { line: { eq: "400 热线" }, state: { eq: ENDED } }) { nodes { state partnerCallId } } }');
    expect(eastCall.calls.nodes.find((c) => c.partnerCallId === 'cc-1001')!.state).toBe('ENDED');
    // West's key cannot name an east store.
    const eastStore = (await must<{ orgUnits: { nodes: { id: string; kind: string }[] } }>(owner, '{ orgUnits(paging: { limit: 50 }) { nodes { id kind } } }')).orgUnits.nodes.find((u) => u.kind === 'STORE')!.id;
    const intrude = await postEvents(westPartner, [inbound('cc-9', { state: 'RINGING', occurredAt: after(base, 0), storeId: eastStore })]);
    expect(intrude.rejected.map((r) => r.code)).toEqual(['NOT_FOUND']);
  });
});
