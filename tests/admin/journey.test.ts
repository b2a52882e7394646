import type { Browser } from 'playwright-core';
import { inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { must } from '../inventory/support';
import { createTestItem, mustStep, postLabReport, prescribe } from '../journey/support';
import { chooseOption, describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

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
  let customer: { id: string; name: string };
  let doctor: { id: string; displayName: string };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    owner = await signIn(app, 'owner@east.demo');
    const setup = await must<{ staffUsers: { nodes: { id: string; displayName: string }[] }; customers: { nodes: { id: string; name: string }[] } }>(owner, '{ staffUsers(filter: { email: { eq: "doctor@east.demo" } }) { nodes { id displayName } } customers(paging: { limit: 2 }) { nodes { id name } } }');
    customer = setup.customers.nodes[0]!;
    doctor = setup.staffUsers.nodes[0]!;
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
    await chooseOption(page, page.getByTestId('journey-state-filter'), '样本不合格');
    await row(0).waitFor({ state: 'detached' });
    expect(await row(1).count()).toBe(1);
    await page.close();
  });

  it('prescribes from the form at the total shown, prints the sheet, and releases the lab report from the review page', async () => {
    const page = await signInPage(browser, app, 'owner@east.demo');
    await page.goto('/journey');
    await page.getByTestId('journey-new').click();
    await page.getByTestId('prescribe-tests').waitFor();
    const field = (label: string) => page.locator('.ant-form-item', { has: page.locator('label', { hasText: label }) }).locator('.ant-select');
    await chooseOption(page, field('客户'), customer.name, { search: customer.name.slice(0, 2) });
    await chooseOption(page, field('医生'), doctor.displayName);
    await chooseOption(page, field('选择检测项目'), '血常规（看板）');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('prescribe-total').innerText()).toContain('¥80.00');
    await page.getByTestId('prescribe-submit').click();

    // The sheet for the customer's signature: the order the API made, at the total shown.
    await page.getByTestId('test-order-sheet').waitFor();
    await page.getByTestId('sheet-no').waitFor();
    const made = await must<{ testOrders: { nodes: { id: string; version: number; testOrderNo: string; totalCents: number; customerId: string; doctorId: string }[] } }>(owner, '{ testOrders(paging: { limit: 1 }) { nodes { id version testOrderNo totalCents customerId doctorId } } }');
    const order = made.testOrders.nodes[0]!;
    expect(order).toMatchObject({ totalCents: 8000, customerId: customer.id, doctorId: doctor.id });
    expect(await page.getByTestId('sheet-no').innerText()).toBe(order.testOrderNo);
    expect(await page.getByTestId('sheet-total').innerText()).toBe('¥80.00');
    expect(await page.getByText('客户签名').count()).toBe(1);
    await screenshot(page, 'journey-test-order-sheet');

    // Sampled, accepted and reported by the lab: then the consulting department's review.
    let next = await mustStep(owner, order, 'ship_kit');
    next = await mustStep(owner, next, 'accept_sample');
    const posted = await postLabReport(owner, { testOrderId: order.id, labReportId: 'LAB-BRW-0001', results: [{ code: 'WBC', name: '白细胞', value: '11.2', unit: '10^9/L', referenceRange: '3.5-9.5', flag: 'H' }], files: [{ name: '报告.pdf', url: 'https://lab.example.com/r/LAB-BRW-0001.pdf' }] });
    expect(posted.body.errors).toBeUndefined();
    await page.goto('/journey/review');
    const row = page.locator('tr', { hasText: order.testOrderNo });
    await row.getByTestId('review-state').getByText('报告已回传').waitFor();
    await page.getByText('白细胞').waitFor();
    expect(await page.getByText('偏高').count()).toBeGreaterThan(0);
    await row.getByTestId('journey-action-start_review').click();
    await row.getByTestId('review-state').getByText('报告审核中').waitFor();
    await screenshot(page, 'journey-report-review');
    await row.getByTestId('journey-action-release').click();
    await row.waitFor({ state: 'detached' });
    const released = await must<{ testOrder: { state: string; releasedAt: string | null } }>(owner, 'query($id: ID!) { testOrder(id: $id) { state releasedAt } }', { id: order.id });
    expect(released.testOrder.state).toBe('RELEASED');
    expect(released.testOrder.releasedAt).not.toBeNull();
    await page.close();
  });
});
