import type { Browser } from 'playwright-core';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { createProduct, createWarehouse, inDays, must, receive } from '../inventory/support';
import { DELIVERY, mustAct, mustCreateOrder } from '../orders/support';
import { describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

jest.setTimeout(180_000);

/**
 * A complaint about an order: the case page shows the order with its status live and opens the order's
 * page, where the agent verifies the customer and corrects the address while a supervisor watches.
 */
describeInBrowser('the order a case is about, in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let agent: Caller;
  let owner: Caller;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    [agent, owner] = await Promise.all([signIn(app, 'agent@east.demo'), signIn(app, 'owner@east.demo')]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the linked order’s status on the complaint, follows it live, opens the order, verifies the customer and changes the address; a supervisor sees it live', async () => {
    const hq = await signIn(app, 'admin@hq.demo');
    const wh = await createWarehouse(owner, 'EAST-CO');
    const product = await createProduct(hq, { genericName: '浏览器用阿莫西林胶囊', priceCents: 2350 });
    await receive(owner, wh.warehouseId, [{ productId: product.id, zoneId: wh.normalZoneId, lotNo: 'CO-1', expiryDate: inDays(300), quantity: 10 }]);
    const customerId = (await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }')).customers.nodes[0]!.id;
    const order = await mustCreateOrder(agent, { channel: 'PHONE', customerId, warehouseId: wh.warehouseId, lines: [{ productId: product.id, quantity: 2 }], ...DELIVERY });
    const complaint = await must<{ createOneCase: { id: string } }>(agent, 'mutation($o: ID!) { createOneCase(input: { case: { type: COMPLAINT, channel: PHONE, subject: "订单迟迟未发货", description: "客户来电催单", orderId: $o } }) { id } }', { o: order.id });

    const page = await signInPage(browser, app, 'agent@east.demo');
    await page.goto(`/cases/show/${complaint.createOneCase.id}`);
    const card = page.getByTestId('case-order');
    await card.getByText(order.orderNo).waitFor({ timeout: 45_000 }); // the case page's first load is slow on a loaded machine
    await page.getByTestId('case-order-state').getByText('已接单', { exact: true }).waitFor();
    // Someone starts the review elsewhere: the case page follows without a reload.
    await mustAct(owner, 'startOrderReview', { id: order.id });
    await page.getByTestId('case-order-state').getByText('审核中', { exact: true }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'case-order');

    const supervisorPage = await signInPage(browser, app, 'supervisor@east.demo');
    await supervisorPage.goto(`/orders/show/${order.id}`);
    await supervisorPage.locator('[data-testid="order-state"][data-state="UNDER_REVIEW"]').waitFor({ timeout: 20_000 });

    await card.getByRole('link', { name: '打开订单' }).click();
    await page.waitForURL(`**/orders/show/${order.id}`);
    await page.getByText(order.orderNo).first().waitFor({ timeout: 20_000 });

    // The address changes only after the customer's identity is checked; the supervisor's page follows.
    expect(await page.getByTestId('change-delivery').count()).toBe(0);
    await page.getByTestId('verify-note').fill('核对档案手机号与姓名');
    await page.getByTestId('verify-identity').click();
    await page.getByTestId('identity-verified').waitFor();
    await page.getByTestId('change-delivery').click();
    const newAddress = '上海市徐汇区漕溪北路 88 号 1203 室';
    await page.getByTestId('new-delivery-address').fill(newAddress);
    await page.getByTestId('change-reason').fill('投诉中客户更正收货地址');
    await page.getByTestId('save-delivery').click();
    await page.getByTestId('delivery-address').filter({ hasText: newAddress }).waitFor();
    await supervisorPage.getByTestId('delivery-address').filter({ hasText: newAddress }).waitFor({ timeout: 20_000 });
    expect(await supervisorPage.locator('[data-testid="order-event"][data-kind="DELIVERY_CHANGED"]').innerText()).toContain(`${DELIVERY.deliveryAddress} → ${newAddress}`);
    await Promise.all([page.context().close(), supervisorPage.context().close()]);
  });
});
