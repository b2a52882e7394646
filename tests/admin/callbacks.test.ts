import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { clock, inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { signIn, type Caller } from '../support/actors';
import { startTestApp, type TestApp } from '../support/app';
import { must } from '../inventory/support';
import { answerSurvey, pendingSurvey, sendSurvey } from '../surveys/support';
import { describeInBrowser, launchBrowser, screenshot, signInPage } from './support/browser';

jest.setTimeout(300_000);

/** A calendar date in Shanghai (the demo franchises' zone) for an instant of the clock. */
const shanghaiDate = (at: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(at);

interface Question { key: string; kind: string; required: boolean; options: { value: string }[] }

/**
 * The callback and satisfaction pages (回访与满意度) in the panel: an agent opens a callback due
 * today from the desk, sees the customer's card and timeline, records the questionnaire's answers
 * and the outcome, and raises a case from the call in one action (the case exists, linked); a
 * supervisor's satisfaction page shows the API's figures, and its export has the chart's numbers.
 */
describeInBrowser('callback and satisfaction pages', () => {
  let app: TestApp;
  let browser: Browser;
  let agent: Caller;
  let supervisor: Caller;
  let franchiseId: string;
  let agentId: string;
  let customer: { id: string; name: string; orgUnitId: string };
  let taskId: string;

  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => em.execute<T[]>(query, params));

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    [agent, supervisor] = await Promise.all([signIn(app, 'agent@east.demo'), signIn(app, 'supervisor@east.demo')]);
    const me = (await must<{ me: { user: { id: string; franchiseId: string } } }>(agent, '{ me { user { id franchiseId } } }')).me.user;
    [agentId, franchiseId] = [me.id, me.franchiseId];
    customer = (await must<{ customers: { nodes: { id: string; name: string; orgUnitId: string; consentPhone: boolean }[] } }>(agent, '{ customers(filter: { status: { eq: ACTIVE } }, paging: { limit: 50 }, sorting: [{ field: recordNo, direction: DESC }]) { nodes { id name orgUnitId consentPhone } } }')).customers.nodes.find((c) => c.consentPhone)!;
    // A callback due today (the plan job's output; the rules' dates are tested in tests/surveys/callbacks.test.ts).
    [{ id: taskId }] = (await sql<{ id: string }>(
      `insert into callback_task (id, franchise_id, version, created_at, updated_at, customer_id, kind, purpose_key, title, org_unit_id, due_date, status, attempts)
       values (gen_random_uuid(), ?, 1, now(), now(), ?, 'NEW_MEMBER', 'browser-test', '新会员一周内回访（浏览器测试）', ?, ?, 'OPEN', 0) returning id`,
      [franchiseId, customer.id, customer.orgUnitId, shanghaiDate(clock.now())],
    )) as [{ id: string }];
    // Known answers for the figures: the agent's service rated 5, 4 and 1, one sent and not answered.
    for (const rating of [5, 4, 1, null]) {
      const id = await pendingSurvey(app, { franchiseId, customerId: customer.id, staffId: agentId, orgUnitId: customer.orgUnitId });
      const sent = await sendSurvey(supervisor, id, 'SMS');
      if (rating !== null) expect((await answerSurvey(supervisor, { id, version: sent.version, answers: [{ questionKey: 'overall', value: rating }] })).body.errors).toBeUndefined();
    }
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('an agent works a callback from the desk: answers, outcome, and a case raised from the call, linked', async () => {
    const { callbackTask } = await must<{ callbackTask: { questionnaire: { questions: Question[] } } }>(agent, 'query($id: ID!) { callbackTask(id: $id) { questionnaire { questions { key kind required options { value } } } } }', { id: taskId });
    const questions = callbackTask.questionnaire.questions;
    const page = await signInPage(browser, app, 'agent@east.demo');
    await page.goto(`/callbacks?kind=NEW_MEMBER&storeId=${customer.orgUnitId}`);
    const row = page.locator(`[data-testid="callback-row"][data-id="${taskId}"]`);
    await row.waitFor();
    expect(await page.locator('body').innerText()).toContain('回访工作台');
    expect(await row.innerText()).toContain(customer.name);
    await row.click();
    const drawer = page.getByTestId('callback-drawer');
    await drawer.getByTestId('questionnaire').waitFor();
    expect(await drawer.getByTestId('callback-customer').innerText()).toContain(customer.name);
    await drawer.getByTestId('customer-timeline').waitFor();

    // A required question left out is refused on the page, before anything is sent.
    await drawer.getByTestId('callback-submit').click();
    expect(await drawer.innerText()).toContain('此题必答');

    // Each question by its kind: ratings 2 (dissatisfied), NPS 3, the first option, "no", some text.
    for (const q of questions) {
      const input = drawer.getByTestId(`answer-${q.key}`);
      if (q.kind === 'RATING') await input.getByText('2', { exact: true }).click();
      else if (q.kind === 'NPS') await input.getByText('3', { exact: true }).click();
      else if (q.kind === 'YES_NO') await input.getByText('否', { exact: true }).click();
      else if (q.kind === 'SINGLE_CHOICE' || q.kind === 'MULTIPLE_CHOICE') await input.locator('input').first().check();
      else await input.fill('药师解释得不够清楚');
    }
    await drawer.getByTestId('callback-suggestion').fill('希望送药更快一些');
    await drawer.getByTestId('callback-outcome').getByText('已完成回访').click();
    await drawer.getByTestId('callback-submit').click();
    await drawer.locator('[data-testid="callback-status"][data-status="COMPLETED"]').first().waitFor();
    await screenshot(page, 'callback-desk-completed');

    // A new problem heard on the call: a case in one action, linked to the callback.
    await drawer.getByTestId('raise-case').click();
    await drawer.getByTestId('case-subject').fill('回访中客户反映送药延迟');
    await drawer.getByTestId('case-description').fill('客户在回访中反映上次送药晚了两天，希望核实原因。');
    await drawer.getByTestId('raise-case-submit').click();
    await drawer.getByTestId('callback-case-link').waitFor();

    const saved = await must<{ callbackTask: { status: string; caseId: string; attempts: number; survey: { rating: number | null; npsScore: number | null; suggestion: string; answers: { questionKey: string }[] } } }>(
      agent, 'query($id: ID!) { callbackTask(id: $id) { status caseId attempts survey { rating npsScore suggestion answers { questionKey } } } }', { id: taskId });
    expect(saved.callbackTask).toMatchObject({ status: 'COMPLETED', attempts: 1, survey: { suggestion: '希望送药更快一些' } });
    expect(saved.callbackTask.survey.answers.map((a) => a.questionKey).sort()).toEqual(questions.map((q) => q.key).sort());
    if (questions.some((q) => q.kind === 'RATING')) expect(saved.callbackTask.survey.rating).toBe(2);
    const { case: raised } = await must<{ case: { subject: string; customerId: string; tags: string[] } }>(agent, 'query($id: ID!) { case(id: $id) { subject customerId tags } }', { id: saved.callbackTask.caseId });
    expect(raised).toMatchObject({ subject: '回访中客户反映送药延迟', customerId: customer.id });
    expect(raised.tags).toContain('callback');
    // The link opens the case.
    await drawer.getByTestId('callback-case-link').click();
    await page.waitForURL(new RegExp(`/cases/show/${saved.callbackTask.caseId}`));
    await page.context().close();
  });

  it('the satisfaction page shows the API’s figures by agent, and its export has the chart’s numbers', async () => {
    const page = await signInPage(browser, app, 'supervisor@east.demo');
    await page.goto('/surveys/figures');
    await page.getByTestId('figures-definitions').waitFor();
    await page.getByTestId('figures-group').getByText('坐席', { exact: true }).click();
    const chart = page.getByTestId('figures-chart');
    await page.waitForFunction(() => {
      const el = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector('[data-testid="figures-chart"]');
      return !!el && (el.getAttribute('data-labels') ?? '').includes('"');
    });
    // The period on screen (the last six months to today in the franchise's zone, by default).
    const definitions = page.getByTestId('figures-definitions');
    const [from, to] = [await definitions.getAttribute('data-from'), await definitions.getAttribute('data-to')];
    expect(to).toBe(shanghaiDate(clock.now()));
    const api = (await must<{ satisfactionFigures: { groups: { key: string; label: string; satisfactionRate: number | null; dissatisfactionRate: number | null; rated: number }[] } }>(
      supervisor, 'query($i: SatisfactionFiguresInput!) { satisfactionFigures(input: $i) { groups { key label satisfactionRate dissatisfactionRate rated } } }', { i: { from, to, groupBy: 'AGENT' } })).satisfactionFigures.groups;
    const labels = JSON.parse((await chart.getAttribute('data-labels'))!) as string[];
    const satisfaction = JSON.parse((await chart.getAttribute('data-satisfaction'))!) as (number | null)[];
    const dissatisfaction = JSON.parse((await chart.getAttribute('data-dissatisfaction'))!) as (number | null)[];
    const pct = (v: number | null) => (v == null ? null : Math.round(v * 1000) / 10);
    // The chart is the API's figures.
    expect(satisfaction).toEqual(api.map((g) => pct(g.satisfactionRate)));
    expect(dissatisfaction).toEqual(api.map((g) => pct(g.dissatisfactionRate)));
    // The agent's row holds the known answers (5, 4, 1) and the call's 2: 2 of 4 satisfied, 2 of 4 dissatisfied.
    const mine = api.find((g) => g.key === agentId)!;
    expect(mine.rated).toBeGreaterThanOrEqual(3);
    expect(labels).toContain(mine.label);
    await screenshot(page, 'satisfaction-figures');

    const download = page.waitForEvent('download');
    await page.getByTestId('figures-export').hover();
    await page.locator('.ant-dropdown:visible').getByText('导出 CSV').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^满意度统计-.*\.csv$/);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'figures-')), file.suggestedFilename());
    await file.saveAs(saved);
    const lines = fs.readFileSync(saved, 'utf8').replace(/^\uFEFF/, '').split('\r\n').map((l) => l.split(','));
    const header = lines[0]!;
    expect(header.slice(0, 4)).toEqual(['坐席', '发出', '已回复', '回复率']);
    const body = lines.slice(1, 1 + labels.length);
    const column = (title: string) => body.map((r) => r[header.indexOf(title)]!).map((v) => (v === '—' ? null : Number.parseFloat(v)));
    expect(body.map((r) => r[0])).toEqual(labels);
    expect(column('满意率')).toEqual(satisfaction);
    expect(column('不满意率')).toEqual(dissatisfaction);
    expect(lines[1 + labels.length]![0]).toBe('合计');
    await page.context().close();
  });
});
