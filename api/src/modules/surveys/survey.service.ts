import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import { BadUserInputError, ForbiddenError, InvalidTransitionError, NotFoundError, type FieldProblem } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import { checkVersion } from '../../core/services/updates';
import { SatisfactionRequest, SatisfactionRequestStatus, type SurveyAnswer, type SurveyChannel } from './satisfaction-request.entity';
import { SurveyPurpose, SurveyQuestionKind, SurveyTemplate, SurveyTemplateVersion, type SurveyOption, type SurveyQuestion } from './survey-template.entity';
import type { CreateSurveyTemplateInput, RecordSurveyAnswersInput, SendSatisfactionRequestInput, SurveyQuestionInput, UpdateSurveyTemplateInput } from './survey.types';

/** The built-in HQ template every franchise uses after a service contact until it writes its own (written by the migration). */
export const DEFAULT_SERVICE_TEMPLATE_ID = '5a7d3c1e-0000-4000-8000-000000000001';
export const DEFAULT_SERVICE_TEMPLATE_VERSION_ID = '5a7d3c1e-0000-4000-8000-000000000002';
/** Rows the migrations write (not data: demo seeding runs on a database holding only these). */
export const SURVEY_BUILT_IN_ROWS = { survey_template: [DEFAULT_SERVICE_TEMPLATE_ID], survey_template_version: [DEFAULT_SERVICE_TEMPLATE_VERSION_ID] };

const YES_NO: SurveyOption[] = [
  { value: 'yes', label: '是', score: 10 },
  { value: 'no', label: '否', score: 0 },
];

/** Questions as stored, or the problems with them (each named by its path). */
export function normalizeQuestions(input: SurveyQuestionInput[]): SurveyQuestion[] {
  const problems: FieldProblem[] = [];
  const keys = new Set<string>();
  const questions = input.map((q, i): SurveyQuestion => {
    const at = `questions.${i}`;
    if (keys.has(q.key)) problems.push({ field: `${at}.key`, message: `the key ${q.key} is used twice`, reason: 'DUPLICATE' });
    keys.add(q.key);
    const choice = q.kind === SurveyQuestionKind.SINGLE_CHOICE || q.kind === SurveyQuestionKind.MULTIPLE_CHOICE;
    let options = (q.options ?? []).map((o) => ({ value: o.value, label: o.label, score: o.score ?? 0 }));
    if (choice && options.length < 2) problems.push({ field: `${at}.options`, message: 'a choice question needs at least two options', reason: 'TOO_FEW' });
    if (new Set(options.map((o) => o.value)).size !== options.length) problems.push({ field: `${at}.options`, message: 'option values must differ', reason: 'DUPLICATE' });
    if (q.kind === SurveyQuestionKind.YES_NO) {
      if (!options.length) options = YES_NO;
      else if (options.length !== 2 || !options.some((o) => o.value === 'yes') || !options.some((o) => o.value === 'no')) problems.push({ field: `${at}.options`, message: 'a yes / no question has exactly the options yes and no', reason: 'INVALID' });
    } else if (!choice && options.length) problems.push({ field: `${at}.options`, message: `a ${q.kind} question has no options`, reason: 'INVALID' });
    if (q.satisfaction && q.kind !== SurveyQuestionKind.RATING) problems.push({ field: `${at}.satisfaction`, message: 'only a RATING (1–5) question can be the satisfaction question', reason: 'INVALID' });
    return {
      key: q.key,
      kind: q.kind,
      text: q.text.trim(),
      required: q.required ?? false,
      weight: q.kind === SurveyQuestionKind.TEXT ? 0 : (q.weight ?? 1),
      satisfaction: q.satisfaction ?? false,
      options,
    };
  });
  if (questions.filter((q) => q.satisfaction).length > 1) problems.push({ field: 'questions', message: 'only one question can be the satisfaction question', reason: 'DUPLICATE' });
  if (problems.length) throw new BadUserInputError(problems);
  return questions;
}

