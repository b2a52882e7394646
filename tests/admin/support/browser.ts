import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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
