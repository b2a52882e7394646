import { requireActor } from '../../core/auth/authorization';
import { auditWrittenRows } from '../../core/audit/audit-capture';
import { clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, ErrorCode, NotFoundError } from '../../core/errors';
import { publishEvent, publishLive, publishTogether } from '../../core/events/outbox';
import { adopt, columnsOf, type ReadSpec, type Row } from '../../core/read/page';
import { readRows } from '../../core/read/sql';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { findAppointment } from '../appointments/appointment.service';
import { findCase } from '../cases/case.service';
import { customerIdsByPhone } from '../customers/customer.queries';
import { getCustomer, normalizePhone } from '../customers/customer.service';
import { staffLoader } from '../identity/identity.loaders';
import { staffIdsByWorkNo } from '../identity/staff.queries';
import { findOrder } from '../orders/order.service';
import { orgUnitScopeCondition, findOrgUnit } from '../org/org.service';
import { getCallbackTask } from '../surveys/callback.service';
import { callDurations, FINAL_STATES, mergedState, timeProblems } from './call-merge';
import { CallDirection, CallRecord, CallSource, CallState } from './call.entity';
import type { CallEventBatchResult, CallEventInput, CallEventRejection, CallUpdate, LogCallInput, MarkCallForReviewInput, UpdateCallInput } from './call.types';

const PHONE = /^\+?[0-9][0-9 -]{1,30}$/;
const URL = /^https?:\/\/\S+$/;
const MAX_SECONDS = 86_400;

/** The call, or NOT_FOUND when missing or outside the caller's part of the organisation. */
export async function getCall(ctx: RequestContext, id: string): Promise<CallRecord> {
  const call = await ctx.em.findOne(CallRecord, { id, ...(await orgUnitScopeCondition(ctx)) });
  if (!call) throw new NotFoundError('Call', id);
  return call;
}

/** The customer's number on a call: the caller on an inbound call, the called party on an outbound one. */
const outsideNumber = (c: { direction: CallDirection; callerNumber: string; calleeNumber: string }) => normalizePhone(c.direction === CallDirection.INBOUND ? c.callerNumber : c.calleeNumber);

/** The customer and the records a call concerned must be within the caller's reach (NOT_FOUND otherwise). */
async function checkLinks(ctx: RequestContext, fields: CallUpdate): Promise<void> {
  const check = async (id: string | null | undefined, label: string, find: (id: string) => Promise<unknown>) => {
    if (id && !(await find(id).catch(() => null))) throw new NotFoundError(label, id);
  };
  await Promise.all([
    check(fields.customerId, 'Customer', (id) => getCustomer(ctx, id)),
    check(fields.caseId, 'Case', (id) => findCase(ctx, id)),
    check(fields.orderId, 'Order', (id) => findOrder(ctx, id)),
    check(fields.callbackTaskId, 'Callback task', (id) => getCallbackTask(ctx, id)),
    check(fields.appointmentId, 'Appointment', (id) => findAppointment(ctx, id)),
  ]);
}

/** The topic of the live call wall: which call changed (subscribers reload their own wall, see callWallChanged). */
export const CALL_WALL_TOPIC = 'calls.changed';

/** A "look again" hint for the call walls that may show the call. */
function wallChanged(ctx: RequestContext, call: CallRecord) {
  return publishLive(ctx, CALL_WALL_TOPIC, { id: call.id, franchiseId: call.franchiseId, orgUnitId: call.orgUnitId });
}

async function recorded(ctx: RequestContext, call: CallRecord) {
  await wallChanged(ctx, call);
  return publishEvent(ctx, 'call.recorded', call.franchiseId, {
    callId: call.id,
    direction: call.direction,
    state: call.state,
    agentId: call.agentId ?? null,
    customerId: call.customerId ?? null,
    orgUnitId: call.orgUnitId,
    offeredAt: call.offeredAt.toISOString(),
  });
}

// --- by hand

