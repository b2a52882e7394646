import { clock, inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive, type WarehouseSetup } from '../inventory/support';
import { DELIVERY, mustAct, mustCreateOrder, type OrderRow } from './support';

jest.setTimeout(120_000);

const at = (iso: string) => new Date(iso).toISOString();
const WORKDAY = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }];
const TIMING = 'reviewDueAt reviewOnTime shipDueAt shippedOnTime';
const ERRORS = 'errors { id kind note lineId agentId recordedById recordedAt withdrawnAt withdrawReason agent { displayName } } events { kind reason }';

type Timed = OrderRow & { reviewDueAt: string | null; reviewOnTime: boolean | null; shipDueAt: string | null; shippedOnTime: boolean | null };
interface ErrorRow { id: string; kind: string; note: string; lineId: string | null; agentId: string; recordedById: string; recordedAt: string; withdrawnAt: string | null; withdrawReason: string | null; agent: { displayName: string } | null }
type WithErrors = { id: string; version: number; errors: ErrorRow[]; events: { kind: string; reason: string | null }[] };

/**
 * Order handling on time and order errors, with the clock set on east's business calendar
 * (weekdays 09–12 and 13–18): the review within 2 working hours of receipt, shipping within
 * 24 hours of working days of approval, each across a weekend; errors recorded against who
 * entered or reviewed the order, refused when wrong (nothing written), withdrawn with a reason.
 */
