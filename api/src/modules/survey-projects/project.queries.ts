import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { orgUnitLoader } from '../org/org.loaders';
import { satisfactionFigures } from '../surveys/satisfaction-figures';
import { SatisfactionGroupBy } from '../surveys/survey.types';
import { ThirdPartySurveyProject } from './project.entity';
import { getProject } from './project.service';
import type { ThirdPartyQuestionFigure, ThirdPartyStoreFigure, ThirdPartySurveyReport } from './project.types';

const PROJECT_READ: ReadSpec<ThirdPartySurveyProject> = { entity: ThirdPartySurveyProject, always: ['id', 'franchiseId'] };

/** HQ's third-party projects, newest first by default. */
export function listProjects(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, PROJECT_READ, args, selection, { defaultSort: [{ field: 'startDate', direction: SortDirection.DESC }] });
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const mean = (sum: number, n: number) => (n > 0 ? round2(sum / n) : null);

interface GroupRow {
  key: string;
  respondents: string;
  score_sum: string;
  satisfied: string;
}

/**
 * A project's report: the firm's mean score per store and per question (weighted by
 * respondents; two statements over the project's results), and beside each store our own
 * satisfaction figures for the same store and dates (the satisfaction report's one statement).
 */
export async function projectReport(ctx: RequestContext, id: string): Promise<ThirdPartySurveyReport> {
  const project = await getProject(ctx, id);
  const grouped = (key: string) =>
    ctx.em.execute<GroupRow[]>(
      `select ${key} as key, sum(r.respondents) as respondents, sum(r.score * r.respondents) as score_sum,
              sum(r.respondents) filter (where r.score >= 4) as satisfied
         from third_party_survey_result r where r.project_id = ? group by 1`,
      [project.id],
    );
  const [byStore, byQuestion, ours, units] = await Promise.all([
    grouped('r.store_id::text'),
    grouped('r.question'),
    satisfactionFigures(ctx, { from: project.startDate, to: project.endDate, groupBy: SatisfactionGroupBy.STORE }),
    orgUnitLoader(ctx).loadMany(project.storeIds),
  ]);
  const firm = new Map(byStore.map((r) => [r.key, r]));
  const our = new Map(ours.groups.map((g) => [g.key, g]));
  let ourRated = 0;
  let ourSum = 0;
  const stores: ThirdPartyStoreFigure[] = project.storeIds.map((storeId, i) => {
    const unit = units[i] instanceof Error ? null : units[i];
    const f = firm.get(storeId);
    const o = our.get(storeId);
    const averageScore = f ? mean(Number(f.score_sum), Number(f.respondents)) : null;
    const ourAverageRating = o?.averageRating ?? null;
    if (o?.averageRating != null) (ourRated += o.rated), (ourSum += o.averageRating * o.rated);
    return {
      storeId,
      storeCode: unit?.code ?? null,
      storeName: unit?.name ?? storeId,
      respondents: f ? Number(f.respondents) : 0,
      averageScore,
      ourRated: o?.rated ?? 0,
      ourAverageRating,
      ourSatisfactionRate: o?.satisfactionRate ?? null,
      difference: averageScore != null && ourAverageRating != null ? round2(averageScore - ourAverageRating) : null,
    };
  });
  stores.sort((a, b) => (a.storeCode ?? '').localeCompare(b.storeCode ?? ''));
  const questions: ThirdPartyQuestionFigure[] = byQuestion
    .map((r) => ({
      question: r.key,
      respondents: Number(r.respondents),
      averageScore: mean(Number(r.score_sum), Number(r.respondents)),
      satisfiedShare: Number(r.respondents) > 0 ? Math.round((Number(r.satisfied ?? 0) / Number(r.respondents)) * 10_000) / 10_000 : null,
    }))
    .sort((a, b) => (a.averageScore ?? 0) - (b.averageScore ?? 0) || a.question.localeCompare(b.question));
  const respondents = byStore.reduce((s, r) => s + Number(r.respondents), 0);
  const scoreSum = byStore.reduce((s, r) => s + Number(r.score_sum), 0);
  return { project, respondents, averageScore: mean(scoreSum, respondents), ourAverageRating: mean(ourSum, ourRated), stores, questions };
}
