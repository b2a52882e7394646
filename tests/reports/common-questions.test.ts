import { Client } from 'pg';
import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { until } from '../support/until';
import { franchiseIds } from '../plugins/support';

/**
 * Common questions (常见问题) on known data, in east (Asia/Shanghai) and west (moved to
 * Europe/Berlin): case types and complaint categories, articles used on cases, words of case
 * subjects, each beside the previous period of as many days, on each franchise's local days,
 * from the facts the events keep; west's cases never in east's figures.
 */

const CREATE = `mutation($c: CaseInput!) { createOneCase(input: { case: $c }) { id } }`;
const ARTICLE = `mutation($a: KnowledgeArticleInput!) { createOneKnowledgeArticle(input: { knowledgeArticle: $a }) { id } }`;
const LINK = `mutation($c: ID!, $a: ID!) { linkKnowledgeArticle(input: { caseId: $c, articleId: $a }) { id usageCount } }`;
const COMMON = `query($i: CommonQuestionsInput!) { commonQuestions(input: $i) {
  from to previousFrom previousTo
  categories { group key count previousCount change }
  articles { articleId title count previousCount change }
  words { word count previousCount change } } }`;

interface Common {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  categories: { group: string; key: string; count: number; previousCount: number; change: number | null }[];
  articles: { articleId: string; title: string | null; count: number; previousCount: number; change: number | null }[];
  words: { word: string; count: number; previousCount: number; change: number | null }[];
}

