import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';

jest.setTimeout(120_000);

const FIGURES = `period key label belowTarget
  calls { offered answered shortAbandoned talked averageTalkSeconds answerRate salesCalls convertedCalls conversionRate conversionRateTarget conversionRateBelowTarget answerRateBelowTarget }
  cases { cases consultations complaints resolved resolutionRate averageFirstResponseSeconds consultationRepliesTimed consultationReplyOnTimeRate complaintsTimed complaintOnTimeRate }
  orders { ordersEntered ordersReviewed ordersHandled reviewsTimed onTimeRate errors errorRate }
  satisfaction { rated dissatisfied dissatisfactionRate satisfactionRate }`;
const KPIS = `query($i: AgentKpisInput!) { agentKpis(input: $i) { rows { ${FIGURES} } totals { ${FIGURES} } } }`;

type Figures = Record<string, unknown> & { period: string | null; key: string | null; calls: Record<string, unknown>; cases: Record<string, unknown>; orders: Record<string, unknown>; satisfaction: Record<string, unknown> };

/**
 * The agent KPI board on known records of one store around the end of March 2025 in
 * Asia/Shanghai (UTC+8): 2025-03-31T15:50Z is still March locally, 16:10Z is April. Records are
 * written with SQL (fixtures of every source: calls, cases and their SLA clocks, orders and order
 * errors, the survey facts), except the sales outbound call, which goes through the API.
 */
