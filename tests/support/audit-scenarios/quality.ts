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
