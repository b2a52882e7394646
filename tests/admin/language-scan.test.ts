import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { describeInBrowser, launchBrowser, signInPage } from './support/browser';

/**
 * Chinese first: every menu page of each demo role (plus a case and a customer page), in zh-CN,
 * must show no English word outside a short allowlist (product and protocol names, units).
 * Identifiers users need as they are (emails, case and record numbers, permission codes in
 * tooltips) do not count: words joined to digits, dots, @ or hyphens are skipped, and so is
 * anything inside an element marked `data-lang-neutral`.
 *
 * A page added to the menu is scanned automatically; when it fails, the message lists each
 * English word with the text around it and the page it is on.
 */
// HQ sees every menu page (over 60): about 4 minutes on a quiet machine, more while other work shares the two cores.
jest.setTimeout(600_000);

/** The demo's roles (README): HQ admin, QA, owner, supervisor and agent, and west's owner for its other plugins. */
const ROLES = ['admin@hq.demo', 'qa@hq.demo', 'owner@east.demo', 'supervisor@east.demo', 'agent@east.demo', 'owner@west.demo'];
/** Names, protocols and units that stay as they are in Chinese UIs. */
const ALLOWED = new Set(['PharmaDesk', 'SLA', 'VIP', 'API', 'App', 'ID', 'English', 'OTC', 'kg', 'mg', 'ml', 'km', 'min', 'KPI', 'Email', 'SMS', 'KB', 'MB', 'GB']);

interface Finding {
  page: string;
  word: string;
  context: string;
}

/** The visible text of the page, [data-lang-neutral] elements hidden for the reading. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    type El = { textContent: string; remove(): void };
    const doc = (globalThis as unknown as { document: { createElement(t: string): El; head: { appendChild(n: El): void }; body: { innerText: string } } }).document;
    const style = doc.createElement('style');
    style.textContent = '[data-lang-neutral] { display: none !important; }';
    doc.head.appendChild(style);
    const text = doc.body.innerText;
    style.remove();
    return text;
  });
}

function englishWords(text: string): { word: string; context: string }[] {
  const found: { word: string; context: string }[] = [];
  // Placeholders ({{caseNo}}) are identifiers too.
  const re = /(?<![\w@.\-/:#{])[A-Za-z][A-Za-z']+(?![\w@.\-/:#}])/g;
  for (const match of text.matchAll(re)) {
    const word = match[0].replace(/'s$/, '');
    if (ALLOWED.has(word)) continue;
    const at = match.index ?? 0;
    found.push({ word, context: text.slice(Math.max(0, at - 30), at + word.length + 30).replace(/\s+/g, ' ') });
  }
  return found;
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 4_000 }).catch(() => undefined);
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(400);
}

/** The menu's pages: open every submenu, then read the links. */
async function menuPages(page: Page): Promise<string[]> {
  const sider = page.locator('.ant-layout-sider');
  await sider.locator('.ant-menu-item').first().waitFor();
  for (const submenu of await sider.locator('.ant-menu-submenu-title').all()) {
    const open = await submenu.evaluate((el) => (el as unknown as { parentElement: { className: string } }).parentElement.className.includes('ant-menu-submenu-open'));
    if (!open) await submenu.click();
  }
  await page.waitForTimeout(300);
  const hrefs = await sider.locator('a[href]').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter((h) => h.startsWith('/')))];
}

describeInBrowser('zh-CN language scan', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('finds English only on the allowlist', () => {
    expect(englishWords('待受理 New · SLA 剩余 3 分钟 · agent@east.demo · EAST-CS-2026-000108 · {{caseNo}} · PharmaDesk').map((f) => f.word)).toEqual(['New']);
  });

  for (const email of ROLES)
    it(`shows every menu page of ${email} in Chinese`, async () => {
      const findings: Finding[] = [];
      const visited: string[] = [];
      const page = await signInPage(browser, app, email);
      const caller = await signIn(app, email);
      const extra: string[] = [];
      const cases = await caller.graphql<{ cases?: { nodes: { id: string }[] } }>('{ cases(paging: { limit: 1 }, sorting: [{ field: lastActivityAt, direction: DESC }]) { nodes { id } } }');
      if (cases.body.data?.cases?.nodes[0]) extra.push(`/cases/show/${cases.body.data.cases.nodes[0].id}`);
      const customers = await caller.graphql<{ customers?: { nodes: { id: string }[] } }>('{ customers(paging: { limit: 1 }) { nodes { id } } }');
      if (customers.body.data?.customers?.nodes[0]) extra.push(`/customers/show/${customers.body.data.customers.nodes[0].id}`);
      for (const path of [...(await menuPages(page)), ...extra]) {
        await page.goto(path);
        await settle(page);
        visited.push(path);
        for (const f of englishWords(await visibleText(page))) findings.push({ page: path, ...f });
      }
      await page.context().close();
      expect(visited.length).toBeGreaterThanOrEqual(3);
      expect(findings.map((f) => `${email} ${f.page}: "${f.word}" in …${f.context}…`)).toEqual([]);
    });
});