/** A call the agent logs by hand: the agent is the caller of this mutation, the customer given or matched by the number. */
export async function logCall(ctx: RequestContext, input: LogCallInput): Promise<CallRecord> {
  const actor = requireActor(ctx);
  const number = input.number.trim();
  if (!PHONE.test(number)) throw new BadUserInputError({ field: 'number', message: 'must be a phone number (digits, spaces, dashes, an optional leading +)', reason: 'INVALID' });
  const times = { offeredAt: input.offeredAt, answeredAt: input.answeredAt ?? null, endedAt: input.endedAt ?? null, holdSeconds: input.holdSeconds ?? null };
  const problems = timeProblems(input.state, times);
  const now = clock.now();
  for (const field of ['offeredAt', 'answeredAt', 'endedAt'] as const)
    if (times[field] && times[field]! > now) problems.push({ field, message: 'cannot be in the future', reason: 'IN_FUTURE' });
  if (problems.length) throw new BadUserInputError(problems);
  await checkLinks(ctx, input);
  const agent = actor.kind === 'user' ? await staffLoader(ctx).load(actor.id) : null;
  if (!agent) throw new BadUserInputError({ field: 'agent', message: 'only a staff member can log a call by hand (partners post call events)', reason: 'STAFF_ONLY' });
  const direction = input.direction;
  const numbers = direction === CallDirection.INBOUND ? { callerNumber: number, calleeNumber: input.line ?? '' } : { callerNumber: input.line ?? '', calleeNumber: number };
  const customerId = input.customerId ?? (await customerIdsByPhone(ctx, agent.franchiseId, [normalizePhone(number)])).get(normalizePhone(number)) ?? null;
  const call = ctx.em.create(CallRecord, {
    franchiseId: agent.franchiseId,
    orgUnitId: agent.orgUnitId,
    source: CallSource.MANUAL,
    direction,
    ...numbers,
    line: input.line ?? null,
    customerId,
    agentId: agent.id,
    agentWorkNo: agent.workNo ?? null,
    state: input.state,
    ...times,
    ...callDurations(times),
    wrapUpSeconds: input.wrapUpSeconds ?? null,
    recordingUrl: input.recordingUrl ?? null,
    disposition: input.disposition ?? null,
    note: input.note ?? null,
    caseId: input.caseId ?? null,
    orderId: input.orderId ?? null,
    callbackTaskId: input.callbackTaskId ?? null,
    appointmentId: input.appointmentId ?? null,
  });
  await ctx.em.flush();
  await recorded(ctx, call);
  return call;
}

/** An agent's edit of a call: customer, disposition, note, links (the version they saw, else CONFLICT). */
export async function updateCall(ctx: RequestContext, input: UpdateCallInput): Promise<CallRecord> {
  const call = await getCall(ctx, input.id);
  checkVersion(call, input.version, 'Call');
  await checkLinks(ctx, input.update);
  applyUpdate(call, input.update as Partial<CallRecord>);
  await ctx.em.flush();
  await wallChanged(ctx, call);
  await publishEvent(ctx, 'call.updated', call.franchiseId, { callId: call.id, customerId: call.customerId ?? null, disposition: call.disposition ?? null });
  return call;
}

/** A supervisor or the quality team marks a call for review, once (a second mark is a CONFLICT naming who marked it). */
export async function markCallForReview(ctx: RequestContext, input: MarkCallForReviewInput): Promise<CallRecord> {
  const actor = requireActor(ctx);
  const call = await getCall(ctx, input.id);
  checkVersion(call, input.version, 'Call');
  if (call.reviewRequestedAt) throw new ConflictError(`Call ${call.id} is already marked for review`, { reason: 'ALREADY_MARKED', params: { since: call.reviewRequestedAt.toISOString() } });
  const reason = input.reason.trim();
  if (!reason) throw new BadUserInputError({ field: 'reason', message: 'must not be blank', reason: 'REQUIRED' });
  Object.assign(call, { reviewRequestedAt: clock.now(), reviewRequestedById: actor.kind === 'user' ? actor.id : null, reviewReason: reason });
  await ctx.em.flush();
  await wallChanged(ctx, call);
  await publishEvent(ctx, 'call.review_requested', call.franchiseId, { callId: call.id, agentId: call.agentId ?? null, reason });
  return call;
}

