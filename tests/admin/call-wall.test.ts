import type { Browser } from 'playwright-core';
import { clock } from '@pharmadesk/api';
import { apiKeyCaller, signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { must } from '../inventory/support';
import { postEvents } from '../calls/support';
import { describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';


jest.setTimeout(300_000);

/**
 * 实时话务墙 through the panel (real Chromium): calls a telephony partner posts appear on the open
 * page and move (waiting → the agent's card on a call → gone) without a reload; a long wait is
 * marked; 标记复核 on a call puts it in the QA workspace's review queue.
 */
describeInBrowser('call wall: live calls, mark for review', () => {
  let app: TestApp;
  let browser: Browser;
  let partner: Caller;
  let agentId: string;

  beforeAll(async () => {
    // The clock runs: the calls are posted a little in the past of the server's now.
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const owner = await signIn(app, 'owner@east.demo');
    const staff = await must<{ staffUsers: { nodes: { id: string; version: number }[] } }>(owner, '{ staffUsers(filter: { email: { eq: "agent@east.demo" } }) { nodes { id version } } }');
    agentId = staff.staffUsers.nodes[0]!.id;
    await must(owner, 'mutation($id: ID!, $v: Int!) { updateOneStaffUser(input: { id: $id, version: $v, update: { workNo: "8051" } }) { id } }', { id: agentId, v: staff.staffUsers.nodes[0]!.version });
    partner = await apiKeyCaller(app, owner, { permissions: ['call:ingest'] });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a ringing call appears waiting (a long one in red), moves to the agent’s card when answered, leaves when ended; marked for review it is in the QA queue', async () => {
    const page = await signInPage(browser, app, 'supervisor@east.demo');
    await page.goto('/calls/wall');
    await page.getByTestId('call-wall').waitFor();
    await page.getByText('实时话务墙').first().waitFor();

    const at = (s: number) => new Date(Math.floor(clock.now().getTime() / 1000) * 1000 + s * 1000).toISOString();
    const base = { callId: 'wall-ui-1', direction: 'INBOUND', callerNumber: '13900005151', calleeNumber: '4008001234', line: '400 热线', offeredAt: at(-45) };
    const [call] = (await postEvents(partner, [{ ...base, state: 'RINGING', occurredAt: at(-45) }])).calls;
    const waiting = page.locator(`[data-testid="wall-waiting-row"][data-id="${call!.id}"]`);
    await waiting.waitFor();
    // 45 s of waiting: over the 30 s threshold.
    await page.waitForFunction((id) => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector(`[data-testid="wall-waiting-row"][data-id="${id}"]`)?.getAttribute('data-long') === 'true', call!.id);
    await waiting.getByText('长时等待').waitFor();

    await postEvents(partner, [{ ...base, state: 'ANSWERED', occurredAt: at(-5), answeredAt: at(-5), agentWorkNo: '8051' }]);
    const card = page.locator(`[data-testid="wall-agent"][data-id="${agentId}"]`);
    await page.waitForFunction((id) => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector(`[data-testid="wall-agent"][data-id="${id}"]`)?.getAttribute('data-state') === 'ON_CALL', agentId);
    await card.locator(`[data-testid="wall-agent-call"][data-id="${call!.id}"]`).waitFor();
    await card.getByText('通话中').waitFor();
    await waiting.waitFor({ state: 'detached' });
    const progress = page.locator(`[data-testid="wall-progress-row"][data-id="${call!.id}"]`);
    await progress.waitFor();
    await screenshot(page, 'call-wall');

    // 标记复核 on the call in progress.
    await progress.getByTestId('wall-mark').click();
    await page.getByTestId('wall-mark-reason').fill('客户情绪激动，需质检复核');
    await page.getByTestId('wall-mark-submit').click();
    await progress.getByText('已标记复核').waitFor();

    // Hung up: off the wall, the agent in wrap-up.
    await postEvents(partner, [{ ...base, state: 'ENDED', occurredAt: at(0), answeredAt: at(-5), endedAt: at(0) }]);
    await progress.waitFor({ state: 'detached' });
    await page.waitForFunction((id) => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector(`[data-testid="wall-agent"][data-id="${id}"]`)?.getAttribute('data-state') === 'WRAP_UP', agentId);

    // The marked call is in the QA workspace's queue (this week's).
    await page.goto('/quality');
    await page.locator(`[data-testid="queue-row"][data-id="${call!.id}"]`).getByText('标记复核').waitFor();
    await page.close();
  });
});
