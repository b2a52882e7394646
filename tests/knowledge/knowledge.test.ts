import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';

const FIELDS = 'id franchiseId kind title body tags status usageCount version shared';
const CREATE = `mutation($a: KnowledgeArticleInput!) { createOneKnowledgeArticle(input: { knowledgeArticle: $a }) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $u: KnowledgeArticleUpdate!) { updateOneKnowledgeArticle(input: { id: $id, version: $v, update: $u }) { ${FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteOneKnowledgeArticle(input: { id: $id }) { id status version } }`;
const GET = `query($id: ID!) { knowledgeArticle(id: $id) { ${FIELDS} } }`;
const LIST = `query($f: KnowledgeArticleFilter, $s: [KnowledgeArticleSort!]) { knowledgeArticles(filter: $f, sorting: $s, paging: { limit: 200 }) { totalCount nodes { id title status franchiseId } } }`;
const SEARCH = `query($q: String!, $k: [KnowledgeKind!], $l: Int) { searchKnowledge(query: $q, kinds: $k, limit: $l) { score snippet article { id title kind status franchiseId } } }`;

interface Article { id: string; franchiseId: string | null; kind: string; title: string; body: string; tags: string[]; status: string; usageCount: number; version: number; shared: boolean }
interface Hit { score: number; snippet: string; article: { id: string; title: string; kind: string; status: string; franchiseId: string | null } }

