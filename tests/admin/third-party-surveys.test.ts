import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { clock } from '@pharmadesk/api';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { must } from '../inventory/support';
import { chooseOption, describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';
import { ExcelJS } from './support/excel';

jest.setTimeout(300_000);

interface Project { id: string; version: number; name: string; storeIds: string[]; startDate: string; endDate: string; importedRows: number; importedRespondents: number }
interface Store { id: string; code: string; name: string }

/** The rows of a downloaded CSV or XLSX (header first), as text. */
async function downloadedRows(page: Page, testId: string, label: string): Promise<{ name: string; rows: string[][] }> {
  const download = page.waitForEvent('download');
  // A hover menu: the one opened before may still be fading out (holding the same labels), so wait until none shows, then hover and pick, again if the menu closed under the pointer.
  for (let attempt = 0; ; attempt++) {
    await page.mouse.move(0, 0);
    for (let wait = 0; wait < 50 && (await page.locator('.ant-dropdown:visible').count()) > 0; wait++) await page.waitForTimeout(100);
    await page.getByTestId(testId).hover();
    if (await page.locator('.ant-dropdown:visible').getByText(label).click({ timeout: 5_000 }).then(() => true, () => false)) break;
    if (attempt === 3) throw new Error(`could not pick ${label} in the menu of ${testId}`);
  }
  const file = await download;
  const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'third-party-')), file.suggestedFilename());
  await file.saveAs(saved);
  if (saved.endsWith('.csv')) return { name: file.suggestedFilename(), rows: fs.readFileSync(saved, 'utf8').replace(/^\uFEFF/, '').split('\r\n').map((l) => l.split(',')) };
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(saved);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row: { values: unknown[] }) => rows.push(row.values.slice(1).map((v) => String(v ?? ''))));
  return { name: file.suggestedFilename(), rows };
}

/**
 * Third-party survey projects (第三方调查) through the panel (real Chromium), the clock on 10 May
 * 2031 in Shanghai: HQ records a mystery-shopping project over two stores for April; a results file
 * with one bad score is refused whole, the row and column named on the page and nothing imported;
 * the corrected Excel file imports; the report's store table, chart and export agree with the
 * file's figures; a franchise owner has no such page.
 */
