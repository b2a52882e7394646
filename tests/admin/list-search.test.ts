import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { describeInBrowser, launchBrowser, signInPage } from './support/browser';

/**
 * Every search box in the panel finds by each of the fields it names (a search over two fields is
 * "either", not "both"): cases, staff, audit log, customers, the board and the knowledge base.
 */
jest.setTimeout(120_000);

describeInBrowser('list searches in the browser', () => {
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
  /** Searches and waits until every row shows `expected` (and there is at least one). */
  async function search(page: Page, testId: string, text: string, expected: string | RegExp = text) {
    const box = page.getByTestId(testId).locator('input').or(page.locator(`input[data-testid="${testId}"]`)).first();
    await box.fill(text);
    await box.press('Enter');
    await page.waitForFunction(
      ({ expected, flags }) => {
        const found = Array.from((globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).document.querySelectorAll('.ant-table-tbody tr.ant-table-row'));
        const re = new RegExp(expected, flags);
        return found.length > 0 && found.every((r) => re.test(r.textContent ?? ''));
      },
      { expected: typeof expected === 'string' ? expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : expected.source, flags: typeof expected === 'string' ? '' : expected.flags },
      { timeout: 15_000 },
    );
    return rows(page).count();
  }

  it('finds a case by its exact number and by a word of its subject', async () => {
    const supervisor = await signIn(app, 'supervisor@east.demo');
    const listed = await supervisor.graphql<{ cases: { nodes: { caseNo: string; subject: string }[] } }>(`{ cases(paging: { limit: 1 }, sorting: [{ field: createdAt, direction: ASC }]) { nodes { caseNo subject } } }`);
    const target = listed.body.data!.cases.nodes[0]!;
    const page = await signInPage(browser, app, 'supervisor@east.demo');
    await page.goto('/cases');
    await rows(page).first().waitFor();
    expect(await search(page, 'list-search', target.caseNo)).toBe(1);
    const word = target.subject.slice(0, 4);
    expect(await search(page, 'list-search', word)).toBeGreaterThanOrEqual(1);
    await page.context().close();
  });

  it('finds staff by name and by email', async () => {
    const page = await signInPage(browser, app, 'owner@east.demo');
    await page.goto('/staff');
    await rows(page).first().waitFor();
    expect(await search(page, 'list-search', 'agent2@east.demo')).toBe(1);
    const name = (await rows(page).first().locator('td').first().innerText()).trim();
    await search(page, 'list-search', '', /./);
    expect(await search(page, 'list-search', name)).toBeGreaterThanOrEqual(1);
    await page.context().close();
  });

  it('finds audit entries by operation (code or Chinese name) and by actor', async () => {
    const supervisor = await signIn(app, 'supervisor@east.demo');
    const open = await supervisor.graphql<{ cases: { nodes: { id: string }[] } }>(`{ cases(filter: { stage: { eq: NEW }, ownerId: { is: null } }, paging: { limit: 1 }) { nodes { id } } }`);
    const claimed = await supervisor.graphql(`mutation($id: ID!) { claimCase(id: $id) { id } }`, { id: open.body.data!.cases.nodes[0]!.id });
    expect(claimed.body.errors).toBeUndefined();
    const page = await signInPage(browser, app, 'owner@east.demo');
    await page.goto('/audit-logs');
    await rows(page).first().waitFor();
    expect(await search(page, 'list-search', 'claimCase', '认领工单')).toBeGreaterThanOrEqual(1);
    expect(await search(page, 'list-search', '认领', '认领工单')).toBeGreaterThanOrEqual(1);
    expect(await search(page, 'list-search', 'supervisor@east', 'supervisor@east.demo')).toBeGreaterThanOrEqual(1);
    await page.context().close();
  });

  it('finds customers by two characters of the name and by phone digits', async () => {
    const owner = await signIn(app, 'owner@east.demo');
    const listed = await owner.graphql<{ customers: { nodes: { name: string; phone: string; recordNo: string }[] } }>(`{ customers(paging: { limit: 1 }) { nodes { name phone recordNo } } }`);
    const customer = listed.body.data!.customers.nodes[0]!;
    const page = await signInPage(browser, app, 'owner@east.demo');
    await page.goto('/customers');
    await rows(page).first().waitFor();
    await search(page, 'customer-search', customer.phone.slice(-8), customer.recordNo);
    await search(page, 'customer-search', customer.name.slice(-2), customer.name.slice(-2));
    await page.context().close();
  });

  /** The search box's text and the rows' first cells, to compare one view of a list with another. */
  async function view(page: Page, testId: string) {
    await rows(page).first().waitFor();
    const box = page.getByTestId(testId).locator('input').or(page.locator(`input[data-testid="${testId}"]`)).first();
    const texts = await rows(page).evaluateAll((trs) => trs.map((tr) => (tr as unknown as { textContent: string }).textContent));
    // A live SLA clock ("超时 3d 23:30", "剩余 12:05") moves on while the test runs: the rows are the same list without it.
    return { text: await box.inputValue(), rows: texts.map((row) => row.replace(/(超时|剩余) (\d+d )?\d+:\d{2}(:\d{2})?/g, '$1 …')) };
  }
  /** What the list shows once two looks 700 ms apart agree (the request for the last change has answered). */
  async function settled(page: Page, testId: string) {
    let before = await view(page, testId);
    for (;;) {
      await page.waitForTimeout(700);
      const now = await view(page, testId);
      if (JSON.stringify(now) === JSON.stringify(before)) return now;
      before = now;
    }
  }
  /** Waits (up to 15 s) until the list shows `expected` again; returns what it shows. */
  async function viewUntil(page: Page, testId: string, expected: Awaited<ReturnType<typeof view>>) {
    const deadline = Date.now() + 15_000;
    let shown = await view(page, testId);
    while (JSON.stringify(shown) !== JSON.stringify(expected) && Date.now() < deadline) {
      await page.waitForTimeout(250);
      shown = await view(page, testId);
    }
    return shown;
  }

  it('keeps the case list search and sorting in the URL: a shared link and coming back from a case show the same list', async () => {
    const supervisor = await signIn(app, 'supervisor@east.demo');
    const listed = await supervisor.graphql<{ cases: { nodes: { caseNo: string; subject: string }[] } }>(`{ cases(paging: { limit: 1 }, sorting: [{ field: createdAt, direction: ASC }]) { nodes { caseNo subject } } }`);
    const word = listed.body.data!.cases.nodes[0]!.subject.slice(0, 2);
    const page = await signInPage(browser, app, 'supervisor@east.demo');
    await page.goto('/cases');
    await rows(page).first().waitFor();
    await search(page, 'list-search', word);
    await page.locator('th').filter({ hasText: '工单号' }).click();
    await page.waitForURL((url) => decodeURIComponent(url.search).includes('[field]=caseNo') && decodeURIComponent(url.search).includes(word));
    const shown = await settled(page, 'list-search');
    expect(shown.text).toBe(word);
    const shared = page.url();

    await page.getByTestId('case-open').first().click();
    await page.waitForURL(/\/cases\/show\//);
    await page.goBack();
    expect(await viewUntil(page, 'list-search', shown)).toEqual(shown);

    const colleague = await signInPage(browser, app, 'supervisor@east.demo');
    await colleague.goto(shared);
    expect(await viewUntil(colleague, 'list-search', shown)).toEqual(shown);
    await page.context().close();
    await colleague.context().close();
  });

  it('keeps the customer search in the URL: a shared link and coming back from a customer show the same hits', async () => {
    const owner = await signIn(app, 'owner@east.demo');
    const listed = await owner.graphql<{ customers: { nodes: { name: string }[] } }>(`{ customers(paging: { limit: 1 }) { nodes { name } } }`);
    const part = listed.body.data!.customers.nodes[0]!.name.slice(-2);
    const page = await signInPage(browser, app, 'owner@east.demo');
    await page.goto('/customers');
    await rows(page).first().waitFor();
    await search(page, 'customer-search', part);
    expect(new URL(page.url()).searchParams.get('q')).toBe(part);
    const shown = await settled(page, 'customer-search');

    await rows(page).first().locator('td').last().locator('a, button').first().click();
    await page.waitForURL(/\/customers\/show\//);
    await page.goBack();
    expect(await viewUntil(page, 'customer-search', shown)).toEqual(shown);

    const colleague = await signInPage(browser, app, 'owner@east.demo');
    await colleague.goto(`/customers?q=${encodeURIComponent(part)}`);
    expect(await viewUntil(colleague, 'customer-search', shown)).toEqual(shown);
    await page.context().close();
    await colleague.context().close();
  });

  it('filters the board by number, subject or customer as you type', async () => {
    const page = await signInPage(browser, app, 'supervisor@east.demo');
    await page.goto('/board');
    await page.getByTestId('board-card').first().waitFor();
    const caseNo = (await page.getByTestId('board-card').nth(1).getAttribute('data-case-no'))!;
    await page.getByTestId('board-search').locator('input').or(page.locator('input[data-testid="board-search"]')).first().fill(caseNo);
    await page.waitForFunction((no) => {
      const cards = Array.from((globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> } }).document.querySelectorAll('[data-testid="board-card"]'));
      return cards.length === 1 && cards[0]!.getAttribute('data-case-no') === no;
    }, caseNo);
    await page.context().close();
  });

  it('searches the knowledge base on a case and inserts readable text, not Markdown, into the reply', async () => {
    const agent = await signIn(app, 'agent@east.demo');
    const listed = await agent.graphql<{ cases: { nodes: { id: string }[] } }>(`{ cases(filter: { stage: { eq: NEW }, ownerId: { is: null } }, paging: { limit: 1 }) { nodes { id } } }`);
    const page = await signInPage(browser, app, 'agent@east.demo');
    await page.goto(`/cases/show/${listed.body.data!.cases.nodes[0]!.id}`);
    const box = page.getByTestId('knowledge-search').locator('input').or(page.locator('input[data-testid="knowledge-search"]')).first();
    await box.fill('退换');
    await box.press('Enter');
    await page.getByTestId('knowledge-insert').first().click();
    const reply = page.getByTestId('reply-text');
    await page.waitForFunction(() => {
      const el = (globalThis as unknown as { document: { querySelector(s: string): { value?: string } | null } }).document.querySelector('[data-testid="reply-text"]');
      return !!el?.value;
    });
    const text = await reply.inputValue();
    expect(text.length).toBeGreaterThan(20);
    expect(text).not.toMatch(/\*\*|^#+\s|__|`/m);
    await page.context().close();
  });
});
