import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, must, receive } from '../inventory/support';
import { deliveredOrder, mustRequestReturn, mustReturnAct, type ReturnRow } from './returns-support';

jest.setTimeout(120_000);

const at = (iso: string) => new Date(iso).toISOString();
const WORKDAY = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }];

/**
 * The return's two clocks on the franchise's business calendar, with the clock set: the review
 * within 24 hours of working days, the refund within 3 working days after the inspection, both
 * across a weekend, a holiday and the new year; the check job warns, breaches and escalates once.
 */
describe('return clocks', () => {
  let app: TestApp;
  let owner: Caller;
  let supervisor: Caller;
  let keeper: Caller;
  let r: ReturnRow;

  const check = (now: string) => app.server.jobs!.runNow('returns.sla-check', { now: at(now) });
  const read = async () =>
    (await must<{ return: ReturnRow & { events: { kind: string }[] } }>(owner, 'query($id: ID!) { return(id: $id) { slaClock slaStatus slaDueAt escalationLevel reviewDueAt reviewMetAt reviewBreachedAt refundDueAt refundMetAt refundBreachedAt events { kind } } }', { id: r.id })).return;

  beforeAll(async () => {
    // Thursday 17 December 2026, 10:00 in Shanghai: the order is delivered.
    clock.freezeAt('2026-12-17T10:00:00+08:00');
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    [owner, supervisor, keeper] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'supervisor@east.demo'), signIn(app, 'warehouse@east.demo')]);
    // East's calendar: weekdays 09–18 with lunch, Monday 21 December a day off, New Year's Day.
    const { slaPolicies, businessCalendars } = await must<{ slaPolicies: { isDefault: boolean; calendarId: string }[]; businessCalendars: { id: string; version: number; name: string }[] }>(owner, '{ slaPolicies { isDefault calendarId } businessCalendars { id version name } }');
    const calendar = businessCalendars.find((c) => c.id === slaPolicies.find((p) => p.isDefault)!.calendarId)!;
    await must(owner, 'mutation($id: ID!, $v: Int!, $c: BusinessCalendarInput!) { updateOneBusinessCalendar(input: { id: $id, version: $v, update: $c }) { id } }', {
      id: calendar.id,
      v: calendar.version,
      c: { name: calendar.name, timeZone: 'Asia/Shanghai', workingDays: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: WORKDAY })), holidays: ['2026-12-21', '2027-01-01'], extraWorkdays: [] },
    });
    const hq = await signIn(app, 'admin@hq.demo');
    const wh = await createWarehouse(owner, 'EAST-RMA-CLK');
    const product = await createProduct(hq, { genericName: '布洛芬缓释胶囊', priceCents: 1800 });
    await receive(owner, wh.warehouseId, [{ productId: product.id, zoneId: wh.normalZoneId, lotNo: 'IBU-1', expiryDate: inDays(500), quantity: 10 }]);
    const customers = await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }');
    const o = await deliveredOrder(owner, { customerId: customers.customers.nodes[0]!.id, warehouseId: wh.warehouseId, lines: [{ productId: product.id, quantity: 2 }] });
    // Friday 18 December, 15:00: the customer asks to return both boxes.
    clock.freezeAt('2026-12-18T15:00:00+08:00');
    r = await mustRequestReturn(owner, { orderId: o.id, kind: 'REFUND', reason: 'SPOILED', source: 'PHONE', lines: [{ orderLineId: o.lines[0]!.id, quantity: 2 }] });
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('gives the review 24 hours of working days: Friday 15:00 → Tuesday 15:00 past the weekend and Monday’s holiday; it warns, breaches and escalates once', async () => {
    // Friday 15:00–24:00 is 9 h; Saturday, Sunday and Monday (a day off) do not count; 15 h on Tuesday.
    expect(r).toMatchObject({ slaClock: 'REVIEW', slaStatus: 'OK', reviewDueAt: at('2026-12-22T15:00:00+08:00'), slaDueAt: at('2026-12-22T15:00:00+08:00') });
    await check('2026-12-22T10:00:00+08:00'); // before 80 % (Tuesday 10:12)
    expect(await read()).toMatchObject({ slaStatus: 'OK', escalationLevel: 'AGENT' });
    await check('2026-12-22T10:30:00+08:00');
    expect(await read()).toMatchObject({ slaStatus: 'WARNING', escalationLevel: 'AGENT', reviewBreachedAt: null });
    await check('2026-12-22T15:01:00+08:00');
    await check('2026-12-22T15:02:00+08:00'); // again: nothing new
    const breached = await read();
    expect(breached).toMatchObject({ slaStatus: 'BREACHED', escalationLevel: 'SUPERVISOR', reviewBreachedAt: at('2026-12-22T15:01:00+08:00') });
    // The breach and its escalation share their instant: each once, after the warning.
    expect(breached.events.map((e) => e.kind).slice(0, 2)).toEqual(['CREATED', 'SLA_WARNING']);
    expect(breached.events.map((e) => e.kind).slice(2).sort()).toEqual(['ESCALATED', 'SLA_BREACHED']);

    clock.freezeAt('2026-12-22T16:00:00+08:00');
    const approved = await mustReturnAct(supervisor, 'approveReturn', { id: r.id });
    expect(approved).toMatchObject({ slaClock: null, slaStatus: null, escalationLevel: 'SUPERVISOR', reviewBreachedAt: at('2026-12-22T15:01:00+08:00') });
    expect(approved.reviewMetAt).not.toBeNull();
  });

  it('gives the refund 3 working days after the inspection: Tuesday 29 December → Monday 4 January 18:00, across New Year’s Day and the weekend', async () => {
    clock.freezeAt('2026-12-28T11:00:00+08:00');
    const received = await mustReturnAct(keeper, 'receiveReturn', { id: r.id });
    clock.freezeAt('2026-12-29T10:00:00+08:00');
    const inspected = await mustReturnAct(keeper, 'inspectReturn', { id: r.id, version: received.version, lines: [{ returnLineId: received.lines[0]!.id, acceptedQuantity: 0, damagedQuantity: 2, packagingIntact: true }] }, 'InspectReturnInput');
    // Wednesday 30, Thursday 31, (Friday 1 January a holiday, the weekend), Monday 4: its closing time.
    expect(inspected).toMatchObject({ state: 'REFUND_PENDING', slaClock: 'REFUND', slaStatus: 'OK', refundCents: 3600, refundDueAt: at('2027-01-04T18:00:00+08:00') });
    // 80 % of its 31 working hours: 24 h 48 min → Monday 10:48.
    await check('2027-01-04T10:47:00+08:00');
    expect(await read()).toMatchObject({ slaStatus: 'OK' });
    await check('2027-01-04T10:49:00+08:00');
    expect(await read()).toMatchObject({ slaStatus: 'WARNING', refundBreachedAt: null });
    clock.freezeAt('2027-01-04T11:00:00+08:00');
    const refunded = await mustReturnAct(supervisor, 'refundReturn', { id: r.id, reference: 'UNIONPAY-8842' }, 'RefundReturnInput');
    expect(refunded).toMatchObject({ state: 'REFUNDED', slaClock: null, slaStatus: null, refundBreachedAt: null, refundMetAt: at('2027-01-04T11:00:00+08:00') });
    await check('2027-01-05T10:00:00+08:00'); // settled: nothing more
    expect((await read()).events.map((e) => e.kind).filter((k) => k.startsWith('SLA'))).toEqual(['SLA_WARNING', 'SLA_BREACHED', 'SLA_WARNING']);
  });
});
