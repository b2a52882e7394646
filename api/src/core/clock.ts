/**
 * The one clock. Everything that reads "now" as a business time (entity timestamps, services,
 * jobs, SLA, seeds) reads it here, so tests and the demo replay can move it.
 *
 * What deliberately stays on the wall clock: security windows that measure real elapsed time
 * (access/refresh token expiry, sign-in throttling, API-key rate windows), timeouts, and timings.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** The current instant in epoch milliseconds. */
  nowMs(): number;
}

class SettableClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  nowMs(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Moves the clock to `at`; time keeps running from there. */
  travelTo(at: Date | string | number): void {
    this.frozenAt = null;
    this.offsetMs = instant(at) - Date.now();
  }

  /** Stops the clock at `at` until it is moved again or reset. */
  freezeAt(at: Date | string | number): void {
    this.frozenAt = instant(at);
  }

  /** Moves the clock forward (or back, with a negative amount), frozen or running. */
  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  /** Back to the wall clock. */
  reset(): void {
    this.frozenAt = null;
    this.offsetMs = 0;
  }

  /** Runs `work` with the clock moved to `at`, then puts it back where it was (running). */
  async at<T>(at: Date | string | number, work: () => Promise<T>): Promise<T> {
    const saved = { offsetMs: this.offsetMs, frozenAt: this.frozenAt };
    this.freezeAt(at);
    try {
      return await work();
    } finally {
      Object.assign(this, saved);
    }
  }
}

function instant(at: Date | string | number): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`Not an instant: ${String(at)}`);
  return ms;
}

export const clock = new SettableClock();
export type { SettableClock };

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** Recent dates per (zone, minute): even formatting costs more than the rest of a stock page's row (its expiry fields ask for today in the warehouse's zone twice per row). */
const recentDates = new Map<string, string>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone (the franchise's), default UTC. */
export function calendarDate(at: Date, timeZone = 'UTC'): string {
  // Days start on a whole minute in every zone's current rules: an instant's minute has its date.
  const key = `${timeZone} ${Math.floor(at.getTime() / 60_000)}`;
  let date = recentDates.get(key);
  if (date) return date;
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  date = format.format(at);
  if (recentDates.size >= 1_000) recentDates.clear();
  recentDates.set(key, date);
  return date;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Date and time of day (YYYY-MM-DD HH:mm) of an instant in a time zone, as a customer reads it in a message. */
export function localDateTime(at: Date, timeZone = 'UTC'): string {
  let format = dateTimeFormats.get(timeZone);
  if (!format) dateTimeFormats.set(timeZone, (format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return format.format(at);
}
