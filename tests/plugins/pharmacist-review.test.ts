import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';

type Signed = Awaited<ReturnType<typeof signIn>>;
import { caseAction, openCase } from '../cases/support';
import { getCase, investigatingComplaint, must } from './support';

/** pharmacist-review: west enabled it, east did not; same database, same app. */
describe('pharmacist-review plugin', () => {
  let app: TestApp;
  let west: Record<'agent' | 'pharmacist' | 'owner', Signed>;
  let eastAgent: Caller;

  beforeAll(async () => {
    app = await startTestApp();
    const [a, p, o, ea] = await Promise.all(['agent@west.demo', 'pharmacist@west.demo', 'owner@west.demo', 'agent@east.demo'].map((e) => signIn(app, e)));
    west = { agent: a!, pharmacist: p!, owner: o! };
    eastAgent = ea!;
  });
  afterAll(() => app.stop());

  const solution = { solutionType: 'REPLACE', solutionNote: '为客户更换同批次以外的新药' };

  it('west: a drug-quality complaint needs a pharmacist review before a solution is proposed', async () => {
    const c = await investigatingComplaint(west.agent, openCase, { category: 'DRUG_SPOILED', subject: '药品变质' });
    expect((await getCase(west.agent, c.id)).allowedActions.map((a) => a.action)).toContain('request_pharmacist_review');
    const early = await caseAction(west.agent, 'proposeSolution', { id: c.id, ...solution });
    expect(early.codes).toEqual(['INVALID_TRANSITION']);
    expect(early.errors![0]!.message).toMatch(/a pharmacist must review this case before a solution is proposed/);

    expect((await must(west.agent, 'transitionCase', { id: c.id, action: 'request_pharmacist_review' })).state).toBe('PHARMACIST_REVIEW');
    // The store's pharmacist sees the call center's case once it is referred to them.
    await must(west.agent, 'referCaseToExpert', { id: c.id, expertId: west.pharmacist.tokens.user.id, question: '请药师审核该批次药品' });
    expect((await caseAction(west.agent, 'transitionCase', { id: c.id, action: 'complete_pharmacist_review', fields: { reviewNote: 'x' } })).codes).toEqual(['FORBIDDEN']);
    const missing = await caseAction(west.pharmacist, 'transitionCase', { id: c.id, action: 'complete_pharmacist_review' });
    expect(missing.codes).toEqual(['BAD_USER_INPUT']);
    expect(missing.errors![0]!.extensions!.field).toBe('reviewNote');
    expect((await must(west.pharmacist, 'transitionCase', { id: c.id, action: 'complete_pharmacist_review', fields: { reviewNote: '批号 B2026 受潮变质，建议更换并上报质量部' } })).state).toBe('INVESTIGATING');

    // Reviewed: no second review offered, and the solution goes through.
    expect((await getCase(west.agent, c.id)).allowedActions.map((a) => a.action)).not.toContain('request_pharmacist_review');
    expect((await must(west.agent, 'proposeSolution', { id: c.id, ...solution })).state).toBe('SOLUTION_PROPOSED');
    const data = await west.agent.graphql<{ case: { workflowData: { pharmacistReview: { reviewedById: string } } } }>('query($id: ID!) { case(id: $id) { workflowData } }', { id: c.id });
    expect(data.body.data!.case.workflowData.pharmacistReview.reviewedById).toBe(west.pharmacist.tokens.user.id);
  });

  it('west: other complaints are unchanged', async () => {
    const c = await investigatingComplaint(west.agent, openCase, { category: 'DELIVERY_LATE' });
    expect((await getCase(west.agent, c.id)).allowedActions.map((a) => a.action)).not.toContain('request_pharmacist_review');
    expect((await must(west.agent, 'proposeSolution', { id: c.id, ...solution })).state).toBe('SOLUTION_PROPOSED');
  });

  it('west: a medication consultation is reviewed before it is answered', async () => {
    const c = await openCase(west.pharmacist, { type: 'MEDICATION_CONSULTATION', channel: 'ONLINE_CHAT', category: null, subject: '降压药能否与感冒药同服', description: '客户询问' });
    await must(west.pharmacist, 'acceptCase', { id: c.id });
    expect((await caseAction(west.pharmacist, 'answerCase', { id: c.id, answer: '可以' })).codes).toEqual(['INVALID_TRANSITION']);
    await must(west.pharmacist, 'transitionCase', { id: c.id, action: 'request_pharmacist_review' });
    await must(west.pharmacist, 'transitionCase', { id: c.id, action: 'complete_pharmacist_review', fields: { reviewNote: '无相互作用' } });
    expect((await must(west.pharmacist, 'answerCase', { id: c.id, answer: '可以同服，间隔两小时' })).state).toBe('ANSWERED');
  });

  it('east (not enabled): a drug-quality complaint goes straight to a solution', async () => {
    const c = await investigatingComplaint(eastAgent, openCase, { category: 'DRUG_WRONG_ITEM' });
    expect((await getCase(eastAgent, c.id)).allowedActions.map((a) => a.action)).not.toContain('request_pharmacist_review');
    expect((await must(eastAgent, 'proposeSolution', { id: c.id, ...solution })).state).toBe('SOLUTION_PROPOSED');
    expect((await caseAction(eastAgent, 'transitionCase', { id: c.id, action: 'request_pharmacist_review' })).codes).toEqual(['INVALID_TRANSITION']);
  });

  it('adds the store pharmacist role template and shows its state in west’s workflows only', async () => {
    const roles = await west.owner.graphql<{ roles: { nodes: { templateKey: string | null; permissions: string[] }[] } }>('{ roles(paging: { limit: 200 }) { nodes { templateKey permissions } } }');
    const template = roles.body.data!.roles.nodes.find((r) => r.templateKey === 'store_pharmacist');
    expect(template?.permissions).toEqual(expect.arrayContaining(['pharmacy:review', 'case:expert', 'case:work']));
    const states = async (caller: Caller) =>
      (await caller.graphql<{ caseWorkflows: { name: string; states: { name: string }[] }[] }>('{ caseWorkflows { name states { name } } }')).body.data!.caseWorkflows.find((w) => w.name === 'complaint')!.states.map((s) => s.name);
    expect(await states(west.agent)).toContain('PHARMACIST_REVIEW');
    expect(await states(eastAgent)).not.toContain('PHARMACIST_REVIEW');
  });
});
