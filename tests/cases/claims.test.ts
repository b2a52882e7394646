import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';

const AGENTS = 50;
const CASES = 500;

/**
 * The queue under load: 50 agents work one queue of 500 cases the way the board does
 * (look at the first unowned cases, claim one, on CONFLICT look again). Every case must
 * end up claimed exactly once.
 */
describe('claiming from the queue under concurrency', () => {
  let app: TestApp;
  let pg: Client;

  beforeAll(async () => {
    app = await startTestApp();
    pg = new Client({ connectionString: app.database.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
    await app.stop();
  });

  it(`${AGENTS} agents claiming ${CASES} cases: each claimed exactly once, losers told who has it`, async () => {
    // 50 agents like agent@east.demo (same unit, roles and password).
    await pg.query(`
      insert into staff_user (id, franchise_id, version, created_at, updated_at, org_unit_id, email, display_name, password_hash, job_title, status, role_ids, certificates, specialties)
      select gen_random_uuid(), franchise_id, 1, now(), now(), org_unit_id, 'load' || i || '@east.demo', '坐席' || i, password_hash, job_title, status, role_ids, certificates, specialties
        from staff_user, generate_series(1, ${AGENTS}) i where email = 'agent@east.demo'`);
    const agents = await Promise.all(Array.from({ length: AGENTS }, (_, i) => signIn(app, `load${i + 1}@east.demo`)));
    const supervisor = await signIn(app, 'supervisor@east.demo');
    await pg.query(`update service_case set owner_id = coalesce(owner_id, (select id from staff_user where email = 'supervisor@east.demo'))`); // demo cases out of the way

    const ids: string[] = [];
    for (let batch = 0; batch < CASES / 25; batch++) {
      const made = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          supervisor.graphql<{ createOneCase: { id: string } }>(`mutation($c: CaseInput!) { createOneCase(input: { case: $c }) { id } }`, {
            c: { type: 'CONSULTATION', channel: 'ONLINE_CHAT', subject: `排队咨询 ${batch * 25 + i}`, description: '在线咨询' },
          }),
        ),
      );
      ids.push(...made.map((r) => r.body.data!.createOneCase.id));
    }
    expect(new Set(ids).size).toBe(CASES);

    const won = new Map<string, string[]>();
    const conflicts: string[] = [];
    async function work(agent: Caller, label: string) {
      for (;;) {
        const queue = await agent.graphql<{ cases: { nodes: { id: string }[] } }>(
          `{ cases(filter: { ownerId: { is: null }, stage: { eq: NEW } }, sorting: [{ field: createdAt, direction: ASC }], paging: { limit: 20 }) { nodes { id } } }`,
        );
        const open = queue.body.data!.cases.nodes;
        if (!open.length) return;
        const pick = open[Math.floor(Math.random() * open.length)]!.id;
        const res = await agent.graphql<{ claimCase: { id: string; ownerId: string } }>(`mutation($id: ID!) { claimCase(id: $id) { id ownerId } }`, { id: pick });
        if (res.body.errors) {
          expect(res.body.errors[0]!.extensions?.code).toBe('CONFLICT');
          expect(res.body.errors[0]!.message).toMatch(/already taken by 坐席\d+/);
          conflicts.push(pick);
        } else won.set(pick, [...(won.get(pick) ?? []), label]);
      }
    }
    await Promise.all(agents.map((agent, i) => work(agent, `load${i + 1}`)));

    expect(won.size).toBe(CASES);
    expect([...won.values()].filter((winners) => winners.length !== 1)).toEqual([]);
    expect(conflicts.length).toBeGreaterThan(0); // they really raced
    const { rows } = await pg.query<{ owned: string; claims: string; multi: string }>(
      `select count(*) filter (where owner_id is not null) as owned,
              (select count(*) from case_activity a where a.kind = 'CLAIMED' and a.case_id = any($1::uuid[])) as claims,
              (select count(*) from (select case_id from case_activity where kind = 'CLAIMED' group by case_id having count(*) > 1) m) as multi
         from service_case where id = any($1::uuid[])`,
      [ids],
    );
    expect(rows[0]).toEqual({ owned: String(CASES), claims: String(CASES), multi: '0' });
    // Owners in the database are the winners the API reported.
    const owners = await pg.query<{ id: string; email: string }>(`select c.id, s.email from service_case c join staff_user s on s.id = c.owner_id where c.id = any($1::uuid[])`, [ids]);
    for (const row of owners.rows) expect(`${row.email.split('@')[0]}`).toBe(won.get(row.id)![0]);
  }, 600_000); // 500 claims by 50 agents take about 2 minutes alone, over 5 beside another suite on 2 cores
});
