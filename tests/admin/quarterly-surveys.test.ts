import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { clock } from '@pharmadesk/api';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { must } from '../inventory/support';
import { chooseOption, describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

jest.setTimeout(300_000);

/** Picks `text` in the antd Select marked with `testId` (opened again if a re-render closed it). */
async function choose(page: Page, testId: string, text: string) {
  await chooseOption(page, page.getByTestId(testId), text);
}

/** The input of an antd DatePicker or InputNumber marked with a test id (the id lands on the input or on its wrapper). */
async function pickerInput(marked: Locator): Promise<Locator> {
  return (await marked.evaluate((e) => e.tagName)) === 'INPUT' ? marked : marked.locator('input');
}

/** The GraphQL errors a page receives (operation name and messages), to say why a page stayed empty. */
function graphqlErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (response) => {
    if (!response.url().endsWith('/graphql')) return;
    const operation = (response.request().postDataJSON() as { operationName?: string } | null)?.operationName ?? '?';
    void response.json().then(
      (body: { errors?: { message: string }[] }) => body.errors?.forEach((e) => seen.push(`${operation}: ${e.message}`)),
      () => undefined,
    );
  });
  return seen;
}

/**
 * Quarterly surveys (季度调查) and third-party survey projects (第三方调查) through the panel (real
 * Chromium), the clock set to 10 May 2031 in Shanghai: HQ opens the 2031-Q2 round of the demo's
 * quarterly template; east's owner answers it on 我的季度调查 (then sees it read-only); HQ's results
 * page shows east answered with its ratings, the means chart and the export hold them.
 */
describeInBrowser('quarterly surveys and third-party projects in the panel', () => {
  let app: TestApp;
  let browser: Browser;
  let hq: Caller;
  let eastId: string;

  beforeAll(async () => {
    clock.freezeAt('2031-05-10T10:00:00+08:00');
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const east = await signIn(app, 'owner@east.demo');
    hq = await signIn(app, 'admin@hq.demo');
    eastId = (await must<{ me: { user: { franchiseId: string } } }>(east, '{ me { user { franchiseId } } }')).me.user.franchiseId;
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await browser?.close();
    await app?.stop();
  });

  it('HQ opens a round, east’s owner answers it, HQ sees the answers in the results and the export', async () => {
    // HQ opens 2031-Q2 for franchises, closing 30 June.
    const hqPage = await signInPage(browser, app, 'admin@hq.demo');
    await hqPage.goto('/surveys/quarterly');
    await hqPage.getByTestId('quarterly-rounds').waitFor();
    expect(await hqPage.locator('body').innerText()).toContain('季度调查');
    await hqPage.getByTestId('round-new').click();
    const quarter = hqPage.getByTestId('round-quarter');
    await quarter.waitFor();
    expect(await quarter.inputValue()).toBe('2031-Q2');
    await choose(hqPage, 'round-template', '加盟机构季度满意度调查');
    const closes = await pickerInput(hqPage.getByTestId('round-closes-on'));
    await closes.click();
    await closes.fill('2031-06-30');
    await closes.press('Enter');
    // Owners are reminded a week before the close date (3 days unless changed).
    const remind = await pickerInput(hqPage.getByTestId('round-remind-days'));
    expect(await remind.inputValue()).toBe('3');
    await remind.fill('7');
    await hqPage.getByTestId('round-title').fill('2031 年第二季度加盟机构调查');
    await hqPage.getByTestId('round-submit').click();
    const row = hqPage.locator('[data-testid="round-row"][data-quarter="2031-Q2"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('2031 年第二季度加盟机构调查');
    expect(await row.innerText()).toContain('截止前 7 天');
    expect(await row.getByTestId('round-state').getAttribute('data-state')).toBe('OPEN');
    const roundId = (await row.getAttribute('data-id'))!;
    const { quarterlySurveyRounds } = await must<{ quarterlySurveyRounds: { nodes: { id: string; closesOn: string; audience: string[]; remindDaysBefore: number }[] } }>(hq, '{ quarterlySurveyRounds(paging: { limit: 50 }) { nodes { id closesOn audience remindDaysBefore } } }');
    expect(quarterlySurveyRounds.nodes.find((r) => r.id === roundId)).toMatchObject({ closesOn: '2031-06-30', audience: ['FRANCHISES'], remindDaysBefore: 7 });
    await screenshot(hqPage, 'quarterly-rounds');

    // East's owner answers it on 我的季度调查: a required question left out is refused on the page first.
    const owner = await signInPage(browser, app, 'owner@east.demo');
    const ownerErrors = graphqlErrors(owner);
    await owner.goto('/surveys/my-quarterly');
    const card = owner.locator(`[data-testid="my-quarterly"][data-round="${roundId}"]`);
    await card.waitFor({ timeout: 20_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\nGraphQL errors on 我的季度调查: ${JSON.stringify(ownerErrors)}`);
    });
    expect(ownerErrors).toEqual([]);
    expect(await card.getAttribute('data-state')).toBe('OPEN');
    await card.getByTestId('quarterly-submit').click();
    expect(await card.innerText()).toContain('此题必答');
    for (const [key, value] of [['service', '5'], ['followUp', '2'], ['solving', '4']] as const) await card.getByTestId(`answer-${key}`).getByText(value, { exact: true }).click();
    await card.getByTestId('answer-comment').fill('希望调拨审批再快一些');
    await card.getByTestId('quarterly-submit').click();
    await owner.locator(`[data-testid="my-quarterly"][data-round="${roundId}"][data-state="ANSWERED"]`).waitFor();
    // Answered: read-only, the answers shown.
    expect(await card.getByTestId('quarterly-submit').count()).toBe(0);
    expect(await card.innerText()).toContain('希望调拨审批再快一些');
    await screenshot(owner, 'my-quarterly-answered');
    await owner.context().close();

    // HQ's results: 1 of the addressed answered; east's row holds 5, 2, 4; the chart holds the means.
    await hqPage.goto(`/surveys/quarterly/${roundId}`);
    const eastRow = hqPage.locator(`[data-testid="franchise-row"][data-id="${eastId}"]`);
    await eastRow.waitFor();
    expect(await eastRow.getAttribute('data-answered')).toBe('true');
    const eastText = await eastRow.innerText();
    expect(eastText).toContain('已填写');
    expect(eastText).toContain('希望调拨审批再快一些');
    expect(eastText).toContain('3.67');
    const chart = hqPage.getByTestId('results-chart');
    expect(JSON.parse((await chart.getAttribute('data-current'))!)).toEqual([5, 2, 4]);
    expect(await hqPage.getByTestId('results-totals').innerText()).toContain('已填写');
    await screenshot(hqPage, 'quarterly-results');

    const download = hqPage.waitForEvent('download');
    await hqPage.getByTestId('results-export').hover();
    await hqPage.locator('.ant-dropdown:visible').getByText('导出 CSV').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('季度调查结果-2031-Q2.csv');
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quarterly-')), file.suggestedFilename());
    await file.saveAs(saved);
    const lines = fs.readFileSync(saved, 'utf8').replace(/^\uFEFF/, '').split('\r\n').map((l) => l.split(','));
    expect(lines[0]!.slice(0, 4)).toEqual(['机构', '合作类型', '填写状态', '填写时间']);
    const eastLine = lines.find((l) => l[2] === '已填写')!;
    expect(eastLine.slice(4, 7)).toEqual(['5', '2', '4']);
    await hqPage.context().close();
  });
});