// --- from the telephony partner

/** The fields an event may set, merged into a call (call-merge.ts has the rules). */
type Snapshot = Pick<
  CallRecord,
  'state' | 'offeredAt' | 'answeredAt' | 'endedAt' | 'holdSeconds' | 'wrapUpSeconds' | 'hangupCause' | 'recordingUrl' | 'disposition' | 'agentId' | 'agentWorkNo' | 'line' | 'customerId' | 'lastEventAt' | 'waitSeconds' | 'talkSeconds'
>;
const SNAPSHOT_FIELDS = ['state', 'offeredAt', 'answeredAt', 'endedAt', 'holdSeconds', 'wrapUpSeconds', 'hangupCause', 'recordingUrl', 'disposition', 'agentId', 'agentWorkNo', 'line', 'customerId', 'lastEventAt', 'waitSeconds', 'talkSeconds'] as const;
const LATEST_WINS = ['holdSeconds', 'wrapUpSeconds', 'hangupCause', 'recordingUrl', 'disposition', 'agentId', 'agentWorkNo', 'line'] as const;

interface CheckedEvent {
  index: number;
  event: CallEventInput;
  franchiseId: string;
  orgUnitId: string;
  agentId: string | null;
  customerId: string | null;
}

const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null));

function merge(current: Snapshot, e: CheckedEvent): Snapshot {
  const next: Snapshot = { ...current };
  const ev = e.event;
  next.state = mergedState(current.state, ev.state);
  if (ev.offeredAt < next.offeredAt) next.offeredAt = ev.offeredAt;
  const unanswered = FINAL_STATES.includes(next.state) && next.state !== CallState.ENDED;
  if (!next.answeredAt && ev.answeredAt && !unanswered) next.answeredAt = ev.answeredAt;
  if (!next.endedAt && ev.endedAt) next.endedAt = ev.endedAt;
  const latest = !current.lastEventAt || ev.occurredAt >= current.lastEventAt;
  const values = { holdSeconds: ev.holdSeconds, wrapUpSeconds: ev.wrapUpSeconds, hangupCause: ev.hangupCause?.trim(), recordingUrl: ev.recordingUrl?.trim(), disposition: ev.disposition?.trim(), agentId: e.agentId, agentWorkNo: ev.agentWorkNo?.trim(), line: ev.line?.trim() };
  for (const field of LATEST_WINS) {
    const value = values[field];
    if (value == null || value === '') continue;
    if (latest || next[field] == null) (next as Record<string, unknown>)[field] = value;
  }
  if (!next.customerId && e.customerId) next.customerId = e.customerId;
  if (latest) next.lastEventAt = ev.occurredAt;
  return { ...next, ...callDurations(next) };
}

/** Checks one event on its own; the problem, or null when it can be applied. */
function eventProblem(e: CallEventInput): { field: string; message: string; reason: string } | null {
  const id = e.callId?.trim() ?? '';
  if (!id || id.length > 100) return { field: 'callId', message: 'must be 1 to 100 characters', reason: 'INVALID' };
  for (const field of ['callerNumber', 'calleeNumber'] as const)
    if (!PHONE.test(e[field].trim())) return { field, message: 'must be a phone number (digits, spaces, dashes, an optional leading +)', reason: 'INVALID' };
  for (const field of ['holdSeconds', 'wrapUpSeconds'] as const) {
    const v = e[field];
    if (v != null && (v < 0 || v > MAX_SECONDS)) return { field, message: `must be 0 to ${MAX_SECONDS}`, reason: 'OUT_OF_RANGE' };
  }
  for (const field of ['line', 'agentWorkNo', 'hangupCause', 'disposition'] as const)
    if ((e[field]?.length ?? 0) > 100) return { field, message: 'must be at most 100 characters', reason: 'TOO_LONG' };
  if (e.recordingUrl && (!URL.test(e.recordingUrl.trim()) || e.recordingUrl.length > 2000)) return { field: 'recordingUrl', message: 'must be an http(s) URL', reason: 'INVALID' };
  return timeProblems(e.state, e)[0] ?? null;
}

