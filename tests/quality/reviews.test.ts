import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { caseAction, openCase } from '../cases/support';

jest.setTimeout(180_000);

const REVIEW = 'id version status score criticalMisses agentId reviewerId targetRef categoryScores { key score } ratings { criterionKey rating } disputeOutcome scoreBeforeDispute calibrationSessionId';
interface Review { id: string; version: number; status: string; score: number | null; criticalMisses: string[]; agentId: string; reviewerId: string; targetRef: string; categoryScores: { key: string; score: number | null }[]; ratings: { criterionKey: string; rating: number | null }[]; disputeOutcome: string | null; scoreBeforeDispute: number | null; calibrationSessionId: string | null }
interface Scorecard { id: string; version: number; code: string; franchiseId: string | null; categories: { key: string; weight: number; criteria: { key: string; scale: string; critical: boolean }[] }[] }

/** Every criterion of the default scorecard at its best rating, with some changed. */
const best = (card: Scorecard, changes: Record<string, number | null> = {}) =>
  card.categories.flatMap((c) => c.criteria).map((c) => ({ criterionKey: c.key, rating: c.key in changes ? changes[c.key] : ({ BINARY: 1, THREE_POINT: 3, FOUR_POINT: 4, FIVE_POINT: 5 } as Record<string, number>)[c.scale] }));

/**
 * QA reviews with the default scorecard on cases handled by east's agent: scores, the critical
 * rule, the agent's dispute answered once and final, calibration kept out of the agent's
 * figures, scorecards refused when the weights do not sum to 100, another franchise's NOT_FOUND.
 */
