import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { publishLive } from '@pharmadesk/api';
import { inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api/src/core/tenancy/scope';
import { startTestApp, type TestApp } from '../support/app';
import { measure, report } from './measure';

const RUNS = Number(process.env.BENCH_OUTBOX_RUNS ?? 500);

/**
 * What the outbox costs a write: the same one-row update in its own transaction, without and
 * with one outbox event (the insert and its NOTIFY, one statement), timed end to end from
 * this process through commit; and the statements each adds.
 */
describe('the outbox per write', () => {
  let app: TestApp;
  let caseId: string;
  let franchiseId: string;
  let statements = 0;
  beforeAll(async () => {
    app = await startTestApp();
    const [row] = await inScopedTransaction(app.server.database.orm.em, SYSTEM_SCOPE, (em) => em.execute<{ id: string; franchise_id: string }[]>(`select id, franchise_id from service_case limit 1`));
    caseId = row!.id;
    franchiseId = row!.franchise_id;
    const knex = (app.server.database.orm.em.getConnection() as PostgreSqlConnection).getKnex();
    knex.on('query', () => void statements++);
  }, 300_000);
  afterAll(() => app?.stop());

  it('measures a write without and with an outbox event', async () => {
    const orm = app.server.database.orm;
    const write = (withEvent: boolean) =>
      inScopedTransaction(orm.em, SYSTEM_SCOPE, async (em) => {
        await em.execute(`update service_case set last_activity_at = now() where id = ?`, [caseId]);
        if (withEvent) await publishLive({ em, actor: null }, 'cases.changed', { id: caseId, franchiseId, change: 'updated' });
      });
    const count = async (withEvent: boolean) => {
      const before = statements;
      await write(withEvent);
      return statements - before;
    };
    const plain = await measure('write, no event', RUNS, () => write(false));
    const outbox = await measure('write + outbox event', RUNS, () => write(true));
    const statementsPlain = await count(false);
    const statementsOutbox = await count(true);
    report('outbox', [plain, outbox], {
      costP50Ms: Math.round((outbox.p50Ms - plain.p50Ms) * 100) / 100,
      costMeanMs: Math.round((outbox.meanMs - plain.meanMs) * 100) / 100,
      statementsPerWrite: statementsPlain,
      statementsPerWriteWithEvent: statementsOutbox,
    });
    expect(statementsOutbox - statementsPlain).toBe(1);
  }, 600_000);
});
