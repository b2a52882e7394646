import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import { API_VERSION } from '../../version';
import type { ServerInfo, ServerTime } from './system.types';
import { clock } from '../../core/clock';

export async function getServerInfo(ctx: RequestContext): Promise<ServerInfo> {
  const [row] = await ctx.em.getConnection().execute<{ server_version: string }[]>('show server_version');
  return { version: API_VERSION, now: clock.now(), databaseVersion: row!.server_version };
}

/** Ticks until the subscriber goes away; return() cancels the pending wait at once. */
export function serverClock(intervalSeconds: number): AsyncIterableIterator<ServerTime> {
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 1 || intervalSeconds > 60)
    throw new BadUserInputError({ field: 'intervalSeconds', message: `must be a whole number from 1 to 60 (got ${intervalSeconds})` });
  const stopped = new AbortController();
  let first = true;
  const done = { done: true, value: undefined } as const;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (!first) await sleep(intervalSeconds * 1000, undefined, { signal: stopped.signal }).catch(() => undefined);
      first = false;
      return stopped.signal.aborted ? done : { done: false, value: { now: clock.now() } };
    },
    async return() {
      stopped.abort();
      return done;
    },
  };
}
