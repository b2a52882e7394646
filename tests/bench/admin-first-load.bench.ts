import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '@pharmadesk/seeds';
import { chromiumInstalled, CHROMIUM_INSTALL, launchBrowser } from '../admin/support/browser';
import { report } from './measure';

const BUDGET = 500 * 1024;

/**
 * First load of the admin panel: the JavaScript a browser downloads from opening the sign-in
 * page to the first page after signing in (each role's home), as sent (compressed) and as
 * executed (uncompressed). Budget: under 500 kB compressed.
 */
(chromiumInstalled ? describe : describe.skip)('admin first-load JavaScript', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('stays under 500 kB of compressed JavaScript from sign-in to the first page', async () => {
    const figures: Record<string, unknown> = {};
    let worst = 0;
    for (const email of ['agent@east.demo', 'supervisor@east.demo', 'owner@east.demo', 'admin@hq.demo']) {
      const measured: Promise<{ sent: number; body: number; encoding: string }>[] = [];
      const fresh = await browser.newContext({ baseURL: app.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
      fresh.on('response', (response) => {
        if (response.request().resourceType() !== 'script') return;
        measured.push(
          (async () => {
            const [body, headers, transfer] = await Promise.all([response.body(), response.allHeaders(), response.request().sizes()]);
            return { sent: transfer.responseBodySize, body: body.length, encoding: headers['content-encoding'] ?? 'identity' };
          })(),
        );
      });
      const p = await fresh.newPage();
      await p.goto('/login');
      await p.getByTestId('login-email').fill(email);
      await p.getByTestId('login-password').fill(DEMO_PASSWORD);
      await p.getByTestId('login-submit').click();
      await p.getByTestId('current-user').waitFor({ timeout: 30_000 });
      await p.waitForLoadState('networkidle').catch(() => undefined);
      const all = await Promise.all(measured);
      const sent = all.reduce((a, r) => a + r.sent, 0);
      const body = all.reduce((a, r) => a + r.body, 0);
      figures[email] = { scripts: all.length, compressedBytes: sent, uncompressedBytes: body, encodings: [...new Set(all.map((r) => r.encoding))].join(',') };
      worst = Math.max(worst, sent);
      await fresh.close();
    }
    report('admin-first-load', [], { ...figures, budgetBytes: BUDGET });
    expect(worst).toBeLessThan(BUDGET);
  });
});

if (!chromiumInstalled) console.warn(`SKIPPED admin first-load benchmark: no Chromium. Install it with: ${CHROMIUM_INSTALL}`);
