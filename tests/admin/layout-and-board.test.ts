import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

/**
 * The agent's pages on a phone (390×844) and a tablet (820×1180): nothing wider than the screen,
 * a one-line header with its own menu button. The board keeps its filters, grouping and
 * selection in the URL and across opening a case; supervisors filter by agent; a click opens.
 */
jest.setTimeout(300_000);

type Doc = { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { right: number; left: number; width: number }; textContent: string | null; className: string }> };

/** Elements sticking out past the right edge (what makes the page scroll sideways), for the failure message. */
async function overflow(page: Page): Promise<{ scrollWidth: number; width: number; culprits: string[] }> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: Doc; innerWidth: number }).document;
    const width = doc.documentElement.clientWidth;
    const culprits = Array.from(doc.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 1 && el.getBoundingClientRect().width > 0)
      .slice(0, 5)
      .map((el) => `${String(el.className).slice(0, 60)}: ${(el.textContent ?? '').slice(0, 40)}`);
    return { scrollWidth: doc.documentElement.scrollWidth, width, culprits };
  });
}

describeInBrowser('phone and tablet layouts; board state', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  for (const [device, width, height] of [['phone', 390, 844], ['tablet', 820, 1180]] as const) {
    it(`fits the agent's pages on a ${device} (${width}×${height}) without sideways scrolling`, async () => {
      const supervisor = await signIn(app, 'supervisor@east.demo');
      const ids = await supervisor.graphql<{ cases: { nodes: { id: string }[] }; customers: { nodes: { id: string }[] } }>(`{ cases(paging: { limit: 1 }) { nodes { id } } customers(paging: { limit: 1 }) { nodes { id } } }`);
      const page = await signInPage(browser, app, 'supervisor@east.demo');
      await page.setViewportSize({ width, height });
      const pages: [string, string][] = [
        ['/', 'panel-header'],
        ['/board', 'queue-board'],
        ['/cases', 'case-table'],
        [`/cases/show/${ids.body.data!.cases.nodes[0]!.id}`, 'case-actions'],
        ['/cases/create', 'case-save'],
        ['/customers', 'customer-table'],
        ['/customers/create', 'customer-save'],
        [`/customers/show/${ids.body.data!.customers.nodes[0]!.id}`, 'customer-timeline'],
      ];
      for (const [path, ready] of pages) {
        await page.goto(path);
        await page.getByTestId(ready).first().waitFor();
        await page.waitForTimeout(500);
        const result = await overflow(page);
        expect({ path, ...result, culprits: result.scrollWidth > result.width ? result.culprits : [] }).toEqual({ path, scrollWidth: result.width, width: result.width, culprits: [] });
        const header = await page.getByTestId('panel-header').boundingBox();
        expect(header!.height).toBeLessThanOrEqual(64);
        if (path === '/board' || path === '/customers') await screenshot(page, `${device}-${path.slice(1)}`);
      }
      // Phone and tablet: the header has the menu button and it opens the menu.
      await page.getByTestId('menu-button').click();
      await page.locator('.ant-drawer-open .ant-menu').waitFor();
      // The case list keeps its open button and SLA on screen.
      await page.keyboard.press('Escape');
      await page.goto('/cases');
      const open = page.getByTestId('case-open').first();
      await open.waitFor();
      const box = await open.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      if (device === 'phone') {
        await page.goto('/customers');
        const create = page.getByTestId('customer-create');
        await create.waitFor();
        const createBox = await create.boundingBox();
        expect(createBox!.x + createBox!.width).toBeLessThanOrEqual(width);
      }
      await page.context().close();
    });
  }

  it('keeps the board’s filters, grouping and selection in the URL and after opening a case; supervisors filter by agent; a click opens', async () => {
    const page = await signInPage(browser, app, 'supervisor@east.demo');
    await page.goto('/board');
    await page.getByTestId('board-card').first().waitFor();

    // Group by SLA, urgent only: the toolbar writes it into the URL.
    await page.getByTestId('board-group').getByText('按 SLA').click();
    await page.waitForFunction(() => (globalThis as unknown as { location: { search: string } }).location.search.includes('group=sla'));
    await page.goto('/board?group=sla&priority=URGENT');
    const cards = page.getByTestId('board-card');
    await cards.first().waitFor();
    await page.waitForTimeout(1000);
    expect(await cards.count()).toBeGreaterThan(0);
    const priorities = await cards.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(priorities.every((text) => text.includes('紧急'))).toBe(true);

    // A click opens the case; coming back shows the same board, the case selected.
    const first = (await cards.first().getAttribute('data-case-no'))!;
    await cards.first().click();
    await page.getByTestId('case-actions').waitFor();
    await page.goBack();
    await page.locator(`[data-testid="board-card"][data-case-no="${first}"].pd-card-selected`).waitFor();
    expect(page.url()).toContain('group=sla');
    expect(page.url()).toContain('priority=URGENT');
    expect(await page.getByTestId('board-column').first().getAttribute('data-column')).toMatch(/BREACHED|WARNING|OK|NONE/);

    // Through the menu (no URL parameters) the board is as it was left.
    await page.getByRole('menuitem', { name: '工单' }).click();
    await page.getByTestId('case-table').waitFor();
    await page.getByRole('menuitem', { name: '实时队列' }).click();
    await page.waitForFunction(() => (globalThis as unknown as { location: { search: string } }).location.search.includes('priority=URGENT'));
    await cards.first().waitFor();

    // The URL is the view: a second person opening it sees the same filters.
    const shared = page.url();
    const other = await signInPage(browser, app, 'supervisor@east.demo');
    await other.goto(shared);
    await other.getByTestId('board-card').first().waitFor();
    expect((await other.getByTestId('board-card').evaluateAll((els) => els.map((e) => e.textContent ?? ''))).every((text) => text.includes('紧急'))).toBe(true);
    await other.context().close();

    // Filter by one agent: only their cases remain. Keys still work: J selects, Enter opens.
    const supervisor = await signIn(app, 'supervisor@east.demo');
    const owned = await supervisor.graphql<{ cases: { nodes: { owner: { id: string; displayName: string } }[] } }>(`{ cases(filter: { ownerId: { isNot: null }, stage: { in: [NEW, OPEN, PENDING_CUSTOMER] } }, paging: { limit: 1 }) { nodes { owner { id displayName } } } }`);
    const agent = owned.body.data!.cases.nodes[0]!.owner;
    await page.goto(`/board?assignee=${agent.id}`);
    await cards.first().waitFor();
    const assignees = await page.getByTestId('board-assignee').allInnerTexts();
    expect(assignees.length).toBe(await cards.count());
    expect(assignees.every((a) => a.includes(agent.displayName))).toBe(true);
    await page.getByTestId('board-assignee-filter').getByText(agent.displayName).waitFor(); // the chosen agent by name, not by id
    await page.keyboard.press('j');
    await page.locator('.pd-card-selected').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('case-actions').waitFor();
    await page.context().close();
  });
});