describe('order handling on time and order errors', () => {
  let app: TestApp;
  let owner: Caller;
  let agent: Caller;
  let supervisor: Caller;
  let keeper: Caller;
  let hq: Caller;
  let wh: WarehouseSetup;
  let customerId: string;
  let productId: string;
  const ids: Record<string, string> = {};

  const timed = async (id: string) => (await must<{ order: Timed }>(owner, `query($id: ID!) { order(id: $id) { id version state ${TIMING} } }`, { id })).order;
  const withErrors = async (id: string) => (await must<{ order: WithErrors }>(owner, `query($id: ID!) { order(id: $id) { id version ${ERRORS} } }`, { id })).order;
  const enter = (lines = [{ productId, quantity: 1 }]) => mustCreateOrder(agent, { channel: 'WECHAT', customerId, warehouseId: wh.warehouseId, lines, ...DELIVERY });
  const review = async (id: string, by: Caller = supervisor) => {
    await mustAct(by, 'startOrderReview', { id });
    return mustAct(by, 'reviewOrder', { id });
  };
  const ship = async (id: string) => {
    await mustAct(keeper, 'startOrderPicking', { id });
    return mustAct(keeper, 'shipOrder', { id, carrier: '顺丰速运', trackingNo: `SF${Date.now()}` }, 'ShipOrderInput');
  };
  const record = (caller: Caller, input: Record<string, unknown>) =>
    caller.graphql<{ recordOrderError: WithErrors }>(`mutation($i: RecordOrderErrorInput!) { recordOrderError(input: $i) { id version ${ERRORS} } }`, { i: input });
  const outbox = (orderId: string) =>
    inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) =>
      em.execute<{ topic: string; payload: Record<string, unknown> }[]>(`select topic, payload from event_outbox where payload->>'orderId' = ? and topic like 'order.error%' order by position`, [orderId]),
    );

  beforeAll(async () => {
    clock.freezeAt('2026-12-16T10:00:00+08:00');
    app = await startTestApp();
    [owner, agent, supervisor, keeper, hq] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo'), signIn(app, 'supervisor@east.demo'), signIn(app, 'warehouse@east.demo'), signIn(app, 'admin@hq.demo')]);
    for (const [name, caller] of Object.entries({ owner, agent, supervisor, hq, westAgent: await signIn(app, 'agent@west.demo') }))
      ids[name] = (await must<{ me: { user: { id: string } } }>(caller, '{ me { user { id } } }')).me.user.id;
    const { slaPolicies, businessCalendars } = await must<{ slaPolicies: { isDefault: boolean; calendarId: string }[]; businessCalendars: { id: string; version: number; name: string }[] }>(owner, '{ slaPolicies { isDefault calendarId } businessCalendars { id version name } }');
    const calendar = businessCalendars.find((c) => c.id === slaPolicies.find((p) => p.isDefault)!.calendarId)!;
    await must(owner, 'mutation($id: ID!, $v: Int!, $c: BusinessCalendarInput!) { updateOneBusinessCalendar(input: { id: $id, version: $v, update: $c }) { id } }', {
      id: calendar.id,
      v: calendar.version,
      c: { name: calendar.name, timeZone: 'Asia/Shanghai', workingDays: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: WORKDAY })), holidays: [], extraWorkdays: [] },
    });
    wh = await createWarehouse(owner, 'EAST-ORD-KPI');
    productId = (await createProduct(hq, { genericName: '复方甘草片', priceCents: 950 })).id;
    await receive(owner, wh.warehouseId, [{ productId, zoneId: wh.normalZoneId, lotNo: 'GC-1', expiryDate: inDays(500), quantity: 100 }]);
    customerId = (await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }')).customers.nodes[0]!.id;
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('gives the review 2 working hours from receipt (Friday 17:30 → Monday 10:30) and shipping 24 hours of working days from approval, each across the weekend', async () => {
    const settings = await must<{ orderSettings: { reviewWithinMinutes: number; shipWithinHours: number; version: number } }>(owner, '{ orderSettings { reviewWithinMinutes shipWithinHours version } }');
    expect(settings.orderSettings).toEqual({ reviewWithinMinutes: 120, shipWithinHours: 24, version: 0 });
    // Friday 18 December 17:30: half an hour left that day, an hour and a half on Monday.
    clock.freezeAt('2026-12-18T17:30:00+08:00');
    const early = await enter();
    const late = await enter();
    expect(await timed(early.id)).toMatchObject({ reviewDueAt: at('2026-12-21T10:30:00+08:00'), reviewOnTime: null, shipDueAt: null });
    // Monday 10:20 on time; approval starts the shipping clock: 24 h of working days → Tuesday 10:20.
    clock.freezeAt('2026-12-21T10:20:00+08:00');
    await review(early.id);
    expect(await timed(early.id)).toMatchObject({ state: 'APPROVED', reviewOnTime: true, shipDueAt: at('2026-12-22T10:20:00+08:00'), shippedOnTime: null });
    clock.freezeAt('2026-12-21T10:31:00+08:00');
    await review(late.id);
    expect(await timed(late.id)).toMatchObject({ reviewOnTime: false, shipDueAt: at('2026-12-22T10:31:00+08:00') });
    clock.freezeAt('2026-12-22T10:25:00+08:00');
    await ship(early.id);
    await ship(late.id);
    expect(await timed(early.id)).toMatchObject({ state: 'SHIPPED', shippedOnTime: false });
    expect(await timed(late.id)).toMatchObject({ state: 'SHIPPED', shippedOnTime: true });

    // Approved Friday 25 December 15:00: Friday's 9 hours, the weekend skipped, 15 on Monday.
    clock.freezeAt('2026-12-25T14:00:00+08:00');
    const friday = await enter();
    clock.freezeAt('2026-12-25T15:00:00+08:00');
    await review(friday.id);
    expect(await timed(friday.id)).toMatchObject({ reviewDueAt: at('2026-12-25T16:00:00+08:00'), reviewOnTime: true, shipDueAt: at('2026-12-28T15:00:00+08:00') });
    clock.freezeAt('2026-12-28T14:59:00+08:00');
    await ship(friday.id);
    expect(await timed(friday.id)).toMatchObject({ shippedOnTime: true });
  });

  it('restarts the review clock when a held order’s review resumes, and follows the franchise’s own targets', async () => {
    clock.freezeAt('2026-12-28T09:00:00+08:00');
    const stale = (await must<{ orderSettings: { version: number } }>(owner, '{ orderSettings { version } }')).orderSettings.version;
    const set = await must<{ updateOrderSettings: { reviewWithinMinutes: number; shipWithinHours: number; version: number } }>(owner, 'mutation { updateOrderSettings(input: { reviewWithinMinutes: 30, shipWithinHours: 8 }) { reviewWithinMinutes shipWithinHours version } }');
    expect(set.updateOrderSettings).toEqual({ reviewWithinMinutes: 30, shipWithinHours: 8, version: 1 });
    const conflict = await owner.graphql('mutation($v: Int!) { updateOrderSettings(input: { version: $v, reviewWithinMinutes: 60 }) { version } }', { v: stale + 5 });
    expect(errorCodes(conflict)).toEqual(['CONFLICT']);
    expect(errorCodes(await owner.graphql('mutation { updateOrderSettings(input: { reviewWithinMinutes: 1 }) { version } }'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await supervisor.graphql('mutation { updateOrderSettings(input: { reviewWithinMinutes: 60 }) { version } }'))).toEqual(['FORBIDDEN']);

    // 11:50 + 30 working minutes: 10 before lunch, 20 after → 13:20.
    clock.freezeAt('2026-12-28T11:50:00+08:00');
    const held = await enter();
    expect(await timed(held.id)).toMatchObject({ reviewDueAt: at('2026-12-28T13:20:00+08:00') });
    await mustAct(supervisor, 'startOrderReview', { id: held.id });
    await mustAct(supervisor, 'holdOrderForCustomer', { id: held.id, reason: '地址缺门牌号' }, 'ReasonedOrderActionInput');
    // The customer answers at 17:45: 15 minutes left today, 15 on Tuesday.
    clock.freezeAt('2026-12-28T17:45:00+08:00');
    await mustAct(supervisor, 'resumeOrderReview', { id: held.id });
    expect(await timed(held.id)).toMatchObject({ state: 'UNDER_REVIEW', reviewDueAt: at('2026-12-29T09:15:00+08:00'), reviewOnTime: null });
    clock.freezeAt('2026-12-29T09:10:00+08:00');
    await mustAct(supervisor, 'reviewOrder', { id: held.id });
    // 8 hours of working days from 09:10 → 17:10.
    expect(await timed(held.id)).toMatchObject({ reviewOnTime: true, shipDueAt: at('2026-12-29T17:10:00+08:00') });
    await must(owner, 'mutation { updateOrderSettings(input: { reviewWithinMinutes: 120, shipWithinHours: 24 }) { version } }');
  });

  it('records order errors against who entered (wrong entry) or reviewed (wrong shipment) the order, on its timeline and in the outbox; withdrawn with a reason', async () => {
    clock.freezeAt('2026-12-29T10:00:00+08:00');
    const order = await enter([{ productId, quantity: 2 }]);
    await review(order.id);
    const entry = await record(supervisor, { orderId: order.id, kind: 'WRONG_ENTRY', lineId: order.lines[0]!.id, note: '数量录成 2 盒，客户要 1 盒', expectedVersion: (await withErrors(order.id)).version });
    expect(entry.body.errors).toBeUndefined();
    const afterEntry = entry.body.data!.recordOrderError;
    expect(afterEntry.errors).toEqual([expect.objectContaining({ kind: 'WRONG_ENTRY', lineId: order.lines[0]!.id, agentId: ids.agent, recordedById: ids.supervisor, recordedAt: at('2026-12-29T10:00:00+08:00'), withdrawnAt: null })]);
    clock.freezeAt('2026-12-29T10:01:00+08:00');
    const shipment = await record(owner, { orderId: order.id, kind: 'WRONG_SHIPMENT', note: '发错规格', expectedVersion: afterEntry.version });
    expect(shipment.body.data!.recordOrderError.errors.map((e) => [e.kind, e.agentId, e.recordedById])).toEqual([['WRONG_ENTRY', ids.agent, ids.supervisor], ['WRONG_SHIPMENT', ids.supervisor, ids.owner]]);
    // A staff member of the franchise named explicitly.
    clock.freezeAt('2026-12-29T10:02:00+08:00');
    const named = await record(supervisor, { orderId: order.id, kind: 'OTHER', note: '备注漏填', agentId: ids.owner, expectedVersion: shipment.body.data!.recordOrderError.version });
    const three = named.body.data!.recordOrderError;
    expect(three.errors.map((e) => e.agentId)).toEqual([ids.agent, ids.supervisor, ids.owner]);
    expect(three.events.filter((e) => e.kind === 'ERROR_RECORDED').map((e) => e.reason)).toEqual(['数量录成 2 盒，客户要 1 盒', '发错规格', '备注漏填']);

    const withdraw = (input: Record<string, unknown>) => supervisor.graphql<{ withdrawOrderError: WithErrors }>(`mutation($i: WithdrawOrderErrorInput!) { withdrawOrderError(input: $i) { id version ${ERRORS} } }`, { i: input });
    const withdrawn = await withdraw({ errorId: three.errors[2]!.id, reason: '核实后非本人责任', expectedVersion: three.version });
    const after = withdrawn.body.data!.withdrawOrderError;
    expect(after.errors[2]).toMatchObject({ withdrawReason: '核实后非本人责任', withdrawnAt: at('2026-12-29T10:02:00+08:00') });
    expect(after.events.filter((e) => e.kind === 'ERROR_WITHDRAWN')).toEqual([{ kind: 'ERROR_WITHDRAWN', reason: '核实后非本人责任' }]);
    expect(errorCodes(await withdraw({ errorId: three.errors[2]!.id, reason: '再撤一次', expectedVersion: after.version }))).toEqual(['BAD_USER_INPUT']);
    expect((await outbox(order.id)).map((e) => [e.topic, e.payload.kind, e.payload.agentId])).toEqual([
      ['order.error_recorded', 'WRONG_ENTRY', ids.agent],
      ['order.error_recorded', 'WRONG_SHIPMENT', ids.supervisor],
      ['order.error_recorded', 'OTHER', ids.owner],
      ['order.error_withdrawn', 'OTHER', ids.owner],
    ]);
  });

  it('refuses bad order errors with codes and writes nothing: another order’s line, another franchise’s staff, no one responsible, a stale version, no permission', async () => {
    clock.freezeAt('2026-12-29T11:00:00+08:00');
    const order = await enter();
    const other = await enter();
    const { version } = await withErrors(order.id);
    const base = { orderId: order.id, kind: 'WRONG_ENTRY', note: '录错', expectedVersion: version };
    const refused = async (caller: Caller, input: Record<string, unknown>) => {
      const res = await record(caller, { ...base, ...input });
      return [errorCodes(res)[0], (res.body.errors?.[0]?.extensions as { field?: string } | undefined)?.field ?? null];
    };
    expect(await refused(supervisor, { lineId: other.lines[0]!.id })).toEqual(['BAD_USER_INPUT', 'input.lineId']);
    // West's staff is not even visible to east: NOT_FOUND; HQ sees them, but they are not the order's franchise.
    expect((await refused(supervisor, { agentId: ids.westAgent }))[0]).toBe('NOT_FOUND');
    expect(await refused(hq, { agentId: ids.westAgent })).toEqual(['BAD_USER_INPUT', 'input.agentId']);
    // Not reviewed yet: a wrong shipment has no one to count against unless named; OTHER always needs a name.
    expect(await refused(supervisor, { kind: 'WRONG_SHIPMENT' })).toEqual(['BAD_USER_INPUT', 'input.agentId']);
    expect(await refused(supervisor, { kind: 'OTHER' })).toEqual(['BAD_USER_INPUT', 'input.agentId']);
    expect((await refused(supervisor, { expectedVersion: version + 1 }))[0]).toBe('CONFLICT');
    expect((await refused(agent, {}))[0]).toBe('FORBIDDEN');
    expect(await withErrors(order.id)).toMatchObject({ version, errors: [] });
    expect(await outbox(order.id)).toEqual([]);
  });

  it('sums the order KPIs per agent (entered, reviewed, on time, errors, rates) with the totals, per period and store, in the caller’s franchise only', async () => {
    const KPI = 'agentId agentName ordersEntered ordersReviewed reviewsTimed reviewsOnTime ordersHandled errors wrongEntries wrongShipments errorRate onTimeRate';
    const kpis = (caller: Caller, from: string, to: string, storeId?: string) =>
      caller.graphql<{ orderKpis: { agents: Record<string, unknown>[]; totals: Record<string, unknown> } }>(`query($f: DateTime!, $t: DateTime!, $s: ID) { orderKpis(from: $f, to: $t, storeId: $s) { agents { ${KPI} } totals { ${KPI} } } }`, { f: at(from), t: at(to), s: storeId ?? null });
    const fortnight = (await kpis(supervisor, '2026-12-18T00:00:00+08:00', '2026-12-30T00:00:00+08:00')).body.data!.orderKpis;
    // The agent entered 7 orders (one wrong entry); the supervisor reviewed 5 of them, 4 on time (one wrong shipment); the owner's error was withdrawn.
    expect(fortnight.agents).toEqual(expect.arrayContaining([
      expect.objectContaining({ agentId: ids.agent, ordersEntered: 7, ordersReviewed: 0, reviewsTimed: 0, ordersHandled: 7, errors: 1, wrongEntries: 1, wrongShipments: 0, errorRate: 0.1429, onTimeRate: null }),
      expect.objectContaining({ agentId: ids.supervisor, ordersEntered: 0, ordersReviewed: 5, reviewsTimed: 5, reviewsOnTime: 4, ordersHandled: 5, errors: 1, wrongEntries: 0, wrongShipments: 1, errorRate: 0.2, onTimeRate: 0.8 }),
    ]));
    expect(fortnight.agents).toHaveLength(2);
    expect(fortnight.totals).toMatchObject({ agentId: null, ordersEntered: 7, ordersReviewed: 5, reviewsTimed: 5, reviewsOnTime: 4, ordersHandled: 7, errors: 2, errorRate: 0.2857, onTimeRate: 0.8 });
    // Monday 21 December only: the two reviews of orders received the Friday before, one late.
    const monday = (await kpis(owner, '2026-12-21T00:00:00+08:00', '2026-12-22T00:00:00+08:00')).body.data!.orderKpis;
    expect(monday.agents).toEqual([expect.objectContaining({ agentId: ids.supervisor, ordersReviewed: 2, reviewsOnTime: 1, onTimeRate: 0.5, ordersHandled: 2, errors: 0, errorRate: 0 })]);
    // West sees none of east's agents, and east's store is NOT_FOUND to it; a backwards period and the agent (no permission) are refused.
    const west = await signIn(app, 'owner@west.demo');
    expect((await kpis(west, '2026-12-18T00:00:00+08:00', '2026-12-30T00:00:00+08:00')).body.data!.orderKpis.agents.map((a) => a.agentId)).not.toContain(ids.agent);
    const eastStore = (await must<{ me: { user: { orgUnitId: string } } }>(agent, '{ me { user { orgUnitId } } }')).me.user.orgUnitId;
    expect(errorCodes(await kpis(west, '2026-12-18T00:00:00+08:00', '2026-12-30T00:00:00+08:00', eastStore))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await kpis(owner, '2026-12-30T00:00:00+08:00', '2026-12-18T00:00:00+08:00'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await kpis(agent, '2026-12-18T00:00:00+08:00', '2026-12-30T00:00:00+08:00'))).toEqual(['FORBIDDEN']);
  });
});
