import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, NotFoundError } from '../../core/errors';
import { readFranchiseSettings, updateFranchiseSettings } from '../../core/services/franchise-settings';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { findFranchise } from '../org/org.service';
import { validateCalendar } from './business-time';
import { checkAssignmentRule } from './case-assignment';
import type { BusinessCalendarInput, SlaPolicyInput, UpdateCaseSettingsInput } from './case.types';
import { CaseSettings } from './queue.entity';
import { BusinessCalendar, SlaPolicy } from './sla.entity';
import { calendarSpec, forgetPolicies } from './sla.service';

/** SLA policies, business calendars and case settings of the actor's franchise (sla:manage). */

export function listCalendars(ctx: RequestContext): Promise<BusinessCalendar[]> {
  return ctx.em.find(BusinessCalendar, {}, { orderBy: { name: 'asc', id: 'asc' } });
}

export function listPolicies(ctx: RequestContext): Promise<SlaPolicy[]> {
  return ctx.em.find(SlaPolicy, {}, { orderBy: { isDefault: 'desc', name: 'asc', id: 'asc' } });
}

/** The calendar's stored fields from the input, refused with every problem found. */
function calendarFields(input: BusinessCalendarInput, prefix: string): Partial<BusinessCalendar> {
  const fields = { ...input, holidays: input.holidays ?? [], extraWorkdays: input.extraWorkdays ?? [] } as Partial<BusinessCalendar>;
  const problems = validateCalendar(calendarSpec(fields as BusinessCalendar));
  if (problems.length) throw new BadUserInputError(problems.map((message) => ({ field: prefix, message })));
  return fields;
}

export async function createCalendar(ctx: RequestContext, input: BusinessCalendarInput): Promise<BusinessCalendar> {
  const calendar = ctx.em.create(BusinessCalendar, { ...calendarFields(input, 'businessCalendar'), franchiseId: requireActor(ctx).franchiseId } as BusinessCalendar);
  forgetPolicies(ctx.em);
  await ctx.em.flush();
  return calendar;
}

export async function updateCalendar(ctx: RequestContext, id: string, version: number, update: BusinessCalendarInput): Promise<BusinessCalendar> {
  const calendar = await ctx.em.findOne(BusinessCalendar, { id });
  if (!calendar) throw new NotFoundError('Business calendar', id);
  checkVersion(calendar, version, 'Business calendar');
  applyUpdate(calendar, calendarFields(update, 'update'));
  forgetPolicies(ctx.em);
  await ctx.em.flush();
  return calendar;
}

async function checkPolicy(ctx: RequestContext, input: SlaPolicyInput, franchiseId: string, field: string): Promise<void> {
  const calendar = await ctx.em.findOne(BusinessCalendar, { id: input.calendarId, franchiseId });
  if (!calendar) throw new NotFoundError('Business calendar', input.calendarId);
  if (!input.targets.length) throw new BadUserInputError({ field: `${field}.targets`, message: 'give at least one target' });
  input.targets.forEach((t, i) => {
    if (!t.firstResponseMinutes && !t.nextResponseMinutes && !t.verificationWorkingDays && !t.resolutionMinutes && !t.resolutionWorkingDays)
      throw new BadUserInputError({ field: `${field}.targets.${i}`, message: 'set at least one time limit' });
  });
  if (input.isDefault && input.queue) throw new BadUserInputError({ field: `${field}.queue`, message: 'a default policy applies to every queue; leave queue empty' });
}

/** Only one default policy per franchise: making one default demotes the other. */
async function demoteOtherDefaults(ctx: RequestContext, policy: SlaPolicy): Promise<void> {
  if (!policy.isDefault) return;
  for (const other of await ctx.em.find(SlaPolicy, { franchiseId: policy.franchiseId, isDefault: true, id: { $ne: policy.id } })) other.isDefault = false;
  await ctx.em.flush();
}

export async function createPolicy(ctx: RequestContext, input: SlaPolicyInput): Promise<SlaPolicy> {
  const franchiseId = requireActor(ctx).franchiseId;
  await checkPolicy(ctx, input, franchiseId, 'slaPolicy');
  const policy = ctx.em.create(SlaPolicy, { ...input, franchiseId } as SlaPolicy);
  await demoteOtherDefaults(ctx, policy);
  forgetPolicies(ctx.em);
  await ctx.em.flush();
  return policy;
}

export async function updatePolicy(ctx: RequestContext, id: string, version: number, update: SlaPolicyInput): Promise<SlaPolicy> {
  const policy = await ctx.em.findOne(SlaPolicy, { id });
  if (!policy) throw new NotFoundError('SLA policy', id);
  checkVersion(policy, version, 'SLA policy');
  await checkPolicy(ctx, update, policy.franchiseId, 'update');
  applyUpdate(policy, update as Partial<SlaPolicy>);
  await demoteOtherDefaults(ctx, policy);
  forgetPolicies(ctx.em);
  await ctx.em.flush();
  return policy;
}

async function settingsFranchise(ctx: RequestContext, franchiseId?: string | null): Promise<string> {
  const actor = requireActor(ctx);
  if (!franchiseId || franchiseId === actor.franchiseId) return actor.franchiseId;
  if (!(await findFranchise(ctx, franchiseId))) throw new NotFoundError('Franchise', franchiseId);
  return franchiseId;
}

export async function getCaseSettings(ctx: RequestContext, franchiseId?: string | null): Promise<CaseSettings> {
  return readFranchiseSettings(ctx, CaseSettings, await settingsFranchise(ctx, franchiseId));
}

export async function updateCaseSettings(ctx: RequestContext, input: UpdateCaseSettingsInput): Promise<CaseSettings> {
  const franchiseId = await settingsFranchise(ctx, input.franchiseId);
  if (input.assignmentRule) await checkAssignmentRule(ctx.em, franchiseId, 'assignmentRule', input.assignmentRule);
  return updateFranchiseSettings(ctx, CaseSettings, 'Case settings', { franchiseId, version: input.version }, (settings) =>
    applyUpdate(settings, { assignmentRule: input.assignmentRule, feedbackAnswerHours: input.feedbackAnswerHours }),
  );
}