const snapshotOf = (call: CallRecord) => Object.fromEntries(SNAPSHOT_FIELDS.map((f) => [f, call[f]])) as Snapshot;

/** The columns an event may change and their SQL types, for the batch's one update. */
const SNAPSHOT_TYPES: Record<(typeof SNAPSHOT_FIELDS)[number], string> = {
  state: 'text', offeredAt: 'timestamptz', answeredAt: 'timestamptz', endedAt: 'timestamptz', holdSeconds: 'int', wrapUpSeconds: 'int', hangupCause: 'text', recordingUrl: 'text',
  disposition: 'text', agentId: 'uuid', agentWorkNo: 'text', line: 'text', customerId: 'uuid', lastEventAt: 'timestamptz', waitSeconds: 'int', talkSeconds: 'int',
};

/** A call as a plain row of every column (nothing the unit of work keeps), typed as the GraphQL type. */
const CALL_ROW: ReadSpec<CallRecord> = { entity: CallRecord, always: [] };
const callColumns = (ctx: RequestContext, alias: string) => {
  const meta = ctx.em.getMetadata().get(CallRecord.name);
  return columnsOf(meta, alias, Object.keys(meta.properties)).join(', ');
};
/** Plain rows come with timestamps as text: the merge compares instants. */
function asCalls(ctx: RequestContext, rows: Row[]): CallRecord[] {
  const meta = ctx.em.getMetadata().get(CallRecord.name);
  const instants = Object.values(meta.properties as Record<string, { name: string; runtimeType?: string }>).filter((p) => p.runtimeType === 'Date').map((p) => p.name);
  for (const row of rows) for (const name of instants) if (typeof row[name] === 'string') row[name] = new Date(row[name] as string);
  adopt(rows, CALL_ROW);
  return rows as unknown as CallRecord[];
}
const columnOf = (ctx: RequestContext, field: string) => (ctx.em.getMetadata().get(CallRecord.name).properties as Record<string, { fieldNames: string[] }>)[field]!.fieldNames[0]!;

/**
 * The batch's calls as plain rows, locked in one order (by id) so two batches touching one call
 * wait for each other. A partner's batch is set-based: 50 calls through the unit of work spent
 * most of a batch's CPU on change sets (tests/bench/calls.bench.ts).
 */
async function lockCalls(ctx: RequestContext, keys: readonly CheckedEvent[]): Promise<CallRecord[]> {
  const rows = await readRows<Row>(
    ctx.em,
    `select ${callColumns(ctx, 'c')} from call_record c
      where (c.franchise_id, c.partner_call_id) in (select k.franchise_id, k.partner_call_id from jsonb_to_recordset(?::jsonb) as k(franchise_id uuid, partner_call_id text))
      order by c.id for update`,
    [JSON.stringify(keys.map((g) => ({ franchise_id: g.franchiseId, partner_call_id: g.event.callId })))],
  );
  return asCalls(ctx, rows);
}

/**
 * The merged calls written in one statement (a new version each; a call with nothing changed, as a new
 * call's first event, is not written), audited as the unit of work's changes are; the calls as they now are.
 */
