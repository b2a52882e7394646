import type { Browser } from 'playwright-core';
import { clock, inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { describeInBrowser, launchChromium, screenshot } from './support/browser';

jest.setTimeout(180_000);

/**
 * The public survey page on a phone (390×844, touch): a customer opens the link from their
 * message, answers in Chinese, submits once, and the answer shows in the franchise's figures;
 * opening the link again says it was already answered.
 */
describeInBrowser('the public survey page on a phone', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: Caller;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchChromium();
    owner = await signIn(app, 'owner@east.demo');
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await browser?.close();
    await app?.stop();
  });

  it('is answered on a phone-sized viewport and the answer reaches the figures', async () => {
    clock.freezeAt('2031-09-15T10:00:00+08:00');
    const customer = (await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }')).customers.nodes[0]!;
    const template = (
      await must<{ createSurveyTemplate: { id: string } }>(owner, 'mutation { createSurveyTemplate(input: { code: "phone-page", name: "九月在线回访", purpose: GENERAL, questions: [{ key: "overall", kind: RATING, text: "您对我们服务的总体满意度", required: true, satisfaction: true }, { key: "again", kind: YES_NO, text: "您还会再来吗", required: true }, { key: "topics", kind: MULTIPLE_CHOICE, text: "您希望我们改进", options: [{ value: "price", label: "价格" }, { value: "wait", label: "等候时间" }] }] }) { id } }')
    ).createSurveyTemplate;
    const sent = await must<{ sendSurveyLink: { id: string } }>(owner, 'mutation($c: ID!, $t: ID!) { sendSurveyLink(input: { customerId: $c, templateId: $t }) { id } }', { c: customer.id, t: template.id });
    const [message] = await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) =>
      em.execute<{ body: string }[]>(`select body from notification_message where kind = 'survey.link' and ref_id = ? order by created_at desc limit 1`, [sent.sendSurveyLink.id]),
    );
    const path = /\/s\/[A-Za-z0-9_-]+/.exec(message!.body)![0];

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', baseURL: app.url });
    const page = await context.newPage();
    await page.goto(path);
    await page.getByRole('heading', { name: '满意度调查' }).waitFor();
    // Fits the phone: nothing wider than the screen.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'survey-page-phone');

    // Submitting without the required answers names them.
    await page.getByRole('button', { name: '提交' }).tap();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('“您对我们服务的总体满意度”为必答题');

    const overall = page.getByRole('group', { name: /您对我们服务的总体满意度/ });
    await overall.getByText('4', { exact: true }).tap();
    await page.getByRole('group', { name: /您还会再来吗/ }).getByText('是', { exact: true }).tap();
    await page.getByRole('group', { name: /您希望我们改进/ }).getByText('等候时间').tap();
    await page.getByLabel('您的意见和建议（选填）').fill('药师讲解很耐心');
    await page.getByRole('button', { name: '提交' }).tap();
    await page.getByText('提交成功，感谢您的评价！').waitFor();
    await screenshot(page, 'survey-page-phone-thanks');

    // The answer is in the figures (answered online, satisfied), and the link now says it was used.
    const figures = await must<{ satisfactionFigures: { groups: { key: string; sent: number; answered: number; satisfied: number }[] } }>(owner, 'query { satisfactionFigures(input: { from: "2031-09-01", to: "2031-09-30", groupBy: CHANNEL }) { groups { key sent answered satisfied } } }');
    expect(figures.satisfactionFigures.groups).toContainEqual({ key: 'ONLINE', sent: 1, answered: 1, satisfied: 1 });
    const [row] = await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => em.execute<{ rating: number; suggestion: string; answers: { questionKey: string; choices: string[] | null }[] }[]>('select rating, suggestion, answers from satisfaction_request where id = ?', [sent.sendSurveyLink.id]));
    expect(row).toMatchObject({ rating: 4, suggestion: '药师讲解很耐心' });
    expect(row!.answers.find((a) => a.questionKey === 'topics')!.choices).toEqual(['wait']);
    await page.goto(path);
    await page.getByRole('heading', { name: '问卷已提交' }).waitFor();
    await context.close();
  });
});
