import type { BoardCase } from '../../types';

export interface BoardFilters {
  priorities: string[];
  types: string[];
  vipOnly: boolean;
  /** all, mine, unassigned, or one staff member's id (supervisors filter by agent). */
  assignee: 'all' | 'mine' | 'unassigned' | (string & {});
  text: string;
}

export const EMPTY_FILTERS: BoardFilters = { priorities: [], types: [], vipOnly: false, assignee: 'all', text: '' };

export function matches(item: BoardCase, filters: BoardFilters, myId: string | undefined): boolean {
  if (filters.priorities.length && !filters.priorities.includes(item.priority)) return false;
  if (filters.types.length && !filters.types.includes(item.type)) return false;
  if (filters.vipOnly && !item.isVip) return false;
  if (filters.assignee === 'mine' && item.ownerId !== myId) return false;
  if (filters.assignee === 'unassigned' && item.ownerId) return false;
  if (!['all', 'mine', 'unassigned'].includes(filters.assignee) && item.ownerId !== filters.assignee) return false;
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
  if (!['all', 'mine', 'unassigned'].includes(filters.assignee)) filter.ownerId = { eq: filters.assignee };
  return filter;
}

export type GroupBy = 'stage' | 'queue' | 'sla';
const GROUPS: GroupBy[] = ['stage', 'queue', 'sla'];

/** What the board shows, as URL parameters (a view can be shared; back from a case restores it). */
export interface BoardState {
  view?: string;
  groupBy: GroupBy;
  filters: BoardFilters;
  selected?: string;
}

export function parseBoardState(params: URLSearchParams): BoardState {
  const list = (name: string) => (params.get(name) ?? '').split(',').filter(Boolean);
  const group = params.get('group') as GroupBy | null;
  return {
    view: params.get('view') ?? undefined,
    groupBy: group && GROUPS.includes(group) ? group : 'stage',
    filters: { priorities: list('priority'), types: list('type'), vipOnly: params.get('vip') === '1', assignee: params.get('assignee') ?? 'all', text: params.get('q') ?? '' },
    selected: params.get('selected') ?? undefined,
  };
}

export function boardStateParams(state: BoardState): URLSearchParams {
  const params = new URLSearchParams();
  const { filters } = state;
  if (state.view) params.set('view', state.view);
  if (state.groupBy !== 'stage') params.set('group', state.groupBy);
  if (filters.priorities.length) params.set('priority', filters.priorities.join(','));
  if (filters.types.length) params.set('type', filters.types.join(','));
  if (filters.vipOnly) params.set('vip', '1');
  if (filters.assignee !== 'all') params.set('assignee', filters.assignee);
  if (filters.text) params.set('q', filters.text);
  if (state.selected) params.set('selected', state.selected);
  return params;
}
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
