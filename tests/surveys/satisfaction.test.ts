import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';
import { answerSurvey, pendingSurvey, sendSurvey } from './support';

jest.setTimeout(120_000);

const FIGURES = 'key label sent answered rated satisfied dissatisfied npsAnswered promoters detractors satisfactionRate dissatisfactionRate nps responseRate averageRating';
type Figure = Record<string, number | string | null>;
const TEMPLATE = 'id franchiseId code name purpose active version currentVersionNo currentVersionId questions { key kind required weight satisfaction options { value label score } }';

/**
 * Survey templates (HQ's shared, a franchise's own, versioned) and the satisfaction figures on
 * known data: a table of surveys sent and answered around a month end in east's zone
 * (Asia/Shanghai), with the rates the published definitions give.
 */
describe('survey templates and satisfaction figures', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let supervisor: Caller;
  let agent: Caller;
  let westOwner: Caller;
  let east: { franchiseId: string; customerId: string; agentId: string; agent2Id: string; storeId: string };

  const figures = async (caller: Caller, input: Record<string, unknown>) =>
    (await must<{ satisfactionFigures: { groups: Figure[]; totals: Figure } }>(caller, `query($i: SatisfactionFiguresInput!) { satisfactionFigures(input: $i) { groups { ${FIGURES} } totals { ${FIGURES} } } }`, { i: input })).satisfactionFigures;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, owner, supervisor, agent, westOwner] = (await Promise.all(['admin@hq.demo', 'owner@east.demo', 'supervisor@east.demo', 'agent@east.demo', 'owner@west.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller, Caller, Caller];
    const me = await must<{ me: { user: { id: string; franchiseId: string; orgUnitId: string } } }>(agent, '{ me { user { id franchiseId orgUnitId } } }');
    const staff = await must<{ staffUsers: { nodes: { id: string; email: string }[] } }>(owner, '{ staffUsers(paging: { limit: 100 }) { nodes { id email } } }');
    const customers = await must<{ customers: { nodes: { id: string }[] } }>(owner, '{ customers(paging: { limit: 1 }) { nodes { id } } }');
    east = { franchiseId: me.me.user.franchiseId, customerId: customers.customers.nodes[0]!.id, agentId: me.me.user.id, agent2Id: staff.staffUsers.nodes.find((s) => s.email === 'agent2@east.demo')!.id, storeId: me.me.user.orgUnitId };
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('shares HQ’s templates, keeps a franchise’s own to itself, and versions questions so a sent survey keeps its version', async () => {
    const shared = await must<{ surveyTemplates: { nodes: { code: string; franchiseId: string | null }[] } }>(agent, '{ surveyTemplates(purpose: SERVICE_CONTACT) { nodes { code franchiseId } } }');
    expect(shared.surveyTemplates.nodes).toContainEqual({ code: 'service-csat', franchiseId: null });

    const created = await must<{ createSurveyTemplate: Record<string, unknown> & { id: string; currentVersionId: string } }>(supervisor, `mutation($i: CreateSurveyTemplateInput!) { createSurveyTemplate(input: $i) { ${TEMPLATE} } }`, {
      i: {
        code: 'east-callback',
        name: '华东回访问卷',
        purpose: 'CALLBACK',
        questions: [
          { key: 'overall', kind: 'RATING', text: '总体满意度', required: true, weight: 2, satisfaction: true },
          { key: 'staff', kind: 'SINGLE_CHOICE', text: '店员服务', options: [{ value: 'good', label: '好', score: 10 }, { value: 'ok', label: '一般', score: 5 }, { value: 'bad', label: '差', score: 0 }] },
          { key: 'topics', kind: 'MULTIPLE_CHOICE', text: '您关心的', weight: 0, options: [{ value: 'price', label: '价格' }, { value: 'stock', label: '缺货' }] },
          { key: 'again', kind: 'YES_NO', text: '会再来吗' },
          { key: 'note', kind: 'TEXT', text: '其他' },
        ],
      },
    });
    const t = created.createSurveyTemplate;
    expect(t).toMatchObject({ franchiseId: east.franchiseId, currentVersionNo: 1, version: 1 });
    expect((t.questions as { key: string; options: { value: string; score: number }[]; weight: number }[]).map((q) => [q.key, q.weight, q.options.map((o) => `${o.value}:${o.score}`)])).toEqual([
      ['overall', 2, []],
      ['staff', 1, ['good:10', 'ok:5', 'bad:0']],
      ['topics', 0, ['price:0', 'stock:0']],
      ['again', 1, ['yes:10', 'no:0']],
      ['note', 0, []],
    ]);
    // West neither lists nor opens it.
    expect((await must<{ surveyTemplates: { nodes: { id: string }[] } }>(westOwner, '{ surveyTemplates { nodes { id } } }')).surveyTemplates.nodes.map((n) => n.id)).not.toContain(t.id);
    expect((await must<{ surveyTemplate: unknown }>(westOwner, 'query($id: ID!) { surveyTemplate(id: $id) { id } }', { id: t.id })).surveyTemplate).toBeNull();

    // A survey sent with version 1; then the questions change (version 2).
    const surveyId = await pendingSurvey(app, { franchiseId: east.franchiseId, customerId: east.customerId, staffId: east.agentId, orgUnitId: east.storeId, templateVersionId: t.currentVersionId });
    clock.freezeAt('2031-03-02T10:00:00+08:00');
    const sent = await sendSurvey(agent, surveyId, 'PHONE');
    const updated = await must<{ updateSurveyTemplate: { currentVersionNo: number; version: number; questions: { key: string }[] } }>(supervisor, `mutation($i: UpdateSurveyTemplateInput!) { updateSurveyTemplate(input: $i) { ${TEMPLATE} } }`, {
      i: { id: t.id, version: 1, questions: [{ key: 'overall', kind: 'RATING', text: '总体满意度', required: true, satisfaction: true }, { key: 'recommend', kind: 'NPS', text: '推荐意愿' }] },
    });
    expect(updated.updateSurveyTemplate).toMatchObject({ currentVersionNo: 2, version: 2, questions: [{ key: 'overall' }, { key: 'recommend' }] });
    // Renaming only is no new version.
    expect((await must<{ updateSurveyTemplate: { currentVersionNo: number } }>(supervisor, 'mutation { updateSurveyTemplate(input: { id: "' + t.id + '", version: 2, name: "华东回访问卷（新）" }) { currentVersionNo } }')).updateSurveyTemplate.currentVersionNo).toBe(2);

    // The sent survey is answered against version 1: v2's question is unknown to it.
    const wrong = await answerSurvey(agent, { id: surveyId, version: sent.version, answers: [{ questionKey: 'overall', value: 4 }, { questionKey: 'recommend', value: 9 }] });
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.body.errors![0]!.extensions).toMatchObject({ field: 'answers.1.questionKey' });
    const answered = await answerSurvey(agent, {
      id: surveyId,
      version: sent.version,
      answers: [{ questionKey: 'overall', value: 4 }, { questionKey: 'staff', choices: ['ok'] }, { questionKey: 'topics', choices: ['price', 'stock'] }, { questionKey: 'again', choices: ['yes'] }, { questionKey: 'note', text: '希望多备些常用药' }],
      suggestion: '  周末也能送货就好了 ',
    });
    expect(answered.body.errors).toBeUndefined();
    const a = answered.body.data!.recordSurveyAnswers;
    // score = (2 × 3/4 + 1 × 5/10 + 1 × 10/10) ÷ 4 = 75 (topics weight 0, text unscored)
    expect(a).toMatchObject({ status: 'ANSWERED', channel: 'PHONE', rating: 4, npsScore: null, score: 75, suggestion: '周末也能送货就好了', templateVersion: { versionNo: 1 } });
    expect((a as unknown as { answers: unknown[] }).answers).toEqual([
      { questionKey: 'overall', value: 4, choices: null, text: null },
      { questionKey: 'staff', value: null, choices: ['ok'], text: null },
      { questionKey: 'topics', value: null, choices: ['price', 'stock'], text: null },
      { questionKey: 'again', value: null, choices: ['yes'], text: null },
      { questionKey: 'note', value: null, choices: null, text: '希望多备些常用药' },
    ]);
    // Once: a second recording is refused.
    expect(errorCodes(await answerSurvey(agent, { id: surveyId, version: a.version, answers: [{ questionKey: 'overall', value: 5 }] }))).toEqual(['INVALID_TRANSITION']);
  });

  it('refuses bad templates and answers with codes and the field, writing nothing', async () => {
    const create = (caller: Caller, i: Record<string, unknown>) => caller.graphql(`mutation($i: CreateSurveyTemplateInput!) { createSurveyTemplate(input: $i) { id } }`, { i });
    const base = { code: 'bad-one', name: '坏问卷', purpose: 'GENERAL' };
    const cases: [string, Caller, Record<string, unknown>, string, string | undefined][] = [
      ['one option', supervisor, { ...base, questions: [{ key: 'a', kind: 'SINGLE_CHOICE', text: '?', options: [{ value: 'x', label: 'x' }] }] }, 'BAD_USER_INPUT', 'questions.0.options'],
      ['two satisfaction questions', supervisor, { ...base, questions: [{ key: 'a', kind: 'RATING', text: '?', satisfaction: true }, { key: 'b', kind: 'RATING', text: '?', satisfaction: true }] }, 'BAD_USER_INPUT', 'questions'],
      ['satisfaction on NPS', supervisor, { ...base, questions: [{ key: 'a', kind: 'NPS', text: '?', satisfaction: true }] }, 'BAD_USER_INPUT', 'questions.0.satisfaction'],
      ['a key twice', supervisor, { ...base, questions: [{ key: 'a', kind: 'TEXT', text: '?' }, { key: 'a', kind: 'TEXT', text: '?' }] }, 'BAD_USER_INPUT', 'questions.1.key'],
      ['options on a rating', supervisor, { ...base, questions: [{ key: 'a', kind: 'RATING', text: '?', options: [{ value: 'x', label: 'x' }] }] }, 'BAD_USER_INPUT', 'questions.0.options'],
      ['no questions', supervisor, { ...base, questions: [] }, 'BAD_USER_INPUT', undefined],
      ['a taken code', supervisor, { ...base, code: 'east-callback', questions: [{ key: 'a', kind: 'TEXT', text: '?' }] }, 'BAD_USER_INPUT', 'code'],
      ['a franchise writing a shared one', owner, { ...base, shared: true, questions: [{ key: 'a', kind: 'TEXT', text: '?' }] }, 'FORBIDDEN', undefined],
      ['an agent', agent, { ...base, questions: [{ key: 'a', kind: 'TEXT', text: '?' }] }, 'FORBIDDEN', undefined],
    ];
    for (const [name, caller, input, code, field] of cases) {
      const res = await create(caller, input);
      expect({ name, codes: errorCodes(res) }).toEqual({ name, codes: [code] });
      if (field) expect({ name, field: res.body.errors![0]!.extensions!.field }).toEqual({ name, field });
    }
    const mine = await must<{ surveyTemplates: { nodes: { code: string }[] } }>(owner, '{ surveyTemplates { nodes { code } } }');
    expect(mine.surveyTemplates.nodes.map((n) => n.code)).not.toContain('bad-one');

    // HQ's shared template is read-only for a franchise; HQ edits it.
    const shared = (await must<{ surveyTemplates: { nodes: { id: string; version: number; code: string }[] } }>(owner, '{ surveyTemplates(purpose: SERVICE_CONTACT) { nodes { id version code } } }')).surveyTemplates.nodes.find((n) => n.code === 'service-csat')!;
    expect(errorCodes(await owner.graphql('mutation($i: UpdateSurveyTemplateInput!) { updateSurveyTemplate(input: $i) { id } }', { i: { id: shared.id, version: shared.version, name: '改名' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await hq.graphql('mutation($i: UpdateSurveyTemplateInput!) { updateSurveyTemplate(input: $i) { id } }', { i: { id: shared.id, version: shared.version + 5, name: '改名' } }))).toEqual(['CONFLICT']);

    // Answers: out of range, an unknown option, a required one missing, no channel, a stale version.
    const id = await pendingSurvey(app, { franchiseId: east.franchiseId, customerId: east.customerId, staffId: east.agentId, orgUnitId: east.storeId });
    const answer = (i: Record<string, unknown>) => answerSurvey(agent, { id, version: 1, channel: 'PHONE', ...i });
    const bad: [string, Record<string, unknown>, string, string][] = [
      ['rating 6', { answers: [{ questionKey: 'overall', value: 6 }] }, 'BAD_USER_INPUT', 'answers.0.value'],
      ['NPS 11', { answers: [{ questionKey: 'overall', value: 5 }, { questionKey: 'recommend', value: 11 }] }, 'BAD_USER_INPUT', 'answers.1.value'],
      ['maybe', { answers: [{ questionKey: 'overall', value: 5 }, { questionKey: 'resolved', choices: ['maybe'] }] }, 'BAD_USER_INPUT', 'answers.1.choices'],
      ['required missing', { answers: [{ questionKey: 'recommend', value: 10 }] }, 'BAD_USER_INPUT', 'answers'],
      ['no channel', { channel: null, answers: [{ questionKey: 'overall', value: 5 }] }, 'BAD_USER_INPUT', 'channel'],
      ['stale', { version: 7, answers: [{ questionKey: 'overall', value: 5 }] }, 'CONFLICT', ''],
    ];
    for (const [name, input, code, field] of bad) {
      const res = await answer(input);
      expect({ name, codes: errorCodes(res) }).toEqual({ name, codes: [code] });
      if (field) expect({ name, field: res.body.errors![0]!.extensions!.field }).toEqual({ name, field });
    }
    const still = await must<{ satisfactionRequests: { nodes: { id: string; status: string; answers: unknown }[] } }>(owner, '{ satisfactionRequests(paging: { limit: 200 }) { nodes { id status answers { questionKey } } } }');
    expect(still.satisfactionRequests.nodes.find((n) => n.id === id)).toEqual({ id, status: 'PENDING', answers: null });
    expect(errorCodes(await westOwner.graphql(`mutation($i: RecordSurveyAnswersInput!) { recordSurveyAnswers(input: $i) { id } }`, { i: { id, version: 1, channel: 'PHONE', answers: [{ questionKey: 'overall', value: 1 }] } }))).toEqual(['NOT_FOUND']);
  });

  it('computes the rates by the published definitions on known data, each survey in the month it was sent in east’s zone', async () => {
    // [sent at (east local time), channel, agent, rating, NPS]; rating undefined = not answered.
    const table: [string, string, 'agent' | 'agent2', number | undefined, number | null][] = [
      ['2030-10-05T10:00:00+08:00', 'PHONE', 'agent', 5, 10],
      ['2030-10-20T15:00:00+08:00', 'SMS', 'agent', undefined, null],
      ['2030-10-31T23:30:00+08:00', 'PHONE', 'agent2', 4, 8], // still October in Shanghai (15:30 UTC)
      ['2030-11-01T00:30:00+08:00', 'PHONE', 'agent', 1, 3], // November in Shanghai, still 31 October in UTC
      ['2030-11-15T11:00:00+08:00', 'WECHAT', 'agent2', 3, null],
      ['2030-11-20T16:00:00+08:00', 'PHONE', 'agent', undefined, null],
      ['2030-11-30T23:59:00+08:00', 'PHONE', 'agent', 2, 9],
      ['2030-12-01T00:10:00+08:00', 'SMS', 'agent', undefined, null], // December in Shanghai, 30 November in UTC
    ];
    for (const [at, channel, who, rating, nps] of table) {
      const id = await pendingSurvey(app, { franchiseId: east.franchiseId, customerId: east.customerId, staffId: who === 'agent' ? east.agentId : east.agent2Id, orgUnitId: east.storeId });
      clock.freezeAt(at);
      const sent = await sendSurvey(agent, id, channel);
      if (rating === undefined) continue;
      const answers = [{ questionKey: 'overall', value: rating }, ...(nps == null ? [] : [{ questionKey: 'recommend', value: nps }])];
      expect((await answerSurvey(agent, { id, version: sent.version, answers })).body.errors).toBeUndefined();
    }
    clock.freezeAt('2030-12-15T10:00:00+08:00');
    const zero = { satisfied: 0, dissatisfied: 0, npsAnswered: 0, promoters: 0, detractors: 0 };
    const byMonth = await figures(owner, { from: '2030-10-01', to: '2030-12-31', groupBy: 'MONTH' });
    expect(byMonth.groups).toEqual([
      { key: '2030-10', label: '2030-10', sent: 3, answered: 2, rated: 2, satisfied: 2, dissatisfied: 0, npsAnswered: 2, promoters: 1, detractors: 0, satisfactionRate: 1, dissatisfactionRate: 0, nps: 50, responseRate: 0.6667, averageRating: 4.5 },
      { key: '2030-11', label: '2030-11', sent: 4, answered: 3, rated: 3, satisfied: 0, dissatisfied: 2, npsAnswered: 2, promoters: 1, detractors: 1, satisfactionRate: 0, dissatisfactionRate: 0.6667, nps: 0, responseRate: 0.75, averageRating: 2 },
      { key: '2030-12', label: '2030-12', sent: 1, answered: 0, rated: 0, ...zero, satisfactionRate: null, dissatisfactionRate: null, nps: null, responseRate: 0, averageRating: null },
    ]);
    expect(byMonth.totals).toMatchObject({ key: null, sent: 8, answered: 5, rated: 5, satisfied: 2, dissatisfied: 2, satisfactionRate: 0.4, dissatisfactionRate: 0.4, nps: 25, responseRate: 0.625, averageRating: 3 });

    // November alone, by channel and by agent; one agent; one channel.
    const nov = { from: '2030-11-01', to: '2030-11-30' };
    expect((await figures(owner, { ...nov, groupBy: 'CHANNEL' })).groups.map((g) => [g.key, g.sent, g.answered, g.satisfactionRate, g.dissatisfactionRate, g.nps, g.responseRate])).toEqual([
      ['PHONE', 3, 2, 0, 1, 0, 0.6667],
      ['WECHAT', 1, 1, 0, 0, null, 1],
    ]);
    const byAgent = await figures(owner, { ...nov, groupBy: 'AGENT' });
    expect(byAgent.groups.map((g) => [g.key, g.sent, g.rated, g.dissatisfied]).sort()).toEqual([[east.agent2Id, 1, 1, 0], [east.agentId, 3, 2, 2]].sort());
    expect(byAgent.groups.every((g) => typeof g.label === 'string' && g.label.length > 0)).toBe(true);
    expect((await figures(owner, { ...nov, agentId: east.agent2Id })).totals).toMatchObject({ sent: 1, rated: 1, averageRating: 3 });
    expect((await figures(owner, { ...nov, channel: 'WECHAT', groupBy: 'DAY' })).groups.map((g) => g.key)).toEqual(['2030-11-15']);
    // The store and franchise groupings name them.
    expect((await figures(owner, { ...nov, groupBy: 'STORE' })).groups).toMatchObject([{ key: east.storeId, sent: 4 }]);
    expect((await figures(hq, { ...nov, groupBy: 'FRANCHISE' })).groups).toMatchObject([{ key: east.franchiseId, label: expect.any(String), sent: 4 }]);
    // By the customer's doctor (the one on their archive): all of November's were about one customer.
    const { customer } = await must<{ customer: { doctorId: string; doctor: { displayName: string } } }>(owner, 'query($id: ID!) { customer(id: $id) { doctorId doctor { displayName } } }', { id: east.customerId });
    expect((await figures(owner, { ...nov, groupBy: 'DOCTOR' })).groups).toMatchObject([{ key: customer.doctorId, label: customer.doctor.displayName, sent: 4, rated: 3, dissatisfied: 2 }]);
    expect((await figures(owner, { ...nov, doctorId: customer.doctorId })).totals).toMatchObject({ sent: 4 });
    expect((await figures(owner, { ...nov, doctorId: east.agentId })).totals).toMatchObject({ sent: 0 });
    // West sees none of east's.
    expect((await figures(westOwner, { from: '2030-10-01', to: '2030-12-31' })).totals).toMatchObject({ sent: 0, answered: 0, satisfactionRate: null });
  });

  it('refuses a bad period with codes', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ from: '2030-13-01', to: '2030-12-31' }, 'from'],
      [{ from: '2030-02-30', to: '2030-03-01' }, 'from'],
      [{ from: '2030-12-01', to: '2030-11-01' }, 'to'],
      [{ from: '2029-01-01', to: '2030-12-31' }, 'to'],
    ];
    for (const [input, field] of bad) {
      const res = await supervisor.graphql('query($i: SatisfactionFiguresInput!) { satisfactionFigures(input: $i) { totals { sent } } }', { i: input });
      expect({ input, codes: errorCodes(res), field: res.body.errors?.[0]?.extensions?.field }).toEqual({ input, codes: ['BAD_USER_INPUT'], field });
    }
    expect(errorCodes(await agent.graphql('{ satisfactionFigures(input: { from: "2030-11-01", to: "2030-11-30" }) { totals { sent } } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await owner.graphql('query($s: ID!) { satisfactionFigures(input: { from: "2030-11-01", to: "2030-11-30", storeId: $s }) { totals { sent } } }', { s: '00000000-0000-4000-8000-000000000000' }))).toEqual(['NOT_FOUND']);
  });
});