describe('agent KPI board (坐席考核)', () => {
  let app: TestApp;
  let db: Client;
  let owner: Caller;
  let agent: Caller;
  let westOwner: Caller;
  let east: string;
  let store: string;
  let a: string;
  let b: string;
  const at = (iso: string, seconds = 0) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

  /** Inserts a copy of one of `table`'s rows (`where`) with `overrides` (generated columns left out). */
  async function clone(table: string, where: string, overrides: Record<string, unknown>): Promise<void> {
    const columns = (await db.query<{ c: string }>(`select column_name as c from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER'`, [table])).rows.map((r) => `"${r.c}"`).join(', ');
    const res = await db.query(`insert into ${table} (${columns}) select ${columns} from jsonb_populate_record(null::${table}, (select to_jsonb(t) from ${table} t where ${where} limit 1) || $1::jsonb)`, [JSON.stringify(overrides)]);
    expect(res.rowCount).toBe(1);
  }

  beforeAll(async () => {
    clock.freezeAt('2025-04-20T10:00:00+08:00');
    app = await startTestApp();
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    const staff = async (email: string) => (await db.query<{ id: string; franchise_id: string }>(`select id, franchise_id from staff_user where email = $1`, [email])).rows[0]!;
    const agentRow = await staff('agent@east.demo');
    a = agentRow.id;
    east = agentRow.franchise_id;
    b = (await staff('supervisor@east.demo')).id;
    store = (await db.query<{ org_unit_id: string }>(`select org_unit_id from customer where franchise_id = $1 group by 1 order by count(*) desc limit 1`, [east])).rows[0]!.org_unit_id;
    owner = await signIn(app, 'owner@east.demo');
    agent = await signIn(app, 'agent@east.demo');
    westOwner = await signIn(app, 'owner@west.demo');

    // Orders: O1 entered by A in March (local), reviewed by B in April on time; O2 entered and reviewed by A in April, late.
    const o1 = randomUUID();
    const o2 = randomUUID();
    const order = (id: string, no: string, o: Record<string, unknown>) => clone('sales_order', `franchise_id = '${east}'`, { id, order_no: no, org_unit_id: store, ...o });
    await order(o1, 'KPI-O1', { created_at: at('2025-03-31T15:55:00Z'), created_by_id: a, reviewed_at: at('2025-04-01T02:00:00Z'), reviewed_by_id: b, review_on_time: true });
    await order(o2, 'KPI-O2', { created_at: at('2025-04-03T02:00:00Z'), created_by_id: a, reviewed_at: at('2025-04-03T03:00:00Z'), reviewed_by_id: a, review_on_time: false });
    // Errors against A: one counts, one was withdrawn.
    await db.query(
      `insert into sales_order_error (id, franchise_id, order_id, kind, agent_id, note, recorded_by_id, recorded_at, withdrawn_at)
       select gen_random_uuid(), $1, $2, 'WRONG_ENTRY', $4, 'KPI', $5, $3, x.withdrawn from (values (null::timestamptz), ($3::timestamptz)) x(withdrawn)`,
      [east, o2, at('2025-04-04T02:00:00Z'), a, b],
    );

    // Calls of the store.
    const call = (o: { offered: string; direction?: string; state: string; agent?: string | null; wait: number; talk?: number; hold?: number; wrapUp?: number; disposition?: string; order?: string }) =>
      db.query(
        `insert into call_record (id, franchise_id, version, created_at, updated_at, partner_call_id, source, direction, org_unit_id, line, caller_number, callee_number, agent_id, state,
                                  offered_at, answered_at, ended_at, wait_seconds, talk_seconds, hold_seconds, wrap_up_seconds, disposition, order_id, last_event_at)
         values (gen_random_uuid(), $1, 1, $2, $2, 'KPI-' || gen_random_uuid(), 'PARTNER', $3, $4, 'hotline', '13900000000', '4008000000', $5, $6,
                 $2, case when $8::int is not null then $2::timestamptz + $7 * interval '1 second' end, $2::timestamptz + ($7 + coalesce($8, 0)) * interval '1 second', $7, $8, $9, $10, $11, $12, $2)`,
        [east, o.offered, o.direction ?? 'INBOUND', store, o.agent ?? null, o.state, o.wait, o.talk ?? null, o.hold ?? null, o.wrapUp ?? null, o.disposition ?? null, o.order ?? null],
      );
    await call({ offered: '2025-03-31T15:50:00Z', state: 'ENDED', agent: a, wait: 10, talk: 180, wrapUp: 30, disposition: 'SALES', order: o1 }); // March: a sale
    await call({ offered: '2025-03-31T16:10:00Z', state: 'ENDED', agent: a, wait: 20, talk: 280, hold: 20, disposition: 'SALES' }); // April: a sales call, no order
    await call({ offered: '2025-03-31T16:20:00Z', state: 'ABANDONED', wait: 3 }); // short abandon
    await call({ offered: '2025-03-31T16:30:00Z', state: 'ABANDONED', wait: 40 });
    await call({ offered: '2025-04-10T02:00:00Z', state: 'ENDED', agent: b, wait: 5, talk: 100 }); // B, not sales

    // A sales outbound plan: A calls the customer and converts (through the API).
    const customer = (await db.query<{ id: string }>(`select id from customer where org_unit_id = $1 limit 1`, [store])).rows[0]!.id;
    const plan = await must<{ createOutboundPlan: { id: string } }>(owner, `mutation($i: CreateOutboundPlanInput!) { createOutboundPlan(input: $i) { id } }`, {
      i: { name: '春季套餐', purpose: 'SALES', goal: '三成购买', assigneeIds: [a], deadline: '2025-04-30T10:00:00Z', targets: { customerIds: [customer] } },
    });
    const task = (await db.query<{ id: string; version: number }>(`select id, version from outbound_task where plan_id = $1`, [plan.createOutboundPlan.id])).rows[0]!;
    await must(agent, `mutation($i: RecordOutboundOutcomeInput!) { recordOutboundOutcome(input: $i) { id } }`, {
      i: { id: task.id, version: task.version, outcome: 'CONVERTED', call: { offeredAt: '2025-04-02T02:00:00Z', answeredAt: '2025-04-02T02:00:05Z', endedAt: '2025-04-02T02:01:05Z' } },
    });
    await db.query(`update call_record set org_unit_id = $1 where id = (select call_id from outbound_task where id = $2)`, [store, task.id]);

    // Cases with their clocks.
    const kase = async (o: { type: string; created: string; owner: string | null; createdBy: string; responded?: number; resolved?: boolean; clock?: { kind: string; due: number; met?: number; breached?: number } }) => {
      const id = randomUUID();
      await clone('service_case', `franchise_id = '${east}'`, {
        id, case_no: `KPI-${id.slice(0, 8)}`, org_unit_id: store, type: o.type, created_at: o.created, owner_id: o.owner, created_by_id: o.createdBy,
        first_responded_at: o.responded != null ? at(o.created, o.responded) : null, resolved_at: o.resolved ? at(o.created, 7200) : null,
      });
      if (o.clock)
        await db.query(
          `insert into case_sla_clock (id, franchise_id, case_id, kind, calendar_hours, started_at, due_at, warn_at, met_at, breached_at) values (gen_random_uuid(), $1, $2, $3, false, $4, $5, $5, $6, $7)`,
          [east, id, o.clock.kind, o.created, at(o.created, o.clock.due), o.clock.met != null ? at(o.created, o.clock.met) : null, o.clock.breached != null ? at(o.created, o.clock.breached) : null],
        );
    };
    await kase({ type: 'CONSULTATION', created: '2025-03-31T15:30:00Z', owner: a, createdBy: b, responded: 600, resolved: true, clock: { kind: 'FIRST_RESPONSE', due: 1800, met: 600 } });
    // Answered after its due time; the breach job never ran: late all the same.
    await kase({ type: 'CONSULTATION', created: '2025-04-01T01:00:00Z', owner: a, createdBy: b, responded: 3600, clock: { kind: 'FIRST_RESPONSE', due: 1800, met: 3600 } });
    await kase({ type: 'COMPLAINT', created: '2025-04-02T01:00:00Z', owner: a, createdBy: b, responded: 300, resolved: true, clock: { kind: 'RESOLUTION', due: 86_400, met: 3600 } });
    await kase({ type: 'COMPLAINT', created: '2025-04-03T01:00:00Z', owner: b, createdBy: b, clock: { kind: 'RESOLUTION', due: 3600, breached: 3600 } });
    await kase({ type: 'AFTER_SALES', created: '2025-04-05T01:00:00Z', owner: null, createdBy: a, resolved: true });

    // Survey answers as the report facts keep them.
    await db.query(
      `insert into report_fact (franchise_id, day, store_id, agent_id, metric, dimension, count, sum)
       values ($1, '2025-04-02', $2, $3, 'surveys.rated', '', 4, 13), ($1, '2025-04-02', $2, $3, 'surveys.satisfied', '', 2, 0), ($1, '2025-04-02', $2, $3, 'surveys.dissatisfied', '', 1, 0),
              ($1, '2025-03-31', $2, $3, 'surveys.rated', '', 1, 5), ($1, '2025-03-31', $2, $3, 'surveys.satisfied', '', 1, 0)`,
      [east, store, a],
    );
  });

  afterAll(async () => {
    clock.reset();
    await db?.end();
    await app?.stop();
  });

  const board = async (caller: Caller, input: Record<string, unknown>) =>
    (await must<{ agentKpis: { rows: Figures[]; totals: Figures } }>(caller, KPIS, { i: { from: '2025-03-01', to: '2025-04-30', storeId: store, ...input } })).agentKpis;

  it('computes every KPI by its published definition, per agent and month in the franchise’s zone', async () => {
    const { rows, totals } = await board(owner, { period: 'MONTH', groupBy: 'AGENT' });
    const row = (period: string, key: string | null) => rows.find((r) => r.period === period && r.key === key);
    expect(rows.map((r) => `${r.period}:${r.key === a ? 'A' : r.key === b ? 'B' : r.key}`).sort()).toEqual(['2025-03-01:A', '2025-04-01:A', '2025-04-01:B', '2025-04-01:null'].sort());

    const table: [string, string | null, Partial<Record<'calls' | 'cases' | 'orders' | 'satisfaction', Record<string, unknown>>> & { belowTarget?: boolean }][] = [
      ['2025-03-01', a, {
        calls: { offered: 1, answered: 1, answerRate: 1, talked: 1, averageTalkSeconds: 180, salesCalls: 1, convertedCalls: 1, conversionRate: 1, conversionRateTarget: 0.55, conversionRateBelowTarget: false },
        cases: { cases: 1, consultations: 1, resolved: 1, resolutionRate: 1, averageFirstResponseSeconds: 600, consultationRepliesTimed: 1, consultationReplyOnTimeRate: 1 },
        orders: { ordersEntered: 1, ordersHandled: 1, errors: 0, errorRate: 0 },
        satisfaction: { rated: 1, dissatisfied: 0, dissatisfactionRate: 0, satisfactionRate: 1 },
        belowTarget: false,
      }],
      ['2025-04-01', a, {
        // Calls: the April inbound sales call and the converted outbound one (60 s of talk).
        calls: { offered: 1, answered: 1, answerRate: 1, talked: 2, averageTalkSeconds: 170, salesCalls: 2, convertedCalls: 1, conversionRate: 0.5, conversionRateBelowTarget: true },
        cases: { cases: 3, consultations: 1, complaints: 1, resolved: 2, resolutionRate: 0.6667, averageFirstResponseSeconds: 1950, consultationRepliesTimed: 1, consultationReplyOnTimeRate: 0, complaintsTimed: 1, complaintOnTimeRate: 1 },
        orders: { ordersEntered: 1, ordersReviewed: 1, ordersHandled: 1, reviewsTimed: 1, onTimeRate: 0, errors: 1, errorRate: 1 },
        satisfaction: { rated: 4, dissatisfied: 1, dissatisfactionRate: 0.25, satisfactionRate: 0.5 },
        belowTarget: true,
      }],
      ['2025-04-01', b, {
        calls: { offered: 1, answered: 1, talked: 1, averageTalkSeconds: 100, salesCalls: 0, conversionRate: null, conversionRateBelowTarget: false },
        cases: { cases: 1, complaints: 1, resolved: 0, resolutionRate: 0, averageFirstResponseSeconds: null, complaintsTimed: 1, complaintOnTimeRate: 0 },
        orders: { ordersEntered: 0, ordersReviewed: 1, ordersHandled: 1, reviewsTimed: 1, onTimeRate: 1, errors: 0, errorRate: 0 },
        satisfaction: { rated: 0, dissatisfactionRate: null },
      }],
      // The abandoned calls nobody took: the short one is neither offered nor abandoned.
      ['2025-04-01', null, { calls: { offered: 1, answered: 0, shortAbandoned: 1, answerRate: 0, answerRateBelowTarget: true }, belowTarget: true }],
    ];
    for (const [period, key, expected] of table) {
      const r = row(period, key)!;
      expect(r).toBeDefined();
      for (const part of ['calls', 'cases', 'orders', 'satisfaction'] as const) if (expected[part]) expect({ [`${period}:${key}:${part}`]: r[part] }).toEqual({ [`${period}:${key}:${part}`]: expect.objectContaining(expected[part]) });
      if (expected.belowTarget != null) expect(r.belowTarget).toBe(expected.belowTarget);
    }
    expect(totals.calls).toMatchObject({ offered: 4, answered: 3, answerRate: 0.75, shortAbandoned: 1, salesCalls: 3, convertedCalls: 2 });
    expect(totals.cases).toMatchObject({ cases: 5, consultations: 2, complaints: 2, resolved: 3, resolutionRate: 0.6 });
    expect(totals.orders).toMatchObject({ ordersEntered: 2, ordersReviewed: 2, errors: 1 });
    expect(totals.satisfaction).toMatchObject({ rated: 5, dissatisfied: 1, dissatisfactionRate: 0.2 });
  });

  it('groups by week from Monday in the franchise’s zone: the week of Monday 31 March holds the last March records and the first April ones', async () => {
    const { rows } = await board(owner, { period: 'WEEK', groupBy: 'STORE' });
    const week = rows.find((r) => r.period === '2025-03-31')!;
    expect(week.key).toBe(store);
    expect(week.calls).toMatchObject({ offered: 3, answered: 2, shortAbandoned: 1, salesCalls: 3, convertedCalls: 2 });
    expect(week.cases).toMatchObject({ cases: 5, consultations: 2, complaints: 2 });
    expect(rows.map((r) => r.period)).toEqual(['2025-03-31', '2025-04-07']);
    expect(rows[1]!.calls).toMatchObject({ offered: 1, answered: 1 });
  });

  it('keeps another franchise’s board out of reach, and names what is wrong in bad input', async () => {
    const other = await westOwner.graphql(KPIS, { i: { from: '2025-03-01', to: '2025-04-30', franchiseId: east } });
    expect(errorCodes(other)).toEqual(['NOT_FOUND']);
    const otherStore = await westOwner.graphql(KPIS, { i: { from: '2025-03-01', to: '2025-04-30', storeId: store } });
    expect(errorCodes(otherStore)).toEqual(['NOT_FOUND']);
    const own = (await must<{ agentKpis: { totals: Figures } }>(westOwner, KPIS, { i: { from: '2025-03-01', to: '2025-04-30', groupBy: 'FRANCHISE' } })).agentKpis.totals;
    expect(own.calls).toMatchObject({ offered: 0, salesCalls: 0 });
    expect(own.cases).toMatchObject({ cases: 0 });
    const backwards = await owner.graphql(KPIS, { i: { from: '2025-04-30', to: '2025-03-01' } });
    expect(errorCodes(backwards)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(backwards.body.errors)).toContain('"field":"to"');
    const tooLong = await owner.graphql(KPIS, { i: { from: '2024-01-01', to: '2025-04-30' } });
    expect(errorCodes(tooLong)).toEqual(['BAD_USER_INPUT']);
    const agentOnly = await agent.graphql(KPIS, { i: { from: '2025-03-01', to: '2025-04-30' } });
    expect(errorCodes(agentOnly)).toEqual(['FORBIDDEN']);
  });
});
