import { clock, inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';

jest.setTimeout(120_000);

const FIGURE = 'key label rated satisfied dissatisfied satisfactionRate dissatisfactionRate';
const ANALYSIS = `id version status title periodFrom periodTo storeId findings problems { key title grade } figures { ${FIGURE} } worstQuestions { questionKey text answered dissatisfied dissatisfactionRate averageRating } worstStores { ${FIGURE} } worstAgents { ${FIGURE} } flags { kind agentId agentName dissatisfied share agents reason }`;
const ACTION = 'id version status title ownerId storeId dueDate problemKey evidenceUrls notes { note evidenceUrls } doneAt closedAt escalatedAt owner { id } analysis { id }';

interface Flag {
  kind: string;
  agentId: string | null;
  dissatisfied: number;
  share: number | null;
  agents: number;
}
interface Analysis {
  id: string;
  version: number;
  status: string;
  figures: Record<string, number | string | null>;
  worstQuestions: { questionKey: string; answered: number; dissatisfied: number; dissatisfactionRate: number }[];
  worstStores: { key: string; dissatisfied: number }[];
  worstAgents: { key: string; dissatisfied: number; dissatisfactionRate: number }[];
  flags: Flag[];
}
interface Action {
  id: string;
  version: number;
  status: string;
  escalatedAt: string | null;
}

/**
 * Satisfaction analyses on known data (answered surveys written straight into the table for
 * months no demo survey falls in): the figures, the worst questions and agents, the concentration
 * rule flagging the right agent and the spread rule flagging a process review; then an
 * improvement action followed to closure, and an overdue one escalated once.
 */
describe('satisfaction analysis and improvement actions', () => {
  let app: TestApp;
  let supervisor: Caller;
  let director: Caller;
  let owner: Caller;
  let agent: Caller;
  let westOwner: Caller;
  const ids: Record<string, string> = {};
  let franchiseId = '';
  let storeId = '';
  let customerId = '';

  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => em.execute<T[]>(query, params));

  /** Answered surveys of an agent sent on a day: one per rating given (the satisfaction question 'overall' and a second 1–5 question 'wait'). */
  async function answered(agentKey: string, day: string, ratings: number[], wait = 4) {
    for (const rating of ratings) {
      const answers = JSON.stringify([
        { questionKey: 'overall', value: rating },
        { questionKey: 'wait', value: rating <= 2 ? 1 : wait },
      ]);
      await sql(
        `insert into satisfaction_request (id, franchise_id, customer_id, source_kind, source_id, source_ref, staff_id, org_unit_id, status, template_version_id, channel, sent_at, answered_at, rating, answers, version, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, 'case', gen_random_uuid(), 'TEST', ?, ?, 'ANSWERED', ?, 'PHONE', ?::timestamptz, ?::timestamptz, ?, ?::jsonb, 1, now(), now())`,
        [franchiseId, customerId, ids[agentKey], storeId, ids.versionId, `${day}T10:00:00+08:00`, `${day}T11:00:00+08:00`, rating, answers],
      );
    }
  }

  const create = (caller: Caller, input: Record<string, unknown>) => caller.graphql<{ createSatisfactionAnalysis: Analysis }>(`mutation($i: CreateSatisfactionAnalysisInput!) { createSatisfactionAnalysis(input: $i) { ${ANALYSIS} } }`, { i: input });
  const addAction = (caller: Caller, input: Record<string, unknown>) => caller.graphql<{ addImprovementAction: Action }>(`mutation($i: AddImprovementActionInput!) { addImprovementAction(input: $i) { ${ACTION} } }`, { i: input });
  const progress = (caller: Caller, input: Record<string, unknown>) => caller.graphql<{ reportImprovementProgress: Action }>(`mutation($i: ReportImprovementProgressInput!) { reportImprovementProgress(input: $i) { ${ACTION} } }`, { i: input });
  const verify = (caller: Caller, input: Record<string, unknown>) => caller.graphql<{ verifyImprovementAction: Action }>(`mutation($i: VerifyImprovementActionInput!) { verifyImprovementAction(input: $i) { ${ACTION} } }`, { i: input });
  const ok = <T>(res: { body: { data?: T | null; errors?: unknown } }): T => {
    expect(res.body.errors).toBeUndefined();
    return res.body.data!;
  };

  beforeAll(async () => {
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    [supervisor, director, owner, agent, westOwner] = (await Promise.all(['supervisor@east.demo', 'director@east.demo', 'owner@east.demo', 'agent@east.demo', 'owner@west.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller, Caller, Caller];
    const staff = await must<{ staffUsers: { nodes: { id: string; email: string; franchiseId: string }[] } }>(owner, '{ staffUsers(paging: { limit: 100 }) { nodes { id email franchiseId } } }');
    for (const local of ['agent', 'agent2', 'manager', 'pharmacist', 'director', 'supervisor', 'owner']) ids[local] = staff.staffUsers.nodes.find((s) => s.email === `${local}@east.demo`)!.id;
    franchiseId = staff.staffUsers.nodes[0]!.franchiseId;
    const directorUnit = await must<{ me: { user: { orgUnitId: string } } }>(director, '{ me { user { orgUnitId } } }');
    storeId = directorUnit.me.user.orgUnitId;
    customerId = (await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }')).customers.nodes[0]!.id;
    // A template version of east's own with two 1–5 questions.
    const template = await must<{ createSurveyTemplate: { currentVersionId: string } }>(supervisor, `mutation($i: CreateSurveyTemplateInput!) { createSurveyTemplate(input: $i) { currentVersionId } }`, {
      i: { code: 'analysis-test', name: '分析测试问卷', purpose: 'SERVICE_CONTACT', questions: [{ key: 'overall', kind: 'RATING', text: '总体满意度', satisfaction: true }, { key: 'wait', kind: 'RATING', text: '等待时间' }] },
    });
    ids.versionId = template.createSurveyTemplate.currentVersionId;
    // June 2031: agent2 6 of 8 dissatisfied, agent 2 of 10, manager 1 of 5 (9 dissatisfied, 23 rated, 14 satisfied).
    await answered('agent2', '2031-06-03', [1, 1, 1, 2, 2, 1, 5, 5]);
    await answered('agent', '2031-06-10', [1, 2, 5, 5, 5, 5, 4, 4, 4, 4], 5);
    await answered('manager', '2031-06-20', [1, 5, 5, 5, 5], 3);
    // July 2031: spread across four people, none with five (agent 3, agent2 2, manager 2, pharmacist 2).
    await answered('agent', '2031-07-02', [1, 1, 2, 5]);
    await answered('agent2', '2031-07-03', [2, 1, 4]);
    await answered('manager', '2031-07-04', [1, 2, 5, 5]);
    await answered('pharmacist', '2031-07-05', [2, 1, 5]);
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('proposes the figures, the worst questions and agents, and flags the concentrated agent for a staffing review', async () => {
    clock.freezeAt('2031-07-01T09:00:00+08:00');
    const a = ok(await create(supervisor, { title: '2031 年 6 月满意度分析', from: '2031-06-01', to: '2031-06-30' })).createSatisfactionAnalysis;
    expect(a).toMatchObject({ status: 'OPEN', version: 1, storeId: null });
    expect(a.figures).toMatchObject({ rated: 23, satisfied: 14, dissatisfied: 9, satisfactionRate: 0.6087, dissatisfactionRate: 0.3913 });
    // By the published definitions: agent2 6/8, agent 2/10, manager 1/5.
    expect(a.worstAgents.map((g) => [g.key, g.dissatisfied, g.dissatisfactionRate])).toEqual([
      [ids.agent2, 6, 0.75],
      [ids.agent, 2, 0.2],
      [ids.manager, 1, 0.2],
    ]);
    expect(a.worstStores.map((g) => [g.key, g.dissatisfied])).toEqual([[storeId, 9]]);
    // 'wait' is 1 whenever overall is 1–2 and 3 on manager's others: both questions 9 of 23.
    expect(a.worstQuestions.map((q) => [q.questionKey, q.answered, q.dissatisfied, q.dissatisfactionRate])).toEqual([
      ['overall', 23, 9, 0.3913],
      ['wait', 23, 9, 0.3913],
    ]);
    // agent2 holds 6 of 9 (≥ 40 %, ≥ 5): a staffing review; the rest (3 from two people) flags nothing.
    expect(a.flags).toEqual([expect.objectContaining({ kind: 'STAFFING_REVIEW', agentId: ids.agent2, dissatisfied: 6, share: 0.6667, agents: 3 })]);
    ids.analysisId = a.id;
    ids.analysisVersion = String(a.version);

    // A store's analysis holds the same surveys (all were at the director's store); west sees nothing of it.
    const byStore = ok(await create(supervisor, { title: '门店分析', from: '2031-06-01', to: '2031-06-30', storeId })).createSatisfactionAnalysis;
    expect(byStore.figures).toMatchObject({ rated: 23, dissatisfied: 9 });
    expect(ok(await westOwner.graphql<{ satisfactionAnalysis: unknown }>('query($id: ID!) { satisfactionAnalysis(id: $id) { id } }', { id: a.id })).satisfactionAnalysis).toBeNull();
  });

  it('flags a process review when dissatisfaction is spread across the team, with the franchise’s thresholds', async () => {
    const july = ok(await create(supervisor, { title: '2031 年 7 月', from: '2031-07-01', to: '2031-07-31' })).createSatisfactionAnalysis;
    // 9 dissatisfied from four people, none with five: a process review, nobody singled out.
    expect(july.flags).toEqual([expect.objectContaining({ kind: 'PROCESS_REVIEW', agentId: null, dissatisfied: 9, share: null, agents: 4 })]);

    // Lower the concentration count to 3: agent (3 of 9 = 33 %) still under 40 %; at 30 % agent is flagged and the rest (6 from three) still spread.
    const settings = ok(await supervisor.graphql<{ satisfactionAnalysisSettings: { version: number; concentrationShare: number } }>('{ satisfactionAnalysisSettings { version concentrationShare concentrationMinCount spreadMinAgents spreadMinCount } }')).satisfactionAnalysisSettings;
    expect(settings).toMatchObject({ version: 0, concentrationShare: 0.4 });
    const saved = ok(await supervisor.graphql<{ updateSatisfactionAnalysisSettings: { version: number } }>('mutation { updateSatisfactionAnalysisSettings(input: { version: 0, concentrationShare: 0.3, concentrationMinCount: 3 }) { version } }')).updateSatisfactionAnalysisSettings;
    expect(errorCodes(await owner.graphql('mutation { updateSatisfactionAnalysisSettings(input: { version: 0, spreadMinAgents: 2 }) { version } }'))).toEqual(['CONFLICT']);
    expect(errorCodes(await owner.graphql('mutation { updateSatisfactionAnalysisSettings(input: { concentrationShare: 0 }) { version } }'))).toEqual(['BAD_USER_INPUT']);
    const again = ok(await create(supervisor, { title: '2031 年 7 月（复核）', from: '2031-07-01', to: '2031-07-31' })).createSatisfactionAnalysis;
    expect(again.flags.map((f) => [f.kind, f.agentId, f.dissatisfied, f.agents])).toEqual([
      ['STAFFING_REVIEW', ids.agent, 3, 4],
      ['PROCESS_REVIEW', null, 6, 3],
    ]);
    await must(owner, `mutation { updateSatisfactionAnalysisSettings(input: { version: ${saved.version}, concentrationShare: 0.4, concentrationMinCount: 5 }) { version } }`);
  });

  it('refuses bad inputs with codes and the field', async () => {
    const cases: [Caller, Record<string, unknown>, string, string | undefined][] = [
      [supervisor, { title: ' ', from: '2031-06-01', to: '2031-06-30' }, 'BAD_USER_INPUT', 'title'],
      [supervisor, { title: 'x', from: '2031-06-31', to: '2031-06-30' }, 'BAD_USER_INPUT', 'from'],
      [supervisor, { title: 'x', from: '2031-06-30', to: '2031-06-01' }, 'BAD_USER_INPUT', 'to'],
      [supervisor, { title: 'x', from: '2030-01-01', to: '2031-06-30' }, 'BAD_USER_INPUT', 'to'],
      [agent, { title: 'x', from: '2031-06-01', to: '2031-06-30' }, 'FORBIDDEN', undefined],
    ];
    for (const [caller, input, code, field] of cases) {
      const res = await create(caller, input);
      expect({ input, codes: errorCodes(res) }).toEqual({ input, codes: [code] });
      if (field) expect(res.body.errors![0]!.extensions).toMatchObject({ field });
    }
    // West's store: not found.
    const westStore = (await must<{ orgUnits: { nodes: { id: string; kind: string }[] } }>(westOwner, '{ orgUnits { nodes { id kind } } }')).orgUnits.nodes.find((u) => u.kind === 'STORE')!.id;
    expect(errorCodes(await create(supervisor, { title: 'x', from: '2031-06-01', to: '2031-06-30', storeId: westStore }))).toEqual(['NOT_FOUND']);
    const problems = (list: unknown[]) => supervisor.graphql('mutation($i: UpdateSatisfactionAnalysisInput!) { updateSatisfactionAnalysis(input: $i) { id } }', { i: { id: ids.analysisId, version: 1, problems: list } });
    const twice = await problems([{ key: 'p1', title: 'a', grade: 'MINOR' }, { key: 'p1', title: 'b', grade: 'SEVERE' }]);
    expect([errorCodes(twice), twice.body.errors![0]!.extensions!.field]).toEqual([['BAD_USER_INPUT'], 'problems.1.key']);
    const untitled = await problems([{ key: 'p1', title: '  ', grade: 'MINOR' }]);
    expect([errorCodes(untitled), untitled.body.errors![0]!.extensions!.field]).toEqual([['BAD_USER_INPUT'], 'problems.0.title']);
    expect(errorCodes(await supervisor.graphql('mutation { updateSatisfactionAnalysis(input: { id: "' + ids.analysisId + '", version: 7, findings: "x" }) { id } }'))).toEqual(['CONFLICT']);
  });

  it('follows an improvement action to closure: graded problem, owner’s progress and evidence, verification, the analysis closed', async () => {
    clock.freezeAt('2031-07-01T09:00:00+08:00');
    const updated = ok(
      await supervisor.graphql<{ updateSatisfactionAnalysis: { version: number; findings: string; problems: unknown[] } }>('mutation($i: UpdateSatisfactionAnalysisInput!) { updateSatisfactionAnalysis(input: $i) { version findings problems { key title grade } } }', {
        i: { id: ids.analysisId, version: 1, findings: '不满意集中在一名客服，其余为等待时间问题。', problems: [{ key: 'agent2', title: '客服服务态度', grade: 'SEVERE' }, { key: 'wait', title: '等待时间长', description: '高峰期', grade: 'MINOR' }] },
      }),
    ).updateSatisfactionAnalysis;
    expect(updated).toMatchObject({ version: 2, problems: [{ key: 'agent2', grade: 'SEVERE' }, { key: 'wait', grade: 'MINOR' }] });

    const base = { analysisId: ids.analysisId, problemKey: 'agent2', title: '客服服务礼仪培训', ownerId: ids.director, dueDate: '2031-07-10', evidenceRequired: '培训签到表' };
    for (const [input, code, field] of [
      [{ ...base, problemKey: 'nope' }, 'BAD_USER_INPUT', 'problemKey'],
      [{ ...base, dueDate: '2031-06-30' }, 'BAD_USER_INPUT', 'dueDate'],
      [{ ...base, dueDate: '2031-02-30' }, 'BAD_USER_INPUT', 'dueDate'],
      [{ ...base, title: ' ' }, 'BAD_USER_INPUT', 'title'],
    ] as const) {
      const res = await addAction(supervisor, input);
      expect({ field, codes: errorCodes(res), got: res.body.errors?.[0]?.extensions?.field }).toEqual({ field, codes: [code], got: field });
    }
    const westAgent = (await must<{ staffUsers: { nodes: { id: string }[] } }>(westOwner, '{ staffUsers(paging: { limit: 1 }) { nodes { id } } }')).staffUsers.nodes[0]!.id;
    expect(errorCodes(await addAction(supervisor, { ...base, ownerId: westAgent }))).toEqual(['NOT_FOUND']);
    // The problem an action addresses cannot be taken out of the analysis.
    const action = ok(await addAction(supervisor, base)).addImprovementAction;
    expect(action).toMatchObject({ status: 'OPEN', version: 1, storeId: null, dueDate: '2031-07-10', owner: { id: ids.director }, analysis: { id: ids.analysisId } });
    const removal = await supervisor.graphql('mutation($i: UpdateSatisfactionAnalysisInput!) { updateSatisfactionAnalysis(input: $i) { id } }', { i: { id: ids.analysisId, version: 2, problems: [{ key: 'wait', title: '等待时间长', grade: 'MINOR' }] } });
    expect([errorCodes(removal), removal.body.errors![0]!.extensions!.field]).toEqual([['BAD_USER_INPUT'], 'problems']);

    // The director's "my actions".
    const mine = ok(await director.graphql<{ improvementActions: { nodes: { id: string }[] } }>('query($a: ID!) { improvementActions(mine: true, filter: { analysisId: { eq: $a } }) { nodes { id } } }', { a: ids.analysisId })).improvementActions.nodes;
    expect(mine.map((n) => n.id)).toEqual([action.id]);
    // Only the owner reports progress; a bad address or done without evidence is refused.
    expect(errorCodes(await progress(supervisor, { id: action.id, version: 1, note: '代填' }))).toEqual(['FORBIDDEN']);
    const badUrl = await progress(director, { id: action.id, version: 1, note: '已安排', evidenceUrls: ['javascript:alert(1)'] });
    expect([errorCodes(badUrl), badUrl.body.errors![0]!.extensions!.field]).toEqual([['BAD_USER_INPUT'], 'evidenceUrls.0']);
    const noEvidence = await progress(director, { id: action.id, version: 1, note: '已完成', done: true });
    expect([errorCodes(noEvidence), noEvidence.body.errors![0]!.extensions!.field]).toEqual([['BAD_USER_INPUT'], 'evidenceUrls']);
    const started = ok(await progress(director, { id: action.id, version: 1, note: '已安排 7 月 5 日培训' })).reportImprovementProgress;
    expect(started).toMatchObject({ status: 'IN_PROGRESS', version: 2 });
    expect(errorCodes(await progress(director, { id: action.id, version: 1, note: 'stale' }))).toEqual(['CONFLICT']);
    const done = ok(await progress(director, { id: action.id, version: 2, note: '培训已完成', evidenceUrls: ['https://files.example.com/sign-in.jpg'], done: true })).reportImprovementProgress;
    expect(done).toMatchObject({ status: 'DONE', evidenceUrls: ['https://files.example.com/sign-in.jpg'] });

    // Sent back without a reason: refused; with one: back in progress; then done again and closed.
    const bare = await verify(supervisor, { id: action.id, version: done.version, accept: false });
    expect([errorCodes(bare), bare.body.errors![0]!.extensions!.field]).toEqual([['BAD_USER_INPUT'], 'comment']);
    const back = ok(await verify(supervisor, { id: action.id, version: done.version, accept: false, comment: '请补充考核结果' })).verifyImprovementAction;
    expect(back.status).toBe('IN_PROGRESS');
    expect(errorCodes(await verify(supervisor, { id: action.id, version: back.version, accept: true }))).toEqual(['INVALID_TRANSITION']);
    const redone = ok(await progress(director, { id: action.id, version: back.version, note: '考核全部通过', evidenceUrls: ['https://files.example.com/exam.pdf'], done: true })).reportImprovementProgress;
    expect(errorCodes(await verify(director, { id: action.id, version: redone.version, accept: true }))).toEqual(['FORBIDDEN']);

    // A second action still open keeps the analysis open.
    const other = ok(await addAction(supervisor, { ...base, problemKey: 'wait', title: '高峰期增派人手', dueDate: '2031-07-20' })).addImprovementAction;
    const closing = await supervisor.graphql('mutation($id: ID!, $v: Int!) { closeSatisfactionAnalysis(id: $id, version: $v) { id } }', { id: ids.analysisId, v: 2 });
    expect(closing.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', fields: [expect.objectContaining({ reason: 'ACTIONS_OPEN' })] });

    const closed = ok(await verify(owner, { id: action.id, version: redone.version, accept: true, comment: '验收通过' })).verifyImprovementAction;
    expect(closed).toMatchObject({ status: 'CLOSED' });
    expect((closed as unknown as { closedAt: string }).closedAt).toBe(new Date('2031-07-01T01:00:00Z').toISOString());
    expect((closed as unknown as { notes: { note: string }[] }).notes.map((n) => n.note)).toEqual(['已安排 7 月 5 日培训', '培训已完成', '请补充考核结果', '考核全部通过', '验收通过']);

    const otherDone = ok(await progress(director, { id: other.id, version: 1, note: '已排班', evidenceUrls: ['https://files.example.com/roster.xlsx'], done: true })).reportImprovementProgress;
    ok(await verify(supervisor, { id: other.id, version: otherDone.version, accept: true }));
    const analysis = ok(await supervisor.graphql<{ closeSatisfactionAnalysis: { status: string; version: number } }>('mutation($id: ID!, $v: Int!) { closeSatisfactionAnalysis(id: $id, version: $v) { status version } }', { id: ids.analysisId, v: 2 })).closeSatisfactionAnalysis;
    expect(analysis.status).toBe('CLOSED');
    expect(errorCodes(await addAction(supervisor, { ...base, dueDate: '2031-08-01' }))).toEqual(['INVALID_TRANSITION']);
    const events = await sql<{ type: string; n: string }>(`select topic as type, count(*)::text as n from event_outbox where (topic like 'improvement.%' or topic like 'analysis.%') and payload->>'analysisId' = ? group by topic order by topic`, [ids.analysisId]);
    expect(Object.fromEntries(events.map((e) => [e.type, Number(e.n)]))).toEqual({ 'analysis.created': 1, 'analysis.closed': 1, 'improvement.changed': 9 });
  });

  it('escalates an action past its due date once, to the owner’s superior, by the clock', async () => {
    clock.freezeAt('2031-07-01T09:00:00+08:00');
    const analysis = ok(await create(supervisor, { title: '逾期测试', from: '2031-06-01', to: '2031-06-30' })).createSatisfactionAnalysis;
    const action = ok(await addAction(supervisor, { analysisId: analysis.id, title: '门店环境整改', ownerId: ids.director, dueDate: '2031-07-10' })).addImprovementAction;
    const done = ok(await addAction(supervisor, { analysisId: analysis.id, title: '已完成的整改', ownerId: ids.director, dueDate: '2031-07-10' })).addImprovementAction;
    ok(await progress(director, { id: done.id, version: done.version, note: '完成', evidenceUrls: ['https://files.example.com/a.jpg'], done: true }));
    const overdue = () => must<{ improvementActions: { nodes: { id: string }[] } }>(supervisor, 'query($a: ID!) { improvementActions(overdue: true, filter: { analysisId: { eq: $a } }) { nodes { id } } }', { a: analysis.id }).then((d) => d.improvementActions.nodes.map((n) => n.id));
    const inbox = () => must<{ myNotifications: { nodes: { kind: string; subject: string }[] } }>(owner, '{ myNotifications { nodes { kind subject } } }').then((d) => d.myNotifications.nodes.filter((n) => n.kind === 'improvement.overdue' && n.subject.includes('门店环境整改')));
    const run = () => app.server.jobs!.runNow('satisfaction.improvement-overdue', {});

    // The due day itself (23:30 in Shanghai, already the 11th in UTC+14) is not overdue yet.
    clock.freezeAt('2031-07-10T23:30:00+08:00');
    await run();
    expect(await overdue()).toEqual([]);
    expect(await inbox()).toEqual([]);

    clock.freezeAt('2031-07-11T09:00:00+08:00');
    expect(await overdue()).toEqual([action.id]);
    await run();
    await run();
    // Once, to the franchise owner (the store director's superior); the done one waits for verification, not escalated.
    expect(await inbox()).toEqual([{ kind: 'improvement.overdue', subject: '整改措施逾期：门店环境整改' }]);
    const after = ok(await supervisor.graphql<{ improvementAction: Action }>('query($id: ID!) { improvementAction(id: $id) { escalatedAt status } }', { id: action.id })).improvementAction;
    expect(after.escalatedAt).toBe(new Date('2031-07-11T01:00:00Z').toISOString());
    const events = await sql<{ payload: { actionId: string; notifiedIds: string[] } }>(`select payload from event_outbox where topic = 'improvement.overdue' and payload->>'analysisId' = ?`, [analysis.id]);
    expect(events.map((e) => [e.payload.actionId, e.payload.notifiedIds])).toEqual([[action.id, [ids.owner]]]);
    clock.freezeAt('2031-07-12T09:00:00+08:00');
    await run();
    expect(await inbox()).toHaveLength(1);
  });

  it('the demo: each franchise’s analysis with actions for the store director, one closed and one in progress; east’s flags its second agent', async () => {
    const demo = (await must<{ satisfactionAnalyses: { nodes: { id: string; status: string; flags: Flag[]; problems: { key: string; grade: string }[] }[] } }>(supervisor, '{ satisfactionAnalyses(filter: { periodFrom: { lt: "2030-01-01" } }) { nodes { id status flags { kind agentId dissatisfied share agents } problems { key grade } } } }')).satisfactionAnalyses.nodes;
    expect(demo).toHaveLength(1);
    expect(demo[0]!.flags.filter((f) => f.kind === 'STAFFING_REVIEW').map((f) => f.agentId)).toEqual([ids.agent2]);
    expect(demo[0]!.problems).toContainEqual({ key: 'agent', grade: 'SEVERE' });
    const actions = (await must<{ improvementActions: { nodes: { status: string; ownerId: string }[] } }>(director, `query($a: ID!) { improvementActions(filter: { analysisId: { eq: $a } }) { nodes { status ownerId } } }`, { a: demo[0]!.id })).improvementActions.nodes;
    expect(actions.map((a) => a.status).sort()).toEqual(['CLOSED', 'IN_PROGRESS']);
    expect(new Set(actions.map((a) => a.ownerId))).toEqual(new Set([ids.director]));
  });
});