async function findTemplate(ctx: RequestContext, id: string): Promise<SurveyTemplate> {
  const template = await ctx.em.findOne(SurveyTemplate, { id });
  if (!template) throw new NotFoundError('Survey template', id);
  return template;
}

export async function createSurveyTemplate(ctx: RequestContext, input: CreateSurveyTemplateInput): Promise<SurveyTemplate> {
  const actor = requireActor(ctx);
  if (input.shared && !actor.isHq) throw new ForbiddenError('Only HQ writes shared survey templates; leave shared off to write one for your franchise');
  const questions = normalizeQuestions(input.questions);
  const franchiseId = input.shared ? null : actor.franchiseId;
  if (await ctx.em.findOne(SurveyTemplate, { franchiseId, code: input.code }))
    throw new BadUserInputError({ field: 'code', message: `the code ${input.code} is already used by another template`, reason: 'DUPLICATE' });
  const template = ctx.em.create(SurveyTemplate, { franchiseId, code: input.code, name: input.name.trim(), purpose: input.purpose, questions, currentVersionId: '' });
  const version = ctx.em.create(SurveyTemplateVersion, { franchiseId, templateId: template.id, versionNo: 1, name: template.name, questions, createdById: actor.kind === 'user' ? actor.id : null });
  template.currentVersionId = version.id;
  await ctx.em.flush();
  return template;
}

/** A franchise edits its own templates; HQ's shared ones are read-only to it. */
export async function updateSurveyTemplate(ctx: RequestContext, input: UpdateSurveyTemplateInput): Promise<SurveyTemplate> {
  const actor = requireActor(ctx);
  const template = await findTemplate(ctx, input.id);
  if (template.franchiseId == null && !actor.isHq) throw new ForbiddenError(`Survey template ${template.id} is shared by HQ and read-only for franchises; copy it into a template of your own`);
  checkVersion(template, input.version, 'Survey template');
  if (input.name !== undefined) template.name = input.name.trim();
  if (input.active !== undefined) template.active = input.active;
  if (input.questions) {
    const questions = normalizeQuestions(input.questions);
    if (JSON.stringify(questions) !== JSON.stringify(template.questions)) {
      const version = ctx.em.create(SurveyTemplateVersion, {
        franchiseId: template.franchiseId,
        templateId: template.id,
        versionNo: template.currentVersionNo + 1,
        name: template.name,
        questions,
        createdById: actor.kind === 'user' ? actor.id : null,
      });
      Object.assign(template, { questions, currentVersionNo: version.versionNo, currentVersionId: version.id });
    }
  }
  await ctx.em.flush();
  return template;
}

/** The version new surveys of a purpose are asked with: the franchise's own active template first, else HQ's. */
export async function currentTemplateVersionId(em: EntityManager, franchiseId: string, purpose: SurveyPurpose): Promise<string> {
  const templates = await em.find(SurveyTemplate, { purpose, active: true, $or: [{ franchiseId }, { franchiseId: null }] }, { fields: ['franchiseId', 'currentVersionId'], orderBy: { createdAt: 'asc' } });
  const chosen = templates.find((t) => t.franchiseId === franchiseId) ?? templates[0];
  return chosen?.currentVersionId ?? DEFAULT_SERVICE_TEMPLATE_VERSION_ID;
}

/** Asks for the customer's satisfaction about something resolved (once per source), with the franchise's service-contact survey. */
export async function requestSatisfaction(
  em: EntityManager,
  request: { franchiseId: string; customerId: string; sourceKind: string; sourceId: string; sourceRef: string; staffId?: string | null; orgUnitId?: string | null },
): Promise<SatisfactionRequest> {
  const existing = await em.findOne(SatisfactionRequest, { sourceKind: request.sourceKind, sourceId: request.sourceId });
  if (existing) return existing;
  const templateVersionId = await currentTemplateVersionId(em, request.franchiseId, SurveyPurpose.SERVICE_CONTACT);
  return em.create(SatisfactionRequest, { ...request, templateVersionId });
}

