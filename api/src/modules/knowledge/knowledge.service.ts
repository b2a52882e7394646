import DataLoader from 'dataloader';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { Actor, RequestContext } from '../../core/context';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../core/errors';
import type { ArrayComparison } from '../../core/graphql/filters';
import { findPage, type ListArgs } from '../../core/graphql/list';
import { MAX_PAGE_SIZE } from '../../core/graphql/paging';
import { SortDirection } from '../../core/graphql/sorting';
import { byIdLoader } from '../../core/loaders';
import { normalizeTags } from '../../core/validation';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { scopeSetting } from '../../core/tenancy/scope';
import { publishEvent } from '../../core/events/outbox';
import { CaseArticleLink, KnowledgeArticle, KnowledgeKind, KnowledgeStatus } from './knowledge.entity';
import { KnowledgePermission } from './knowledge.permissions';
import type { KnowledgeArticleInput, KnowledgeArticleUpdate, KnowledgeSearchHit } from './knowledge.types';

const LABEL = 'Knowledge article';

/** Matches no franchise (an empty `in ()` is not valid SQL). */
const NO_FRANCHISE = '00000000-0000-0000-0000-000000000000';

const articleLoader = (ctx: RequestContext) => byIdLoader(ctx, KnowledgeArticle);

const canWrite = (actor: Actor | null) => !!actor && actor.permissions.has(KnowledgePermission['knowledge:write']);

/**
 * Drafts are work in progress: only writers see them, and a franchise's writers only
 * their own franchise's drafts (HQ's shared drafts are HQ's business until published).
 */
export function draftCondition(actor: Actor | null): FilterQuery<KnowledgeArticle> {
  if (actor?.isHq && canWrite(actor)) return {};
  if (canWrite(actor)) return { $or: [{ status: { $ne: KnowledgeStatus.DRAFT } }, { franchiseId: { $ne: null } }] };
  return { status: { $ne: KnowledgeStatus.DRAFT } };
}

function draftVisible(actor: Actor | null, article: KnowledgeArticle): boolean {
  if (article.status !== KnowledgeStatus.DRAFT) return true;
  return canWrite(actor) && (!!actor?.isHq || article.franchiseId != null);
}

function tagsCondition(c: ArrayComparison): Record<string, unknown> {
  const parts: Record<string, unknown>[] = [];
  if (c.containsAll?.length) parts.push({ tags: { $contains: c.containsAll.map((t) => t.trim().toLowerCase()) } });
  if (c.containsAny?.length) parts.push({ tags: { $overlap: c.containsAny.map((t) => t.trim().toLowerCase()) } });
  return parts.length ? { $and: parts } : {};
}

export const knowledgeFilters = { tags: tagsCondition };

/** The article, or null when missing, another franchise's, or a draft the caller may not see. */
export async function findArticle(ctx: RequestContext, id: string): Promise<KnowledgeArticle | null> {
  const article = await articleLoader(ctx).load(id);
  return article && draftVisible(ctx.actor, article) ? article : null;
}

export async function getArticle(ctx: RequestContext, id: string): Promise<KnowledgeArticle> {
  const article = await findArticle(ctx, id);
  if (!article) throw new NotFoundError(LABEL, id);
  return article;
}

/** Trimmed text, refused when nothing is left. */
function text(field: string, value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadUserInputError({ field, message: 'cannot be blank' });
  return trimmed;
}

/** A franchise edits its own articles; HQ's shared ones are read-only to it. HQ edits anything. */
function assertCanEdit(actor: Actor, article: KnowledgeArticle, action: string): void {
  if (article.franchiseId == null && !actor.isHq)
    throw new ForbiddenError(`Knowledge article ${article.id} is shared by HQ and is read-only for franchises; only HQ can ${action} it (write your own article instead)`);
}

