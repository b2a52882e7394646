import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { createProduct, createWarehouse, inDays, must, receive } from '../inventory/support';
import { deliveredOrder, mustRequestReturn, mustReturnAct, stockByPlace } from '../orders/returns-support';
import { chooseOption, describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

/** A return worked through the panel: requested by the order number, approved, received, inspected line by line and refunded. */
jest.setTimeout(300_000);

/** Picks an option of an antd Select by its label (until the select shows it). */
async function choose(page: Page, testId: string, text: string) {
  await chooseOption(page, page.getByTestId(testId), text);
}

const stateOf = (page: Page, state: string) => page.locator(`[data-testid="return-state"][data-state="${state}"]`).waitFor();

describeInBrowser('returns pages', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a return goes request → approve → receive → inspect → refund through the admin, resalable units back into stock', async () => {
    const [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo')]);
    const wh = await createWarehouse(owner, 'EAST-RMA-UI');
    const product = await createProduct(hq, { genericName: '复方丹参滴丸', priceCents: 3200 });
    await receive(owner, wh.warehouseId, [{ productId: product.id, zoneId: wh.normalZoneId, lotNo: 'DS-UI-1', expiryDate: inDays(400), quantity: 10 }]);
    const { customers } = await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }');
    const order = await deliveredOrder(owner, { customerId: customers.nodes[0]!.id, warehouseId: wh.warehouseId, lines: [{ productId: product.id, quantity: 3 }] });

    // The agent takes the customer's call: finds the order by its number and requests the return.
    const agent = await signInPage(browser, app, 'agent@east.demo');
    await agent.goto('/returns');
    await agent.getByTestId('new-return').click();
    await agent.getByTestId('return-order-no').fill(order.orderNo);
    await agent.getByTestId('find-order').click();
    await agent.getByTestId('return-qty-1').fill('2');
    await choose(agent, 'return-reason', '破损');
    await agent.getByTestId('return-description').fill('两盒外包装压坏，药瓶完好一盒');
    await agent.getByTestId('return-evidence').fill('https://img.example.com/rma/ui-1.jpg');
    await agent.getByTestId('submit-return').click();
    await stateOf(agent, 'REQUESTED');
    await screenshot(agent, 'return-requested');

    // The supervisor approves it from the queue (its review clock counting down).
    const supervisor = await signInPage(browser, app, 'supervisor@east.demo');
    await supervisor.goto('/returns');
    const row = supervisor.getByTestId('returns').locator('tr', { hasText: order.orderNo });
    await row.locator('.pd-sla').waitFor();
    await row.locator('a').first().click();
    await stateOf(supervisor, 'REQUESTED');
    await supervisor.getByTestId('return-action-approve').click();
    await stateOf(supervisor, 'APPROVED');

    // The goods come back: received, then inspected per line (1 resalable, 1 crushed).
    await supervisor.getByTestId('return-action-receive').click();
    await stateOf(supervisor, 'RECEIVED');
    await supervisor.getByTestId('accepted-DS-UI-1').fill('1');
    await supervisor.getByTestId('damaged-DS-UI-1').fill('1');
    await supervisor.getByTestId('submit-inspection').click();
    await stateOf(supervisor, 'REFUND_PENDING');
    expect(await supervisor.getByTestId('restocked-DS-UI-1').innerText()).toBe('1');
    expect(await supervisor.getByTestId('quarantined-DS-UI-1').innerText()).toBe('1');
    expect(await supervisor.getByTestId('return-refund').innerText()).toBe('¥64.00');
    await screenshot(supervisor, 'return-inspected');

    await supervisor.getByTestId('return-field-reference').fill('WXPAY-UI-0001');
    await supervisor.getByTestId('return-action-refund').click();
    await stateOf(supervisor, 'REFUNDED');
    expect(await supervisor.locator('.ant-timeline').innerText()).toContain('退款');
    await screenshot(supervisor, 'return-refunded');

    const stock = await stockByPlace(owner, wh.warehouseId, product.id);
    expect(stock['DS-UI-1@A']![0]).toBe(7 + 1);
    expect(Object.entries(stock).filter(([k]) => k.includes('@BHG')).map(([, v]) => v[0])).toEqual([1]);
    const { returns } = await must<{ returns: { nodes: { returnNo: string; state: string; refundCents: number; refundReference: string }[] } }>(owner, 'query($o: ID!) { returns(filter: { orderId: { eq: $o } }) { nodes { returnNo state refundCents refundReference } } }', { o: order.id });
    expect(returns.nodes).toEqual([{ returnNo: expect.stringContaining('-TH-'), state: 'REFUNDED', refundCents: 6400, refundReference: 'WXPAY-UI-0001' }]);
    await Promise.all([agent.context().close(), supervisor.context().close()]);
  });

  it('a refund above east’s threshold waits on the refund approvals page; another approver approves it on the return', async () => {
    const [hq, owner, agentApi] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo')]);
    const wh = await createWarehouse(owner, 'EAST-RMA-APPR');
    const product = await createProduct(hq, { genericName: '乳清蛋白粉（审批）', priceCents: 19800 });
    await receive(owner, wh.warehouseId, [{ productId: product.id, zoneId: wh.normalZoneId, lotNo: 'WP-APPR-1', expiryDate: inDays(400), quantity: 10 }]);
    const { customers } = await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }');
    const order = await deliveredOrder(owner, { customerId: customers.nodes[0]!.id, warehouseId: wh.warehouseId, lines: [{ productId: product.id, quantity: 3 }] });
    const r = await mustRequestReturn(agentApi, { orderId: order.id, kind: 'REFUND', reason: 'SPOILED', source: 'PHONE', description: '三罐结块变质', lines: [{ orderLineId: order.lines[0]!.id, quantity: 3 }] });
    await mustReturnAct(owner, 'approveReturn', { id: r.id });
    const received = await mustReturnAct(owner, 'receiveReturn', { id: r.id });
    // The owner inspects (594 yuan > 500): the refund waits, and the owner may not approve their own inspection.
    const inspected = await mustReturnAct(owner, 'inspectReturn', { id: r.id, version: received.version, lines: [{ returnLineId: received.lines[0]!.id, acceptedQuantity: 0, damagedQuantity: 3, packagingIntact: false }] }, 'InspectReturnInput');
    expect(inspected.state).toBe('AWAITING_REFUND_APPROVAL');

    const supervisor = await signInPage(browser, app, 'supervisor@east.demo');
    await supervisor.goto('/refund-approvals');
    await supervisor.getByTestId('tab-return-approvals').click();
    const row = supervisor.getByTestId('return-refund-approvals').locator('tr', { hasText: r.returnNo });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain('¥594.00');
    expect(await row.innerText()).toContain(order.orderNo);
    await screenshot(supervisor, 'return-refund-approvals');
    await row.getByRole('link', { name: r.returnNo }).click();
    await stateOf(supervisor, 'AWAITING_REFUND_APPROVAL');
    await supervisor.getByTestId('return-action-approve_refund').click();
    await stateOf(supervisor, 'REFUND_PENDING');

    // Approved: it leaves the approvals page.
    await supervisor.goto('/refund-approvals');
    await supervisor.getByTestId('tab-return-approvals').click();
    const table = supervisor.getByTestId('return-refund-approvals');
    await table.locator('.ant-table-tbody').waitFor();
    await table.locator('.ant-spin-blur').waitFor({ state: 'detached' }); // the list has answered
    expect(await table.innerText()).not.toContain(r.returnNo);
    await supervisor.context().close();
  });
});
