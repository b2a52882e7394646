import { Client } from 'pg';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { openCase } from './support';

const SETTINGS = 'franchiseId assignmentRule feedbackAnswerHours version';

/**
 * Auto-assignment of new cases by the franchise's rule: manual leaves them in the queue,
 * round_robin deals them out in turn, least_loaded fills the emptiest agent; only online
 * agents with room under their capacity take cases.
 */
describe('assigning new cases by the franchise rule', () => {
  let app: TestApp;
  let pg: Client;
  let owner: Caller;
  let supervisor: Caller;
  let agents: { caller: Caller; id: string }[];

  async function settings(input: Record<string, unknown>) {
    const res = await owner.graphql<{ updateCaseSettings: { version: number; assignmentRule: string } }>(`mutation($i: UpdateCaseSettingsInput!) { updateCaseSettings(input: $i) { ${SETTINGS} } }`, { i: input });
    return { data: res.body.data?.updateCaseSettings, errors: res.body.errors ?? [] };
  }
  async function availability(agent: Caller, input: Record<string, unknown>) {
    const res = await agent.graphql(`mutation($i: SetAvailabilityInput!) { setMyAvailability(input: $i) { availability capacity } }`, { i: input });
    expect(res.body.errors).toBeUndefined();
  }

  beforeAll(async () => {
    app = await startTestApp();
    pg = new Client({ connectionString: app.database.url });
    await pg.connect();
    // Only the two agents of this test are online, and they start with no open cases.
    await pg.query(`update agent_presence set availability = 'OFFLINE'`);
    await pg.query(`update service_case set owner_id = null where owner_id in (select id from staff_user where email in ('agent@east.demo', 'agent2@east.demo'))`);
    [owner, supervisor] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'supervisor@east.demo')]);
    const callers = await Promise.all([signIn(app, 'agent@east.demo'), signIn(app, 'agent2@east.demo')]);
    const { rows } = await pg.query<{ id: string; email: string }>(`select id, email from staff_user where email in ('agent@east.demo', 'agent2@east.demo')`);
    const idOf = (email: string) => rows.find((r) => r.email === email)!.id;
    // Round robin deals by staff id, so order the agents the same way.
    agents = [
      { caller: callers[0]!, id: idOf('agent@east.demo') },
      { caller: callers[1]!, id: idOf('agent2@east.demo') },
    ].sort((a, b) => a.id.localeCompare(b.id));
  });
  afterAll(async () => {
    await pg.end();
    await app.stop();
  });

  it('by default cases wait in the queue, even with agents online', async () => {
    const res = await owner.graphql<{ caseSettings: { assignmentRule: string; version: number } }>(`{ caseSettings { ${SETTINGS} } }`);
    expect(res.body.data!.caseSettings).toMatchObject({ assignmentRule: 'manual', version: 0 });
    for (const a of agents) await availability(a.caller, { availability: 'ONLINE', capacity: 10 });
    expect((await openCase(supervisor, { subject: '无人认领' })).ownerId).toBeNull();
  });

  it('round_robin deals new cases to the online agents in turn', async () => {
    const saved = await settings({ assignmentRule: 'round_robin', version: 0 });
    expect(saved.errors).toEqual([]);
    expect(saved.data).toMatchObject({ assignmentRule: 'round_robin', version: 1 });
    const owners: (string | null)[] = [];
    for (let i = 0; i < 4; i++) owners.push((await openCase(supervisor, { subject: `轮流分配 ${i}` })).ownerId);
    // Wherever the turn starts, the two agents alternate.
    expect(new Set(owners)).toEqual(new Set(agents.map((a) => a.id)));
    expect(owners[0]).not.toBe(owners[1]);
    expect(owners[2]).toBe(owners[0]);
    expect(owners[3]).toBe(owners[1]);
  });

  it('an agent at capacity, away or offline gets nothing', async () => {
    const [first, second] = agents;
    await availability(first!.caller, { availability: 'ONLINE', capacity: 2 }); // already holds 2
    const owners = [(await openCase(supervisor, { subject: '满额 1' })).ownerId, (await openCase(supervisor, { subject: '满额 2' })).ownerId];
    expect(owners).toEqual([second!.id, second!.id]);
    await availability(second!.caller, { availability: 'AWAY' });
    expect((await openCase(supervisor, { subject: '都不可用' })).ownerId).toBeNull();
    await availability(second!.caller, { availability: 'ONLINE', capacity: 10 });
  });

  it('least_loaded gives the case to the agent with the lowest share of capacity in use', async () => {
    const [first, second] = agents;
    // first holds 2 of 20 (10 %), second 4 of 10 (40 %).
    await availability(first!.caller, { availability: 'ONLINE', capacity: 20 });
    const leastLoaded = await settings({ assignmentRule: 'least_loaded', version: 1 });
    expect(leastLoaded.errors).toEqual([]);
    expect(leastLoaded.data).toMatchObject({ assignmentRule: 'least_loaded', version: 2 });
    expect((await openCase(supervisor, { subject: '最空闲' })).ownerId).toBe(first!.id);
    await availability(second!.caller, { availability: 'ONLINE', capacity: 40 }); // 4 of 40 (10 %) vs 3 of 20 (15 %)
    expect((await openCase(supervisor, { subject: '最空闲 2' })).ownerId).toBe(second!.id);
  });

  it('refuses a stale version, an unknown rule and a negative answer time, and changes nothing', async () => {
    const stale = await settings({ assignmentRule: 'manual', version: 1 });
    expect(stale.errors.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    const unknown = await settings({ assignmentRule: 'by_mood', version: 2 });
    expect(unknown.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(unknown.errors)).toContain('assignmentRule');
    const negative = await settings({ feedbackAnswerHours: -1, version: 2 });
    expect(negative.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const res = await owner.graphql<{ caseSettings: { assignmentRule: string; version: number } }>(`{ caseSettings { ${SETTINGS} } }`);
    expect(res.body.data!.caseSettings).toMatchObject({ assignmentRule: 'least_loaded', version: 2, feedbackAnswerHours: 8 });
  });
});
