import type { RequestContext } from '../../core/context';
import { reportDays } from '../../core/read/report-period';
import { readRows } from '../../core/read/sql';
import { orgScopeSql } from '../org/org.service';
import { satisfactionFigures } from '../surveys/satisfaction-figures';
import { satisfactionRates } from '../surveys/satisfaction-rates';
import { SatisfactionGroupBy, type SatisfactionFigure } from '../surveys/survey.types';
import { ReviewFlagKind, type AnalysisQuestion, type ReviewFlag, type SatisfactionAnalysisSettings } from './analysis.entity';

/**
 * What the system proposes for an analysis of a period and scope (a franchise, or a store and what
 * is under it): the figures and the stores and agents by the published definitions
 * (surveys/satisfaction-figures.ts), the 1–5 questions with the most dissatisfied answers, and the
 * review flags of the two rules below.
 */
export interface Proposal {
  figures: SatisfactionFigure;
  worstQuestions: AnalysisQuestion[];
  worstStores: SatisfactionFigure[];
  worstAgents: SatisfactionFigure[];
  flags: ReviewFlag[];
}

const WORST = 5;

/** Worst first: the highest dissatisfaction rate, then the most dissatisfied answers; groups without a rating or a key left out. */
export function worstFirst(groups: SatisfactionFigure[], limit = WORST): SatisfactionFigure[] {
  return groups
    .filter((g) => g.key && g.rated > 0 && g.dissatisfied > 0)
    .sort((a, b) => (b.dissatisfactionRate ?? 0) - (a.dissatisfactionRate ?? 0) || b.dissatisfied - a.dissatisfied || (a.label ?? '').localeCompare(b.label ?? ''))
    .slice(0, limit);
}

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * The rules, on the dissatisfied answers (1–2) of the scope by agent:
 * - concentration: an agent holding at least `concentrationShare` of the scope's dissatisfied
 *   answers, and at least `concentrationMinCount` of them, is flagged for a STAFFING_REVIEW;
 * - spread: the dissatisfied answers left once the concentrated agents are set aside, when they
 *   come from at least `spreadMinAgents` agents and number at least `spreadMinCount`, flag a
 *   PROCESS_REVIEW of the team (the cause is how the team works, not one person).
 */
export function reviewFlags(agents: SatisfactionFigure[], settings: Pick<SatisfactionAnalysisSettings, 'concentrationShare' | 'concentrationMinCount' | 'spreadMinAgents' | 'spreadMinCount'>): ReviewFlag[] {
  const unhappy = agents.filter((a) => a.key && a.dissatisfied > 0);
  const total = unhappy.reduce((sum, a) => sum + a.dissatisfied, 0);
  if (!total) return [];
  const flags: ReviewFlag[] = [];
  const concentrated = unhappy
    .filter((a) => a.dissatisfied >= settings.concentrationMinCount && a.dissatisfied / total >= settings.concentrationShare)
    .sort((a, b) => b.dissatisfied - a.dissatisfied);
  for (const a of concentrated) {
    const share = Math.round((a.dissatisfied / total) * 10_000) / 10_000;
    flags.push({
      kind: ReviewFlagKind.STAFFING_REVIEW,
      agentId: a.key,
      agentName: a.label,
      dissatisfied: a.dissatisfied,
      share,
      agents: unhappy.length,
      reason: `${a.label ?? a.key} 的不满意评价 ${a.dissatisfied} 条，占范围内不满意评价的 ${pct(share)}（阈值 ${pct(settings.concentrationShare)}、至少 ${settings.concentrationMinCount} 条）：建议进行人员评估`,
    });
  }
  const rest = unhappy.filter((a) => !concentrated.includes(a));
  const restCount = rest.reduce((sum, a) => sum + a.dissatisfied, 0);
  if (rest.length >= settings.spreadMinAgents && restCount >= settings.spreadMinCount) {
    flags.push({
      kind: ReviewFlagKind.PROCESS_REVIEW,
      agentId: null,
      agentName: null,
      dissatisfied: restCount,
      share: null,
      agents: rest.length,
      reason: `不满意评价 ${restCount} 条分散在 ${rest.length} 名员工（阈值 ${settings.spreadMinAgents} 名、至少 ${settings.spreadMinCount} 条）：建议进行流程评估`,
    });
  }
  return flags;
}

