import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { OrgUnit, OrgUnitKind, OrgUnitStatus } from '../org/org-unit.entity';
import { orgUnitLoader } from '../org/org.loaders';
import { SurveyQuestionKind, SurveyTemplateVersion } from '../surveys/survey-template.entity';
import type { SurveyAnswer } from '../surveys/satisfaction-request.entity';
import { QuarterlySurveyResponse, QuarterlySurveyRound } from './quarterly.entity';
import { audienceOf, franchiseTodayOf, getRound, isOpen, previousQuarter } from './quarterly.service';
import type { MyQuarterlySurvey, QuarterlyFranchiseAnswers, QuarterlyQuestionResult, QuarterlySurveyResults } from './quarterly.types';

const ROUND_READ: ReadSpec<QuarterlySurveyRound> = { entity: QuarterlySurveyRound, always: ['id', 'templateId', 'templateVersionId'] };

/** HQ's rounds, newest quarter first. */
export function listRounds(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, ROUND_READ, args, selection, { defaultSort: [{ field: 'quarter', direction: SortDirection.DESC }] });
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const SCORED = new Set([SurveyQuestionKind.RATING, SurveyQuestionKind.NPS]);

/**
 * The owner's questionnaires: every round addressed to their organization, newest first, with
 * its questions, whether it still takes answers and the answers given (their own only: RLS).
 */
export async function myQuarterlySurveys(ctx: RequestContext): Promise<MyQuarterlySurvey[]> {
  const actor = requireActor(ctx);
  if (actor.isHq) return [];
  const franchise = await orgUnitLoader(ctx).load(actor.franchiseId);
  if (!franchise) return [];
  const rounds = (await ctx.em.find(QuarterlySurveyRound, {}, { orderBy: { quarter: 'desc', createdAt: 'desc' }, limit: 40 })).filter((r) => r.audience.includes(audienceOf(franchise)));
  if (!rounds.length) return [];
  const [versions, responses] = await Promise.all([
    ctx.em.find(SurveyTemplateVersion, { id: { $in: [...new Set(rounds.map((r) => r.templateVersionId))] } }),
    ctx.em.find(QuarterlySurveyResponse, { roundId: { $in: rounds.map((r) => r.id) }, franchiseId: franchise.id }),
  ]);
  const today = franchiseTodayOf(franchise);
  return rounds.map((round) => ({
    round,
    questions: versions.find((v) => v.id === round.templateVersionId)?.questions ?? [],
    open: isOpen(round, today),
    response: responses.find((r) => r.roundId === round.id) ?? null,
  }));
}

/** Per question: the mean of its scored answers over the responses given. */
function questionMeans(responses: QuarterlySurveyResponse[]): Map<string, { answered: number; sum: number }> {
  const means = new Map<string, { answered: number; sum: number }>();
  for (const r of responses) {
    for (const a of r.answers) {
      const m = means.get(a.questionKey) ?? { answered: 0, sum: 0 };
      if (a.value != null) (m.answered += 1), (m.sum += a.value);
      else if (a.text || a.choices?.length) m.answered += 1;
      means.set(a.questionKey, m);
    }
  }
  return means;
}

const isAddressed = (round: QuarterlySurveyRound) => (unit: OrgUnit) => unit.status === OrgUnitStatus.ACTIVE && round.audience.includes(audienceOf(unit));

/**
 * HQ's results of a round: response rate over the active organizations of its audience,
 * per-question means beside the previous quarter's round of the same template, and each
 * organization's answers (those not answered yet listed too).
 */
export async function roundResults(ctx: RequestContext, id: string): Promise<QuarterlySurveyResults> {
  const round = await getRound(ctx, id);
  const previousRound = await ctx.em.findOne(QuarterlySurveyRound, { quarter: previousQuarter(round.quarter), templateId: round.templateId });
  const roundIds = previousRound ? [round.id, previousRound.id] : [round.id];
  const [franchises, responses, version] = await Promise.all([
    ctx.em.find(OrgUnit, { kind: OrgUnitKind.FRANCHISE }, { orderBy: { name: 'asc' } }),
    ctx.em.find(QuarterlySurveyResponse, { roundId: { $in: roundIds } }),
    ctx.em.findOneOrFail(SurveyTemplateVersion, { id: round.templateVersionId }),
  ]);
  const current = responses.filter((r) => r.roundId === round.id);
  const previous = responses.filter((r) => r.roundId === previousRound?.id);
  const addressed = franchises.filter(isAddressed(round));
  const now = questionMeans(current);
  const before = questionMeans(previous);
  const questions: QuarterlyQuestionResult[] = version.questions.map((q) => {
    const m = now.get(q.key);
    const p = before.get(q.key);
    const average = SCORED.has(q.kind) && m?.answered ? round2(m.sum / m.answered) : null;
    const previousAverage = SCORED.has(q.kind) && p?.answered ? round2(p.sum / p.answered) : null;
    return { questionKey: q.key, text: q.text, kind: q.kind, answered: m?.answered ?? 0, average, previousAverage, change: average != null && previousAverage != null ? round2(average - previousAverage) : null };
  });
  const ratingKeys = new Set(version.questions.filter((q) => q.kind === SurveyQuestionKind.RATING).map((q) => q.key));
  const answersOf = (answers: SurveyAnswer[]) => {
    const ratings = answers.filter((a) => ratingKeys.has(a.questionKey) && a.value != null).map((a) => a.value!);
    return ratings.length ? round2(ratings.reduce((s, v) => s + v, 0) / ratings.length) : null;
  };
  // Organizations that answered and left the audience since still show their answers.
  const shown = [...addressed, ...franchises.filter((f) => !addressed.includes(f) && current.some((r) => r.franchiseId === f.id))];
  const rows: QuarterlyFranchiseAnswers[] = shown.map((f) => {
    const r = current.find((x) => x.franchiseId === f.id);
    return { franchiseId: f.id, franchiseName: f.name, cooperationType: f.cooperationType ?? null, answered: !!r, answeredAt: r?.answeredAt ?? null, answers: r?.answers ?? [], averageRating: r ? answersOf(r.answers) : null };
  });
  const answeredAddressed = addressed.filter((f) => current.some((r) => r.franchiseId === f.id)).length;
  const previousAddressed = previousRound ? franchises.filter(isAddressed(previousRound)).length : 0;
  return {
    round,
    previousRound,
    addressed: addressed.length,
    answered: answeredAddressed,
    responseRate: ratio(answeredAddressed, addressed.length),
    previousResponseRate: previousRound ? ratio(previous.length, previousAddressed) : null,
    questions,
    franchises: rows,
  };
}
