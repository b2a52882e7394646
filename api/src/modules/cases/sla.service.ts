import type { EntityManager } from '@mikro-orm/postgresql';
import { enabledPluginsFor } from '../../core/plugins/enablement';
import type { PluginSlaPolicy } from './case.plugin-points';
import { addBusinessMinutes, ALWAYS_OPEN, businessMinutesBetween, DEFAULT_CALENDAR, endOfWorkingDays, type BusinessCalendarSpec, type WorkingPeriod } from './business-time';
import { Case, CaseChannel, CaseStage, CaseType, SlaStatus } from './case.entity';
import { BusinessCalendar, CaseSlaClock, SlaClockKind, SlaPolicy, type SlaTarget } from './sla.entity';
import { clock } from '../../core/clock';

/**
 * SLA clocks: which targets apply to a case (its franchise's policy, or the built-in one),
 * when each clock is due on the business calendar, pausing while the case waits on the
 * customer, and the case's summary (next due time, worst status) for queues.
 */

/** domain.md defaults: online first reply 30 min, phone 15 min, complaint verification in 2 working days. */
export const BUILT_IN_SLA_TARGETS: SlaTarget[] = [
  { types: [CaseType.COMPLAINT, CaseType.AFTER_SALES], channels: [CaseChannel.PHONE], firstResponseMinutes: 15, nextResponseMinutes: 240, verificationWorkingDays: 2, resolutionWorkingDays: 5, calendarHours: true },
  { types: [CaseType.COMPLAINT, CaseType.AFTER_SALES], firstResponseMinutes: 30, nextResponseMinutes: 240, verificationWorkingDays: 2, resolutionWorkingDays: 5, calendarHours: true },
  { channels: [CaseChannel.PHONE], firstResponseMinutes: 15, nextResponseMinutes: 120, resolutionWorkingDays: 2, calendarHours: true },
  { firstResponseMinutes: 30, nextResponseMinutes: 120, resolutionWorkingDays: 2, calendarHours: true },
];

export interface EffectivePolicy {
  id: string | null;
  name: string;
  targets: SlaTarget[];
  warningThreshold: number;
  autoEscalateOnBreach: boolean;
  calendar: BusinessCalendarSpec;
}

export const BUILT_IN_POLICY: EffectivePolicy = {
  id: null,
  name: 'Built-in (domain defaults)',
  targets: BUILT_IN_SLA_TARGETS,
  warningThreshold: 0.8,
  autoEscalateOnBreach: true,
  calendar: DEFAULT_CALENDAR,
};

export function calendarSpec(calendar: Pick<BusinessCalendar, 'timeZone' | 'workingDays' | 'holidays' | 'extraWorkdays'>): BusinessCalendarSpec {
  const workingHours = { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] } as Record<0 | 1 | 2 | 3 | 4 | 5 | 6, WorkingPeriod[]>;
  for (const day of calendar.workingDays) workingHours[day.weekday as 0] = day.periods.map(({ start, end }) => ({ start, end }));
  return {
    timeZone: calendar.timeZone,
    workingHours,
    holidays: calendar.holidays,
    extraWorkdays: calendar.extraWorkdays.map((d) => ({ date: d.date, periods: d.periods ?? undefined })),
  };
}

/** The built-in policy as a contribution of the core plugin (the last resort of every franchise). */
export const BUILT_IN_SLA_POLICY: PluginSlaPolicy<any> = {
  name: BUILT_IN_POLICY.name,
  targets: BUILT_IN_SLA_TARGETS,
  warningThreshold: BUILT_IN_POLICY.warningThreshold,
  autoEscalateOnBreach: BUILT_IN_POLICY.autoEscalateOnBreach,
};

/**
 * The policy for a case: the franchise's own policy for its queue, else an enabled plugin's
 * policy for that queue, else the franchise's default, else a contributed default (core's
 * built-in one). Contributed policies count on the franchise default's calendar when it has one.
 */
export function policyFor(em: EntityManager, franchiseId: string, queue: string): Promise<EffectivePolicy> {
  let known = policiesByUnitOfWork.get(em);
  if (!known) policiesByUnitOfWork.set(em, (known = new Map()));
  const key = `${franchiseId}\u0000${queue}`;
  let policy = known.get(key);
  if (!policy) {
    policy = loadPolicy(em, franchiseId, queue);
    known.set(key, policy);
    policy.catch(() => known.delete(key));
  }
  return policy;
}

/**
 * Policies already looked up through one EntityManager (a request; the demo replay's
 * transaction, where a case's every step asked again): kept until a policy or calendar is
 * written through it (forgetPolicies).
 */
const policiesByUnitOfWork = new WeakMap<EntityManager, Map<string, Promise<EffectivePolicy>>>();

export function forgetPolicies(em: EntityManager): void {
  policiesByUnitOfWork.delete(em);
}

