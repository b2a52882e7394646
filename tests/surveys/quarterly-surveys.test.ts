import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';

jest.setTimeout(120_000);

const ROUND = 'id version quarter title templateVersionId audience closesOn closedAt';
const RESULTS = `round { id quarter } previousRound { id quarter } addressed answered responseRate previousResponseRate
  questions { questionKey kind answered average previousAverage change }
  franchises { franchiseId franchiseName answered averageRating answers { questionKey value text } }`;
const MINE = `round { id quarter } open questions { key } response { id franchiseId answers { questionKey value text } }`;

interface Mine {
  round: { id: string; quarter: string };
  open: boolean;
  questions: { key: string }[];
  response: { id: string; franchiseId: string; answers: { questionKey: string; value: number | null }[] } | null;
}

/**
 * Quarterly surveys of franchises and partner organizations on known data: HQ opens 2031-Q1 and
 * Q2 rounds of one HQ template; both franchise owners answer Q1, east alone Q2. The response
 * rate, per-question means and the change from the previous quarter by hand; each owner answers
 * once, sees only their own answers, cannot answer a partners-only round; a closed round takes
 * no answers.
 */
describe('quarterly surveys of franchises and partners', () => {
  let app: TestApp;
  let hq: Caller;
  let east: Caller;
  let west: Caller;
  const rounds: Record<string, { id: string; version: number; templateVersionId: string }> = {};
  let eastId = '';
  let westId = '';
  let templateId = '';

  const open = (input: Record<string, unknown>) => hq.graphql<{ openQuarterlySurveyRound: { id: string; version: number; templateVersionId: string } }>(`mutation($i: OpenQuarterlySurveyRoundInput!) { openQuarterlySurveyRound(input: $i) { ${ROUND} } }`, { i: input });
  const answer = (caller: Caller, roundId: string, values: [number, number, number], comment = '') =>
    caller.graphql<{ answerQuarterlySurvey: { id: string; franchiseId: string } }>(`mutation($i: AnswerQuarterlySurveyInput!) { answerQuarterlySurvey(input: $i) { id franchiseId templateVersionId } }`, {
      i: { roundId, answers: [{ questionKey: 'service', value: values[0] }, { questionKey: 'followUp', value: values[1] }, { questionKey: 'solving', value: values[2] }, ...(comment ? [{ questionKey: 'comment', text: comment }] : [])] },
    });
  // This test's rounds (2031; the demo's are years earlier).
  const mine = (caller: Caller) => must<{ myQuarterlySurveys: Mine[] }>(caller, `{ myQuarterlySurveys { ${MINE} } }`).then((d) => d.myQuarterlySurveys.filter((m) => m.round.quarter.startsWith('2031-')));

  beforeAll(async () => {
    app = await startTestApp();
    [hq, east, west] = (await Promise.all(['admin@hq.demo', 'owner@east.demo', 'owner@west.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller, Caller];
    eastId = (await must<{ me: { user: { franchiseId: string } } }>(east, '{ me { user { franchiseId } } }')).me.user.franchiseId;
    westId = (await must<{ me: { user: { franchiseId: string } } }>(west, '{ me { user { franchiseId } } }')).me.user.franchiseId;
    clock.freezeAt('2031-03-10T10:00:00+08:00');
    const template = await must<{ createSurveyTemplate: { id: string } }>(hq, `mutation($i: CreateSurveyTemplateInput!) { createSurveyTemplate(input: $i) { id } }`, {
      i: {
        code: 'quarterly-partner', name: '加盟商季度满意度', purpose: 'GENERAL', shared: true,
        questions: [
          { key: 'service', kind: 'RATING', text: '总部服务质量', required: true, satisfaction: true },
          { key: 'followUp', kind: 'RATING', text: '问题跟进', required: true },
          { key: 'solving', kind: 'RATING', text: '问题解决', required: true },
          { key: 'comment', kind: 'TEXT', text: '意见与建议' },
        ],
      },
    });
    templateId = template.createSurveyTemplate.id;
    for (const [quarter, closesOn] of [['2031-Q1', '2031-03-31'], ['2031-Q2', '2031-06-30']] as const) {
      const res = await open({ quarter, templateId, audience: ['FRANCHISES'], closesOn });
      expect(res.body.errors).toBeUndefined();
      rounds[quarter] = res.body.data!.openQuarterlySurveyRound;
    }
    const partners = await open({ quarter: '2031-Q2', title: '合作机构季度调查', templateId: (await must<{ createSurveyTemplate: { id: string } }>(hq, `mutation { createSurveyTemplate(input: { code: "quarterly-partner-only", name: "合作机构调查", purpose: GENERAL, shared: true, questions: [{ key: "service", kind: RATING, text: "服务", required: true }] }) { id } }`)).createSurveyTemplate.id, audience: ['PARTNERS'], closesOn: '2031-06-30' });
    rounds.partners = partners.body.data!.openQuarterlySurveyRound;
  }, 180_000);
  afterAll(async () => {
    clock.reset();
    await app.stop();
  });

  it('refuses a second round of the template for a quarter, a bad quarter, and a franchise’s template', async () => {
    expect(errorCodes(await open({ quarter: '2031-Q1', templateId, audience: ['FRANCHISES'], closesOn: '2031-03-31' }))).toEqual(['CONFLICT']);
    const own = await must<{ createSurveyTemplate: { id: string } }>(east, `mutation { createSurveyTemplate(input: { code: "east-quarterly", name: "东区问卷", purpose: GENERAL, questions: [{ key: "a", kind: RATING, text: "x" }] }) { id } }`);
    expect(errorCodes(await open({ quarter: '2031-Q3', templateId: own.createSurveyTemplate.id, audience: ['FRANCHISES'], closesOn: '2031-09-30' }))).toEqual(['NOT_FOUND']);
    const bad = await open({ quarter: '2031-5', templateId: rounds['2031-Q1']!.id, audience: ['FRANCHISES'], closesOn: '2031-03-31' });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.body.errors![0]!.extensions!.field).toBe('quarter');
    // Owners neither open rounds nor read HQ's results.
    expect(errorCodes(await east.graphql(`mutation($t: ID!) { openQuarterlySurveyRound(input: { quarter: "2031-Q3", templateId: $t, audience: [FRANCHISES], closesOn: "2031-09-30" }) { id } }`, { t: rounds['2031-Q1']!.id }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await east.graphql(`query($id: ID!) { quarterlySurveyResults(roundId: $id) { answered } }`, { id: rounds['2031-Q1']!.id }))).toEqual(['FORBIDDEN']);
  });

  it('lets each owner answer their own questionnaire once, and only see their own answers', async () => {
    const eastMine = await mine(east);
    // The franchises' two rounds, not the partners' one.
    expect(eastMine.map((m) => [m.round.quarter, m.open, m.response])).toEqual([['2031-Q2', true, null], ['2031-Q1', true, null]]);
    expect(eastMine[0]!.questions.map((q) => q.key)).toEqual(['service', 'followUp', 'solving', 'comment']);

    const given = await answer(east, rounds['2031-Q1']!.id, [5, 4, 3], '跟进及时');
    expect(given.body.errors).toBeUndefined();
    expect(given.body.data!.answerQuarterlySurvey.franchiseId).toBe(eastId);
    expect(errorCodes(await answer(east, rounds['2031-Q1']!.id, [1, 1, 1]))).toEqual(['CONFLICT']);
    // A required question missing is named.
    const missing = await east.graphql(`mutation($r: ID!) { answerQuarterlySurvey(input: { roundId: $r, answers: [{ questionKey: "service", value: 5 }] }) { id } }`, { r: rounds['2031-Q2']!.id });
    expect(errorCodes(missing)).toEqual(['BAD_USER_INPUT']);
    expect(await answer(west, rounds['2031-Q1']!.id, [3, 2, 1])).toMatchObject({ body: { data: { answerQuarterlySurvey: { franchiseId: westId } } } });
    expect((await answer(east, rounds['2031-Q2']!.id, [5, 5, 4])).body.errors).toBeUndefined();

    // West sees its Q1 answers and nothing of east's; east cannot answer the partners' round.
    const westMine = await mine(west);
    expect(westMine.map((m) => [m.round.quarter, m.response?.franchiseId ?? null])).toEqual([['2031-Q2', null], ['2031-Q1', westId]]);
    expect(westMine[1]!.response!.answers.map((a) => a.value)).toEqual([3, 2, 1]);
    expect(JSON.stringify(westMine)).not.toContain(eastId);
    expect(errorCodes(await answer(east, rounds.partners!.id, [5, 5, 5]))).toEqual(['NOT_FOUND']);
  });

  it('gives HQ the response rate, per-question means and the change from the previous quarter', async () => {
    const q2 = (await must<{ quarterlySurveyResults: Record<string, unknown> & { questions: unknown[]; franchises: { franchiseId: string; answered: boolean; averageRating: number | null }[] } }>(hq, `query($id: ID!) { quarterlySurveyResults(roundId: $id) { ${RESULTS} } }`, { id: rounds['2031-Q2']!.id })).quarterlySurveyResults;
    expect(q2).toMatchObject({ round: { quarter: '2031-Q2' }, previousRound: { quarter: '2031-Q1' }, addressed: 2, answered: 1, responseRate: 0.5, previousResponseRate: 1 });
    // Q2: east 5, 5, 4. Q1: (5 + 3) / 2, (4 + 2) / 2, (3 + 1) / 2.
    expect(q2.questions).toEqual([
      { questionKey: 'service', kind: 'RATING', answered: 1, average: 5, previousAverage: 4, change: 1 },
      { questionKey: 'followUp', kind: 'RATING', answered: 1, average: 5, previousAverage: 3, change: 2 },
      { questionKey: 'solving', kind: 'RATING', answered: 1, average: 4, previousAverage: 2, change: 2 },
      { questionKey: 'comment', kind: 'TEXT', answered: 0, average: null, previousAverage: null, change: null },
    ]);
    const byFranchise = Object.fromEntries(q2.franchises.map((f) => [f.franchiseId, [f.answered, f.averageRating]]));
    expect(byFranchise).toEqual({ [eastId]: [true, 4.67], [westId]: [false, null] });
    const q1 = (await must<{ quarterlySurveyResults: { answered: number; responseRate: number; previousRound: unknown; questions: { average: number | null }[] } }>(hq, `query($id: ID!) { quarterlySurveyResults(roundId: $id) { ${RESULTS} } }`, { id: rounds['2031-Q1']!.id })).quarterlySurveyResults;
    expect(q1).toMatchObject({ answered: 2, responseRate: 1, previousRound: null });
    expect(q1.questions.map((q) => q.average)).toEqual([4, 3, 2, null]);
  });

  it('the demo holds last quarter’s round answered by both franchises and this quarter’s open one', async () => {
    const demo = (await must<{ quarterlySurveyRounds: { nodes: { id: string; quarter: string }[] } }>(hq, '{ quarterlySurveyRounds(paging: { limit: 50 }) { nodes { id quarter } } }')).quarterlySurveyRounds.nodes.filter((r) => !/^(2031|2099)-/.test(r.quarter));
    expect(demo).toHaveLength(2);
    const [open, closed] = demo as unknown as [{ id: string }, { id: string }];
    const results = (id: string) => must<{ quarterlySurveyResults: { answered: number; responseRate: number; previousRound: { id: string } | null } }>(hq, `query($id: ID!) { quarterlySurveyResults(roundId: $id) { answered responseRate previousRound { id } } }`, { id }).then((d) => d.quarterlySurveyResults);
    expect(await results(closed.id)).toMatchObject({ answered: 2, responseRate: 1 });
    expect(await results(open.id)).toMatchObject({ answered: 0, previousRound: { id: closed.id } });
    const projects = await must<{ thirdPartySurveyProjects: { nodes: { importedRows: number; storeIds: string[] }[] } }>(hq, '{ thirdPartySurveyProjects { nodes { importedRows storeIds } } }');
    expect(projects.thirdPartySurveyProjects.nodes).toEqual([{ importedRows: 12, storeIds: expect.any(Array) }]);
  });

  it('takes no answers once the round is past its close date or closed by HQ', async () => {
    clock.freezeAt('2031-07-01T09:00:00+08:00');
    expect(errorCodes(await answer(west, rounds['2031-Q2']!.id, [4, 4, 4]))).toEqual(['INVALID_TRANSITION']);
    expect((await mine(west)).map((m) => m.open)).toEqual([false, false]);
    const closed = await hq.graphql<{ closeQuarterlySurveyRound: { closedAt: string } }>(`mutation($id: ID!, $v: Int!) { closeQuarterlySurveyRound(id: $id, version: $v) { closedAt } }`, { id: rounds.partners!.id, v: rounds.partners!.version });
    expect(closed.body.data!.closeQuarterlySurveyRound.closedAt).toBeTruthy();
  });
});
