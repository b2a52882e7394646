import type { Browser } from 'playwright-core';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { createProduct, createWarehouse, inDays, must, staffWith } from '../inventory/support';
import { describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

jest.setTimeout(120_000);

/** Purchasing in Chromium, in Chinese: the warehouse keeper's side of the joint inspection and the put-away. */
describeInBrowser('purchase inspection in the admin panel', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a warehouse keeper records an inspection and sees the stock appear', async () => {
    const [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo')]);
    const warehouse = await createWarehouse(owner, 'EAST-UI');
    const product = await createProduct(hq, { genericName: '布洛芬缓释胶囊', specification: '0.3g×20粒' });
    const manager = await staffWith(app, owner, 'product_manager', 'pm.ui@east.demo');
    await staffWith(app, owner, 'warehouse_keeper', 'keeper.ui@east.demo');
    await staffWith(app, owner, 'purchasing_approver', 'approver.ui@east.demo');
    type Doc = { id: string; version: number; requestNo: string };
    const step = async (caller: Caller, name: string, type: string, input: Record<string, unknown>) => (await must<Record<string, Doc>>(caller, `mutation($i: ${type}!) { ${name}(input: $i) { id version requestNo } }`, { i: input }))[name]!;
    const supplierId = (await must<{ createOneSupplier: { id: string } }>(owner, 'mutation { createOneSupplier(input: { supplier: { name: "国药控股上海有限公司" } }) { id } }')).createOneSupplier.id;
    let doc = await step(manager, 'createPurchaseRequest', 'CreatePurchaseRequestInput', { warehouseId: warehouse.warehouseId, supplierId, lines: [{ productId: product.id, quantity: 20 }] });
    doc = await step(manager, 'submitPurchaseRequest', 'DocumentVersionInput', { id: doc.id, version: doc.version });

    // The purchasing approver approves in the panel, the product manager orders from the supplier there.
    const approverPage = await signInPage(browser, app, 'approver.ui@east.demo');
    await approverPage.goto(`/purchase-requests/show/${doc.id}`);
    await approverPage.getByTestId('decision-note').fill('按月度用量批准');
    await approverPage.getByTestId('approve-purchase').click();
    await approverPage.locator('[data-testid="purchase-status"][data-status="APPROVED"]').waitFor();
    await approverPage.context().close();
    const managerPage = await signInPage(browser, app, 'pm.ui@east.demo');
    await managerPage.goto(`/purchase-requests/show/${doc.id}`);
    await managerPage.getByTestId('supplier-order-no').fill('PO-UI-1');
    await managerPage.getByTestId('place-order').click();
    await managerPage.locator('[data-testid="purchase-status"][data-status="ORDERED"]').waitFor();
    await managerPage.context().close();

    const page = await signInPage(browser, app, 'keeper.ui@east.demo');
    await page.getByRole('menuitem', { name: '仓库与库存' }).click();
    await page.getByRole('menuitem', { name: '采购与验收' }).click();
    await page.getByTestId('purchase-requests').getByRole('link', { name: doc.requestNo }).click();
    await page.getByTestId('record-arrival').click();
    await page.getByTestId('inspection-form').waitFor();
    await page.getByTestId('inspection-0-lotNo').fill('UI-2611');
    await page.getByTestId('inspection-0-manufactureDate').fill(inDays(-40));
    await page.getByTestId('inspection-0-expiryDate').fill(inDays(690));
    await page.getByTestId('inspection-0-accepted').fill('18');
    await page.getByTestId('inspection-0-rejected').fill('2');
    await page.getByTestId('inspection-0-reason').fill('外箱受潮');
    await page.getByTestId('save-inspection').click();
    await page.getByTestId('inspection-lines').getByText('外箱受潮').waitFor();
    await page.getByTestId('sign-keeper').click();
    await page.getByTestId('keeper-signature').filter({ hasNotText: '未签' }).waitFor();
    await screenshot(page, 'purchase-inspection-signed-by-keeper');

    // The product manager signs on their own device; the keeper's page then offers the put-away.
    const current = await must<{ purchaseRequest: { version: number } }>(manager, 'query($id: ID!) { purchaseRequest(id: $id) { version } }', { id: doc.id });
    await step(manager, 'signInspection', 'SignInspectionInput', { id: doc.id, version: current.purchaseRequest.version, as: 'PRODUCT_MANAGER' });
    await page.reload();
    await page.getByTestId('inbound-slip').fill('RK-UI-0001');
    await page.getByTestId('put-away').click();
    const row = page.getByTestId('purchase-stock').locator('tr', { hasText: 'UI-2611' });
    await row.waitFor();
    expect(await row.getByTestId('stock-available').innerText()).toBe('18');
    expect(await page.getByTestId('purchase-status').getAttribute('data-status')).toBe('RECEIVED');
    await screenshot(page, 'purchase-put-away-stock');

    const stock = await must<{ stockBalances: { nodes: { onHand: number }[] } }>(owner, 'query($w: ID!, $p: ID!) { stockBalances(filter: { warehouseId: { eq: $w }, productId: { eq: $p } }) { nodes { onHand } } }', { w: warehouse.warehouseId, p: product.id });
    expect(stock.stockBalances.nodes).toEqual([{ onHand: 18 }]);
  });
});
