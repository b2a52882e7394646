import { clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { readRows } from '../../core/read/sql';
import { getOrgUnit, orgScopeSql } from '../org/org.service';
import { CallState, type CallRecord } from './call.entity';
import { CallWallAgentState, type CallWall, type CallWallAgent, type CallWallCall } from './call.types';

/**
 * From how many seconds of waiting a ringing call is highlighted on the wall. No franchise setting
 * exists for it (CallSettings holds the KPI targets); 30 s is the usual service-level threshold of
 * call centers (80 % answered within 20–30 s), the wall shows it so the page needs no copy.
 */
export const LONG_WAIT_SECONDS = 30;
/** Wrap-up after a call whose wrap-up seconds the switch (or the agent) did not report. */
export const DEFAULT_WRAP_UP_SECONDS = 30;
/** A call still ringing or answered after this long lost its end event: it is left off the wall (the call log still has it). */
export const WALL_WINDOW_HOURS = 12;

const CALL_COLUMNS = `c.id, c.version, c.franchise_id as "franchiseId", c.org_unit_id as "orgUnitId", c.partner_call_id as "partnerCallId", c.source,
  c.direction, c.state, c.line, c.caller_number as "callerNumber", c.callee_number as "calleeNumber", c.customer_id as "customerId",
  c.agent_id as "agentId", c.agent_work_no as "agentWorkNo", c.offered_at as "offeredAt", c.answered_at as "answeredAt",
  c.review_requested_at as "reviewRequestedAt", c.review_reason as "reviewReason", c.created_at as "createdAt", c.updated_at as "updatedAt"`;

interface AgentDay {
  agentId: string;
  calls: number;
  answered: number;
  talkSeconds: number;
  lastEndedAt: Date | null;
  wrapUpUntil: Date | null;
}

/** The scope of the wall as SQL on `c`: the caller's part of the organisation, narrowed to a store's subtree when one is given (NOT_FOUND when not visible). */
async function wallScope(ctx: RequestContext, storeId?: string | null): Promise<string> {
  const parts = [orgScopeSql(ctx, 'c.org_unit_id')];
  if (storeId) {
    const store = await getOrgUnit(ctx, storeId, 'Store');
    if (!/^[0-9a-f/-]*$/i.test(store.path)) throw new Error('an org path holds only uuids and slashes');
    parts.push(`exists (select 1 from org_unit wall_unit where wall_unit.id = c.org_unit_id and wall_unit.path like '${store.path}%')`);
  }
  return parts.filter(Boolean).map((p) => `and ${p}`).join(' ');
}

const toDate = (v: Date | string | null): Date | null => (v == null ? null : v instanceof Date ? v : new Date(v));
const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/**
 * `callWall(storeId)`: calls ringing and in progress in the caller's scope (offered in the last
 * WALL_WINDOW_HOURS), and every agent with such a call or a call today (their franchise's day), in
 * two statements. Timers come from the clock: waiting = now (or the answer) − offered, talking =
 * now − answered. An agent's state: ON_CALL with an answered call, RINGING with a ringing one,
 * WRAP_UP until their last call's end + its wrap-up seconds, else IDLE.
 */
export async function callWall(ctx: RequestContext, storeId?: string | null): Promise<CallWall> {
  const scope = await wallScope(ctx, storeId);
  const now = clock.now();
  // One after the other: the operation's one connection runs one statement at a time.
  const active = await readRows<CallRecord>(
      ctx.em,
      `select ${CALL_COLUMNS} from call_record c
        where c.state in ('${CallState.RINGING}', '${CallState.ANSWERED}') and c.offered_at >= ? and c.offered_at <= ? ${scope}
        order by c.offered_at, c.id`,
      [new Date(now.getTime() - WALL_WINDOW_HOURS * 3_600_000), now],
    );
  const days = await readRows<AgentDay>(
      ctx.em,
      `select c.agent_id as "agentId", count(*)::int as calls, count(c.answered_at)::int as answered,
              coalesce(sum(c.talk_seconds) filter (where c.ended_at is not null), 0)::int as "talkSeconds",
              max(c.ended_at) as "lastEndedAt",
              max(c.ended_at + make_interval(secs => coalesce(c.wrap_up_seconds, ?))) as "wrapUpUntil"
         from call_record c join org_unit fu on fu.id = c.franchise_id
        where c.agent_id is not null and c.offered_at >= cast(? as timestamptz) - interval '2 days' and c.offered_at <= ?
          and (c.offered_at at time zone fu.time_zone) >= date_trunc('day', cast(? as timestamptz) at time zone fu.time_zone) ${scope}
        group by c.agent_id`,
      [DEFAULT_WRAP_UP_SECONDS, now, now, now],
    );
  const onWall = (row: CallRecord): CallWallCall => {
    const call = { ...row, offeredAt: toDate(row.offeredAt)!, answeredAt: toDate(row.answeredAt ?? null), reviewRequestedAt: toDate(row.reviewRequestedAt ?? null) } as CallRecord;
    const waitingSeconds = seconds(call.offeredAt, call.answeredAt ?? now);
    return { call, waitingSeconds, talkingSeconds: call.answeredAt ? seconds(call.answeredAt, now) : null, longWait: !call.answeredAt && waitingSeconds >= LONG_WAIT_SECONDS };
  };
  const calls = active.map(onWall);
  const waiting = calls.filter((c) => c.call.state === CallState.RINGING).sort((a, b) => b.waitingSeconds - a.waitingSeconds);
  const inProgress = calls.filter((c) => c.call.state === CallState.ANSWERED).sort((a, b) => b.talkingSeconds! - a.talkingSeconds!);

  const dayOf = new Map(days.map((d) => [d.agentId, d]));
  const agentIds = new Set([...days.map((d) => d.agentId), ...calls.map((c) => c.call.agentId).filter((id): id is string => !!id)]);
  const agents: CallWallAgent[] = [...agentIds].map((agentId) => {
    const day = dayOf.get(agentId);
    const counts = { callsToday: day?.calls ?? 0, answeredToday: day?.answered ?? 0, talkSecondsToday: day?.talkSeconds ?? 0 };
    const current = inProgress.find((c) => c.call.agentId === agentId) ?? waiting.find((c) => c.call.agentId === agentId);
    if (current) return { agentId, ...counts, currentCall: current, state: current.call.answeredAt ? CallWallAgentState.ON_CALL : CallWallAgentState.RINGING, since: current.call.answeredAt ?? current.call.offeredAt };
    const lastEnded = toDate(day?.lastEndedAt ?? null);
    const wrapUpUntil = toDate(day?.wrapUpUntil ?? null);
    if (lastEnded && wrapUpUntil && wrapUpUntil > now) return { agentId, ...counts, currentCall: null, state: CallWallAgentState.WRAP_UP, since: lastEnded };
    return { agentId, ...counts, currentCall: null, state: CallWallAgentState.IDLE, since: wrapUpUntil && wrapUpUntil <= now ? wrapUpUntil : null };
  });
  const rank = [CallWallAgentState.ON_CALL, CallWallAgentState.RINGING, CallWallAgentState.WRAP_UP, CallWallAgentState.IDLE];
  agents.sort((a, b) => rank.indexOf(a.state) - rank.indexOf(b.state) || (a.since?.getTime() ?? 0) - (b.since?.getTime() ?? 0) || a.agentId.localeCompare(b.agentId));
  return { at: now, longWaitSeconds: LONG_WAIT_SECONDS, waiting, inProgress, agents };
}

/** Whether the call is on the caller's wall (their scope, the store's subtree): a live event of another part of the organisation reloads nothing. */
export async function callOnWall(ctx: RequestContext, callId: string, storeId?: string | null): Promise<boolean> {
  const scope = await wallScope(ctx, storeId);
  const rows = await readRows<{ id: string }>(ctx.em, `select c.id from call_record c where c.id = ? ${scope}`, [callId]);
  return rows.length > 0;
}
