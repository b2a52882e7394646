import { signIn } from '../actors';
import type { AuditScenario } from './index';

/**
 * Satisfaction analysis: an east analysis written (findings, a graded problem), its thresholds
 * tuned, an improvement action set for the store director, done with evidence, verified and the
 * analysis closed.
 */
export const analysisAuditScenario: AuditScenario = async ({ app, owner, run }) => {
  const director = await signIn(app, 'director@east.demo');
  const directorId = (await director.graphql<{ me: { user: { id: string } } }>('{ me { user { id } } }')).body.data!.me.user.id;
  await run(owner, 'updateSatisfactionAnalysisSettings', 'mutation { updateSatisfactionAnalysisSettings(input: { concentrationShare: 0.5 }) { franchiseId version } }');
  const analysis = await run(owner, 'createSatisfactionAnalysis', 'mutation { createSatisfactionAnalysis(input: { title: "审计满意度分析", from: "2020-01-01", to: "2020-12-31" }) { id version } }');
  const written = await run(owner, 'updateSatisfactionAnalysis', 'mutation($id: ID!, $v: Int!) { updateSatisfactionAnalysis(input: { id: $id, version: $v, findings: "审计结论", problems: [{ key: "p1", title: "审计问题", grade: MAJOR }] }) { id version } }', { id: analysis.id, v: analysis.version });
  const action = await run(owner, 'addImprovementAction', 'mutation($a: ID!, $o: ID!) { addImprovementAction(input: { analysisId: $a, problemKey: "p1", title: "审计整改", ownerId: $o, dueDate: "2099-01-01" }) { id version } }', { a: analysis.id, o: directorId });
  const done = await run(director, 'reportImprovementProgress', 'mutation($id: ID!, $v: Int!) { reportImprovementProgress(input: { id: $id, version: $v, note: "审计完成", evidenceUrls: ["https://files.example.com/audit.jpg"], done: true }) { id version } }', { id: action.id, v: action.version });
  await run(owner, 'verifyImprovementAction', 'mutation($id: ID!, $v: Int!) { verifyImprovementAction(input: { id: $id, version: $v, accept: true, comment: "审计验收" }) { id version } }', { id: done.id, v: done.version });
  await run(owner, 'closeSatisfactionAnalysis', 'mutation($id: ID!, $v: Int!) { closeSatisfactionAnalysis(id: $id, version: $v) { id } }', { id: written.id, v: written.version });
};
