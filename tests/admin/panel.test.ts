import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { describeInBrowser, launchBrowser, screenshot, signInPage, type BrowserGlobals } from './support/browser';

/**
 * The admin panel in a real Chromium against the real app on the demo data: what a supervisor,
 * an agent and another franchise's owner see and can do.
 */
jest.setTimeout(60_000);

describeInBrowser('admin panel in the browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const card = (page: Page, caseNo: string) => page.locator(`[data-testid="board-card"][data-case-no="${caseNo}"]`);

  it('shows the supervisor a live board: a case opened through the API appears without reload, and can be claimed', async () => {
    const page = await signInPage(browser, app, 'supervisor@east.demo');
    await page.getByRole('menuitem', { name: '实时队列' }).click();
    await page.getByTestId('queue-board').waitFor();
    await page.getByTestId('board-card').first().waitFor();
    expect(await page.getByTestId('board-column').count()).toBeGreaterThanOrEqual(3);
    await page.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));

    const agent = await signIn(app, 'agent@east.demo');
    const created = await agent.graphql<{ createOneCase: { id: string; caseNo: string } }>(
      `mutation($c: CaseInput!) { createOneCase(input: { case: $c }) { id caseNo } }`,
      { c: { type: 'COMPLAINT', channel: 'PHONE', category: 'DELIVERY_LATE', priority: 'URGENT', subject: '浏览器测试：配送延迟', description: '承诺两小时送达，四小时还没到' } },
    );
    expect(created.body.errors).toBeUndefined();
    const { id, caseNo } = created.body.data!.createOneCase;

    const newCard = card(page, caseNo);
    await newCard.waitFor({ timeout: 10_000 });
    expect(await newCard.innerText()).toContain('浏览器测试：配送延迟');
    expect(await newCard.locator('[data-sla]').getAttribute('data-sla')).toMatch(/ok|warning|breached/);
    expect(await page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await screenshot(page, 'board');

    await newCard.getByTestId('board-claim').click();
    await newCard.getByTestId('board-assignee').waitFor({ timeout: 10_000 });
    expect(await newCard.getByTestId('board-assignee').innerText()).toContain('王丽娟');
    const supervisor = await signIn(app, 'supervisor@east.demo');
    const after = await supervisor.graphql<{ case: { owner: { email: string } | null } }>(`query($id: ID!) { case(id: $id) { owner { email } } }`, { id });
    expect(after.body.data!.case.owner?.email).toBe('supervisor@east.demo');

    // A click on the card opens the case page.
    await newCard.click();
    await page.getByTestId('case-actions').waitFor();
    expect(page.url()).toContain(`/cases/show/${id}`);
    await page.getByTestId('customer-card').waitFor();
    await screenshot(page, 'case');
    await page.context().close();
  });

  it('gives an agent only the actions and pages the permissions allow; the API refuses the rest', async () => {
    const agent = await signIn(app, 'agent@east.demo');
    const listed = await agent.graphql<{ cases: { nodes: { id: string; caseNo: string }[] } }>(`{ cases(filter: { stage: { eq: NEW }, ownerId: { is: null } }, paging: { limit: 1 }) { nodes { id caseNo } } }`);
    const target = listed.body.data!.cases.nodes[0]!;

    const page = await signInPage(browser, app, 'agent@east.demo');
    const menu = await page.locator('.ant-layout-sider').innerText();
    expect(menu).toContain('工单');
    for (const hidden of ['员工', 'API 密钥', '审计日志', '加盟机构', '角色与权限']) expect(menu).not.toContain(hidden);

    await page.goto(`/cases/show/${target.id}`);
    const actions = page.getByTestId('case-actions');
    await actions.waitFor();
    await page.getByTestId('action-accept').waitFor();
    const buttons = await actions.locator('[data-testid^="action-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(buttons.sort()).toEqual(['action-accept', 'action-cancel', 'action-claim', 'action-escalate']);
    expect(buttons).not.toContain('action-assign');

    await page.goto('/audit-logs');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.locator('.ant-table').count()).toBe(0);

    const forced = await agent.graphql(`mutation($id: ID!, $to: ID!) { assignCase(input: { id: $id, staffUserId: $to }) { id } }`, { id: target.id, to: agent.tokens.user.id });
    expect(forced.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await page.context().close();
  });

  it("shows west's owner none of east's data", async () => {
    const eastSupervisor = await signIn(app, 'supervisor@east.demo');
    const east = await eastSupervisor.graphql<{ cases: { nodes: { id: string }[] }; customers: { nodes: { id: string }[] } }>(`{ cases(paging: { limit: 1 }) { nodes { id } } customers(paging: { limit: 1 }) { nodes { id } } }`);
    const eastCaseId = east.body.data!.cases.nodes[0]!.id;
    const eastCustomerId = east.body.data!.customers.nodes[0]!.id;

    const page = await signInPage(browser, app, 'owner@west.demo');
    await page.goto('/board');
    await page.getByTestId('board-card').first().waitFor();
    const boardNumbers = await page.getByTestId('board-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-case-no') ?? ''));
    expect(boardNumbers.length).toBeGreaterThan(0);
    expect(boardNumbers.filter((n) => !n.startsWith('WEST-'))).toEqual([]);

    await page.goto('/customers');
    await page.getByTestId('customer-table').locator('tbody tr.ant-table-row').first().waitFor();
    const records = await page.getByTestId('customer-table').locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    expect(records.filter((r) => r && !r.startsWith('WEST-'))).toEqual([]);

    await page.goto(`/cases/show/${eastCaseId}`);
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('case-actions').count()).toBe(0);
    await page.goto(`/customers/show/${eastCustomerId}`);
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('customer-timeline').count()).toBe(0);

    // A west customer's page, for the record (with PII, as the owner may see it).
    await page.goto('/customers');
    await page.getByTestId('customer-table').locator('tbody tr.ant-table-row').first().locator('button').first().click();
    await page.getByTestId('customer-timeline').waitFor();
    await screenshot(page, 'customer');
    await page.context().close();
  });

  it('lets HQ enable a plugin for a franchise with its options and disable it again; a bad option value is shown under its field', async () => {
    const page = await signInPage(browser, app, 'admin@hq.demo');
    await page.goto('/plugins');
    await page.getByTestId('plugin-franchise').click();
    await page.locator('.ant-select-item-option[title^="华东健康药房"]').click();
    const row = (plugin: string) => page.locator(`tr[data-row-key="${plugin}"]`);
    const status = (plugin: string, enabled: boolean) => row(plugin).locator(`[data-testid="plugin-status"][data-enabled="${enabled}"]`).waitFor({ timeout: 10_000 });
    await status('pharmacist-review', false); // the demo runs it for west only

    await row('pharmacist-review').getByTestId('plugin-enable').click();
    expect(await page.getByTestId('option-includeMedicationConsultations').getAttribute('aria-checked')).toBe('true'); // the option's default
    await page.getByTestId('plugin-options-save').click();
    await status('pharmacist-review', true);
    const hq = await signIn(app, 'admin@hq.demo');
    const franchises = await hq.graphql<{ franchises: { nodes: { id: string; name: string }[] } }>(`{ franchises(paging: { limit: 50 }) { nodes { id name } } }`);
    const east = franchises.body.data!.franchises.nodes.find((f) => f.name.startsWith('华东健康药房'))!.id;
    const enablement = async (plugin: string) => {
      const res = await hq.graphql<{ installedPlugins: { name: string; enablements: { enabled: boolean; options: Record<string, unknown> }[] }[] }>(
        `query($f: ID) { installedPlugins { name enablements(franchiseId: $f) { enabled options } } }`,
        { f: east },
      );
      return res.body.data!.installedPlugins.find((p) => p.name === plugin)!.enablements[0];
    };
    expect(await enablement('pharmacist-review')).toMatchObject({ enabled: true, options: { includeMedicationConsultations: true } });
    await screenshot(page, 'plugins');

    await row('pharmacist-review').getByTestId('plugin-disable').click();
    await page.getByTestId('plugin-disable-confirm').click();
    await status('pharmacist-review', false);
    expect((await enablement('pharmacist-review'))?.enabled).toBe(false);

    // refund-approval's threshold is a number with a minimum of 0: the API refuses -5 and the form shows why under the field.
    await row('refund-approval').getByTestId('plugin-edit').click();
    await page.getByTestId('option-threshold').fill('-5');
    await page.getByTestId('plugin-options-save').click();
    const error = page.locator('.ant-form-item', { has: page.getByTestId('option-threshold') }).locator('.ant-form-item-explain-error');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.innerText()).toContain('不能小于 0');
    expect((await enablement('refund-approval'))?.options).toMatchObject({ threshold: 500 });
    await page.context().close();
  });

  it('switches between Chinese and English', async () => {
    const page = await signInPage(browser, app, 'supervisor@east.demo');
    const sider = page.locator('.ant-layout-sider');
    await sider.getByText('实时队列').waitFor();
    await page.getByTestId('language-switch').click();
    await sider.getByText('Live queue').waitFor();
    expect(await sider.innerText()).toContain('Customers');
    expect(await page.getByTestId('logout').innerText()).toContain('Sign out');
    await page.reload();
    await sider.getByText('Live queue').waitFor();
    await page.getByTestId('language-switch').click();
    await sider.getByText('实时队列').waitFor();
    await page.context().close();
  });

  it('sends the user back to sign-in, saying why, when the session ends elsewhere', async () => {
    const page = await signInPage(browser, app, 'agent2@east.demo');
    await page.goto('/board');
    await page.getByTestId('queue-board').waitFor();
    const token = await page.evaluate(() => JSON.parse((globalThis as unknown as BrowserGlobals).localStorage.getItem('pharmadesk.session')!).accessToken as string);
    const out = await app.graphql<{ logout: boolean }>('mutation { logout }', {}, { authorization: `Bearer ${token}` });
    expect(out.body.data?.logout).toBe(true);
    // The server closes the live socket (4401) and refuses the next request; the tokens cannot be renewed.
    await page.getByTestId('session-expired').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });
});
