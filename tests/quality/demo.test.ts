import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn } from '../support/actors';
import { must } from '../inventory/support';

jest.setTimeout(180_000);

interface KpiRow { key: string | null; label: string | null; offered: number; answerRate: number | null; answerRateBelowTarget: boolean }

/** The demo's calls and QA reviews (seeds/src/demo/calls.ts), seeded relative to the clock, through the services. */
describe('demo calls and quality reviews', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  }, 180_000);
  afterAll(() => app.stop());

  it('each franchise has weeks of calls with an agent under the answer-rate target, reviews, one dispute answered and one waiting', async () => {
    for (const key of ['east', 'west']) {
      const supervisor = await signIn(app, `supervisor@${key}.demo`);
      const staff = await must<{ staffUsers: { nodes: { id: string; email: string }[] } }>(supervisor, '{ staffUsers(paging: { limit: 100 }) { nodes { id email } } }');
      const id = (local: string) => staff.staffUsers.nodes.find((s) => s.email === `${local}@${key}.demo`)!.id;
      const day = (ms: number) => new Date(clock.now().getTime() + ms + 8 * 3_600_000).toISOString().slice(0, 10);
      const kpis = (await must<{ callKpis: { rows: KpiRow[] } }>(supervisor, 'query($f: String!, $t: String!) { callKpis(input: { from: $f, to: $t, period: MONTH, groupBy: AGENT }) { rows { key label offered answerRate answerRateBelowTarget } } }', { f: day(-60 * 86_400_000), t: day(0) })).callKpis.rows;
      const of = (agent: string) => kpis.filter((r) => r.key === agent);
      expect(of(id('agent2')).some((r) => r.offered > 5 && r.answerRateBelowTarget)).toBe(true);
      expect(of(id('agent')).every((r) => !r.answerRateBelowTarget)).toBe(true);

      const reviews = (await must<{ qaReviews: { nodes: { agentId: string; status: string; targetKind: string; disputeOutcome: string | null }[] } }>(supervisor, '{ qaReviews(paging: { limit: 200 }) { nodes { agentId status targetKind disputeOutcome } } }')).qaReviews.nodes.filter((r) => r.targetKind === 'CALL');
      expect(new Set(reviews.map((r) => r.agentId))).toEqual(new Set([id('agent'), id('agent2')]));
      expect(reviews.filter((r) => r.status === 'DISPUTED')).toHaveLength(1);
      expect(reviews.filter((r) => r.disputeOutcome === 'PARTLY_ACCEPTED')).toHaveLength(1);
      const queue = (await must<{ qaReviewQueue: { items: { marked: boolean }[] } }>(supervisor, 'query($w: String!) { qaReviewQueue(week: $w, includeReviewed: true) { items { marked } } }', { w: day(-7 * 86_400_000) })).qaReviewQueue;
      expect(queue.items.length).toBeGreaterThan(0);
    }
  });

  it('each franchise has a survey plan and a sales plan with tasks called, not interested with reasons, follow-ups and pending', async () => {
    for (const key of ['east', 'west']) {
      const supervisor = await signIn(app, `supervisor@${key}.demo`);
      const agent = await signIn(app, `agent@${key}.demo`);
      const plans = (await must<{ outboundPlans: { nodes: { id: string; name: string; purpose: string; targetCount: number }[] } }>(supervisor, '{ outboundPlans(paging: { limit: 50 }) { nodes { id name purpose targetCount } } }')).outboundPlans.nodes;
      expect(plans.map((p) => p.purpose).sort()).toEqual(['SALES', 'SURVEY']);
      for (const plan of plans) {
        expect(plan.targetCount).toBe(10);
        const progress = (await must<{ outboundPlanProgress: { totals: { targets: number; done: number; reached: number; converted: number; openFollowUps: number }; byAgent: { done: number }[]; noInterestReasons: { reason: string; count: number }[] } }>(supervisor, 'query($p: ID!) { outboundPlanProgress(planId: $p) { totals { targets done reached converted openFollowUps } byAgent { done } noInterestReasons { reason count } } }', { p: plan.id })).outboundPlanProgress;
        expect(progress.totals.targets).toBe(10);
        expect(progress.totals.done).toBeGreaterThanOrEqual(6);
        expect(progress.totals.done).toBeLessThan(10); // some still pending
        expect(progress.totals.converted).toBeGreaterThanOrEqual(2);
        expect(progress.totals.reached).toBeGreaterThan(progress.totals.converted);
        expect(progress.totals.openFollowUps).toBe(1);
        expect(progress.byAgent.every((a) => a.done > 0)).toBe(true);
        expect(progress.noInterestReasons.length).toBeGreaterThan(0);
      }
      // The agent's own tasks: pending ones to call (and a follow-up among them), done ones with their call.
      const tasks = (await must<{ outboundTasks: { nodes: { state: string; outcome: string | null; followUpOfId: string | null; call: { state: string } | null }[] } }>(agent, 'query($a: ID!) { outboundTasks(filter: { assigneeId: { eq: $a } }, paging: { limit: 100 }) { nodes { state outcome followUpOfId call { state } } } }', { a: agent.tokens.user.id })).outboundTasks.nodes;
      expect(tasks.some((t) => t.state === 'OPEN' && !t.followUpOfId)).toBe(true);
      expect(tasks.some((t) => t.state === 'OPEN' && t.followUpOfId)).toBe(true);
      expect(tasks.filter((t) => t.state === 'DONE').every((t) => t.call && t.outcome)).toBe(true);
    }
  });
});