async function writeCalls(ctx: RequestContext, merged: readonly CallRecord[], before: ReadonlyMap<CallRecord, Snapshot>): Promise<CallRecord[]> {
  const changedFields = (call: CallRecord) => SNAPSHOT_FIELDS.filter((f) => !sameValue(before.get(call)![f], call[f]));
  const calls = merged.filter((c) => changedFields(c).length > 0);
  if (!calls.length) return [...merged];
  const fields = Object.keys(SNAPSHOT_TYPES) as (typeof SNAPSHOT_FIELDS)[number][];
  const rows = await readRows<Row>(
    ctx.em,
    `update call_record c set ${fields.map((f) => `"${columnOf(ctx, f)}" = x."${f}"`).join(', ')}, version = c.version + 1, updated_at = ?
       from jsonb_to_recordset(?::jsonb) as x(id uuid, ${fields.map((f) => `"${f}" ${SNAPSHOT_TYPES[f]}`).join(', ')})
      where c.id = x.id
      returning ${callColumns(ctx, 'c')}`,
    [clock.now().toISOString(), JSON.stringify(calls.map((c) => ({ id: c.id, ...snapshotOf(c) })))],
  );
  const written = new Map(asCalls(ctx, rows).map((r) => [r.id, r]));
  auditWrittenRows(
    ctx.em,
    calls.map((call) => {
      const was = before.get(call)!;
      return { className: CallRecord.name, id: call.id, franchiseId: call.franchiseId, type: 'update', fields: Object.fromEntries(changedFields(call).map((f) => [f, { from: was[f] ?? null, to: call[f] ?? null }])) };
    }),
  );
  return merged.map((c) => written.get(c.id) ?? c);
}

/**
 * A telephony partner's call events, up to 500 at a time, in any order: each call is recorded
 * once per partner call id and its events merge forward (call-merge.ts), so a replayed or late
 * event changes nothing wrong. The batch is per row: a bad event is reported with its code and
 * field, the others are applied. Calls and their events are locked in one order (by id), so two
 * batches touching one call wait for each other.
 */
