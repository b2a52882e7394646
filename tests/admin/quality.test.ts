import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { clock } from '@pharmadesk/api';
import { apiKeyCaller, signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { must } from '../inventory/support';
import { postEvents } from '../calls/support';
import { chooseOption, describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';
import { ExcelJS } from './support/excel';

jest.setTimeout(300_000);

/** Picks `text` in the antd Select marked with `testId`. */
async function choose(page: Page, testId: string, text: string) {
  // The form re-renders as the scorecard and the live score arrive: a dropdown that closed meanwhile is opened again, until the choice shows.
  await chooseOption(page, page.getByTestId(testId), new RegExp(`^${text}$`));
}

interface AgentScore { agentId: string; reviews: number; averageScore: number | null }

/**
 * The QA workspace through the panel (real Chromium): a supervisor scores an agent's call from
 * the week's review queue with the default scorecard (the score computed as the ratings change),
 * the agent disputes it on 我的质检, the supervisor partly accepts; the KPI board shows the agent's
 * changed QA score and its Excel export holds the numbers on screen.
 */
describeInBrowser('quality: scoring a call, the dispute and the KPI board', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: Caller;
  let supervisorApi: Caller;
  let agentId: string;
  let agentName: string;
  let callId: string;

  beforeAll(async () => {
    // Mid-month, mid-week in Shanghai: the board's month and the queue's week hold the call.
    clock.freezeAt('2031-03-19T15:00:00+08:00');
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    [owner, supervisorApi] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'supervisor@east.demo')]);
    const staff = (await must<{ staffUsers: { nodes: { id: string; version: number; displayName: string }[] } }>(owner, '{ staffUsers(filter: { email: { eq: "agent@east.demo" } }) { nodes { id version displayName } } }')).staffUsers.nodes[0]!;
    [agentId, agentName] = [staff.id, staff.displayName];
    await must(owner, 'mutation($id: ID!, $v: Int!) { updateOneStaffUser(input: { id: $id, version: $v, update: { workNo: "8051" } }) { id } }', { id: staff.id, v: staff.version });
    const partner = await apiKeyCaller(app, owner, { permissions: ['call:ingest'] });
    const posted = await postEvents(partner, [
      { callId: 'ui-qa-1', direction: 'INBOUND', callerNumber: '13900005555', calleeNumber: '4008001234', line: '400 热线', offeredAt: '2031-03-19T10:00:00+08:00', state: 'ENDED', occurredAt: '2031-03-19T10:04:00+08:00', answeredAt: '2031-03-19T10:00:08+08:00', endedAt: '2031-03-19T10:04:00+08:00', agentWorkNo: '8051', disposition: '咨询' },
    ]);
    expect(posted.rejected).toEqual([]);
    const call = posted.calls[0]!;
    callId = call.id;
    await must(supervisorApi, 'mutation($id: ID!, $v: Int!) { markCallForReview(input: { id: $id, version: $v, reason: "客户反映答复不及时" }) { id } }', { id: call.id, v: call.version });
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await browser?.close();
    await app?.stop();
  });

  const scores = async () =>
    (await must<{ qaAgentScores: AgentScore[] }>(supervisorApi, 'query($a: ID!) { qaAgentScores(from: "2031-03-01T00:00:00+08:00", to: "2031-03-20T00:00:00+08:00", agentId: $a) { agentId reviews averageScore } }', { a: agentId })).qaAgentScores[0];

  it('the reviewer scores the call, the agent disputes, the reviewer partly accepts; the KPI board and its export show the changed score', async () => {
    // The queue: the marked call, scored with the default scorecard; the score follows the ratings.
    const supervisor = await signInPage(browser, app, 'supervisor@east.demo');
    await supervisor.goto('/quality');
    const row = supervisor.locator(`[data-testid="queue-row"][data-id="${callId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('标记复核');
    await row.getByTestId('review-call').click();
    await supervisor.waitForURL(`**/quality/review/CALL/${callId}`);
    await supervisor.getByTestId('call-facts').waitFor();
    expect(await supervisor.getByTestId('call-facts').innerText()).toContain('客户反映答复不及时');
    await choose(supervisor, 'rating-courtesy', '5');
    await choose(supervisor, 'rating-problem_solving', '3');
    await choose(supervisor, 'rating-timely_reply', '1');
    // attitude 100, ability 50, efficiency 0, teamwork N/A: (30·100 + 40·50) / 90
    for (const [testId, text] of [['rating-courtesy', '5'], ['rating-problem_solving', '3'], ['rating-timely_reply', '1']] as const) {
      await supervisor.getByTestId(testId).locator('.ant-select-selection-item').filter({ hasText: new RegExp(`^${text}$`) }).waitFor();
    }
    await supervisor.getByTestId('live-score').getByText('55.6').waitFor({ timeout: 60_000 });
    await supervisor.getByTestId('review-comment').fill('回复客户过慢');
    await screenshot(supervisor, 'qa-review-form');
    await supervisor.getByTestId('submit-review').click();
    await supervisor.waitForURL('**/quality?tab=mine');
    const mine = supervisor.getByTestId('my-reviews').locator('[data-testid="review-row"]', { hasText: 'ui-qa-1' });
    await mine.waitFor();
    expect(await mine.getByTestId('row-score').innerText()).toBe('55.6');
    const before = await scores();
    expect(before).toMatchObject({ reviews: 1, averageScore: 55.6 });

    // The agent disputes it on 我的质检, proposing a better rating for the reply.
    const agent = await signInPage(browser, app, 'agent@east.demo');
    await agent.goto('/quality/mine');
    const own = agent.getByTestId('my-qa').locator('[data-testid="review-row"]', { hasText: 'ui-qa-1' });
    await own.click();
    await agent.getByTestId('dispute-open').click();
    await choose(agent, 'propose-timely_reply', '5');
    await agent.getByTestId('dispute-text').fill('当时系统故障，已及时电话回复');
    await agent.getByTestId('dispute-submit').click();
    await agent.locator('.ant-drawer [data-testid="review-status"][data-status="DISPUTED"]').waitFor();
    await screenshot(agent, 'qa-dispute');

    // The reviewer partly accepts: the reply rated 3 of 5 → efficiency 50 → (3000 + 2000 + 1000) / 90.
    await supervisor.goto('/quality?tab=disputes');
    await supervisor.getByTestId('dispute-list').locator('[data-testid="review-row"]', { hasText: 'ui-qa-1' }).click();
    expect(await supervisor.getByTestId('dispute-comment').innerText()).toContain('系统故障');
    await supervisor.locator('.ant-drawer .ant-radio-button-wrapper', { hasText: '部分采纳' }).click();
    await choose(supervisor, 'resolve-timely_reply', '3');
    await supervisor.getByTestId('resolution-comment').fill('故障属实，酌情调整');
    await supervisor.getByTestId('resolve-submit').click();
    await supervisor.locator('.ant-drawer [data-testid="review-status"][data-status="FINAL"]').waitFor();
    expect(await supervisor.locator('.ant-drawer').getByTestId('review-score').innerText()).toBe('66.7');
    expect(await supervisor.locator('.ant-drawer').getByTestId('score-before').innerText()).toContain('55.6');
    expect(await supervisor.locator('.ant-drawer').getByTestId('dispute-outcome').innerText()).toBe('部分采纳');
    const after = await scores();
    expect(after).toMatchObject({ reviews: 1, averageScore: 66.7 });

    // The KPI board: the agent's row shows the changed QA score beside the call KPIs.
    await supervisor.goto('/calls/kpis');
    await supervisor.getByTestId('kpi-chart').locator('svg').first().waitFor();
    const kpiRow = supervisor.locator(`[data-testid="kpi-row"][data-key="${agentId}"]`);
    await kpiRow.waitFor();
    expect(await kpiRow.getByTestId('kpi-qaAverage').innerText()).toBe('66.7');
    const cells = (await kpiRow.locator('td').allInnerTexts()).map((c) => c.trim());
    expect(cells[1]).toBe(agentName);
    await screenshot(supervisor, 'qa-kpi-board');

    // Its Excel export holds the same numbers as the table.
    const download = supervisor.waitForEvent('download');
    await supervisor.getByTestId('kpi-export').hover();
    await supervisor.locator('.ant-dropdown:visible').getByText('导出 Excel').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^坐席KPI-.*\.xlsx$/);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qa-kpis-')), file.suggestedFilename());
    await file.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers).toContain('质检均分');
    const line = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1).map((v) => String(v ?? ''))).find((r) => r[1] === agentName)!;
    expect(line).toEqual(cells.map((c) => c.replace(/\s*▼$/, '')));
    expect(line[headers.indexOf('质检均分')]).toBe('66.7');
    await Promise.all([supervisor.context().close(), agent.context().close()]);
  });
});
