import { inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import type { AuditScenario } from './index';

/**
 * Surveys: an east template written and changed (a new version), and a pending survey of the
 * demo's resolved cases sent and answered; a survey sent as an online link; callbacks: a rule added and tuned, two calls of an
 * east customer worked (one completed with a case raised): every survey and callback mutation once.
 */
export const surveysAuditScenario: AuditScenario = async ({ app, owner, run }) => {
  const template = await run(owner, 'createSurveyTemplate', 'mutation { createSurveyTemplate(input: { code: "audit-callback", name: "审计回访问卷", purpose: CALLBACK, questions: [{ key: "overall", kind: RATING, text: "满意度", required: true, satisfaction: true }] }) { id version } }');
  await run(owner, 'updateSurveyTemplate', 'mutation($id: ID!, $v: Int!) { updateSurveyTemplate(input: { id: $id, version: $v, questions: [{ key: "overall", kind: RATING, text: "总体满意度", required: true, satisfaction: true }, { key: "recommend", kind: NPS, text: "推荐意愿" }] }) { id currentVersionNo } }', { id: template.id, v: template.version });
  // A survey waiting to be sent, as resolving a case leaves one (the demo sends its own by the clock's time).
  const surveys = await owner.graphql<{ satisfactionRequests: { nodes: { id: string }[] } }>('{ satisfactionRequests(paging: { limit: 1 }) { nodes { id } } }');
  const [copy] = await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) =>
    em.execute<{ id: string }[]>(
      `insert into satisfaction_request (id, franchise_id, version, created_at, updated_at, customer_id, source_kind, source_id, source_ref, staff_id, status, template_version_id, org_unit_id)
       select gen_random_uuid(), franchise_id, 1, now(), now(), customer_id, source_kind, source_id, source_ref, staff_id, 'PENDING', template_version_id, org_unit_id
         from satisfaction_request where id = ? returning id`,
      [surveys.body.data!.satisfactionRequests.nodes[0]!.id],
    ),
  );
  const id = copy!.id;
  const sent = await run(owner, 'sendSatisfactionRequest', 'mutation($id: ID!) { sendSatisfactionRequest(input: { id: $id, channel: PHONE }) { id version } }', { id });
  await run(owner, 'recordSurveyAnswers', 'mutation($id: ID!, $v: Int!) { recordSurveyAnswers(input: { id: $id, version: $v, answers: [{ questionKey: "overall", value: 5 }], suggestion: "审计" }) { id status } }', { id, v: sent.version });

  const rule = await run(owner, 'createCallbackRule', 'mutation { createCallbackRule(input: { code: "audit_rule", kind: NEW_MEMBER, name: "审计回访规则", delayDays: 30 }) { id version } }');
  await run(owner, 'updateCallbackRule', 'mutation($id: ID!, $v: Int!) { updateCallbackRule(input: { id: $id, version: $v, update: { enabled: false } }) { id enabled } }', { id: rule.id, v: rule.version });
  const customers = await owner.graphql<{ customers: { nodes: { id: string }[] } }>('{ customers(paging: { limit: 1 }) { nodes { id } } }');
  // A link goes out only on a channel the customer agreed to (else it is refused, not sent).
  await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => em.execute(`update customer set consent_sms = true where id = ?`, [customers.body.data!.customers.nodes[0]!.id]));
  // The demo's own template sent as an online link (the answer through the public page is tests/surveys/survey-links.test.ts).
  await run(owner, 'sendSurveyLink', 'mutation($c: ID!, $t: ID!) { sendSurveyLink(input: { customerId: $c, templateId: $t }) { id status } }', { c: customers.body.data!.customers.nodes[0]!.id, t: template.id });
  const [task] = await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) =>
    em.execute<{ id: string }[]>(
      `insert into callback_task (id, franchise_id, customer_id, kind, purpose_key, title, org_unit_id, due_date, status, attempts, version, created_at, updated_at)
       select gen_random_uuid(), c.franchise_id, c.id, 'NEW_MEMBER', 'audit', '审计回访', c.org_unit_id, current_date, 'OPEN', 0, 1, now(), now() from customer c where c.id = ? returning id`,
      [customers.body.data!.customers.nodes[0]!.id],
    ),
  );
  await run(owner, 'recordCallbackOutcome', 'mutation($id: ID!) { recordCallbackOutcome(input: { id: $id, version: 1, outcome: COMPLETED, answers: [{ questionKey: "overall", value: 4 }, { questionKey: "resolved", choices: ["yes"] }], suggestion: "审计建议" }) { id status } }', { id: task!.id });
  await run(owner, 'raiseCaseFromCallback', 'mutation($id: ID!) { raiseCaseFromCallback(input: { id: $id, type: SUGGESTION, subject: "审计：回访建议", description: "审计" }) { id caseId } }', { id: task!.id });
};
