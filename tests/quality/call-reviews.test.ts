import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { apiKeyCaller, errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { postEvents } from '../calls/support';

jest.setTimeout(180_000);

interface QueueItem { callId: string; marked: boolean; sampled: boolean; carriedOver: boolean; reviewId: string | null; call: { id: string; agentId: string | null; state: string; reviewReason: string | null; agent: { id: string } | null } }
interface Queue { weekStart: string; perAgent: number; items: QueueItem[] }
interface Scorecard { id: string; categories: { criteria: { key: string; scale: string }[] }[] }

const QUEUE = `query($w: String!, $n: Int, $r: Boolean) { qaReviewQueue(week: $w, perAgent: $n, includeReviewed: $r) { weekStart perAgent items { callId marked sampled carriedOver reviewId call { id agentId state reviewReason agent { id } } } } }`;
const TOP: Record<string, number> = { BINARY: 1, THREE_POINT: 3, FOUR_POINT: 4, FIVE_POINT: 5 };

/**
 * QA reviews of calls: the review names the call's agent; the weekly queue lists the calls marked
 * for review and a sample of each agent's answered calls, the same calls for the same week;
 * reviewed calls leave it; another franchise's call is NOT_FOUND.
 */
describe('quality: reviews of calls and the review queue', () => {
  let app: TestApp;
  let supervisor: Caller;
  let agent: Caller;
  let owner: Caller;
  let westOwner: Caller;
  let agentId: string;
  let card: Scorecard;
  let answered: { id: string; version: number }[];
  let missed: { id: string; version: number };
  let lastWeek: { id: string; version: number };
  let westCall: { id: string };

  const queue = (caller: Caller, week: string, perAgent?: number, includeReviewed?: boolean) => caller.graphql<{ qaReviewQueue: Queue }>(QUEUE, { w: week, n: perAgent, r: includeReviewed });
  const ratings = () => card.categories.flatMap((c) => c.criteria).map((c) => ({ criterionKey: c.key, rating: TOP[c.scale] }));
  const submit = (caller: Caller, callId: string) =>
    caller.graphql<{ submitQaReview: { id: string; agentId: string; targetKind: string; targetRef: string; score: number } }>(
      `mutation($i: SubmitQaReviewInput!) { submitQaReview(input: $i) { id agentId targetKind targetRef score } }`,
      { i: { scorecardId: card.id, targetKind: 'CALL', targetId: callId, ratings: ratings() } },
    );

  beforeAll(async () => {
    // Wednesday 11 June 2031 in Shanghai: the week runs from Monday 9 June.
    clock.freezeAt('2031-06-11T15:00:00+08:00');
    app = await startTestApp();
    [supervisor, agent, owner, westOwner] = (await Promise.all(['supervisor@east.demo', 'agent@east.demo', 'owner@east.demo', 'owner@west.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller, Caller];
    const staff = await must<{ staffUsers: { nodes: { id: string; version: number }[] } }>(owner, '{ staffUsers(filter: { email: { eq: "agent@east.demo" } }) { nodes { id version } } }');
    agentId = staff.staffUsers.nodes[0]!.id;
    await must(owner, 'mutation($id: ID!, $v: Int!) { updateOneStaffUser(input: { id: $id, version: $v, update: { workNo: "8031" } }) { id } }', { id: agentId, v: staff.staffUsers.nodes[0]!.version });
    const cardId = (await must<{ qaScorecards: { nodes: { id: string; code: string }[] } }>(supervisor, '{ qaScorecards(paging: { limit: 20 }) { nodes { id code } } }')).qaScorecards.nodes.find((c) => c.code === 'default')!.id;
    card = (await must<{ qaScorecard: Scorecard }>(supervisor, 'query($id: ID!) { qaScorecard(id: $id) { id categories { criteria { key scale } } } }', { id: cardId })).qaScorecard;

    const partner = await apiKeyCaller(app, owner, { permissions: ['call:ingest'] });
    const ended = (callId: string, offeredAt: string) => {
      const at = new Date(offeredAt).getTime();
      const iso = (s: number) => new Date(at + s * 1000).toISOString();
      return { callId, direction: 'INBOUND', callerNumber: '13900001111', calleeNumber: '4008001234', offeredAt, state: 'ENDED', occurredAt: iso(130), answeredAt: iso(10), endedAt: iso(130), agentWorkNo: '8031' };
    };
    // Six answered calls of the agent this week (Monday morning to Wednesday, local), one missed, one of last Sunday night.
    const week = ['2031-06-09T09:00:00+08:00', '2031-06-09T10:00:00+08:00', '2031-06-09T23:30:00+08:00', '2031-06-10T09:00:00+08:00', '2031-06-10T14:00:00+08:00', '2031-06-11T09:00:00+08:00'];
    const posted = await postEvents(partner, [
      ...week.map((t, i) => ended(`qa-week-${i}`, t)),
      { callId: 'qa-missed', direction: 'INBOUND', callerNumber: '13900002222', calleeNumber: '4008001234', offeredAt: '2031-06-10T11:00:00+08:00', state: 'MISSED', occurredAt: '2031-06-10T11:00:30+08:00', endedAt: '2031-06-10T11:00:30+08:00' },
      ended('qa-last-week', '2031-06-08T23:30:00+08:00'),
    ]);
    expect(posted.rejected).toEqual([]);
    const byId = new Map(posted.calls.map((c) => [c.partnerCallId, c]));
    answered = week.map((_, i) => byId.get(`qa-week-${i}`)!);
    expect(week.map((_, i) => byId.get(`qa-week-${i}`)!.agentId)).toEqual(week.map(() => agentId));
    missed = byId.get('qa-missed')!;
    lastWeek = byId.get('qa-last-week')!;

    const westPartner = await apiKeyCaller(app, westOwner, { permissions: ['call:ingest'] });
    westCall = (await postEvents(westPartner, [{ ...ended('qa-west', '2031-06-10T10:00:00+08:00'), agentWorkNo: null }])).calls[0]!;
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('the queue: marked calls and a sample of each agent’s answered calls of the week, the same calls for any day of the week', async () => {
    const marked = answered[5]!;
    const mark = await supervisor.graphql(`mutation($id: ID!, $v: Int!) { markCallForReview(input: { id: $id, version: $v, reason: "客户投诉态度" }) { id } }`, { id: marked.id, v: marked.version });
    expect(mark.body.errors).toBeUndefined();
    const missedMark = await supervisor.graphql(`mutation($id: ID!, $v: Int!) { markCallForReview(input: { id: $id, version: $v, reason: "未接听" }) { id } }`, { id: missed.id, v: missed.version });
    expect(missedMark.body.errors).toBeUndefined();

    const res = await queue(supervisor, '2031-06-11');
    expect(res.body.errors).toBeUndefined();
    const q = res.body.data!.qaReviewQueue;
    expect([q.weekStart, q.perAgent]).toEqual(['2031-06-09', 3]);
    // Calls marked in earlier weeks (the demo's, still unreviewed) come after this week's, carried over.
    const ids = q.items.filter((i) => !i.carriedOver).map((i) => i.callId);
    expect(q.items.findIndex((i) => i.carriedOver)).not.toBeLessThan(2);
    // Marked ones first (the missed call is marked too, though it is never drawn), with the reason on the call.
    expect(q.items.filter((i) => i.marked && !i.carriedOver).map((i) => i.callId).sort()).toEqual([marked.id, missed.id].sort());
    expect(q.items.find((i) => i.callId === missed.id)).toMatchObject({ sampled: false, call: { state: 'MISSED', agentId: null } });
    expect(q.items.find((i) => i.callId === marked.id)!.call).toMatchObject({ reviewReason: '客户投诉态度', agent: { id: agentId } });
    const sampled = q.items.filter((i) => i.sampled);
    expect(sampled).toHaveLength(3);
    expect(sampled.every((i) => answered.some((a) => a.id === i.callId))).toBe(true);
    expect(ids).not.toContain(lastWeek.id); // Sunday 23:30 local belongs to the week before
    expect(ids.slice(0, 2).sort()).toEqual([marked.id, missed.id].sort());

    // Deterministic: the Monday and a reload draw the same calls.
    for (const day of ['2031-06-09', '2031-06-15']) {
      const again = (await must<{ qaReviewQueue: Queue }>(supervisor, QUEUE, { w: day })).qaReviewQueue;
      expect(again.items.filter((i) => i.sampled).map((i) => i.callId)).toEqual(sampled.map((i) => i.callId));
    }
    const more = (await must<{ qaReviewQueue: Queue }>(supervisor, QUEUE, { w: '2031-06-11', n: 10 })).qaReviewQueue;
    expect(more.items.filter((i) => i.sampled).map((i) => i.callId).sort()).toEqual(answered.map((a) => a.id).sort());
    const none = (await must<{ qaReviewQueue: Queue }>(supervisor, QUEUE, { w: '2031-06-11', n: 0 })).qaReviewQueue;
    expect(none.items.filter((i) => !i.carriedOver).map((i) => i.callId).sort()).toEqual([marked.id, missed.id].sort());
    const before = (await must<{ qaReviewQueue: Queue }>(supervisor, QUEUE, { w: '2031-06-02' })).qaReviewQueue;
    expect(before.items.filter((i) => !i.carriedOver).map((i) => i.callId)).toEqual([lastWeek.id]);
  });

  it('a review of a call names the call’s agent; the call leaves the queue unless asked for; a call nobody answered has no agent to review', async () => {
    const target = answered[5]!;
    const res = await submit(supervisor, target.id);
    expect(res.body.errors).toBeUndefined();
    const review = res.body.data!.submitQaReview;
    expect(review).toMatchObject({ agentId, targetKind: 'CALL', score: 100 });
    expect(review.targetRef).toBe('来电 13900001111 · qa-week-5');
    expect(errorCodes(await submit(owner, target.id))).toEqual(['CONFLICT']);

    const open = (await must<{ qaReviewQueue: Queue }>(supervisor, QUEUE, { w: '2031-06-11' })).qaReviewQueue;
    expect(open.items.map((i) => i.callId)).not.toContain(target.id);
    const all = (await must<{ qaReviewQueue: Queue }>(supervisor, QUEUE, { w: '2031-06-11', r: true })).qaReviewQueue;
    expect(all.items.find((i) => i.callId === target.id)).toMatchObject({ marked: true, reviewId: review.id });

    const mine = await must<{ qaReviews: { nodes: { id: string; targetKind: string }[] } }>(agent, `{ qaReviews(filter: { targetKind: CALL }) { nodes { id targetKind } } }`);
    expect(mine.qaReviews.nodes.map((n) => n.id)).toContain(review.id);

    const noAgent = await submit(supervisor, missed.id);
    expect(noAgent.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetId' });
    expect(noAgent.body.errors?.[0]?.message).toMatch(/no agent to review/);
  });

  it('the form’s live score is the saved review’s score (the same rule); bad ratings are refused there too; reviews by a reviewer', async () => {
    const ratings = card.categories.flatMap((c) => c.criteria).map((c) => ({ criterionKey: c.key, rating: c.key === 'timely_reply' ? 1 : c.key === 'problem_solving' ? 3 : c.key === 'handover' ? null : TOP[c.scale] }));
    const preview = await must<{ qaScorePreview: { score: number; categoryScores: { key: string; score: number | null }[]; criticalMisses: string[] } }>(supervisor, `query($s: ID!, $r: [QaRatingInput!]!) { qaScorePreview(scorecardId: $s, ratings: $r) { score criticalMisses categoryScores { key score } } }`, { s: card.id, r: ratings });
    const saved = await supervisor.graphql<{ submitQaReview: { score: number; categoryScores: { key: string; score: number | null }[] } }>(`mutation($i: SubmitQaReviewInput!) { submitQaReview(input: $i) { score categoryScores { key score } } }`, { i: { scorecardId: card.id, targetKind: 'CALL', targetId: answered[1]!.id, ratings } });
    expect(saved.body.errors).toBeUndefined();
    expect(preview.qaScorePreview).toEqual({ ...saved.body.data!.submitQaReview, criticalMisses: [] });
    expect(preview.qaScorePreview.score).toBe(81.5); // attitude 100, ability (100 + 50 + 100) / 3, efficiency (0 + 100) / 2, teamwork N/A: (3000 + 3333.3 + 1000) / 90
    const critical = await must<{ qaScorePreview: { score: number; criticalMisses: string[] } }>(supervisor, `query($s: ID!) { qaScorePreview(scorecardId: $s, ratings: [{ criterionKey: "no_misconduct", rating: 0 }, { criterionKey: "courtesy", rating: 5 }]) { score criticalMisses } }`, { s: card.id });
    expect(critical.qaScorePreview).toEqual({ score: 0, criticalMisses: ['no_misconduct'] });
    const bad = await supervisor.graphql(`query($s: ID!) { qaScorePreview(scorecardId: $s, ratings: [{ criterionKey: "courtesy", rating: 9 }]) { score } }`, { s: card.id });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ratings.0.rating' });
    const supervisorId = (await must<{ me: { user: { id: string } } }>(supervisor, '{ me { user { id } } }')).me.user.id;
    const byOwner = await must<{ qaReviews: { nodes: { reviewerId: string }[] } }>(owner, `query($r: ID!) { qaReviews(filter: { reviewerId: $r }) { nodes { reviewerId } } }`, { r: supervisorId });
    expect(byOwner.qaReviews.nodes.length).toBeGreaterThanOrEqual(2);
    expect(byOwner.qaReviews.nodes.every((n) => n.reviewerId === supervisorId)).toBe(true);
  });

  it('bad queue input is refused with the field named; agents have no queue', async () => {
    const badWeek = await queue(supervisor, '2031-02-30');
    expect(badWeek.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'week' });
    const tooMany = await queue(supervisor, '2031-06-11', 21);
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'perAgent' });
    expect(errorCodes(await queue(agent, '2031-06-11'))).toEqual(['FORBIDDEN']);
  });

  it('another franchise’s call is NOT_FOUND to review, and never in the queue', async () => {
    expect(errorCodes(await submit(supervisor, westCall.id))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await submit(westOwner, answered[0]!.id))).toEqual(['NOT_FOUND']);
    const west = (await must<{ qaReviewQueue: Queue }>(westOwner, QUEUE, { w: '2031-06-11', n: 20, r: true })).qaReviewQueue;
    expect(west.items.map((i) => i.callId)).not.toContain(answered[0]!.id);
    const east = (await must<{ qaReviewQueue: Queue }>(supervisor, QUEUE, { w: '2031-06-11', n: 20, r: true })).qaReviewQueue;
    expect(east.items.map((i) => i.callId)).not.toContain(westCall.id);
  });

  it('a call marked for review stays in every later week’s queue until it is reviewed (a missed call, with no agent, only in its own week)', async () => {
    // Last Sunday night's call, marked now (Wednesday): its own week lists it marked, this week and next carry it over.
    await must(supervisor, `mutation($id: ID!, $v: Int!) { markCallForReview(input: { id: $id, version: $v, reason: "上周投诉" }) { id } }`, { id: lastWeek.id, v: lastWeek.version });
    const own = (await must<{ qaReviewQueue: Queue }>(supervisor, QUEUE, { w: '2031-06-02' })).qaReviewQueue;
    expect(own.items.find((i) => i.callId === lastWeek.id)).toMatchObject({ marked: true, carriedOver: false });
    for (const week of ['2031-06-11', '2031-06-18', '2031-09-01']) {
      const q = (await must<{ qaReviewQueue: Queue }>(supervisor, QUEUE, { w: week })).qaReviewQueue;
      expect(q.items.find((i) => i.callId === lastWeek.id)).toMatchObject({ marked: true, sampled: false, carriedOver: true, call: { reviewReason: '上周投诉', agent: { id: agentId } } });
      expect(q.items.map((i) => i.callId)).not.toContain(westCall.id);
      if (week !== '2031-06-11') expect(q.items.map((i) => i.callId)).not.toContain(missed.id);
    }
    // Reviewed: gone from every queue but its own week's with includeReviewed.
    expect((await submit(supervisor, lastWeek.id)).body.errors).toBeUndefined();
    for (const week of ['2031-06-11', '2031-06-18']) {
      for (const r of [false, true]) {
        const q = (await must<{ qaReviewQueue: Queue }>(supervisor, QUEUE, { w: week, r })).qaReviewQueue;
        expect(q.items.map((i) => i.callId)).not.toContain(lastWeek.id);
      }
    }
    const after = (await must<{ qaReviewQueue: Queue }>(supervisor, QUEUE, { w: '2031-06-02', r: true })).qaReviewQueue;
    expect(after.items.find((i) => i.callId === lastWeek.id)).toMatchObject({ marked: true, carriedOver: false });
    expect(after.items.find((i) => i.callId === lastWeek.id)!.reviewId).toBeTruthy();
  });
});
