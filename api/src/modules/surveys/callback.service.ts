import type { RequestContext } from '../../core/context';
import { requireActor } from '../../core/auth/authorization';
import { calendarDate, clock } from '../../core/clock';
import { parseDay } from '../../core/read/report-period';
import { BadUserInputError, ConflictError, InvalidTransitionError, NotFoundError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { CaseChannel } from '../cases/case.entity';
import { createCase } from '../cases/case.service';
import { getCustomer, updateCustomer } from '../customers/customer.service';
import { orgUnitLoader } from '../org/org.loaders';
import { CallbackRule, CallbackRuleKind, CallbackStatus, CallbackTask } from './callback.entity';
import { DEFAULT_RULES, defaultRule, defaultRuleId, withDefaultRules } from './callback-plan';
import { SatisfactionRequest, SatisfactionRequestStatus, SurveyChannel } from './satisfaction-request.entity';
import { SurveyPurpose, SurveyTemplate } from './survey-template.entity';
import { currentTemplateVersionId, recordSurveyAnswers } from './survey.service';
import type { CreateCallbackRuleInput, RaiseCaseFromCallbackInput, RecordCallbackOutcomeInput, UpdateCallbackRuleInput } from './callback.types';

/** Good calling windows in the customer's (franchise's) zone: around 11:00 and 16:00, away from opening, lunch and closing. */
export const CALL_WINDOWS: readonly [string, string][] = [
  ['10:30', '11:30'],
  ['15:30', '16:30'],
];

/** An instant at a local wall-clock time on a date in a zone. */
function zonedInstant(date: string, time: string, timeZone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(guess);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const shown = Date.parse(`${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:00Z`);
  return new Date(guess.getTime() - (shown - guess.getTime()));
}

/** The next good calling window not ending before `from` (or, `startingFrom`, not starting before it), on or after the due date, in the zone. */
export function nextCallWindow(from: Date, dueDate: string, timeZone: string, startingFrom = false): { start: Date; end: Date } {
  let date = [dueDate, calendarDate(from, timeZone)].sort()[1]!;
  for (let i = 0; i < 3; i++) {
    for (const [start, end] of CALL_WINDOWS) {
      const window = { start: zonedInstant(date, start, timeZone), end: zonedInstant(date, end, timeZone) };
      if (startingFrom ? window.start >= from : window.end > from) return window;
    }
    date = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  throw new Error('unreachable: a window within three days');
}

async function franchiseZone(ctx: RequestContext, franchiseId: string): Promise<string> {
  return (await orgUnitLoader(ctx).load(franchiseId))?.timeZone ?? 'Asia/Shanghai';
}

// --- rules

export async function listCallbackRules(ctx: RequestContext): Promise<CallbackRule[]> {
  const actor = requireActor(ctx);
  const saved = await ctx.em.find(CallbackRule, {}, { orderBy: { franchiseId: 'asc', createdAt: 'asc', code: 'asc' } });
  // Nothing written on read: built-in rules never tuned show their defaults (version 0).
  const rules = withDefaultRules(saved, [actor.franchiseId]);
  // The built-in rules first, in their order, then the franchise's own.
  const builtIn = (r: CallbackRule) => DEFAULT_RULES.findIndex((d) => d.code === r.code) >>> 0;
  return rules.sort((a, b) => a.franchiseId.localeCompare(b.franchiseId) || builtIn(a) - builtIn(b));
}

function checkRule(input: { kind?: CallbackRuleKind; holidays?: { date: string; name: string }[] | null; dayOfMonth?: number | null }) {
  input.holidays?.forEach((h, i) => parseDay(`holidays.${i}.date`, h.date));
}

async function checkTemplate(ctx: RequestContext, templateId: string | null | undefined) {
  if (templateId && !(await ctx.em.findOne(SurveyTemplate, { id: templateId }))) throw new BadUserInputError({ field: 'templateId', message: 'no such survey template', reason: 'NOT_FOUND' });
}

export async function createCallbackRule(ctx: RequestContext, input: CreateCallbackRuleInput): Promise<CallbackRule> {
  const actor = requireActor(ctx);
  checkRule(input);
  await checkTemplate(ctx, input.templateId);
  if (DEFAULT_RULES.some((d) => d.code === input.code) || (await ctx.em.findOne(CallbackRule, { franchiseId: actor.franchiseId, code: input.code })))
    throw new BadUserInputError({ field: 'code', message: `the code ${input.code} is already used by another rule`, reason: 'DUPLICATE' });
  const { holidays, tags, ...rest } = input;
  const rule = ctx.em.create(CallbackRule, { ...(rest as object), franchiseId: actor.franchiseId, holidays: holidays ?? [], tags: tags ?? [] } as CallbackRule);
  await ctx.em.flush();
  return rule;
}

/** A rule by id within the franchise: saved, or a built-in one never saved (version 0). */
async function findRule(ctx: RequestContext, franchiseId: string, id: string): Promise<CallbackRule | null> {
  const saved = await ctx.em.findOne(CallbackRule, { id });
  if (saved) return saved;
  const code = DEFAULT_RULES.find((d) => defaultRuleId(franchiseId, d.code) === id)?.code;
  return code ? defaultRule(franchiseId, code) : null;
}

export async function updateCallbackRule(ctx: RequestContext, input: UpdateCallbackRuleInput): Promise<CallbackRule> {
  const found = await findRule(ctx, requireActor(ctx).franchiseId, input.id);
  if (!found) throw new NotFoundError('Callback rule', input.id);
  checkVersion(found, input.version, 'Callback rule');
  // A built-in rule's first update writes it, under its own id.
  const rule = found.version === 0 ? ctx.em.create(CallbackRule, { ...found, version: 1 }) : found;
  checkRule({ holidays: input.update.holidays });
  await checkTemplate(ctx, input.update.templateId);
  applyUpdate(rule, input.update as Partial<CallbackRule>);
  await ctx.em.flush();
  return rule;
}

// --- the desk

export async function getCallbackTask(ctx: RequestContext, id: string): Promise<CallbackTask> {
  const task = await ctx.em.findOne(CallbackTask, { id });
  // Within the franchise, the customer's store must be within the caller's reach.
  if (!task || !(await getCustomer(ctx, task.customerId).catch(() => null))) throw new NotFoundError('Callback task', id);
  return task;
}

const CLOSED: readonly CallbackStatus[] = [CallbackStatus.COMPLETED, CallbackStatus.REFUSED, CallbackStatus.WRONG_NUMBER, CallbackStatus.DO_NOT_CALL, CallbackStatus.UNREACHABLE];
/** Calls without an answer before a task closes, for a task with no rule. */
const DEFAULT_MAX_ATTEMPTS = 3;
const OUTCOME_LABEL: Record<CallbackStatus, string> = {
  OPEN: '待回访',
  RETRY: '未接通，稍后再拨',
  COMPLETED: '已完成',
  REFUSED: '客户拒绝',
  WRONG_NUMBER: '号码错误',
  DO_NOT_CALL: '客户要求不再来电',
  UNREACHABLE: '多次未接通，无法联系',
};
export const callbackOutcomeLabel = (status: CallbackStatus) => OUTCOME_LABEL[status];

/** The questions a callback asks: its survey's version, else the rule's template, else the franchise's (or HQ's) callback template. */
export async function callbackTemplateVersionId(ctx: RequestContext, task: CallbackTask): Promise<string> {
  const survey = task.surveyId ? await ctx.em.findOne(SatisfactionRequest, { id: task.surveyId }) : null;
  if (survey) return survey.templateVersionId;
  const rule = task.ruleId ? await findRule(ctx, task.franchiseId, task.ruleId) : null;
  const template = rule?.templateId ? await ctx.em.findOne(SurveyTemplate, { id: rule.templateId }) : null;
  return template?.currentVersionId ?? (await currentTemplateVersionId(ctx.em, task.franchiseId, SurveyPurpose.CALLBACK));
}

/** The survey a callback asks: the service contact's own, else one made now with the rule's (or the franchise's callback) template. */
async function callbackSurvey(ctx: RequestContext, task: CallbackTask): Promise<SatisfactionRequest> {
  if (task.surveyId) {
    const survey = await ctx.em.findOne(SatisfactionRequest, { id: task.surveyId });
    if (survey) return survey;
  }
  const templateVersionId = await callbackTemplateVersionId(ctx, task);
  const actor = requireActor(ctx);
  const survey = ctx.em.create(SatisfactionRequest, {
    franchiseId: task.franchiseId,
    customerId: task.customerId,
    sourceKind: 'callback',
    sourceId: task.id,
    sourceRef: task.title,
    staffId: actor.kind === 'user' ? actor.id : null,
    orgUnitId: task.orgUnitId,
    templateVersionId,
  });
  task.surveyId = survey.id;
  await ctx.em.flush();
  return survey;
}

/**
 * The outcome of a call: completed (with the survey's answers and suggestions), no answer (tried
 * again from the next calling window, or `retryAt`), refused, wrong number, or do not call (the
 * customer's phone consent is withdrawn). Each lands on the customer's timeline.
 */
export async function recordCallbackOutcome(ctx: RequestContext, input: RecordCallbackOutcomeInput): Promise<CallbackTask> {
  const actor = requireActor(ctx);
  const task = await getCallbackTask(ctx, input.id);
  checkVersion(task, input.version, 'Callback task');
  if (CLOSED.includes(task.status)) throw new InvalidTransitionError(task.status, input.outcome, [CallbackStatus.OPEN, CallbackStatus.RETRY]);
  if (input.outcome === CallbackStatus.OPEN || input.outcome === CallbackStatus.UNREACHABLE)
    throw new BadUserInputError({ field: 'outcome', message: 'an outcome is COMPLETED, RETRY, REFUSED, WRONG_NUMBER or DO_NOT_CALL', reason: 'INVALID' });
  if (input.answers?.length && input.outcome !== CallbackStatus.COMPLETED)
    throw new BadUserInputError({ field: 'answers', message: 'answers are recorded with a completed call', reason: 'INVALID' });
  const now = clock.now();
  if (input.retryAt && (input.outcome !== CallbackStatus.RETRY || input.retryAt <= now))
    throw new BadUserInputError({ field: 'retryAt', message: 'a retry time is given with RETRY, in the future', reason: 'INVALID' });
  // A customer reached (completed or refused) was asked the survey: it counts as sent by phone,
  // answered or not, so the response rate of callbacks is answered ÷ asked (not always 100 %).
  if (input.outcome === CallbackStatus.COMPLETED || input.outcome === CallbackStatus.REFUSED) {
    const survey = await callbackSurvey(ctx, task);
    if (input.answers?.length) await recordSurveyAnswers(ctx, { id: survey.id, version: survey.version, channel: SurveyChannel.PHONE, answers: input.answers, suggestion: input.suggestion });
    else if (survey.status === SatisfactionRequestStatus.PENDING) Object.assign(survey, { status: SatisfactionRequestStatus.SENT, channel: SurveyChannel.PHONE, sentAt: now });
  }
  // No answer on the last allowed attempt closes the task as unreachable.
  const maxAttempts = (task.ruleId ? (await findRule(ctx, task.franchiseId, task.ruleId))?.maxAttempts : null) ?? DEFAULT_MAX_ATTEMPTS;
  const outcome = input.outcome === CallbackStatus.RETRY && task.attempts + 1 >= maxAttempts ? CallbackStatus.UNREACHABLE : input.outcome;
  Object.assign(task, {
    status: outcome,
    attempts: task.attempts + 1,
    assigneeId: task.assigneeId ?? (actor.kind === 'user' ? actor.id : null),
    note: input.note?.trim() || task.note || null,
    nextAttemptAt: outcome === CallbackStatus.RETRY ? (input.retryAt ?? nextCallWindow(new Date(now.getTime() + 60 * 60_000), task.dueDate, await franchiseZone(ctx, task.franchiseId), true).start) : null,
    ...(CLOSED.includes(outcome) ? { closedAt: now, closedById: actor.kind === 'user' ? actor.id : null } : {}),
  });
  await ctx.em.flush();
  if (input.outcome === CallbackStatus.DO_NOT_CALL) {
    const customer = await getCustomer(ctx, task.customerId);
    if (customer.consentPhone) await updateCustomer(ctx, customer.id, customer.version, { consentPhone: false } as never);
  }
  await publishEvent(ctx, 'callback.outcome', task.franchiseId, { taskId: task.id, customerId: task.customerId, kind: task.kind, outcome: task.status, attempts: task.attempts, surveyId: task.surveyId ?? null });
  return task;
}

/** A new problem heard on a call becomes a case in one action, linked to the callback. */
export async function raiseCaseFromCallback(ctx: RequestContext, input: RaiseCaseFromCallbackInput): Promise<CallbackTask> {
  const task = await getCallbackTask(ctx, input.id);
  if (task.caseId) throw new ConflictError(`A case was already raised from this callback (${task.caseId}); add to that case instead`, { caseId: task.caseId });
  const created = await createCase(ctx, {
    type: input.type,
    channel: CaseChannel.PHONE,
    customerId: task.customerId,
    orgUnitId: task.orgUnitId,
    subject: input.subject,
    description: input.description,
    tags: ['callback'],
  } as never);
  task.caseId = created.id;
  await ctx.em.flush();
  await publishEvent(ctx, 'callback.case_raised', task.franchiseId, { taskId: task.id, customerId: task.customerId, caseId: created.id, caseNo: created.caseNo });
  return task;
}

