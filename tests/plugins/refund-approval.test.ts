import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';

type Signed = Awaited<ReturnType<typeof signIn>>;
import { caseAction, openCase } from '../cases/support';
import { getCase, investigatingComplaint, must } from './support';

/**
 * refund-approval on the demo data: east enabled it (threshold 500), west did not.
 * Both franchises run in the same database, served by the same app, at the same time.
 */
describe('refund-approval plugin', () => {
  let app: TestApp;
  let east: Record<'agent' | 'supervisor' | 'owner', Signed>;
  let west: Record<'agent' | 'supervisor', Signed>;

  beforeAll(async () => {
    app = await startTestApp();
    const [a, s, d, wa, ws] = await Promise.all(['agent@east.demo', 'supervisor@east.demo', 'owner@east.demo', 'agent@west.demo', 'supervisor@west.demo'].map((e) => signIn(app, e)));
    east = { agent: a!, supervisor: s!, owner: d! };
    west = { agent: wa!, supervisor: ws! };
  });
  afterAll(() => app.stop());

  const propose = (caller: Caller, id: string, solutionType: string, solutionAmount: number) =>
    caseAction(caller, 'proposeSolution', { id, solutionType, solutionAmount, solutionNote: '退款给客户' });

  it('east: a refund above 500 waits for approval by a refund approver, who is not the proposer', async () => {
    const c = await investigatingComplaint(east.agent, openCase);
    const proposed = await propose(east.agent, c.id, 'REFUND', 800);
    expect(proposed.data).toMatchObject({ state: 'AWAITING_REFUND_APPROVAL', stage: 'OPEN' });

    // The agent holds no refund:approve: no buttons, and the action itself is refused.
    expect((await getCase(east.agent, c.id)).allowedActions).toEqual([]);
    expect((await caseAction(east.agent, 'transitionCase', { id: c.id, action: 'approve_refund' })).codes).toEqual(['FORBIDDEN']);
    expect((await caseAction(east.agent, 'requestCustomerConfirmation', { id: c.id })).codes).toEqual(['INVALID_TRANSITION']);

    const forSupervisor = await getCase(east.supervisor, c.id);
    expect(forSupervisor.allowedActions.map((a) => a.action).sort()).toEqual(['approve_refund', 'reject_refund']);
    const approvals = await east.supervisor.graphql<{ case: { refundApprovals: { status: string; amount: number; threshold: number; requestedById: string }[] } }>(
      'query($id: ID!) { case(id: $id) { refundApprovals { status amount threshold requestedById } } }',
      { id: c.id },
    );
    expect(approvals.body.data!.case.refundApprovals).toEqual([{ status: 'PENDING', amount: 800, threshold: 500, requestedById: east.agent.tokens.user.id }]);
    const pending = await east.supervisor.graphql<{ refundApprovals: { nodes: { caseId: string }[] } }>('{ refundApprovals(filter: { status: { eq: PENDING } }) { nodes { caseId } } }');
    expect(pending.body.data!.refundApprovals.nodes.map((n) => n.caseId)).toContain(c.id);

    const approved = await must(east.supervisor, 'transitionCase', { id: c.id, action: 'approve_refund' });
    expect(approved.state).toBe('SOLUTION_PROPOSED');
    const after = await east.supervisor.graphql<{ case: { refundApprovals: { status: string; decidedById: string }[] } }>('query($id: ID!) { case(id: $id) { refundApprovals { status decidedById } } }', { id: c.id });
    expect(after.body.data!.case.refundApprovals).toEqual([{ status: 'APPROVED', decidedById: east.supervisor.tokens.user.id }]);
    // From here the complaint goes on as before.
    expect((await must(east.agent, 'requestCustomerConfirmation', { id: c.id })).state).toBe('AWAITING_CONFIRMATION');
  });

  it('east: a rejection needs a reason and sends the complaint back to investigation', async () => {
    const c = await investigatingComplaint(east.agent, openCase);
    await must(east.agent, 'proposeSolution', { id: c.id, solutionType: 'COMPENSATION', solutionAmount: 1200, solutionNote: '补偿' });
    const noReason = await caseAction(east.supervisor, 'transitionCase', { id: c.id, action: 'reject_refund' });
    expect(noReason.codes).toEqual(['BAD_USER_INPUT']);
    expect(noReason.errors![0]!.extensions!.field).toBe('reason');
    const rejected = await must(east.supervisor, 'transitionCase', { id: c.id, action: 'reject_refund', fields: { reason: '金额过高，请与客户重新协商' } });
    expect(rejected.state).toBe('INVESTIGATING');
  });

  it('east: whoever proposed a large refund cannot approve it themselves', async () => {
    const c = await investigatingComplaint(east.supervisor, openCase);
    await must(east.supervisor, 'proposeSolution', { id: c.id, solutionType: 'REFUND', solutionAmount: 2000, solutionNote: '全额退款' });
    const own = await caseAction(east.supervisor, 'transitionCase', { id: c.id, action: 'approve_refund' });
    expect(own.codes).toEqual(['INVALID_TRANSITION']);
    expect(own.errors![0]!.message).toMatch(/another holder of refund:approve/);
    expect((await must(east.owner, 'transitionCase', { id: c.id, action: 'approve_refund' })).state).toBe('SOLUTION_PROPOSED');
  });

  it('east: at or below the threshold, and for other solutions, nothing changes', async () => {
    for (const [type, amount] of [['REFUND', 500], ['COMPENSATION', 120], ['REPLACE', null]] as const) {
      const c = await investigatingComplaint(east.agent, openCase);
      const res = await caseAction(east.agent, 'proposeSolution', { id: c.id, solutionType: type, solutionAmount: amount, solutionNote: '处理方案' });
      expect({ type, state: res.data?.state, errors: res.errors }).toEqual({ type, state: 'SOLUTION_PROPOSED', errors: undefined });
    }
  });

  it('west (not enabled): an 800 refund goes straight to SOLUTION_PROPOSED and refund:approve means nothing', async () => {
    const c = await investigatingComplaint(west.agent, openCase);
    expect((await propose(west.agent, c.id, 'REFUND', 800)).data!.state).toBe('SOLUTION_PROPOSED');
    const me = await west.supervisor.graphql<{ me: { permissions: string[]; enabledPlugins: string[] } }>('{ me { permissions enabledPlugins } }');
    expect(me.body.data!.me.permissions).not.toContain('refund:approve');
    expect(me.body.data!.me.enabledPlugins).toEqual(['pharmacist-review']);
    const eastMe = await east.supervisor.graphql<{ me: { permissions: string[]; enabledPlugins: string[] } }>('{ me { permissions enabledPlugins } }');
    expect(eastMe.body.data!.me.permissions).toContain('refund:approve');
    expect(eastMe.body.data!.me.enabledPlugins.sort()).toEqual(['refund-approval', 'vip-care']);
    const refused = await caseAction(west.supervisor, 'transitionCase', { id: c.id, action: 'approve_refund' });
    expect(refused.codes).toEqual(['INVALID_TRANSITION']);
    expect(refused.errors![0]!.message).not.toContain('approve_refund;');
    const none = await west.supervisor.graphql<{ case: { refundApprovals: unknown[] }; refundApprovals: { totalCount: number } }>('query($id: ID!) { case(id: $id) { refundApprovals { id } } refundApprovals { totalCount } }', { id: c.id });
    expect(none.body.data).toEqual({ case: { refundApprovals: [] }, refundApprovals: { totalCount: 0 } });
  });
});
