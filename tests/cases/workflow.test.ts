import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { caseAction, openCase, type CaseRow } from './support';

/** The built-in workflows through their mutations: every transition, every refusal, ownership rules. */
describe('case workflows', () => {
  let app: TestApp;
  let agent: Caller;
  let agent2: Caller;
  let supervisor: Caller;
  let pharmacist: Caller;
  let customerId: string;
  let staff: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp();
    [agent, agent2, supervisor, pharmacist] = await Promise.all(['agent@east.demo', 'agent2@east.demo', 'supervisor@east.demo', 'pharmacist@east.demo'].map((e) => signIn(app, e))) as unknown as [Caller, Caller, Caller, Caller];
    const customers = await agent.graphql<{ customers: { nodes: { id: string }[] } }>('{ customers(paging: { limit: 1 }) { nodes { id } } }');
    customerId = customers.body.data!.customers.nodes[0]!.id;
    const list = await supervisor.graphql<{ staffUsers: { nodes: { id: string; email: string }[] } }>('{ staffUsers(paging: { limit: 100 }) { nodes { id email } } }');
    staff = Object.fromEntries(list.body.data!.staffUsers.nodes.map((s) => [s.email, s.id]));
  });
  afterAll(() => app.stop());

  async function expectOk(caller: Caller, mutation: string, input: Record<string, unknown>): Promise<CaseRow> {
    const res = await caseAction(caller, mutation, input);
    expect({ mutation, errors: res.errors }).toEqual({ mutation, errors: undefined });
    return res.data!;
  }

  async function expectRefused(caller: Caller, mutation: string, input: Record<string, unknown>, code: string) {
    const res = await caseAction(caller, mutation, input);
    expect({ mutation, codes: res.codes }).toEqual({ mutation, codes: [code] });
    return res.errors![0]!;
  }

  it('runs a complaint through accept → investigate → propose → confirm → resolve → close, with reopen', async () => {
    const c = await openCase(agent, { customerId });
    expect(c).toMatchObject({ state: 'NEW', stage: 'NEW', ownerId: null, slaStatus: 'OK' });
    expect(c.caseNo).toMatch(/^EAST-CS-\d{4}-\d{6}$/);

    const accepted = await expectOk(agent, 'acceptCase', { id: c.id });
    expect(accepted).toMatchObject({ state: 'ACCEPTED', stage: 'OPEN', ownerId: staff['agent@east.demo'] });
    await expectOk(agent, 'startCaseInvestigation', { id: c.id });
    const proposed = await expectOk(agent, 'proposeSolution', { id: c.id, solutionType: 'REFUND', solutionAmount: 36.5, solutionNote: '为您办理退款 36.5 元' });
    expect(proposed.state).toBe('SOLUTION_PROPOSED');
    const waiting = await expectOk(agent, 'requestCustomerConfirmation', { id: c.id });
    expect(waiting).toMatchObject({ stage: 'PENDING_CUSTOMER', slaStatus: 'NONE', slaDueAt: null }); // clocks paused
    const reopened = await expectOk(agent, 'reopenCase', { id: c.id, reason: '客户对退款金额不满意' });
    expect(reopened).toMatchObject({ state: 'INVESTIGATING', stage: 'OPEN' });
    await expectOk(agent, 'proposeSolution', { id: c.id, solutionType: 'COMPENSATION', solutionAmount: 50, solutionNote: '补偿 50 元并换货' });
    await expectOk(agent, 'requestCustomerConfirmation', { id: c.id });
    const resolved = await expectOk(agent, 'resolveCase', { id: c.id, resolutionNote: '客户满意' });
    expect(resolved).toMatchObject({ state: 'RESOLVED', stage: 'RESOLVED' });
    const closed = await expectOk(agent, 'closeCase', { id: c.id });
    expect(closed).toMatchObject({ state: 'CLOSED', stage: 'CLOSED' });

    const detail = await agent.graphql<{ case: { reopenCount: number; solutionType: string; solutionAmount: number; activities: { kind: string; action: string | null; fromState: string | null; toState: string | null; reason: string | null }[]; messages: { kind: string; body: string }[]; allowedActions: unknown[] } }>(
      `query($id: ID!) { case(id: $id) { reopenCount solutionType solutionAmount activities { kind action fromState toState reason } messages { kind body } allowedActions { action } } }`,
      { id: c.id },
    );
    const d = detail.body.data!.case;
    expect(d).toMatchObject({ reopenCount: 1, solutionType: 'COMPENSATION', solutionAmount: 50, allowedActions: [] });
    expect(d.activities.filter((a) => a.kind === 'TRANSITION').map((a) => `${a.fromState}>${a.action}>${a.toState}`)).toEqual([
      'NEW>accept>ACCEPTED',
      'ACCEPTED>start_investigation>INVESTIGATING',
      'INVESTIGATING>propose_solution>SOLUTION_PROPOSED',
      'SOLUTION_PROPOSED>request_confirmation>AWAITING_CONFIRMATION',
      'AWAITING_CONFIRMATION>reopen>INVESTIGATING',
      'INVESTIGATING>propose_solution>SOLUTION_PROPOSED',
      'SOLUTION_PROPOSED>request_confirmation>AWAITING_CONFIRMATION',
      'AWAITING_CONFIRMATION>resolve>RESOLVED',
      'RESOLVED>close>CLOSED',
    ]);
    expect(d.activities.find((a) => a.action === 'reopen')!.reason).toBe('客户对退款金额不满意');
    expect(d.messages.map((m) => m.body)).toEqual(['为您办理退款 36.5 元', '补偿 50 元并换货']); // proposals went to the customer

    // Resolving asked the customer for a satisfaction rating, once, with HQ's service survey, about the case's store and owner.
    const store = (await supervisor.graphql<{ case: { orgUnitId: string } }>('query($id: ID!) { case(id: $id) { orgUnitId } }', { id: c.id })).body.data!.case.orgUnitId;
    const csat = await supervisor.graphql<{ satisfactionRequests: { nodes: Record<string, unknown>[] } }>('{ satisfactionRequests(paging: { limit: 100 }) { nodes { sourceId sourceRef customerId status orgUnitId staffId templateVersion { versionNo name } } } }');
    expect(csat.body.data!.satisfactionRequests.nodes.filter((r) => r.sourceId === c.id)).toEqual([
      { sourceId: c.id, sourceRef: c.caseNo, customerId, status: 'PENDING', orgUnitId: store, staffId: staff['agent@east.demo'], templateVersion: { versionNo: 1, name: '服务满意度回访' } },
    ]);
  });

  it('runs a consultation: accept → ask for information (paused) → customer answers → answer → resolve → close', async () => {
    const c = await openCase(agent, { type: 'CONSULTATION', channel: 'ONLINE_CHAT', subject: '二甲双胍饭前还是饭后吃', category: null });
    await expectOk(agent, 'acceptCase', { id: c.id });
    const asked = await expectOk(agent, 'requestCustomerInfo', { id: c.id, question: '请问您目前每天服用几次？' });
    expect(asked).toMatchObject({ state: 'AWAITING_INFO', stage: 'PENDING_CUSTOMER' });
    // The customer's reply brings the case back to work by itself.
    const reply = await agent.graphql(`mutation($i: AddCaseMessageInput!) { addCaseMessage(input: $i) { id kind } }`, { i: { caseId: c.id, kind: 'CUSTOMER', body: '每天两次' } });
    expect(reply.body.errors).toBeUndefined();
    const back = await agent.graphql<{ case: { state: string; stage: string } }>(`query($id: ID!) { case(id: $id) { state stage } }`, { id: c.id });
    expect(back.body.data!.case).toEqual({ state: 'ACCEPTED', stage: 'OPEN' });
    await expectOk(agent, 'answerCase', { id: c.id, answer: '建议随餐或饭后服用，可减少胃肠道不适。' });
    await expectOk(agent, 'resolveCase', { id: c.id });
    await expectOk(agent, 'closeCase', { id: c.id });
  });

  it('refuses every action that does not leave the current state, naming the allowed ones', async () => {
    const complaint = await openCase(agent);
    const consultation = await openCase(agent, { type: 'CONSULTATION', channel: 'EMAIL', category: null });
    const attempts: [CaseRow, string, Record<string, unknown>][] = [
      [complaint, 'startCaseInvestigation', {}],
      [complaint, 'proposeSolution', { solutionType: 'APOLOGY', solutionNote: 'x' }],
      [complaint, 'requestCustomerConfirmation', {}],
      [complaint, 'resolveCase', {}],
      [complaint, 'reopenCase', { reason: 'x' }],
      [complaint, 'closeCase', {}],
      [complaint, 'answerCase', { answer: 'x' }], // not in the complaint workflow at all
      [consultation, 'startCaseInvestigation', {}],
      [consultation, 'answerCase', { answer: 'x' }],
      [consultation, 'resolveCase', {}],
    ];
    for (const [c, mutation, extra] of attempts) {
      const error = await expectRefused(agent, mutation, { id: c.id, ...extra }, 'INVALID_TRANSITION');
      expect(error.extensions).toMatchObject({ from: 'NEW', allowed: ['accept', 'cancel'] });
      expect(error.message).toContain('allowed: accept, cancel');
    }
    await expectOk(agent, 'acceptCase', { id: complaint.id });
    const error = await expectRefused(agent, 'acceptCase', { id: complaint.id }, 'INVALID_TRANSITION');
    expect(error.extensions).toMatchObject({ from: 'ACCEPTED', action: 'accept', allowed: ['start_investigation', 'cancel'] });
    const unknown = await expectRefused(agent, 'transitionCase', { id: complaint.id, action: 'teleport' }, 'INVALID_TRANSITION');
    expect(unknown.message).toContain('allowed: start_investigation, cancel');
    // Required fields are named; refunds need an amount.
    await expectOk(agent, 'startCaseInvestigation', { id: complaint.id });
    const missing = await expectRefused(agent, 'transitionCase', { id: complaint.id, action: 'propose_solution', fields: { solutionType: 'REFUND' } }, 'BAD_USER_INPUT');
    expect(missing.extensions).toMatchObject({ field: 'solutionNote' });
    const noAmount = await expectRefused(agent, 'proposeSolution', { id: complaint.id, solutionType: 'REFUND', solutionNote: '退款' }, 'BAD_USER_INPUT');
    expect(noAmount.extensions).toMatchObject({ field: 'solutionAmount' });
    const closedCase = await openCase(agent);
    await expectOk(agent, 'cancelCase', { id: closedCase.id, reason: '重复工单' });
    await expectRefused(agent, 'reopenCase', { id: closedCase.id, reason: 'x' }, 'INVALID_TRANSITION');
  });

  it('keeps the first responder as owner: others are refused until an audited transfer', async () => {
    const c = await openCase(agent2);
    await expectOk(agent, 'acceptCase', { id: c.id });
    const refused = await expectRefused(agent2, 'startCaseInvestigation', { id: c.id }, 'INVALID_TRANSITION');
    expect(refused.message).toMatch(/handled by .+ \(first responder\)/);
    // A queued case someone claimed cannot be accepted by another agent either.
    const queued = await openCase(agent);
    const claim = await agent2.graphql<{ claimCase: { ownerId: string } }>(`mutation($id: ID!) { claimCase(id: $id) { ownerId } }`, { id: queued.id });
    expect(claim.body.data!.claimCase.ownerId).toBe(staff['agent2@east.demo']);
    await expectRefused(agent, 'acceptCase', { id: queued.id }, 'INVALID_TRANSITION');

    // Only the owner (or case:assign) may transfer, with a reason; the new owner may act.
    const notOwner = await agent2.graphql(`mutation($i: TransferCaseInput!) { transferCase(input: $i) { id } }`, { i: { id: c.id, toStaffUserId: staff['agent2@east.demo'], reason: '我来接' } });
    expect(notOwner.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noReason = await agent.graphql(`mutation($i: TransferCaseInput!) { transferCase(input: $i) { id } }`, { i: { id: c.id, toStaffUserId: staff['agent2@east.demo'], reason: '' } });
    expect(noReason.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const moved = await caseAction(agent, 'transferCase', { id: c.id, toStaffUserId: staff['agent2@east.demo'], reason: '下班交接' });
    expect(moved.data!.ownerId).toBe(staff['agent2@east.demo']);
    await expectOk(agent2, 'startCaseInvestigation', { id: c.id });
    await expectRefused(agent, 'proposeSolution', { id: c.id, solutionType: 'APOLOGY', solutionNote: '致歉' }, 'INVALID_TRANSITION');
    // A supervisor may act on any case (escalations).
    await expectOk(supervisor, 'proposeSolution', { id: c.id, solutionType: 'APOLOGY', solutionNote: '主管致歉' });

    const history = await supervisor.graphql<{ case: { activities: { kind: string; fromStaffId: string | null; toStaffId: string | null; reason: string | null; actorId: string | null }[] } }>(
      `query($id: ID!) { case(id: $id) { activities { kind fromStaffId toStaffId reason actorId } } }`,
      { id: c.id },
    );
    expect(history.body.data!.case.activities.filter((a) => a.kind === 'TRANSFERRED')).toEqual([
      { kind: 'TRANSFERRED', fromStaffId: staff['agent@east.demo'], toStaffId: staff['agent2@east.demo'], reason: '下班交接', actorId: staff['agent@east.demo'] },
    ]);
    const audit = await (await signIn(app, 'owner@east.demo')).graphql<{ auditLogs: { nodes: { actorLabel: string; targetIds: string[] }[] } }>(
      `{ auditLogs(filter: { operation: { eq: "transferCase" } }) { nodes { actorLabel targetIds } } }`,
    );
    expect(audit.body.data!.auditLogs.nodes).toEqual([expect.objectContaining({ actorLabel: 'agent@east.demo', targetIds: expect.arrayContaining([c.id]) })]);
  });

  it('escalates up the ladder with reasons, refers medical questions to a pharmacist', async () => {
    const c = await openCase(agent);
    await expectOk(agent, 'acceptCase', { id: c.id });
    const up = await caseAction(agent, 'escalateCase', { id: c.id, reason: '超出权限：客户要求三倍赔偿' });
    expect(up.data!.escalationLevel).toBe('SUPERVISOR');
    expect((await caseAction(supervisor, 'escalateCase', { id: c.id, reason: '需要主任决定' })).data!.escalationLevel).toBe('DIRECTOR');
    expect((await caseAction(supervisor, 'escalateCase', { id: c.id, reason: '上报总部', level: 'HQ' })).data!.escalationLevel).toBe('HQ');
    const top = await caseAction(supervisor, 'escalateCase', { id: c.id, reason: 'again' });
    expect(top.codes).toEqual(['BAD_USER_INPUT']);
    expect(up.data!.ownerId).toBe(staff['agent@east.demo']); // escalation does not pass the case off

    const medical = await openCase(agent, { type: 'MEDICATION_CONSULTATION', channel: 'PHONE', subject: '阿托伐他汀能和西柚汁一起吃吗', category: null });
    await expectOk(agent, 'acceptCase', { id: medical.id });
    const agentAnswer = await expectRefused(agent, 'answerCase', { id: medical.id, answer: '可以' }, 'INVALID_TRANSITION');
    expect(agentAnswer.message).toContain('pharmacist or doctor');
    const notExpert = await caseAction(agent, 'referCaseToExpert', { id: medical.id, expertId: staff['agent2@east.demo'], question: '?' });
    expect(notExpert.codes).toEqual(['BAD_USER_INPUT']);
    await expectOk(agent, 'referCaseToExpert', { id: medical.id, expertId: staff['pharmacist@east.demo'], question: '客户问阿托伐他汀与西柚汁' });
    const answered = await expectOk(pharmacist, 'answerCase', { id: medical.id, answer: '服药期间避免大量饮用西柚汁，会升高血药浓度。' });
    expect(answered).toMatchObject({ state: 'ANSWERED', ownerId: staff['agent@east.demo'] });
  });

  it('detects concurrent edits: of two saves of the same version one wins, the other gets CONFLICT', async () => {
    const c = await openCase(agent);
    const edit = (caller: Caller, subject: string) => caseAction(caller, 'updateOneCase', { id: c.id, version: c.version, update: { subject } });
    const results = await Promise.all([edit(agent, '药品破损（补充照片）'), edit(supervisor, '药品破损（加急）')]);
    expect(results.map((r) => (r.errors ? r.codes[0] : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    const winner = results.find((r) => !r.errors)!.data!;
    expect(winner.version).toBe(c.version + 1);
    // Transitions with a stale version are refused too; the state is never changed by updateOneCase.
    expect((await caseAction(agent, 'acceptCase', { id: c.id, version: c.version })).codes).toEqual(['CONFLICT']);
    const stateEdit = await agent.graphql(`mutation($id: ID!, $v: Int!) { updateOneCase(input: { id: $id, version: $v, update: { state: "CLOSED" } }) { id } }`, { id: c.id, v: winner.version });
    expect(stateEdit.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('rejects bad input with codes and writes nothing', async () => {
    const pg = new Client({ connectionString: app.database.url });
    await pg.connect();
    const count = async () => Number((await pg.query('select count(*) from service_case')).rows[0].count);
    const before = await count();
    const create = (c: Record<string, unknown>) =>
      agent.graphql(`mutation($c: CaseInput!) { createOneCase(input: { case: $c }) { id } }`, { c: { type: 'COMPLAINT', channel: 'PHONE', subject: '破损', description: '药盒破损', ...c } });
    const unknownCustomer = await create({ customerId: '00000000-0000-4000-8000-000000000123' });
    expect(unknownCustomer.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const blank = await create({ subject: '   ' });
    expect(blank.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'case.subject' });
    const empty = await create({ subject: '' });
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'case.subject' });
    const huge = await create({ attachments: [{ url: 'https://files.example.com/a.mp4', contentType: 'video/mp4', size: 500 * 1024 * 1024 }] });
    expect(huge.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'case.attachments.0.size' });
    const badUrl = await create({ attachments: [{ url: 'javascript:alert(1)', contentType: 'image/png', size: 10 }] });
    expect(badUrl.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'case.attachments.0.url' });
    const tooMany = await create({ attachments: Array.from({ length: 21 }, (_, i) => ({ url: `https://f.example.com/${i}.jpg`, contentType: 'image/jpeg', size: 100 })) });
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'case.attachments' });
    expect(await count()).toBe(before);
    await pg.end();
  });
});
