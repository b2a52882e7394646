import { clock, inScopedTransaction, planCallbacks, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { pendingSurvey } from './support';

jest.setTimeout(180_000);

const TASK = 'id version customerId kind purposeKey title dueDate status attempts nextAttemptAt surveyId caseId note';
interface Task { id: string; version: number; customerId: string; kind: string; purposeKey: string; title: string; dueDate: string; status: string; attempts: number; nextAttemptAt: string | null; surveyId: string | null; caseId: string | null; note: string | null }
interface Rule { id: string; version: number; code: string; kind: string; enabled: boolean }

/**
 * Callback plans by rule and the callback desk, with the clock set in 2031 (no demo data there):
 * each rule's tasks on the right dates, once per customer and purpose also with the plan run
 * twice at once, consent and the no-repeat window respected; the desk's outcomes, answers and
 * a case raised from a call, all on the customer's timeline.
 */
describe('callback plans and the callback desk', () => {
  let app: TestApp;
  let owner: Caller;
  let agent: Caller;
  let westOwner: Caller;
  let franchiseId: string;
  let customers: { id: string; version: number; orgUnitId: string; tags: string[] }[];

  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => em.execute<T[]>(query, params));
  const plan = (today: string) => inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => planCallbacks(em, clock.now(), today));
  /** The tasks this test's plans made: due in 2031 (the demo's callbacks are months before the real today). */
  const OURS = '{ dueDate: { gte: "2030-12-01" } }';
  const tasks = async () => (await must<{ callbackTasks: { nodes: Task[] } }>(owner, `{ callbackTasks(filter: ${OURS}, paging: { limit: 200 }) { nodes { ${TASK} } } }`)).callbackTasks.nodes;
  /** A rule's tasks through the list's filter (the desk's purpose filter), checked against the whole list. */
  const ofKind = async (kind: string) => {
    const filtered = (await must<{ callbackTasks: { nodes: Task[] } }>(owner, `query($k: CallbackRuleKind!) { callbackTasks(filter: { kind: { eq: $k }, and: [${OURS}] }, paging: { limit: 200 }) { nodes { ${TASK} } } }`, { k: kind })).callbackTasks.nodes;
    expect(filtered).toEqual((await tasks()).filter((t) => t.kind === kind));
    return filtered;
  };

  beforeAll(async () => {
    clock.freezeAt('2031-01-05T09:00:00+08:00');
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    [owner, agent, westOwner] = (await Promise.all(['owner@east.demo', 'agent@east.demo', 'owner@west.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller];
    franchiseId = (await must<{ me: { user: { franchiseId: string } } }>(owner, '{ me { user { franchiseId } } }')).me.user.franchiseId;
    const all = (await must<{ customers: { nodes: { id: string; version: number; orgUnitId: string; tags: string[]; consentPhone: boolean }[] } }>(agent, '{ customers(filter: { status: { eq: ACTIVE } }, paging: { limit: 200 }) { nodes { id version orgUnitId tags consentPhone } } }')).customers.nodes;
    customers = all.filter((c) => c.consentPhone);
    expect(customers.length).toBeGreaterThan(16);
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('lists the built-in rules, tunable by the franchise, and refuses bad ones with codes', async () => {
    const saved = async () => Number((await sql<{ n: string }>(`select count(*) as n from callback_rule where franchise_id = ?`, [franchiseId]))[0]!.n);
    const before = await saved();
    const rules = (await must<{ callbackRules: Rule[] }>(owner, '{ callbackRules { id version code kind enabled } }')).callbackRules;
    // Reading writes nothing: a built-in rule never tuned shows its defaults at version 0, under the same id each time.
    expect(await saved()).toBe(before);
    expect(rules.find((r) => r.code === 'report_delivered')!.version).toBe(0);
    expect((await must<{ callbackRules: Rule[] }>(owner, '{ callbackRules { id version code kind enabled } }')).callbackRules.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    expect(rules.map((r) => [r.code, r.enabled])).toEqual([
      ['after_service', true],
      ['new_member', true],
      ['chronic_medication', true],
      ['top_spenders', true],
      ['holiday', true],
      ['report_delivered', true],
    ]);
    const update = (id: string, version: number, u: Record<string, unknown>) => owner.graphql<{ updateCallbackRule: Rule }>('mutation($i: UpdateCallbackRuleInput!) { updateCallbackRule(input: $i) { id version code enabled } }', { i: { id, version, update: u } });
    const holiday = rules.find((r) => r.code === 'holiday')!;
    const bad = await update(holiday.id, holiday.version, { holidays: [{ date: '2031-02-30', name: '坏日子' }] });
    expect({ codes: errorCodes(bad), field: bad.body.errors?.[0]?.extensions?.field }).toEqual({ codes: ['BAD_USER_INPUT'], field: 'holidays.0.date' });
    expect(errorCodes(await update(holiday.id, holiday.version + 3, { leadDays: 2 }))).toEqual(['CONFLICT']);
    expect(errorCodes(await agent.graphql('mutation($i: UpdateCallbackRuleInput!) { updateCallbackRule(input: $i) { id } }', { i: { id: holiday.id, version: holiday.version, update: { leadDays: 2 } } }))).toEqual(['FORBIDDEN']);
    const tuned = await update(holiday.id, holiday.version, { holidays: [{ date: '2031-05-01', name: '劳动节' }], tags: ['callback-test'], leadDays: 3 });
    expect(tuned.body.errors).toBeUndefined();
    // The first update of a built-in rule writes it under its id; the old version is then stale.
    expect(tuned.body.data!.updateCallbackRule.id).toBe(holiday.id);
    if (holiday.version === 0) expect(await saved()).toBe(before + 1);
    expect(errorCodes(await update(holiday.id, holiday.version, { leadDays: 2 }))).toEqual(['CONFLICT']);
    // West's rules are its own: east's rule is not found there.
    expect(errorCodes(await westOwner.graphql('mutation($i: UpdateCallbackRuleInput!) { updateCallbackRule(input: $i) { id } }', { i: { id: holiday.id, version: 2, update: { enabled: false } } }))).toEqual(['NOT_FOUND']);
    const added = await owner.graphql<{ createCallbackRule: Rule }>('mutation { createCallbackRule(input: { code: "new_member_30", kind: NEW_MEMBER, name: "新会员 30 天回访", delayDays: 30, enabled: false }) { id version code kind enabled } }');
    expect(added.body.data?.createCallbackRule).toMatchObject({ code: 'new_member_30', kind: 'NEW_MEMBER', enabled: false });
    expect(errorCodes(await owner.graphql('mutation { createCallbackRule(input: { code: "new_member_30", kind: NEW_MEMBER, name: "重复" }) { id } }'))).toEqual(['BAD_USER_INPUT']);
    // Report-delivered rules are planned when the service journey delivers a report (tests/journey).
    expect(errorCodes(await owner.graphql('mutation { createCallbackRule(input: { code: "reports", kind: REPORT_DELIVERED, name: "报告交付 30 天回访", delayDays: 30, enabled: false }) { id } }'))).toEqual([]);
  });

  it('turns each rule into tasks on the right dates, once per customer and purpose, with consent and the no-repeat window', async () => {
    const [served, member, chronic, refusedConsent, repeat, ...spenders] = customers;
    // After service: a survey asked on 3 January (Shanghai) is called 2 days later.
    const surveyId = await pendingSurvey(app, { franchiseId, customerId: served!.id, staffId: null, orgUnitId: served!.orgUnitId, createdAt: '2031-01-03T10:00:00+08:00' });
    // A new member who joined on 2 January 23:30 in Shanghai (still 2 January there, 15:30 UTC).
    await sql(`update customer set member_card_no = 'CB-TEST-1', created_at = '2031-01-02T23:30:00+08:00' where id = ?`, [member!.id]);
    // A chronic buyer whose medicine runs out on 7 January: called 3 days ahead, on the 4th... planned on the 5th (catching up).
    const [line] = await sql<{ id: string }>(`select l.id from sales_order_line l join sales_order o on o.id = l.order_id where o.franchise_id = ? limit 1`, [franchiseId]);
    await sql(`update sales_order o set customer_id = ? from sales_order_line l where l.id = ? and o.id = l.order_id`, [chronic!.id, line!.id]);
    await sql(`update sales_order_line set runs_out_on = '2031-01-07' where id = ?`, [line!.id]);
    // One without phone consent (a survey too: nothing planned for them).
    await pendingSurvey(app, { franchiseId, customerId: refusedConsent!.id, staffId: null, orgUnitId: refusedConsent!.orgUnitId, createdAt: '2031-01-03T10:00:00+08:00' });
    await sql(`update customer set consent_phone = false where id = ?`, [refusedConsent!.id]);

    // 4 January (UTC 5 January 00:30 is 08:30 in Shanghai: the franchise's date decides).
    clock.freezeAt('2031-01-04T09:00:00+08:00');
    await plan('2031-01-04');
    expect((await tasks()).filter((t) => [served, member, chronic].some((c) => c!.id === t.customerId)).map((t) => t.kind).sort()).toEqual(['CHRONIC_MEDICATION']);

    clock.freezeAt('2031-01-05T09:00:00+08:00');
    // Twice at once (two instances): each purpose once.
    const [a, b] = await Promise.all([plan('2031-01-05'), plan('2031-01-05')]);
    expect((a.AFTER_SERVICE ?? 0) + (b.AFTER_SERVICE ?? 0)).toBe(1);
    expect((a.NEW_MEMBER ?? 0) + (b.NEW_MEMBER ?? 0)).toBe(1);
    await app.server.jobs!.runNow('surveys.callback-plan', { today: '2031-01-05' });
    const all = await tasks();
    const mine = (c: { id: string } | undefined) => all.filter((t) => t.customerId === c!.id).map((t) => [t.kind, t.purposeKey.replace(/[0-9a-f-]{36}/, '<id>'), t.dueDate, t.status]);
    expect(mine(served)).toEqual([['AFTER_SERVICE', 'service:<id>', '2031-01-05', 'OPEN']]);
    expect(all.find((t) => t.customerId === served!.id)!.surveyId).toBe(surveyId);
    expect(mine(member)).toEqual([['NEW_MEMBER', 'new_member', '2031-01-05', 'OPEN']]);
    expect(mine(chronic)).toEqual([['CHRONIC_MEDICATION', 'refill:2031-01', '2031-01-04', 'OPEN']]);
    expect(mine(refusedConsent)).toEqual([]);
    const count = (await sql<{ n: string }>(`select count(*) as n from callback_task where franchise_id = ?`, [franchiseId]))[0]!.n;

    // Top spenders: each store's top 10 of December, from 1 February; the 11th and 12th not.
    const store = spenders[0]!.orgUnitId;
    const twelve = spenders.filter((c) => c.orgUnitId === store).slice(0, 12);
    for (const [i, c] of twelve.entries()) await sql(`insert into customer_spend_month (customer_id, month, franchise_id, org_unit_id, amount, purchases) values (?, '2031-01-01', ?, ?, ?, 1)`, [c.id, franchiseId, store, 1000 - i * 10]);
    // One of them had a callback three days before (no-repeat window of 7 days).
    await sql(`insert into callback_task (id, franchise_id, customer_id, kind, purpose_key, title, org_unit_id, due_date, status, attempts, version, created_at, updated_at) values (gen_random_uuid(), ?, ?, 'NEW_MEMBER', 'earlier', '更早的回访', ?, '2031-01-29', 'COMPLETED', 1, 1, now(), now())`, [franchiseId, twelve[1]!.id, store]);
    clock.freezeAt('2031-01-31T23:30:00+08:00');
    expect((await plan('2031-01-31')).TOP_SPENDERS ?? 0).toBe(0); // not before the 1st
    clock.freezeAt('2031-02-01T08:00:00+08:00');
    await plan('2031-02-01');
    const top = (await ofKind('TOP_SPENDERS')).filter((t) => t.purposeKey === 'top:2031-02');
    const expected = twelve.slice(0, 10).filter((c) => c.id !== twelve[1]!.id).map((c) => c.id);
    expect(top.map((t) => t.customerId).sort()).toEqual(expected.sort());
    expect(top.every((t) => t.dueDate === '2031-02-01')).toBe(true);
    // Past the window (8 February) the skipped one is called too; nothing else is added twice.
    clock.freezeAt('2031-02-08T08:00:00+08:00');
    await plan('2031-02-08');
    expect((await ofKind('TOP_SPENDERS')).filter((t) => t.purposeKey === 'top:2031-02').length).toBe(10);

    // A holiday (劳动节 1 May, 3 days ahead) for customers tagged callback-test.
    const tagged = customers.slice(20, 23);
    for (const c of tagged) await sql(`update customer set tags = array_append(tags, 'callback-test') where id = ?`, [c.id]);
    clock.freezeAt('2031-04-27T09:00:00+08:00');
    expect((await plan('2031-04-27')).HOLIDAY ?? 0).toBe(0);
    clock.freezeAt('2031-04-28T09:00:00+08:00');
    await plan('2031-04-28');
    await plan('2031-04-29');
    const holiday = await ofKind('HOLIDAY');
    expect(holiday.map((t) => [t.customerId, t.purposeKey, t.dueDate, t.title]).sort()).toEqual(tagged.map((c) => [c.id, 'holiday:2031-05-01', '2031-04-28', '节日关怀：劳动节']).sort());
    expect(Number(count)).toBeGreaterThanOrEqual(3);
  });

  it('works a callback from the desk: no answer then retry, answers and suggestions, a case raised, all on the timeline', async () => {
    clock.freezeAt('2031-02-08T10:00:00+08:00');
    const DESK = `{ callbackDesk(paging: { limit: 100 }) { totalCount nodes { ${TASK} customer { id name } callWindow { start end } survey { id templateVersion { questions { key kind } } } } } }`;
    type DeskTask = Task & { customer: { id: string; name: string }; callWindow: { start: string; end: string }; survey: { id: string } | null };
    const desk = (await must<{ callbackDesk: { nodes: DeskTask[] } }>(agent, DESK)).callbackDesk.nodes;
    expect(desk.length).toBeGreaterThan(0);
    expect(desk.map((t) => t.dueDate)).toEqual([...desk.map((t) => t.dueDate)].sort());
    // 10:00 in Shanghai: the next good window is 10:30–11:30 today.
    expect(desk[0]!.callWindow).toEqual({ start: '2031-02-08T02:30:00.000Z', end: '2031-02-08T03:30:00.000Z' });
    const service = desk.find((t) => t.kind === 'AFTER_SERVICE')!;
    expect(service.customer.id).toBe(service.customerId);
    expect(service.survey!.id).toBe(service.surveyId);

    const outcome = (input: Record<string, unknown>) => agent.graphql<{ recordCallbackOutcome: Task }>(`mutation($i: RecordCallbackOutcomeInput!) { recordCallbackOutcome(input: $i) { ${TASK} } }`, { i: input });
    // No answer: off the desk until the next window at least an hour away (15:30).
    const retry = await outcome({ id: service.id, version: service.version, outcome: 'RETRY', note: '无人接听' });
    expect(retry.body.data?.recordCallbackOutcome).toMatchObject({ status: 'RETRY', attempts: 1, nextAttemptAt: '2031-02-08T07:30:00.000Z' });
    expect((await must<{ callbackDesk: { nodes: Task[] } }>(agent, DESK)).callbackDesk.nodes.map((t) => t.id)).not.toContain(service.id);
    clock.freezeAt('2031-02-08T15:40:00+08:00');
    const again = (await must<{ callbackDesk: { nodes: Task[] } }>(agent, DESK)).callbackDesk.nodes.find((t) => t.id === service.id)!;
    expect(again).toMatchObject({ status: 'RETRY', attempts: 1 });

    // Bad inputs: answers without completing, a rating of 9, a stale version.
    expect(errorCodes(await outcome({ id: service.id, version: again.version, outcome: 'REFUSED', answers: [{ questionKey: 'overall', value: 2 }] }))).toEqual(['BAD_USER_INPUT']);
    const nine = await outcome({ id: service.id, version: again.version, outcome: 'COMPLETED', answers: [{ questionKey: 'overall', value: 9 }] });
    expect({ codes: errorCodes(nine), field: nine.body.errors?.[0]?.extensions?.field }).toEqual({ codes: ['BAD_USER_INPUT'], field: 'answers.0.value' });
    expect(errorCodes(await outcome({ id: service.id, version: again.version + 4, outcome: 'COMPLETED' }))).toEqual(['CONFLICT']);

    // Answered: the survey's answers and a suggestion; then a case raised in one action.
    const done = await outcome({ id: service.id, version: again.version, outcome: 'COMPLETED', answers: [{ questionKey: 'overall', value: 2 }, { questionKey: 'resolved', choices: ['no'] }, { questionKey: 'recommend', value: 5 }], suggestion: '药品经常缺货', note: '客户对缺货不满' });
    expect(done.body.errors).toBeUndefined();
    expect(done.body.data!.recordCallbackOutcome).toMatchObject({ status: 'COMPLETED', attempts: 2 });
    expect(errorCodes(await outcome({ id: service.id, version: done.body.data!.recordCallbackOutcome.version, outcome: 'RETRY' }))).toEqual(['INVALID_TRANSITION']);
    const raised = await agent.graphql<{ raiseCaseFromCallback: Task }>('mutation($i: RaiseCaseFromCallbackInput!) { raiseCaseFromCallback(input: $i) { id caseId } }', { i: { id: service.id, type: 'COMPLAINT', subject: '回访反映：常用药缺货', description: '客户回访时反映常用药经常缺货' } });
    expect(raised.body.errors).toBeUndefined();
    const caseId = raised.body.data!.raiseCaseFromCallback.caseId!;
    const theCase = await must<{ case: { customerId: string; channel: string; tags: string[] } }>(agent, 'query($id: ID!) { case(id: $id) { customerId channel tags } }', { id: caseId });
    expect(theCase.case).toEqual({ customerId: service.customerId, channel: 'PHONE', tags: ['callback'] });
    expect(errorCodes(await agent.graphql('mutation($i: RaiseCaseFromCallbackInput!) { raiseCaseFromCallback(input: $i) { id } }', { i: { id: service.id, type: 'COMPLAINT', subject: '再来一次', description: 'x' } }))).toEqual(['CONFLICT']);

    const survey = await must<{ satisfactionRequests: { nodes: { id: string; status: string; rating: number; npsScore: number; suggestion: string; channel: string }[] } }>(owner, '{ satisfactionRequests(paging: { limit: 200 }) { nodes { id status rating npsScore suggestion channel } } }');
    expect(survey.satisfactionRequests.nodes.find((s) => s.id === service.surveyId)).toMatchObject({ status: 'ANSWERED', rating: 2, npsScore: 5, suggestion: '药品经常缺货', channel: 'PHONE' });
    const timeline = await must<{ customerTimeline: { nodes: { kind: string; title: string; summary: string | null }[] } }>(owner, 'query($c: ID!) { customerTimeline(customerId: $c, first: 20) { nodes { kind title summary } } }', { c: service.customerId });
    const kinds = timeline.customerTimeline.nodes.map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['callback', 'survey', 'case']));
    expect(timeline.customerTimeline.nodes.find((n) => n.kind === 'survey')!.summary).toContain('建议：药品经常缺货');
    expect(timeline.customerTimeline.nodes.find((n) => n.kind === 'callback')!.summary).toContain('已完成');

    // Asked not to be called: the customer's phone consent goes, and the plan leaves them out.
    const other = (await must<{ callbackDesk: { nodes: Task[] } }>(agent, DESK)).callbackDesk.nodes.find((t) => t.id !== service.id)!;
    expect((await outcome({ id: other.id, version: other.version, outcome: 'DO_NOT_CALL' })).body.data?.recordCallbackOutcome.status).toBe('DO_NOT_CALL');
    const consent = await must<{ customer: { consentPhone: boolean } }>(owner, 'query($id: ID!) { customer(id: $id) { consentPhone } }', { id: other.customerId });
    expect(consent.customer.consentPhone).toBe(false);
    // West cannot see or work east's callbacks.
    expect((await must<{ callbackTask: unknown }>(westOwner, 'query($id: ID!) { callbackTask(id: $id) { id } }', { id: other.id })).callbackTask).toBeNull();
    expect(errorCodes(await westOwner.graphql('mutation($i: RecordCallbackOutcomeInput!) { recordCallbackOutcome(input: $i) { id } }', { i: { id: other.id, version: 1, outcome: 'REFUSED' } }))).toEqual(['NOT_FOUND']);
  });

  it('closes a task as unreachable after the rule’s number of unanswered calls (3 unless tuned)', async () => {
    clock.freezeAt('2031-02-09T10:00:00+08:00');
    const outcome = (t: { id: string; version: number }, extra: Record<string, unknown> = {}) =>
      must<{ recordCallbackOutcome: Task & { closedAt: string | null } }>(agent, `mutation($i: RecordCallbackOutcomeInput!) { recordCallbackOutcome(input: $i) { ${TASK} closedAt } }`, { i: { id: t.id, version: t.version, outcome: 'RETRY', ...extra } }).then((r) => r.recordCallbackOutcome);
    const [first, second] = (await ofKind('TOP_SPENDERS')).filter((t) => t.status === 'OPEN');
    let task: Task & { closedAt: string | null } = { ...first!, closedAt: null };
    for (const attempt of [1, 2]) {
      task = await outcome(task);
      expect(task).toMatchObject({ status: 'RETRY', attempts: attempt, closedAt: null });
    }
    task = await outcome(task);
    expect(task).toMatchObject({ status: 'UNREACHABLE', attempts: 3, nextAttemptAt: null });
    expect(task.closedAt).not.toBeNull();
    expect(errorCodes(await agent.graphql('mutation($i: RecordCallbackOutcomeInput!) { recordCallbackOutcome(input: $i) { id } }', { i: { id: task.id, version: task.version, outcome: 'RETRY' } }))).toEqual(['INVALID_TRANSITION']);
    expect(errorCodes(await agent.graphql('mutation($i: RecordCallbackOutcomeInput!) { recordCallbackOutcome(input: $i) { id } }', { i: { id: second!.id, version: second!.version, outcome: 'UNREACHABLE' } }))).toEqual(['BAD_USER_INPUT']);
    // Tuned to one call: the first unanswered call closes it.
    const rule = (await must<{ callbackRules: (Rule & { maxAttempts: number })[] }>(owner, '{ callbackRules { id version code kind enabled maxAttempts } }')).callbackRules.find((r) => r.code === 'top_spenders')!;
    expect(rule.maxAttempts).toBe(3);
    const bad = await owner.graphql('mutation($i: UpdateCallbackRuleInput!) { updateCallbackRule(input: $i) { id } }', { i: { id: rule.id, version: rule.version, update: { maxAttempts: 0 } } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    await must(owner, 'mutation($i: UpdateCallbackRuleInput!) { updateCallbackRule(input: $i) { id } }', { i: { id: rule.id, version: rule.version, update: { maxAttempts: 1 } } });
    expect(await outcome(second!)).toMatchObject({ status: 'UNREACHABLE', attempts: 1 });
  });
});
