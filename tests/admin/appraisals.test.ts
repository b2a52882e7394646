import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { clock } from '@pharmadesk/api';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { must } from '../inventory/support';
import { describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';
import { ExcelJS } from './support/excel';

jest.setTimeout(300_000);

const fill = async (page: Page, prefix: string, scores: Record<string, number>) => {
  for (const [key, score] of Object.entries(scores)) await page.locator(`input[data-testid="${prefix}-${key}"], [data-testid="${prefix}-${key}"] input`).first().fill(String(score));
};

/**
 * 考核 through the panel (real Chromium): the supervisor opens a month on 考核周期, the agent fills
 * the self-evaluation on 我的考核, the supervisor evaluates and finalizes with the band's
 * consequence, the agent acknowledges; the cycle's Excel export holds exactly the table's cells.
 */
describeInBrowser('appraisals: a month from opening to the agent’s acknowledgement', () => {
  let app: TestApp;
  let browser: Browser;
  let agentId: string;

  beforeAll(async () => {
    clock.freezeAt('2033-06-28T10:00:00+08:00');
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const agent = await signIn(app, 'agent@east.demo');
    agentId = (await must<{ me: { user: { id: string } } }>(agent, '{ me { user { id } } }')).me.user.id;
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await browser?.close();
    await app?.stop();
  });

  it('opens, self-evaluates, evaluates, finalizes, acknowledges and exports', async () => {
    const supervisor = await signInPage(browser, app, 'supervisor@east.demo');
    await supervisor.goto('/quality/appraisals');
    await supervisor.getByTestId('cycle-period').fill('2033-06');
    await supervisor.getByTestId('cycle-open').click();
    const row = supervisor.locator(`[data-testid="appraisal-row"][data-agent="${agentId}"]`);
    await row.waitFor();
    await supervisor.getByTestId('appraisal-chart').locator('svg').first().waitFor();

    const agent = await signInPage(browser, app, 'agent@east.demo');
    await agent.goto('/quality/my-appraisals');
    await agent.getByTestId('my-appraisal-row').first().click();
    await fill(agent, 'self', { attitude: 100, ability: 90, efficiency: 90, teamwork: 100 });
    await agent.getByTestId('self-total').getByText('94.0').waitFor();
    await agent.getByTestId('self-submit').click();
    await agent.getByTestId('part-SELF').getByText('94.0').waitFor();

    await supervisor.reload();
    await row.click();
    await fill(supervisor, 'supervisor', { attitude: 90, ability: 90, efficiency: 100, teamwork: 100 });
    await supervisor.getByTestId('supervisor-total').getByText('93.0').waitFor();
    await supervisor.getByTestId('evaluate').click();
    await supervisor.getByTestId('part-SUPERVISOR').getByText('93.0').waitFor();
    await supervisor.getByTestId('finalize').click();
    await supervisor.getByTestId('appraisal-band').waitFor();
    const band = await supervisor.getByTestId('appraisal-band').innerText();
    expect(['优秀', '良好', '待改进', '不合格']).toContain(band);
    await screenshot(supervisor, 'appraisal-finalized');

    await agent.reload();
    await agent.getByTestId('my-appraisal-row').first().click();
    await agent.getByTestId('ack-comment').fill('认可本月结果');
    await agent.getByTestId('acknowledge').click();
    await agent.getByTestId('my-appraisal-row').first().getByText('员工已确认').waitFor();

    // The table after the agent's acknowledgement, and its export.
    await supervisor.keyboard.press('Escape');
    await supervisor.reload();
    await row.getByText('员工已确认').waitFor();
    const rows = supervisor.locator('[data-testid="appraisal-row"]');
    const cells = await Promise.all((await rows.all()).map(async (r) => (await r.locator('td').allInnerTexts()).map((c) => c.trim())));
    const download = supervisor.waitForEvent('download');
    await supervisor.getByTestId('appraisal-export').hover();
    await supervisor.locator('.ant-dropdown:visible').getByText('导出 Excel').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('考核周期-2033-06.xlsx');
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'appraisals-')), file.suggestedFilename());
    await file.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1).map(String)).toEqual(['员工', '门店', '状态', '自评', '上级评价', '顾客评价', '质检', '数据分析', '得分', '等级', '结果应用']);
    const lines = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1).map((v) => String(v ?? '')));
    expect(lines).toEqual(cells);
    expect(cells.length).toBeGreaterThanOrEqual(1);
    await supervisor.context().close();
    await agent.context().close();
  });
});
