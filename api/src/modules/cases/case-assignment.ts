import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../core/errors';
import { AgentAvailability, CaseSettings } from './queue.entity';
import { enabledPluginsFor } from '../../core/plugins/enablement';
import type { Case } from './case.entity';

/** An online agent who could take a case: their open load and capacity. */
export interface AssignmentCandidate {
  staffUserId: string;
  openCases: number;
  capacity: number;
}

/**
 * The assignment extension point: a rule picks who gets a new case from the online
 * agents with room left (or nobody: it stays in the queue to be claimed). Core registers
 * round_robin and least_loaded (through the core plugin); plugins add rules for the
 * franchises that enable them.
 */
export interface AssignmentRule {
  name: string;
  description: string;
  pick(args: { c: Case; candidates: AssignmentCandidate[]; settings: CaseSettings }): string | null;
}

/** Core's rules, contributed through the core plugin like any plugin's. */
export const roundRobinRule: AssignmentRule = {
  name: 'round_robin',
  description: 'Online agents in turn (by id), skipping anyone at capacity.',
  pick: ({ candidates, settings }) => {
    const ordered = [...candidates].sort((a, b) => a.staffUserId.localeCompare(b.staffUserId));
    const next = ordered.find((a) => settings.lastAssignedStaffId && a.staffUserId > settings.lastAssignedStaffId) ?? ordered[0];
    return next?.staffUserId ?? null;
  },
};

export const leastLoadedRule: AssignmentRule = {
  name: 'least_loaded',
  description: 'The online agent with the lowest share of their capacity in use.',
  pick: ({ candidates }) =>
    [...candidates].sort((a, b) => a.openCases / a.capacity - b.openCases / b.capacity || a.staffUserId.localeCompare(b.staffUserId))[0]?.staffUserId ?? null,
};

/** The rules a franchise may use: core's and those of the plugins it enabled. */
async function rulesFor(em: EntityManager, franchiseId: string): Promise<Map<string, AssignmentRule>> {
  const enabled = await enabledPluginsFor(em, franchiseId);
  return new Map(enabled.flatMap((e) => (e.plugin.assignmentRules ?? []).map((r) => [r.name, r] as const)));
}

export async function checkAssignmentRule(em: EntityManager, franchiseId: string, field: string, name: string): Promise<void> {
  const rules = await rulesFor(em, franchiseId);
  if (name !== 'manual' && !rules.has(name)) throw new BadUserInputError({ field, message: `unknown rule ${name} for this franchise; known: ${['manual', ...rules.keys()].join(', ')}` });
}

/** The queue a new case waits in: the first route of the franchise's enabled plugins that takes it, else general. */
export async function queueFor(em: EntityManager, c: Case): Promise<string> {
  for (const { plugin, options } of await enabledPluginsFor(em, c.franchiseId))
    for (const route of plugin.caseRoutes ?? []) if (route.when(c, options)) return route.queue;
  return 'general';
}

/**
 * Runs the franchise's assignment rule for a new case; returns the chosen agent or null.
 * The settings row is locked so concurrent cases of one franchise take turns in order.
 */
export async function autoAssign(em: EntityManager, c: Case): Promise<string | null> {
  const configured = await em.findOne(CaseSettings, { franchiseId: c.franchiseId });
  // A plugin's rule stops applying when the franchise disables the plugin: cases then wait to be claimed.
  const rule = configured && (await rulesFor(em, c.franchiseId)).get(configured.assignmentRule);
  if (!rule) return null;
  const settings = (await em.findOne(CaseSettings, { franchiseId: c.franchiseId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }))!;
  const rows = await em.execute<{ staff_user_id: string; capacity: number; open_cases: string }[]>(
    `select p.staff_user_id, p.capacity,
            (select count(*) from service_case s where s.franchise_id = p.franchise_id and s.owner_id = p.staff_user_id and s.stage in ('NEW', 'OPEN', 'PENDING_CUSTOMER')) as open_cases
       from agent_presence p
      where p.franchise_id = ? and p.availability = ?`,
    [c.franchiseId, AgentAvailability.ONLINE],
  );
  const candidates = rows
    .map((r) => ({ staffUserId: r.staff_user_id, capacity: r.capacity, openCases: Number(r.open_cases) }))
    .filter((r) => r.openCases < r.capacity);
  const chosen = candidates.length ? rule.pick({ c, candidates, settings }) : null;
  // The turn is bookkeeping, not a settings change: written without bumping the version, so a
  // supervisor editing the settings is not told of a conflict each time a case is dealt out.
  if (chosen) await em.execute('update case_settings set last_assigned_staff_id = ? where franchise_id = ?', [chosen, c.franchiseId]);
  return chosen;
}
