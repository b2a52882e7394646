import zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '@pharmadesk/seeds';
import { chromiumInstalled, CHROMIUM_INSTALL, launchBrowser } from '../admin/support/browser';
import { report } from './measure';

const BUDGET = 500 * 1024;

/** Each role's first page after signing in: home for everyone, the queue board where agents and supervisors work. */
const FIRST_PAGES: { email: string; path: string; ready: string }[] = [
  { email: 'agent@east.demo', path: '/board', ready: 'board-card' },
  { email: 'agent@east.demo', path: '/', ready: 'widget-my-queue' },
  { email: 'supervisor@east.demo', path: '/board', ready: 'board-card' },
  { email: 'supervisor@east.demo', path: '/', ready: 'widget-team-health' },
  { email: 'owner@east.demo', path: '/', ready: 'current-user' },
  { email: 'admin@hq.demo', path: '/', ready: 'current-user' },
];

/**
 * First load of the admin panel: the JavaScript a browser downloads from opening the sign-in
 * page to the first page after signing in, as sent (Chromium asks plain HTTP for gzip), as it
 * would be sent with brotli (HTTPS; the build's .br files are brotli 11 of the same bytes) and
 * as executed (uncompressed). Budget: under 500 kB compressed, gzip included.
 * `BENCH_ADMIN_DIST=<dir>` measures another build of the panel (e.g. an older commit's).
 */
(chromiumInstalled ? describe : describe.skip)('admin first-load JavaScript', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(process.env.BENCH_ADMIN_DIST ? { ADMIN_DIST_DIR: process.env.BENCH_ADMIN_DIST } : {}), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('stays under 500 kB of compressed JavaScript from sign-in to the first page', async () => {
    const figures: Record<string, unknown> = {};
    let worst = 0;
    for (const { email, path, ready } of FIRST_PAGES) {
      const measured: Promise<{ sent: number; body: number; gzip: number; brotli: number; encoding: string }>[] = [];
      const fresh = await browser.newContext({ baseURL: app.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
      fresh.on('response', (response) => {
        if (response.request().resourceType() !== 'script') return;
        measured.push(
          (async () => {
            const [body, headers, transfer] = await Promise.all([response.body(), response.allHeaders(), response.request().sizes()]);
            return {
              sent: transfer.responseBodySize,
              body: body.length,
              gzip: zlib.gzipSync(body, { level: 9 }).length,
              brotli: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
              encoding: headers['content-encoding'] ?? 'identity',
            };
          })(),
        );
      });
      const p = await fresh.newPage();
      p.on('pageerror', (error) => console.error(`[browser] ${email} ${path}: ${error.message}`));
      await p.goto(path === '/' ? '/login' : `/login?to=${encodeURIComponent(path)}`);
      await p.getByTestId('login-email').waitFor({ timeout: 60_000 });
      await p.getByTestId('login-email').fill(email);
      await p.getByTestId('login-password').fill(DEMO_PASSWORD);
      await p.getByTestId('login-submit').click();
      // Builds before the sign-in page honoured ?to= land on home: go on through the menu (no reload, so the count holds).
      await p.getByTestId('current-user').waitFor({ timeout: 60_000 });
      if (new URL(p.url()).pathname !== path) await p.locator(`.ant-menu a[href="${path}"]`).first().click();
      await p.getByTestId(ready).first().waitFor({ timeout: 60_000 });
      await p.waitForLoadState('networkidle').catch(() => undefined);
      const all = await Promise.all(measured);
      const sum = (key: 'sent' | 'body' | 'gzip' | 'brotli') => all.reduce((a, r) => a + r[key], 0);
      figures[`${email} ${path}`] = { scripts: all.length, sentBytes: sum('sent'), encodings: [...new Set(all.map((r) => r.encoding))].join(','), gzipBytes: sum('gzip'), brotliBytes: sum('brotli'), uncompressedBytes: sum('body') };
      console.log(`${email} ${path}`, figures[`${email} ${path}`]);
      worst = Math.max(worst, sum('sent'), sum('gzip'));
      await fresh.close();
    }
    report('admin-first-load', [], { ...figures, budgetBytes: BUDGET });
    expect(worst).toBeLessThan(BUDGET);
  });
});

if (!chromiumInstalled) console.warn(`SKIPPED admin first-load benchmark: no Chromium. Install it with: ${CHROMIUM_INSTALL}`);
