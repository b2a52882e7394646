import 'reflect-metadata';
import { Entity, MikroORM, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { createLogger } from '@pharmadesk/api';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database';
import { Rng } from './rng';
import { runSeeders, type Seeder } from './seeder';

@Entity({ tableName: 'seeder_spec_store' })
class Store {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;
}

const logger = createLogger({ LOG_LEVEL: 'silent' });

describe('Rng', () => {
  it('gives the same sequence for the same seed and label, another for another', () => {
    const a = new Rng(42).derive('customers');
    const b = new Rng(42).derive('customers');
    const c = new Rng(42).derive('orders');
    const take = (r: Rng) => Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    const first = take(a);
    expect(take(b)).toEqual(first);
    expect(take(c)).not.toEqual(first);
    expect(new Rng(7).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('stays within bounds and picks by weight', () => {
    const rng = new Rng('bounds');
    const ints = Array.from({ length: 1000 }, () => rng.int(3, 5));
    expect(Math.min(...ints)).toBe(3);
    expect(Math.max(...ints)).toBe(5);
    const picks = Array.from({ length: 2000 }, () => rng.pickWeighted([['often', 9], ['rare', 1]] as const));
    const often = picks.filter((p) => p === 'often').length / picks.length;
    expect(often).toBeGreaterThan(0.85);
    expect(often).toBeLessThan(0.95);
  });
});

describe('runSeeders', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  const storeSeeder: Seeder = {
    name: 'stores',
    async run({ em, rng }) {
      for (let i = 0; i < 3; i++) em.create(Store, { id: rng.uuid(), name: `门店 ${rng.int(1, 99)}` });
    },
  };
  const count = () => orm.em.fork().count(Store, {});

  beforeEach(async () => {
    database = await createTestDatabase();
    orm = await MikroORM.init({ clientUrl: database.url, entities: [Store] });
    await orm.schema.createSchema();
    // The template carries the demo data set's run records; these tests start with none.
    await orm.em.getConnection().execute('delete from pharmadesk_seed_run');
  });
  afterEach(async () => {
    await orm.close(true);
    await database.drop();
  });

  it('seeds an empty database once, deterministically', async () => {
    expect(await runSeeders(orm, [storeSeeder], { logger })).toEqual({ ran: ['stores'], skipped: [] });
    const first = (await orm.em.fork().find(Store, {}, { orderBy: { id: 'asc' } })).map((s) => [s.id, s.name]);
    expect(first).toHaveLength(3);
    expect(await runSeeders(orm, [storeSeeder], { logger })).toEqual({ ran: [], skipped: ['stores'] });
    expect(await count()).toBe(3);

    // Same seed on another database: the same records.
    const other = await createTestDatabase();
    const otherOrm = await MikroORM.init({ clientUrl: other.url, entities: [Store] });
    try {
      await otherOrm.schema.createSchema();
      await runSeeders(otherOrm, [storeSeeder], { logger });
      const again = (await otherOrm.em.fork().find(Store, {}, { orderBy: { id: 'asc' } })).map((s) => [s.id, s.name]);
      expect(again).toEqual(first);
    } finally {
      await otherOrm.close(true);
      await other.drop();
    }
  });

  it('leaves nothing behind from a seeder that fails, and runs it again next time', async () => {
    const failing: Seeder = {
      name: 'stores',
      async run({ em }) {
        em.create(Store, { id: '00000000-0000-4000-8000-000000000001', name: 'half' });
        await em.flush();
        throw new Error('boom');
      },
    };
    await expect(runSeeders(orm, [failing], { logger })).rejects.toThrow('boom');
    expect(await count()).toBe(0);
    expect((await runSeeders(orm, [storeSeeder], { logger })).ran).toEqual(['stores']);
  });

  it('never touches a database holding data it did not write', async () => {
    const em = orm.em.fork();
    em.create(Store, { id: '00000000-0000-4000-8000-000000000002', name: '真实门店' });
    await em.flush();
    const result = await runSeeders(orm, [storeSeeder], { logger });
    expect(result.ran).toEqual([]);
    expect(result.refused).toMatch(/seeder_spec_store/);
    expect(await count()).toBe(1);
  });
});