interface QuestionRow {
  key: string;
  text: string | null;
  answered: string;
  dissatisfied: string;
  rating_sum: string | null;
}

/**
 * The 1–5 questions (RATING) of the surveys sent in the period in the scope, by their answers:
 * the rates by the published definitions (the question's answers standing for the rated ones).
 */
async function worstQuestions(ctx: RequestContext, scope: { franchiseId: string; storePath: string | null; from: string; to: string }): Promise<AnalysisQuestion[]> {
  const { toExclusive, widened } = reportDays(scope, 366);
  const conditions: string[] = [];
  const params: unknown[] = [];
  const orgScope = orgScopeSql(ctx, 'r.org_unit_id');
  if (orgScope) conditions.push(orgScope);
  if (scope.storePath) conditions.push('exists (select 1 from org_unit su where su.id = r.org_unit_id and su.path like ?)'), params.push(`${scope.storePath}%`);
  const rows = await readRows<QuestionRow>(
    ctx.em,
    `with f as materialized (
       select fu.id, cast(? as timestamp) at time zone fu.time_zone as starts, cast(? as timestamp) at time zone fu.time_zone as ends from org_unit fu where fu.id = ?
     )
     select a.value->>'questionKey' as key, min(q.value->>'text') as text, count(*) as answered,
            count(*) filter (where (a.value->>'value')::int <= 2) as dissatisfied, sum((a.value->>'value')::int) as rating_sum
       from satisfaction_request r
       join f on f.id = r.franchise_id and r.sent_at >= f.starts and r.sent_at < f.ends
       join survey_template_version v on v.id = r.template_version_id
       cross join lateral jsonb_array_elements(coalesce(r.answers::jsonb, '[]'::jsonb)) a
       join lateral jsonb_array_elements(v.questions::jsonb) q on q.value->>'key' = a.value->>'questionKey' and q.value->>'kind' = 'RATING'
      where r.franchise_id = ? and r.status = 'ANSWERED' and r.sent_at >= ?::timestamptz and r.sent_at < ?::timestamptz
        and jsonb_typeof(a.value->'value') = 'number'
        ${conditions.map((c) => `and ${c}`).join(' ')}
      group by 1`,
    [scope.from, toExclusive, scope.franchiseId, scope.franchiseId, widened.from, widened.to, ...params],
  );
  return rows
    .map((r) => {
      const answered = Number(r.answered);
      const dissatisfied = Number(r.dissatisfied);
      const rates = satisfactionRates({ sent: answered, answered, rated: answered, satisfied: 0, dissatisfied, ratingSum: Number(r.rating_sum ?? 0), npsAnswered: 0, promoters: 0, detractors: 0 });
      return { questionKey: r.key, text: r.text ?? r.key, answered, dissatisfied, dissatisfactionRate: rates.dissatisfactionRate, averageRating: rates.averageRating };
    })
    .filter((q) => q.dissatisfied > 0)
    .sort((a, b) => (b.dissatisfactionRate ?? 0) - (a.dissatisfactionRate ?? 0) || b.dissatisfied - a.dissatisfied || a.questionKey.localeCompare(b.questionKey))
    .slice(0, WORST);
}

export async function proposeAnalysis(
  ctx: RequestContext,
  scope: { franchiseId: string; storeId: string | null; storePath: string | null; from: string; to: string },
  settings: Pick<SatisfactionAnalysisSettings, 'concentrationShare' | 'concentrationMinCount' | 'spreadMinAgents' | 'spreadMinCount'>,
): Promise<Proposal> {
  const input = { from: scope.from, to: scope.to, franchiseId: scope.franchiseId, storeId: scope.storeId };
  const byStore = await satisfactionFigures(ctx, { ...input, groupBy: SatisfactionGroupBy.STORE });
  const byAgent = await satisfactionFigures(ctx, { ...input, groupBy: SatisfactionGroupBy.AGENT });
  return {
    figures: byStore.totals,
    worstQuestions: await worstQuestions(ctx, scope),
    worstStores: worstFirst(byStore.groups),
    worstAgents: worstFirst(byAgent.groups),
    flags: reviewFlags(byAgent.groups, settings),
  };
}
