import type { RequestContext } from '../../core/context';
import { readGroupedCounts, type GroupRow, type KpiWindow } from '../../core/read/period-groups';

/**
 * The service KPIs of cases, defined once (documented on AgentKpiRow). A case counts in the period
 * it was created in (its franchise's zone), for its store and its agent (the owner, else whoever
 * entered it):
 * - consultations, complaints: cases of that type created;
 * - resolution rate = cases resolved (by now) ÷ cases created;
 * - first-response time = mean of (first response − created) over the cases answered;
 * - consultation reply on-time rate = consultations whose first-response clock was met by its due
 *   time (moved by pauses) ÷ consultations whose first-response clock was met or breached;
 * - complaint handling on-time rate = complaints whose resolution clock was met by its due time ÷
 *   complaints whose resolution clock was met or breached (a complaint still open past its due
 *   time counts as late once the SLA job marks the breach).
 */

export interface CaseKpiCounts {
  cases: number;
  consultations: number;
  complaints: number;
  resolved: number;
  responded: number;
  firstResponseSeconds: number;
  consultationRepliesTimed: number;
  consultationRepliesOnTime: number;
  complaintsTimed: number;
  complaintsOnTime: number;
}

export const NO_CASE_KPI_COUNTS: CaseKpiCounts = {
  cases: 0,
  consultations: 0,
  complaints: 0,
  resolved: 0,
  responded: 0,
  firstResponseSeconds: 0,
  consultationRepliesTimed: 0,
  consultationRepliesOnTime: 0,
  complaintsTimed: 0,
  complaintsOnTime: 0,
};

/** A clock of `kind` on case `c`: ended (met or breached) and met in time, probed by the clock index only for the cases that need it. */
const clockEnded = (kind: string) => `exists (select 1 from case_sla_clock k where k.case_id = c.id and k.kind = '${kind}' and (k.met_at is not null or k.breached_at is not null))`;
const clockOnTime = (kind: string) => `exists (select 1 from case_sla_clock k where k.case_id = c.id and k.kind = '${kind}' and k.met_at <= k.due_at and k.breached_at is null)`;

/** The cases' counts by period, franchise and group key (one statement). */
export async function caseKpiRows(ctx: RequestContext, w: KpiWindow): Promise<(GroupRow & CaseKpiCounts)[]> {
  const rows = await readGroupedCounts<Record<string, string>>(ctx, w, {
    from: 'service_case c',
    franchise: 'c.franchise_id',
    unit: 'c.org_unit_id',
    agent: 'coalesce(c.owner_id, c.created_by_id)',
    at: 'c.created_at',
    counts: `count(*) as cases,
             count(*) filter (where c.type = 'CONSULTATION') as consultations,
             count(*) filter (where c.type = 'COMPLAINT') as complaints,
             count(c.resolved_at) as resolved,
             count(c.first_responded_at) as responded,
             coalesce(sum(extract(epoch from c.first_responded_at - c.created_at)), 0)::bigint as first_response_seconds,
             count(*) filter (where c.type = 'CONSULTATION' and ${clockEnded('FIRST_RESPONSE')}) as consultation_replies_timed,
             count(*) filter (where c.type = 'CONSULTATION' and ${clockOnTime('FIRST_RESPONSE')}) as consultation_replies_on_time,
             count(*) filter (where c.type = 'COMPLAINT' and ${clockEnded('RESOLUTION')}) as complaints_timed,
             count(*) filter (where c.type = 'COMPLAINT' and ${clockOnTime('RESOLUTION')}) as complaints_on_time`,
  });
  return rows.map((r) => ({
    period: r.period,
    franchise_id: r.franchise_id,
    key: r.key,
    cases: Number(r.cases),
    consultations: Number(r.consultations),
    complaints: Number(r.complaints),
    resolved: Number(r.resolved),
    responded: Number(r.responded),
    firstResponseSeconds: Number(r.first_response_seconds),
    consultationRepliesTimed: Number(r.consultation_replies_timed),
    consultationRepliesOnTime: Number(r.consultation_replies_on_time),
    complaintsTimed: Number(r.complaints_timed),
    complaintsOnTime: Number(r.complaints_on_time),
  }));
}
