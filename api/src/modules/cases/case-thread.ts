import type { EntityManager } from '@mikro-orm/postgresql';
import { Case, CaseMessage, CaseMessageKind, type CaseAttachment } from './case.entity';
import { meetClocks, startNextResponseClock } from './sla.service';
import { SlaClockKind } from './sla.entity';
import { clock } from '../../core/clock';

/**
 * Adds a message to a case's thread and moves the response clocks: a customer-visible
 * reply meets the first and next response clocks; a customer message starts the next one.
 */
export async function addThreadMessage(
  em: EntityManager,
  c: Case,
  message: { kind: CaseMessageKind; body: string; authorId: string | null; attachments?: CaseAttachment[] },
  now = clock.now(),
): Promise<CaseMessage> {
  const created = em.create(CaseMessage, { franchiseId: c.franchiseId, caseId: c.id, kind: message.kind, body: message.body, authorId: message.authorId, attachments: message.attachments ?? [], createdAt: now });
  if (message.kind === CaseMessageKind.REPLY) {
    c.firstRespondedAt ??= now;
    await meetClocks(em, c, [SlaClockKind.FIRST_RESPONSE, SlaClockKind.NEXT_RESPONSE], now);
  } else if (message.kind === CaseMessageKind.CUSTOMER) {
    await startNextResponseClock(em, c, now);
  }
  c.lastActivityAt = now;
  return created;
}