async function loadPolicy(em: EntityManager, franchiseId: string, queue: string): Promise<EffectivePolicy> {
  const policies = await em.find(SlaPolicy, { franchiseId, $or: [{ queue }, { isDefault: true }] });
  const own = policies.find((p) => p.queue === queue);
  const franchiseDefault = policies.find((p) => p.isDefault);
  const calendarOf = async (policy: SlaPolicy) => calendarSpec(await em.findOneOrFail(BusinessCalendar, { id: policy.calendarId }));
  if (own) return fromRow(own, await calendarOf(own));
  const enabled = await enabledPluginsFor(em, franchiseId);
  // Plugins in install order, core (installed first) last: a plugin's default outranks core's.
  const contributed = [...enabled.slice(1), ...enabled.slice(0, 1)].flatMap((e) => (e.plugin.slaPolicies ?? []).map((policy) => ({ policy, options: e.options })));
  const queued = contributed.find((c) => c.policy.queue === queue);
  const fallback = contributed.find((c) => !c.policy.queue);
  if (queued) return fromContribution(queued.policy, queued.options, franchiseDefault ? await calendarOf(franchiseDefault) : DEFAULT_CALENDAR);
  if (franchiseDefault) return fromRow(franchiseDefault, await calendarOf(franchiseDefault));
  return fallback ? fromContribution(fallback.policy, fallback.options, DEFAULT_CALENDAR) : BUILT_IN_POLICY;
}

function fromRow(policy: SlaPolicy, calendar: BusinessCalendarSpec): EffectivePolicy {
  return { id: policy.id, name: policy.name, targets: policy.targets, warningThreshold: policy.warningThreshold, autoEscalateOnBreach: policy.autoEscalateOnBreach, calendar };
}

function fromContribution<O>(policy: PluginSlaPolicy<O>, options: O, calendar: BusinessCalendarSpec): EffectivePolicy {
  return {
    id: null,
    name: policy.name,
    targets: typeof policy.targets === 'function' ? policy.targets(options) : [...policy.targets],
    warningThreshold: policy.warningThreshold ?? BUILT_IN_POLICY.warningThreshold,
    autoEscalateOnBreach: policy.autoEscalateOnBreach ?? BUILT_IN_POLICY.autoEscalateOnBreach,
    calendar,
  };
}

const matches = <T>(list: T[] | null | undefined, value: T) => !list?.length || list.includes(value);

export function targetFor(policy: EffectivePolicy, c: Pick<Case, 'type' | 'priority' | 'channel'>): SlaTarget | undefined {
  return policy.targets.find((t) => matches(t.types, c.type) && matches(t.priorities, c.priority) && matches(t.channels, c.channel));
}

type Duration = { minutes: number } | { workingDays: number };

function durationOf(target: SlaTarget, kind: SlaClockKind): Duration | null {
  switch (kind) {
    case SlaClockKind.FIRST_RESPONSE:
      return target.firstResponseMinutes ? { minutes: target.firstResponseMinutes } : null;
    case SlaClockKind.NEXT_RESPONSE:
      return target.nextResponseMinutes ? { minutes: target.nextResponseMinutes } : null;
    case SlaClockKind.VERIFICATION:
      return target.verificationWorkingDays ? { workingDays: target.verificationWorkingDays } : null;
    case SlaClockKind.RESOLUTION:
      if (target.resolutionMinutes) return { minutes: target.resolutionMinutes };
      return target.resolutionWorkingDays ? { workingDays: target.resolutionWorkingDays } : null;
  }
}

/** Due and warning instants of a clock starting at `from`. */
export function schedule(policy: EffectivePolicy, calendarHours: boolean, from: Date, duration: Duration): { dueAt: Date; warnAt: Date } {
  const calendar = calendarHours ? policy.calendar : ALWAYS_OPEN;
  const dueAt = 'minutes' in duration ? addBusinessMinutes(calendar, from, duration.minutes) : endOfWorkingDays(calendar, from, duration.workingDays);
  const total = businessMinutesBetween(calendar, from, dueAt);
  return { dueAt, warnAt: addBusinessMinutes(calendar, from, total * policy.warningThreshold) };
}

function startClock(em: EntityManager, policy: EffectivePolicy, c: Case, target: SlaTarget, kind: SlaClockKind, now: Date): CaseSlaClock | null {
  const duration = durationOf(target, kind);
  if (!duration) return null;
  const { dueAt, warnAt } = schedule(policy, target.calendarHours, now, duration);
  return em.create(CaseSlaClock, { franchiseId: c.franchiseId, caseId: c.id, kind, calendarHours: target.calendarHours, startedAt: now, dueAt, warnAt });
}

/** Clocks for a new case: first response, resolution and (complaints) verification. */
export async function startCaseClocks(em: EntityManager, c: Case, now = clock.now()): Promise<CaseSlaClock[]> {
  const policy = await policyFor(em, c.franchiseId, c.queue);
  c.slaPolicyId = policy.id;
  const target = targetFor(policy, c);
  if (!target) return [];
  const clocks = [SlaClockKind.FIRST_RESPONSE, SlaClockKind.VERIFICATION, SlaClockKind.RESOLUTION]
    .map((kind) => startClock(em, policy, c, target, kind, now))
    .filter((clock): clock is CaseSlaClock => !!clock);
  summarize(c, clocks, now);
  return clocks;
}

