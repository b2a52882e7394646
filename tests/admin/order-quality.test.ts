import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { createProduct, createWarehouse, inDays, must, receive } from '../inventory/support';
import { deliveredOrder } from '../orders/returns-support';
import { DELIVERY, mustAct, mustCreateOrder } from '../orders/support';
import { chooseOption, describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

jest.setTimeout(300_000);

async function choose(page: Page, testId: string, text: string) {
  await chooseOption(page, page.getByTestId(testId), text);
}

/**
 * The order page's quality side and the order KPIs through the panel: a supervisor records a
 * wrong entry on an order (shown in its errors and timeline, counted against who entered it),
 * sees it on the 订单考核 page (table, chart, export), and requests a return from a delivered
 * order's page (the return form opens with the order chosen).
 */
describeInBrowser('order errors, order KPIs and returns from the order page', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('records an order error from the order page, shows it on the KPI page with its chart and export, and requests a return from a delivered order', async () => {
    const [hq, owner, agentApi, supervisorApi] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo'), signIn(app, 'supervisor@east.demo')]);
    const wh = await createWarehouse(owner, 'EAST-KPI-UI');
    const product = await createProduct(hq, { genericName: '板蓝根颗粒', priceCents: 1500 });
    await receive(owner, wh.warehouseId, [{ productId: product.id, zoneId: wh.normalZoneId, lotNo: 'BLG-UI-1', expiryDate: inDays(400), quantity: 20 }]);
    const customerId = (await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }')).customers.nodes[0]!.id;
    const order = await mustCreateOrder(agentApi, { channel: 'WECHAT', customerId, warehouseId: wh.warehouseId, lines: [{ productId: product.id, quantity: 3 }], ...DELIVERY });
    await mustAct(supervisorApi, 'startOrderReview', { id: order.id });
    await mustAct(supervisorApi, 'reviewOrder', { id: order.id });
    const agentName = (await must<{ me: { user: { displayName: string } } }>(agentApi, '{ me { user { displayName } } }')).me.user.displayName;

    // The supervisor records a wrong entry on the order's line; it counts against the agent who entered it.
    const supervisor = await signInPage(browser, app, 'supervisor@east.demo');
    await supervisor.goto(`/orders/show/${order.id}`);
    await supervisor.getByTestId('order-handling').waitFor();
    expect(await supervisor.getByTestId('order-handling').innerText()).toContain('按时');
    await supervisor.getByTestId('record-error').click();
    await choose(supervisor, 'error-kind', '录入错误');
    await choose(supervisor, 'error-line', '板蓝根颗粒');
    await supervisor.getByTestId('error-note').fill('客户要 2 盒，录成 3 盒');
    await supervisor.getByTestId('error-confirm').click();
    const recorded = supervisor.locator('[data-testid="order-error"][data-kind="WRONG_ENTRY"]');
    await recorded.waitFor();
    expect(await recorded.innerText()).toContain(agentName);
    await supervisor.locator('[data-testid="order-event"][data-kind="ERROR_RECORDED"]').waitFor();
    expect(await supervisor.getByTestId('order-timeline').innerText()).toContain('登记订单差错');
    await screenshot(supervisor, 'order-error-recorded');

    // The 订单考核 page: the agent's row says what the query says, with the chart and the export.
    await supervisor.goto('/orders/kpis');
    await supervisor.getByTestId('kpi-chart').locator('svg').first().waitFor();
    const row = supervisor.getByTestId('kpi-table').locator('tr', { hasText: agentName });
    await row.waitFor();
    const now = new Date();
    const kpis = (await must<{ orderKpis: { agents: { agentName: string; ordersEntered: number; errors: number }[] } }>(supervisorApi, 'query($f: DateTime!, $t: DateTime!) { orderKpis(from: $f, to: $t) { agents { agentName ordersEntered errors } } }', {
      f: new Date(now.getTime() - 40 * 86_400_000).toISOString(),
      t: new Date(now.getTime() + 86_400_000).toISOString(),
    })).orderKpis.agents.find((a) => a.agentName === agentName)!;
    expect(kpis.errors).toBeGreaterThanOrEqual(1);
    const cells = await row.locator('td').allInnerTexts();
    expect(Number(cells[8])).toBeGreaterThanOrEqual(1);
    expect(await supervisor.getByTestId('kpi-totals').innerText()).toContain('合计');
    await screenshot(supervisor, 'order-kpis');
    const download = supervisor.waitForEvent('download');
    await supervisor.getByTestId('kpi-export').hover();
    await supervisor.locator('.ant-dropdown:visible').getByText('导出 CSV').click();
    expect((await download).suggestedFilename()).toMatch(/^订单考核-.*\.csv$/);

    // A delivered order's page offers 申请退货: the return form opens with the order chosen.
    const delivered = await deliveredOrder(owner, { customerId, warehouseId: wh.warehouseId, lines: [{ productId: product.id, quantity: 2 }] });
    await supervisor.goto(`/orders/show/${order.id}`);
    await supervisor.getByTestId('order-no').waitFor();
    expect(await supervisor.getByTestId('request-return').count()).toBe(0);
    await supervisor.goto(`/orders/show/${delivered.id}`);
    await supervisor.getByTestId('request-return').click();
    await supervisor.waitForURL(`**/returns/create?orderId=${delivered.id}`);
    await supervisor.getByTestId('return-qty-1').fill('1');
    expect(await supervisor.locator('body').innerText()).toContain(delivered.orderNo);
    await choose(supervisor, 'return-reason', '破损');
    await supervisor.getByTestId('submit-return').click();
    await supervisor.locator('[data-testid="return-state"][data-state="REQUESTED"]').waitFor();
    const { returns } = await must<{ returns: { nodes: { source: string; state: string }[] } }>(owner, 'query($o: ID!) { returns(filter: { orderId: { eq: $o } }) { nodes { source state } } }', { o: delivered.id });
    expect(returns.nodes).toEqual([{ source: 'ORDER_PAGE', state: 'REQUESTED' }]);
    await supervisor.context().close();
  });
});
