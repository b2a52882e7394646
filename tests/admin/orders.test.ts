import type { Browser, Page } from 'playwright-core';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { BALANCES, createProduct, createWarehouse, inDays, must, receive, type ProductRow, type WarehouseSetup } from '../inventory/support';
import { DELIVERY, mustAct, mustCreateOrder } from '../orders/support';
import { chooseOption, describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

/** The order pages (订单管理) worked through the panel: the order page with identity check and address change seen live by a supervisor, the shipping desk, a quick in-store order. */
jest.setTimeout(300_000);

/** Picks an option of an antd Select by typing part of its label (until the select shows it). */
async function choose(page: Page, select: ReturnType<Page['getByTestId']>, text: string) {
  await chooseOption(page, select, text, { search: text });
}

const ORDER = 'query($id: ID!) { order(id: $id) { state version deliveryAddress carrier trackingNo paymentStatus totalCents lines { picks { lotNo quantity } } events { kind reason details } } }';

describeInBrowser('order pages', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: Caller;
  let agent: Caller;
  let wh: WarehouseSetup;
  let product: ProductRow;
  let customerId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const hq = await signIn(app, 'admin@hq.demo');
    [owner, agent] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo')]);
    wh = await createWarehouse(owner, 'EAST-UIO');
    product = await createProduct(hq, { genericName: '缬沙坦胶囊', specification: '80mg×7粒', barcode: '6901234567892', priceCents: 2680 });
    await receive(owner, wh.warehouseId, [
      { productId: product.id, zoneId: wh.normalZoneId, lotNo: 'VAL-LATE', expiryDate: inDays(500), quantity: 40 },
      { productId: product.id, zoneId: wh.normalZoneId, lotNo: 'VAL-SOON', expiryDate: inDays(120), quantity: 3 },
    ]);
    customerId = (await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }')).customers.nodes[0]!.id;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const onlineOrder = (quantity = 2) => mustCreateOrder(agent, { channel: 'PHONE', customerId, warehouseId: wh.warehouseId, lines: [{ productId: product.id, quantity }], ...DELIVERY });

  it('an agent verifies the customer and changes the address; a supervisor sees the order move on live', async () => {
    const order = await onlineOrder();
    const [agentPage, supervisorPage] = await Promise.all([signInPage(browser, app, 'agent@east.demo'), signInPage(browser, app, 'supervisor@east.demo')]);
    await supervisorPage.goto(`/orders/show/${order.id}`);
    await supervisorPage.locator('[data-testid="order-state"][data-state="RECEIVED"]').waitFor();

    // The agent finds the order in the list by the customer's phone and opens it.
    await agentPage.goto('/orders');
    const box = agentPage.getByTestId('list-search').locator('input').or(agentPage.locator('input[data-testid="list-search"]')).first();
    await box.fill(DELIVERY.deliveryPhone);
    await box.press('Enter');
    await agentPage.waitForURL(/filters/); // the search applied (it is kept in the URL)
    // The table re-renders when the searched page arrives: click the link until the order page opens.
    for (let attempt = 1; ; attempt++) {
      await agentPage.getByTestId('order-table').getByText(order.orderNo).click({ timeout: 10_000 });
      const opened = await agentPage.waitForURL(`**/orders/show/${order.id}`, { timeout: 5_000 }).then(() => true, () => false);
      if (opened) break;
      if (attempt === 3) throw new Error(`the order page of ${order.orderNo} did not open`);
    }
    expect(await agentPage.getByTestId('order-total').innerText()).toBe('¥53.60');

    // No change without the identity check: the page offers the check first.
    expect(await agentPage.getByTestId('change-delivery').count()).toBe(0);
    await agentPage.getByTestId('verify-note').fill('回拨档案手机号，核对姓名与出生日期');
    await agentPage.getByTestId('verify-identity').click();
    await agentPage.getByTestId('identity-verified').waitFor();
    await agentPage.getByTestId('change-delivery').click();
    const newAddress = '上海市静安区南京西路 1266 号恒隆广场 2 座 1808 室';
    await agentPage.getByTestId('new-delivery-address').fill(newAddress);
    await agentPage.getByTestId('change-reason').fill('客户来电更正收货地址');
    await agentPage.getByTestId('save-delivery').click();
    await agentPage.getByTestId('delivery-address').filter({ hasText: newAddress }).waitFor();
    const changed = agentPage.locator('[data-testid="order-event"][data-kind="DELIVERY_CHANGED"]');
    await changed.waitFor();
    expect(await changed.innerText()).toContain(`${DELIVERY.deliveryAddress} → ${newAddress}`);
    expect(await changed.innerText()).toContain('客户来电更正收货地址');
    // The check was used up by the change.
    expect(await agentPage.getByTestId('identity-verified').count()).toBe(0);

    // The agent starts the review; the supervisor's page follows without a reload.
    await agentPage.getByTestId('order-action-start_review').click();
    await agentPage.locator('[data-testid="order-state"][data-state="UNDER_REVIEW"]').waitFor();
    await supervisorPage.locator('[data-testid="order-state"][data-state="UNDER_REVIEW"]').waitFor({ timeout: 20_000 });
    await supervisorPage.getByTestId('delivery-address').filter({ hasText: newAddress }).waitFor();
    await screenshot(supervisorPage, 'order-live-supervisor');

    const { order: saved } = await must<{ order: { state: string; deliveryAddress: string; events: { kind: string; reason: string | null }[] } }>(owner, ORDER, { id: order.id });
    expect(saved.state).toBe('UNDER_REVIEW');
    expect(saved.deliveryAddress).toBe(newAddress);
    expect(saved.events.map((e) => e.kind)).toEqual(['CREATED', 'IDENTITY_VERIFIED', 'DELIVERY_CHANGED', 'TRANSITION']);
    await Promise.all([agentPage.context().close(), supervisorPage.context().close()]);
  });

  it('the review queue shows a short order with its reason; the shipping desk picks first expiry first and ships with the tracking number', async () => {
    const short = await onlineOrder(999);
    await mustAct(agent, 'startOrderReview', { id: short.id });
    await mustAct(agent, 'reviewOrder', { id: short.id });
    const order = await onlineOrder(5);
    await mustAct(agent, 'startOrderReview', { id: order.id });

    const page = await signInPage(browser, app, 'supervisor@east.demo');
    await page.goto('/orders/review');
    const shortRow = page.getByTestId('review-queue').locator('tr', { hasText: short.orderNo });
    expect(await shortRow.getByTestId('queue-waiting').innerText()).toBe('缬沙坦胶囊 80mg×7粒 库存不足（EAST-UIO 仓库）：需要 999，可用 43');
    const row = page.getByTestId('review-queue').locator('tr', { hasText: order.orderNo });
    await row.getByTestId('order-action-review').click();
    await row.waitFor({ state: 'detached', timeout: 20_000 }); // approved: it leaves the queue

    await page.goto('/orders/shipping');
    await page.getByTestId('to-pick').locator('tr', { hasText: order.orderNo }).getByTestId('order-action-start_picking').click();
    const pickList = page.locator(`[data-testid="pick-list"][data-order="${order.orderNo}"]`);
    await pickList.waitFor();
    const pickText = await pickList.innerText();
    expect(pickText.indexOf('VAL-SOON')).toBeGreaterThan(-1); // the lot expiring first, all 3 of it, then 2 of the later one
    expect(pickText.indexOf('VAL-SOON')).toBeLessThan(pickText.indexOf('VAL-LATE'));
    await pickList.getByTestId('order-action-ship').click();
    await page.getByTestId('field-carrier').fill('顺丰速运');
    await page.getByTestId('field-trackingNo').fill('SF1400012345678');
    await page.getByTestId('action-confirm').click();
    await pickList.waitFor({ state: 'detached', timeout: 20_000 });

    const { order: shipped } = await must<{ order: { state: string; carrier: string; trackingNo: string; lines: { picks: { lotNo: string; quantity: number }[] }[] } }>(owner, ORDER, { id: order.id });
    expect(shipped).toMatchObject({ state: 'SHIPPED', carrier: '顺丰速运', trackingNo: 'SF1400012345678' });
    expect(shipped.lines[0]!.picks.map((p) => [p.lotNo, p.quantity])).toEqual([['VAL-SOON', 3], ['VAL-LATE', 2]]);

    await page.goto(`/orders/show/${order.id}`);
    expect(await page.getByTestId('tracking-no').innerText()).toBe('SF1400012345678');
    expect(await page.getByTestId('order-pick').count()).toBe(2);
    await page.context().close();
  });

  it('a quick in-store order: product by barcode, the server’s total, paid and handed over', async () => {
    const before = await must<{ stockBalances: { nodes: { onHand: number }[] } }>(owner, BALANCES, { w: wh.warehouseId, p: product.id });
    const onHand = before.stockBalances.nodes.reduce((sum, b) => sum + b.onHand, 0);
    const page = await signInPage(browser, app, 'supervisor@east.demo');
    await page.goto('/orders/quick');
    await choose(page, page.getByTestId('warehouse-picker'), 'EAST-UIO');
    const search = page.getByTestId('quick-product-search');
    await search.click();
    await search.locator('input').fill('6901234567892'); // the barcode, as a scanner types it
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '缬沙坦胶囊' }).first().click();
    await page.locator('input[data-testid="quick-quantity"]').or(page.getByTestId('quick-quantity').locator('input')).first().fill('3');
    await page.getByTestId('quick-create').click();
    await page.getByTestId('quick-created').or(page.locator('.ant-notification-notice')).first().waitFor();
    expect(await page.locator('.ant-notification-notice').count()).toBe(0);
    expect(await page.getByTestId('quick-total').innerText()).toBe('¥80.40');
    await page.getByTestId('quick-pay').click();
    await page.locator('[data-testid="quick-created"][data-state="PAID"]').waitFor();
    await page.getByTestId('quick-hand-over').click();
    await page.locator('[data-testid="quick-created"][data-state="HANDED_OVER"]').waitFor();
    const orderNo = await page.getByTestId('quick-order-no').innerText();
    await page.context().close();

    const { orders } = await must<{ orders: { nodes: { id: string; channel: string; state: string; paymentStatus: string; totalCents: number; customerId: string | null }[] } }>(owner, 'query($no: String!) { orders(filter: { orderNo: { eq: $no } }) { nodes { id channel state paymentStatus totalCents customerId } } }', { no: orderNo });
    expect(orders.nodes[0]).toMatchObject({ channel: 'IN_STORE', state: 'HANDED_OVER', paymentStatus: 'PAID', totalCents: 8040, customerId: null });
    const after = await must<{ stockBalances: { nodes: { onHand: number }[] } }>(owner, BALANCES, { w: wh.warehouseId, p: product.id });
    expect(after.stockBalances.nodes.reduce((sum, b) => sum + b.onHand, 0)).toBe(onHand - 3);
  });
});
