import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { apiKeyCaller, errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { until } from '../support/until';
import { postEvents } from './support';

jest.setTimeout(180_000);

const WALL_FIELDS = `at longWaitSeconds
  waiting { waitingSeconds talkingSeconds longWait call { id franchiseId partnerCallId state agentId offeredAt } }
  inProgress { waitingSeconds talkingSeconds longWait call { id franchiseId partnerCallId state agentId answeredAt customer { id } } }
  agents { agentId state since callsToday answeredToday talkSecondsToday agent { id displayName } currentCall { call { id partnerCallId } talkingSeconds } }`;
const WALL = `query($s: ID) { callWall(storeId: $s) { ${WALL_FIELDS} } }`;
const WALL_CHANGED = `subscription($s: ID) { callWallChanged(storeId: $s) { ${WALL_FIELDS} } }`;

interface WallCall { waitingSeconds: number; talkingSeconds: number | null; longWait: boolean; call: { id: string; franchiseId: string; partnerCallId: string | null; state: string; agentId: string | null } }
interface WallAgent { agentId: string; state: string; since: string | null; callsToday: number; answeredToday: number; talkSecondsToday: number; agent: { id: string } | null; currentCall: { call: { partnerCallId: string | null }; talkingSeconds: number | null } | null }
interface Wall { at: string; longWaitSeconds: number; waiting: WallCall[]; inProgress: WallCall[]; agents: WallAgent[] }

/** Every wall a subscription pushes, as it arrives; `errors` keeps what it was refused with. */
function watch(app: TestApp, caller: Caller, storeId?: string) {
  const walls: Wall[] = [];
  const errors: unknown[] = [];
  const dispose = app.wsClient({ authorization: caller.headers.authorization }).subscribe<{ callWallChanged: Wall }>(
    { query: WALL_CHANGED, variables: { s: storeId ?? null } },
    { next: (r) => (r.errors ? errors.push(r.errors) : walls.push(r.data!.callWallChanged)), error: (e) => errors.push(e), complete: () => undefined },
  );
  return { walls, errors, dispose };
}

/**
 * The live call wall: a partner's ringing → answered → ended events (and a call logged by hand)
 * move the supervisor's open wall; timers come from the clock; out-of-order events end right;
 * another franchise's supervisor sees nothing of it.
 */
describe('calls: the live call wall', () => {
  let app: TestApp;
  let supervisor: Caller;
  let agent: Caller;
  let owner: Caller;
  let westOwner: Caller;
  let partner: Caller;
  let westPartner: Caller;
  let agentId: string;
  // Wednesday 11 June 2031, 10:00 in Shanghai.
  const NOW = new Date('2031-06-11T10:00:00+08:00');
  const at = (s: number) => new Date(NOW.getTime() + s * 1000).toISOString();
  const inbound = (callId: string, fields: Record<string, unknown>) => ({ callId, direction: 'INBOUND', callerNumber: '13900007777', calleeNumber: '4008001234', line: '400 热线', offeredAt: at(-60), ...fields });

  beforeAll(async () => {
    clock.freezeAt(NOW);
    app = await startTestApp();
    [supervisor, agent, owner, westOwner] = (await Promise.all(['supervisor@east.demo', 'agent@east.demo', 'owner@east.demo', 'owner@west.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller, Caller];
    const staff = await must<{ staffUsers: { nodes: { id: string; version: number }[] } }>(owner, '{ staffUsers(filter: { email: { eq: "agent@east.demo" } }) { nodes { id version } } }');
    agentId = staff.staffUsers.nodes[0]!.id;
    await must(owner, 'mutation($id: ID!, $v: Int!) { updateOneStaffUser(input: { id: $id, version: $v, update: { workNo: "8041" } }) { id } }', { id: agentId, v: staff.staffUsers.nodes[0]!.version });
    partner = await apiKeyCaller(app, owner, { permissions: ['call:ingest'] });
    westPartner = await apiKeyCaller(app, westOwner, { permissions: ['call:ingest'] });
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('a partner’s ringing → answered → ended reach the open wall as they happen, timers from the clock; west’s owner sees none of it', async () => {
    const east = watch(app, supervisor);
    const west = watch(app, westOwner);
    await new Promise((r) => setTimeout(r, 300));

    // Ringing for a minute: waiting, a long wait (over 30 s), nobody's yet.
    await postEvents(partner, [inbound('wall-1', { state: 'RINGING', occurredAt: at(-60) })]);
    const ringing = await until('the ringing call on the wall', async () => east.walls.find((w) => w.waiting.some((c) => c.call.partnerCallId === 'wall-1')));
    expect(ringing.longWaitSeconds).toBe(30);
    expect(ringing.waiting.find((c) => c.call.partnerCallId === 'wall-1')).toMatchObject({ waitingSeconds: 60, talkingSeconds: null, longWait: true, call: { state: 'RINGING', agentId: null } });

    // Answered by the agent (stating their work number) 50 s after it was offered; 70 s later the agent is on the call.
    clock.freezeAt(at(60));
    await postEvents(partner, [inbound('wall-1', { state: 'ANSWERED', occurredAt: at(-10), answeredAt: at(-10), agentWorkNo: '8041' })]);
    const answered = await until('the answered call on the wall', async () => east.walls.find((w) => w.inProgress.some((c) => c.call.partnerCallId === 'wall-1')));
    expect(answered.waiting.map((c) => c.call.partnerCallId)).not.toContain('wall-1');
    expect(answered.inProgress.find((c) => c.call.partnerCallId === 'wall-1')).toMatchObject({ waitingSeconds: 50, talkingSeconds: 70, longWait: false, call: { agentId } });
    expect(answered.agents.find((a) => a.agentId === agentId)).toMatchObject({ state: 'ON_CALL', since: at(-10), agent: { id: agentId }, currentCall: { call: { partnerCallId: 'wall-1' }, talkingSeconds: 70 }, callsToday: 1, answeredToday: 1 });

    // Hung up: in wrap-up (the default 30 s, the switch gave none), the call off the wall.
    clock.freezeAt(at(120));
    await postEvents(partner, [inbound('wall-1', { state: 'ENDED', occurredAt: at(110), answeredAt: at(-10), endedAt: at(110) })]);
    const ended = await until('the ended call off the wall', async () => east.walls.find((w) => w.agents.some((a) => a.agentId === agentId && a.state === 'WRAP_UP')));
    expect([...ended.waiting, ...ended.inProgress].map((c) => c.call.partnerCallId)).not.toContain('wall-1');
    expect(ended.agents.find((a) => a.agentId === agentId)).toMatchObject({ since: at(110), callsToday: 1, answeredToday: 1, talkSecondsToday: 120, currentCall: null });

    // The wall read again after the wrap-up: idle since it ended.
    clock.freezeAt(at(200));
    const later = (await must<{ callWall: Wall }>(supervisor, WALL)).callWall;
    expect(later.agents.find((a) => a.agentId === agentId)).toMatchObject({ state: 'IDLE', since: at(140) });

    // West's own call reaches west; east's never did.
    await postEvents(westPartner, [{ ...inbound('wall-west', { state: 'RINGING', occurredAt: at(190), offeredAt: at(190) }), callerNumber: '13900008888' }]);
    const westWall = await until('west’s own call on west’s wall', async () => west.walls.find((w) => w.waiting.some((c) => c.call.partnerCallId === 'wall-west')));
    expect(west.walls.flatMap((w) => [...w.waiting, ...w.inProgress]).every((c) => c.call.franchiseId === westWall.waiting[0]!.call.franchiseId)).toBe(true);
    expect(JSON.stringify(west.walls)).not.toContain('wall-1');
    expect(JSON.stringify(west.walls)).not.toContain(agentId);
    // Nor does east see west's.
    await new Promise((r) => setTimeout(r, 500));
    expect(JSON.stringify(east.walls)).not.toContain('wall-west');
    expect([east.errors, west.errors]).toEqual([[], []]);
    east.dispose();
    west.dispose();
  });

  it('out-of-order events end in the right state: the end first, then a late ringing and answer leave the call ended', async () => {
    clock.freezeAt(at(300));
    const east = watch(app, supervisor);
    await new Promise((r) => setTimeout(r, 300));
    const ended = inbound('wall-2', { state: 'ENDED', offeredAt: at(200), occurredAt: at(290), answeredAt: at(210), endedAt: at(290), agentWorkNo: '8041', wrapUpSeconds: 5 });
    await postEvents(partner, [ended]);
    await postEvents(partner, [inbound('wall-2', { state: 'RINGING', offeredAt: at(200), occurredAt: at(200) }), inbound('wall-2', { state: 'ANSWERED', offeredAt: at(200), occurredAt: at(210), answeredAt: at(210), agentWorkNo: '8041' })]);
    await until('the ended call counted', async () => east.walls.find((w) => w.agents.some((a) => a.agentId === agentId && a.callsToday === 2)));
    const wall = (await must<{ callWall: Wall }>(supervisor, WALL)).callWall;
    expect([...wall.waiting, ...wall.inProgress].map((c) => c.call.partnerCallId)).not.toContain('wall-2');
    // Its own wrap-up (5 s) is over: idle since 290 + 5.
    expect(wall.agents.find((a) => a.agentId === agentId)).toMatchObject({ state: 'IDLE', since: at(295), callsToday: 2, answeredToday: 2, talkSecondsToday: 200 });
    expect(east.walls.every((w) => ![...w.waiting, ...w.inProgress].some((c) => c.call.partnerCallId === 'wall-2'))).toBe(true);
    east.dispose();
  });

  it('a call the agent logs by hand moves the wall; a store the supervisor cannot see is NOT_FOUND; an agent has no wall', async () => {
    clock.freezeAt(at(400));
    const east = watch(app, supervisor);
    await new Promise((r) => setTimeout(r, 300));
    await must(agent, 'mutation($at: DateTime!, $end: DateTime!) { logCall(input: { direction: OUTBOUND, number: "13900007777", offeredAt: $at, answeredAt: $at, endedAt: $end, disposition: "回访" }) { id } }', { at: at(330), end: at(390) });
    const wall = await until('the logged call counted', async () => east.walls.find((w) => w.agents.some((a) => a.agentId === agentId && a.callsToday === 3)));
    expect(wall.agents.find((a) => a.agentId === agentId)).toMatchObject({ state: 'WRAP_UP', since: at(390) });
    east.dispose();

    const westStore = (await must<{ orgUnits: { nodes: { id: string; kind: string }[] } }>(westOwner, '{ orgUnits(paging: { limit: 50 }) { nodes { id kind } } }')).orgUnits.nodes.find((u) => u.kind === 'STORE')!;
    expect(errorCodes(await supervisor.graphql(WALL, { s: westStore.id }))).toEqual(['NOT_FOUND']);
    const refused = watch(app, supervisor, westStore.id);
    await until('the refusal', async () => refused.errors.length > 0);
    expect(JSON.stringify(refused.errors)).toContain('NOT_FOUND');
    expect(errorCodes(await agent.graphql(WALL))).toEqual(['FORBIDDEN']);
  });
});
