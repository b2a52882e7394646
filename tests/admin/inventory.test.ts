import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { chooseOption, describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

/**
 * The inventory pages on the demo stock: a keeper reads stock by expiry (colours, near-expiry
 * filter) and the ledger; HQ's product manager adds a product; the recall shows who received the lot.
 */
jest.setTimeout(120_000);

describeInBrowser('inventory pages in the browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');

  it('shows the keeper stock earliest expiry first, in colour, and narrows to what expires within 30 days', async () => {
    const keeper = await signIn(app, 'warehouse@east.demo');
    const soon = await keeper.graphql<{ stockBalances: { nodes: { daysToExpiry: number }[] } }>(`{ stockBalances(filter: { onHand: { gt: 0 } }, paging: { limit: 200 }) { nodes { daysToExpiry } } }`);
    const within30 = soon.body.data!.stockBalances.nodes.filter((n) => n.daysToExpiry <= 30).length;
    expect(within30).toBeGreaterThan(0);

    const page = await signInPage(browser, app, 'warehouse@east.demo');
    await page.goto('/stock');
    await rows(page).first().waitFor();
    const days = async () => Promise.all((await page.getByTestId('expiry').all()).map(async (tag) => Number(await tag.getAttribute('data-days'))));
    const shown = await days();
    expect(shown).toEqual([...shown].sort((a, b) => a - b)); // earliest expiry first
    expect(await page.getByTestId('expiry').first().evaluate((el) => el.className)).toMatch(/ant-tag-(red|orange)/);
    await page.getByTestId('near-expiry').getByText('30 天内').click();
    for (let i = 0; i < 150 && (await rows(page).count()) !== within30; i++) await page.waitForTimeout(100);
    expect(await rows(page).count()).toBe(within30);
    expect((await days()).every((d) => d <= 30)).toBe(true);
    expect(await page.locator('main').innerText()).not.toMatch(/RECEIPT|AVAILABLE|NORMAL/);
    await screenshot(page, 'inventory-stock');

    await page.goto('/stock-moves');
    await rows(page).first().waitFor();
    expect(await rows(page).first().innerText()).toMatch(/入库|出库|盘点调整/); // the newest move, its kind in words
    await page.context().close();
  });

  it('lets HQ’s product manager add a product to the shared catalog', async () => {
    const page = await signInPage(browser, app, 'products@hq.demo');
    await page.goto('/products');
    await rows(page).first().waitFor();
    await page.getByTestId('product-create').click();
    const form = page.getByTestId('product-form');
    await form.getByLabel('通用名').fill('盐酸氨溴索口服溶液');
    await form.getByLabel('规格').fill('100ml:0.6g');
    await form.getByLabel('剂型').fill('口服溶液剂');
    await form.getByLabel('单位').fill('瓶');
    await chooseOption(page, form.locator('.ant-select', { has: page.getByLabel('类别') }), /^非处方药$/);
    await chooseOption(page, form.locator('.ant-select', { has: page.getByLabel('储存条件') }), /^常温$/);
    await form.getByLabel('有效期（天）').fill('730');
    await form.getByLabel('零售价（元）').fill('18.5');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('list-search').locator('input').or(page.locator('input[data-testid="list-search"]')).first().fill('氨溴索');
    await page.keyboard.press('Enter');
    const added = rows(page).filter({ hasText: '盐酸氨溴索口服溶液' });
    await added.first().waitFor();
    expect(await added.count()).toBe(1);
    expect(await added.innerText()).toContain('18.50');
    await page.context().close();
  });

  it('shows the recall with the documents that issued the lot', async () => {
    const hq = await signIn(app, 'products@hq.demo');
    const recalls = await hq.graphql<{ batchRecalls: { nodes: { id: string; lotNo: string }[] } }>(`{ batchRecalls { nodes { id lotNo } } }`);
    const recall = recalls.body.data!.batchRecalls.nodes[0]!;
    const recipients = await hq.graphql<{ recallRecipients: { documentNo: string }[] }>(`query($id: ID!) { recallRecipients(recallId: $id) { documentNo } }`, { id: recall.id });
    const issued = recipients.body.data!.recallRecipients;
    expect(issued.length).toBeGreaterThan(0);

    const page = await signInPage(browser, app, 'products@hq.demo');
    await page.goto('/batches');
    await page.getByRole('tab', { name: '召回记录' }).click();
    await page.getByTestId('recalls').locator('tr.ant-table-row').filter({ hasText: recall.lotNo }).click();
    const list = page.getByTestId('recall-recipients');
    await list.locator('tr.ant-table-row').first().waitFor();
    expect(await list.locator('tr.ant-table-row').count()).toBe(issued.length);
    expect(await list.innerText()).toContain(issued[0]!.documentNo);
    await page.context().close();
  });
});
