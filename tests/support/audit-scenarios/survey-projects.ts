import type { AuditScenario } from './index';

/**
 * Quarterly surveys: HQ opens a round of a shared template, east's owner answers it, HQ closes it.
 * Third-party survey projects: HQ records one over an east store, notes it and imports the firm's CSV.
 */
export const surveyProjectsAuditScenario: AuditScenario = async ({ hq, owner, run }) => {
  const units = await hq.graphql<{ orgUnits: { nodes: { id: string; code: string | null }[] } }>('{ orgUnits(paging: { limit: 200 }) { nodes { id code } } }');
  const store = units.body.data!.orgUnits.nodes.find((u) => u.code === 'SH-XH')!;
  const project = await run(hq, 'createThirdPartySurveyProject', 'mutation($s: ID!) { createThirdPartySurveyProject(input: { name: "审计第三方调查", firm: "审计调查公司", storeIds: [$s], startDate: "2020-01-01", endDate: "2020-01-31" }) { id version } }', { s: store.id });
  const renamed = await run(hq, 'updateThirdPartySurveyProject', 'mutation($id: ID!, $v: Int!) { updateThirdPartySurveyProject(input: { id: $id, version: $v, notes: "审计备注" }) { id version } }', { id: project.id, v: project.version });
  const csv = Buffer.from('store_code,date,question,score,count\nSH-XH,2020-01-10,服务态度,4,3\n', 'utf8').toString('base64');
  await run(hq, 'importThirdPartySurveyResults', 'mutation($id: ID!, $v: Int!, $c: String!) { importThirdPartySurveyResults(input: { projectId: $id, version: $v, fileName: "audit.csv", contentBase64: $c }) { rows } }', { id: renamed.id, v: renamed.version, c: csv });

  const template = await run(hq, 'createSurveyTemplate', 'mutation { createSurveyTemplate(input: { code: "audit-quarterly", name: "审计季度调查", purpose: GENERAL, shared: true, questions: [{ key: "service", kind: RATING, text: "服务质量", required: true }] }) { id version } }');
  const round = await run(hq, 'openQuarterlySurveyRound', 'mutation($t: ID!) { openQuarterlySurveyRound(input: { quarter: "2099-Q1", templateId: $t, audience: [FRANCHISES], closesOn: "2099-03-31" }) { id version } }', { t: template.id });
  await run(owner, 'answerQuarterlySurvey', 'mutation($r: ID!) { answerQuarterlySurvey(input: { roundId: $r, answers: [{ questionKey: "service", value: 5 }] }) { id } }', { r: round.id });
  await run(hq, 'closeQuarterlySurveyRound', 'mutation($id: ID!, $v: Int!) { closeQuarterlySurveyRound(id: $id, version: $v) { id } }', { id: round.id, v: round.version });
};
