import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import { reportDays } from '../../core/read/report-period';
import { articleTitles } from '../knowledge/knowledge.queries';
import { getOrgUnit } from '../org/org.service';
import { ReportMetric } from './report-facts';
import { readReportRows } from './report-replica';
import { factScope } from './report.queries';
import { CommonQuestionGroup, type CommonQuestions, type CommonQuestionsInput } from './report.types';

/**
 * Common questions (常见问题): what customers ask about most in a period, beside the previous
 * period of as many days. One statement over the daily facts the events keep (case types and
 * complaint categories from `case.created`, subject words segmented when the case was opened,
 * articles from `knowledge.articleUsed`), never the cases; on the replica when configured.
 */

const MAX_DAYS = 366;
const MAX_LIMIT = 50;
const DAY_MS = 86_400_000;

const METRICS = [ReportMetric.CASES, ReportMetric.COMPLAINTS, ReportMetric.KNOWLEDGE_USED, ReportMetric.CASE_SUBJECT_WORDS];

const day = (d: Date) => d.toISOString().slice(0, 10);
const change = (count: number, previous: number) => (previous ? Math.round(((count - previous) / previous) * 10_000) / 10_000 : null);

export async function commonQuestions(ctx: RequestContext, input: CommonQuestionsInput): Promise<CommonQuestions> {
  const { from, to } = reportDays(input, MAX_DAYS);
  const limit = input.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new BadUserInputError({ field: 'limit', message: `must be between 1 and ${MAX_LIMIT}`, reason: 'OUT_OF_RANGE', params: { min: 1, max: MAX_LIMIT } });
  const store = input.storeId ? await getOrgUnit(ctx, input.storeId, 'Store') : null;
  const days = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
  const previousFrom = new Date(from.getTime() - days * DAY_MS);
  const previousTo = new Date(from.getTime() - DAY_MS);

  const conditions = ['f.metric = any(?::text[])', 'f.day >= ?::date', 'f.day <= ?::date'];
  const params: unknown[] = [`{${METRICS.join(',')}}`, day(previousFrom), day(to)];
  factScope(ctx, store, conditions, params);
  // Per metric and dimension: this period's and the previous one's counts, the top `limit` of each metric by this period.
  const rows = await readReportRows<{ metric: ReportMetric; dimension: string; count: number; previous: number }>(
    ctx,
    `select metric, dimension, count, previous
       from (select g.*, row_number() over (partition by g.metric order by g.count desc, g.previous desc, g.dimension collate "C") as rank
               from (select f.metric, f.dimension,
                            coalesce(sum(f.count) filter (where f.day >= ?::date), 0)::int as count,
                            coalesce(sum(f.count) filter (where f.day < ?::date), 0)::int as previous
                       from report_fact f
                      where ${conditions.join(' and ')}
                      group by 1, 2) g
              where g.count > 0) r
      where r.rank <= ?
      order by metric, rank`,
    [day(from), day(from), ...params, limit],
  );
  const of = (metric: ReportMetric) => rows.filter((r) => r.metric === metric);
  const articles = of(ReportMetric.KNOWLEDGE_USED);
  const titles = await articleTitles(ctx, articles.map((a) => a.dimension));
  return {
    from: day(from),
    to: day(to),
    previousFrom: day(previousFrom),
    previousTo: day(previousTo),
    categories: [
      ...of(ReportMetric.CASES).map((r) => ({ group: CommonQuestionGroup.CASE_TYPE, key: r.dimension, count: r.count, previousCount: r.previous, change: change(r.count, r.previous) })),
      ...of(ReportMetric.COMPLAINTS).map((r) => ({ group: CommonQuestionGroup.COMPLAINT_CATEGORY, key: r.dimension, count: r.count, previousCount: r.previous, change: change(r.count, r.previous) })),
    ],
    articles: articles.map((r) => ({ articleId: r.dimension, title: titles.get(r.dimension) ?? null, count: r.count, previousCount: r.previous, change: change(r.count, r.previous) })),
    words: of(ReportMetric.CASE_SUBJECT_WORDS).map((r) => ({ word: r.dimension, count: r.count, previousCount: r.previous, change: change(r.count, r.previous) })),
  };
}
