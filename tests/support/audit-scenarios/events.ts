import { Client } from 'pg';
import type { AuditScenario } from './index';

/** HQ sends a dead event reaction back to the queue (made dead here; tests/platform/outbox.test.ts shows the real path). */
export const eventsAuditScenario: AuditScenario = async ({ app, hq, run }) => {
  const db = new Client({ connectionString: app.database.url });
  await db.connect();
  try {
    await db.query(`select set_config('app.franchise_ids', '*', false)`);
    const { rows } = await db.query<{ id: string }>(
      `with e as (insert into event_outbox (franchise_id, topic, payload, occurred_at)
                  select id, 'case.created', '{"caseId": "00000000-0000-4000-8000-000000000001"}', now() from org_unit where code = 'EAST' returning id, franchise_id)
       insert into event_reaction (event_id, handler, franchise_id, status, attempts, last_error) select id, 'core/audit example', franchise_id, 'DEAD', 6, 'provider down' from e returning id`,
    );
    await run(hq, 'retryEventReaction', 'mutation($id: ID!) { retryEventReaction(id: $id) { status } }', { id: rows[0]!.id });
  } finally {
    await db.end();
  }
};