describe('knowledge base', () => {
  let app: TestApp;
  let hq: Caller;
  let eastOwner: Caller;
  let eastAgent: Caller;
  let westOwner: Caller;

  beforeAll(async () => {
    app = await startTestApp();
    [hq, eastOwner, eastAgent, westOwner] = await Promise.all([signIn(app, 'admin@hq.demo'), signIn(app, 'owner@east.demo'), signIn(app, 'agent@east.demo'), signIn(app, 'owner@west.demo')]);
  });
  afterAll(() => app.stop());

  async function create(caller: Caller, article: Record<string, unknown>): Promise<Article> {
    const res = await caller.graphql<{ createOneKnowledgeArticle: Article }>(CREATE, { a: { kind: 'FAQ', ...article } });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.createOneKnowledgeArticle;
  }

  async function search(caller: Caller, q: string, extra: Record<string, unknown> = {}): Promise<Hit[]> {
    const res = await caller.graphql<{ searchKnowledge: Hit[] }>(SEARCH, { q, ...extra });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.searchKnowledge;
  }

  async function listIds(caller: Caller, filter: Record<string, unknown>): Promise<string[]> {
    const res = await caller.graphql<{ knowledgeArticles: { nodes: { id: string }[] } }>(LIST, { f: filter });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.knowledgeArticles.nodes.map((n) => n.id);
  }

  it('shares HQ’s articles with every franchise, read-only', async () => {
    const shared = await create(hq, { kind: 'MEDICATION_GUIDE', title: '总部共享：缬沙坦胶囊用药要点', body: '每日一次，每次 80mg，注意监测血压与血钾。', tags: ['降压', '共享测试'], shared: true });
    expect(shared).toMatchObject({ franchiseId: null, shared: true, status: 'PUBLISHED', usageCount: 0 });

    for (const caller of [eastOwner, eastAgent, westOwner]) {
      const got = await caller.graphql<{ knowledgeArticle: Article }>(GET, { id: shared.id });
      expect(got.body.data!.knowledgeArticle).toMatchObject({ id: shared.id, title: shared.title });
      expect(await listIds(caller, { id: { eq: shared.id } })).toEqual([shared.id]);
      expect((await search(caller, '缬沙坦')).map((h) => h.article.id)).toContain(shared.id);
    }
    // Shared ones are found by franchiseId is null.
    expect(await listIds(eastAgent, { franchiseId: { is: null }, id: { eq: shared.id } })).toEqual([shared.id]);

    // A franchise owner (with knowledge:write) can neither edit nor archive it; HQ can.
    const edit = await eastOwner.graphql(UPDATE, { id: shared.id, v: shared.version, u: { title: '改掉总部的文章' } });
    expect(errorCodes(edit)).toEqual(['FORBIDDEN']);
    expect(edit.body.errors![0]!.message).toMatch(/shared by HQ.*read-only/);
    expect(errorCodes(await eastOwner.graphql(DELETE, { id: shared.id }))).toEqual(['FORBIDDEN']);
    const byHq = await hq.graphql<{ updateOneKnowledgeArticle: Article }>(UPDATE, { id: shared.id, v: shared.version, u: { body: '每日一次，每次 80mg；用药期间定期监测血压、血钾和肾功能。' } });
    expect(byHq.body.data!.updateOneKnowledgeArticle).toMatchObject({ version: shared.version + 1, franchiseId: null });

    // Only HQ writes shared articles.
    const planted = await eastOwner.graphql(CREATE, { a: { kind: 'FAQ', title: '东区想共享的文章', body: '内容', shared: true } });
    expect(errorCodes(planted)).toEqual(['FORBIDDEN']);
  });

  it('keeps a franchise’s own articles from other franchises', async () => {
    const own = await create(eastOwner, { title: '东区专属：徐汇店夜间取药流程', body: '夜间 22:00 后请按门铃，由值班药师为您取药。', tags: ['门店'] });
    const eastId = (await eastOwner.graphql<{ me: { scope: { orgUnit: { franchiseId: string } } } }>('{ me { scope { orgUnit { franchiseId } } } }')).body.data!.me.scope.orgUnit.franchiseId;
    expect(own).toMatchObject({ franchiseId: eastId, shared: false });

    expect((await eastAgent.graphql<{ knowledgeArticle: Article | null }>(GET, { id: own.id })).body.data!.knowledgeArticle?.id).toBe(own.id);
    expect((await hq.graphql<{ knowledgeArticle: Article | null }>(GET, { id: own.id })).body.data!.knowledgeArticle?.id).toBe(own.id);

    const seen = await westOwner.graphql<{ knowledgeArticle: Article | null }>(GET, { id: own.id });
    expect(seen.body).toEqual({ data: { knowledgeArticle: null } });
    expect(await listIds(westOwner, { id: { eq: own.id } })).toEqual([]);
    expect(await listIds(westOwner, { franchiseId: { eq: eastId } })).toEqual([]);
    expect((await search(westOwner, '夜间取药')).map((h) => h.article.id)).not.toContain(own.id);
    expect((await search(eastAgent, '夜间取药')).map((h) => h.article.id)).toContain(own.id);

    expect(errorCodes(await westOwner.graphql(UPDATE, { id: own.id, v: own.version, u: { title: '西区改东区' } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await westOwner.graphql(DELETE, { id: own.id }))).toEqual(['NOT_FOUND']);
    const after = await eastOwner.graphql<{ knowledgeArticle: Article }>(GET, { id: own.id });
    expect(after.body.data!.knowledgeArticle).toMatchObject({ title: own.title, version: own.version, status: 'PUBLISHED' });

    // The demo data: three articles of each franchise's own, never the other's.
    const westSeeded = await westOwner.graphql<{ knowledgeArticles: { nodes: { title: string; franchiseId: string | null }[] } }>(LIST, { f: { franchiseId: { isNot: null } } });
    const titles = westSeeded.body.data!.knowledgeArticles.nodes.map((n) => n.title);
    expect(titles.some((t) => t.includes('成都'))).toBe(true);
    expect(titles.some((t) => t.includes('徐汇') || t.includes('华东'))).toBe(false);
  });

  it('finds articles by two Chinese characters of the title or body, title matches first', async () => {
    const inBody = await create(eastOwner, { kind: 'HOW_TO', title: '门店陈列调整说明', body: '本周起，琥珀色玻璃瓶装的口服液统一放在收银台左侧货架第二层，便于药师核对。' });
    const inTitle = await create(eastOwner, { kind: 'FAQ', title: '琥珀酸美托洛尔缓释片常见问题', body: '每日一次，早晨服用，可掰开但不可嚼碎。' });
    const inTag = await create(eastOwner, { kind: 'SCRIPT', title: '心率偏慢时的回答话术', body: '请客户测量静息心率，低于 55 次/分请及时联系医生。', tags: ['琥珀酸'] });

    const hits = await search(eastAgent, '琥珀');
    const ids = hits.map((h) => h.article.id);
    expect(ids).toEqual(expect.arrayContaining([inTitle.id, inTag.id, inBody.id]));
    expect(ids.indexOf(inTitle.id)).toBeLessThan(ids.indexOf(inTag.id));
    expect(ids.indexOf(inTag.id)).toBeLessThan(ids.indexOf(inBody.id));
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    const bodyHit = hits.find((h) => h.article.id === inBody.id)!;
    expect(bodyHit.snippet).toContain('琥珀色玻璃瓶');
    expect(bodyHit.snippet.length).toBeLessThanOrEqual(125);

    // Two characters from the middle of a body; two that are both in the text but not adjacent do not match.
    expect((await search(eastAgent, '货架')).map((h) => h.article.id)).toContain(inBody.id);
    expect((await search(eastAgent, '货琥')).map((h) => h.article.id)).not.toContain(inBody.id);
    // Every word must match; kinds narrow.
    expect((await search(eastAgent, '琥珀 心率')).map((h) => h.article.id)).toEqual([inTag.id]);
    expect((await search(eastAgent, '琥珀', { k: ['HOW_TO'] })).map((h) => h.article.id)).toEqual([inBody.id]);
    expect(await search(eastAgent, '琥珀', { l: 1 })).toHaveLength(1);
  });

  it('matches Latin text without regard to case and finds the demo medication guides', async () => {
    const latin = await create(eastOwner, { title: 'Vitamin D3 补充剂选购指南', body: 'Take with a meal that contains fat.' });
    expect((await search(eastAgent, 'vitamin d3')).map((h) => h.article.id)).toContain(latin.id);
    expect((await search(eastAgent, 'MEAL')).map((h) => h.article.id)).toContain(latin.id);

    const guides = await search(westOwner, '二甲双胍', { k: ['MEDICATION_GUIDE'] });
    expect(guides[0]!.article).toMatchObject({ title: '盐酸二甲双胍片用药指导', franchiseId: null });
    expect((await search(westOwner, '布洛芬')).some((h) => h.article.title.startsWith('布洛芬'))).toBe(true);
  });

  it('takes archived articles out of lists and search, and keeps drafts to writers', async () => {
    const article = await create(eastOwner, { title: '珊瑚绒护膝清洗方法', body: '手洗，30℃ 以下温水，平铺晾干。' });
    expect((await search(eastAgent, '珊瑚绒')).map((h) => h.article.id)).toContain(article.id);

    const archived = await eastOwner.graphql<{ deleteOneKnowledgeArticle: { id: string; status: string } }>(DELETE, { id: article.id });
    expect(archived.body.data!.deleteOneKnowledgeArticle).toMatchObject({ id: article.id, status: 'ARCHIVED' });
    expect((await search(eastAgent, '珊瑚绒')).map((h) => h.article.id)).not.toContain(article.id);
    expect(await listIds(eastAgent, { id: { eq: article.id } })).toEqual([]);
    expect(await listIds(eastAgent, { id: { eq: article.id }, status: { eq: 'ARCHIVED' } })).toEqual([article.id]);
    // Archiving again changes nothing.
    expect(errorCodes(await eastOwner.graphql(DELETE, { id: article.id }))).toEqual([]);
    // The demo data's archived HQ article is not found either.
    expect((await search(eastAgent, '春节配送')).length).toBe(0);

    const draft = await create(eastOwner, { title: '珊瑚绒护腰使用说明', body: '草稿内容', status: 'DRAFT' });
    expect((await eastAgent.graphql<{ knowledgeArticle: Article | null }>(GET, { id: draft.id })).body.data!.knowledgeArticle).toBeNull();
    expect((await eastOwner.graphql<{ knowledgeArticle: Article | null }>(GET, { id: draft.id })).body.data!.knowledgeArticle?.status).toBe('DRAFT');
    expect((await search(eastOwner, '护腰')).map((h) => h.article.id)).not.toContain(draft.id);
    const published = await eastOwner.graphql<{ updateOneKnowledgeArticle: Article }>(UPDATE, { id: draft.id, v: draft.version, u: { status: 'PUBLISHED' } });
    expect(published.body.data!.updateOneKnowledgeArticle.status).toBe('PUBLISHED');
    expect((await search(eastAgent, '护腰')).map((h) => h.article.id)).toContain(draft.id);
  });

  it('lets only writers write, and refuses a stale version', async () => {
    const denied = await eastAgent.graphql(CREATE, { a: { kind: 'FAQ', title: '坐席写的文章', body: '内容' } });
    expect(errorCodes(denied)).toEqual(['FORBIDDEN']);

    const article = await create(eastOwner, { title: '版本测试文章', body: '第一版', tags: ['测试', ' 测试 ', 'Tag'] });
    expect(article.tags).toEqual(['测试', 'tag']);
    expect(errorCodes(await eastAgent.graphql(UPDATE, { id: article.id, v: article.version, u: { body: '坐席改' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await eastAgent.graphql(DELETE, { id: article.id }))).toEqual(['FORBIDDEN']);

    const first = await eastOwner.graphql<{ updateOneKnowledgeArticle: Article }>(UPDATE, { id: article.id, v: article.version, u: { body: '第二版' } });
    expect(first.body.data!.updateOneKnowledgeArticle).toMatchObject({ body: '第二版', version: article.version + 1 });
    const stale = await eastOwner.graphql(UPDATE, { id: article.id, v: article.version, u: { body: '过期的第二版' } });
    expect(stale.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: article.version + 1 });

    const filtered = await listIds(eastAgent, { tags: { containsAll: ['TAG'] }, id: { eq: article.id } });
    expect(filtered).toEqual([article.id]);
  });

  it('names the field of each input error', async () => {
    const base = { kind: 'FAQ', title: '字段校验', body: '内容' };
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'knowledgeArticle.title'],
      [{ title: '   ' }, 'knowledgeArticle.title'],
      [{ title: '长'.repeat(201) }, 'knowledgeArticle.title'],
      [{ body: '' }, 'knowledgeArticle.body'],
      [{ body: 'x'.repeat(20_001) }, 'knowledgeArticle.body'],
      [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'knowledgeArticle.tags'],
      [{ tags: ['x'.repeat(31)] }, 'knowledgeArticle.tags'],
      [{ status: 'ARCHIVED' }, 'knowledgeArticle.status'],
    ];
    for (const [change, field] of cases) {
      const res = await eastOwner.graphql(CREATE, { a: { ...base, ...change } });
      expect({ field, error: res.body.errors?.[0]?.extensions }).toMatchObject({ field, error: { code: 'BAD_USER_INPUT', field } });
    }
    expect(await listIds(eastOwner, { title: { eq: '字段校验' } })).toEqual([]);

    const article = await create(eastOwner, base);
    for (const [update, field] of [[{ title: '' }, 'update.title'], [{ body: ' ' }, 'update.body'], [{ kind: null }, 'update.kind']] as const) {
      const res = await eastOwner.graphql(UPDATE, { id: article.id, v: article.version, u: update });
      expect({ field, error: res.body.errors?.[0]?.extensions }).toMatchObject({ field, error: { code: 'BAD_USER_INPUT', field } });
    }

    for (const [variables, field] of [[{ q: '琥' }, 'query'], [{ q: '  ' }, 'query'], [{ q: 'a b' }, 'query'], [{ q: '琥珀', l: 0 }, 'limit'], [{ q: '琥珀', l: 201 }, 'limit']] as const) {
      const res = await eastAgent.graphql(SEARCH, variables);
      expect({ field, error: res.body.errors?.[0]?.extensions }).toMatchObject({ field, error: { code: 'BAD_USER_INPUT', field } });
    }
  });
});
