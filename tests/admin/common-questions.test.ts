import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Client } from 'pg';
import { clock } from '@pharmadesk/api';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { until } from '../support/until';
import { must } from '../inventory/support';
import { describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';
import { ExcelJS } from './support/excel';

jest.setTimeout(300_000);

const CREATE = `mutation($c: CaseInput!) { createOneCase(input: { case: $c }) { id } }`;
const ARTICLE = `mutation($a: KnowledgeArticleInput!) { createOneKnowledgeArticle(input: { knowledgeArticle: $a }) { id } }`;
const LINK = `mutation($c: ID!, $a: ID!) { linkKnowledgeArticle(input: { caseId: $c, articleId: $a }) { id } }`;

/** The cells of a panel's rows, trimmed. */
const cellsOf = async (page: Page, testId: string) =>
  Promise.all((await page.locator(`[data-testid="${testId}-row"]`).all()).map(async (r) => (await r.locator('td').allInnerTexts()).map((c) => c.trim())));

/**
 * 常见问题 through the panel (real Chromium), on known cases: with the clock on 2032-05-20 in
 * Shanghai the page opens on the last 30 local days (04-21..05-20) beside the 30 before; the case
 * types and complaint categories (in Chinese), the knowledge article used and the subject words
 * show their counts, and the Excel export holds exactly the rows on screen.
 */
describeInBrowser('common questions: the page shows the period’s case categories, articles and words, and exports them', () => {
  let app: TestApp;
  let browser: Browser;
  let db: Client;
  let agent: Caller;
  let owner: Caller;

  const openCase = async (at: string, c: Record<string, unknown>) => {
    clock.freezeAt(at);
    return (await must<{ createOneCase: { id: string } }>(agent, CREATE, { c: { channel: 'PHONE', description: '常见问题页面测试', ...c } })).createOneCase.id;
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ JOBS_ENABLED: 'true' }), launchBrowser()]);
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    [agent, owner] = await Promise.all([signIn(app, 'agent@east.demo'), signIn(app, 'owner@east.demo')]);
    const article = (await must<{ createOneKnowledgeArticle: { id: string } }>(owner, ARTICLE, { a: { kind: 'FAQ', title: '降压药服用时间说明', body: '多数降压药建议早晨服用。' } })).createOneKnowledgeArticle.id;
    // The previous period (2032-03-22..04-20): one damaged delivery.
    await openCase('2032-04-10T10:00:00+08:00', { type: 'COMPLAINT', category: 'DELIVERY_DAMAGED', subject: '快递破损' });
    // The period (2032-04-21..05-20): two consultations on blood-pressure drugs, one damaged delivery.
    const asked = await openCase('2032-05-10T10:00:00+08:00', { type: 'CONSULTATION', subject: '降压药副作用咨询' });
    await openCase('2032-05-12T10:00:00+08:00', { type: 'CONSULTATION', subject: '降压药能否空腹服用' });
    await openCase('2032-05-15T10:00:00+08:00', { type: 'COMPLAINT', category: 'DELIVERY_DAMAGED', subject: '快递破损，药盒压坏了' });
    clock.freezeAt('2032-05-10T11:00:00+08:00');
    await must(agent, LINK, { c: asked, a: article });
    clock.reset();
    await until('the report facts', async () => {
      const { rows } = await db.query<{ waiting: string; events: string }>(
        `select (select count(*) from event_reaction where handler like 'core/report facts%' and status <> 'DONE') as waiting,
                (select count(*) from event_outbox where dispatched_at is null) as events`,
      );
      return rows[0]!.waiting === '0' && rows[0]!.events === '0';
    }, 60_000);
    // Today is 2032-05-20 in Shanghai for the panel (it reads the server's clock).
    clock.freezeAt('2032-05-20T15:00:00+08:00');
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await db?.end();
    await browser?.close();
    await app?.stop();
  });

  it('shows the categories, the article and the words with their counts, and the Excel export holds the same rows', async () => {
    const page = await signInPage(browser, app, 'owner@east.demo');
    await page.goto('/reports/common-questions');
    await page.getByTestId('common-questions-chart').locator('svg').first().waitFor();
    expect(await page.getByTestId('common-questions-previous').innerText()).toBe('上一周期：2032-03-22 至 2032-04-20');
    const body = await page.locator('body').innerText();
    expect(body).toContain('常见问题');

    const categories = await cellsOf(page, 'common-questions-categories');
    expect(categories).toEqual([
      ['咨询', '2', '0', '—'],
      ['投诉', '1', '1', '0.0%'],
      ['配送破损', '1', '1', '0.0%'],
    ]);
    const articles = await cellsOf(page, 'common-questions-articles');
    expect(articles).toEqual([['降压药服用时间说明', '1', '0', '—']]);
    const words = Object.fromEntries((await cellsOf(page, 'common-questions-words')).map((w) => [w[0], w.slice(1)]));
    expect(words['降压药']).toEqual(['2', '0', '—']);
    expect(words['快递']).toEqual(['1', '1', '0.0%']);
    expect(words['破损']).toEqual(['1', '1', '0.0%']);
    await page.getByTestId('common-questions-words-chart').locator('svg').first().waitFor();
    await screenshot(page, 'common-questions');

    const download = page.waitForEvent('download');
    await page.getByTestId('common-questions-export').hover();
    await page.locator('.ant-dropdown:visible').getByText('导出 Excel').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('常见问题-2032-04-21-2032-05-20.xlsx');
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'common-questions-')), file.suggestedFilename());
    await file.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1).map(String)).toEqual(['类型', '名称', '本期', '上一周期', '变化']);
    const lines = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1).map((v) => String(v ?? '')));
    const wordRows = await cellsOf(page, 'common-questions-words');
    expect(lines).toEqual([
      ['工单类型', '咨询', '2', '0', '—'],
      ['工单类型', '投诉', '1', '1', '0.0%'],
      ['投诉分类', '配送破损', '1', '1', '0.0%'],
      ['知识文章', '降压药服用时间说明', '1', '0', '—'],
      ...wordRows.map((w) => ['关键词', ...w]),
    ]);
    await page.context().close();
  });
});
