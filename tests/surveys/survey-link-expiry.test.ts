import { clock, expireSurveyLinks, inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { pendingSurvey } from './support';

jest.setTimeout(120_000);

/**
 * The daily link-expiry job: a survey whose online link expired unanswered becomes EXPIRED
 * (still counted as sent, so the response rate stays answered / sent), once, also with two
 * instances running it at once; answered and never-sent surveys are left alone. And a link the
 * notifications would not send (no consent, no phone) is refused with the reason: the survey is
 * not marked SENT and nothing of the attempt is kept.
 */
describe('survey link expiry and links that cannot be sent', () => {
  let app: TestApp;
  let agent: Caller;
  let owner: Caller;
  let franchiseId: string;
  let customers: { id: string; orgUnitId: string }[];
  let templateId: string;

  const sql = <T>(query: string, params: unknown[] = []) => inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => em.execute<T[]>(query, params));
  const expire = () => inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => expireSurveyLinks(em, clock.now()));
  const sendLink = (input: Record<string, unknown>) =>
    agent.graphql<{ sendSurveyLink: { id: string; status: string; linkExpiresAt: string } }>('mutation($i: SendSurveyLinkInput!) { sendSurveyLink(input: $i) { id status linkExpiresAt } }', { i: input });
  const statusOf = async (ids: string[]) => Object.fromEntries((await sql<{ id: string; status: string }>('select id, status from satisfaction_request where id in (?)', [ids])).map((r) => [r.id, r.status]));

  beforeAll(async () => {
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    agent = await signIn(app, 'agent@east.demo');
    owner = await signIn(app, 'owner@east.demo');
    franchiseId = (await must<{ me: { user: { franchiseId: string } } }>(agent, '{ me { user { franchiseId } } }')).me.user.franchiseId;
    customers = (await must<{ customers: { nodes: { id: string; orgUnitId: string }[] } }>(owner, '{ customers(paging: { limit: 5 }) { nodes { id orgUnitId } } }')).customers.nodes;
    await sql(`update customer set consent_sms = true, phone = coalesce(phone, '13800000000') where id in (?)`, [customers.slice(0, 3).map((c) => c.id)]);
    // The fourth: no SMS or WeChat consent and no email address; the fifth: no email address.
    await sql(`update customer set consent_sms = false, consent_wechat = false, email = null where id = ?`, [customers[3]!.id]);
    await sql(`update customer set email = null where id = ?`, [customers[4]!.id]);
    templateId = (
      await must<{ createSurveyTemplate: { id: string } }>(owner, 'mutation { createSurveyTemplate(input: { code: "expiry", name: "到期测试问卷", purpose: GENERAL, questions: [{ key: "overall", kind: RATING, text: "总体满意度", required: true, satisfaction: true }] }) { id } }')
    ).createSurveyTemplate.id;
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('marks unanswered surveys EXPIRED once their link has expired, once, with two instances; answered and unsent ones stay', async () => {
    clock.freezeAt('2031-09-01T10:00:00+08:00');
    const [a, b, c] = customers;
    const caseSurvey = await pendingSurvey(app, { franchiseId, customerId: a!.id, staffId: null, orgUnitId: a!.orgUnitId });
    expect((await sendLink({ id: caseSurvey, channel: 'SMS' })).body.data!.sendSurveyLink).toMatchObject({ status: 'SENT', linkExpiresAt: '2031-09-08T02:00:00.000Z' });
    const templateSurvey = (await sendLink({ customerId: b!.id, templateId })).body.data!.sendSurveyLink.id;
    const answered = (await sendLink({ customerId: c!.id, templateId })).body.data!.sendSurveyLink;
    await must(agent, 'mutation($id: ID!, $v: Int!) { recordSurveyAnswers(input: { id: $id, version: $v, channel: PHONE, answers: [{ questionKey: "overall", value: 5 }] }) { id } }', { id: answered.id, v: 1 });
    const unsent = await pendingSurvey(app, { franchiseId, customerId: c!.id, staffId: null, orgUnitId: c!.orgUnitId });
    const ours = [caseSurvey, templateSurvey, answered.id, unsent];

    // A minute before the links expire: nothing of ours (the run also clears anything older left in the database).
    clock.freezeAt('2031-09-08T09:59:00+08:00');
    await expire();
    expect(await statusOf(ours)).toEqual({ [caseSurvey]: 'SENT', [templateSurvey]: 'SENT', [answered.id]: 'ANSWERED', [unsent]: 'PENDING' });

    // Expired: two instances at once expire each survey once; the scheduled job after them finds nothing left.
    clock.freezeAt('2031-09-08T10:00:01+08:00');
    const [x, y] = await Promise.all([expire(), expire()]);
    expect(x + y).toBe(2);
    await app.server.jobs!.runNow('surveys.link-expiry', {});
    expect(await expire()).toBe(0);
    expect(await statusOf(ours)).toEqual({ [caseSurvey]: 'EXPIRED', [templateSurvey]: 'EXPIRED', [answered.id]: 'ANSWERED', [unsent]: 'PENDING' });
    const [row] = await sql<{ version: number; link_nonce: string | null; sent_at: Date }>('select version, link_nonce, sent_at from satisfaction_request where id = ?', [caseSurvey]);
    expect(row).toMatchObject({ version: 3, link_nonce: null });

    // Still sent (the response rate's denominator): 3 sent online in September, 1 answered.
    const figures = await must<{ satisfactionFigures: { groups: { key: string; sent: number; answered: number }[] } }>(owner, 'query { satisfactionFigures(input: { from: "2031-09-01", to: "2031-09-30", groupBy: CHANNEL }) { groups { key sent answered } } }');
    expect(figures.satisfactionFigures.groups.reduce((n, g) => n + g.sent, 0)).toBe(3);
    expect(figures.satisfactionFigures.groups.reduce((n, g) => n + g.answered, 0)).toBe(1);
    // An expired survey takes no answers and no new link.
    expect(errorCodes(await agent.graphql('mutation($id: ID!) { recordSurveyAnswers(input: { id: $id, version: 3, channel: PHONE, answers: [{ questionKey: "overall", value: 4 }] }) { id } }', { id: caseSurvey }))).toEqual(['INVALID_TRANSITION']);
    expect(errorCodes(await sendLink({ id: caseSurvey }))).toEqual(['INVALID_TRANSITION']);
  });

  it('a link the notifications would not send is refused with the reason, and the survey is not SENT', async () => {
    clock.freezeAt('2031-10-01T10:00:00+08:00');
    const [, , , noConsent, noEmail] = customers;
    const caseSurvey = await pendingSurvey(app, { franchiseId, customerId: noConsent!.id, staffId: null, orgUnitId: noConsent!.orgUnitId });
    const refused = await sendLink({ id: caseSurvey, channel: 'SMS' });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect((refused.body.errors![0]!.extensions as { fields: unknown[] }).fields).toEqual([expect.objectContaining({ field: 'input.channel', reason: 'NO_CONSENT', params: expect.objectContaining({ channel: 'SMS' }) })]);
    expect(refused.body.errors![0]!.message).toContain('未同意通过');
    const [survey] = await sql<{ status: string; sent_at: Date | null; link_expires_at: Date | null; link_nonce: string | null }>('select status, sent_at, link_expires_at, link_nonce from satisfaction_request where id = ?', [caseSurvey]);
    expect(survey).toEqual({ status: 'PENDING', sent_at: null, link_expires_at: null, link_nonce: null });

    // No channel named, none allowed: refused too, and a template survey is not even created.
    const before = (await sql<{ n: string }>('select count(*) as n from satisfaction_request where customer_id = ?', [noConsent!.id]))[0]!.n;
    const none = await sendLink({ customerId: noConsent!.id, templateId });
    expect((none.body.errors![0]!.extensions as { fields: { field: string; reason: string }[] }).fields[0]).toMatchObject({ field: 'input.customerId', reason: 'NO_CONSENT' });
    expect((await sql<{ n: string }>('select count(*) as n from satisfaction_request where customer_id = ?', [noConsent!.id]))[0]!.n).toBe(before);
    // By email without an email address: NO_ADDRESS.
    const noAddress = await sendLink({ customerId: noEmail!.id, templateId, channel: 'EMAIL' });
    expect((noAddress.body.errors![0]!.extensions as { fields: { reason: string }[] }).fields[0]!.reason).toBe('NO_ADDRESS');
    expect(await sql('select id from notification_message where kind = ? and customer_id in (?)', ['survey.link', [noConsent!.id, noEmail!.id]])).toEqual([]);
  });
});
