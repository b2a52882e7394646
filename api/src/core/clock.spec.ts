import { calendarDate, clock } from './clock';

describe('clock', () => {
  // From the wall clock, also in the run where the test setup moved the clock to an awkward instant.
  beforeEach(() => clock.reset());
  afterEach(() => clock.reset());

  it('reads the wall clock until moved, then runs on from where it was moved', async () => {
    expect(Math.abs(clock.nowMs() - Date.now())).toBeLessThan(50);
    clock.travelTo('2028-02-29T23:30:00+08:00');
    const first = clock.nowMs();
    expect(first - Date.parse('2028-02-29T15:30:00Z')).toBeLessThan(50);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.nowMs()).toBeGreaterThan(first);
  });

  it('freezes, advances and restores after a scoped run', async () => {
    clock.freezeAt('2026-12-31T23:59:00Z');
    clock.advance(120_000);
    expect(clock.now().toISOString()).toBe('2027-01-01T00:01:00.000Z');
    const inside = await clock.at('2020-01-01T00:00:00Z', async () => clock.now().toISOString());
    expect(inside).toBe('2020-01-01T00:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2027-01-01T00:01:00.000Z');
    expect(() => clock.travelTo('not a date')).toThrow('Not an instant');
  });

  it('gives the calendar date in a zone', () => {
    const at = new Date('2028-02-29T16:30:00Z');
    expect(calendarDate(at)).toBe('2028-02-29');
    expect(calendarDate(at, 'Asia/Shanghai')).toBe('2028-03-01');
  });
});