export async function createArticle(ctx: RequestContext, input: KnowledgeArticleInput): Promise<KnowledgeArticle> {
  const actor = requireActor(ctx);
  if (input.shared && !actor.isHq) throw new ForbiddenError('Only HQ can write shared articles; leave shared off to write one for your franchise');
  const article = ctx.em.create(KnowledgeArticle, {
    franchiseId: input.shared ? null : actor.franchiseId,
    kind: input.kind,
    title: text('knowledgeArticle.title', input.title),
    body: text('knowledgeArticle.body', input.body),
    tags: normalizeTags(input.tags) ?? [],
    status: input.status ?? KnowledgeStatus.PUBLISHED,
    authorId: actor.kind === 'user' ? actor.id : null,
  });
  await ctx.em.flush();
  return article;
}

export async function updateArticle(ctx: RequestContext, id: string, version: number, update: KnowledgeArticleUpdate): Promise<KnowledgeArticle> {
  const actor = requireActor(ctx);
  for (const [key, value] of Object.entries(update))
    if (value === null) throw new BadUserInputError({ field: `update.${key}`, message: 'cannot be cleared; leave it out to keep it' });
  const article = await getArticle(ctx, id);
  assertCanEdit(actor, article, 'edit');
  checkVersion(article, version, LABEL);
  applyUpdate(article, {
    kind: update.kind,
    title: update.title === undefined ? undefined : text('update.title', update.title),
    body: update.body === undefined ? undefined : text('update.body', update.body),
    tags: normalizeTags(update.tags),
    status: update.status,
  });
  await ctx.em.flush();
  return article;
}

/** Deleting archives: the article leaves lists and search, and the cases it was used on keep their links. */
export async function archiveArticle(ctx: RequestContext, id: string): Promise<KnowledgeArticle> {
  const actor = requireActor(ctx);
  const article = await getArticle(ctx, id);
  assertCanEdit(actor, article, 'archive');
  if (article.status !== KnowledgeStatus.ARCHIVED) {
    article.status = KnowledgeStatus.ARCHIVED;
    await ctx.em.flush();
  }
  return article;
}

// ---------------------------------------------------------------------------- search

/** Columns of an article (not the bigram column, which only the index needs). */
const ARTICLE_COLUMNS = ['id', 'franchise_id', 'kind', 'title', 'body', 'tags', 'status', 'usage_count', 'author_id', 'version', 'created_at', 'updated_at'];
const articleColumns = (alias: string) => ARTICLE_COLUMNS.map((c) => `${alias}.${c}`).join(', ');

const MAX_TERMS = 5;

/**
 * Per term: whether it is in the title, a tag, the body (case-insensitive, no pattern
 * characters involved), and the term's weight: title 1, tag 0.6, body 0.3.
 */
const inTitle = (t: string) => `strpos(lower(a.title), lower(:${t})) > 0`;
const inTags = (t: string) => `strpos(lower(array_to_string(a.tags, ' ')), lower(:${t})) > 0`;
const inBody = (t: string) => `strpos(lower(a.body), lower(:${t})) > 0`;
const termWeight = (t: string) => `(case when ${inTitle(t)} then 1.0 when ${inTags(t)} then 0.6 else 0.3 end)`;

/**
 * Every term must be in the article: the bigram containment (`@>`, served by the GIN
 * index on search_bigrams) narrows to candidates, the text check confirms (two bigrams
 * can be present without being adjacent). Score: the terms' average weight.
 */
const SEARCH_SQL = (terms: string[], withKinds: boolean, scoped: boolean) => `
  select ${articleColumns('a')}, (${terms.map(termWeight).join(' + ')}) / ${terms.length} as score
    from knowledge_article a
   where a.status = 'PUBLISHED'
     and ${terms.map((t) => `a.search_bigrams @> pd_bigrams(:${t}) and (${inTitle(t)} or ${inTags(t)} or ${inBody(t)})`).join('\n     and ')}
     ${withKinds ? 'and a.kind in (:kinds)' : ''}
     ${scoped ? 'and (a.franchise_id is null or a.franchise_id in (:franchises))' : ''}
   order by score desc, a.usage_count desc, a.updated_at desc, a.id
   limit :limit`;

