import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { chooseOption, describeInBrowser, launchBrowser, signInPage } from './support/browser';

/**
 * Every case workflow action through the panel, as the people allowed to take it: both
 * workflows to resolved and closed, every dialog (propose, reopen, cancel, ask, answer,
 * escalate, assign) and the refund-approval plugin's approval state. Each step must give its
 * own notice and leave the case in the state the chip shows.
 */
jest.setTimeout(180_000);

describeInBrowser('case workflow actions in the browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function openCase(input: Record<string, unknown>, as = 'agent@east.demo'): Promise<{ id: string; caseNo: string }> {
    const caller = await signIn(app, as);
    const created = await caller.graphql<{ createOneCase: { id: string; caseNo: string } }>(`mutation($c: CaseInput!) { createOneCase(input: { case: $c }) { id caseNo } }`, { c: input });
    expect(created.body.errors).toBeUndefined();
    return created.body.data!.createOneCase;
  }

  // Picks an option of a select in the action dialog until the choice shows (under load a click can beat the dropdown's opening, or be lost while the dialog opens).
  const pickOption = (page: Page, field: string, text: string) => chooseOption(page, page.getByTestId('action-dialog').getByTestId(`field-${field}`), text);
  const pickSolution = (page: Page, text: string) => pickOption(page, 'solutionType', text);
  // Waits for the success message; without it, says what the page showed instead (an error, a form problem).
  const notice = (page: Page, text: string) =>
    page.locator('.ant-message-notice', { hasText: text }).first().waitFor({ timeout: 30_000 }).catch(async (error: Error) => {
      const shown = await page.locator('.ant-notification-notice, .ant-form-item-explain-error, .ant-message-notice, .ant-modal-title').allInnerTexts();
      throw new Error(`${error.message}\nshown instead: ${JSON.stringify(shown)}`);
    });
  const stateIs = async (page: Page, text: string) => {
    await page.locator('[data-testid="case-state"]', { hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: 15_000 });
  };

  /** Clicks an action; fills its dialog (text fields by name, selects by option text); waits for the notice and the new state. */
  async function act(page: Page, action: string, expect: { notice: string; state: string }, fields: Record<string, string> = {}, selects: Record<string, string> = {}) {
    if (Object.keys(fields).length || Object.keys(selects).length) {
      // A click that lands while a reloaded page is still rendering its actions opens nothing: click again.
      for (let attempt = 1; ; attempt++) {
        await page.getByTestId(`action-${action}`).click();
        const opened = await page.getByTestId('action-dialog').waitFor({ timeout: 10_000 }).then(() => true, () => false);
        if (opened) break;
        if (attempt === 3) throw new Error(`the ${action} dialog did not open`);
      }
      for (const [name, option] of Object.entries(selects)) await pickOption(page, name, option);
      for (const [name, value] of Object.entries(fields)) await page.getByTestId(`field-${name}`).fill(value);
      await page.getByTestId('action-dialog-ok').click();
    } else await page.getByTestId(`action-${action}`).click();
    await notice(page, expect.notice);
    await stateIs(page, expect.state);
  }

  it('takes a complaint from new to closed as its agent, through every dialog, with a reopen on the way', async () => {
    const { id } = await openCase({ type: 'COMPLAINT', channel: 'PHONE', category: 'DELIVERY_DAMAGED', priority: 'HIGH', subject: '浏览器流程：药盒破损', description: '收到时外包装破损' });
    const page = await signInPage(browser, app, 'agent@east.demo');
    await page.goto(`/cases/show/${id}`);
    await stateIs(page, '待受理');

    await act(page, 'accept', { notice: '已受理', state: '已受理' });
    await act(page, 'start_investigation', { notice: '已开始调查', state: '调查中' });

    // An empty dialog says what is missing under each field and sends nothing.
    await page.getByTestId('action-propose_solution').click();
    await page.getByTestId('action-dialog-ok').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '请填写解决方式' }).waitFor();
    await page.locator('.ant-form-item-explain-error', { hasText: '请填写方案说明' }).waitFor();
    // A compensation without an amount: the API refuses and the reason shows under 金额, in Chinese.
    await pickSolution(page, '补偿');
    await page.getByTestId('field-solutionNote').fill('补偿 20 元优惠券');
    await page.getByTestId('action-dialog-ok').click();
    const amountError = page.locator('.ant-form-item', { has: page.getByTestId('field-solutionAmount') }).locator('.ant-form-item-explain-error');
    await amountError.waitFor({ timeout: 30_000 }); // the API's answer, on a busy machine
    expect(await amountError.innerText()).toContain('金额');
    await page.getByTestId('field-solutionAmount').fill('20');
    await page.getByTestId('action-dialog-ok').click();
    await notice(page, '方案已提出');
    await stateIs(page, '已提出方案');

    await act(page, 'request_confirmation', { notice: '已请客户确认', state: '待客户确认' });
    await act(page, 'reopen', { notice: '工单已重新打开', state: '调查中' }, { reason: '客户不接受优惠券' });
    await act(page, 'propose_solution', { notice: '方案已提出', state: '已提出方案' }, { solutionNote: '为客户换一盒新药' }, { solutionType: '换货' });
    await act(page, 'request_confirmation', { notice: '已请客户确认', state: '待客户确认' });
    await act(page, 'resolve', { notice: '工单已解决', state: '已解决' });
    await act(page, 'close', { notice: '工单已关闭', state: '已关闭' });

    const timeline = await page.getByTestId('case-timeline').innerText();
    expect(timeline).toContain('已受理 → 调查中');
    expect(timeline).not.toMatch(/\b(NEW|ACCEPTED|INVESTIGATING)\b/);
    const agent = await signIn(app, 'agent@east.demo');
    const after = await agent.graphql<{ case: { state: string; solutionType: string; reopenCount: number } }>(`query($id: ID!) { case(id: $id) { state solutionType reopenCount } }`, { id });
    expect(after.body.data!.case).toMatchObject({ state: 'CLOSED', solutionType: 'REPLACE', reopenCount: 1 });
    await page.context().close();
  });

  it('cancels a new complaint with a reason (the 取消工单 dialog)', async () => {
    const { id } = await openCase({ type: 'COMPLAINT', channel: 'PHONE', category: 'OTHER', priority: 'NORMAL', subject: '浏览器流程：重复来电', description: '同一问题已有工单' });
    const page = await signInPage(browser, app, 'agent@east.demo');
    await page.goto(`/cases/show/${id}`);
    await act(page, 'cancel', { notice: '工单已取消', state: '已关闭' }, { reason: '重复工单' });
    await page.context().close();
  });

  it('takes a consultation from new to closed: ask for information, record it, answer, reopen, answer, resolve, close', async () => {
    const { id } = await openCase({ type: 'CONSULTATION', channel: 'ONLINE_CHAT', priority: 'NORMAL', subject: '浏览器流程：会员积分', description: '积分什么时候到账' });
    const page = await signInPage(browser, app, 'agent@east.demo');
    await page.goto(`/cases/show/${id}`);
    // Claiming first (the agent owns it), then accepting.
    await page.getByTestId('action-claim').click();
    await notice(page, '已认领');
    await page.getByTestId('case-owner').filter({ hasNotText: '未分配' }).waitFor();
    await act(page, 'accept', { notice: '已受理', state: '已受理' });
    await act(page, 'request_info', { notice: '已请客户补充信息', state: '待客户补充' }, { question: '请提供订单号' });
    await act(page, 'receive_info', { notice: '已记录客户补充信息', state: '已受理' });
    await act(page, 'answer', { notice: '已答复客户', state: '已答复待确认' }, { answer: '积分在确认收货后 24 小时内到账' });
    await act(page, 'reopen', { notice: '工单已重新打开', state: '已受理' }, { reason: '客户说两天还没到账' });
    await act(page, 'answer', { notice: '已答复客户', state: '已答复待确认' }, { answer: '已为您手动补发积分' });
    await act(page, 'resolve', { notice: '工单已解决', state: '已解决' });
    await act(page, 'close', { notice: '工单已关闭', state: '已关闭' });
    await page.context().close();
  });

  it('escalates and assigns as the supervisor, each with its own dialog and notice', async () => {
    const { id } = await openCase({ type: 'COMPLAINT', channel: 'PHONE', category: 'SERVICE_ATTITUDE', priority: 'URGENT', subject: '浏览器流程：服务态度', description: '店员态度差' });
    const page = await signInPage(browser, app, 'supervisor@east.demo');
    await page.goto(`/cases/show/${id}`);
    await page.getByTestId('action-escalate').click();
    // The dialog's form first (its field is there once the modal has opened), then OK without a reason.
    await page.getByTestId('field-reason').waitFor();
    await page.getByTestId('action-dialog-ok').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '请填写升级原因' }).waitFor();
    await page.getByTestId('field-reason').fill('客户要求主管处理');
    await page.getByTestId('action-dialog-ok').click();
    await notice(page, '已升级至主管');

    await page.getByTestId('action-assign').click();
    // The first staff member offered (the select opened again if a click was lost while the dialog opened), picked until the select shows it.
    const assignee = page.getByTestId('action-dialog').locator('.ant-select');
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    for (let attempt = 1; ; attempt++) {
      if (!(await assignee.getAttribute('class'))?.split(/\s+/).includes('ant-select-open')) await assignee.click();
      if (await option.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
      if (attempt === 4) throw new Error('the assign dialog offered no one to assign');
    }
    const name = (await option.innerText()).trim();
    await chooseOption(page, assignee, name);
    await page.getByTestId('action-dialog-ok').click();
    await notice(page, `已分配给 ${name}`);
    await page.getByTestId('case-owner').filter({ hasText: name }).waitFor();
    await page.context().close();
  });

  it('sends a refund above the threshold to approval (refund-approval plugin): the agent cannot approve; the supervisor rejects one and approves the next', async () => {
    const { id } = await openCase({ type: 'COMPLAINT', channel: 'PHONE', category: 'DRUG_SPOILED', priority: 'HIGH', subject: '浏览器流程：药品变质退款', description: '开封即变色' });
    const agentPage = await signInPage(browser, app, 'agent@east.demo');
    await agentPage.goto(`/cases/show/${id}`);
    await act(agentPage, 'accept', { notice: '已受理', state: '已受理' });
    await act(agentPage, 'start_investigation', { notice: '已开始调查', state: '调查中' });
    await agentPage.getByTestId('action-propose_solution').click();
    await pickSolution(agentPage, '退款');
    await agentPage.getByTestId('field-solutionNote').fill('全额退款');
    await agentPage.getByTestId('field-solutionAmount').fill('800');
    await agentPage.getByTestId('action-dialog-ok').click();
    await notice(agentPage, '方案已提出');
    await stateIs(agentPage, '待退款审批');
    expect(await agentPage.getByTestId('action-approve_refund').count()).toBe(0);

    const supervisor = await signInPage(browser, app, 'supervisor@east.demo');
    await supervisor.goto(`/cases/show/${id}`);
    await stateIs(supervisor, '待退款审批');
    await act(supervisor, 'reject_refund', { notice: '退款已驳回', state: '调查中' }, { reason: '请先核实批号' });

    await agentPage.reload();
    await act(agentPage, 'propose_solution', { notice: '方案已提出', state: '待退款审批' }, { solutionNote: '核实后全额退款', solutionAmount: '800' }, { solutionType: '退款' });
    await supervisor.reload();
    await act(supervisor, 'approve_refund', { notice: '退款已批准', state: '已提出方案' });
    await agentPage.context().close();
    await supervisor.context().close();
  });
});
