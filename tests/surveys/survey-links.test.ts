import { clock, inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, takeFromSubscription, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { pendingSurvey } from './support';

jest.setTimeout(120_000);

/**
 * Online survey links: sent through the customer's notifications, a signed token that expires
 * and works once; the public page /s/<token> (no sign-in) shows the questions of the version
 * the survey was sent with and records the answers through the same service as
 * recordSurveyAnswers. Used, expired, tampered and replaced links are refused with a code; a
 * link never reads or answers another survey (another customer's, another franchise's).
 */
describe('online survey links and the public survey page', () => {
  let app: TestApp;
  let owner: Caller;
  let agent: Caller;
  let westOwner: Caller;
  let east: { franchiseId: string; storeId: string; customers: { id: string; orgUnitId: string; name: string }[] };
  let west: { franchiseId: string; customerId: string; customerName: string };
  let templateId: string;

  const sql = <T>(query: string, params: unknown[] = []) => inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => em.execute<T[]>(query, params));

  /** The link in the last message that carried the survey's link (as the customer receives it). */
  async function linkOf(surveyId: string): Promise<{ url: string; path: string; token: string; channel: string }> {
    const [message] = await sql<{ body: string; channel: string }>(`select body, channel from notification_message where ref_type = 'SatisfactionRequest' and ref_id = ? and kind = 'survey.link' order by created_at desc, id desc limit 1`, [surveyId]);
    const url = /(http\S+\/s\/([A-Za-z0-9_-]+))/.exec(message!.body)!;
    return { url: url[1]!, path: `/s/${url[2]}`, token: url[2]!, channel: message!.channel };
  }

  const sendLink = (caller: Caller, input: Record<string, unknown>) =>
    caller.graphql<{ sendSurveyLink: { id: string; status: string; channel: string; sentAt: string; linkExpiresAt: string; sourceRef: string; customerId: string } }>('mutation($i: SendSurveyLinkInput!) { sendSurveyLink(input: $i) { id status channel sentAt linkExpiresAt sourceRef customerId } }', { i: input });

  const getJson = async (path: string) => {
    const response = await fetch(`${app.url}${path}`, { headers: { accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const postJson = async (path: string, body: unknown) => {
    const response = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const postForm = async (path: string, fields: [string, string][]) => {
    const response = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    return { status: response.status, html: await response.text() };
  };

  beforeAll(async () => {
    app = await startTestApp({ PUBLIC_URL: 'https://survey.example.cn' });
    [owner, agent, westOwner] = (await Promise.all(['owner@east.demo', 'agent@east.demo', 'owner@west.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller];
    const me = await must<{ me: { user: { franchiseId: string; orgUnitId: string } } }>(agent, '{ me { user { franchiseId orgUnitId } } }');
    const customers = await must<{ customers: { nodes: { id: string; orgUnitId: string; name: string }[] } }>(owner, '{ customers(paging: { limit: 3 }) { nodes { id orgUnitId name } } }');
    east = { franchiseId: me.me.user.franchiseId, storeId: me.me.user.orgUnitId, customers: customers.customers.nodes };
    const westMe = await must<{ me: { user: { franchiseId: string } } }>(westOwner, '{ me { user { franchiseId } } }');
    const westCustomer = (await must<{ customers: { nodes: { id: string; name: string }[] } }>(westOwner, '{ customers(paging: { limit: 1 }) { nodes { id name } } }')).customers.nodes[0]!;
    west = { franchiseId: westMe.me.user.franchiseId, customerId: westCustomer.id, customerName: westCustomer.name };
    // Consent to SMS for the customers surveyed here (the demo's vary).
    await sql(`update customer set consent_sms = true, phone = coalesce(phone, '13800000000') where id in (?, ?, ?, ?)`, [...east.customers.map((c) => c.id), west.customerId]);
    templateId = (
      await must<{ createSurveyTemplate: { id: string } }>(owner, 'mutation($i: CreateSurveyTemplateInput!) { createSurveyTemplate(input: $i) { id } }', {
        i: {
          code: 'online-monthly',
          name: '月度在线满意度调查',
          purpose: 'GENERAL',
          questions: [
            { key: 'overall', kind: 'RATING', text: '您对本月服务的总体满意度', required: true, satisfaction: true },
            { key: 'recommend', kind: 'NPS', text: '您向亲友推荐我们的可能性' },
            { key: 'topics', kind: 'MULTIPLE_CHOICE', text: '您希望我们改进的方面', options: [{ value: 'price', label: '价格' }, { value: 'stock', label: '缺货' }, { value: 'wait', label: '等候时间' }] },
            { key: 'again', kind: 'YES_NO', text: '您还会再来吗', required: true },
          ],
        },
      })
    ).createSurveyTemplate.id;
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('sends a template survey as a link, answered once on the public page (form), then refused; the answer is on the timeline and in the figures', async () => {
    clock.freezeAt('2031-05-10T09:00:00+08:00');
    const customer = east.customers[0]!;
    const sent = await sendLink(agent, { customerId: customer.id, templateId, channel: 'SMS' });
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data!.sendSurveyLink).toMatchObject({ status: 'SENT', channel: 'ONLINE', sourceRef: '月度在线满意度调查', customerId: customer.id, sentAt: '2031-05-10T01:00:00.000Z', linkExpiresAt: '2031-05-17T01:00:00.000Z' });
    const surveyId = sent.body.data!.sendSurveyLink.id;
    const link = await linkOf(surveyId);
    expect(link.url.startsWith('https://survey.example.cn/s/')).toBe(true);
    expect(link.channel).toBe('SMS');
    // No guessable id in it: neither the survey's nor the franchise's id appears in the token.
    expect(link.token).not.toContain(surveyId);
    expect(link.token.length).toBeLessThan(100);

    // The page: zh-CN by default with the questions of the version sent, an English switch; no external assets.
    const page = await fetch(`${app.url}${link.path}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('您对本月服务的总体满意度');
    expect(html).toContain('name="viewport"');
    expect(html).toContain('English');
    expect(html).not.toMatch(/<(script|link)\b|src="http/);
    const english = await (await fetch(`${app.url}${link.path}?lang=en`)).text();
    expect(english).toContain('Satisfaction survey');
    expect(english).toContain('Submit');

    // A required question left out: refused, the question named, nothing recorded.
    clock.freezeAt('2031-05-11T20:00:00+08:00');
    const missing = await postForm(link.path, [['q.overall', '2']]);
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('“您还会再来吗”为必答题');
    const json = await postJson(link.path, { answers: [{ questionKey: 'overall', value: 2 }] });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('BAD_USER_INPUT');
    expect(json.body.error.fields).toEqual([expect.objectContaining({ field: 'answers', reason: 'REQUIRED', params: { questionKey: 'again' } })]);
    const outOfRange = await postJson(link.path, { answers: [{ questionKey: 'overall', value: 9 }, { questionKey: 'again', choices: ['yes'] }] });
    expect(outOfRange.body.error).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'answers.0.value', reason: 'OUT_OF_RANGE' })] });

    const answered = await postForm(link.path, [['q.overall', '2'], ['q.recommend', '3'], ['q.topics', 'stock'], ['q.topics', 'wait'], ['q.again', 'yes'], ['suggestion', '常用药经常缺货']]);
    expect(answered.status).toBe(200);
    expect(answered.html).toContain('提交成功，感谢您的评价！');
    const [survey] = await sql<{ status: string; channel: string; rating: number; nps_score: number; suggestion: string; answered_at: Date; answers: { questionKey: string; value: number | null; choices: string[] | null }[] }>(
      'select status, channel, rating, nps_score, suggestion, answered_at, answers from satisfaction_request where id = ?',
      [surveyId],
    );
    expect(survey).toMatchObject({ status: 'ANSWERED', channel: 'ONLINE', rating: 2, nps_score: 3, suggestion: '常用药经常缺货' });
    expect(new Date(survey!.answered_at).toISOString()).toBe('2031-05-11T12:00:00.000Z');
    expect(survey!.answers.map((a) => [a.questionKey, a.value, a.choices])).toEqual([['overall', 2, null], ['recommend', 3, null], ['topics', null, ['stock', 'wait']], ['again', null, ['yes']]]);

    // Once: the same link is refused, on the page and in JSON, and answering again changes nothing.
    const again = await postForm(link.path, [['q.overall', '5'], ['q.again', 'yes']]);
    expect(again.status).toBe(410);
    expect(again.html).toContain('问卷已提交');
    expect((await getJson(link.path)).body).toEqual({ error: { code: 'LINK_USED', message: expect.any(String) } });
    expect((await postJson(link.path, { answers: [{ questionKey: 'overall', value: 5 }, { questionKey: 'again', choices: ['yes'] }] })).body.error.code).toBe('LINK_USED');
    const [row] = await sql<{ rating: number }>('select rating from satisfaction_request where id = ?', [surveyId]);
    expect(row!.rating).toBe(2);

    // On the customer's timeline, and in the figures (sent and answered online, dissatisfied).
    const timeline = await must<{ customerTimeline: { nodes: { kind: string; title: string; summary: string }[] } }>(owner, 'query($c: ID!) { customerTimeline(customerId: $c, first: 20) { nodes { kind title summary } } }', { c: customer.id });
    expect(timeline.customerTimeline.nodes).toContainEqual({ kind: 'survey', title: '满意度调查：月度在线满意度调查', summary: '满意度 2/5 · 推荐 3/10 · 在线 · 建议：常用药经常缺货' });
    const figures = await must<{ satisfactionFigures: { groups: { key: string; sent: number; answered: number; dissatisfied: number }[] } }>(owner, 'query { satisfactionFigures(input: { from: "2031-05-01", to: "2031-05-31", groupBy: CHANNEL }) { groups { key sent answered dissatisfied } } }');
    expect(figures.satisfactionFigures.groups).toContainEqual({ key: 'ONLINE', sent: 1, answered: 1, dissatisfied: 1 });
  });

  it('refuses an expired link (by the clock), a tampered one, one replaced by a newer link, and never opens another survey', async () => {
    clock.freezeAt('2031-06-01T10:00:00+08:00');
    const [, first, second] = east.customers;
    // A case's survey (waiting to be sent) goes out as a link too.
    const caseSurvey = await pendingSurvey(app, { franchiseId: east.franchiseId, customerId: first!.id, staffId: null, orgUnitId: first!.orgUnitId });
    expect(errorCodes(await sendLink(agent, { id: caseSurvey, customerId: first!.id, templateId }))).toEqual(['BAD_USER_INPUT']);
    expect((await sendLink(agent, { id: caseSurvey })).body.data!.sendSurveyLink).toMatchObject({ status: 'SENT', channel: 'ONLINE' });
    const link = await linkOf(caseSurvey);
    const opened = await getJson(link.path);
    expect(opened.status).toBe(200);
    expect(opened.body.survey.id).toBe(caseSurvey);
    expect(opened.body.questions.map((q: { key: string }) => q.key)).toContain('overall');

    // Tampered: any byte changed breaks the signature; so does a cut or padded token.
    const bytes = Buffer.from(link.token, 'base64url');
    for (const i of [0, 20, bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[i] = changed[i]! ^ 1;
      const refused = await getJson(`/s/${changed.toString('base64url')}`);
      expect([refused.status, refused.body.error.code]).toEqual([404, 'LINK_INVALID']);
    }
    expect((await getJson(`${link.path.slice(0, -2)}`)).body.error.code).toBe('LINK_INVALID');
    expect((await getJson('/s/not-a-token')).body.error.code).toBe('LINK_INVALID');
    // The last character too (its spare bits included: one link has one spelling).
    const tamperedPage = await fetch(`${app.url}/s/${link.token.slice(0, -1)}${link.token.endsWith('A') ? 'B' : 'A'}`);
    expect(tamperedPage.status).toBe(404);
    expect(await tamperedPage.text()).toContain('链接无效');

    // Another survey's id with this token: another customer's survey id spliced into the token is refused.
    const otherSurvey = await pendingSurvey(app, { franchiseId: east.franchiseId, customerId: second!.id, staffId: null, orgUnitId: second!.orgUnitId });
    const spliced = Buffer.from(bytes);
    Buffer.from(otherSurvey.replace(/-/g, ''), 'hex').copy(spliced, 0);
    expect((await postJson(`/s/${spliced.toString('base64url')}`, { answers: [{ questionKey: 'overall', value: 5 }] })).body.error.code).toBe('LINK_INVALID');
    // A survey id in the body or query is ignored: the token alone says which survey is answered.
    expect((await postJson(`${link.path}?id=${otherSurvey}`, { id: otherSurvey, answers: [{ questionKey: 'overall', value: 4 }, { questionKey: 'resolved', choices: ['yes'] }] })).body).toEqual({ ok: true });
    const rows = await sql<{ id: string; status: string }>('select id, status from satisfaction_request where id in (?, ?) order by status', [caseSurvey, otherSurvey]);
    expect(rows).toEqual([{ id: caseSurvey, status: 'ANSWERED' }, { id: otherSurvey, status: 'PENDING' }]);

    // A newer link replaces the one sent before.
    await sendLink(agent, { id: otherSurvey, channel: 'SMS' });
    const old = await linkOf(otherSurvey);
    clock.freezeAt('2031-06-02T10:00:00+08:00');
    await sendLink(agent, { id: otherSurvey, channel: 'SMS' });
    const fresh = await linkOf(otherSurvey);
    expect(fresh.token).not.toBe(old.token);
    expect((await getJson(old.path)).body.error.code).toBe('LINK_INVALID');
    expect((await getJson(fresh.path)).status).toBe(200);

    // Expired: seven days after it was sent (the clock), refused on the page and in JSON.
    clock.freezeAt('2031-06-09T09:59:00+08:00');
    expect((await getJson(fresh.path)).status).toBe(200);
    clock.freezeAt('2031-06-09T10:00:01+08:00');
    const expired = await fetch(`${app.url}${fresh.path}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('链接已过期');
    expect((await postJson(fresh.path, { answers: [{ questionKey: 'overall', value: 5 }, { questionKey: 'resolved', choices: ['yes'] }] })).body.error.code).toBe('LINK_EXPIRED');
    expect((await sql<{ status: string }>('select status from satisfaction_request where id = ?', [otherSurvey]))[0]!.status).toBe('SENT');
  });

  it('keeps franchises apart: a west link shows west’s survey only, east cannot send one for west, and bad inputs are named', async () => {
    clock.freezeAt('2031-07-01T10:00:00+08:00');
    // East cannot send a link to west's customer, nor with west's survey.
    expect(errorCodes(await sendLink(owner, { customerId: west.customerId, templateId }))).toEqual(['NOT_FOUND']);
    const westSurvey = await pendingSurvey(app, { franchiseId: west.franchiseId, customerId: west.customerId, staffId: null, orgUnitId: null });
    expect(errorCodes(await sendLink(owner, { id: westSurvey }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await sendLink(owner, { customerId: east.customers[0]!.id }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sendLink(owner, { customerId: east.customers[0]!.id, templateId, channel: 'IN_APP' }))).toEqual(['BAD_USER_INPUT']);
    // West's own template is no template for east.
    const westTemplate = (await must<{ createSurveyTemplate: { id: string } }>(westOwner, 'mutation { createSurveyTemplate(input: { code: "west-online", name: "西区在线问卷", purpose: GENERAL, questions: [{ key: "overall", kind: RATING, text: "西区满意度", satisfaction: true }] }) { id } }')).createSurveyTemplate.id;
    expect(errorCodes(await sendLink(owner, { customerId: east.customers[0]!.id, templateId: westTemplate }))).toEqual(['BAD_USER_INPUT']);

    // West's link opens west's survey and nothing of east's; its page names west only.
    expect((await sendLink(westOwner, { id: westSurvey, channel: 'SMS' })).body.errors).toBeUndefined();
    const link = await linkOf(westSurvey);
    const opened = await getJson(link.path);
    expect(opened.body.survey.id).toBe(westSurvey);
    const text = JSON.stringify(opened.body) + (await (await fetch(`${app.url}${link.path}`)).text());
    expect(text).not.toContain(east.franchiseId);
    expect(text).not.toContain(east.customers[0]!.id);
    expect(text).not.toContain('东区');
    // West's token with an east survey id spliced in is refused (signature), and so is east's franchise spliced in.
    const bytes = Buffer.from(link.token, 'base64url');
    const eastSurvey = await pendingSurvey(app, { franchiseId: east.franchiseId, customerId: east.customers[0]!.id, staffId: null, orgUnitId: null });
    const withEastId = Buffer.from(bytes);
    Buffer.from(eastSurvey.replace(/-/g, ''), 'hex').copy(withEastId, 0);
    const withEastFranchise = Buffer.from(bytes);
    Buffer.from(east.franchiseId.replace(/-/g, ''), 'hex').copy(withEastFranchise, 16);
    for (const token of [withEastId, withEastFranchise]) expect((await getJson(`/s/${token.toString('base64url')}`)).body.error.code).toBe('LINK_INVALID');
  });
  it('low ratings (1–2) reach the franchise’s supervisors live from any path; 3–5 do not, and west’s never reach east', async () => {
    clock.freezeAt('2031-08-01T10:00:00+08:00');
    const supervisor = await signIn(app, 'supervisor@east.demo');
    const westSurvey = await pendingSurvey(app, { franchiseId: west.franchiseId, customerId: west.customerId, staffId: null, orgUnitId: null });
    const [c1, c2] = east.customers;
    const fine = await pendingSurvey(app, { franchiseId: east.franchiseId, customerId: c1!.id, staffId: null, orgUnitId: c1!.orgUnitId });
    const bad = await pendingSurvey(app, { franchiseId: east.franchiseId, customerId: c2!.id, staffId: null, orgUnitId: c2!.orgUnitId });
    const query = 'subscription { lowRatingReceived { id franchiseId customerId orgUnitId rating suggestion channel sourceRef } }';
    const supervisorEvents = takeFromSubscription<{ lowRatingReceived: Record<string, unknown> }>(app.wsClient({ authorization: supervisor.headers.authorization }), { query }, 2);
    // An agent (no survey:report) is refused at once.
    const agentEvents = takeFromSubscription(app.wsClient({ authorization: agent.headers.authorization }), { query }, 1).then((r) => JSON.stringify(r), (e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 400));

    // West's 1/5 (by west's owner), east's 4/5 by phone: neither reaches east's supervisor.
    await must(westOwner, 'mutation($id: ID!) { recordSurveyAnswers(input: { id: $id, version: 1, channel: PHONE, answers: [{ questionKey: "overall", value: 1 }] }) { id } }', { id: westSurvey });
    await must(agent, 'mutation($id: ID!) { recordSurveyAnswers(input: { id: $id, version: 1, channel: PHONE, answers: [{ questionKey: "overall", value: 4 }] }) { id } }', { id: fine });
    // East's 2/5 through an online link (no signed-in person), then a 1/5 by a callback of east's.
    await sendLink(agent, { id: bad, channel: 'SMS' });
    expect((await postJson((await linkOf(bad)).path, { answers: [{ questionKey: 'overall', value: 2 }], suggestion: '等太久了' })).body).toEqual({ ok: true });
    const [task] = await sql<{ id: string }>(
      `insert into callback_task (id, franchise_id, customer_id, kind, purpose_key, title, org_unit_id, due_date, status, attempts, version, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, 'NEW_MEMBER', 'live-low', '新会员回访', ?, '2031-08-01', 'OPEN', 0, 1, now(), now()) returning id`,
      [east.franchiseId, c1!.id, c1!.orgUnitId],
    );
    await must(agent, 'mutation($id: ID!) { recordCallbackOutcome(input: { id: $id, version: 1, outcome: COMPLETED, answers: [{ questionKey: "overall", value: 1 }, { questionKey: "resolved", choices: ["no"] }] }) { id } }', { id: task!.id });

    const events = (await supervisorEvents).map((e) => e.data!.lowRatingReceived);
    expect(events).toEqual([
      { id: bad, franchiseId: east.franchiseId, customerId: c2!.id, orgUnitId: c2!.orgUnitId, rating: 2, suggestion: '等太久了', channel: 'ONLINE', sourceRef: 'TEST' },
      expect.objectContaining({ franchiseId: east.franchiseId, customerId: c1!.id, rating: 1, channel: 'PHONE', sourceRef: '新会员回访' }),
    ]);
    expect(JSON.stringify(events)).not.toContain(westSurvey);
    expect(await agentEvents).toContain('FORBIDDEN');
  });
});
