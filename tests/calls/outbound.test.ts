import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';

jest.setTimeout(120_000);

const PLAN = 'id version franchiseId name purpose goal assigneeIds deadline targetCount';
const TASK = 'id version planId customerId assigneeId seq dueAt state outcome noInterestReason note callId followUpAt followUpOfId completedAt';
const CREATE = `mutation($i: CreateOutboundPlanInput!) { createOutboundPlan(input: $i) { ${PLAN} } }`;
const ADD = `mutation($i: AddOutboundTargetsInput!) { addOutboundTargets(input: $i) { created skipped plan { ${PLAN} } } }`;
const RECORD = `mutation($i: RecordOutboundOutcomeInput!) { recordOutboundOutcome(input: $i) { ${TASK} } }`;
const TASKS = `query($p: ID!) { outboundTasks(filter: { planId: { eq: $p } }, sorting: [{ field: seq, direction: ASC }, { field: dueAt, direction: ASC }], paging: { limit: 200 }) { totalCount nodes { ${TASK} customer { id name } assignee { id } plan { id name } call { id direction state customerId agentId answeredAt } } } }`;
const PROGRESS = 'query($p: ID!) { outboundPlanProgress(planId: $p) { planId totals { targets done reached interested converted openFollowUps doneRate conversionRate } byAgent { assigneeId assigneeName targets done reached interested converted openFollowUps } noInterestReasons { reason count } } }';

interface Task {
  id: string;
  version: number;
  customerId: string;
  assigneeId: string;
  seq: number;
  dueAt: string;
  state: string;
  outcome: string | null;
  callId: string | null;
  followUpOfId: string | null;
  call: { id: string; direction: string; state: string; customerId: string; agentId: string; answeredAt: string | null } | null;
}

const field = (res: { body: { errors?: readonly { extensions?: Record<string, unknown> }[] } }) => res.body.errors?.[0]?.extensions?.field;

