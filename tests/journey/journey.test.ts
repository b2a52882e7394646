import { Client } from 'pg';
import { clock } from '@pharmadesk/api';
import { startTestApp, takeFromSubscription, type TestApp } from '../support/app';
import { apiKeyCaller, errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { setWorkingCalendar } from '../appointments/support';
import { createTestItem, mustStep, postLabReport, prescribe, step, type TestOrderRow } from './support';

jest.setTimeout(180_000);

const WORKDAY = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }];

/**
 * The client service journey of a test order, east's clock set to Monday 14 December 2026, 09:00
 * in Shanghai, with Wednesday 16 December a holiday of its calendar. A customer of east's branch
 * center: its doctor prescribes, the owner ships the kit and hands the report over (test:sample),
 * the consulting department checks the sample and reviews the report, a lab partner's key posts it.
 */
describe('service journey: test orders', () => {
  let app: TestApp;
  let pg: Client;
  let hq: Caller;
  let owner: Caller;
  let agent: Caller;
  let doctor: Caller;
  let consulting: Caller;
  let westOwner: Caller;
  let lab: Caller;
  let customerId: string;
  let doctorId: string;
  let consultingId: string;
  let managerId: string;
  let items: { cbc: string; gut: string; shared: string };
  let westOrderId: string;

  const sql = async <T>(text: string, values: unknown[] = []) => (await pg.query(text, values)).rows as T[];
  const until = async <T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const v = await read();
      if (done(v) || Date.now() > deadline) return v;
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  beforeAll(async () => {
    clock.freezeAt('2026-12-14T09:00:00+08:00');
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    pg = new Client({ connectionString: app.database.url });
    await pg.connect();
    [hq, owner, agent, doctor, consulting, westOwner] = await Promise.all(['admin@hq.demo', 'owner@east.demo', 'agent@east.demo', 'doctor@east.demo', 'consulting@east.demo', 'owner@west.demo'].map((e) => signIn(app, e))) as unknown as [Caller, Caller, Caller, Caller, Caller, Caller];
    await setWorkingCalendar(owner, WORKDAY, ['2026-12-16']);
    const staff = await must<{ staffUsers: { nodes: { id: string; email: string }[] }; orgUnits: { nodes: { id: string; kind: string }[] }; customers: { nodes: { id: string }[] } }>(
      owner,
      '{ staffUsers(paging: { limit: 100 }) { nodes { id email } } orgUnits(paging: { limit: 50 }) { nodes { id kind } } customers(paging: { limit: 1 }) { nodes { id } } }',
    );
    doctorId = staff.staffUsers.nodes.find((s) => s.email === 'doctor@east.demo')!.id;
    consultingId = staff.staffUsers.nodes.find((s) => s.email === 'consulting@east.demo')!.id;
    managerId = staff.staffUsers.nodes.find((s) => s.email === 'manager@east.demo')!.id;
    const branchId = staff.orgUnits.nodes.find((u) => u.kind === 'BRANCH_CENTER')!.id;
    customerId = staff.customers.nodes[0]!.id;
    // A customer of the branch center (where the doctor and the consulting department work), who takes calls.
    await sql(`update customer set org_unit_id = $1, doctor_id = $2, health_manager_id = $3, status = 'ACTIVE', consent_phone = true where id = $4`, [branchId, doctorId, managerId, customerId]);
    await sql(`delete from callback_task where customer_id = $1`, [customerId]);
    lab = await apiKeyCaller(app, owner, { permissions: ['lab:report'] });
    // West's own test order (its doctor, its customer), which east must never reach.
    const west = await must<{ staffUsers: { nodes: { id: string }[] }; customers: { nodes: { id: string }[] } }>(westOwner, '{ staffUsers(filter: { email: { eq: "doctor@west.demo" } }) { nodes { id } } customers(paging: { limit: 1 }) { nodes { id } } }');
    const westItem = await createTestItem(westOwner, { code: 'W-CBC', name: '西区血常规', priceCents: 5000, turnaroundDays: 2 });
    const westOrder = await prescribe(westOwner, { customerId: west.customers.nodes[0]!.id, doctorId: west.staffUsers.nodes[0]!.id, testItemIds: [westItem.id] });
    westOrderId = westOrder.body.data!.prescribeTests.id;
  }, 240_000);

  afterAll(async () => {
    clock.reset();
    await pg?.end();
    await app?.stop();
  });

  it('keeps the test catalogue: HQ’s shared items, the franchise’s own, bad input refused with codes', async () => {
    items = {
      cbc: (await createTestItem(owner, { code: 'CBC', name: '血常规', priceCents: 8000, samplingGuide: '空腹采静脉血 2 ml', turnaroundDays: 3 })).id,
      gut: (await createTestItem(owner, { code: 'GUT', name: '肠道菌群检测', priceCents: 120000, samplingGuide: '用采样盒取晨便，当天寄回', turnaroundDays: 5 })).id,
      shared: (await createTestItem(hq, { code: 'HQ-VITD', name: '维生素 D 检测', priceCents: 15000, turnaroundDays: 2, shared: true })).id,
    };
    const seen = await must<{ testItems: { nodes: { id: string; code: string; franchiseId: string | null }[] } }>(owner, '{ testItems(paging: { limit: 100 }) { nodes { id code franchiseId } } }');
    expect(seen.testItems.nodes.map((i) => i.code)).toEqual(expect.arrayContaining(['CBC', 'GUT', 'HQ-VITD']));
    expect(seen.testItems.nodes.map((i) => i.code)).not.toContain('W-CBC');
    const create = (caller: Caller, item: Record<string, unknown>) => caller.graphql('mutation($i: TestItemInput!) { createTestItem(input: $i) { id } }', { i: item });
    expect(errorCodes(await create(owner, { code: 'CBC', name: '重复', priceCents: 1, turnaroundDays: 1 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await create(owner, { code: 'X1', name: '零天', priceCents: 1, turnaroundDays: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await create(owner, { code: 'X2', name: '共享', priceCents: 1, turnaroundDays: 1, shared: true }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await create(agent, { code: 'X3', name: '坐席', priceCents: 1, turnaroundDays: 1 }))).toEqual(['FORBIDDEN']);
    const update = (caller: Caller, id: string, version: number, u: Record<string, unknown>) => caller.graphql('mutation($i: UpdateTestItemInput!) { updateTestItem(input: $i) { id version priceCents } }', { i: { id, version, update: u } });
    expect(errorCodes(await update(owner, items.shared, 1, { priceCents: 1 }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await update(owner, items.cbc, 9, { priceCents: 9000 }))).toEqual(['CONFLICT']);
    expect(errorCodes(await update(owner, items.cbc, 1, { name: null }))).toEqual(['BAD_USER_INPUT']);
  });

  it('lets the doctor prescribe tests with the total computed, and refuses bad prescriptions with codes', async () => {
    const wrongTotal = await prescribe(doctor, { customerId, testItemIds: [items.cbc, items.gut], expectedTotalCents: 100 });
    expect({ codes: errorCodes(wrongTotal), reason: (wrongTotal.body.errors?.[0]?.extensions?.fields as { reason?: string }[] | undefined)?.[0]?.reason }).toEqual({ codes: ['BAD_USER_INPUT'], reason: 'TOTAL_MISMATCH' });
    expect(errorCodes(await prescribe(doctor, { customerId, testItemIds: [] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await prescribe(doctor, { customerId, testItemIds: [items.cbc, items.cbc] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await prescribe(doctor, { customerId, testItemIds: ['00000000-0000-4000-8000-000000000000'] }))).toEqual(['NOT_FOUND']);
    // The owner is no doctor: a prescription names its doctor.
    const noDoctor = await prescribe(owner, { customerId, testItemIds: [items.cbc] });
    expect({ codes: errorCodes(noDoctor), field: noDoctor.body.errors?.[0]?.extensions?.field }).toEqual({ codes: ['BAD_USER_INPUT'], field: 'doctorId' });
    expect(errorCodes(await prescribe(agent, { customerId, testItemIds: [items.cbc] }))).toEqual(['FORBIDDEN']);
    const res = await prescribe(doctor, { customerId, testItemIds: [items.cbc, items.gut], expectedTotalCents: 128000, note: '体检后复查' });
    expect(res.body.errors).toBeUndefined();
    const order = res.body.data!.prescribeTests;
    expect(order).toMatchObject({ state: 'PRESCRIBED', totalCents: 128000, doctorId, customerId, expectedReportOn: null });
    expect(order.testOrderNo).toMatch(/-JC-2026-\d{6}$/);
    expect(order.lines.map((l) => [l.code, l.priceCents, l.turnaroundDays])).toEqual([['CBC', 8000, 3], ['GUT', 120000, 5]]);
    expect(order.steps).toEqual([expect.objectContaining({ action: 'prescribe', fromState: null, toState: 'PRESCRIBED', actorId: doctorId })]);
  });

  it('walks the whole journey, each step with who and when, invalid steps refused, the lab’s post idempotent, the report delivered into callbacks', async () => {
    let order = (await prescribe(doctor, { customerId, testItemIds: [items.cbc, items.gut] })).body.data!.prescribeTests;
    const ownerId = (await must<{ me: { user: { id: string } } }>(owner, '{ me { user { id } } }')).me.user.id;

    // Not a step from here, and a step of someone else's role.
    const invalid = await step(consulting, order, 'release');
    expect({ codes: errorCodes(invalid), allowed: invalid.body.errors?.[0]?.extensions?.allowed }).toEqual({ codes: ['INVALID_TRANSITION'], allowed: expect.any(Array) });
    expect(errorCodes(await step(consulting, order, 'ship_kit'))).toEqual(['FORBIDDEN']);
    await mustStep(owner, order, 'ship_kit');
    order = (await must<{ testOrder: TestOrderRow }>(owner, 'query($id: ID!) { testOrder(id: $id) { id version state expectedReportOn sampledAt } }', { id: order.id })).testOrder;
    // Sampling sets the report date: 5 working days after Monday 14th, skipping the holiday on the 16th and the weekend: Tuesday 22nd.
    expect(order).toMatchObject({ state: 'SAMPLING', expectedReportOn: '2026-12-22' });
    expect(order.sampledAt! > new Date('2026-12-14T01:00:00Z').toISOString()).toBe(true);

    expect(errorCodes(await step(consulting, order, 'reject_sample'))).toEqual(['BAD_USER_INPUT']);
    order = await mustStep(consulting, order, 'reject_sample', { reason: '样本溶血，需重新采样' });
    expect(order).toMatchObject({ state: 'SAMPLE_REJECTED', rejectionReason: '样本溶血，需重新采样' });
    clock.freezeAt('2026-12-15T10:00:00+08:00');
    order = await mustStep(owner, order, 'resample');
    expect(order).toMatchObject({ state: 'SAMPLING', rejectionReason: null, expectedReportOn: '2026-12-23' });
    order = await mustStep(consulting, order, 'accept_sample');
    expect(order.state).toBe('TESTING');
    // The report comes only from the lab.
    expect(errorCodes(await step(owner, order, 'receive_report'))).toEqual(['BAD_USER_INPUT']);

    const report = { testOrderId: order.id, labReportId: 'LAB-2026-0001', results: [{ code: 'WBC', name: '白细胞', value: '11.2', unit: '10^9/L', referenceRange: '3.5-9.5', flag: 'H' }], files: [{ name: '报告.pdf', url: 'https://lab.example.com/r/LAB-2026-0001.pdf' }] };
    // The lab's retry crossing its first post (same report, same instant): both answer, one step is written.
    clock.freezeAt(clock.nowMs() + 60_000);
    const both = await Promise.all([0, 1].map(() => lab.graphql<{ postLabReport: TestOrderRow }>(`mutation($i: PostLabReportInput!) { postLabReport(input: $i) { id version state steps { action } } }`, { i: report })));
    expect(both.map((r) => r.body.errors)).toEqual([undefined, undefined]);
    expect(new Set(both.map((r) => r.body.data!.postLabReport.version)).size).toBe(1);
    expect(both.map((r) => r.body.data!.postLabReport.steps.filter((s) => s.action === 'receive_report').length)).toEqual([1, 1]);
    const posted = await postLabReport(lab, report);
    expect(posted.body.errors).toBeUndefined();
    order = posted.body.data!.postLabReport;
    expect(order).toMatchObject({ state: 'REPORT_RECEIVED', labReportId: 'LAB-2026-0001', labResults: [{ code: 'WBC', value: '11.2', flag: 'H' }], labFiles: [{ name: '报告.pdf', url: report.files[0]!.url }] });
    // A replay changes nothing: same version, same steps.
    const replay = await postLabReport(lab, { ...report, results: [] });
    expect(replay.body.errors).toBeUndefined();
    expect(replay.body.data!.postLabReport).toMatchObject({ version: order.version, state: 'REPORT_RECEIVED', labResults: order.labResults });
    expect(replay.body.data!.postLabReport.steps).toHaveLength(order.steps.length);
    expect(errorCodes(await postLabReport(lab, { ...report, labReportId: 'LAB-OTHER' }))).toEqual(['CONFLICT']);
    expect(errorCodes(await postLabReport(lab, { ...report, testOrderId: '00000000-0000-4000-8000-000000000000' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await postLabReport(lab, { ...report, testOrderId: westOrderId, labReportId: 'LAB-WEST' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await postLabReport(agent, report))).toEqual(['FORBIDDEN']);

    order = await mustStep(consulting, order, 'start_review');
    expect(order.state).toBe('UNDER_REVIEW');
    // Live: the doctor (their own customers) and the franchise's owner see the release as it happens; another doctor's filter does not.
    const released = 'subscription($d: ID) { testOrderReportReleased(doctorId: $d) { id testOrderNo state releasedAt labFiles { url } } }';
    const doctorSees = takeFromSubscription<{ testOrderReportReleased: { id: string; state: string; labFiles: { url: string }[] } }>(app.wsClient({ authorization: doctor.headers.authorization }), { query: released, variables: { d: doctorId } }, 1);
    const ownerSees = takeFromSubscription<{ testOrderReportReleased: { id: string; state: string } }>(app.wsClient({ authorization: owner.headers.authorization }), { query: released }, 1);
    const otherDoctor = takeFromSubscription(app.wsClient({ authorization: doctor.headers.authorization }), { query: released, variables: { d: managerId } }, 1, 3_000);
    await new Promise((r) => setTimeout(r, 300));
    order = await mustStep(consulting, order, 'release');
    expect(order).toMatchObject({ state: 'RELEASED', releasedById: consultingId });
    expect((await doctorSees)[0]!.data!.testOrderReportReleased).toMatchObject({ id: order.id, state: 'RELEASED', labFiles: [{ url: report.files[0]!.url }] });
    expect((await ownerSees)[0]!.data!.testOrderReportReleased).toMatchObject({ id: order.id, state: 'RELEASED' });
    await expect(otherDoctor).rejects.toThrow(/gave 0 of 1/);
    // The doctor and the health manager are told (the reaction runs after the commit).
    const told = await until(
      () => sql<{ staff_id: string }>(`select staff_id from notification_message where kind = 'journey.report_released' and ref_id = $1 order by staff_id`, [order.id]),
      (rows) => rows.length >= 2,
    );
    expect(told.map((r) => r.staff_id).sort()).toEqual([doctorId, managerId].sort());

    expect(errorCodes(await step(doctor, order, 'write_summary'))).toEqual(['BAD_USER_INPUT']);
    order = await mustStep(doctor, order, 'write_summary', { summary: '白细胞偏高，建议两周后复查血常规。' });
    expect(order).toMatchObject({ state: 'IN_PRODUCTION', summary: '白细胞偏高，建议两周后复查血常规。' });
    order = await mustStep(consulting, order, 'finish_production');
    expect(order.state).toBe('READY');
    expect(errorCodes(await step(owner, { ...order, version: order.version - 1 }, 'collect_report'))).toEqual(['CONFLICT']);
    order = await mustStep(owner, order, 'collect_report');
    expect(order).toMatchObject({ state: 'DELIVERED', deliveryMethod: 'COLLECTED' });
    order = await mustStep(doctor, order, 'interpret');
    expect(order.state).toBe('INTERPRETED');
    expect(errorCodes(await step(doctor, order, 'interpret'))).toEqual(['INVALID_TRANSITION']);

    // Every step with who took it.
    expect(order.steps.map((s) => [s.action, s.toState, s.actorId])).toEqual([
      ['prescribe', 'PRESCRIBED', doctorId],
      ['ship_kit', 'SAMPLING', ownerId],
      ['reject_sample', 'SAMPLE_REJECTED', consultingId],
      ['resample', 'SAMPLING', ownerId],
      ['accept_sample', 'TESTING', consultingId],
      ['receive_report', 'REPORT_RECEIVED', null],
      ['start_review', 'UNDER_REVIEW', consultingId],
      ['release', 'RELEASED', consultingId],
      ['write_summary', 'IN_PRODUCTION', doctorId],
      ['finish_production', 'READY', consultingId],
      ['collect_report', 'DELIVERED', ownerId],
      ['interpret', 'INTERPRETED', doctorId],
    ]);
    expect(order.steps.find((s) => s.action === 'reject_sample')!.reason).toBe('样本溶血，需重新采样');

    // On the customer's timeline, each step with the order's amount.
    const timeline = await must<{ customerTimeline: { nodes: { kind: string; title: string; amount: number | null; refId: string }[] } }>(owner, 'query($c: ID!) { customerTimeline(customerId: $c, kinds: ["test"], first: 50) { nodes { kind title amount refId } } }', { c: customerId });
    const mine = timeline.customerTimeline.nodes.filter((n) => n.refId === order.id);
    expect(mine).toHaveLength(12);
    expect(mine.every((n) => n.amount === 1280)).toBe(true);
    expect(mine[0]!.title).toContain('已解读确认');

    // Delivered on 15 December: the report-delivered rule's calls, 2 days, 3, 6 and 12 months later.
    const tasks = await until(
      () => sql<{ purpose_key: string; due_date: string; kind: string }>(`select purpose_key, to_char(due_date, 'YYYY-MM-DD') as due_date, kind from callback_task where customer_id = $1 and kind = 'REPORT_DELIVERED' order by due_date`, [customerId]),
      (rows) => rows.length >= 4,
    );
    expect(tasks.map((t) => t.due_date)).toEqual(['2026-12-17', '2027-03-15', '2027-06-15', '2027-12-15']);
    expect(tasks[0]!.purpose_key).toBe(`report:${order.testOrderNo}:report_delivered:first`);
  });

  it('cancels before testing with a reason, never after', async () => {
    let order = (await prescribe(doctor, { customerId, testItemIds: [items.shared] })).body.data!.prescribeTests;
    expect(order.totalCents).toBe(15000);
    expect(errorCodes(await step(doctor, order, 'cancel'))).toEqual(['BAD_USER_INPUT']);
    const cancelled = await mustStep(doctor, order, 'cancel', { reason: '客户改期' });
    expect(cancelled.state).toBe('CANCELLED');
    order = (await prescribe(doctor, { customerId, testItemIds: [items.cbc] })).body.data!.prescribeTests;
    order = await mustStep(owner, order, 'sample_on_site');
    order = await mustStep(consulting, order, 'accept_sample');
    expect(errorCodes(await step(doctor, order, 'cancel', { reason: '太晚了' }))).toEqual(['INVALID_TRANSITION']);
  });

  it('sends the paper report by courier with its tracking number (the other way the report is delivered)', async () => {
    let order = (await prescribe(doctor, { customerId, testItemIds: [items.cbc] })).body.data!.prescribeTests;
    order = await mustStep(owner, order, 'sample_on_site');
    order = await mustStep(consulting, order, 'accept_sample');
    const posted = await postLabReport(lab, { testOrderId: order.id, labReportId: 'LAB-2026-SEND', results: [{ code: 'WBC', name: '白细胞', value: '6.0' }], files: [] });
    expect(posted.body.errors).toBeUndefined();
    order = posted.body.data!.postLabReport;
    for (const [who, action, extra] of [[consulting, 'start_review', {}], [consulting, 'release', {}], [doctor, 'write_summary', { summary: '各项正常。' }], [consulting, 'finish_production', {}]] as const) order = await mustStep(who, order, action, extra);
    expect(errorCodes(await step(consulting, order, 'send_report', { trackingNo: 'SF1234567890' }))).toEqual(['FORBIDDEN']);
    order = await mustStep(owner, order, 'send_report', { trackingNo: 'SF1234567890' });
    expect(order).toMatchObject({ state: 'DELIVERED', deliveryMethod: 'SENT' });
    expect(order.deliveredAt).not.toBeNull();
    const tracked = await must<{ testOrder: { trackingNo: string | null } }>(owner, 'query($id: ID!) { testOrder(id: $id) { trackingNo } }', { id: order.id });
    expect(tracked.testOrder.trackingNo).toBe('SF1234567890');
  });
});