describe('common questions: case categories, articles used and subject words, from the report facts', () => {
  let app: TestApp;
  let db: Client;
  let eastOwner: Caller;
  let eastAgent: Caller;
  let westAgent: Caller;
  let westOwner: Caller;
  let westStore: string;
  let eastArticle: string;
  let sharedArticle: string;

  const run = async (caller: Caller, input: Record<string, unknown>) => {
    const res = await caller.graphql<{ commonQuestions: Common }>(COMMON, { i: input });
    if (!res.body.data?.commonQuestions) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data.commonQuestions;
  };
  const must = async <T>(caller: Caller, query: string, variables: Record<string, unknown>) => {
    const res = await caller.graphql<T>(query, variables);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!;
  };
  const openCase = async (caller: Caller, at: string, c: Record<string, unknown>) => {
    clock.freezeAt(at);
    return (await must<{ createOneCase: { id: string } }>(caller, CREATE, { c: { channel: 'PHONE', description: '常见问题测试', ...c } })).createOneCase.id;
  };

  beforeAll(async () => {
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    const hq = await signIn(app, 'admin@hq.demo');
    [eastOwner, eastAgent, westAgent, westOwner] = await Promise.all([signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo'), signIn(app, 'agent@west.demo'), signIn(app, 'owner@west.demo')]);
    const ids = await franchiseIds(hq);
    await db.query(`update org_unit set time_zone = 'Europe/Berlin' where id = $1`, [ids.west]);
    westStore = (await db.query<{ id: string }>(`select id from org_unit where franchise_id = $1 and kind = 'STORE' order by path limit 1`, [ids.west])).rows[0]!.id;

    eastArticle = (await must<{ createOneKnowledgeArticle: { id: string } }>(eastOwner, ARTICLE, { a: { kind: 'FAQ', title: '东区：降压药与感冒药能否同服', body: '多数情况下可以，但含伪麻黄碱的感冒药会升高血压。' } })).createOneKnowledgeArticle.id;
    sharedArticle = (await must<{ createOneKnowledgeArticle: { id: string } }>(hq, ARTICLE, { a: { kind: 'FAQ', title: '总部：快递破损如何处理', body: '拍照留证，48 小时内补发。', shared: true } })).createOneKnowledgeArticle.id;

    // The previous period, 2025-02-01..07 in Shanghai.
    const before1 = await openCase(eastAgent, '2025-02-03T02:00:00Z', { type: 'COMPLAINT', category: 'DELIVERY_DAMAGED', subject: '快递破损投诉' });
    await openCase(eastAgent, '2025-02-04T02:00:00Z', { type: 'CONSULTATION', subject: '降压药副作用咨询' });
    await must(eastAgent, LINK, { c: before1, a: sharedArticle });
    // 2025-02-07 23:30 in Shanghai: still the previous period.
    await openCase(eastAgent, '2025-02-07T15:30:00Z', { type: 'CONSULTATION', subject: '会员积分怎么兑换？' });
    // The period, 2025-02-08..14 in Shanghai; the first at 00:30 on the 8th.
    const c1 = await openCase(eastAgent, '2025-02-07T16:30:00Z', { type: 'CONSULTATION', subject: '降压药副作用怎么办？' });
    const c2 = await openCase(eastAgent, '2025-02-10T02:00:00Z', { type: 'CONSULTATION', subject: '请问降压药可以和感冒药一起吃吗' });
    const c3 = await openCase(eastAgent, '2025-02-11T02:00:00Z', { type: 'COMPLAINT', category: 'DELIVERY_DAMAGED', subject: '快递破损，药盒压坏了' });
    await openCase(eastAgent, '2025-02-12T02:00:00Z', { type: 'COMPLAINT', category: 'DELIVERY_LATE', subject: '快递太慢了' });
    // 2025-02-15 00:30 in Shanghai: after the period.
    await openCase(eastAgent, '2025-02-14T16:30:00Z', { type: 'CONSULTATION', subject: '降压药副作用' });
    for (const [c, a] of [[c1, eastArticle], [c2, eastArticle], [c2, eastArticle], [c3, sharedArticle]] as const) {
      clock.freezeAt('2025-02-12T03:00:00Z');
      await must(eastAgent, LINK, { c, a });
    }
    // West, the same instants: its own cases and words (never in east's figures).
    await openCase(westAgent, '2025-02-10T02:00:00Z', { type: 'CONSULTATION', subject: '降压药副作用' });
    await openCase(westAgent, '2025-02-10T03:00:00Z', { type: 'COMPLAINT', category: 'DRUG_SPOILED', subject: '西区药品变质' });
    clock.reset();
    await until('the report reactions', async () => {
      const { rows } = await db.query<{ waiting: string; events: string }>(
        `select (select count(*) from event_reaction where handler like 'core/report facts%' and status <> 'DONE') as waiting,
                (select count(*) from event_outbox where dispatched_at is null) as events`,
      );
      return rows[0]!.waiting === '0' && rows[0]!.events === '0';
    });
  }, 120_000);

  afterAll(async () => {
    clock.reset();
    await db?.end();
    await app?.stop();
  });

  it('top case types and complaint categories of the period beside the previous 7 days', async () => {
    const east = await run(eastOwner, { from: '2025-02-08', to: '2025-02-14' });
    expect([east.from, east.to, east.previousFrom, east.previousTo]).toEqual(['2025-02-08', '2025-02-14', '2025-02-01', '2025-02-07']);
    expect(east.categories.map((c) => [c.group, c.key, c.count, c.previousCount, c.change])).toEqual([
      ['CASE_TYPE', 'CONSULTATION', 2, 2, 0],
      ['CASE_TYPE', 'COMPLAINT', 2, 1, 1],
      ['COMPLAINT_CATEGORY', 'DELIVERY_DAMAGED', 1, 1, 0],
      ['COMPLAINT_CATEGORY', 'DELIVERY_LATE', 1, 0, null],
    ]);
  });

  it('knowledge articles used on cases, once per case, with their titles (HQ’s shared one too)', async () => {
    const east = await run(eastOwner, { from: '2025-02-08', to: '2025-02-14' });
    expect(east.articles.map((a) => [a.articleId, a.title, a.count, a.previousCount])).toEqual([
      [eastArticle, '东区：降压药与感冒药能否同服', 2, 0],
      [sharedArticle, '总部：快递破损如何处理', 1, 1],
    ]);
    // Counted on the local day of use: all of this period's uses were on the 12th.
    const week = await run(eastOwner, { from: '2025-02-12', to: '2025-02-12' });
    expect(week.articles.map((a) => [a.title, a.count])).toEqual([
      ['东区：降压药与感冒药能否同服', 2],
      ['总部：快递破损如何处理', 1],
    ]);
  });

  it('words of case subjects, segmented, punctuation and stop words (请问, 怎么, 可以…) dropped, by the local day the case was opened', async () => {
    const east = await run(eastOwner, { from: '2025-02-08', to: '2025-02-14' });
    const words = Object.fromEntries(east.words.map((w) => [w.word, [w.count, w.previousCount]]));
    expect(east.words.slice(0, 2).map((w) => [w.word, w.count, w.previousCount])).toEqual([
      ['快递', 2, 1],
      ['降压药', 2, 1],
    ]);
    expect(words['副作用']).toEqual([1, 1]);
    expect(words['感冒']).toEqual([1, 0]);
    expect(words['破损']).toEqual([1, 1]);
    for (const dropped of ['请问', '怎么', '可以', '吗', '，', '？', '一起']) expect(words[dropped]).toBeUndefined();
    // 会员积分 was asked at 23:30 on the 7th in Shanghai: the previous period, never this one.
    expect(words['会员']).toBeUndefined();
    expect(words['积分']).toBeUndefined();
    // West's own subjects are not east's.
    expect(words['西区']).toBeUndefined();
    expect(east.categories.map((c) => c.key)).not.toContain('DRUG_SPOILED');
    const west = await run(westOwner, { from: '2025-02-08', to: '2025-02-14' });
    expect(west.words.map((w) => [w.word, w.count])).toEqual(expect.arrayContaining([['降压药', 1], ['西区', 1]]));
    expect(west.articles).toEqual([]);
  });

  it('limit keeps the top rows of each list; a store narrows to it', async () => {
    const top = await run(eastOwner, { from: '2025-02-08', to: '2025-02-14', limit: 1 });
    expect(top.categories.map((c) => c.key)).toEqual(['CONSULTATION', 'DELIVERY_DAMAGED']);
    expect(top.articles.map((a) => a.articleId)).toEqual([eastArticle]);
    expect(top.words.map((w) => w.word)).toEqual(['快递']);
    const westByStore = await run(westOwner, { from: '2025-02-08', to: '2025-02-14', storeId: westStore });
    expect(westByStore.categories.reduce((n, c) => n + (c.group === 'CASE_TYPE' ? c.count : 0), 0)).toBeLessThanOrEqual(2);
  });

  it('bad inputs have codes: limit out of range, to before from, a range too long, another franchise’s store, callers without report:read', async () => {
    const limit = await eastOwner.graphql(COMMON, { i: { from: '2025-02-08', to: '2025-02-14', limit: 0 } });
    expect(errorCodes(limit)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(limit.body.errors)).toContain('"field":"limit"');
    expect(errorCodes(await eastOwner.graphql(COMMON, { i: { from: '2025-02-08', to: '2025-02-14', limit: 51 } }))).toEqual(['BAD_USER_INPUT']);
    const order = await eastOwner.graphql(COMMON, { i: { from: '2025-02-14', to: '2025-02-08' } });
    expect(errorCodes(order)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(order.body.errors)).toContain('"field":"to"');
    expect(errorCodes(await eastOwner.graphql(COMMON, { i: { from: '2024-01-01', to: '2025-02-14' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await eastOwner.graphql(COMMON, { i: { from: '2025-02-30', to: '2025-03-01' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await eastOwner.graphql(COMMON, { i: { from: '2025-02-08', to: '2025-02-14', storeId: westStore } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await eastAgent.graphql(COMMON, { i: { from: '2025-02-08', to: '2025-02-14' } }))).toEqual(['FORBIDDEN']);
  });
});
