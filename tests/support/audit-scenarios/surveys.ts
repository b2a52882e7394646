import type { AuditScenario } from './index';

/**
 * Surveys: an east template written and changed (a new version), and a pending survey of the
 * demo's resolved cases sent and answered: every survey mutation once.
 */
export const surveysAuditScenario: AuditScenario = async ({ owner, run }) => {
  const template = await run(owner, 'createSurveyTemplate', 'mutation { createSurveyTemplate(input: { code: "audit-callback", name: "审计回访问卷", purpose: CALLBACK, questions: [{ key: "overall", kind: RATING, text: "满意度", required: true, satisfaction: true }] }) { id version } }');
  await run(owner, 'updateSurveyTemplate', 'mutation($id: ID!, $v: Int!) { updateSurveyTemplate(input: { id: $id, version: $v, questions: [{ key: "overall", kind: RATING, text: "总体满意度", required: true, satisfaction: true }, { key: "recommend", kind: NPS, text: "推荐意愿" }] }) { id currentVersionNo } }', { id: template.id, v: template.version });
  const pending = await owner.graphql<{ satisfactionRequests: { nodes: { id: string; status: string }[] } }>('{ satisfactionRequests(paging: { limit: 200 }) { nodes { id status } } }');
  const id = pending.body.data!.satisfactionRequests.nodes.find((r) => r.status === 'PENDING')!.id;
  const sent = await run(owner, 'sendSatisfactionRequest', 'mutation($id: ID!) { sendSatisfactionRequest(input: { id: $id, channel: PHONE }) { id version } }', { id });
  await run(owner, 'recordSurveyAnswers', 'mutation($id: ID!, $v: Int!) { recordSurveyAnswers(input: { id: $id, version: $v, answers: [{ questionKey: "overall", value: 5 }], suggestion: "审计" }) { id status } }', { id, v: sent.version });
};
