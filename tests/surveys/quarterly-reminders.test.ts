import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';

jest.setTimeout(120_000);

/**
 * Quarterly survey reminders by the clock: a round closing on 31 March 2031 (Shanghai), east
 * answered, west not. Four days before, nobody is reminded; three days before, west's owner gets
 * one reminder however often the job runs, east's none; a partners-only round reminds no franchise.
 */
describe('quarterly survey reminders', () => {
  let app: TestApp;
  let hq: Caller;
  let east: Caller;
  let west: Caller;

  const inbox = (caller: Caller) =>
    must<{ myNotifications: { nodes: { kind: string; subject: string; body: string }[] } }>(caller, '{ myNotifications(paging: { limit: 100 }) { nodes { kind subject body } } }').then((d) =>
      d.myNotifications.nodes.filter((n) => n.kind === 'quarterly.reminder'),
    );
  const run = () => app.server.jobs!.runNow('survey-projects.quarterly-reminder', {});

  beforeAll(async () => {
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    [hq, east, west] = (await Promise.all(['admin@hq.demo', 'owner@east.demo', 'owner@west.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller];
    clock.freezeAt('2031-03-20T10:00:00+08:00');
    const template = async (code: string) =>
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
});
