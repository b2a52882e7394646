import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { calendarDate } from '../../core/clock';
import { OrgUnitKind } from '../org/org-unit.entity';
import { CallbackRule, CallbackRuleKind } from './callback.entity';

/**
 * The daily callback plan: each enabled rule of each franchise becomes callback tasks, once per
 * customer and purpose (a unique key: (franchise, customer, purpose)), for customers who are
 * active and agreed to phone calls, and not for one with another call within the rule's
 * no-repeat window. Set-based (one insert per rule), under one advisory lock: two instances
 * running it at once wait for each other, the second finds everything planned.
 */

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The rules every franchise starts with (a franchise tunes, disables or adds to them). */
export const DEFAULT_RULES: Pick<CallbackRule, 'code' | 'kind' | 'name' | 'enabled' | 'delayDays' | 'leadDays' | 'topN' | 'dayOfMonth' | 'noRepeatDays' | 'tags' | 'maxAttempts'>[] = [
  { code: 'after_service', kind: CallbackRuleKind.AFTER_SERVICE, name: '服务后满意度回访', enabled: true, delayDays: 2, leadDays: 0, topN: 0, dayOfMonth: 1, noRepeatDays: 7, tags: [], maxAttempts: 3 },
  { code: 'new_member', kind: CallbackRuleKind.NEW_MEMBER, name: '新会员一周内回访', enabled: true, delayDays: 3, leadDays: 0, topN: 0, dayOfMonth: 1, noRepeatDays: 7, tags: [], maxAttempts: 3 },
  { code: 'chronic_medication', kind: CallbackRuleKind.CHRONIC_MEDICATION, name: '慢病用药每月续药回访', enabled: true, delayDays: 0, leadDays: 3, topN: 0, dayOfMonth: 1, noRepeatDays: 7, tags: [], maxAttempts: 3 },
  { code: 'top_spenders', kind: CallbackRuleKind.TOP_SPENDERS, name: '门店消费前十名月度回访', enabled: true, delayDays: 0, leadDays: 0, topN: 10, dayOfMonth: 1, noRepeatDays: 7, tags: [], maxAttempts: 3 },
  { code: 'holiday', kind: CallbackRuleKind.HOLIDAY, name: '重大节日前关怀回访', enabled: true, delayDays: 0, leadDays: 3, topN: 0, dayOfMonth: 1, noRepeatDays: 7, tags: ['vip', 'chronic'], maxAttempts: 3 },
  { code: 'report_delivered', kind: CallbackRuleKind.REPORT_DELIVERED, name: '报告交付后回访（2 天、3/6/12 个月）', enabled: true, delayDays: 2, leadDays: 0, topN: 0, dayOfMonth: 1, noRepeatDays: 7, tags: [], maxAttempts: 3 },
];

/**
 * A built-in rule's id in a franchise: the same before and after it is first saved (a rule never
 * tuned is not stored; reads show its defaults at version 0, the first update writes it).
 */
