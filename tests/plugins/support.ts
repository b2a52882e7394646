import type { Caller } from '../support/actors';
import { caseAction, type CaseRow } from '../cases/support';

export const CASE_WITH_ACTIONS = 'id caseNo version state stage queue ownerId franchiseId slaDueAt createdAt allowedActions { action blockedReason }';

/** The demo franchises' ids, read by HQ. */
export async function franchiseIds(hq: Caller): Promise<{ east: string; west: string }> {
  const res = await hq.graphql<{ franchises: { nodes: { id: string; code: string }[] } }>('{ franchises(paging: { limit: 50 }) { nodes { id code } } }');
  const byCode = Object.fromEntries(res.body.data!.franchises.nodes.map((f) => [f.code.toLowerCase(), f.id]));
  return { east: byCode.east!, west: byCode.west! };
}

export async function enablePlugin(caller: Caller, franchiseId: string, plugin: string, options?: Record<string, unknown>) {
  return caller.graphql<{ enablePlugin: { id: string; version: number; enabled: boolean; options: Record<string, unknown> } }>(
    'mutation($i: EnablePluginInput!) { enablePlugin(input: $i) { id version enabled options ownerMayManage } }',
    { i: { franchiseId, plugin, options } },
  );
}

export async function disablePlugin(caller: Caller, franchiseId: string, plugin: string) {
  return caller.graphql<{ disablePlugin: { id: string; enabled: boolean } }>('mutation($i: DisablePluginInput!) { disablePlugin(input: $i) { id enabled } }', { i: { franchiseId, plugin } });
}

export async function getCase(caller: Caller, id: string) {
  const res = await caller.graphql<{ case: CaseRow & { queue: string; allowedActions: { action: string; blockedReason: string | null }[]; refundApprovals?: unknown[] } }>(`query($id: ID!) { case(id: $id) { ${CASE_WITH_ACTIONS} } }`, { id });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data!.case;
}

/** Runs a workflow action that must succeed. */
export async function must(caller: Caller, mutation: string, input: Record<string, unknown>): Promise<CaseRow> {
  const res = await caseAction(caller, mutation, input);
  if (res.errors) throw new Error(`${mutation}: ${JSON.stringify(res.errors)}`);
  return res.data!;
}

/** Opens a complaint and takes it to INVESTIGATING as `agent`. */
export async function investigatingComplaint(agent: Caller, open: (caller: Caller, input?: Record<string, unknown>) => Promise<CaseRow>, input: Record<string, unknown> = {}): Promise<CaseRow> {
  const c = await open(agent, input);
  await must(agent, 'acceptCase', { id: c.id });
  return must(agent, 'startCaseInvestigation', { id: c.id });
}
