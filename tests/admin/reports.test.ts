import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';
import { ExcelJS } from './support/excel';

jest.setTimeout(300_000);

/**
 * 报表中心 through the panel (real Chromium): the owner opens the report center on the demo's
 * facts (the last months' cases by month), the chart is drawn, the table's numbers are the API's
 * report for the same input, and the Excel export holds exactly the table's cells.
 */
describeInBrowser('reports: the report center draws and exports the same figures', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the chart, the table and the XLSX export agree', async () => {
    const page = await signInPage(browser, app, 'owner@east.demo');
    await page.goto('/reports');
    await page.getByTestId('report-chart').locator('svg').first().waitFor();
    const rows = page.locator('[data-testid="report-row"]');
    await rows.first().waitFor();
    const cells = await Promise.all((await rows.all()).map(async (r) => (await r.locator('td').allInnerTexts()).map((c) => c.trim())));
    expect(cells.length).toBeGreaterThanOrEqual(3);
    // The API's figures for the same input (the page's default: the last three months by month, no grouping).
    const owner = await signIn(app, 'owner@east.demo');
    const first = cells[0]![0]!;
    const api = await owner.graphql<{ report: { rows: { period: string; value: number | null; previousValue: number | null }[] } }>(
      'query($i: ReportInput!) { report(input: $i) { rows { period value previousValue } } }',
      { i: { kind: 'CASES', period: 'MONTH', from: first, to: cells[cells.length - 1]![0]!, groupBy: 'NONE' } },
    );
    expect(cells.map((c) => [c[0], c[2], c[3]])).toEqual(api.body.data!.report.rows.map((r) => [r.period, String(r.value), String(r.previousValue)]));
    expect(cells.some((c) => Number(c[2]) > 0)).toBe(true);
    await screenshot(page, 'report-center');

    const download = page.waitForEvent('download');
    await page.getByTestId('report-export').hover();
    await page.locator('.ant-dropdown:visible').getByText('导出 Excel').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^报表中心-.*\.xlsx$/);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reports-')), file.suggestedFilename());
    await file.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1).map(String)).toEqual(['统计周期', '不分组', '工单量', '上一周期']);
    const lines = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1).map((v) => String(v ?? '')));
    expect(lines).toEqual(cells);
    await page.context().close();
  });
});