describeInBrowser('third-party survey projects in the panel', () => {
  let app: TestApp;
  let browser: Browser;
  let hq: Caller;
  let stores: Store[];

  beforeAll(async () => {
    clock.freezeAt('2031-05-10T10:00:00+08:00');
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    hq = await signIn(app, 'admin@hq.demo');
    stores = (await must<{ orgUnits: { nodes: Store[] } }>(hq, '{ orgUnits(filter: { kind: { eq: STORE } }, sorting: [{ field: code, direction: ASC }], paging: { limit: 50 }) { nodes { id code name } } }')).orgUnits.nodes;
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await browser?.close();
    await app?.stop();
  });

  const projects = async () => (await must<{ thirdPartySurveyProjects: { nodes: Project[] } }>(hq, '{ thirdPartySurveyProjects(paging: { limit: 50 }) { nodes { id version name storeIds startDate endDate importedRows importedRespondents } } }')).thirdPartySurveyProjects.nodes;

  it('HQ records a project, a file with a bad row imports nothing and names it, the corrected file imports and the report agrees with it', async () => {
    const page = await signInPage(browser, app, 'admin@hq.demo');
    await page.goto('/surveys/third-party');
    await page.getByTestId('third-party-projects').waitFor();
    // The demo's project is listed with what was imported.
    const demoRow = page.locator('[data-testid="project-row"]', { hasText: '门店神秘顾客暗访' });
    await demoRow.waitFor();
    expect(await demoRow.getByTestId('project-imported').innerText()).toMatch(/^12 行 · 240 人次$/);

    // A new project over the first two stores, April 2031.
    const [first, second] = stores as [Store, Store];
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-name').fill('2031 年 4 月电话满意度访谈');
    await page.getByTestId('project-firm').fill('华信调查');
    await page.getByTestId('project-scope').fill('电话访谈：服务态度、送药速度');
    // The stores: typed into the multiple select's search, each option picked.
    for (const store of [first, second]) await chooseOption(page, page.getByTestId('project-stores'), store.code, { search: store.code });
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('project-stores').locator('.ant-select-selection-item').allInnerTexts()).toEqual([`${first.code} · ${first.name}`, `${second.code} · ${second.name}`]);
    const [from, to] = [page.locator('.ant-drawer .ant-picker-range input').first(), page.locator('.ant-drawer .ant-picker-range input').nth(1)];
    await from.click();
    await from.fill('2031-04-01');
    await from.press('Enter');
    await to.fill('2031-04-30');
    await to.press('Enter');
    await page.getByTestId('project-submit').click();
    const row = page.locator('[data-testid="project-row"]', { hasText: '2031 年 4 月电话满意度访谈' });
    await row.waitFor();
    expect(await row.innerText()).toContain('尚未导入');
    const project = (await projects()).find((p) => p.name === '2031 年 4 月电话满意度访谈')!;
    expect(project).toMatchObject({ startDate: '2031-04-01', endDate: '2031-04-30', importedRows: 0 });
    expect([...project.storeIds].sort()).toEqual([first.id, second.id].sort());
    await screenshot(page, 'third-party-projects');

    // The report: nothing imported yet; a CSV whose third row scores 6 is refused whole.
    await row.getByTestId('project-report').click();
    await page.waitForURL(`**/surveys/third-party/${project.id}`);
    await page.getByTestId('project-import').waitFor();
    expect(await page.getByTestId('third-party-report').innerText()).toContain('尚未导入调查结果');
    const bad = ['门店编码,日期,问题,得分,人数', `${first.code},2031-04-03,服务态度,4.5,10`, `${second.code},2031-04-04,服务态度,6,10`].join('\n');
    await page.getByTestId('project-import').locator('input[type=file]').setInputFiles({ name: '访谈结果.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    const refused = page.getByTestId('import-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('文件“访谈结果.csv”有 1 处错误，未导入任何数据');
    const problem = refused.getByTestId('import-problem').first();
    expect([await problem.getAttribute('data-row'), await problem.getAttribute('data-column')]).toEqual(['3', 'score']);
    expect(await problem.innerText()).toContain('第 3 行「得分」');
    expect((await projects()).find((p) => p.id === project.id)).toMatchObject({ importedRows: 0, importedRespondents: 0 });
    await screenshot(page, 'third-party-import-refused');

    // The corrected file, as Excel: imported, the refusal gone, the figures on the page.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('结果');
    sheet.addRow(['门店编码', '日期', '问题', '得分', '人数']);
    for (const line of [[first.code, '2031-04-03', '服务态度', 4.5, 10], [first.code, '2031-04-03', '送药速度', 3.5, 10], [second.code, '2031-04-04', '服务态度', 4, 20], [second.code, '2031-04-04', '送药速度', 3, 20]]) sheet.addRow(line);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    await page.getByTestId('project-import').locator('input[type=file]').setInputFiles({ name: '访谈结果.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    await page.getByTestId('import-last').waitFor();
    expect(await page.getByTestId('import-last').innerText()).toContain('访谈结果.xlsx（4 行，60 人次）');
    expect(await refused.count()).toBe(0);
    expect((await projects()).find((p) => p.id === project.id)).toMatchObject({ importedRows: 4, importedRespondents: 60 });

    // By store: the first 4.00 ((4.5·10 + 3.5·10) / 20), the second 3.50; the chart holds the same; by question, lowest first.
    const storeRow = (code: string) => page.locator(`[data-testid="store-row"][data-code="${code}"]`);
    await storeRow(first.code).waitFor();
    const cells = async (code: string) => (await storeRow(code).locator('td').allInnerTexts()).map((c) => c.trim());
    expect((await cells(first.code)).slice(0, 4)).toEqual([first.code, first.name, '20', '4.00']);
    expect((await cells(second.code)).slice(0, 4)).toEqual([second.code, second.name, '40', '3.50']);
    expect(JSON.parse((await page.getByTestId('report-chart').getAttribute('data-firm'))!)).toEqual([4, 3.5]);
    const questions = await page.locator('[data-testid="question-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-question')));
    expect(questions).toEqual(['送药速度', '服务态度']);
    expect(await page.getByTestId('report-totals').innerText()).toContain('60');
    await screenshot(page, 'third-party-report');

    // The store table's Excel export holds the rows on screen.
    const exported = await downloadedRows(page, 'stores-export', '导出 Excel');
    expect(exported.name).toBe('2031 年 4 月电话满意度访谈-各门店得分.xlsx');
    expect(exported.rows[0]!.slice(0, 4)).toEqual(['门店编码', '门店', '调查人次', '第三方平均分']);
    expect(exported.rows.slice(1)).toEqual([await cells(first.code), await cells(second.code)]);

    // The template holds the import's Chinese headers and the project's stores.
    const template = await downloadedRows(page, 'import-template', '导出 CSV');
    expect(template.rows[0]).toEqual(['门店编码', '日期', '问题', '得分', '人数']);
    expect(template.rows.slice(1).map((r) => r[0])).toEqual([first.code, second.code]);
    await page.context().close();
  });

  it('a franchise owner has no third-party survey page', async () => {
    const owner = await signInPage(browser, app, 'owner@east.demo');
    await owner.goto('/surveys/third-party');
    await owner.getByTestId('forbidden').waitFor();
    expect(await owner.getByTestId('third-party-projects').count()).toBe(0);
    await owner.context().close();
  });
});
