import type { AuditScenario } from './index';
import { clock } from '@pharmadesk/api';

const CASE = 'id version state ownerId';

/**
 * Runs every mutation of the cases module once as the east franchise owner (every case
 * permission but case:expert, so the answered case is a plain consultation): a complaint
 * through its whole workflow, a cancelled case, a consultation waiting for and getting the
 * customer's information, ownership moves (claim, assign, transfer), escalation, referral,
 * the thread, knowledge links, queue views, presence, SLA administration and
 * cross-department feedback. Then checks what the transfer's entry says.
 */
export const casesAuditScenario: AuditScenario = async ({ hq, owner, run }) => {
  const lookup = await owner.graphql<{
    staffUsers: { nodes: { id: string; email: string }[] };
    orgUnits: { nodes: { id: string; kind: string }[] };
    knowledgeArticles: { nodes: { id: string }[] };
  }>('{ staffUsers(paging: { limit: 200 }) { nodes { id email } } orgUnits { nodes { id kind } } knowledgeArticles(filter: { status: { eq: PUBLISHED } }, paging: { limit: 1 }) { nodes { id } } }');
  if (lookup.body.errors) throw new Error(JSON.stringify(lookup.body.errors));
  const { staffUsers, orgUnits, knowledgeArticles } = lookup.body.data!;
  const staffId = (email: string) => staffUsers.nodes.find((s) => s.email === email)!.id;
  const agentId = staffId('agent@east.demo');
  const pharmacistId = staffId('pharmacist@east.demo');
  const departmentId = orgUnits.nodes.find((u) => u.kind === 'DEPARTMENT')!.id;
  const articleId = knowledgeArticles.nodes[0]!.id;

  type CaseRow = { id: string; version: number; state: string; ownerId: string | null };
  const open = async (type: string, subject: string) =>
    (await run(owner, 'createOneCase', `mutation($c: CaseInput!) { createOneCase(input: { case: $c }) { ${CASE} } }`, {
      c: { type, channel: 'PHONE', subject, description: `${subject}（审计）`, category: type === 'COMPLAINT' ? 'DELIVERY_DAMAGED' : undefined },
    })) as CaseRow;
  const act = async (mutation: string, inputType: string, input: Record<string, unknown>) =>
    (await run(owner, mutation, `mutation($i: ${inputType}!) { ${mutation}(input: $i) { ${CASE} } }`, { i: input })) as CaseRow;

  // A complaint through its workflow: the customer is not satisfied once, then is.
  const complaint = await open('COMPLAINT', '药盒破损');
  await run(owner, 'updateOneCase', `mutation($id: ID!, $v: Int!) { updateOneCase(input: { id: $id, version: $v, update: { priority: HIGH, tags: ["审计"] } }) { id } }`, { id: complaint.id, v: complaint.version });
  await act('acceptCase', 'CaseActionInput', { id: complaint.id });
  await act('startCaseInvestigation', 'CaseActionInput', { id: complaint.id });
  await act('proposeSolution', 'ProposeSolutionInput', { id: complaint.id, solutionType: 'APOLOGY', solutionNote: '致歉并补发' });
  await act('requestCustomerConfirmation', 'CaseActionInput', { id: complaint.id });
  await act('reopenCase', 'ReasonedCaseActionInput', { id: complaint.id, reason: '客户要求退款' });
  await act('proposeSolution', 'ProposeSolutionInput', { id: complaint.id, solutionType: 'REFUND', solutionAmount: 28.5, solutionNote: '退款 28.5 元' });
  await act('requestCustomerConfirmation', 'CaseActionInput', { id: complaint.id });
  await act('resolveCase', 'ResolveCaseInput', { id: complaint.id, resolutionNote: '客户满意' });
  expect((await act('closeCase', 'CaseActionInput', { id: complaint.id })).state).toBe('CLOSED');

  const duplicate = await open('COMPLAINT', '重复登记');
  await act('cancelCase', 'ReasonedCaseActionInput', { id: duplicate.id, reason: '重复登记' });

  // A consultation (not a medication one: the owner is no pharmacist) that waits for the customer.
  const consultation = await open('CONSULTATION', '门店营业时间');
  await act('acceptCase', 'CaseActionInput', { id: consultation.id });
  await act('requestCustomerInfo', 'RequestCaseInfoInput', { id: consultation.id, question: '请问是哪家门店？' });
  await act('transitionCase', 'TransitionCaseInput', { id: consultation.id, action: 'receive_info' });
  expect((await act('answerCase', 'AnswerCaseInput', { id: consultation.id, answer: '徐汇店 8:00–22:00 营业' })).state).toBe('ANSWERED');

  // Ownership, escalation, referral, thread and knowledge on one case.
  const handed = await open('COMPLAINT', '送药太慢');
  const claimed = (await run(owner, 'claimCase', `mutation($id: ID!) { claimCase(id: $id) { ${CASE} } }`, { id: handed.id })) as CaseRow;
  const transferred = await act('transferCase', 'TransferCaseInput', { id: handed.id, toStaffUserId: agentId, reason: '交由客服跟进' });
  expect(transferred.ownerId).toBe(agentId);
  await act('escalateCase', 'EscalateCaseInput', { id: handed.id, reason: '客户多次来电' });
  await act('referCaseToExpert', 'ReferCaseInput', { id: handed.id, expertId: pharmacistId, question: '受潮药片还能服用吗？' });
  await run(owner, 'addCaseMessage', `mutation($id: ID!) { addCaseMessage(input: { caseId: $id, kind: NOTE, body: "已联系配送站" }) { id } }`, { id: handed.id });
  await run(owner, 'linkKnowledgeArticle', `mutation($c: ID!, $a: ID!) { linkKnowledgeArticle(input: { caseId: $c, articleId: $a }) { id } }`, { c: handed.id, a: articleId });

  const queued = await open('COMPLAINT', '服务态度');
  await act('assignCase', 'AssignCaseInput', { id: queued.id, staffUserId: agentId });

  // Queue views and presence.
  const view = await run(owner, 'createOneCaseView', `mutation { createOneCaseView(input: { caseView: { name: "审计队列", filter: { priority: { eq: "HIGH" } } } }) { id version } }`);
  await run(owner, 'updateOneCaseView', `mutation($id: ID!, $v: Int!) { updateOneCaseView(input: { id: $id, version: $v, update: { name: "审计队列（紧急）", filter: { priority: { in: ["HIGH", "URGENT"] } } } }) { id } }`, { id: view.id, v: view.version });
  await run(owner, 'deleteOneCaseView', `mutation($id: ID!) { deleteOneCaseView(input: { id: $id }) { id } }`, { id: view.id });
  await run(owner, 'setMyAvailability', `mutation { setMyAvailability(input: { availability: AWAY, capacity: 3 }) { staffUserId } }`);

  // SLA administration and case settings.
  const workingDays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: [{ start: '09:00', end: '18:00' }] }));
  const calendar = await run(owner, 'createOneBusinessCalendar', `mutation($c: BusinessCalendarInput!) { createOneBusinessCalendar(input: { businessCalendar: $c }) { id version } }`, { c: { name: '审计日历', workingDays } });
  await run(owner, 'updateOneBusinessCalendar', `mutation($id: ID!, $v: Int!, $c: BusinessCalendarInput!) { updateOneBusinessCalendar(input: { id: $id, version: $v, update: $c }) { id } }`, {
    id: calendar.id,
    v: calendar.version,
    c: { name: '审计日历', workingDays, holidays: ['2026-12-25'] },
  });
  const policy = { name: '审计时限', calendarId: calendar.id, queue: 'audit', targets: [{ firstResponseMinutes: 30, resolutionWorkingDays: 3 }] };
  const created = await run(owner, 'createOneSlaPolicy', `mutation($p: SlaPolicyInput!) { createOneSlaPolicy(input: { slaPolicy: $p }) { id version } }`, { p: policy });
  await run(owner, 'updateOneSlaPolicy', `mutation($id: ID!, $v: Int!, $p: SlaPolicyInput!) { updateOneSlaPolicy(input: { id: $id, version: $v, update: $p }) { id } }`, {
    id: created.id,
    v: created.version,
    p: { ...policy, warningThreshold: 0.7 },
  });
  await run(owner, 'updateCaseSettings', `mutation { updateCaseSettings(input: { assignmentRule: "manual", feedbackAnswerHours: 12 }) { franchiseId } }`);

  // Cross-department feedback, raised from the handed-over case.
  const feedback = await run(owner, 'raiseDepartmentFeedback', `mutation($c: ID!, $d: ID!) { raiseDepartmentFeedback(input: { caseId: $c, departmentId: $d, title: "配送延误", description: "配送站人手不足" }) { id } }`, { c: handed.id, d: departmentId });
  await run(owner, 'answerDepartmentFeedback', `mutation($id: ID!, $by: DateTime!) { answerDepartmentFeedback(input: { id: $id, answer: "本周增派人手", promisedBy: $by }) { id } }`, {
    id: feedback.id,
    by: new Date(clock.nowMs() + 3 * 24 * 3_600_000).toISOString(),
  });
  await run(owner, 'resolveDepartmentFeedback', `mutation($id: ID!) { resolveDepartmentFeedback(input: { id: $id, note: "已增派两人" }) { id } }`, { id: feedback.id });

  // The transfer's entry names the case and the owner it moved from and to.
  const audit = await hq.graphql<{ auditLogs: { nodes: { actorLabel: string; targetIds: string[]; changes: Record<string, Record<string, { fields: Record<string, { from?: unknown; to?: unknown }> }>> }[] } }>(
    `query { auditLogs(filter: { operation: { eq: "transferCase" } }) { nodes { actorLabel targetIds changes } } }`,
  );
  const [transfer] = audit.body.data!.auditLogs.nodes;
  expect(transfer).toMatchObject({ actorLabel: 'owner@east.demo' });
  expect(transfer!.targetIds).toContain(handed.id);
  expect(transfer!.changes.Case?.[handed.id]?.fields.ownerId).toEqual({ from: claimed.ownerId, to: agentId });
};
