import type { Browser } from 'playwright-core';
import { inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { must } from '../inventory/support';
import { createTestItem, mustStep, prescribe } from '../journey/support';
import { describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

jest.setTimeout(300_000);

/**
 * 服务流程看板 (/journey): the owner sees the franchise's test orders at their step, the one whose
 * report date has passed highlighted as overdue, takes a step (ship the kit) and one that needs a
 * reason (reject the sample), and the board and the API show the new steps.
 */
describeInBrowser('journey board', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: Caller;
  let orders: { id: string; version: number; testOrderNo: string }[];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    owner = await signIn(app, 'owner@east.demo');
    const setup = await must<{ staffUsers: { nodes: { id: string }[] }; customers: { nodes: { id: string }[] } }>(owner, '{ staffUsers(filter: { email: { eq: "doctor@east.demo" } }) { nodes { id } } customers(paging: { limit: 2 }) { nodes { id } } }');
    const item = await createTestItem(owner, { code: 'BRW-CBC', name: '血常规（看板）', priceCents: 8000, turnaroundDays: 3 });
    orders = [];
    for (const customer of setup.customers.nodes) {
      const res = await prescribe(owner, { customerId: customer.id, doctorId: setup.staffUsers.nodes[0]!.id, testItemIds: [item.id] });
      orders.push(res.body.data!.prescribeTests);
    }
    // The second one sampled long ago: its report is overdue.
    await mustStep(owner, orders[1]!, 'ship_kit');
    await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => em.execute(`update test_order set expected_report_on = '2020-01-06' where id = ?`, [orders[1]!.id]));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows each test order at its step, highlights the overdue report, and takes steps', async () => {
    const page = await signInPage(browser, app, 'owner@east.demo');
    await page.goto('/journey');
    await page.getByTestId('journey-board').waitFor();
    const row = (i: number) => page.locator('tr', { hasText: orders[i]!.testOrderNo });
    await row(0).waitFor();
    expect(await row(0).getByTestId('journey-state').innerText()).toBe('已开单');
    expect(await row(1).getByTestId('journey-state').innerText()).toBe('采样中');
    expect(await row(1).getByTestId('journey-overdue').innerText()).toBe('已超期');
    expect(await row(0).getByTestId('journey-overdue').count()).toBe(0);
    await screenshot(page, 'journey-board');

    await row(0).getByTestId('journey-action-ship_kit').click();
    await row(0).getByTestId('journey-state').getByText('采样中').waitFor();

    await row(1).getByTestId('journey-action-reject_sample').click();
    await page.getByTestId('journey-step-text').fill('样本量不足');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await row(1).getByTestId('journey-state').getByText('样本不合格').waitFor();

    const saved = await must<{ testOrder: { state: string; rejectionReason: string } }>(owner, 'query($id: ID!) { testOrder(id: $id) { state rejectionReason } }', { id: orders[1]!.id });
    expect(saved.testOrder).toEqual({ state: 'SAMPLE_REJECTED', rejectionReason: '样本量不足' });
    // Filtered to one step.
    await page.getByTestId('journey-state-filter').click();
    await page.locator('.ant-select-item-option', { hasText: '样本不合格' }).click();
    await row(0).waitFor({ state: 'detached' });
    expect(await row(1).count()).toBe(1);
    await page.close();
  });
});
