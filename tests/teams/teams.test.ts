import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';

/**
 * Teams (班组): formed under a store, branch center or department, members of the franchise in
 * the caller's scope, each person in one team (added elsewhere, they move), versioned edits,
 * franchises apart.
 */

const TEAM = 'id version name orgUnitId leaderId memberIds franchiseId';
const TEAMS = `query($u: ID) { teams(orgUnitId: $u) { ${TEAM} } }`;
const CREATE = `mutation($t: TeamInput!) { createOneTeam(team: $t) { ${TEAM} } }`;
const UPDATE = `mutation($i: UpdateOneTeamInput!) { updateOneTeam(input: $i) { ${TEAM} } }`;

interface TeamRow { id: string; version: number; name: string; orgUnitId: string; leaderId: string | null; memberIds: string[]; franchiseId: string }

describe('teams', () => {
  let app: TestApp;
  let owner: Caller;
  let westOwner: Caller;
  let staff: Map<string, string>;
  let westStaff: Map<string, string>;
  let units: { id: string; kind: string; code: string | null }[];

  const teams = async (caller: Caller, orgUnitId?: string) => (await must<{ teams: TeamRow[] }>(caller, TEAMS, { u: orgUnitId ?? null })).teams;
  const staffOf = async (caller: Caller) =>
    new Map((await must<{ staffUsers: { nodes: { id: string; email: string }[] } }>(caller, '{ staffUsers(paging: { limit: 100 }) { nodes { id email } } }')).staffUsers.nodes.map((s) => [s.email, s.id]));

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signIn(app, 'owner@east.demo');
    westOwner = await signIn(app, 'owner@west.demo');
    staff = await staffOf(owner);
    westStaff = await staffOf(westOwner);
    units = (await must<{ orgUnits: { nodes: { id: string; kind: string; code: string | null }[] } }>(owner, '{ orgUnits(paging: { limit: 100 }) { nodes { id kind code } } }')).orgUnits.nodes;
  }, 120_000);
  afterAll(() => app.stop());

  it('the demo has three teams per franchise, each franchise seeing its own', async () => {
    const east = await teams(owner);
    expect(east.map((t) => t.name).sort()).toEqual(['客服一组', '客服二组', '门店健康服务组'].sort());
    expect(east.find((t) => t.name === '客服一组')!.memberIds).toEqual([staff.get('agent@east.demo')]);
    const west = await teams(westOwner);
    expect(west).toHaveLength(3);
    expect(west.some((w) => east.some((e) => e.id === w.id))).toBe(false);
    // A store director sees the teams under their store only.
    const director = await signIn(app, 'director@east.demo');
    expect((await teams(director)).map((t) => t.name)).toEqual(['门店健康服务组']);
  });

  it('forms a team; a member of another team moves; versioned edits; bad inputs with codes and fields', async () => {
    const center = units.find((u) => u.kind === 'DEPARTMENT' && u.code?.endsWith('-CS'))!;
    const created = (await must<{ createOneTeam: TeamRow }>(owner, CREATE, { t: { orgUnitId: center.id, name: '夜班组', memberIds: [staff.get('agent2@east.demo')] } })).createOneTeam;
    expect(created.memberIds).toEqual([staff.get('agent2@east.demo')]);
    // agent2 left 客服二组.
    expect((await teams(owner)).find((t) => t.name === '客服二组')!.memberIds).toEqual([]);
    expect((await teams(owner, center.id)).map((t) => t.name).sort()).toEqual(['夜班组', '客服一组', '客服二组'].sort());

    const renamed = (await must<{ updateOneTeam: TeamRow }>(owner, UPDATE, { i: { id: created.id, version: created.version, update: { name: '晚班组', memberIds: [staff.get('agent2@east.demo'), staff.get('agent@east.demo')] } } })).updateOneTeam;
    expect([renamed.name, renamed.memberIds.length, renamed.version]).toEqual(['晚班组', 2, created.version + 1]);
    expect((await teams(owner)).find((t) => t.name === '客服一组')!.memberIds).toEqual([]);
    expect(errorCodes(await owner.graphql(UPDATE, { i: { id: created.id, version: created.version, update: { name: '早班组' } } }))).toEqual(['CONFLICT']);

    const field = async (res: Awaited<ReturnType<Caller['graphql']>>) => [errorCodes(res)[0], (res.body.errors?.[0]?.extensions as { field?: string } | undefined)?.field];
    expect(await field(await owner.graphql(CREATE, { t: { orgUnitId: center.id, name: '晚班组', memberIds: [] } }))).toEqual(['CONFLICT', 'name']);
    const franchise = units.find((u) => u.kind === 'FRANCHISE')!;
    expect(await field(await owner.graphql(CREATE, { t: { orgUnitId: franchise.id, name: '总部组', memberIds: [] } }))).toEqual(['BAD_USER_INPUT', 'team.orgUnitId']);
    expect(await field(await owner.graphql(CREATE, { t: { orgUnitId: center.id, name: '混合组', memberIds: [westStaff.get('agent@west.demo')] } }))).toEqual(['BAD_USER_INPUT', 'team.memberIds']);
    expect(errorCodes(await owner.graphql(CREATE, { t: { orgUnitId: center.id, name: '', memberIds: [] } }))).toEqual(['BAD_USER_INPUT']);
    // West cannot see or touch east's team, nor place a team under east's unit.
    expect(errorCodes(await westOwner.graphql(UPDATE, { i: { id: created.id, version: renamed.version, update: { name: '西区' } } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await westOwner.graphql(CREATE, { t: { orgUnitId: center.id, name: '西区组', memberIds: [] } }))).toEqual(['NOT_FOUND']);
    // An agent may read teams but not form them.
    expect(errorCodes(await (await signIn(app, 'agent@east.demo')).graphql(CREATE, { t: { orgUnitId: center.id, name: '自建组', memberIds: [] } }))).toEqual(['FORBIDDEN']);
  });

  it('a leader (班组长) is one of the members: refused otherwise, and no longer the leader once out of the team', async () => {
    const store = units.find((u) => u.kind === 'STORE')!;
    const [a, b] = [staff.get('pharmacist@east.demo')!, staff.get('manager@east.demo')!];
    const bad = await owner.graphql(CREATE, { t: { orgUnitId: store.id, name: '组长测试组', memberIds: [a], leaderId: b } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect((bad.body.errors?.[0]?.extensions as { field?: string }).field).toBe('team.leaderId');
    const made = (await must<{ createOneTeam: TeamRow }>(owner, CREATE, { t: { orgUnitId: store.id, name: '组长测试组', memberIds: [a, b], leaderId: a } })).createOneTeam;
    expect([made.leaderId, made.memberIds]).toEqual([a, [a, b]]);
    expect((await teams(owner)).find((t) => t.id === made.id)!.leaderId).toBe(a);
    // The leader left out of the members: no leader any more; a named leader outside them is refused.
    const without = (await must<{ updateOneTeam: TeamRow }>(owner, UPDATE, { i: { id: made.id, version: made.version, update: { memberIds: [b] } } })).updateOneTeam;
    expect(without.leaderId).toBeNull();
    expect(errorCodes(await owner.graphql(UPDATE, { i: { id: made.id, version: without.version, update: { leaderId: a } } }))).toEqual(['BAD_USER_INPUT']);
    const led = (await must<{ updateOneTeam: TeamRow }>(owner, UPDATE, { i: { id: made.id, version: without.version, update: { leaderId: b } } })).updateOneTeam;
    expect(led.leaderId).toBe(b);
    // b moves to another team: this one loses its leader.
    await must(owner, CREATE, { t: { orgUnitId: store.id, name: '组长测试二组', memberIds: [b] } });
    expect((await teams(owner)).find((t) => t.id === made.id)).toMatchObject({ leaderId: null, memberIds: [] });
  });
});
