import { signIn, type Caller } from '../actors';
import type { AuditScenario } from './index';

const staffIdOf = async (caller: Caller) => (await caller.graphql<{ me: { user: { id: string } } }>('{ me { user { id } } }')).body.data!.me.user.id;

/**
 * Quality: an east scorecard written and changed; two cases east's agent handled, one reviewed,
 * disputed and answered, the other acknowledged; a calibration session opened and closed.
 */
export const qualityAuditScenario: AuditScenario = async ({ app, owner, run }) => {
  const agent = await signIn(app, 'agent@east.demo');
  const supervisor = await signIn(app, 'supervisor@east.demo');
  const card = await run(owner, 'createQaScorecard', 'mutation { createQaScorecard(input: { code: "audit-card", name: "审计评分表", categories: [{ key: "a", name: "态度", weight: 100, criteria: [{ key: "a1", name: "礼貌", scale: FIVE_POINT }] }] }) { id version } }');
  await run(owner, 'updateQaScorecard', 'mutation($id: ID!, $v: Int!) { updateQaScorecard(input: { id: $id, version: $v, name: "审计评分表（修订）" }) { id version } }', { id: card.id, v: card.version });
  const handled = async (subject: string) => {
    const created = await agent.graphql<{ createOneCase: { id: string; version: number } }>(`mutation { createOneCase(input: { case: { type: CONSULTATION, channel: PHONE, subject: "${subject}", description: "审计" } }) { id version } }`);
    const c = created.body.data!.createOneCase;
    await agent.graphql('mutation($id: ID!, $v: Int) { acceptCase(input: { id: $id, version: $v }) { id } }', { id: c.id, v: c.version });
    return c.id;
  };
  const review = (caseId: string) => run(owner, 'submitQaReview', 'mutation($s: ID!, $c: ID!) { submitQaReview(input: { scorecardId: $s, targetKind: CASE, targetId: $c, ratings: [{ criterionKey: "a1", rating: 2 }] }) { id version } }', { s: card.id, c: caseId });
  const disputed = await review(await handled('审计：质检申诉'));
  const dispute = await run(agent, 'disputeQaReview', 'mutation($id: ID!, $v: Int!) { disputeQaReview(input: { id: $id, version: $v, comment: "审计申诉", proposedRatings: [{ criterionKey: "a1", rating: 4 }] }) { id version } }', { id: disputed.id, v: disputed.version });
  await run(owner, 'resolveQaDispute', 'mutation($id: ID!, $v: Int!) { resolveQaDispute(input: { id: $id, version: $v, outcome: ACCEPTED, comment: "审计采纳" }) { id } }', { id: dispute.id, v: dispute.version });
  const acknowledged = await review(await handled('审计：质检确认'));
  await run(agent, 'acknowledgeQaReview', 'mutation($id: ID!, $v: Int!) { acknowledgeQaReview(id: $id, version: $v) { id } }', { id: acknowledged.id, v: acknowledged.version });
  const session = await run(owner, 'createQaCalibrationSession', 'mutation($s: ID!, $c: ID!, $r: [ID!]!) { createQaCalibrationSession(input: { name: "审计校准", scorecardId: $s, targetKind: CASE, targetId: $c, reviewerIds: $r }) { id version } }', {
    s: card.id,
    c: await handled('审计：校准'),
    r: [await staffIdOf(owner), await staffIdOf(supervisor)],
  });
  await run(owner, 'closeQaCalibrationSession', 'mutation($id: ID!, $v: Int!) { closeQaCalibrationSession(id: $id, version: $v) { id } }', { id: session.id, v: session.version });
};

/**
 * Appraisals: an east plan written and changed; a month opened with it; east's agent
 * self-evaluates, the supervisor evaluates and finalizes, the agent acknowledges.
 */
export const appraisalAuditScenario: AuditScenario = async ({ app, owner, run }) => {
  const agent = await signIn(app, 'agent@east.demo');
  const supervisor = await signIn(app, 'supervisor@east.demo');
  const agentId = await staffIdOf(agent);
  const plan = await run(owner, 'createAppraisalPlan', 'mutation { createAppraisalPlan(input: { code: "audit-plan", name: "审计考核", kind: MONTHLY, weights: { self: 20, supervisor: 80, customer: 0, qa: 0, data: 0 }, formCategories: [{ key: "a", name: "态度", weight: 100 }], bands: [{ key: "ok", name: "合格", minScore: 0, consequence: NONE }] }) { id version } }');
  await run(owner, 'updateAppraisalPlan', 'mutation($id: ID!, $v: Int!) { updateAppraisalPlan(input: { id: $id, version: $v, name: "审计考核（修订）" }) { id version } }', { id: plan.id, v: plan.version });
  const cycle = await run(owner, 'openAppraisalCycle', 'mutation($p: ID!) { openAppraisalCycle(input: { kind: MONTHLY, period: "2029-06", planId: $p }) { id } }', { p: plan.id });
  const list = await owner.graphql<{ appraisals: { nodes: { id: string; version: number; agentId: string }[] } }>('query($c: ID!) { appraisals(filter: { cycleId: $c }, paging: { limit: 200 }) { nodes { id version agentId } } }', { c: cycle.id });
  const appraisal = list.body.data!.appraisals.nodes.find((a) => a.agentId === agentId)!;
  const self = await run(agent, 'submitSelfEvaluation', 'mutation($id: ID!, $v: Int!) { submitSelfEvaluation(input: { id: $id, version: $v, ratings: [{ key: "a", score: 90 }] }) { id version } }', { id: appraisal.id, v: appraisal.version });
  const evaluated = await run(supervisor, 'evaluateAppraisal', 'mutation($id: ID!, $v: Int!) { evaluateAppraisal(input: { id: $id, version: $v, ratings: [{ key: "a", score: 80 }] }) { id version } }', { id: self.id, v: self.version });
  const finalized = await run(supervisor, 'finalizeAppraisal', 'mutation($id: ID!, $v: Int!) { finalizeAppraisal(input: { id: $id, version: $v }) { id version } }', { id: evaluated.id, v: evaluated.version });
  await run(agent, 'acknowledgeAppraisal', 'mutation($id: ID!, $v: Int!) { acknowledgeAppraisal(input: { id: $id, version: $v, comment: "审计确认" }) { id } }', { id: finalized.id, v: finalized.version });
};