export function defaultRuleId(franchiseId: string, code: string): string {
  const h = createHash('sha1').update(`callback-rule:${franchiseId}:${code}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A built-in rule of a franchise, unsaved, at version 0. */
export function defaultRule(franchiseId: string, code: string): CallbackRule | null {
  const d = DEFAULT_RULES.find((r) => r.code === code);
  if (!d) return null;
  return Object.assign(new CallbackRule(), { ...d, id: defaultRuleId(franchiseId, code), franchiseId, holidays: [], tags: [...d.tags], templateId: null, version: 0 });
}

/** The franchises' rules: the saved ones, and the built-in ones never saved with their defaults. */
export function withDefaultRules(saved: CallbackRule[], franchiseIds: readonly string[]): CallbackRule[] {
  const have = new Set(saved.map((r) => `${r.franchiseId}:${r.code}`));
  const missing = franchiseIds.flatMap((f) => DEFAULT_RULES.filter((d) => !have.has(`${f}:${d.code}`)).map((d) => defaultRule(f, d.code)!));
  return [...saved, ...missing];
}

interface Candidates {
  /** SQL selecting customer_id, purpose_key, title, due_date (date), survey_id. */
  sql: string;
  params: unknown[];
}

/** What a rule asks for today (`today` in the franchise's calendar), or null when nothing. */
function candidates(rule: CallbackRule, today: string): Candidates | null {
  const f = rule.franchiseId;
  switch (rule.kind) {
    case CallbackRuleKind.AFTER_SERVICE:
      // The resolved case's survey, not answered yet, `delayDays` after it was asked (up to a week late).
      return {
        sql: `select r.customer_id, 'service:' || r.id as purpose_key, '服务回访：' || r.source_ref as title, cast(? as date) as due_date, r.id as survey_id
                from satisfaction_request r join org_unit fu on fu.id = r.franchise_id
               where r.franchise_id = ? and r.source_kind = 'case' and r.status in ('PENDING', 'SENT')
                 and (r.created_at at time zone fu.time_zone)::date between cast(? as date) and cast(? as date)`,
        params: [today, f, addDays(today, -rule.delayDays - 7), addDays(today, -rule.delayDays)],
      };
    case CallbackRuleKind.NEW_MEMBER:
      // A member card holder, `delayDays` after joining, while still in their first week.
      return {
        sql: `select c.id as customer_id, 'new_member' as purpose_key, '新会员回访' as title, cast(? as date) as due_date, null::uuid as survey_id
                from customer c join org_unit fu on fu.id = c.franchise_id
               where c.franchise_id = ? and c.member_card_no is not null
                 and (c.created_at at time zone fu.time_zone)::date between cast(? as date) and cast(? as date)`,
        params: [today, f, addDays(today, -Math.max(rule.delayDays, 6)), addDays(today, -rule.delayDays)],
      };
    case CallbackRuleKind.CHRONIC_MEDICATION:
      // A prescribed product running out within `leadDays`: one refill call per customer and month.
      return {
        sql: `select distinct on (o.customer_id, to_char(l.runs_out_on, 'YYYY-MM')) o.customer_id, 'refill:' || to_char(l.runs_out_on, 'YYYY-MM') as purpose_key,
                     '慢病续药回访（' || to_char(l.runs_out_on, 'MM-DD') || ' 用完）' as title, greatest(cast(? as date), l.runs_out_on - ?::int) as due_date, null::uuid as survey_id
                from sales_order_line l join sales_order o on o.id = l.order_id
               where l.franchise_id = ? and o.customer_id is not null and l.runs_out_on between cast(? as date) and cast(? as date)
               order by o.customer_id, to_char(l.runs_out_on, 'YYYY-MM'), l.runs_out_on`,
        params: [today, rule.leadDays, f, today, addDays(today, rule.leadDays)],
      };
    case CallbackRuleKind.TOP_SPENDERS: {
      // From `dayOfMonth` on, each store's top `topN` customers by last month's spend.
      if (Number(today.slice(8, 10)) < rule.dayOfMonth) return null;
      const month = today.slice(0, 7);
      const last = addDays(`${month}-01`, -1).slice(0, 7);
      return {
        sql: `select x.customer_id, 'top:' || ? as purpose_key, '大客户月度回访（' || ? || ' 消费第 ' || x.rank || ' 名）' as title, cast(? as date) as due_date, null::uuid as survey_id
                from (select s.customer_id, row_number() over (partition by s.org_unit_id order by s.amount desc, s.customer_id) as rank
                        from customer_spend_month s where s.franchise_id = ? and s.month = cast(? as date) and s.amount > 0) x
               where x.rank <= ?`,
        params: [month, last, today, f, `${last}-01`, rule.topN],
      };
    }
    case CallbackRuleKind.HOLIDAY: {
      // `leadDays` before a holiday (until the eve), customers with one of the rule's tags.
      const holiday = rule.holidays.filter((h) => addDays(h.date, -rule.leadDays) <= today && today < h.date).sort((a, b) => a.date.localeCompare(b.date))[0];
      if (!holiday) return null;
      return {
        sql: `select c.id as customer_id, 'holiday:' || ? as purpose_key, '节日关怀：' || ? as title, greatest(cast(? as date), cast(? as date) - ?::int) as due_date, null::uuid as survey_id
                from customer c where c.franchise_id = ?${rule.tags.length ? ' and c.tags && ?::text[]' : ''}`,
        params: [holiday.date, holiday.name, today, holiday.date, rule.leadDays, f, ...(rule.tags.length ? [`{${rule.tags.join(',')}}`] : [])],
      };
    }
    default:
      // REPORT_DELIVERED is planned when a report is delivered (planReportCallbacks), not daily.
      return null;
  }
}

/** Plans one rule: the tasks it adds. */
async function planRule(em: EntityManager, rule: CallbackRule, today: string, now: Date): Promise<number> {
  const c = candidates(rule, today);
  return c ? insertTasks(em, rule, c, now) : 0;
}

/**
 * Adds a rule's candidates as tasks, once per customer and purpose, for active customers who
 * agreed to phone calls and have no other call within the rule's no-repeat window. The window
 * check is one index probe per candidate (OFFSET 0 keeps it a subplan): as a join, the planner
 * went by callback_task's statistics, stale right after a large rule's insert in the same run,
 * and scanned every task in the date range once per candidate (minutes at 200,000 customers).
 */
async function insertTasks(em: EntityManager, rule: CallbackRule, c: Candidates, now: Date): Promise<number> {
  const result = await em.execute(
    `insert into callback_task (id, franchise_id, customer_id, rule_id, kind, purpose_key, title, org_unit_id, due_date, status, attempts, survey_id, version, created_at, updated_at)
     select gen_random_uuid(), cu.franchise_id, cu.id, ?, ?, x.purpose_key, x.title, cu.org_unit_id, x.due_date, 'OPEN', 0, x.survey_id, 1, ?, ?
       from (${c.sql}) x join customer cu on cu.id = x.customer_id
      where cu.franchise_id = ? and cu.status = 'ACTIVE' and cu.consent_phone
        and not exists (select 1 from callback_task t where t.customer_id = cu.id and t.purpose_key <> x.purpose_key
                           and t.due_date > x.due_date - ?::int and t.due_date < x.due_date + ?::int offset 0)
     on conflict (franchise_id, customer_id, purpose_key) do nothing`,
    [rule.id, rule.kind, now, now, ...c.params, rule.franchiseId, rule.noRepeatDays, rule.noRepeatDays],
    'run',
  );
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}

/** After a report is delivered: `delayDays` days later, then 3, 6 and 12 months later. */
const REPORT_CALLS: readonly { key: string; label: string; interval: (rule: CallbackRule) => string }[] = [
  { key: 'first', label: '交付后回访', interval: (rule) => `${rule.delayDays} days` },
  { key: '3m', label: '3 个月回访', interval: () => '3 months' },
  { key: '6m', label: '6 个月回访', interval: () => '6 months' },
  { key: '12m', label: '12 个月回访', interval: () => '12 months' },
];

/**
 * A delivered report (the journey's `journey.report_delivered`) becomes the enabled
 * REPORT_DELIVERED rules' calls for its customer, each due on its day in the franchise's
 * calendar (`deliveredOn`); once per rule, report and call (a replayed event adds nothing).
 */
export async function planReportCallbacks(em: EntityManager, rules: readonly CallbackRule[], report: { customerId: string; reportNo: string; deliveredOn: string }, now: Date): Promise<number> {
  let added = 0;
  for (const rule of rules.filter((r) => r.enabled && r.kind === CallbackRuleKind.REPORT_DELIVERED)) {
    const calls = REPORT_CALLS.map((call) => [`report:${report.reportNo}:${rule.code}:${call.key}`, `报告${call.label}：${report.reportNo}`, call.interval(rule)]);
    added += await insertTasks(
      em,
      rule,
      {
        sql: `select cast(? as uuid) as customer_id, v.purpose_key, v.title, (cast(? as date) + cast(v.span as interval))::date as due_date, null::uuid as survey_id
                from (values ${calls.map(() => '(?, ?, ?)').join(', ')}) v(purpose_key, title, span)`,
        params: [report.customerId, report.deliveredOn, ...calls.flat()],
      },
      now,
    );
  }
  return added;
}

/**
 * Runs the plan for every franchise on its own calendar date (`onDate` sets that date for all:
 * a re-run of a given day). Runs with every franchise in scope. Returns the tasks added by kind.
 */
export async function planCallbacks(em: EntityManager, at: Date, onDate?: string): Promise<Record<string, number>> {
  await em.execute(`select pg_advisory_xact_lock(hashtext('pharmadesk.callback-plan'))`);
  const franchises = await em.execute<{ id: string; time_zone: string }[]>(`select id, time_zone from org_unit where kind in (?, ?)`, [OrgUnitKind.HQ, OrgUnitKind.FRANCHISE]);
  const saved = await em.execute<Record<string, unknown>[]>(
    `select id, franchise_id as "franchiseId", code, kind, enabled, delay_days as "delayDays", lead_days as "leadDays", top_n as "topN", day_of_month as "dayOfMonth",
            no_repeat_days as "noRepeatDays", holidays, tags
       from callback_rule order by franchise_id, created_at, code`,
  );
  const rules = withDefaultRules(saved as unknown as CallbackRule[], franchises.map((f) => f.id)).filter((r) => r.enabled);
  const zones = new Map(franchises.map((f) => [f.id, f.time_zone]));
  const added: Record<string, number> = {};
  for (const rule of rules) {
    const today = onDate ?? calendarDate(at, zones.get(rule.franchiseId) ?? 'Asia/Shanghai');
    added[rule.kind] = (added[rule.kind] ?? 0) + (await planRule(em, rule, today, at));
  }
  return added;
}
