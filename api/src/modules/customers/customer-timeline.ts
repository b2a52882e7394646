import type { RequestContext } from '../../core/context';
import { decodeCursor, encodeCursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../core/graphql/paging';
import { BadUserInputError } from '../../core/errors';
import { enabledPluginsFor } from '../../core/plugins/enablement';
import { installedPlugins } from '../../core/plugins/host';
import type { PluginPointSpec } from '../../core/plugins/plugin';
import type { TimelineConnection, TimelineEntry } from './customer.types';

/** An entry with a key that orders entries sharing a timestamp (e.g. "case:<id>"). */
export interface ProvidedEntry extends TimelineEntry {
  key: string;
}

/**
 * The timeline extension point: a module (in its manifest's `contributes`) or a plugin adds
 * what it knows about a customer by providing entries newest first, at or before `before`.
 */
export interface TimelineProvider {
  kind: string;
  entries(ctx: RequestContext, customerId: string, options: { before?: Date; limit: number }): Promise<ProvidedEntry[]>;
}

declare module '../../core/plugins/plugin' {
  interface PluginContributions<O> {
    /** Entries on the customer's timeline. */
    timelineProviders?: readonly TimelineProvider[];
  }
}

/** The plugin point the customers module offers (names unique across plugins). */
export const timelinePluginPoint: PluginPointSpec = { field: 'timelineProviders', label: 'timeline kind', key: (t: TimelineProvider) => t.kind };

/** The providers of the plugins (core's modules included) the franchise enabled. */
async function providersFor(ctx: RequestContext, franchiseId: string): Promise<TimelineProvider[]> {
  const enabled = await enabledPluginsFor(ctx.em, franchiseId);
  return enabled.flatMap((e) => e.plugin.timelineProviders ?? []);
}

export function timelineKinds(): string[] {
  return installedPlugins().flatMap((p) => (p.timelineProviders ?? []).map((t) => t.kind));
}

type Cursor = { at: string; key: string };

const newerFirst = (a: ProvidedEntry, b: ProvidedEntry) =>
  b.occurredAt.getTime() - a.occurredAt.getTime() || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);

/**
 * Everything that happened to a customer, newest first, across providers, paged with an
 * opaque cursor. Each provider returns its newest entries not after the cursor; the
 * merge keeps the page exact across providers.
 */
export async function customerTimeline(
  ctx: RequestContext,
  customer: { id: string; franchiseId: string },
  args: { first?: number | null; after?: string | null; kinds?: string[] | null },
): Promise<TimelineConnection> {
  const customerId = customer.id;
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (limit < 1 || limit > MAX_PAGE_SIZE) throw new BadUserInputError({ field: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` });
  const known = timelineKinds();
  const unknown = (args.kinds ?? []).filter((k) => !known.includes(k));
  if (unknown.length) throw new BadUserInputError({ field: 'kinds', message: `unknown kind ${unknown.join(', ')}; known: ${timelineKinds().join(', ')}` });
  const cursor = args.after ? decodeCursor<Cursor>('after', args.after) : undefined;
  const before = cursor ? new Date(cursor.at) : undefined;
  const selected = (await providersFor(ctx, customer.franchiseId)).filter((p) => !args.kinds?.length || args.kinds.includes(p.kind));
  // Entries sharing the cursor's timestamp come back again; fetch enough to skip them.
  const batches = await Promise.all(selected.map((p) => p.entries(ctx, customerId, { before, limit: limit + 1 + (cursor ? limit : 0) })));
  const merged = batches
    .flat()
    .filter((e) => !cursor || newerFirst(e, { occurredAt: new Date(cursor.at), key: cursor.key } as ProvidedEntry) > 0)
    .sort(newerFirst);
  const page = merged.slice(0, limit);
  const last = page[page.length - 1];
  return {
    nodes: page.map(({ key: _key, ...entry }) => entry),
    pageInfo: {
      totalCountIsEstimate: false,
      hasNextPage: merged.length > limit,
      hasPreviousPage: !!cursor,
      startCursor: page[0] ? encodeCursor({ at: page[0].occurredAt.toISOString(), key: page[0].key }) : null,
      endCursor: last ? encodeCursor({ at: last.occurredAt.toISOString(), key: last.key }) : null,
    },
  };
}
