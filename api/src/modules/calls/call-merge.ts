import { CallState } from './call.entity';

/**
 * How a call's events merge, whatever order they arrive in (the telephony partner retries and
 * batches). States only move forward: RINGING < ANSWERED < a final state; the first final state
 * recorded stays. Times are filled in when missing and never moved; the descriptive fields (agent,
 * hang-up cause, recording, disposition, hold and wrap-up) take the latest event's non-empty value.
 * Replaying an event changes nothing.
 */

export const FINAL_STATES: readonly CallState[] = [CallState.ENDED, CallState.ABANDONED, CallState.MISSED, CallState.FAILED];

const rank = (state: CallState) => (state === CallState.RINGING ? 0 : state === CallState.ANSWERED ? 1 : 2);

export interface CallTimes {
  offeredAt: Date;
  answeredAt?: Date | null;
  endedAt?: Date | null;
  holdSeconds?: number | null;
}

/** The state a call ends up in after an event: never backwards, the first final state kept. */
export function mergedState(current: CallState, incoming: CallState): CallState {
  return rank(incoming) > rank(current) ? incoming : current;
}

/** Whole seconds between two instants, never negative. */
const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/**
 * Durations from the times, where given. Wait: offered → answered, or offered → ended for a call
 * nobody answered. Talk: answered → ended less the hold time.
 */
export function callDurations(t: CallTimes): { waitSeconds: number | null; talkSeconds: number | null } {
  const waitSeconds = t.answeredAt ? seconds(t.offeredAt, t.answeredAt) : t.endedAt ? seconds(t.offeredAt, t.endedAt) : null;
  const talkSeconds = t.answeredAt && t.endedAt ? Math.max(0, seconds(t.answeredAt, t.endedAt) - (t.holdSeconds ?? 0)) : null;
  return { waitSeconds, talkSeconds };
}

/** What one event or log entry must hold for its state; the problems by field (empty: fine). */
export function timeProblems(state: CallState, t: CallTimes, prefix = ''): { field: string; message: string; reason: string }[] {
  const problems: { field: string; message: string; reason: string }[] = [];
  if (state === CallState.ANSWERED && !t.answeredAt) problems.push({ field: `${prefix}answeredAt`, message: 'is required for an ANSWERED call', reason: 'REQUIRED' });
  if (state === CallState.ENDED && !t.endedAt) problems.push({ field: `${prefix}endedAt`, message: 'is required for an ENDED call', reason: 'REQUIRED' });
  if (FINAL_STATES.includes(state) && state !== CallState.ENDED) {
    if (!t.endedAt) problems.push({ field: `${prefix}endedAt`, message: `is required for a ${state} call`, reason: 'REQUIRED' });
    if (t.answeredAt) problems.push({ field: `${prefix}answeredAt`, message: `must be empty for a ${state} call (it was never answered)`, reason: 'NOT_ANSWERED' });
  }
  if (t.answeredAt && t.answeredAt < t.offeredAt) problems.push({ field: `${prefix}answeredAt`, message: 'cannot be before offeredAt', reason: 'TIME_ORDER' });
  if (t.endedAt && t.endedAt < (t.answeredAt ?? t.offeredAt)) problems.push({ field: `${prefix}endedAt`, message: `cannot be before ${t.answeredAt ? 'answeredAt' : 'offeredAt'}`, reason: 'TIME_ORDER' });
  return problems;
}
