import type { AuditScenario } from './index';

/** Third-party survey projects: HQ records one over an east store, renames it and imports the firm's CSV. */
export const surveyProjectsAuditScenario: AuditScenario = async ({ hq, run }) => {
  const units = await hq.graphql<{ orgUnits: { nodes: { id: string; code: string | null }[] } }>('{ orgUnits(paging: { limit: 200 }) { nodes { id code } } }');
  const store = units.body.data!.orgUnits.nodes.find((u) => u.code === 'SH-XH')!;
  const project = await run(hq, 'createThirdPartySurveyProject', 'mutation($s: ID!) { createThirdPartySurveyProject(input: { name: "审计第三方调查", firm: "审计调查公司", storeIds: [$s], startDate: "2020-01-01", endDate: "2020-01-31" }) { id version } }', { s: store.id });
  const renamed = await run(hq, 'updateThirdPartySurveyProject', 'mutation($id: ID!, $v: Int!) { updateThirdPartySurveyProject(input: { id: $id, version: $v, notes: "审计备注" }) { id version } }', { id: project.id, v: project.version });
  const csv = Buffer.from('store_code,date,question,score,count\nSH-XH,2020-01-10,服务态度,4,3\n', 'utf8').toString('base64');
  await run(hq, 'importThirdPartySurveyResults', 'mutation($id: ID!, $v: Int!, $c: String!) { importThirdPartySurveyResults(input: { projectId: $id, version: $v, fileName: "audit.csv", contentBase64: $c }) { rows } }', { id: renamed.id, v: renamed.version, c: csv });
};
