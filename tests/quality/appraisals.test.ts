import { clock, inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { apiKeyCaller, errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { until } from '../support/until';
import { after, postEvents } from '../calls/support';

jest.setTimeout(240_000);

const DEFAULT_MONTHLY_PLAN_ID = '9a3c0d71-0000-4000-8000-000000000011';
const APPRAISAL = 'id version status kind period agentId cycleId score bandKey bandName suggestedConsequence consequence consequenceReason excellentStreak acknowledgedAt acknowledgementComment selfRatings { key score } parts { source weight score basis } agent { id displayName }';
interface Part { source: string; weight: number; score: number | null; basis: string | null }
interface Appraisal { id: string; version: number; status: string; selfRatings: { key: string; score: number }[] | null; period: string; agentId: string; cycleId: string; score: number | null; bandKey: string | null; bandName: string | null; suggestedConsequence: string | null; consequence: string | null; consequenceReason: string | null; excellentStreak: number; acknowledgedAt: string | null; acknowledgementComment: string | null; parts: Part[]; agent: { id: string; displayName: string } }
interface Cycle { id: string; planId: string; period: string; firstDay: string; lastDay: string; startsAt: string; endsAt: string; weights: Record<string, number> }

const RUBRIC = [
  { key: 'attitude', name: '服务态度', weight: 30 },
  { key: 'ability', name: '业务能力', weight: 40 },
  { key: 'efficiency', name: '工作效率', weight: 20 },
  { key: 'teamwork', name: '团队协作', weight: 10 },
];
const BANDS = [
  { key: 'excellent', name: '优秀', minScore: 90, consequence: 'BONUS' },
  { key: 'good', name: '良好', minScore: 75, consequence: 'NONE' },
  { key: 'needs_improvement', name: '待改进', minScore: 60, consequence: 'COACHING' },
  { key: 'unsatisfactory', name: '不合格', minScore: 0, consequence: 'IMPROVEMENT_PLAN' },
];
const ratings = (attitude: number, ability: number, efficiency: number, teamwork: number) => [
  { key: 'attitude', score: attitude },
  { key: 'ability', score: ability },
  { key: 'efficiency', score: efficiency },
  { key: 'teamwork', score: teamwork },
];

/**
 * Appraisal cycles on known data of March 2032 in east's zone (Asia/Shanghai): surveys, QA reviews
 * (one in a calibration session) and calls of east's agent, some just outside the local month;
 * the parts come from the figures the product already defines, the result is their weighted sum.
 */
describe('quality: appraisal plans and cycles', () => {
  let app: TestApp;
  let owner: Caller;
  let supervisor: Caller;
  let agent: Caller;
  let westOwner: Caller;
  let agentId: string;
  let ownerId: string;
  let franchiseId: string;
  let variantId: string;

  const sql = <T>(text: string, params: unknown[] = []) => inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => em.execute<T[]>(text, params));
  const open = (caller: Caller, input: Record<string, unknown>) =>
    caller.graphql<{ openAppraisalCycle: Cycle }>('mutation($i: OpenAppraisalCycleInput!) { openAppraisalCycle(input: $i) { id planId period firstDay lastDay startsAt endsAt weights { self supervisor customer qa data } } }', { i: input });
  const appraisalOf = async (cycleId: string, caller: Caller = owner) =>
    (await must<{ appraisals: { nodes: Appraisal[] } }>(caller, `query($c: ID!) { appraisals(filter: { cycleId: $c }, paging: { limit: 100 }) { nodes { ${APPRAISAL} } } }`, { c: cycleId })).appraisals.nodes.find((a) => a.agentId === agentId)!;
  const mutate = (caller: Caller, name: string, type: string, input: Record<string, unknown>) => caller.graphql<Record<string, Appraisal>>(`mutation($i: ${type}!) { ${name}(input: $i) { ${APPRAISAL} } }`, { i: input });

  beforeAll(async () => {
    clock.freezeAt('2032-04-02T10:00:00+08:00');
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    [owner, supervisor, agent, westOwner] = (await Promise.all(['owner@east.demo', 'supervisor@east.demo', 'agent@east.demo', 'owner@west.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller, Caller];
    const me = (await must<{ me: { user: { id: string; franchiseId: string; orgUnitId: string; version: number } } }>(agent, '{ me { user { id franchiseId orgUnitId version } } }')).me.user;
    [agentId, franchiseId] = [me.id, me.franchiseId];
    ownerId = (await must<{ me: { user: { id: string } } }>(owner, '{ me { user { id } } }')).me.user.id;
    const [customer] = await sql<{ id: string }>('select id from customer where franchise_id = ? limit 1', [franchiseId]);

    // Surveys rated by east's customers about the agent: March local (5, 4, 4, 2, and 5 at 23:30 on the 31st) → 4 of 5 satisfied;
    // 23:30 on Feb 29 local (still March 1 nowhere) rated 1: not March's.
    const surveys: [string, number][] = [['2032-03-03T10:00:00+08:00', 5], ['2032-03-10T10:00:00+08:00', 4], ['2032-03-12T10:00:00+08:00', 4], ['2032-03-20T10:00:00+08:00', 2], ['2032-03-31T23:30:00+08:00', 5], ['2032-02-29T23:30:00+08:00', 1]];
    for (const [sentAt, rating] of surveys)
      await sql(
        `insert into satisfaction_request (id, franchise_id, customer_id, source_kind, source_id, source_ref, staff_id, org_unit_id, status, template_version_id, sent_at, rating, version, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, 'case', gen_random_uuid(), 'APPRAISAL', ?, ?, 'ANSWERED', '5a7d3c1e-0000-4000-8000-000000000002', ?, ?, 1, ?, ?)`,
        [franchiseId, customer!.id, agentId, me.orgUnitId, sentAt, rating, sentAt, sentAt],
      );
    // QA reviews of the agent in March: 80 and 90 count; a calibration review (10) never does.
    const review = (score: number, reviewedAt: string, calibration: boolean) =>
      sql(
        `insert into qa_review (id, franchise_id, scorecard_id, scorecard_name, categories, target_kind, target_id, target_ref, agent_id, reviewer_id, calibration_session_id, ratings, category_scores, score, critical_misses, root_causes, reviewed_at, status, version, created_at, updated_at)
         values (gen_random_uuid(), ?, '9a3c0d71-0000-4000-8000-000000000001', '默认', '[]', 'CASE', gen_random_uuid(), 'T', ?, ?, ?, '[]', '[]', ?, '{}', '{}', ?, 'FINAL', 1, ?, ?)`,
        [franchiseId, agentId, ownerId, calibration ? '00000000-0000-4000-8000-00000000c0de' : null, score, reviewedAt, reviewedAt, reviewedAt],
      );
    await review(80, '2032-03-05T10:00:00+08:00', false);
    await review(90, '2032-03-25T10:00:00+08:00', false);
    await review(10, '2032-03-26T10:00:00+08:00', true);
    // Calls taken by the agent in March: 4 offered, 3 answered (120, 240, 180 s of talk) → answer rate 75 % (target 90 %), average talk 180 s (target 180).
    await must(owner, 'mutation($id: ID!, $v: Int!) { updateOneStaffUser(input: { id: $id, version: $v, update: { workNo: "9301" } }) { id } }', { id: agentId, v: me.version });
    const partner = await apiKeyCaller(app, owner, { permissions: ['call:ingest'] });
    const calls = [
      { callId: 'ap-1', offeredAt: '2032-03-02T02:00:00Z', state: 'ENDED', answeredAt: 5, endedAt: 125 },
      { callId: 'ap-2', offeredAt: '2032-03-09T02:00:00Z', state: 'ENDED', answeredAt: 10, endedAt: 250 },
      { callId: 'ap-3', offeredAt: '2032-03-16T02:00:00Z', state: 'ENDED', answeredAt: 20, endedAt: 200 },
      { callId: 'ap-4', offeredAt: '2032-03-23T02:00:00Z', state: 'MISSED', endedAt: 30 },
    ];
    const result = await postEvents(
      partner,
      calls.map(({ offeredAt, answeredAt, endedAt, ...c }) => {
        const base = new Date(offeredAt);
        return { direction: 'INBOUND', callerNumber: '13900000077', calleeNumber: '4008000000', agentWorkNo: '9301', offeredAt, answeredAt: answeredAt != null ? after(base, answeredAt) : null, endedAt: after(base, endedAt), occurredAt: after(base, endedAt), ...c };
      }),
    );
    expect(result.rejected).toEqual([]);
  }, 240_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('plans: weights that do not sum to 100 are refused naming the field; a franchise writes its own variant; HQ’s shared plan is read-only to it', async () => {
    const plan = (weights: Record<string, number>, formCategories = RUBRIC, code = 'east-monthly') =>
      owner.graphql<{ createAppraisalPlan: { id: string; franchiseId: string | null; bands: { key: string }[] } }>(
        'mutation($i: CreateAppraisalPlanInput!) { createAppraisalPlan(input: $i) { id franchiseId bands { key } } }',
        { i: { code, name: '东区月度考核（仅上级评价）', kind: 'MONTHLY', weights, formCategories, bands: [...BANDS].reverse() } },
      );
    const wrong = await plan({ self: 10, supervisor: 30, customer: 20, qa: 20, data: 30 });
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weights', fields: [expect.objectContaining({ reason: 'WEIGHTS_NOT_100', params: { total: 110 } })] });
    const negative = await plan({ self: -10, supervisor: 110, customer: 0, qa: 0, data: 0 });
    expect(negative.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weights.self' });
    const form = await plan({ self: 0, supervisor: 100, customer: 0, qa: 0, data: 0 }, RUBRIC.map((c) => ({ ...c, weight: 20 })));
    expect(form.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'formCategories.weight' });
    const created = await plan({ self: 0, supervisor: 100, customer: 0, qa: 0, data: 0 });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data!.createAppraisalPlan).toMatchObject({ franchiseId, bands: BANDS.map((b) => ({ key: b.key })) });
    variantId = created.body.data!.createAppraisalPlan.id;

    const plans = (await must<{ appraisalPlans: { nodes: { id: string; code: string; franchiseId: string | null; weights: Record<string, number> }[] } }>(agent, '{ appraisalPlans(paging: { limit: 50 }) { nodes { id code franchiseId weights { self supervisor customer qa data } } } }')).appraisalPlans.nodes;
    expect(plans.find((p) => p.id === DEFAULT_MONTHLY_PLAN_ID)).toMatchObject({ franchiseId: null, weights: { self: 10, supervisor: 30, customer: 20, qa: 20, data: 20 } });
    const hqPlan = await owner.graphql('mutation($id: ID!) { updateAppraisalPlan(input: { id: $id, version: 1, name: "改总部的" }) { id } }', { id: DEFAULT_MONTHLY_PLAN_ID });
    expect(errorCodes(hqPlan)).toEqual(['FORBIDDEN']);
    const westSees = (await must<{ appraisalPlans: { nodes: { id: string }[] } }>(westOwner, '{ appraisalPlans(paging: { limit: 50 }) { nodes { id } } }')).appraisalPlans.nodes;
    expect(westSees.map((p) => p.id)).not.toContain(variantId);
    const westEdit = await westOwner.graphql('mutation($id: ID!) { updateAppraisalPlan(input: { id: $id, version: 1, name: "x" }) { id } }', { id: variantId });
    expect(errorCodes(westEdit)).toEqual(['NOT_FOUND']);
  });

  it('a month’s parts come from the period’s figures in the franchise’s zone: customer 80, QA 85 (calibration excluded), data 91.7; the result is the weighted sum', async () => {
    const res = await open(owner, { kind: 'MONTHLY', period: '2032-03', planId: DEFAULT_MONTHLY_PLAN_ID });
    expect(res.body.errors).toBeUndefined();
    const cycle = res.body.data!.openAppraisalCycle;
    expect(cycle).toMatchObject({ period: '2032-03', firstDay: '2032-03-01', lastDay: '2032-03-31', planId: DEFAULT_MONTHLY_PLAN_ID });
    expect(new Date(cycle.startsAt).toISOString()).toBe('2032-02-29T16:00:00.000Z');
    expect(new Date(cycle.endsAt).toISOString()).toBe('2032-03-31T16:00:00.000Z');
    const again = await open(owner, { kind: 'MONTHLY', period: '2032-03' });
    expect(errorCodes(again)).toEqual(['CONFLICT']);

    let appraisal = await appraisalOf(cycle.id);
    expect(appraisal).toMatchObject({ status: 'OPEN', period: '2032-03' });
    const part = (a: Appraisal, source: string) => a.parts.find((p) => p.source === source)!;
    expect(part(appraisal, 'CUSTOMER')).toMatchObject({ weight: 20, score: 80, basis: '4/5' });
    expect(part(appraisal, 'QA')).toMatchObject({ weight: 20, score: 85, basis: '2' });
    // answer rate 0.75 of 0.9 → 83.3; average talk 180 s at its target → 100; mean 91.7.
    expect(part(appraisal, 'DATA')).toMatchObject({ weight: 20, score: 91.7, basis: '3/4' });
    expect(part(appraisal, 'SELF').score).toBeNull();
    // Only the system's parts so far: (80 + 85 + 91.7) / 3.
    expect(appraisal.score).toBe(85.6);

    // The agent's self-evaluation: every category rated 0–100, named when wrong.
    const bad = await mutate(agent, 'submitSelfEvaluation', 'AppraisalEvaluationInput', { id: appraisal.id, version: appraisal.version, ratings: [{ key: 'attitude', score: 120 }, { key: 'ability', score: 100 }, { key: 'efficiency', score: 100 }] });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ratings.0.score' });
    expect((bad.body.errors?.[0]?.extensions?.fields as { field: string; reason: string }[]).map((f) => [f.field, f.reason])).toEqual([['ratings.0.score', 'OUT_OF_RANGE'], ['ratings', 'REQUIRED']]);
    const self = await mutate(agent, 'submitSelfEvaluation', 'AppraisalEvaluationInput', { id: appraisal.id, version: appraisal.version, ratings: ratings(100, 100, 100, 100), comment: '本月按时完成回访' });
    expect(self.body.errors).toBeUndefined();
    appraisal = self.body.data!.submitSelfEvaluation!;
    expect(appraisal.selfRatings).toEqual(ratings(100, 100, 100, 100));
    const notTheirs = await mutate(agent, 'evaluateAppraisal', 'AppraisalEvaluationInput', { id: appraisal.id, version: appraisal.version, ratings: ratings(100, 100, 100, 100) });
    expect(errorCodes(notTheirs)).toEqual(['FORBIDDEN']);

    const early = await mutate(supervisor, 'finalizeAppraisal', 'FinalizeAppraisalInput', { id: appraisal.id, version: appraisal.version });
    expect(early.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', fields: [expect.objectContaining({ reason: 'SUPERVISOR_EVALUATION_MISSING' })] });

    // Supervisor: 90·30 + 80·40 + 100·20 + 70·10 → 86.
    const evaluated = await mutate(supervisor, 'evaluateAppraisal', 'AppraisalEvaluationInput', { id: appraisal.id, version: appraisal.version, ratings: ratings(90, 80, 100, 70), comment: '业务知识需加强' });
    expect(evaluated.body.errors).toBeUndefined();
    appraisal = evaluated.body.data!.evaluateAppraisal!;
    expect(part(appraisal, 'SUPERVISOR')).toMatchObject({ weight: 30, score: 86 });
    expect(part(appraisal, 'SELF')).toMatchObject({ weight: 10, score: 100 });
    // (10·100 + 30·86 + 20·80 + 20·85 + 20·91.7) / 100
    expect(appraisal.score).toBe(87.1);

    const stale = await mutate(supervisor, 'finalizeAppraisal', 'FinalizeAppraisalInput', { id: appraisal.id, version: appraisal.version - 1 });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const unexplained = await mutate(supervisor, 'finalizeAppraisal', 'FinalizeAppraisalInput', { id: appraisal.id, version: appraisal.version, consequence: 'COACHING' });
    expect(unexplained.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'consequenceReason' });
    const finalized = await mutate(supervisor, 'finalizeAppraisal', 'FinalizeAppraisalInput', { id: appraisal.id, version: appraisal.version, consequence: 'COACHING', consequenceReason: '用药知识考试未通过' });
    expect(finalized.body.errors).toBeUndefined();
    appraisal = finalized.body.data!.finalizeAppraisal!;
    expect(appraisal).toMatchObject({ status: 'FINALIZED', score: 87.1, bandKey: 'good', bandName: '良好', suggestedConsequence: 'NONE', consequence: 'COACHING', consequenceReason: '用药知识考试未通过', excellentStreak: 0 });

    // Immutable: neither form changes any more.
    const late = await mutate(agent, 'submitSelfEvaluation', 'AppraisalEvaluationInput', { id: appraisal.id, version: appraisal.version, ratings: ratings(0, 0, 0, 0) });
    expect(errorCodes(late)).toEqual(['INVALID_TRANSITION']);
    const relate = await mutate(supervisor, 'evaluateAppraisal', 'AppraisalEvaluationInput', { id: appraisal.id, version: appraisal.version, ratings: ratings(0, 0, 0, 0) });
    expect(errorCodes(relate)).toEqual(['INVALID_TRANSITION']);

    // The agent is told (through the outbox), sees only their own and acknowledges with a comment.
    await until('the agent’s notification', async () => (await sql<{ id: string }>(`select id from notification_message where kind = 'appraisal.finalized' and staff_id = ? and ref_id = ?`, [agentId, appraisal.id]))[0]);
    const mine = (await must<{ appraisals: { totalCount: number; nodes: { agentId: string }[] } }>(agent, '{ appraisals(paging: { limit: 100 }) { totalCount nodes { agentId } } }')).appraisals;
    expect(mine.nodes.every((a) => a.agentId === agentId)).toBe(true);
    const ack = await mutate(agent, 'acknowledgeAppraisal', 'AcknowledgeAppraisalInput', { id: appraisal.id, version: appraisal.version, comment: '认可，会加强学习' });
    expect(ack.body.errors).toBeUndefined();
    expect(ack.body.data!.acknowledgeAppraisal).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgementComment: '认可，会加强学习', score: 87.1 });
    const twice = await mutate(agent, 'acknowledgeAppraisal', 'AcknowledgeAppraisalInput', { id: appraisal.id, version: ack.body.data!.acknowledgeAppraisal!.version });
    expect(errorCodes(twice)).toEqual(['INVALID_TRANSITION']);

    // Another franchise: not there.
    const westRead = await westOwner.graphql<{ appraisal: unknown }>('query($id: ID!) { appraisal(id: $id) { id } }', { id: appraisal.id });
    expect(westRead.body.data!.appraisal).toBeNull();
    const westEval = await mutate(westOwner, 'evaluateAppraisal', 'AppraisalEvaluationInput', { id: appraisal.id, version: appraisal.version, ratings: ratings(0, 0, 0, 0) });
    expect(errorCodes(westEval)).toEqual(['NOT_FOUND']);
    const westCycle = await westOwner.graphql<{ appraisalCycle: unknown }>('query($id: ID!) { appraisalCycle(id: $id) { id } }', { id: cycle.id });
    expect(westCycle.body.data!.appraisalCycle).toBeNull();
  });

  it('repeated excellence: the third excellent month in a row suggests promotion priority; the franchise’s own plan is used by default', async () => {
    const streaks: [string, number, string][] = [];
    for (const period of ['2031-12', '2032-01', '2032-02']) {
      const res = await open(owner, { kind: 'MONTHLY', period });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.openAppraisalCycle).toMatchObject({ planId: variantId, weights: { self: 0, supervisor: 100, customer: 0, qa: 0, data: 0 } });
      let a = await appraisalOf(res.body.data!.openAppraisalCycle.id);
      a = (await mutate(supervisor, 'evaluateAppraisal', 'AppraisalEvaluationInput', { id: a.id, version: a.version, ratings: ratings(95, 95, 95, 95) })).body.data!.evaluateAppraisal!;
      const done = await mutate(supervisor, 'finalizeAppraisal', 'FinalizeAppraisalInput', { id: a.id, version: a.version });
      expect(done.body.errors).toBeUndefined();
      const f = done.body.data!.finalizeAppraisal!;
      expect(f).toMatchObject({ score: 95, bandKey: 'excellent' });
      streaks.push([period, f.excellentStreak, f.consequence!]);
    }
    expect(streaks).toEqual([['2031-12', 1, 'BONUS'], ['2032-01', 2, 'BONUS'], ['2032-02', 3, 'PROMOTION_PRIORITY']]);
  });

  it('bad inputs are refused with codes', async () => {
    expect((await open(owner, { kind: 'MONTHLY', period: '2032-13' })).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    expect((await open(owner, { kind: 'ANNUAL', period: '2032-01' })).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    expect((await open(owner, { kind: 'ANNUAL', period: '2031', planId: variantId })).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'planId' });
    expect(errorCodes(await open(agent, { kind: 'MONTHLY', period: '2032-05' }))).toEqual(['FORBIDDEN']);
    const badBands = await owner.graphql('mutation($i: CreateAppraisalPlanInput!) { createAppraisalPlan(input: $i) { id } }', {
      i: { code: 'no-floor', name: 'x', kind: 'ANNUAL', weights: { self: 20, supervisor: 20, customer: 20, qa: 20, data: 20 }, formCategories: RUBRIC, bands: BANDS.slice(0, 2) },
    });
    expect(badBands.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bands' });
    // An annual cycle opens from HQ's shared annual plan.
    const annual = await open(supervisor, { kind: 'ANNUAL', period: '2031' });
    expect(annual.body.errors).toBeUndefined();
    expect(annual.body.data!.openAppraisalCycle).toMatchObject({ planId: '9a3c0d71-0000-4000-8000-000000000012', firstDay: '2031-01-01', lastDay: '2031-12-31' });
    const listed = await supervisor.graphql<{ appraisals: { nodes: { agentId: string; orgUnit: { name: string } | null; agent: { displayName: string } | null }[] } }>(
      'query($c: ID!) { appraisals(filter: { cycleId: $c }) { nodes { agentId orgUnit { name } agent { displayName } } } }',
      { c: annual.body.data!.openAppraisalCycle.id },
    );
    expect(listed.body.errors).toBeUndefined();
    // The panel's list and export read 200 a page with the parts, agent and store (within the operation cost limit).
    const page = await supervisor.graphql('query($c: ID!) { appraisals(filter: { cycleId: $c }, paging: { limit: 200 }) { totalCount nodes { id version status kind period cycleId agentId score bandName consequence parts { source weight score basis } agent { id displayName } orgUnit { id name } } } }', { c: annual.body.data!.openAppraisalCycle.id });
    expect(page.body.errors).toBeUndefined();
    expect(listed.body.data!.appraisals.nodes.find((a) => a.agentId === agentId)).toMatchObject({ orgUnit: { name: expect.any(String) }, agent: { displayName: expect.any(String) } });
  });
});
