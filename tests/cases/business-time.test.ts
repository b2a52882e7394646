import {
  ALWAYS_OPEN,
  DEFAULT_CALENDAR,
  addBusinessMinutes,
  businessMinutesBetween,
  endOfWorkingDays,
  isWorkingTime,
  nextWorkingTime,
  validateCalendar,
  type BusinessCalendarSpec,
  type WorkingPeriod,
} from '../../api/src/modules/cases/business-time';

/** An instant written in a fixed UTC offset, e.g. '2026-09-14T10:00:00+08:00', for readable failures. */
function local(d: Date, offset = '+08:00'): string {
  const minutes = (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date(d.getTime() + minutes * 60_000).toISOString().replace(/(\.000)?Z$/, offset);
}
const at = (iso: string): Date => new Date(iso);

/** Deterministic PRNG (mulberry32) for the property checks. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const weekdays = (periods: WorkingPeriod[]): BusinessCalendarSpec['workingHours'] => ({ 0: [], 1: periods, 2: periods, 3: periods, 4: periods, 5: periods, 6: [] });

/** The default calendar plus National Day 2026 (Oct 1–7) and its make-up days (Sunday Sep 20, Saturday Oct 10). */
const CN_2026: BusinessCalendarSpec = {
  ...DEFAULT_CALENDAR,
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: [{ date: '2026-09-20' }, { date: '2026-10-10' }],
};

const BERLIN: BusinessCalendarSpec = { timeZone: 'Europe/Berlin', workingHours: weekdays([{ start: '09:00', end: '17:00' }]), holidays: [] };

describe('addBusinessMinutes (Asia/Shanghai, Mon–Fri 09:00–12:00 and 13:00–18:00)', () => {
  const add = (start: string, minutes: number, cal = DEFAULT_CALENDAR) => local(addBusinessMinutes(cal, at(start), minutes));

  it('counts within a single period', () => {
    expect(add('2026-09-14T09:30:00+08:00', 90)).toBe('2026-09-14T11:00:00+08:00');
  });

  it('skips the lunch break', () => {
    expect(add('2026-09-14T11:30:00+08:00', 60)).toBe('2026-09-14T13:30:00+08:00');
  });

  it('carries over the end of the day into the next morning', () => {
    expect(add('2026-09-14T17:30:00+08:00', 60)).toBe('2026-09-15T09:30:00+08:00');
  });

  it('ends at closing time when the minutes use up the day exactly', () => {
    expect(add('2026-09-14T17:00:00+08:00', 60)).toBe('2026-09-14T18:00:00+08:00');
  });

  it('skips the weekend from Friday afternoon to Monday', () => {
    expect(add('2026-09-11T16:00:00+08:00', 180)).toBe('2026-09-14T10:00:00+08:00');
  });

  it('skips holidays', () => {
    expect(add('2026-09-30T17:00:00+08:00', 120, CN_2026)).toBe('2026-10-08T10:00:00+08:00');
    expect(add('2026-09-30T17:00:00+08:00', 120)).toBe('2026-10-01T10:00:00+08:00');
  });

  it('counts make-up working days, with Monday hours unless given', () => {
    expect(add('2026-10-09T17:00:00+08:00', 120, CN_2026)).toBe('2026-10-10T10:00:00+08:00');
    expect(add('2026-09-18T17:30:00+08:00', 60, CN_2026)).toBe('2026-09-20T09:30:00+08:00');
    const shortSaturday = { ...CN_2026, extraWorkdays: [{ date: '2026-10-10', periods: [{ start: '10:00', end: '12:00' }] }] };
    expect(add('2026-10-09T17:00:00+08:00', 120, shortSaturday)).toBe('2026-10-10T11:00:00+08:00');
  });

  it('starts the clock at the next opening when started outside working hours', () => {
    expect(add('2026-09-14T07:00:00+08:00', 30)).toBe('2026-09-14T09:30:00+08:00'); // before opening
    expect(add('2026-09-14T12:30:00+08:00', 30)).toBe('2026-09-14T13:30:00+08:00'); // lunch
    expect(add('2026-09-14T22:00:00+08:00', 30)).toBe('2026-09-15T09:30:00+08:00'); // night
    expect(add('2026-09-13T10:00:00+08:00', 30)).toBe('2026-09-14T09:30:00+08:00'); // Sunday
  });

  it('returns the start, or the next opening, for zero minutes', () => {
    expect(add('2026-09-14T10:15:00+08:00', 0)).toBe('2026-09-14T10:15:00+08:00');
    expect(add('2026-09-14T18:00:00+08:00', 0)).toBe('2026-09-15T09:00:00+08:00');
  });

  it('accepts fractional minutes with millisecond precision', () => {
    expect(add('2026-09-14T09:00:00+08:00', 1.2345)).toBe('2026-09-14T09:01:14.070+08:00');
  });

  it('adds ten working days (4800 minutes) a day at a time', () => {
    expect(add('2026-09-14T09:00:00+08:00', 4800)).toBe('2026-09-25T18:00:00+08:00');
    expect(add('2026-09-14T09:00:00+08:00', 4800, CN_2026)).toBe('2026-09-24T18:00:00+08:00'); // Sunday Sep 20 is worked
  });

  it('rejects negative or non-finite minutes and does not mutate its inputs', () => {
    expect(() => addBusinessMinutes(DEFAULT_CALENDAR, at('2026-09-14T09:00:00+08:00'), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(DEFAULT_CALENDAR, at('2026-09-14T09:00:00+08:00'), NaN)).toThrow(RangeError);
    const cal = structuredClone(CN_2026);
    const start = at('2026-09-30T17:00:00+08:00');
    addBusinessMinutes(cal, start, 600);
    expect(cal).toEqual(CN_2026);
    expect(start.toISOString()).toBe('2026-09-30T09:00:00.000Z');
  });
});

describe('businessMinutesBetween', () => {
  const between = (from: string, to: string, cal = DEFAULT_CALENDAR) => businessMinutesBetween(cal, at(from), at(to));

  it('counts only working minutes', () => {
    expect(between('2026-09-14T11:30:00+08:00', '2026-09-14T13:30:00+08:00')).toBe(60);
    expect(between('2026-09-11T16:00:00+08:00', '2026-09-14T10:00:00+08:00')).toBe(180);
    expect(between('2026-09-30T17:00:00+08:00', '2026-10-08T10:00:00+08:00', CN_2026)).toBe(120);
  });

  it('is 0 when `to` is not after `from`', () => {
    expect(between('2026-09-14T10:00:00+08:00', '2026-09-14T10:00:00+08:00')).toBe(0);
    expect(between('2026-09-14T11:00:00+08:00', '2026-09-14T10:00:00+08:00')).toBe(0);
  });

  it('sums a whole year: 261 weekdays in 2026, 258 with National Day and two make-up days', () => {
    expect(between('2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00')).toBe(261 * 480);
    expect(between('2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00', CN_2026)).toBe(258 * 480);
  });

  it.each([
    ['Asia/Shanghai with holidays', CN_2026, '2026-09-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00'],
    ['Europe/Berlin around both DST changes', BERLIN, '2026-03-01T00:00:00+01:00', '2026-11-15T00:00:00+01:00'],
  ])('is the inverse of addBusinessMinutes on 200 seeded samples (%s)', (_name, cal, fromIso, toIso) => {
    const random = prng(20260914);
    const [lo, hi] = [at(fromIso).getTime(), at(toIso).getTime()];
    for (let i = 0; i < 200; i++) {
      const start = new Date(lo + Math.floor(random() * (hi - lo)));
      const minutes = i % 25 === 0 ? 0 : Math.floor(random() * 10 * 480 * 60_000) / 60_000; // up to 10 working days, whole ms
      const more = 1 + Math.floor(random() * 600);
      const due = addBusinessMinutes(cal, start, minutes);
      expect(Math.round(businessMinutesBetween(cal, start, due) * 60_000)).toBe(Math.round(minutes * 60_000));
      expect(due.getTime()).toBeGreaterThanOrEqual(nextWorkingTime(cal, start).getTime());
      expect(addBusinessMinutes(cal, due, more)).toEqual(addBusinessMinutes(cal, start, minutes + more));
    }
  });
});

describe('endOfWorkingDays', () => {
  const end = (start: string, days: number, cal = CN_2026) => local(endOfWorkingDays(cal, at(start), days));

  it('does not count the starting day, even before opening', () => {
    expect(end('2026-09-14T08:00:00+08:00', 1)).toBe('2026-09-15T18:00:00+08:00');
  });

  it('skips weekends', () => {
    expect(end('2026-09-11T10:00:00+08:00', 1, DEFAULT_CALENDAR)).toBe('2026-09-14T18:00:00+08:00');
    expect(end('2026-09-12T10:00:00+08:00', 1, DEFAULT_CALENDAR)).toBe('2026-09-14T18:00:00+08:00');
  });

  it('skips holidays and counts make-up days', () => {
    expect(end('2026-09-29T15:00:00+08:00', 1)).toBe('2026-09-30T18:00:00+08:00');
    expect(end('2026-09-29T15:00:00+08:00', 2)).toBe('2026-10-08T18:00:00+08:00');
    expect(end('2026-09-29T15:00:00+08:00', 4)).toBe('2026-10-10T18:00:00+08:00'); // make-up Saturday
    expect(end('2026-09-29T15:00:00+08:00', 5)).toBe('2026-10-12T18:00:00+08:00');
  });

  it('rejects fewer than one day', () => {
    expect(() => endOfWorkingDays(CN_2026, at('2026-09-29T15:00:00+08:00'), 0)).toThrow(RangeError);
  });
});

describe('isWorkingTime and nextWorkingTime', () => {
  it('treats periods as [start, end)', () => {
    expect(isWorkingTime(DEFAULT_CALENDAR, at('2026-09-14T09:00:00+08:00'))).toBe(true);
    expect(isWorkingTime(DEFAULT_CALENDAR, at('2026-09-14T12:00:00+08:00'))).toBe(false);
    expect(isWorkingTime(CN_2026, at('2026-10-02T10:00:00+08:00'))).toBe(false);
    expect(isWorkingTime(CN_2026, at('2026-10-10T10:00:00+08:00'))).toBe(true);
  });

  it('returns the instant itself inside working time, else the next opening', () => {
    expect(local(nextWorkingTime(DEFAULT_CALENDAR, at('2026-09-14T10:15:00+08:00')))).toBe('2026-09-14T10:15:00+08:00');
    expect(local(nextWorkingTime(DEFAULT_CALENDAR, at('2026-09-14T12:00:00+08:00')))).toBe('2026-09-14T13:00:00+08:00');
    expect(local(nextWorkingTime(CN_2026, at('2026-10-01T08:00:00+08:00')))).toBe('2026-10-08T09:00:00+08:00');
  });
});

describe('Europe/Berlin across the switch to summer time (Sunday 2026-03-29)', () => {
  it('keeps working hours at 09:00–17:00 local on both sides', () => {
    expect(local(addBusinessMinutes(BERLIN, at('2026-03-27T16:00:00+01:00'), 120), '+02:00')).toBe('2026-03-30T10:00:00+02:00');
    expect(local(nextWorkingTime(BERLIN, at('2026-03-29T12:00:00+02:00')), '+02:00')).toBe('2026-03-30T09:00:00+02:00');
    expect(local(endOfWorkingDays(BERLIN, at('2026-03-26T12:00:00+01:00'), 2), '+02:00')).toBe('2026-03-30T17:00:00+02:00');
    // The same UTC time of day is before opening on Friday and inside working hours on Monday.
    expect(isWorkingTime(BERLIN, at('2026-03-27T07:30:00Z'))).toBe(false);
    expect(isWorkingTime(BERLIN, at('2026-03-30T07:30:00Z'))).toBe(true);
  });

  it('counts two full working days between Friday opening and Monday closing', () => {
    expect(businessMinutesBetween(BERLIN, at('2026-03-27T09:00:00+01:00'), at('2026-03-30T17:00:00+02:00'))).toBe(960);
  });

  it('also holds when clocks go back (Sunday 2026-10-25)', () => {
    expect(local(addBusinessMinutes(BERLIN, at('2026-10-23T16:00:00+02:00'), 120), '+01:00')).toBe('2026-10-26T10:00:00+01:00');
  });

  it('counts the hours actually worked in a period spanning the switch', () => {
    const nightShift = { ...BERLIN, workingHours: { ...BERLIN.workingHours, 0: [{ start: '01:00', end: '04:00' }] } };
    expect(businessMinutesBetween(nightShift, at('2026-03-29T00:00:00+01:00'), at('2026-03-29T12:00:00+02:00'))).toBe(120);
    expect(businessMinutesBetween(nightShift, at('2026-10-25T00:00:00+02:00'), at('2026-10-25T12:00:00+01:00'))).toBe(240);
  });
});

describe('ALWAYS_OPEN', () => {
  it('equals wall-clock time', () => {
    const random = prng(7);
    for (let i = 0; i < 50; i++) {
      const start = new Date(at('2026-01-01T00:00:00+08:00').getTime() + Math.floor(random() * 365 * 86_400_000));
      const minutes = Math.floor(random() * 20_000 * 60_000) / 60_000;
      const due = addBusinessMinutes(ALWAYS_OPEN, start, minutes);
      expect(due.getTime() - start.getTime()).toBe(Math.round(minutes * 60_000));
      expect(businessMinutesBetween(ALWAYS_OPEN, start, due) * 60_000).toBeCloseTo(due.getTime() - start.getTime(), 3);
      expect(isWorkingTime(ALWAYS_OPEN, start)).toBe(true);
    }
    expect(local(addBusinessMinutes(ALWAYS_OPEN, at('2026-10-01T23:30:00+08:00'), 60))).toBe('2026-10-02T00:30:00+08:00');
  });

  it('counts real elapsed time across a DST change', () => {
    const berlin = { ...ALWAYS_OPEN, timeZone: 'Europe/Berlin' };
    expect(local(addBusinessMinutes(berlin, at('2026-03-28T12:00:00+01:00'), 24 * 60), '+02:00')).toBe('2026-03-29T13:00:00+02:00');
  });
});

describe('validateCalendar', () => {
  it('accepts the built-in calendars', () => {
    expect(validateCalendar(DEFAULT_CALENDAR)).toEqual([]);
    expect(validateCalendar(ALWAYS_OPEN)).toEqual([]);
    expect(validateCalendar(CN_2026)).toEqual([]);
    expect(validateCalendar(BERLIN)).toEqual([]);
  });

  const broken: BusinessCalendarSpec = {
    timeZone: 'Mars/Olympus',
    workingHours: {
      0: [],
      1: [{ start: '09:00', end: '18:00' }],
      2: [{ start: '18:00', end: '09:00' }],
      3: [{ start: '09:00', end: '12:00' }, { start: '11:30', end: '14:00' }],
      4: [{ start: '9:00', end: '12:00' }],
      5: [{ start: '09:00', end: '24:00' }],
      6: [],
    },
    holidays: ['2026-02-30', '2026-10-01'],
    extraWorkdays: [{ date: '2026/10/10' }, { date: '2026-10-01' }],
  };

  it('lists every problem in plain words', () => {
    expect(validateCalendar(broken)).toEqual([
      'Unknown time zone "Mars/Olympus"',
      'workingHours[2] (Tuesday) period 1: start 18:00 is not before end 09:00',
      'workingHours[3] (Wednesday): periods 09:00–12:00 and 11:30–14:00 overlap',
      'workingHours[4] (Thursday) period 1: start "9:00" is not a valid HH:MM time',
      'holidays[0]: "2026-02-30" is not a valid YYYY-MM-DD date',
      'extraWorkdays[0]: "2026/10/10" is not a valid YYYY-MM-DD date',
      'extraWorkdays[1]: 2026-10-01 is also a holiday',
    ]);
    expect(validateCalendar({ ...DEFAULT_CALENDAR, workingHours: weekdays([]) })).toEqual(['The calendar has no working time in any day of the week']);
  });

  it('makes the clock functions refuse an invalid calendar', () => {
    expect(() => addBusinessMinutes(broken, at('2026-09-14T09:00:00+08:00'), 10)).toThrow('Invalid business calendar: Unknown time zone "Mars/Olympus"');
  });

  it('throws instead of looping forever when no working time comes within three years', () => {
    const sundays = Array.from({ length: 5 * 53 }, (_, i) => new Date(Date.UTC(2026, 0, 4 + 7 * i)).toISOString().slice(0, 10));
    const neverOpen: BusinessCalendarSpec = { ...DEFAULT_CALENDAR, workingHours: { ...weekdays([]), 0: [{ start: '09:00', end: '10:00' }] }, holidays: sundays };
    const start = at('2026-01-01T00:00:00+08:00');
    expect(() => addBusinessMinutes(neverOpen, start, 10)).toThrow(/no working time/);
    expect(() => nextWorkingTime(neverOpen, start)).toThrow(/no working time/);
    expect(() => endOfWorkingDays(neverOpen, start, 1)).toThrow(/no working time/);
  });
});
