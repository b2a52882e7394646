import { Client } from 'pg';
import { API_GROUP_ROLE, API_LOGIN_ROLE, initOrm, OrgUnit, StaffUser, createLogger } from '@pharmadesk/api';
import { apiConnectionUrl } from '@pharmadesk/api/src/core/tenancy/app-role';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { testAuthSecret } from '../support/test-env';

/**
 * The guarantee behind the ORM filter: PostgreSQL row-level security, checked as the
 * role the API connects with.
 */
describe('row-level security backstop', () => {
  let database: TestDatabase;
  let apiUrl: string;
  let owner: Client;
  let franchises: { east: string; west: string };
  let tenantTables: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    apiUrl = await apiConnectionUrl({ ownerUrl: database.url, secret: testAuthSecret(), logger: createLogger({ LOG_LEVEL: 'silent' }) });
    owner = new Client({ connectionString: database.url });
    await owner.connect();
    const { rows } = await owner.query<{ id: string; code: string }>(`select id, code from org_unit where kind = 'FRANCHISE'`);
    franchises = { east: rows.find((r) => r.code === 'EAST')!.id, west: rows.find((r) => r.code === 'WEST')!.id };
    const tables = await owner.query<{ table_name: string }>(
      `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'franchise_id' order by table_name`,
    );
    tenantTables = tables.rows.map((r) => r.table_name);
  });
  afterAll(async () => {
    await owner.end();
    await database.drop();
  });

  async function asApi<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: apiUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  it('connects as a role that is neither superuser nor BYPASSRLS', async () => {
    const [role] = await asApi(async (c) => (await c.query('select current_user as name, rolsuper, rolbypassrls from pg_roles where rolname = current_user')).rows);
    expect(role).toEqual({ name: API_LOGIN_ROLE, rolsuper: false, rolbypassrls: false });
    const { rows } = await owner.query(`select rolsuper, rolbypassrls from pg_roles where rolname = $1`, [API_GROUP_ROLE]);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('has RLS enabled and forced on every tenant table', async () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['org_unit', 'staff_user', 'role', 'api_key', 'audit_log', 'auth_session', 'auth_refresh_token']));
    const { rows } = await owner.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `select relname, relrowsecurity, relforcerowsecurity from pg_class where relname = any($1) and relkind = 'r'`,
      [tenantTables],
    );
    expect(rows).toHaveLength(tenantTables.length);
    expect(rows.filter((r) => !r.relrowsecurity || !r.relforcerowsecurity).map((r) => r.relname)).toEqual([]);
  });

  it('shows nothing of any tenant table when no scope is set', async () => {
    const counts = await asApi(async (c) => {
      const result: Record<string, number> = {};
      for (const table of tenantTables) {
        // role keeps its shared (franchise-less) templates visible; count only franchise rows
        const { rows } = await c.query(`select count(*)::int as n from "${table}" where franchise_id is not null`);
        result[table] = rows[0].n;
      }
      return result;
    });
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    const { rows } = await owner.query(`select count(*)::int as n from staff_user`);
    expect(rows[0].n).toBeGreaterThan(10); // the data is there, just not visible
  });

  it('shows one franchise only its own rows, and refuses writing into another', async () => {
    await asApi(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.franchise_ids', $1, true)`, [franchises.east]);
      for (const table of tenantTables) {
        const { rows } = await c.query(`select count(*)::int as n from "${table}" where franchise_id is not null and franchise_id <> $1`, [franchises.east]);
        expect({ table, foreign: rows[0].n }).toEqual({ table, foreign: 0 });
      }
      const east = await c.query(`select count(*)::int as n from staff_user`);
      expect(east.rows[0].n).toBeGreaterThan(0);
      await expect(c.query(`update staff_user set display_name = 'x' where franchise_id = $1 returning id`, [franchises.west])).resolves.toMatchObject({ rowCount: 0 });
      await expect(
        c.query(`insert into audit_log (id, franchise_id, actor_type, actor_label, operation, target_ids, changes, created_at) values (gen_random_uuid(), $1, 'SYSTEM', 'x', 'x', '{}', '{}', now())`, [franchises.west]),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
    });
  });

  it('keeps the audit log append-only for the API', async () => {
    await asApi(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.franchise_ids', '*', true)`);
      await expect(c.query(`delete from audit_log`)).rejects.toThrow(/permission denied/);
      await c.query('rollback');
    });
  });

  it('still hides other franchises from the ORM with its tenant filter turned off', async () => {
    const orm = await initOrm({ clientUrl: apiUrl });
    try {
      const rows = await orm.em.fork().transactional(async (em) => {
        await em.execute(`select set_config('app.franchise_ids', ?, true)`, [franchises.east]);
        const staff = await em.find(StaffUser, {}, { filters: false });
        const units = await em.find(OrgUnit, { franchiseId: franchises.west }, { filters: false });
        return { staff, units };
      });
      expect(rows.staff.length).toBeGreaterThan(0);
      expect(rows.staff.every((s) => s.franchiseId === franchises.east)).toBe(true);
      expect(rows.units).toEqual([]);
    } finally {
      await orm.close(true);
    }
  });
});
