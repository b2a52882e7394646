import type { Browser, Locator, Page } from 'playwright-core';
import { clock } from '@pharmadesk/api';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { must } from '../inventory/support';
import { chooseOption, describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

jest.setTimeout(300_000);

/** Clicks the option holding `text` in the open antd Select dropdown (the plan's customer search, emptied once a customer is picked: the customer's tag shows the pick). */
async function pick(page: Page, text: string) {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** The input of an antd DatePicker marked with a test id (the id lands on the input or on its wrapper). */
async function pickerInput(marked: Locator): Promise<Locator> {
  return (await marked.evaluate((e) => e.tagName)) === 'INPUT' ? marked : marked.locator('input');
}

/**
 * Outbound plans through the panel (real Chromium): the supervisor makes a plan for one customer
 * and the agent; the agent records the call on 我的外呼任务 (not interested, the price); the
 * plan's progress page shows it done and reached, with the reason.
 */
describeInBrowser('outbound plans: plan, work, progress', () => {
  let app: TestApp;
  let browser: Browser;
  let supervisorApi: Caller;
  let agentName: string;
  let customer: { id: string; name: string; recordNo: string };

  beforeAll(async () => {
    // The clock runs (the agent's call ends at the server's now, a frozen clock would put it in the future); the deadline is ten days on.
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    supervisorApi = await signIn(app, 'supervisor@east.demo');
    agentName = (await must<{ staffUsers: { nodes: { displayName: string }[] } }>(supervisorApi, '{ staffUsers(filter: { email: { eq: "agent@east.demo" } }) { nodes { displayName } } }')).staffUsers.nodes[0]!.displayName;
    customer = (await must<{ customers: { nodes: { id: string; name: string; recordNo: string }[] } }>(supervisorApi, '{ customers(paging: { limit: 1 }, sorting: [{ field: createdAt, direction: ASC }]) { nodes { id name recordNo } } }')).customers.nodes[0]!;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the supervisor makes a plan, the agent records a call with the reason for no interest, the progress page counts it', async () => {
    const supervisor = await signInPage(browser, app, 'supervisor@east.demo');
    await supervisor.goto('/calls/outbound');
    await supervisor.getByTestId('plan-new').click();
    await supervisor.getByTestId('plan-name').fill('春季会员关怀');
    await supervisor.getByTestId('plan-goal').fill('确认会员用药情况并介绍新品');
    await chooseOption(supervisor, supervisor.getByTestId('plan-assignees'), agentName);
    await supervisor.keyboard.press('Escape');
    const deadline = await pickerInput(supervisor.getByTestId('plan-deadline'));
    await deadline.click();
    await deadline.fill(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(clock.now().getTime() + 10 * 86_400_000)));
    await deadline.press('Enter');
    await supervisor.getByTestId('plan-customer-search').locator('.ant-select').click();
    await supervisor.keyboard.type(customer.name);
    await pick(supervisor, customer.recordNo);
    await supervisor.getByTestId('plan-customer').first().waitFor();
    await screenshot(supervisor, 'outbound-plan-new');
    await supervisor.getByTestId('plan-submit').click();
    const row = supervisor.locator('[data-testid="plan-row"]', { hasText: '春季会员关怀' });
    await row.waitFor();
    expect(await row.innerText()).toContain('关系维护');
    const planId = (await row.getAttribute('data-id'))!;
    const plan = (await must<{ outboundPlan: { targetCount: number; deadline: string } }>(supervisorApi, 'query($id: ID!) { outboundPlan(id: $id) { targetCount deadline } }', { id: planId })).outboundPlan;
    expect(plan.targetCount).toBe(1);

    // The agent's task: not interested because of the price, recorded with the call.
    const agent = await signInPage(browser, app, 'agent@east.demo');
    await agent.goto('/calls/outbound/mine');
    const task = agent.locator('[data-testid="task-row"]', { hasText: '春季会员关怀' });
    await task.waitFor();
    expect(await task.innerText()).toContain(customer.name);
    await task.getByTestId('task-work').click();
    await chooseOption(agent, agent.getByTestId('task-outcome-select'), '无意向');
    await chooseOption(agent, agent.getByTestId('task-reason'), '价格原因');
    await agent.getByTestId('task-note').fill('觉得新品太贵');
    await screenshot(agent, 'outbound-task-record');
    await agent.getByTestId('task-submit').click();
    await task.waitFor({ state: 'detached' });
    await agent.getByTestId('tasks-show-done').click();
    await agent.locator('[data-testid="task-row"]', { hasText: '春季会员关怀' }).getByTestId('task-outcome').getByText('无意向 · 价格原因').waitFor();

    // The plan's progress: done and reached, not converted, the reason counted.
    await supervisor.getByTestId('plan-link').filter({ hasText: '春季会员关怀' }).click();
    await supervisor.getByTestId('plan-totals').waitFor();
    const agentRow = supervisor.getByTestId('plan-agent-row');
    await agentRow.getByTestId('agent-done').getByText('1').waitFor();
    expect(await agentRow.getByTestId('agent-reached').innerText()).toBe('1');
    expect(await agentRow.getByTestId('agent-converted').innerText()).toBe('0');
    expect(await supervisor.locator('.ant-tag', { hasText: '价格原因' }).innerText()).toContain('1');
    await screenshot(supervisor, 'outbound-progress');
    const tasks = (await must<{ outboundTasks: { nodes: { outcome: string; noInterestReason: string; call: { direction: string; customerId: string } } [] } }>(supervisorApi, 'query($p: ID!) { outboundTasks(filter: { planId: { eq: $p } }) { nodes { outcome noInterestReason call { direction customerId } } } }', { p: planId })).outboundTasks.nodes;
    expect(tasks).toEqual([{ outcome: 'NOT_INTERESTED', noInterestReason: 'PRICE', call: { direction: 'OUTBOUND', customerId: customer.id } }]);
  });
});
