import type { Browser } from 'playwright-core';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { createProduct, createWarehouse, inDays, must, receive, staffWith } from '../inventory/support';
import { describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

/** Count entry on a tablet in the aisle: a blind count, entered by a counter who never sees the book. */
jest.setTimeout(300_000);

describeInBrowser('stocktake count entry', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a counter enters a blind count on a narrow viewport', async () => {
    const [hq, owner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo')]);
    const east = await createWarehouse(owner, 'EAST-TAB');
    const product = await createProduct(hq, { genericName: '阿托伐他汀钙片' });
    await receive(owner, east.warehouseId, [
      { productId: product.id, zoneId: east.normalZoneId, lotNo: 'TAB-1', expiryDate: inDays(300), quantity: 12 },
      { productId: product.id, zoneId: east.normalZoneId, lotNo: 'TAB-2', expiryDate: inDays(500), quantity: 7 },
    ]);
    const { openStocktake: sheet } = await must<{ openStocktake: { id: string } }>(owner, 'mutation($w: ID!, $z: ID!) { openStocktake(input: { warehouseId: $w, zoneId: $z }) { id } }', { w: east.warehouseId, z: east.normalZoneId });
    await staffWith(app, owner, 'stock_counter', 'tablet-counter@east.demo');

    const page = await signInPage(browser, app, 'tablet-counter@east.demo');
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`/stocktakes/count/${sheet.id}`);
    await page.getByTestId('count-line-TAB-1').waitFor();
    await page.getByTestId('count-line-TAB-2').waitFor();
    // Blind: nothing of the book on the page (the API sent none).
    expect(await page.getByTestId('book-quantity').count()).toBe(0);
    const text = await page.getByTestId('stocktake-count').innerText();
    expect(text).toContain('盲盘');
    expect(text).not.toMatch(/账面|差异/);

    await page.getByTestId('count-input-TAB-1').fill('11');
    await page.getByTestId('count-input-TAB-2').fill('7');
    await page.getByTestId('count-save').click();
    await page.getByText('已保存 2 条').waitFor();
    await page.getByTestId('stocktake-progress').getByText('已盘 2 / 2').waitFor();
    // Fits the tablet: nothing wider than the screen.
    const widths = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
      return { scroll: doc.documentElement.scrollWidth, client: doc.documentElement.clientWidth };
    });
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await screenshot(page, 'stocktake-count-tablet');

    // The reviewer (stocktake:manage) sees what was counted against the book.
    const lines = await must<{ stocktakeLines: { nodes: { lotNo: string; countedQuantity: number; bookQuantity: number; variance: number }[] } }>(owner, 'query($s: ID!) { stocktakeLines(stocktakeId: $s) { nodes { lotNo countedQuantity bookQuantity variance } } }', { s: sheet.id });
    expect(lines.stocktakeLines.nodes.map((l) => [l.lotNo, l.countedQuantity, l.bookQuantity, l.variance])).toEqual([['TAB-1', 11, 12, -1], ['TAB-2', 7, 7, 0]]);
    await page.context().close();
  });
});
