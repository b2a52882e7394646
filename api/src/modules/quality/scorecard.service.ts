import type { RequestContext } from '../../core/context';
import { requireActor } from '../../core/auth/authorization';
import { BadUserInputError, ForbiddenError, NotFoundError, type FieldProblem } from '../../core/errors';
import { checkVersion } from '../../core/services/updates';
import { APPRAISAL_BUILT_IN_ROWS } from './appraisal.service';
import { QaScorecard, type QaCategory } from './scorecard.entity';
import type { CreateQaScorecardInput, QaCategoryInput, UpdateQaScorecardInput } from './quality.types';

/** The franchise-chain default scorecard every franchise uses until it writes its own (written by the migration). */
export const DEFAULT_SCORECARD_ID = '9a3c0d71-0000-4000-8000-000000000001';
/** Rows the migrations write (not data: demo seeding runs on a database holding only these). */
export const QUALITY_BUILT_IN_ROWS = { qa_scorecard: [DEFAULT_SCORECARD_ID], ...APPRAISAL_BUILT_IN_ROWS };

/** Categories as stored, or the problems with them, each named by its path (weights must sum to 100). */
export function normalizeCategories(input: QaCategoryInput[]): QaCategory[] {
  const problems: FieldProblem[] = [];
  const categoryKeys = new Set<string>();
  const criterionKeys = new Set<string>();
  const categories = input.map((category, i): QaCategory => {
    if (categoryKeys.has(category.key)) problems.push({ field: `categories.${i}.key`, message: `the key ${category.key} is used twice`, reason: 'DUPLICATE' });
    categoryKeys.add(category.key);
    return {
      key: category.key,
      name: category.name.trim(),
      weight: category.weight,
      criteria: category.criteria.map((criterion, j) => {
        if (criterionKeys.has(criterion.key)) problems.push({ field: `categories.${i}.criteria.${j}.key`, message: `the criterion key ${criterion.key} is used twice in the scorecard`, reason: 'DUPLICATE' });
        criterionKeys.add(criterion.key);
        return { key: criterion.key, name: criterion.name.trim(), description: criterion.description?.trim() || null, scale: criterion.scale, critical: criterion.critical ?? false };
      }),
    };
  });
  const total = categories.reduce((sum, c) => sum + c.weight, 0);
  if (total !== 100)
    problems.push({ field: 'categories.weight', message: `the categories’ weights sum to ${total}; they must sum to 100`, reason: 'WEIGHTS_NOT_100', params: { total } });
  if (problems.length) throw new BadUserInputError(problems);
  return categories;
}

/** The scorecard (HQ's shared ones, the caller's franchise's own), or NOT_FOUND. */
export async function getScorecard(ctx: RequestContext, id: string): Promise<QaScorecard> {
  const scorecard = await ctx.em.findOne(QaScorecard, { id });
  if (!scorecard) throw new NotFoundError('Scorecard', id);
  return scorecard;
}

export async function createScorecard(ctx: RequestContext, input: CreateQaScorecardInput): Promise<QaScorecard> {
  const actor = requireActor(ctx);
  if (input.shared && !actor.isHq) throw new ForbiddenError('Only HQ writes shared scorecards; leave shared off to write one for your franchise');
  const categories = normalizeCategories(input.categories);
  const franchiseId = input.shared ? null : actor.franchiseId;
  if (await ctx.em.findOne(QaScorecard, { franchiseId, code: input.code }))
    throw new BadUserInputError({ field: 'code', message: `the code ${input.code} is already used by another scorecard`, reason: 'DUPLICATE' });
  const scorecard = ctx.em.create(QaScorecard, { franchiseId, code: input.code, name: input.name.trim(), categories });
  await ctx.em.flush();
  return scorecard;
}

/** A franchise edits its own scorecards; HQ's shared ones are read-only to it. Past reviews keep their copy. */
export async function updateScorecard(ctx: RequestContext, input: UpdateQaScorecardInput): Promise<QaScorecard> {
  const actor = requireActor(ctx);
  const scorecard = await getScorecard(ctx, input.id);
  if (scorecard.franchiseId == null && !actor.isHq) throw new ForbiddenError(`Scorecard ${scorecard.id} is shared by HQ and read-only for franchises; write one of your own`);
  checkVersion(scorecard, input.version, 'Scorecard');
  if (input.name !== undefined) scorecard.name = input.name.trim();
  if (input.active !== undefined) scorecard.active = input.active;
  if (input.categories) scorecard.categories = normalizeCategories(input.categories);
  await ctx.em.flush();
  return scorecard;
}
