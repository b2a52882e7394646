import { Client } from 'pg';
import { complaintWorkflow, consultationWorkflow } from '@pharmadesk/api';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { clock } from '@pharmadesk/api';

/** The demo cases the seeds write (the test template holds them): coverage, ownership, numbering, the live queue. */
describe('demo cases', () => {
  let app: TestApp;
  let db: Client;

  /** Reads as the database owner, every franchise in scope (as the seeds wrote them). */
  async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    await db.query('begin');
    try {
      await db.query(`select set_config('app.franchise_ids', '*', true)`);
      return (await db.query(sql, params)).rows as T[];
    } finally {
      await db.query('commit');
    }
  }

  beforeAll(async () => {
    app = await startTestApp();
    db = new Client({ connectionString: app.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await app.stop();
  });

  it('has every state of both workflows in each franchise, each with its stage', async () => {
    const found = await rows<{ code: string; workflow: string; state: string; stage: string }>(
      `select distinct o.code, c.workflow, c.state, c.stage from service_case c join org_unit o on o.id = c.franchise_id`,
    );
    for (const code of ['EAST', 'WEST'])
      for (const workflow of [complaintWorkflow, consultationWorkflow])
        for (const state of workflow.states)
          expect({ code, workflow: workflow.name, state: state.name, found: found.filter((r) => r.code === code && r.workflow === workflow.name && r.state === state.name).map((r) => r.stage) }).toEqual({
            code,
            workflow: workflow.name,
            state: state.name,
            found: [state.stage],
          });
  });

  it('gives every open case with an owner an owner of its own franchise', async () => {
    const owned = await rows<{ case_no: string; franchise_id: string; owner_franchise_id: string | null }>(
      `select c.case_no, c.franchise_id, s.franchise_id as owner_franchise_id
         from service_case c left join staff_user s on s.id = c.owner_id
        where c.owner_id is not null and c.stage in ('NEW', 'OPEN', 'PENDING_CUSTOMER')`,
    );
    expect(owned.length).toBeGreaterThan(50);
    expect(owned.filter((r) => r.owner_franchise_id !== r.franchise_id)).toEqual([]);
  });

  it('has east’s VIP cases in the VIP queue, routed by vip-care as they came in (the plugin ran from the start), and no one else’s', async () => {
    const queues = await rows<{ code: string; is_vip: boolean; queue: string; n: string }>(
      `select o.code, c.is_vip, c.queue, count(*) as n from service_case c join org_unit o on o.id = c.franchise_id group by 1, 2, 3`,
    );
    const count = (code: string, isVip: boolean, queue: string) => Number(queues.find((q) => q.code === code && q.is_vip === isVip && q.queue === queue)?.n ?? 0);
    expect(count('EAST', true, 'vip')).toBeGreaterThan(0);
    expect(queues.filter((q) => q.code === 'EAST' && q.is_vip && q.queue !== 'vip')).toEqual([]);
    expect(queues.filter((q) => q.queue === 'vip' && (q.code !== 'EAST' || !q.is_vip))).toEqual([]);
    // Closed ones too: the route is the service's, applied when each case was opened (the seed moves no case itself).
    const [closed] = await rows<{ n: string }>(`select count(*) as n from service_case c join org_unit o on o.id = c.franchise_id where o.code = 'EAST' and c.is_vip and c.queue = 'vip' and c.stage = 'CLOSED'`);
    expect(Number(closed!.n)).toBeGreaterThan(0);
  });

  it('numbers the next case opened through the API after the highest seeded one', async () => {
    const year = clock.now().getFullYear();
    const [{ max }] = await rows<{ max: string | null }>(
      `select max(c.case_no) as max from service_case c join org_unit o on o.id = c.franchise_id where o.code = 'EAST' and c.case_no like $1`,
      [`EAST-CS-${year}-%`],
    ) as [{ max: string | null }];
    expect(max).not.toBeNull();
    const agent = await signIn(app, 'agent@east.demo');
    const res = await agent.graphql<{ createOneCase: { caseNo: string } }>(`mutation($c: CaseInput!) { createOneCase(input: { case: $c }) { caseNo } }`, {
      c: { type: 'COMPLAINT', channel: 'PHONE', category: 'DELIVERY_LATE', subject: '配送延迟', description: '承诺两小时送达，四小时还没到' },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.createOneCase.caseNo).toBe(`EAST-CS-${year}-${String(Number(max!.split('-').pop()) + 1).padStart(6, '0')}`);
  });

  it('shows the supervisor a live queue in the seeded 待受理队列 view', async () => {
    const supervisor = await signIn(app, 'supervisor@east.demo');
    const views = await supervisor.graphql<{ caseViews: { id: string; name: string; ownerId: string | null }[] }>('{ caseViews { id name ownerId } }');
    const view = views.body.data!.caseViews.find((v) => v.name === '待受理队列' && v.ownerId === null);
    expect(view).toBeDefined();
    const queue = await supervisor.graphql<{ caseQueue: { totalCount: number; nodes: { stage: string; ownerId: string | null; slaDueAt: string | null }[] } }>(
      `query($v: ID!) { caseQueue(viewId: $v, paging: { limit: 100 }) { totalCount nodes { stage ownerId slaDueAt } } }`,
      { v: view!.id },
    );
    expect(queue.body.errors).toBeUndefined();
    const { totalCount, nodes } = queue.body.data!.caseQueue;
    expect(totalCount).toBeGreaterThan(0);
    expect(nodes.every((n) => n.stage === 'NEW')).toBe(true);
    expect(nodes.some((n) => n.ownerId === null)).toBe(true);
    const due = nodes.map((n) => n.slaDueAt).filter((d): d is string => d !== null).map((d) => Date.parse(d));
    expect(due).toEqual([...due].sort((a, b) => a - b));
  });
});