/** Outbound call plans: a supervisor's plan makes one task per target round-robin (idempotently), agents record calls and outcomes, progress per plan and agent. */
describe('outbound plans', () => {
  let app: TestApp;
  let supervisor: Caller;
  let agent: Caller;
  let agent2: Caller;
  let westOwner: Caller;
  let agentId: string;
  let agent2Id: string;
  let westAgentId: string;
  let customers: { id: string; phone: string }[];
  let westCustomerId: string;
  const inDays = (days: number) => new Date(clock.now().getTime() + days * 86_400_000).toISOString();
  const ago = (minutes: number) => new Date(Math.floor(clock.now().getTime() / 1000) * 1000 - minutes * 60_000).toISOString();

  beforeAll(async () => {
    app = await startTestApp();
    supervisor = await signIn(app, 'supervisor@east.demo');
    agent = await signIn(app, 'agent@east.demo');
    agent2 = await signIn(app, 'agent2@east.demo');
    westOwner = await signIn(app, 'owner@west.demo');
    const me = async (c: Caller) => (await must<{ me: { user: { id: string } } }>(c, '{ me { user { id } } }')).me.user.id;
    [agentId, agent2Id, westAgentId] = await Promise.all([agent, agent2, await signIn(app, 'agent@west.demo')].map(me)) as [string, string, string];
    customers = (await must<{ customers: { nodes: { id: string; phone: string }[] } }>(supervisor, '{ customers(paging: { limit: 8 }, sorting: [{ field: createdAt, direction: ASC }]) { nodes { id phone } } }')).customers.nodes;
    westCustomerId = (await must<{ customers: { nodes: { id: string }[] } }>(westOwner, '{ customers(paging: { limit: 1 }) { nodes { id } } }')).customers.nodes[0]!.id;
  }, 180_000);
  afterAll(() => app.stop());

  const plan = (fields: Record<string, unknown> = {}) => ({ name: '秋季关怀回访', purpose: 'RELATIONSHIP_CARE', goal: '八成客户接通并确认用药情况', assigneeIds: [agentId, agent2Id], deadline: inDays(7), targets: { customerIds: customers.slice(0, 5).map((c) => c.id) }, ...fields });

  it('makes one task per target, round-robin over the assignees; the same targets again make nothing, new ones continue the round', async () => {
    const created = (await must<{ createOutboundPlan: { id: string; targetCount: number; assigneeIds: string[] } }>(supervisor, CREATE, { i: plan() })).createOutboundPlan;
    expect(created.targetCount).toBe(5);
    const tasks = (await must<{ outboundTasks: { totalCount: number; nodes: Task[] } }>(supervisor, TASKS, { p: created.id })).outboundTasks;
    expect(tasks.nodes.map((t) => [t.seq, t.customerId, t.assigneeId, t.state])).toEqual(customers.slice(0, 5).map((c, i) => [i, c.id, i % 2 ? agent2Id : agentId, 'OPEN']));

    const again = (await must<{ addOutboundTargets: { created: number; skipped: number; plan: { targetCount: number } } }>(supervisor, ADD, { i: { planId: created.id, targets: { customerIds: customers.slice(0, 5).map((c) => c.id) } } })).addOutboundTargets;
    expect([again.created, again.skipped, again.plan.targetCount]).toEqual([0, 5, 5]);
    // By a filter (the customers list's), overlapping the list: only the new customer makes a task, for the next agent in the round.
    const more = (await must<{ addOutboundTargets: { created: number; skipped: number } }>(supervisor, ADD, { i: { planId: created.id, targets: { filter: { id: { in: [customers[4]!.id, customers[5]!.id] } } } } })).addOutboundTargets;
    expect([more.created, more.skipped]).toEqual([1, 1]);
    const after = (await must<{ outboundTasks: { nodes: Task[] } }>(supervisor, TASKS, { p: created.id })).outboundTasks.nodes;
    expect(after.map((t) => t.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(after[5]).toMatchObject({ customerId: customers[5]!.id, assigneeId: agent2Id });
  });

  it('refuses bad plans with the field named, and another franchise’s customers and agents', async () => {
    const bad = async (fields: Record<string, unknown>) => {
      const res = await supervisor.graphql(CREATE, { i: plan(fields) });
      return [errorCodes(res)[0], field(res)];
    };
    expect(await bad({ deadline: ago(5) })).toEqual(['BAD_USER_INPUT', 'deadline']);
    expect(await bad({ assigneeIds: [agentId, westAgentId] })).toEqual(['BAD_USER_INPUT', 'assigneeIds']);
    expect(await bad({ assigneeIds: [] })).toEqual(['BAD_USER_INPUT', 'assigneeIds']);
    expect(await bad({ targets: {} })).toEqual(['BAD_USER_INPUT', 'targets']);
    expect(await bad({ targets: { filter: { id: { in: [westCustomerId] } } } })).toEqual(['BAD_USER_INPUT', 'targets']);
    expect((await bad({ targets: { customerIds: [westCustomerId] } }))[0]).toBe('NOT_FOUND');
    // An agent cannot make plans.
    expect(errorCodes(await agent.graphql(CREATE, { i: plan() }))).toEqual(['FORBIDDEN']);
  });

  it('agents record calls and outcomes; a follow-up makes a task; progress counts each target once, per agent and in total', async () => {
    const created = (await must<{ createOutboundPlan: { id: string } }>(supervisor, CREATE, { i: plan({ name: '新品推荐', purpose: 'SALES', targets: { customerIds: customers.slice(0, 4).map((c) => c.id) } }) })).createOutboundPlan;
    const mine = async (who: Caller, id: string) =>
      (await must<{ outboundTasks: { nodes: Task[] } }>(who, `query($p: ID!, $a: ID!) { outboundTasks(filter: { planId: { eq: $p }, assigneeId: { eq: $a }, state: { eq: OPEN } }, paging: { limit: 50 }) { nodes { ${TASK} } } }`, { p: created.id, a: id })).outboundTasks.nodes.sort((a, b) => a.seq - b.seq);
    const [t0, t2] = await mine(agent, agentId);
    const [t1, t3] = await mine(agent2, agent2Id);
    const answered = { offeredAt: ago(10), answeredAt: ago(9), endedAt: ago(6) };
    const record = (who: Caller, t: Task, fields: Record<string, unknown>) => who.graphql<{ recordOutboundOutcome: Task }>(RECORD, { i: { id: t.id, version: t.version, ...fields } });

    // Not interested needs a reason from the list; a reached outcome needs an answered call; someone else's task is not theirs to record.
    const noReason = await record(agent, t0!, { outcome: 'NOT_INTERESTED', call: answered });
    expect([errorCodes(noReason)[0], field(noReason)]).toEqual(['BAD_USER_INPUT', 'noInterestReason']);
    const unanswered = await record(agent, t0!, { outcome: 'CONVERTED', call: { offeredAt: ago(10) } });
    expect([errorCodes(unanswered)[0], field(unanswered)]).toEqual(['BAD_USER_INPUT', 'call.answeredAt']);
    const noCall = await record(agent, t0!, { outcome: 'UNREACHED' });
    expect([errorCodes(noCall)[0], field(noCall)]).toEqual(['BAD_USER_INPUT', 'call']);
    expect(errorCodes(await record(agent2, t0!, { outcome: 'UNREACHED', call: { offeredAt: ago(10) } }))).toEqual(['FORBIDDEN']);

    const notInterested = (await must<{ recordOutboundOutcome: Task }>(agent, RECORD, { i: { id: t0!.id, version: t0!.version, outcome: 'NOT_INTERESTED', noInterestReason: 'PRICE', call: answered, note: '嫌贵' } })).recordOutboundOutcome;
    expect(notInterested).toMatchObject({ state: 'DONE', outcome: 'NOT_INTERESTED', noInterestReason: 'PRICE' });
    // The call was logged with the task: outbound, to the customer, by the agent.
    const linked = (await must<{ outboundTasks: { nodes: Task[] } }>(agent, `query($id: ID!) { outboundTasks(filter: { id: { eq: $id } }) { nodes { ${TASK} call { id direction state customerId agentId answeredAt } } } }`, { id: t0!.id })).outboundTasks.nodes[0]!;
    expect(linked.call).toMatchObject({ id: linked.callId, direction: 'OUTBOUND', state: 'ENDED', customerId: t0!.customerId, agentId, answeredAt: answered.answeredAt });
    // Done is done: again (stale version, then the current one) is a CONFLICT.
    expect(errorCodes(await record(agent, t0!, { outcome: 'UNREACHED', call: { offeredAt: ago(5) } }))).toEqual(['CONFLICT']);
    expect(errorCodes(await record(agent, notInterested, { outcome: 'UNREACHED', call: { offeredAt: ago(5) } }))).toEqual(['CONFLICT']);

    // Interested, call again in two days: a follow-up task for the same agent, due then; converted on the follow-up.
    const followUpAt = inDays(2);
    await must(agent, RECORD, { i: { id: t2!.id, version: t2!.version, outcome: 'INTERESTED', call: answered, followUpAt } });
    const [followUp] = await mine(agent, agentId);
    expect(followUp).toMatchObject({ customerId: t2!.customerId, followUpOfId: t2!.id, dueAt: followUpAt, seq: t2!.seq });
    expect(errorCodes(await record(agent, followUp!, { outcome: 'UNREACHED', call: { offeredAt: ago(3) }, followUpAt: ago(1) }))).toEqual(['BAD_USER_INPUT']);

    // A call the telephony system recorded, given by id: must be an outbound call.
    const inbound = (await must<{ logCall: { id: string } }>(agent2, 'mutation($n: String!, $at: DateTime!) { logCall(input: { direction: INBOUND, number: $n, offeredAt: $at, answeredAt: $at, endedAt: $at }) { id } }', { n: '13800000001', at: ago(20) })).logCall;
    const wrongCall = await record(agent2, t1!, { outcome: 'UNREACHED', callId: inbound.id });
    expect([errorCodes(wrongCall)[0], field(wrongCall)]).toEqual(['BAD_USER_INPUT', 'callId']);
    await must(agent2, RECORD, { i: { id: t1!.id, version: t1!.version, outcome: 'UNREACHED', call: { offeredAt: ago(8) } } });

    type Progress = { outboundPlanProgress: { totals: Record<string, number>; byAgent: Record<string, unknown>[]; noInterestReasons: unknown[] } };
    let progress = (await must<Progress>(supervisor, PROGRESS, { p: created.id })).outboundPlanProgress;
    expect(progress.totals).toEqual({ targets: 4, done: 3, reached: 2, interested: 1, converted: 0, openFollowUps: 1, doneRate: 0.75, conversionRate: 0 });
    await must(agent, RECORD, { i: { id: followUp!.id, version: followUp!.version, outcome: 'CONVERTED', call: answered } });
    await must(agent2, RECORD, { i: { id: t3!.id, version: t3!.version, outcome: 'INTERESTED', call: answered } });
    progress = (await must<Progress>(supervisor, PROGRESS, { p: created.id })).outboundPlanProgress;
    // The follow-up's customer counts once: reached, interested and converted; the first task made it done.
    expect(progress.totals).toEqual({ targets: 4, done: 4, reached: 3, interested: 2, converted: 1, openFollowUps: 0, doneRate: 1, conversionRate: 1 / 3 });
    expect(progress.byAgent).toEqual([
      { assigneeId: agentId, assigneeName: expect.any(String), targets: 2, done: 2, reached: 2, interested: 1, converted: 1, openFollowUps: 0 },
      { assigneeId: agent2Id, assigneeName: expect.any(String), targets: 2, done: 2, reached: 1, interested: 1, converted: 0, openFollowUps: 0 },
    ]);
    expect(progress.noInterestReasons).toEqual([{ reason: 'PRICE', count: 1 }]);

    // West sees none of it.
    expect((await must<{ outboundPlan: null }>(westOwner, 'query($id: ID!) { outboundPlan(id: $id) { id } }', { id: created.id })).outboundPlan).toBeNull();
    expect(errorCodes(await westOwner.graphql(PROGRESS, { p: created.id }))).toEqual(['NOT_FOUND']);
    expect((await must<{ outboundTasks: { totalCount: number } }>(westOwner, TASKS, { p: created.id })).outboundTasks.totalCount).toBe(0);
  });

  it('a task lets its agent see its customer outside their store: the task shows the customer, the call is logged to them; nobody else is widened', async () => {
    // A health manager of one store (outbound:work), given a customer of another store.
    const manager = await signIn(app, 'manager@east.demo');
    const managerId = (await must<{ me: { user: { id: string } } }>(manager, '{ me { user { id } } }')).me.user.id;
    const ONE = 'query($id: ID!) { customer(id: $id) { id name } }';
    const all = (await must<{ customers: { nodes: { id: string; phone: string | null; name: string }[] } }>(supervisor, '{ customers(paging: { limit: 200 }, sorting: [{ field: createdAt, direction: DESC }]) { nodes { id phone name } } }')).customers.nodes;
    let outside: (typeof all)[number] | undefined;
    for (const c of all.filter((x) => x.phone)) if (!(await must<{ customer: null }>(manager, ONE, { id: c.id })).customer && (outside = c)) break;
    expect(outside).toBeDefined();

    const made = (await must<{ createOutboundPlan: { id: string } }>(supervisor, CREATE, { i: plan({ name: '跨店外呼', assigneeIds: [managerId], targets: { customerIds: [outside!.id] } }) })).createOutboundPlan;
    const [task] = (await must<{ outboundTasks: { nodes: (Task & { customer: { id: string; name: string } | null })[] } }>(manager, TASKS, { p: made.id })).outboundTasks.nodes;
    expect(task).toMatchObject({ customerId: outside!.id, assigneeId: managerId, customer: { id: outside!.id, name: outside!.name } });
    expect((await must<{ customer: { id: string } }>(manager, ONE, { id: outside!.id })).customer).toMatchObject({ id: outside!.id });

    const done = (await must<{ recordOutboundOutcome: Task }>(manager, RECORD, { i: { id: task!.id, version: task!.version, outcome: 'INTERESTED', call: { offeredAt: ago(5), answeredAt: ago(4), endedAt: ago(2) } } })).recordOutboundOutcome;
    expect(done).toMatchObject({ state: 'DONE', outcome: 'INTERESTED' });
    const call = (await must<{ call: { customerId: string; agentId: string; customer: { id: string } | null } }>(manager, 'query($id: ID!) { call(id: $id) { customerId agentId customer { id } } }', { id: done.callId })).call;
    expect(call).toEqual({ customerId: outside!.id, agentId: managerId, customer: { id: outside!.id } });

    // Nobody else is widened: the store director of the manager's store has no task for that customer.
    const director = await signIn(app, 'director@east.demo');
    expect((await must<{ customer: null }>(director, ONE, { id: outside!.id })).customer).toBeNull();
  });
});
