import { clock } from '@pharmadesk/api';
import { apiKeyCaller, signIn } from '../actors';
import type { AuditScenario } from './index';

/** Calls: a telephony partner's key posts a call's events, the owner logs a call by hand and edits it: every call mutation once, and the franchise's KPI targets set; an outbound plan made, extended and its first task worked. */
export const callsAuditScenario: AuditScenario = async ({ app, owner, run }) => {
  const partner = await apiKeyCaller(app, owner, { permissions: ['call:ingest'] });
  const at = new Date(clock.now().getTime() - 3_600_000).toISOString();
  await run(partner, 'recordCallEvents', 'mutation($at: DateTime!) { recordCallEvents(input: { events: [{ callId: "audit-1", occurredAt: $at, state: RINGING, direction: INBOUND, callerNumber: "13800000000", calleeNumber: "4008000000", offeredAt: $at }] }) { applied } }', { at });
  const call = await run(owner, 'logCall', 'mutation($at: DateTime!) { logCall(input: { direction: OUTBOUND, number: "13800000000", offeredAt: $at, answeredAt: $at, endedAt: $at, disposition: "回访" }) { id version } }', { at });
  await run(owner, 'updateCallSettings', 'mutation { updateCallSettings(input: { answerRateTarget: 0.85 }) { version } }');
  const updated = await run(owner, 'updateCall', 'mutation($id: ID!, $v: Int!) { updateCall(input: { id: $id, version: $v, update: { note: "审计" } }) { id version } }', { id: call.id, v: call.version });
  await run(owner, 'markCallForReview', 'mutation($id: ID!, $v: Int!) { markCallForReview(input: { id: $id, version: $v, reason: "审计抽检" }) { id } }', { id: updated.id, v: updated.version });
  // The quality team scores the marked call (the owner logged it: the supervisor reviews).
  const supervisor = await signIn(app, 'supervisor@east.demo');
  const cards = await supervisor.graphql<{ qaScorecards: { nodes: { id: string; code: string }[] } }>('{ qaScorecards(paging: { limit: 20 }) { nodes { id code } } }');
  const card = cards.body.data!.qaScorecards.nodes.find((c) => c.code === 'default')!;
  // An outbound plan for the owner with one customer, a second customer added, the first task's call and outcome.
  const me = (await owner.graphql<{ me: { user: { id: string } } }>('{ me { user { id } } }')).body.data!.me.user.id;
  const customers = (await owner.graphql<{ customers: { nodes: { id: string }[] } }>('{ customers(paging: { limit: 2 }) { nodes { id } } }')).body.data!.customers.nodes;
  const deadline = new Date(clock.now().getTime() + 7 * 86_400_000).toISOString();
  const plan = await run(owner, 'createOutboundPlan', 'mutation($a: ID!, $c: ID!, $d: DateTime!) { createOutboundPlan(input: { name: "审计外呼", purpose: SURVEY, goal: "审计", assigneeIds: [$a], deadline: $d, targets: { customerIds: [$c] } }) { id } }', { a: me, c: customers[0]!.id, d: deadline });
  await run(owner, 'addOutboundTargets', 'mutation($p: ID!, $c: ID!) { addOutboundTargets(input: { planId: $p, targets: { customerIds: [$c] } }) { created } }', { p: plan.id, c: customers[1]!.id });
  const tasks = (await owner.graphql<{ outboundTasks: { nodes: { id: string; version: number }[] } }>('query($p: ID!) { outboundTasks(filter: { planId: { eq: $p } }, sorting: [{ field: seq, direction: ASC }]) { nodes { id version } } }', { p: plan.id })).body.data!.outboundTasks.nodes;
  await run(owner, 'recordOutboundOutcome', 'mutation($id: ID!, $v: Int!, $at: DateTime!) { recordOutboundOutcome(input: { id: $id, version: $v, outcome: UNREACHED, call: { offeredAt: $at } }) { id } }', { id: tasks[0]!.id, v: tasks[0]!.version, at });
  await run(supervisor, 'submitQaReview', 'mutation($s: ID!, $c: ID!) { submitQaReview(input: { scorecardId: $s, targetKind: CALL, targetId: $c, ratings: [{ criterionKey: "courtesy", rating: 4 }], comment: "审计：通话质检" }) { id } }', { s: card.id, c: updated.id });
};
