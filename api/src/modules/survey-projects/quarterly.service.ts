import type { RequestContext } from '../../core/context';
import { requireActor } from '../../core/auth/authorization';
import { calendarDate, clock } from '../../core/clock';
import { BadUserInputError, ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import { parseDay } from '../../core/read/report-period';
import { checkVersion } from '../../core/services/updates';
import { CooperationType, type OrgUnit } from '../org/org-unit.entity';
import { orgUnitLoader } from '../org/org.loaders';
import { SurveyTemplate, SurveyTemplateVersion } from '../surveys/survey-template.entity';
import { checkAnswers } from '../surveys/survey.service';
import { DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAYS, QuarterlyAudience, QuarterlySurveyResponse, QuarterlySurveyRound } from './quarterly.entity';
import type { AnswerQuarterlySurveyInput, OpenQuarterlySurveyRoundInput } from './quarterly.types';

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The quarter before: 2031-Q1 → 2030-Q4. */
export function previousQuarter(quarter: string): string {
  const [, year, q] = QUARTER.exec(quarter)!;
  return Number(q) === 1 ? `${Number(year) - 1}-Q4` : `${year}-Q${Number(q) - 1}`;
}

/** The audience an organization belongs to: partners by cooperation type PARTNER, every other franchise a franchise. */
export const audienceOf = (unit: Pick<OrgUnit, 'cooperationType'>) => (unit.cooperationType === CooperationType.PARTNER ? QuarterlyAudience.PARTNERS : QuarterlyAudience.FRANCHISES);

/** Whether a round still takes answers on the franchise's today. */
export const isOpen = (round: QuarterlySurveyRound, today: string) => !round.closedAt && today <= round.closesOn;

export const franchiseTodayOf = (unit: Pick<OrgUnit, 'timeZone'> | null) => calendarDate(clock.now(), unit?.timeZone ?? 'Asia/Shanghai');

function requireHq(ctx: RequestContext) {
  const actor = requireActor(ctx);
  if (!actor.isHq) throw new ForbiddenError('Quarterly survey rounds are opened by HQ');
  return actor;
}

export async function getRound(ctx: RequestContext, id: string): Promise<QuarterlySurveyRound> {
  const round = await ctx.em.findOne(QuarterlySurveyRound, { id });
  if (!round) throw new NotFoundError('Quarterly survey round', id);
  return round;
}

/** HQ opens a round: an active HQ template (its current version is asked), the audience, the close date; one round per quarter and template. */
export async function openRound(ctx: RequestContext, input: OpenQuarterlySurveyRoundInput): Promise<QuarterlySurveyRound> {
  const actor = requireHq(ctx);
  if (!QUARTER.test(input.quarter)) throw new BadUserInputError({ field: 'quarter', message: 'must look like 2031-Q2', reason: 'INVALID_FORMAT' });
  parseDay('closesOn', input.closesOn);
  const remindDaysBefore = input.remindDaysBefore ?? DEFAULT_REMINDER_DAYS;
  if (!Number.isInteger(remindDaysBefore) || remindDaysBefore < 0 || remindDaysBefore > MAX_REMINDER_DAYS) {
    throw new BadUserInputError({ field: 'remindDaysBefore', message: `must be a whole number of days from 0 to ${MAX_REMINDER_DAYS}`, reason: 'OUT_OF_RANGE', params: { min: 0, max: MAX_REMINDER_DAYS } });
  }
  const template = await ctx.em.findOne(SurveyTemplate, { id: input.templateId });
  if (!template || template.franchiseId) throw new NotFoundError('HQ survey template', input.templateId);
  if (!template.active) throw new BadUserInputError({ field: 'templateId', message: 'the template is inactive', reason: 'INACTIVE' });
  if (await ctx.em.count(QuarterlySurveyRound, { quarter: input.quarter, templateId: template.id })) {
    throw new ConflictError(`A round of ${template.name} is already open for ${input.quarter}`, { reason: 'DUPLICATE', params: { quarter: input.quarter } });
  }
  const round = ctx.em.create(QuarterlySurveyRound, {
    quarter: input.quarter,
    title: input.title?.trim() || `${input.quarter} 季度调查`,
    templateId: template.id,
    templateVersionId: template.currentVersionId,
    audience: [...new Set(input.audience)],
    closesOn: input.closesOn,
    remindDaysBefore,
    createdById: actor.id,
  });
  await ctx.em.flush();
  return round;
}

export async function closeRound(ctx: RequestContext, id: string, version: number): Promise<QuarterlySurveyRound> {
  requireHq(ctx);
  const round = await getRound(ctx, id);
  checkVersion(round, version, 'Quarterly survey round');
  if (round.closedAt) throw new InvalidTransitionError('CLOSED', 'close', []);
  round.closedAt = clock.now();
  await ctx.em.flush();
  return round;
}

/**
 * The owner answers their organization's questionnaire once, against the round's template
 * version. A round not addressed to the organization is NOT_FOUND; a second answer a CONFLICT.
 */
export async function answerRound(ctx: RequestContext, input: AnswerQuarterlySurveyInput): Promise<QuarterlySurveyResponse> {
  const actor = requireActor(ctx);
  const round = await ctx.em.findOne(QuarterlySurveyRound, { id: input.roundId });
  const franchise = await orgUnitLoader(ctx).load(actor.franchiseId);
  if (!round || !franchise || !round.audience.includes(audienceOf(franchise)) || actor.isHq) throw new NotFoundError('Quarterly survey round', input.roundId);
  if (!isOpen(round, franchiseTodayOf(franchise))) throw new InvalidTransitionError('CLOSED', 'answer', []);
  if (await ctx.em.count(QuarterlySurveyResponse, { roundId: round.id, franchiseId: franchise.id })) {
    throw new ConflictError('Your organization has already answered this questionnaire', { reason: 'ALREADY_ANSWERED' });
  }
  const version = await ctx.em.findOneOrFail(SurveyTemplateVersion, { id: round.templateVersionId });
  const answers = checkAnswers(version.questions, input.answers);
  const response = ctx.em.create(QuarterlySurveyResponse, {
    franchiseId: franchise.id,
    roundId: round.id,
    templateVersionId: version.id,
    answers,
    respondentId: actor.id,
    answeredAt: clock.now(),
  });
  await ctx.em.flush();
  await publishEvent(ctx, 'quarterly_survey.answered', franchise.id, { roundId: round.id, responseId: response.id, quarter: round.quarter });
  return response;
}
