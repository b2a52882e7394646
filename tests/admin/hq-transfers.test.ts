import type { Browser } from 'playwright-core';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { createProduct, createWarehouse, inDays, must, receive } from '../inventory/support';
import { chooseOption, describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

/** 要货调拨 with HQ: a franchise asks HQ's central warehouse in the panel, HQ works its outbound leg, the franchise receives its inbound leg. */
jest.setTimeout(300_000);

describeInBrowser('transfers from HQ in the panel', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a franchise chooses HQ’s central warehouse as the source; HQ approves, picks and ships; the franchise receives with a damaged box; HQ sees the receipt', async () => {
    const [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo')]);
    const east = await createWarehouse(owner, 'EAST-HQIN');
    // A product the demo does not stock, so the picker offers exactly this one (the demo's metformin has HQ lots of its own).
    const product = await createProduct(hq, { genericName: '伏格列波糖片' });
    const { warehouses } = await must<{ warehouses: { nodes: { id: string; name: string; zones: { id: string; storageClass: string }[] }[] } }>(hq, '{ warehouses(filter: { kind: { eq: CENTRAL } }) { nodes { id name zones { id storageClass } } } }');
    const central = warehouses.nodes[0]!;
    await receive(hq, central.id, [{ productId: product.id, zoneId: central.zones.find((z) => z.storageClass === 'NORMAL')!.id, lotNo: 'HQIN-1', expiryDate: inDays(500), quantity: 40 }]);

    // The franchise asks: the source list offers HQ's central warehouse, tagged 总部.
    const page = await signInPage(browser, app, 'owner@east.demo');
    await page.goto('/requisitions');
    await page.getByTestId('new-requisition').click();
    const pick = (testId: string, text: string) => chooseOption(page, page.getByTestId(testId), text, { search: text });
    await pick('warehouse-picker', 'EAST-HQIN');
    await pick('source-picker', '总部');
    await pick('product-picker', '伏格列波糖');
    await page.locator('.ant-modal input.ant-input-number-input').first().fill('12');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('[data-testid="requisition-status"][data-status="SUBMITTED"]').waitFor();
    expect(await page.getByTestId('requisition-status').innerText()).toContain(central.name);
    expect(await page.getByText('总部调入').count()).toBeGreaterThan(0);
    // The franchise's leg is received, never approved here.
    expect(await page.getByTestId('approve-requisition').count()).toBe(0);
    const inboundUrl = new URL(page.url()).pathname;

    // HQ works its outbound leg and finds the franchise's request there.
    const hqPage = await signInPage(browser, app, 'purchasing@hq.demo');
    await hqPage.goto('/requisitions');
    await chooseOption(hqPage, hqPage.getByTestId('requisition-leg-filter'), '总部调出');
    // HQ sees both legs: until the filtered list replaces the full one, a row to EAST-HQIN may be the franchise's inbound leg.
    const row = hqPage.getByTestId('requisitions').locator('.ant-table-row').filter({ hasText: 'EAST-HQIN' }).filter({ hasText: '总部调出' }).first();
    await row.locator('a').first().click();
    await hqPage.locator('[data-testid="requisition-status"][data-status="SUBMITTED"]').waitFor();
    await hqPage.getByTestId('approve-requisition').waitFor();
    await hqPage.getByTestId('approve-requisition').click();
    await hqPage.locator('[data-testid="requisition-status"][data-status="APPROVED"]').waitFor();
    const keeper = await signInPage(browser, app, 'warehouse@hq.demo');
    await keeper.goto(new URL(hqPage.url()).pathname);
    await keeper.getByTestId('pick-requisition').click();
    await keeper.locator('[data-testid="requisition-status"][data-status="PICKED"]').waitFor();
    await keeper.getByTestId('outbound-slip').fill('CK-HQ-UI-1');
    await keeper.getByTestId('ship-requisition').click();
    await keeper.locator('[data-testid="requisition-status"][data-status="IN_TRANSIT"]').waitFor();

    // The franchise receives its leg: 11 good, 1 damaged.
    await page.goto(inboundUrl);
    await page.locator('[data-testid="requisition-status"][data-status="IN_TRANSIT"]').waitFor();
    const arrived = page.getByTestId('transfer-lines').locator('.ant-table-row').filter({ hasText: 'HQIN-1' });
    await arrived.locator('input.ant-input-number-input').nth(0).fill('11'); // received in good order
    await arrived.locator('input.ant-input-number-input').nth(1).fill('1'); // damaged
    await page.getByTestId('receive-requisition').click();
    await page.locator('[data-testid="requisition-status"][data-status="RECEIVED"]').waitFor();
    await screenshot(page, 'requisition-from-hq-received');

    // HQ's leg shows the receipt the franchise recorded.
    await hqPage.reload();
    await hqPage.locator('[data-testid="requisition-status"][data-status="RECEIVED"]').waitFor();
    const receipt = hqPage.getByTestId('requisition-counterpart');
    await receipt.getByText('HQIN-1').waitFor();
    expect(await receipt.innerText()).toMatch(/HQIN-1[\s\S]*12[\s\S]*11[\s\S]*1/);
    await screenshot(hqPage, 'requisition-hq-outbound-received');

    const stock = await must<{ stockBalances: { nodes: { onHand: number; zone: { nonConforming: boolean } }[] } }>(owner, 'query($w: ID!, $p: ID!) { stockBalances(filter: { warehouseId: { eq: $w }, productId: { eq: $p } }) { nodes { onHand zone { nonConforming } } } }', { w: east.warehouseId, p: product.id });
    expect(stock.stockBalances.nodes.map((b) => [b.zone.nonConforming, b.onHand]).sort()).toEqual([[false, 11], [true, 1]]);
    await Promise.all([page.context().close(), hqPage.context().close(), keeper.context().close()]);
  });
});
