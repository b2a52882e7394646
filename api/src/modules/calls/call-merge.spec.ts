import { CallState } from './call.entity';
import { callDurations, mergedState, timeProblems } from './call-merge';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, s));

describe('call merge rules', () => {
  it.each([
    [CallState.RINGING, CallState.ANSWERED, CallState.ANSWERED],
    [CallState.ANSWERED, CallState.RINGING, CallState.ANSWERED],
    [CallState.ENDED, CallState.ANSWERED, CallState.ENDED],
    [CallState.RINGING, CallState.ABANDONED, CallState.ABANDONED],
    [CallState.ABANDONED, CallState.ENDED, CallState.ABANDONED],
    [CallState.ENDED, CallState.ENDED, CallState.ENDED],
  ])('%s then %s is %s', (current, incoming, expected) => expect(mergedState(current, incoming)).toBe(expected));

  it('computes wait and talk seconds from the times given', () => {
    expect(callDurations({ offeredAt: at(0), answeredAt: at(12), endedAt: at(200), holdSeconds: 8 })).toEqual({ waitSeconds: 12, talkSeconds: 180 });
    expect(callDurations({ offeredAt: at(0), endedAt: at(9) })).toEqual({ waitSeconds: 9, talkSeconds: null });
    expect(callDurations({ offeredAt: at(0) })).toEqual({ waitSeconds: null, talkSeconds: null });
  });

  it('names the field of times that do not fit the state', () => {
    expect(timeProblems(CallState.ENDED, { offeredAt: at(10), answeredAt: at(5), endedAt: at(20) }).map((p) => [p.field, p.reason])).toEqual([['answeredAt', 'TIME_ORDER']]);
    expect(timeProblems(CallState.ABANDONED, { offeredAt: at(0), answeredAt: at(3), endedAt: at(9) }).map((p) => p.reason)).toEqual(['NOT_ANSWERED']);
    expect(timeProblems(CallState.ANSWERED, { offeredAt: at(0) }, 'events.2.').map((p) => p.field)).toEqual(['events.2.answeredAt']);
    expect(timeProblems(CallState.RINGING, { offeredAt: at(0) })).toEqual([]);
  });
});
