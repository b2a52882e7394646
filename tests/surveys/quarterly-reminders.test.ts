import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';

jest.setTimeout(120_000);

/**
 * Quarterly survey reminders by the clock: a round closing on 31 March 2031 (Shanghai), east
 * answered, west not. Four days before, nobody is reminded; three days before, west's owner gets
 * one reminder however often the job runs, east's none; a partners-only round reminds no franchise.
 * HQ sets another lead time per round (10 days; 0 for none); a lead time out of range is refused.
 */
describe('quarterly survey reminders', () => {
  let app: TestApp;
  let hq: Caller;
  let east: Caller;
  let west: Caller;
  let template: (code: string) => Promise<string>;

  const inbox = (caller: Caller) =>
    must<{ myNotifications: { nodes: { kind: string; subject: string; body: string }[] } }>(caller, '{ myNotifications(paging: { limit: 100 }) { nodes { kind subject body } } }').then((d) =>
      d.myNotifications.nodes.filter((n) => n.kind === 'quarterly.reminder'),
    );
  const run = () => app.server.jobs!.runNow('survey-projects.quarterly-reminder', {});

  beforeAll(async () => {
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    [hq, east, west] = (await Promise.all(['admin@hq.demo', 'owner@east.demo', 'owner@west.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller];
    clock.freezeAt('2031-03-20T10:00:00+08:00');
    template = async (code: string) =>
      (await must<{ createSurveyTemplate: { id: string } }>(hq, `mutation($c: String!) { createSurveyTemplate(input: { code: $c, name: "季度满意度", purpose: GENERAL, shared: true, questions: [{ key: "service", kind: RATING, text: "总部服务质量", required: true }] }) { id } }`, { c: code })).createSurveyTemplate.id;
    const open = async (templateId: string, audience: string) =>
      (await must<{ openQuarterlySurveyRound: { id: string } }>(hq, `mutation($t: ID!, $a: QuarterlyAudience!) { openQuarterlySurveyRound(input: { quarter: "2031-Q1", title: "2031年一季度调查", templateId: $t, audience: [$a], closesOn: "2031-03-31" }) { id } }`, { t: templateId, a: audience })).openQuarterlySurveyRound.id;
    const round = await open(await template('reminder-franchises'), 'FRANCHISES');
    await open(await template('reminder-partners'), 'PARTNERS');
    await must(east, `mutation($r: ID!) { answerQuarterlySurvey(input: { roundId: $r, answers: [{ questionKey: "service", value: 5 }] }) { id } }`, { r: round });
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('reminds the owners who have not answered once, from three days before the close date', async () => {
    clock.freezeAt('2031-03-27T09:00:00+08:00');
    await run();
    expect(await inbox(west)).toEqual([]);

    clock.freezeAt('2031-03-28T09:00:00+08:00');
    await run();
    await run();
    clock.freezeAt('2031-03-30T09:00:00+08:00');
    await run();
    expect(await inbox(west)).toEqual([
      { kind: 'quarterly.reminder', subject: '请填写2031-Q1季度调查：2031年一季度调查', body: '总部的季度调查“2031年一季度调查”将于 2031-03-31 截止，贵机构尚未填写，请在“我的季度调查”中完成。' },
    ]);
    expect(await inbox(east)).toEqual([]);
  });

  it('reminds from the lead time HQ set for the round, never when it is 0, and refuses one out of range', async () => {
    clock.freezeAt('2031-06-01T10:00:00+08:00');
    const open = async (code: string, title: string, days: number) =>
      must<{ openQuarterlySurveyRound: { id: string; remindDaysBefore: number } }>(hq, `mutation($t: ID!, $title: String!, $d: Int) { openQuarterlySurveyRound(input: { quarter: "2031-Q2", title: $title, templateId: $t, audience: [FRANCHISES], closesOn: "2031-06-30", remindDaysBefore: $d }) { id remindDaysBefore } }`, { t: await template(code), title, d: days });
    expect((await open('ten-days', '十天提醒', 10)).openQuarterlySurveyRound.remindDaysBefore).toBe(10);
    await open('no-reminder', '不提醒', 0);
    const refused = await hq.graphql(`mutation($t: ID!) { openQuarterlySurveyRound(input: { quarter: "2031-Q2", title: "x", templateId: $t, audience: [FRANCHISES], closesOn: "2031-06-30", remindDaysBefore: 31 }) { id } }`, { t: await template('too-long') });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'remindDaysBefore', fields: [expect.objectContaining({ field: 'remindDaysBefore', reason: 'OUT_OF_RANGE' })] });
    const q2 = async () => (await inbox(west)).filter((n) => n.subject.includes('2031-Q2')).map((n) => n.subject);

    clock.freezeAt('2031-06-19T09:00:00+08:00');
    await run();
    expect(await q2()).toEqual([]);
    clock.freezeAt('2031-06-20T09:00:00+08:00');
    await run();
    clock.freezeAt('2031-06-30T09:00:00+08:00');
    await run();
    expect(await q2()).toEqual(['请填写2031-Q2季度调查：十天提醒']);
  });
});
