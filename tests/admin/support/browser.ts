import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@pharmadesk/seeds';
import type { TestApp } from '../../support/app';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_INSTALL = 'apt-get update && apt-get install -y chromium';
export const ADMIN_DIST = path.resolve(__dirname, '../../../admin/dist');
export const ARTIFACTS = path.resolve(__dirname, '../../artifacts');

/** What page.evaluate callbacks use of the browser (tests compile without the DOM library). */
export interface BrowserGlobals {
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  performance: { getEntriesByType(type: string): { domContentLoadedEventEnd?: number }[] };
}

export const chromiumInstalled = fs.existsSync(CHROMIUM_PATH);

/**
 * `describe` for browser tests: where Debian's chromium is missing the whole block is reported
 * as skipped, with the command that installs it (never a silent pass).
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumInstalled) return describe(name, body);
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED browser tests "${name}": no Chromium at ${CHROMIUM_PATH}. Install it with: ${CHROMIUM_INSTALL}`);
  describe.skip(`${name} (skipped: no Chromium at ${CHROMIUM_PATH}; install with \`${CHROMIUM_INSTALL}\`)`, body);
}

/** One headless Chromium per test file (playwright gives it a fresh profile directory). */
export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(path.join(ADMIN_DIST, 'index.html'))) throw new Error(`The admin panel is not built (${ADMIN_DIST}); run \`pnpm --filter @pharmadesk/admin build\` (pnpm test does).`);
  return launchChromium();
}

/** Headless Chromium for pages the API serves itself (the public survey page): no admin build needed. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A fresh browser context (own storage) signed in through the login page. */
export async function signInPage(browser: Browser, app: TestApp, email: string, options: { locale?: 'zh-CN' | 'en' } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: app.url, locale: 'zh-CN', timezoneId: 'Europe/London' });
  if (options.locale) await context.addInitScript((locale) => (globalThis as unknown as BrowserGlobals).localStorage.setItem('pharmadesk.locale', locale), options.locale);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] ${email}: ${error.message}`));
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor({ timeout: 15_000 });
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** What `chooseOption` does besides opening the select and clicking the option. */
export interface ChooseOptionSettings {
  /** Typed into the select's search first (a showSearch select: its options are filtered, or fetched, by it). */
  search?: string;
  /** Before the search is typed, wait until the dropdown lists some option (a list loaded in full, then filtered). */
  optionsLoaded?: boolean;
}

/**
 * Picks the option holding `text` in the antd Select `select` (its root `.ant-select`, where a
 * data-testid given to the Select lands) and waits until the select shows the choice: the
 * selected item of a single select, a tag of a multiple one. Under load a click can beat the
 * dropdown's opening, land on a dropdown still fading out, or be lost while a dialog opens or the
 * form re-renders, so each attempt opens the select if it is closed, types the search if any,
 * clicks the option in that select's own dropdown and waits for the choice to show; after four
 * attempts it throws saying which option could not be picked.
 */
export async function chooseOption(page: Page, select: Locator, text: string | RegExp, settings: ChooseOptionSettings = {}): Promise<void> {
  const shown = select.locator('.ant-select-selection-item').filter({ hasText: text }).first();
  let failure = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    // An earlier attempt's click may have taken late: a multiple select would drop the option if it were clicked again.
    if (attempt > 0 && (await shown.isVisible())) return;
    try {
      const open = (await select.getAttribute('class', { timeout: 10_000 }))?.split(/\s+/).includes('ant-select-open');
      if (!open) await select.click({ timeout: 10_000 });
      // The select's own dropdown (its listbox is the one the input controls), not one closed a moment ago and still fading out.
      const input = select.locator('input').first();
      const list = await input.getAttribute('aria-controls', { timeout: 5_000 });
      const dropdown = page.locator('.ant-select-dropdown:visible').filter({ has: page.locator(`[id="${list}"]`) });
      if (settings.optionsLoaded) await dropdown.locator('.ant-select-item-option').first().waitFor({ timeout: 10_000 });
      if (settings.search !== undefined) await input.fill(settings.search, { timeout: 5_000 });
      await dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first().click({ timeout: 5_000 });
    } catch (error) {
      failure = (error as Error).message.split('\n')[0]!;
    }
    if (await shown.waitFor({ timeout: 3_000 }).then(() => true, () => false)) return;
  }
  const offered = await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts().catch(() => []);
  throw new Error(`the option ${text} could not be picked in ${select}${failure ? ` (last failure: ${failure})` : ''}; options shown: ${JSON.stringify(offered)}`);
}