export const isRunning = (clock: CaseSlaClock) => !clock.metAt && !clock.pausedAt;

/** Keeps the case's queue fields in step with its clocks: next due time and worst status of running clocks. */
export function summarize(c: Case, clocks: CaseSlaClock[], now = clock.now()): void {
  const running = clocks.filter(isRunning);
  c.slaDueAt = running.length ? new Date(Math.min(...running.map((k) => k.dueAt.getTime()))) : null;
  if (!running.length) c.slaStatus = SlaStatus.NONE;
  else if (running.some((k) => k.breachedAt || k.dueAt <= now)) c.slaStatus = SlaStatus.BREACHED;
  else if (running.some((k) => k.warnedAt || k.warnAt <= now)) c.slaStatus = SlaStatus.WARNING;
  else c.slaStatus = SlaStatus.OK;
}

export async function caseClocks(em: EntityManager, caseId: string): Promise<CaseSlaClock[]> {
  return em.find(CaseSlaClock, { caseId }, { orderBy: { startedAt: 'asc', kind: 'asc' } });
}

/** Stops the running clocks of these kinds as met (a reply met the response clocks, a resolution the rest). */
export async function meetClocks(em: EntityManager, c: Case, kinds: SlaClockKind[], now = clock.now()): Promise<void> {
  const clocks = await caseClocks(em, c.id);
  for (const clock of clocks) if (kinds.includes(clock.kind) && !clock.metAt) Object.assign(clock, { metAt: now, pausedAt: null });
  summarize(c, clocks, now);
}

/** The customer wrote: a reply is due within the next-response target (unless one is already running). */
export async function startNextResponseClock(em: EntityManager, c: Case, now = clock.now()): Promise<void> {
  const clocks = await caseClocks(em, c.id);
  const waiting = clocks.some((k) => (k.kind === SlaClockKind.NEXT_RESPONSE || k.kind === SlaClockKind.FIRST_RESPONSE) && !k.metAt);
  if (!waiting && c.stage !== CaseStage.CLOSED && c.stage !== CaseStage.RESOLVED) {
    const policy = await policyFor(em, c.franchiseId, c.queue);
    const target = targetFor(policy, c);
    const clock = target && startClock(em, policy, c, target, SlaClockKind.NEXT_RESPONSE, now);
    if (clock) clocks.push(clock);
  }
  summarize(c, clocks, now);
}

/**
 * Resumes a paused clock: its due and warning times move later by the working time spent
 * paused (a breach or warning already given stays where it was).
 */
export function resumeClock(clock: Pick<CaseSlaClock, 'pausedAt' | 'dueAt' | 'warnAt' | 'breachedAt' | 'warnedAt'>, calendar: BusinessCalendarSpec, now: Date): void {
  const paused = clock.pausedAt ? businessMinutesBetween(calendar, clock.pausedAt, now) : 0;
  const shift = (at: Date) => (paused > 0 ? addBusinessMinutes(calendar, at, paused) : at);
  Object.assign(clock, { dueAt: clock.breachedAt ? clock.dueAt : shift(clock.dueAt), warnAt: clock.warnedAt ? clock.warnAt : shift(clock.warnAt), pausedAt: null });
}

/**
 * Stage changes move the clocks: waiting on the customer pauses them; coming back resumes
 * them with their due (and warning) times moved by the working time spent paused.
 */
export async function onStageChange(em: EntityManager, c: Case, from: CaseStage, to: CaseStage, now = clock.now()): Promise<void> {
  if (from === to) return;
  const clocks = await caseClocks(em, c.id);
  if (to === CaseStage.PENDING_CUSTOMER) {
    for (const clock of clocks) if (!clock.metAt && !clock.pausedAt) clock.pausedAt = now;
  } else if (from === CaseStage.PENDING_CUSTOMER) {
    const policy = await policyFor(em, c.franchiseId, c.queue);
    for (const clock of clocks.filter((k) => k.pausedAt && !k.metAt)) resumeClock(clock, clock.calendarHours ? policy.calendar : ALWAYS_OPEN, now);
  }
  if (to === CaseStage.RESOLVED || to === CaseStage.CLOSED) {
    for (const clock of clocks) if (!clock.metAt) Object.assign(clock, { metAt: now, pausedAt: null });
  } else if (from === CaseStage.RESOLVED) {
    // Reopened: resolution is due again, a full target from now.
    const policy = await policyFor(em, c.franchiseId, c.queue);
    const target = targetFor(policy, c);
    const clock = target && startClock(em, policy, c, target, SlaClockKind.RESOLUTION, now);
    if (clock) clocks.push(clock);
  }
  summarize(c, clocks, now);
}