export async function getSatisfactionRequest(ctx: RequestContext, id: string): Promise<SatisfactionRequest> {
  const request = await ctx.em.findOne(SatisfactionRequest, { id });
  if (!request) throw new NotFoundError('Survey', id);
  return request;
}

export async function sendSatisfactionRequest(ctx: RequestContext, input: SendSatisfactionRequestInput): Promise<SatisfactionRequest> {
  const request = await getSatisfactionRequest(ctx, input.id);
  if (request.status !== SatisfactionRequestStatus.PENDING) throw new InvalidTransitionError(request.status, 'send', [SatisfactionRequestStatus.PENDING]);
  Object.assign(request, { status: SatisfactionRequestStatus.SENT, sentAt: clock.now(), channel: input.channel });
  await ctx.em.flush();
  return request;
}

/** Earned ÷ maximum (0..1) of one answer, or null when the question is not scored. */
function answerScore(q: SurveyQuestion, a: SurveyAnswer): number | null {
  if (q.weight <= 0) return null;
  const best = Math.max(0, ...q.options.map((o) => o.score));
  const of = (values: string[]) => values.reduce((n, v) => n + (q.options.find((o) => o.value === v)?.score ?? 0), 0);
  switch (q.kind) {
    case SurveyQuestionKind.RATING:
      return a.value == null ? null : (a.value - 1) / 4;
    case SurveyQuestionKind.NPS:
      return a.value == null ? null : a.value / 10;
    case SurveyQuestionKind.MULTIPLE_CHOICE: {
      const all = q.options.reduce((n, o) => n + Math.max(0, o.score), 0);
      return a.choices?.length && all > 0 ? Math.min(1, of(a.choices) / all) : null;
    }
    case SurveyQuestionKind.SINGLE_CHOICE:
    case SurveyQuestionKind.YES_NO:
      return a.choices?.length && best > 0 ? of(a.choices) / best : null;
    default:
      return null;
  }
}

/** The answers checked against the questions asked (unknown keys, ranges, options, required ones). */
export function checkAnswers(questions: SurveyQuestion[], answers: RecordSurveyAnswersInput['answers']): SurveyAnswer[] {
  const problems: FieldProblem[] = [];
  const given = new Map<string, SurveyAnswer>();
  answers.forEach((a, i) => {
    const at = `answers.${i}`;
    const q = questions.find((x) => x.key === a.questionKey);
    if (!q) return void problems.push({ field: `${at}.questionKey`, message: `the survey has no question ${a.questionKey}`, reason: 'UNKNOWN' });
    if (given.has(q.key)) return void problems.push({ field: `${at}.questionKey`, message: `question ${q.key} is answered twice`, reason: 'DUPLICATE' });
    const answer: SurveyAnswer = { questionKey: q.key, value: null, choices: null, text: null };
    if (q.kind === SurveyQuestionKind.RATING || q.kind === SurveyQuestionKind.NPS) {
      const [min, max] = q.kind === SurveyQuestionKind.RATING ? [1, 5] : [0, 10];
      if (a.value == null || a.value < min || a.value > max) problems.push({ field: `${at}.value`, message: `${q.key} takes a whole number from ${min} to ${max}`, reason: 'OUT_OF_RANGE', params: { min, max } });
      answer.value = a.value ?? null;
    } else if (q.kind === SurveyQuestionKind.TEXT) {
      answer.text = a.text?.trim() || null;
    } else {
      const choices = [...new Set(a.choices ?? [])];
      const unknown = choices.filter((c) => !q.options.some((o) => o.value === c));
      if (unknown.length) problems.push({ field: `${at}.choices`, message: `${q.key} has no option ${unknown.join(', ')}`, reason: 'UNKNOWN' });
      if (q.kind !== SurveyQuestionKind.MULTIPLE_CHOICE && choices.length > 1) problems.push({ field: `${at}.choices`, message: `${q.key} takes one choice`, reason: 'TOO_MANY' });
      answer.choices = choices.length ? choices : null;
    }
    given.set(q.key, answer);
  });
  for (const q of questions) {
    const a = given.get(q.key);
    if (q.required && (!a || (a.value == null && !a.choices?.length && !a.text)))
      problems.push({ field: 'answers', message: `question ${q.key} (${q.text}) is required`, reason: 'REQUIRED', params: { questionKey: q.key } });
  }
  if (problems.length) throw new BadUserInputError(problems);
  return questions.flatMap((q) => (given.has(q.key) ? [given.get(q.key)!] : []));
}

