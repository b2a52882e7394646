import type { BoardCase } from '../../types';

export interface BoardFilters {
  priorities: string[];
  types: string[];
  vipOnly: boolean;
  assignee: 'all' | 'mine' | 'unassigned';
  text: string;
}

export const EMPTY_FILTERS: BoardFilters = { priorities: [], types: [], vipOnly: false, assignee: 'all', text: '' };

export function matches(item: BoardCase, filters: BoardFilters, myId: string | undefined): boolean {
  if (filters.priorities.length && !filters.priorities.includes(item.priority)) return false;
  if (filters.types.length && !filters.types.includes(item.type)) return false;
  if (filters.vipOnly && !item.isVip) return false;
  if (filters.assignee === 'mine' && item.ownerId !== myId) return false;
  if (filters.assignee === 'unassigned' && item.ownerId) return false;
  const text = filters.text.trim().toLowerCase();
  if (text && ![item.caseNo, item.subject, item.customer?.name ?? ''].some((v) => v.toLowerCase().includes(text))) return false;
  return true;
}

/** The same filters as a CaseFilter the API stores in a saved view (free text stays on the board). */
export function toCaseFilter(filters: BoardFilters, myId: string | undefined): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (filters.priorities.length) filter.priority = { in: filters.priorities };
  if (filters.types.length) filter.type = { in: filters.types };
  if (filters.vipOnly) filter.isVip = { is: true };
  if (filters.assignee === 'mine' && myId) filter.ownerId = { eq: myId };
  if (filters.assignee === 'unassigned') filter.ownerId = { is: null };
  return filter;
}

export type GroupBy = 'stage' | 'queue' | 'sla';
const STAGE_ORDER = ['NEW', 'OPEN', 'PENDING_CUSTOMER', 'RESOLVED', 'CLOSED'];
const SLA_ORDER = ['BREACHED', 'WARNING', 'OK', 'NONE'];
const PRIORITY_RANK: Record<string, number> = { URGENT: 0, HIGH: 1, NORMAL: 2, LOW: 3 };

/** Columns in a stable order, cases by SLA due time (soonest first), then priority. */
export function groupCases(cases: BoardCase[], by: GroupBy): { key: string; cases: BoardCase[] }[] {
  const keyOf = (c: BoardCase) => (by === 'stage' ? c.stage : by === 'queue' ? c.queue : c.slaStatus);
  const groups = new Map<string, BoardCase[]>();
  const fixed = by === 'stage' ? STAGE_ORDER.slice(0, 3) : by === 'sla' ? SLA_ORDER : ['general'];
  for (const key of fixed) groups.set(key, []);
  for (const c of cases) {
    const key = keyOf(c);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(c);
  }
  const order = by === 'stage' ? STAGE_ORDER : by === 'sla' ? SLA_ORDER : [];
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const due = (c: BoardCase) => (c.slaDueAt ? Date.parse(c.slaDueAt) : Number.MAX_SAFE_INTEGER);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, list]) => ({ key, cases: list.sort((a, b) => due(a) - due(b) || (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9)) }));
}