export async function recordCallEvents(ctx: RequestContext, events: readonly CallEventInput[]): Promise<CallEventBatchResult> {
  const actor = requireActor(ctx);
  const rejected: CallEventRejection[] = [];
  const reject = (index: number, callId: string | null, code: string, p: { field: string; message: string; reason: string }) => rejected.push({ index, callId, code, ...p });

  // Each event on its own: fields, times, the store.
  const good: CheckedEvent[] = [];
  for (const [index, event] of events.entries()) {
    const problem = eventProblem(event);
    if (problem) {
      reject(index, event.callId ?? null, ErrorCode.BadUserInput, problem);
      continue;
    }
    const unit = await findOrgUnit(ctx, event.storeId ?? actor.orgUnitId);
    if (!unit) {
      reject(index, event.callId, ErrorCode.NotFound, { field: 'storeId', message: `store ${event.storeId} was not found`, reason: 'UNKNOWN_STORE' });
      continue;
    }
    good.push({ index, event: { ...event, callId: event.callId.trim() }, franchiseId: unit.franchiseId, orgUnitId: unit.id, agentId: null, customerId: null });
  }

  // Agents by work number and customers by number: one statement each per franchise.
  for (const franchiseId of new Set(good.map((g) => g.franchiseId))) {
    const mine = good.filter((g) => g.franchiseId === franchiseId);
    const workNos = [...new Set(mine.map((g) => g.event.agentWorkNo?.trim()).filter((w): w is string => !!w))];
    const agentByWorkNo = await staffIdsByWorkNo(ctx, franchiseId, workNos);
    const customers = await customerIdsByPhone(ctx, franchiseId, mine.map((g) => outsideNumber(g.event)));
    for (const g of mine) {
      g.agentId = agentByWorkNo.get(g.event.agentWorkNo?.trim() ?? '') ?? null;
      g.customerId = customers.get(outsideNumber(g.event)) ?? null;
    }
  }

  // New calls inserted (a concurrent batch's or an earlier one's kept by the unique key), then every call of the batch locked.
  const key = (franchiseId: string, callId: string) => `${franchiseId}|${callId}`;
  const firstOf = new Map<string, CheckedEvent>();
  for (const g of [...good].sort((a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime())) if (!firstOf.has(key(g.franchiseId, g.event.callId))) firstOf.set(key(g.franchiseId, g.event.callId), g);
  const created = new Set<string>();
  if (firstOf.size) {
    const now = clock.now().toISOString();
    const inserted = await readRows<{ id: string; franchise_id: string; partner_call_id: string }>(
      ctx.em,
      `insert into call_record (id, franchise_id, version, created_at, updated_at, partner_call_id, source, direction, org_unit_id, caller_number, callee_number, state, offered_at)
       select gen_random_uuid(), x.franchise_id, 1, ?, ?, x.partner_call_id, 'PARTNER', x.direction, x.org_unit_id, x.caller_number, x.callee_number, 'RINGING', x.offered_at
         from jsonb_to_recordset(?::jsonb) as x(franchise_id uuid, partner_call_id text, direction text, org_unit_id uuid, caller_number text, callee_number text, offered_at timestamptz)
       on conflict (franchise_id, partner_call_id) do nothing
       returning id, franchise_id, partner_call_id`,
      [
        now,
        now,
        JSON.stringify(
          [...firstOf.values()].map((g) => ({
            franchise_id: g.franchiseId,
            partner_call_id: g.event.callId,
            direction: g.event.direction,
            org_unit_id: g.orgUnitId,
            caller_number: g.event.callerNumber.trim(),
            callee_number: g.event.calleeNumber.trim(),
            offered_at: g.event.offeredAt.toISOString(),
          })),
        ),
      ],
    );
    for (const r of inserted) created.add(key(r.franchise_id, r.partner_call_id));
  }
  const calls = firstOf.size ? await lockCalls(ctx, [...firstOf.values()]) : [];
  const byKey = new Map(calls.map((c) => [key(c.franchiseId, c.partnerCallId!), c]));

  // Events merged oldest first; a row whose times contradict what the call already holds is refused.
  let applied = 0;
  let unchanged = 0;
  const before = new Map(calls.map((c) => [c, snapshotOf(c)]));
  const stateBefore = new Map(calls.map((c) => [c.id, c.state]));
  const touched = new Set<CallRecord>();
  for (const g of [...good].sort((a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime() || a.index - b.index)) {
    const call = byKey.get(key(g.franchiseId, g.event.callId));
    if (!call) {
      reject(g.index, g.event.callId, ErrorCode.NotFound, { field: 'callId', message: 'the call is outside your reach', reason: 'NOT_FOUND' });
      continue;
    }
    if (call.direction !== g.event.direction) {
      reject(g.index, g.event.callId, ErrorCode.BadUserInput, { field: 'direction', message: `the call was recorded as ${call.direction}`, reason: 'MISMATCH' });
      continue;
    }
    const current = snapshotOf(call);
    const next = merge(current, g);
    const problem = timeProblems(next.state, next)[0];
    if (problem) {
      reject(g.index, g.event.callId, ErrorCode.BadUserInput, { ...problem, message: `${problem.message} (with what the call already holds)` });
      continue;
    }
    const changed = SNAPSHOT_FIELDS.filter((f) => !sameValue(current[f], next[f]));
    if (!changed.length && !(created.has(key(g.franchiseId, g.event.callId)) && !touched.has(call))) {
      unchanged++;
      continue;
    }
    Object.assign(call, next);
    touched.add(call);
    applied++;
  }
  rejected.sort((a, b) => a.index - b.index);
  const written = await writeCalls(ctx, [...touched], before);
  await publishTogether(ctx.em, async () => {
    // Every touched call reaches the walls (its agent or times may have moved without its state); the domain event only when it is new or its state moved.
    for (const call of written) {
      if (created.has(key(call.franchiseId, call.partnerCallId!)) || stateBefore.get(call.id) !== call.state) await recorded(ctx, call);
      else await wallChanged(ctx, call);
    }
  });
  return { applied, unchanged, rejected, calls: written };
}