/** The satisfaction rating, NPS and weighted score (0–100) of a set of answers. */
export function scoreAnswers(questions: SurveyQuestion[], answers: SurveyAnswer[]): { rating: number | null; npsScore: number | null; score: number | null } {
  let weighted = 0;
  let weights = 0;
  for (const a of answers) {
    const q = questions.find((x) => x.key === a.questionKey)!;
    const s = answerScore(q, a);
    if (s != null) (weighted += q.weight * s), (weights += q.weight);
  }
  const satisfaction = questions.find((q) => q.satisfaction);
  const nps = questions.find((q) => q.kind === SurveyQuestionKind.NPS);
  return {
    rating: (satisfaction && answers.find((a) => a.questionKey === satisfaction.key)?.value) ?? null,
    npsScore: (nps && answers.find((a) => a.questionKey === nps.key)?.value) ?? null,
    score: weights > 0 ? Math.round((1000 * weighted) / weights) / 10 : null,
  };
}

/**
 * Records the customer's answers once, against the template version the survey was sent with:
 * by staff (a call, in store), or by the customer through an online link (`byCustomer`, no
 * actor; see survey-link.ts). Answering by any path ends the survey's online link.
 */
export async function recordSurveyAnswers(ctx: RequestContext, input: RecordSurveyAnswersInput & { channel?: SurveyChannel | null }, { byCustomer = false } = {}): Promise<SatisfactionRequest> {
  const actor = byCustomer ? null : requireActor(ctx);
  const request = await getSatisfactionRequest(ctx, input.id);
  checkVersion(request, input.version, 'Survey');
  if (request.status === SatisfactionRequestStatus.ANSWERED || request.status === SatisfactionRequestStatus.EXPIRED)
    throw new InvalidTransitionError(request.status, 'answer', [SatisfactionRequestStatus.PENDING, SatisfactionRequestStatus.SENT]);
  const channel = input.channel ?? request.channel;
  if (!channel) throw new BadUserInputError({ field: 'channel', message: 'say how the customer answered (the survey was not sent yet)', reason: 'REQUIRED' });
  const version = await ctx.em.findOne(SurveyTemplateVersion, { id: request.templateVersionId });
  if (!version) throw new NotFoundError('Survey template version', request.templateVersionId);
  const answers = checkAnswers(version.questions, input.answers);
  const now = clock.now();
  Object.assign(request, {
    ...scoreAnswers(version.questions, answers),
    status: SatisfactionRequestStatus.ANSWERED,
    channel,
    sentAt: request.sentAt ?? now,
    answeredAt: now,
    answeredById: actor?.kind === 'user' ? actor.id : null,
    answers,
    linkNonce: null,
    suggestion: input.suggestion?.trim() || null,
  });
  await ctx.em.flush();
  await publishEvent(ctx, 'survey.answered', request.franchiseId, {
    requestId: request.id,
    customerId: request.customerId,
    staffId: request.staffId ?? null,
    orgUnitId: request.orgUnitId ?? null,
    rating: request.rating ?? null,
    npsScore: request.npsScore ?? null,
  });
  return request;
}