/** Search terms: whitespace-separated, distinct, at most MAX_TERMS. */
function searchTerms(query: string): string[] {
  return [...new Set(query.trim().toLowerCase().split(/\s+/).filter(Boolean))].slice(0, MAX_TERMS);
}

const SNIPPET_BEFORE = 30;
const SNIPPET_LENGTH = 120;

/** Markdown reduced to plain text on one line, for excerpts. */
function plain(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)/gm, '')
    .replace(/[*_`~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A short excerpt of the body around the first match of any term (by code points, so CJK and emoji are not cut in half). */
export function snippetAround(body: string, terms: string[]): string {
  const chars = Array.from(plain(body));
  const lowered = chars.map((c) => c.toLowerCase());
  let first = -1;
  for (const term of terms) {
    const needle = Array.from(term.toLowerCase());
    for (let i = 0; i + needle.length <= lowered.length && (first < 0 || i < first); i++) {
      if (needle.every((c, j) => lowered[i + j] === c)) {
        first = i;
        break;
      }
    }
  }
  const start = first <= SNIPPET_BEFORE ? 0 : first - SNIPPET_BEFORE;
  const end = Math.min(chars.length, start + SNIPPET_LENGTH);
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('').trim()}${end < chars.length ? '…' : ''}`;
}

/**
 * Published articles the caller can see that contain every term of `query` (two
 * characters of Chinese are enough), best first: title matches, then tag matches, then
 * body matches, then the most used.
 */
export async function searchKnowledge(ctx: RequestContext, query: string, options: { kinds?: KnowledgeKind[] | null; limit?: number } = {}): Promise<KnowledgeSearchHit[]> {
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw new BadUserInputError({ field: 'limit', message: `must be between 1 and ${MAX_PAGE_SIZE}` });
  const terms = searchTerms(query);
  if (!terms.some((t) => Array.from(t).length >= 2))
    throw new BadUserInputError({ field: 'query', message: 'give at least 2 characters (two Chinese characters are enough)' });

  const franchises = ctx.scope.franchiseIds === 'all' ? null : ctx.scope.franchiseIds.length ? [...ctx.scope.franchiseIds] : [NO_FRANCHISE];
  const kinds = options.kinds?.length ? [...new Set(options.kinds)] : null;
  const names = terms.map((_, i) => `t${i}`);
  const bindings: Record<string, unknown> = { limit, kinds: kinds ?? [], franchises: franchises ?? [] };
  terms.forEach((term, i) => (bindings[names[i]!] = term));

  const knex = ctx.em.getKnex();
  const rows = await ctx.em.execute<(Record<string, unknown> & { score: number })[]>(knex.raw(SEARCH_SQL(names, !!kinds, !!franchises), bindings));
  return rows.map(({ score, ...row }) => {
    const article = ctx.em.map(KnowledgeArticle, row);
    return { article, score: Math.round(Number(score) * 1000) / 1000, snippet: snippetAround(article.body, terms) };
  });
}

// ---------------------------------------------------------------------------- cases

/**
 * Links an article to a case (the cases module calls this from its own mutation, having
 * checked the case): the article must be visible to the caller, usable in the case's
 * franchise and PUBLISHED. Linking the same article to a case again changes nothing;
 * a new link counts one use (an atomic increment, so concurrent links all count) and emits
 * `knowledge.articleUsed` (the reports count the articles used from it).
 */
export async function linkArticleToCase(ctx: RequestContext, caseRecord: { id: string; franchiseId: string; orgUnitId: string }, articleId: string): Promise<KnowledgeArticle> {
  const actor = requireActor(ctx);
  const article = await getArticle(ctx, articleId);
  if (article.franchiseId != null && article.franchiseId !== caseRecord.franchiseId)
    throw new BadUserInputError({ field: 'articleId', message: 'must be an HQ shared article or one of the case’s franchise' });
  if (article.status !== KnowledgeStatus.PUBLISHED)
    throw new BadUserInputError({ field: 'articleId', message: `only published articles can be linked to a case (this one is ${article.status})` });

  const knex = ctx.em.getKnex();
  const inserted = await ctx.em.execute<{ id: string }[]>(
    knex.raw(
      `insert into case_article_link (id, franchise_id, case_id, article_id, linked_by_id, created_at)
       values (gen_random_uuid(), :franchiseId, :caseId, :articleId, :linkedById, now())
       on conflict (case_id, article_id) do nothing
       returning id`,
      { franchiseId: caseRecord.franchiseId, caseId: caseRecord.id, articleId: article.id, linkedById: actor.kind === 'user' ? actor.id : null },
    ),
  );
  if (!inserted.length) return article;

  // HQ's shared rows are writable only in the all-franchises scope (row-level security), yet
  // every franchise's use counts: this one statement, on the article just checked, runs in it.
  await ctx.em.execute(`select set_config('app.franchise_ids', '*', true)`);
  const [counted] = await ctx.em.execute<{ usage_count: number }[]>(
    knex.raw(`update knowledge_article set usage_count = usage_count + 1 where id = :id and (franchise_id is null or franchise_id = :franchiseId) returning usage_count`, {
      id: article.id,
      franchiseId: caseRecord.franchiseId,
    }),
  );
  await ctx.em.execute(`select set_config('app.franchise_ids', ?, true)`, [scopeSetting(ctx.scope)]);
  // The use, for the reports' common questions (articles used), in this transaction.
  await publishEvent(ctx, 'knowledge.articleUsed', caseRecord.franchiseId, { articleId: article.id, caseId: caseRecord.id, caseOrgUnitId: caseRecord.orgUnitId });
  // Not an edit of the article (no new version): reload it so the copy in hand shows the count.
  if (counted) await ctx.em.refresh(article);
  return article;
}

export interface CaseArticle {
  link: CaseArticleLink;
  article: KnowledgeArticle;
}

/** The articles linked to these cases with their links, oldest link first, in one query. */
export async function articlesForCases(ctx: RequestContext, caseIds: readonly string[]): Promise<CaseArticle[]> {
  if (!caseIds.length) return [];
  const franchises = ctx.scope.franchiseIds === 'all' ? null : ctx.scope.franchiseIds.length ? [...ctx.scope.franchiseIds] : [NO_FRANCHISE];
  const knex = ctx.em.getKnex();
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    knex.raw(
      `select ${articleColumns('a')}, l.id as link_id, l.franchise_id as link_franchise_id, l.case_id as link_case_id,
              l.linked_by_id as link_linked_by_id, l.created_at as link_created_at
         from case_article_link l
         join knowledge_article a on a.id = l.article_id
        where l.case_id in (:caseIds)
          ${franchises ? 'and l.franchise_id in (:franchises) and (a.franchise_id is null or a.franchise_id in (:franchises))' : ''}
        order by l.case_id, l.created_at, l.id`,
      { caseIds: [...new Set(caseIds)], franchises: franchises ?? [] },
    ),
  );
  return rows.map((row) => {
    const { link_id, link_franchise_id, link_case_id, link_linked_by_id, link_created_at, ...articleRow } = row;
    return {
      link: ctx.em.map(CaseArticleLink, { id: link_id, franchise_id: link_franchise_id, case_id: link_case_id, article_id: articleRow.id, linked_by_id: link_linked_by_id, created_at: link_created_at } as never),
      article: ctx.em.map(KnowledgeArticle, articleRow),
    };
  });
}

/** Per request: each case's linked articles, the cases of one tick batched into one articlesForCases query (for field resolvers on case lists). */
export const caseArticlesLoader = (ctx: RequestContext) =>
  ctx.loaders.get(articlesForCases, () =>
    new DataLoader<string, CaseArticle[]>(async (caseIds) => {
      const byCase = new Map<string, CaseArticle[]>();
      for (const linked of await articlesForCases(ctx, caseIds)) byCase.set(linked.link.caseId, [...(byCase.get(linked.link.caseId) ?? []), linked]);
      return caseIds.map((id) => byCase.get(id) ?? []);
    }),
  );