describe('quality: scorecards, reviews, disputes, calibration', () => {
  let app: TestApp;
  let supervisor: Caller;
  let agent: Caller;
  let owner: Caller;
  let westOwner: Caller;
  let hqQa: Caller;
  let card: Scorecard;
  let agentId: string;

  const submit = (caller: Caller, input: Record<string, unknown>) => caller.graphql<{ submitQaReview: Review }>(`mutation($i: SubmitQaReviewInput!) { submitQaReview(input: $i) { ${REVIEW} } }`, { i: input });
  /** A case opened and accepted by east's agent (its owner). */
  const agentCase = async (subject: string) => {
    const c = await openCase(agent, { subject });
    const accepted = await caseAction(agent, 'acceptCase', { id: c.id, version: c.version });
    expect(accepted.errors).toBeUndefined();
    return c;
  };

  beforeAll(async () => {
    clock.freezeAt('2031-03-31T20:00:00+08:00');
    app = await startTestApp();
    [supervisor, agent, owner, westOwner, hqQa] = (await Promise.all(['supervisor@east.demo', 'agent@east.demo', 'owner@east.demo', 'owner@west.demo', 'qa@hq.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller, Caller, Caller];
    agentId = (await must<{ me: { user: { id: string } } }>(agent, '{ me { user { id } } }')).me.user.id;
    const cards = (await must<{ qaScorecards: { nodes: { id: string; code: string }[] } }>(supervisor, '{ qaScorecards(paging: { limit: 20 }) { nodes { id code } } }')).qaScorecards.nodes;
    const id = cards.find((c) => c.code === 'default')!.id;
    card = (await must<{ qaScorecard: Scorecard }>(supervisor, 'query($id: ID!) { qaScorecard(id: $id) { id version code franchiseId categories { key weight criteria { key scale critical } } } }', { id })).qaScorecard;
    expect(card.franchiseId).toBeNull();
    expect(card.categories.map((c) => [c.key, c.weight])).toEqual([['attitude', 30], ['ability', 40], ['efficiency', 20], ['teamwork', 10]]);
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('scores a case with the default scorecard: weighted categories, N/A skipped; one counted review per case; nobody reviews their own work', async () => {
    const c = await agentCase('质检：剂量咨询');
    // problem_solving 3/5 → ability (100 + 50 + 100) / 3 = 83.3; teamwork N/A → (30·100 + 40·83.33 + 20·100) / 90
    const res = await submit(supervisor, { scorecardId: card.id, targetKind: 'CASE', targetId: c.id, ratings: best(card, { problem_solving: 3, handover: null }), comment: '解决方案不够完整', rootCauses: ['知识'] });
    expect(res.body.errors).toBeUndefined();
    const review = res.body.data!.submitQaReview;
    expect(review).toMatchObject({ status: 'SUBMITTED', agentId, targetRef: c.caseNo, criticalMisses: [] });
    expect(review.score).toBe(92.6);
    expect(review.categoryScores).toEqual([{ key: 'attitude', score: 100 }, { key: 'ability', score: 83.3 }, { key: 'efficiency', score: 100 }, { key: 'teamwork', score: null }]);

    const again = await submit(hqQa, { scorecardId: card.id, targetKind: 'CASE', targetId: c.id, ratings: best(card) });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    const own = await agentCase('质检：自评');
    const self = await submit(agent, { scorecardId: card.id, targetKind: 'CASE', targetId: own.id, ratings: best(card) });
    expect(errorCodes(self)).toEqual(['FORBIDDEN']); // agents lack quality:review
    const ownBySupervisor = await openCase(supervisor, { subject: '质检：主管自己的工单' });
    await caseAction(supervisor, 'acceptCase', { id: ownBySupervisor.id, version: ownBySupervisor.version });
    const selfReview = await submit(supervisor, { scorecardId: card.id, targetKind: 'CASE', targetId: ownBySupervisor.id, ratings: best(card) });
    expect(selfReview.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetId' });
  });

  it('a critical criterion at its lowest fails the whole review, whatever else was good', async () => {
    const c = await agentCase('质检：用药建议错误');
    const review = (await submit(supervisor, { scorecardId: card.id, targetKind: 'CASE', targetId: c.id, ratings: best(card, { accurate_advice: 0 }) })).body.data!.submitQaReview;
    expect(review.score).toBe(0);
    expect(review.criticalMisses).toEqual(['accurate_advice']);
  });

  it('refuses bad ratings with the field named, and nothing is written', async () => {
    const c = await agentCase('质检：坏评分');
    const outOfRange = await submit(supervisor, { scorecardId: card.id, targetKind: 'CASE', targetId: c.id, ratings: [{ criterionKey: 'courtesy', rating: 6 }, { criterionKey: 'nope', rating: 1 }] });
    expect(outOfRange.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((outOfRange.body.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field)).toEqual(['ratings.0.rating', 'ratings.1.criterionKey']);
    const listed = await must<{ qaReviews: { nodes: Review[] } }>(supervisor, `query($t: ID!) { qaReviews(filter: { targetId: $t }) { nodes { id } } }`, { t: c.id });
    expect(listed.qaReviews.nodes).toEqual([]);
  });

  it('the agent sees and disputes their review; the reviewer partly accepts; the result is final', async () => {
    const c = await agentCase('质检：申诉');
    const review = (await submit(supervisor, { scorecardId: card.id, targetKind: 'CASE', targetId: c.id, ratings: best(card, { timely_reply: 1, on_time_handling: 1 }) })).body.data!.submitQaReview;
    expect(review.score).toBe(80); // efficiency (0 + 0) / 2 = 0: 30 + 40 + 0 + 10
    const mine = await must<{ qaReviews: { nodes: Review[] } }>(agent, `{ qaReviews { nodes { id agentId } } }`);
    expect(mine.qaReviews.nodes.length).toBeGreaterThan(0);
    expect(mine.qaReviews.nodes.every((r) => r.agentId === agentId)).toBe(true);

    const dispute = await agent.graphql<{ disputeQaReview: Review }>(`mutation($i: DisputeQaReviewInput!) { disputeQaReview(input: $i) { ${REVIEW} } }`, {
      i: { id: review.id, version: review.version, comment: '系统故障导致回复延迟', proposedRatings: [{ criterionKey: 'timely_reply', rating: 5 }, { criterionKey: 'on_time_handling', rating: 3 }] },
    });
    expect(dispute.body.errors).toBeUndefined();
    const disputed = dispute.body.data!.disputeQaReview;
    expect(disputed.status).toBe('DISPUTED');
    expect(disputed.score).toBe(review.score); // unchanged until answered

    const resolve = (r: Review, outcome: string, ratings?: unknown[]) => supervisor.graphql<{ resolveQaDispute: Review }>(`mutation($i: ResolveQaDisputeInput!) { resolveQaDispute(input: $i) { ${REVIEW} } }`, { i: { id: r.id, version: r.version, outcome, comment: '部分采纳', ...(ratings ? { ratings } : {}) } });
    expect(errorCodes(await resolve(disputed, 'PARTLY_ACCEPTED'))).toEqual(['BAD_USER_INPUT']);
    const partly = await resolve(disputed, 'PARTLY_ACCEPTED', [{ criterionKey: 'timely_reply', rating: 3 }]);
    expect(partly.body.errors).toBeUndefined();
    const final = partly.body.data!.resolveQaDispute;
    expect(final).toMatchObject({ status: 'FINAL', disputeOutcome: 'PARTLY_ACCEPTED', scoreBeforeDispute: review.score });
    expect(final.ratings.find((r) => r.criterionKey === 'timely_reply')!.rating).toBe(3);
    expect(final.ratings.find((r) => r.criterionKey === 'on_time_handling')!.rating).toBe(1);
    expect(final.score).toBe(85); // efficiency (50 + 0) / 2 = 25 → 80 + 20 · 25 %

    // Final: no second dispute, no second answer.
    const second = await agent.graphql(`mutation($i: DisputeQaReviewInput!) { disputeQaReview(input: $i) { id } }`, { i: { id: final.id, version: final.version, comment: '再次申诉' } });
    expect(errorCodes(second)).toEqual(['INVALID_TRANSITION']);
    expect(errorCodes(await resolve(final, 'ACCEPTED'))).toEqual(['INVALID_TRANSITION']);
  });

  it('calibration: reviewers score blind, the spread shows after, and calibration scores never reach the agent’s figures', async () => {
    const c = await agentCase('质检：校准');
    const ids = await Promise.all([supervisor, owner].map(async (caller) => (await must<{ me: { user: { id: string } } }>(caller, '{ me { user { id } } }')).me.user.id));
    const created = await supervisor.graphql<{ createQaCalibrationSession: { id: string; version: number } }>(`mutation($i: CreateQaCalibrationSessionInput!) { createQaCalibrationSession(input: $i) { id version } }`, {
      i: { name: '三月校准', scorecardId: card.id, targetKind: 'CASE', targetId: c.id, reviewerIds: ids },
    });
    expect(created.body.errors).toBeUndefined();
    const session = created.body.data!.createQaCalibrationSession;
    const figures = async () => (await must<{ qaAgentScores: { agentId: string; reviews: number; averageScore: number | null }[] }>(supervisor, `query($a: ID!) { qaAgentScores(from: "2031-03-01T00:00:00+08:00", to: "2031-04-01T00:00:00+08:00", agentId: $a) { agentId reviews averageScore } }`, { a: agentId })).qaAgentScores[0];
    const before = await figures();

    const first = await submit(supervisor, { scorecardId: card.id, targetKind: 'CASE', targetId: c.id, calibrationSessionId: session.id, ratings: best(card, { courtesy: 1 }) });
    expect(first.body.errors).toBeUndefined();
    const view = `query($id: ID!) { qaCalibrationSession(id: $id) { status reviews { reviewerId score } spread { reviews min max } } }`;
    // The second reviewer has not scored: sees nobody's review and no spread.
    const blind = await must<{ qaCalibrationSession: { reviews: unknown[]; spread: unknown } }>(owner, view, { id: session.id });
    expect(blind.qaCalibrationSession).toMatchObject({ reviews: [], spread: null });
    expect((await submit(owner, { scorecardId: card.id, targetKind: 'CASE', targetId: c.id, calibrationSessionId: session.id, ratings: best(card) })).body.errors).toBeUndefined();
    const seen = await must<{ qaCalibrationSession: { reviews: { score: number }[]; spread: { reviews: number; min: number; max: number } } }>(owner, view, { id: session.id });
    expect(seen.qaCalibrationSession.reviews).toHaveLength(2);
    expect(seen.qaCalibrationSession.spread).toEqual({ reviews: 2, min: 90, max: 100 }); // courtesy 1 → attitude 66.7 → 90
    const twice = await submit(owner, { scorecardId: card.id, targetKind: 'CASE', targetId: c.id, calibrationSessionId: session.id, ratings: best(card) });
    expect(errorCodes(twice)).toEqual(['CONFLICT']);

    expect(await figures()).toEqual(before);
    const agentsView = await must<{ qaReviews: { nodes: Review[] } }>(agent, `query($t: ID!) { qaReviews(filter: { targetId: $t, calibration: true }) { nodes { id } } }`, { t: c.id });
    expect(agentsView.qaReviews.nodes).toEqual([]);
  });

  it('scorecards: weights that do not sum to 100 are refused with the field named; HQ’s shared card is read-only to a franchise', async () => {
    const categories = [
      { key: 'a', name: '态度', weight: 60, criteria: [{ key: 'a1', name: '礼貌', scale: 'FIVE_POINT' }] },
      { key: 'b', name: '能力', weight: 35, criteria: [{ key: 'b1', name: '准确', scale: 'BINARY', critical: true }] },
    ];
    const bad = await owner.graphql(`mutation($i: CreateQaScorecardInput!) { createQaScorecard(input: $i) { id } }`, { i: { code: 'east-short', name: '东区简版', categories } });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'categories.weight' });
    categories[1]!.weight = 40;
    const made = await owner.graphql<{ createQaScorecard: Scorecard }>(`mutation($i: CreateQaScorecardInput!) { createQaScorecard(input: $i) { id version code franchiseId } }`, { i: { code: 'east-short', name: '东区简版', categories } });
    expect(made.body.errors).toBeUndefined();
    const shared = await owner.graphql(`mutation($i: UpdateQaScorecardInput!) { updateQaScorecard(input: $i) { id } }`, { i: { id: card.id, version: card.version, name: '改名' } });
    expect(errorCodes(shared)).toEqual(['FORBIDDEN']);
    const stale = await owner.graphql(`mutation($i: UpdateQaScorecardInput!) { updateQaScorecard(input: $i) { id } }`, { i: { id: made.body.data!.createQaScorecard.id, version: 0, name: '改名' } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    // West sees HQ's card, not east's own.
    const westCards = await must<{ qaScorecards: { nodes: { code: string }[] } }>(westOwner, '{ qaScorecards(paging: { limit: 20 }) { nodes { code } } }');
    expect(westCards.qaScorecards.nodes.map((n) => n.code)).toEqual(['default']);
  });

  it('another franchise’s review, case and session are NOT_FOUND', async () => {
    const c = await agentCase('质检：隔离');
    const review = (await submit(supervisor, { scorecardId: card.id, targetKind: 'CASE', targetId: c.id, ratings: best(card) })).body.data!.submitQaReview;
    expect(await must(westOwner, `query($id: ID!) { qaReview(id: $id) { id } }`, { id: review.id })).toEqual({ qaReview: null });
    expect(errorCodes(await submit(westOwner, { scorecardId: card.id, targetKind: 'CASE', targetId: c.id, ratings: best(card) }))).toEqual(['NOT_FOUND']);
    const resolve = await westOwner.graphql(`mutation($i: ResolveQaDisputeInput!) { resolveQaDispute(input: $i) { id } }`, { i: { id: review.id, version: review.version, outcome: 'REJECTED', comment: 'x' } });
    expect(errorCodes(resolve)).toEqual(['NOT_FOUND']);
  });
});
