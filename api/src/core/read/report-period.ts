import { BadUserInputError } from '../errors';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A calendar day given as YYYY-MM-DD (midnight UTC of it), BAD_USER_INPUT on the field otherwise. */
export function parseDay(field: string, value: string): Date {
  const date = DAY.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new BadUserInputError({ field, message: 'must be a date YYYY-MM-DD', reason: 'INVALID_DATE' });
  return date;
}

/**
 * A report's days `from`–`to` (both included, local days of each franchise), checked: `to` not
 * before `from`, at most `maxDays` days. `toExclusive` is the day after `to`; `widened` the
 * instants a day either side, which hold those local days in any zone: a statement narrows by
 * them first (as timestamptz parameters the planner estimates the rows and uses the indexes),
 * then decides by the local day.
 */
export function reportDays(input: { from: string; to: string }, maxDays: number): { from: Date; to: Date; toExclusive: string; widened: { from: Date; to: Date } } {
  const from = parseDay('from', input.from);
  const to = parseDay('to', input.to);
  if (to < from) throw new BadUserInputError({ field: 'to', message: 'must not be before from', reason: 'OUT_OF_RANGE' });
  if ((to.getTime() - from.getTime()) / DAY_MS + 1 > maxDays) throw new BadUserInputError({ field: 'to', message: `the period may span at most ${maxDays} days`, reason: 'OUT_OF_RANGE', params: { max: maxDays } });
  return { from, to, toExclusive: new Date(to.getTime() + DAY_MS).toISOString().slice(0, 10), widened: { from: new Date(from.getTime() - DAY_MS), to: new Date(to.getTime() + 2 * DAY_MS) } };
}
