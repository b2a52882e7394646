import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { NotFoundError } from '../../core/errors';
import { offsetPageInfo, offsetWindow, type ConnectionData, type OffsetPaging } from '../../core/graphql/paging';
import { EventReactionStatus, type EventReaction } from './event.types';

type Row = { id: string; event_id: string; topic: string; handler: string; franchise_id: string; status: EventReactionStatus; attempts: number; last_error: string | null; payload: unknown; occurred_at: Date; updated_at: Date; total?: string };

const COLUMNS = `r.id, r.event_id, e.topic, r.handler, r.franchise_id, r.status, r.attempts, r.last_error, e.payload, e.occurred_at, r.updated_at`;

const toReaction = (r: Row): EventReaction => ({
  id: r.id,
  eventId: r.event_id,
  eventType: r.topic,
  handler: r.handler,
  franchiseId: r.franchise_id,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  payload: r.payload,
  occurredAt: new Date(r.occurred_at),
  updatedAt: new Date(r.updated_at),
});

/** Reactions that failed for good, newest first (RLS keeps them to the caller's scope). */
export async function listDeadLetters(ctx: RequestContext, args: { status?: EventReactionStatus | null; paging?: OffsetPaging | null }): Promise<ConnectionData<EventReaction>> {
  requireActor(ctx);
  const window = offsetWindow(args.paging);
  const rows = await ctx.em.execute<Row[]>(
    `select ${COLUMNS}, count(*) over () as total from event_reaction r join event_outbox e on e.id = r.event_id
      where r.status = ? order by r.updated_at desc, r.id limit ? offset ?`,
    [args.status ?? EventReactionStatus.DEAD, window.limit, window.offset],
  );
  const totalCount = Number(rows[0]?.total ?? 0);
  return { nodes: rows.map(toReaction), totalCount, pageInfo: offsetPageInfo(window, rows.length, totalCount) };
}

/** Sends a dead reaction back to the queue (the job runner picks it up within a second or two). */
export async function retryDeadLetter(ctx: RequestContext, id: string): Promise<EventReaction> {
  requireActor(ctx);
  const [row] = await ctx.em.execute<Row[]>(
    `with r as (update event_reaction set status = 'RETRY', updated_at = now() where id = ? and status = 'DEAD' returning *)
     select ${COLUMNS} from r join event_outbox e on e.id = r.event_id`,
    [id],
  );
  if (!row) throw new NotFoundError('Dead event reaction', id);
  return toReaction(row);
}

/**
 * Sends back to the queue the dead reactions to `topic` events whose payload holds `match`
 * (a message's delivery, when the message is retried from its own page): the same reactions
 * run again, so no dead letter stays behind for work that was retried. How many there were.
 */
export async function retryDeadLettersOf(ctx: RequestContext, topic: string, match: Record<string, unknown>): Promise<number> {
  requireActor(ctx);
  const rows = await ctx.em.execute<{ id: string }[]>(
    `update event_reaction r set status = 'RETRY', updated_at = now() from event_outbox e
      where e.id = r.event_id and r.status = 'DEAD' and e.topic = ? and e.payload @> ?::jsonb returning r.id`,
    [topic, JSON.stringify(match)],
  );
  return rows.length;
}
