import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { byIdLoader } from '../../core/loaders';
import { embedById, readPage, type ReadSpec } from '../../core/read/page';
import { scopedOrgUnitIds } from '../org/org.service';
import type { Selection } from '../../core/read/selection';
import { SatisfactionRequest } from './satisfaction-request.entity';
import { SurveyTemplate, SurveyTemplateVersion } from './survey-template.entity';

/** Satisfaction requests (surveys sent) as plain rows (the read path). */
const SATISFACTION_READ: ReadSpec<SatisfactionRequest> = { entity: SatisfactionRequest, always: ['id', 'franchiseId', 'templateVersionId'] };

/** A survey embedded in a parent's page by its id column, so a page costs the same statements whether or not its rows have one. */
export function satisfactionRequestEmbed(column: string) {
  return embedById(SATISFACTION_READ, 'satisfaction_request', column);
}

export function listSatisfactionRequests(ctx: RequestContext, args: ListArgs, selection: Selection | null = null, where: Record<string, unknown> = {}) {
  return readPage(ctx.em, SATISFACTION_READ, args, selection, { where, defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }] });
}

/** Templates: HQ's shared ones and the caller's franchise's own (row-level security and the shared filter). */
const TEMPLATE_READ: ReadSpec<SurveyTemplate> = { entity: SurveyTemplate, always: ['id', 'franchiseId', 'currentVersionId'] };

export function listSurveyTemplates(ctx: RequestContext, args: ListArgs, selection: Selection | null = null, where: Record<string, unknown> = {}) {
  return readPage(ctx.em, TEMPLATE_READ, args, selection, { where, defaultSort: [{ field: 'code', direction: SortDirection.ASC }] });
}

export const surveyTemplateLoader = (ctx: RequestContext) => byIdLoader(ctx, SurveyTemplate);
export const surveyTemplateVersionLoader = (ctx: RequestContext) => byIdLoader(ctx, SurveyTemplateVersion);
export const satisfactionRequestLoader = (ctx: RequestContext) => byIdLoader(ctx, SatisfactionRequest);

/** Ratings of 1–2 on the satisfaction question: what reaches supervisors live (lowRatingReceived). */
export const LOW_RATING_MAX = 2;

/** An answered survey with a low rating, if it is within the caller's part of the org tree (null otherwise). */
export async function findLowRating(ctx: RequestContext, id: string): Promise<SatisfactionRequest | null> {
  const survey = await satisfactionRequestLoader(ctx).load(id);
  if (!survey || survey.rating == null || survey.rating > LOW_RATING_MAX) return null;
  const units = await scopedOrgUnitIds(ctx);
  return !units || (survey.orgUnitId != null && units.includes(survey.orgUnitId)) ? survey : null;
}
