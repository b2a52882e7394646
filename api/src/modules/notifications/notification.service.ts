import { LockMode, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import type { AppRuntime, RequestContext } from '../../core/context';
import { AppError, BadUserInputError, ConflictError, ErrorCode, ForbiddenError, NotFoundError } from '../../core/errors';
import { findPage, type ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { byIdLoader } from '../../core/loaders';
import { readFranchiseSettings, updateFranchiseSettings } from '../../core/services/franchise-settings';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { inFranchise } from '../../core/plugins/events';
import { canSeeFranchise, inScopedTransaction, SYSTEM_SCOPE } from '../../core/tenancy/scope';
import { publishEvent, publishLive } from '../../core/events/outbox';
import { Customer } from '../customers/customer.entity';
import { getCustomer } from '../customers/customer.service';
import { StaffUser } from '../identity/staff-user.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { NotificationChannel, NotificationMessage, NotificationOptOut, NotificationSettings, NotificationStatus, NotificationTemplate, SuppressionReason } from './notification.entity';
import { channelsFor, CUSTOMER_CHANNELS, LANGUAGES, notificationKind, type KindVariables, type NotificationKind, type NotificationKindKey } from './notification.kinds';
import { createProviders, type NotificationProviders } from './notification.providers';
import { customerDecision, isTimeOfDay, placeholderProblems, render, sendableAt } from './notification.rules';
import type { NotificationSettingsInput, NotificationTemplateInput, NotificationTemplateUpdate } from './notification.types';
import { retryDeadLettersOf } from '../events/event.service';

/**
 * Notifications: templates per franchise, channel and language; messages decided in the
 * transaction of the change that caused them, with a `notification.queued` outbox event in
 * that same transaction when the message may leave. The delivery reaction to that event (a
 * pg-boss job fed from the outbox, retried with backoff, a dead letter after the last try)
 * hands it to the configured provider, after the franchise's quiet hours, never to a
 * customer who opted out or did not consent; the message row keeps its delivery status.
 */

export const INBOX_TOPIC = 'notifications.inbox';
const SMS_MAX = 500;

const templateLoader = (ctx: RequestContext) => byIdLoader(ctx, NotificationTemplate);

// ------------------------------------------------------------------ templates

/** Refuses a template whose kind, channel, language or placeholders do not fit; names what is wrong. */
function checkTemplate(kind: NotificationKind | undefined, fields: { kind: string; channel: NotificationChannel; language: string; subject?: string | null; body: string }, prefix: string): void {
  if (!kind) throw new BadUserInputError({ field: `${prefix}.kind`, message: `unknown kind "${fields.kind}"; see notificationKinds` });
  if (!channelsFor(kind).includes(fields.channel))
    throw new BadUserInputError({ field: `${prefix}.channel`, message: `${kind.key} messages go to ${kind.audience === 'staff' ? 'staff (IN_APP)' : 'customers (SMS, WECHAT, EMAIL)'}, not ${fields.channel}` });
  if (!(LANGUAGES as readonly string[]).includes(fields.language)) throw new BadUserInputError({ field: `${prefix}.language`, message: `must be one of ${LANGUAGES.join(', ')}` });
  if (!fields.body.trim()) throw new BadUserInputError({ field: `${prefix}.body`, message: 'cannot be blank' });
  if (fields.channel === NotificationChannel.SMS && fields.body.length > SMS_MAX) throw new BadUserInputError({ field: `${prefix}.body`, message: `an SMS template is at most ${SMS_MAX} characters` });
  if (fields.channel === NotificationChannel.EMAIL && !fields.subject?.trim()) throw new BadUserInputError({ field: `${prefix}.subject`, message: 'an email needs a subject' });
  const allowed = Object.keys(kind.placeholders);
  for (const part of ['subject', 'body'] as const) {
    const problem = placeholderProblems(fields[part] ?? '', allowed)[0];
    if (problem)
      throw new AppError(ErrorCode.BadUserInput, `${prefix}.${part}: ${problem.message}`, {
        field: `${prefix}.${part}`,
        fields: [{ field: `${prefix}.${part}`, message: problem.message }],
        placeholder: problem.placeholder,
        allowedPlaceholders: allowed,
      });
  }
}

function uniqueTemplate<T>(work: Promise<T>, fields: { kind: string; channel: string; language: string }): Promise<T> {
  return work.catch((error: unknown) => {
    if (error instanceof UniqueConstraintViolationException)
      throw new ConflictError(`Your franchise already has a ${fields.channel} template for ${fields.kind} in ${fields.language}; edit that one`);
    throw error;
  });
}

export function listTemplates(ctx: RequestContext, args: ListArgs) {
  return findPage(ctx.em, NotificationTemplate, args, { defaultSort: [{ field: 'kind', direction: SortDirection.ASC }] });
}

export async function findTemplate(ctx: RequestContext, id: string): Promise<NotificationTemplate | null> {
  return templateLoader(ctx).load(id);
}

async function getTemplate(ctx: RequestContext, id: string): Promise<NotificationTemplate> {
  const template = await findTemplate(ctx, id);
  if (!template) throw new NotFoundError('Notification template', id);
  return template;
}

/** HQ names the franchise; anyone else writes their own franchise's templates and settings. */
function franchiseFor(ctx: RequestContext, requested: string | null | undefined, field: string): string {
  const actor = requireActor(ctx);
  if (!requested) {
    if (actor.isHq) throw new BadUserInputError({ field, message: 'HQ must say which franchise' });
    return actor.franchiseId;
  }
  if (!canSeeFranchise(actor.scope, requested)) throw new NotFoundError('Franchise', requested);
  return requested;
}

export async function createTemplate(ctx: RequestContext, input: NotificationTemplateInput): Promise<NotificationTemplate> {
  const actor = requireActor(ctx);
  const franchiseId = franchiseFor(ctx, input.franchiseId, 'template.franchiseId');
  const fields = { kind: input.kind, channel: input.channel, language: input.language ?? 'zh-CN', subject: input.subject ?? null, body: input.body };
  checkTemplate(notificationKind(input.kind), fields, 'template');
  const template = ctx.em.create(NotificationTemplate, { ...fields, franchiseId, enabled: input.enabled ?? true, updatedById: actor.kind === 'user' ? actor.id : null });
  await uniqueTemplate(ctx.em.flush(), fields);
  return template;
}

export async function updateTemplate(ctx: RequestContext, id: string, version: number, update: NotificationTemplateUpdate): Promise<NotificationTemplate> {
  const actor = requireActor(ctx);
  const template = await getTemplate(ctx, id);
  checkVersion(template, version, 'Notification template');
  for (const [key, value] of Object.entries(update)) if (value === null && key !== 'subject') throw new BadUserInputError({ field: `update.${key}`, message: 'cannot be cleared; leave it out to keep it' });
  const next = { kind: template.kind, channel: template.channel, language: update.language ?? template.language, subject: update.subject === undefined ? template.subject : update.subject, body: update.body ?? template.body };
  checkTemplate(notificationKind(template.kind), next, 'update');
  applyUpdate(template, { ...update, language: next.language, updatedById: actor.kind === 'user' ? actor.id : null } as Partial<NotificationTemplate>);
  await uniqueTemplate(ctx.em.flush(), next);
  return template;
}

/** Removes a franchise template: its kind goes back to the built-in wording. */
export async function deleteTemplate(ctx: RequestContext, id: string): Promise<NotificationTemplate> {
  const template = await getTemplate(ctx, id);
  ctx.em.remove(template);
  await ctx.em.flush();
  return template;
}

// ------------------------------------------------------------------ settings and opt-outs

/** The franchise's settings (the entity's defaults, unsaved, until someone changes them). */
export async function settingsOf(ctx: RequestContext, franchiseId: string): Promise<NotificationSettings> {
  return readFranchiseSettings(ctx, NotificationSettings, franchiseId);
}

export async function getSettings(ctx: RequestContext, franchiseId?: string | null): Promise<NotificationSettings> {
  return settingsOf(ctx, franchiseFor(ctx, franchiseId, 'franchiseId'));
}

export async function updateSettings(ctx: RequestContext, input: NotificationSettingsInput): Promise<NotificationSettings> {
  const franchiseId = franchiseFor(ctx, input.franchiseId, 'input.franchiseId');
  for (const field of ['quietHoursStart', 'quietHoursEnd'] as const) {
    const value = input[field];
    if (value != null && !isTimeOfDay(value)) throw new BadUserInputError({ field: `input.${field}`, message: 'must be a time of day HH:MM (00:00–23:59)' });
  }
  if ((input.quietHoursStart == null) !== (input.quietHoursEnd == null)) throw new BadUserInputError({ field: 'input.quietHoursEnd', message: 'give both ends of the quiet hours, or neither to send at any hour' });
  if (input.timeZone) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: input.timeZone });
    } catch {
      throw new BadUserInputError({ field: 'input.timeZone', message: `unknown time zone "${input.timeZone}" (an IANA name such as Asia/Shanghai)` });
    }
  }
  return updateFranchiseSettings(ctx, NotificationSettings, 'Notification settings of franchise', { franchiseId, version: input.version }, (settings) =>
    Object.assign(settings, { quietHoursStart: input.quietHoursStart ?? null, quietHoursEnd: input.quietHoursEnd ?? null, ...(input.timeZone ? { timeZone: input.timeZone } : {}) }),
  );
}

export async function customerOptOuts(ctx: RequestContext, customerId: string): Promise<NotificationOptOut[]> {
  return ctx.em.find(NotificationOptOut, { customerId }, { orderBy: { createdAt: 'asc' } });
}

/** Records that a customer wants no more messages on a channel (every channel when none is named). */
export async function optOutCustomer(ctx: RequestContext, input: { customerId: string; channel?: NotificationChannel | null; reason: string }): Promise<NotificationOptOut> {
  const actor = requireActor(ctx);
  const customer = await getCustomer(ctx, input.customerId);
  if (input.channel === NotificationChannel.IN_APP) throw new BadUserInputError({ field: 'input.channel', message: 'customers get no in-app messages' });
  if (!input.reason.trim()) throw new BadUserInputError({ field: 'input.reason', message: 'say what the customer asked for' });
  const existing = (await customerOptOuts(ctx, customer.id)).find((o) => (o.channel ?? null) === (input.channel ?? null));
  if (existing) return existing;
  const optOut = ctx.em.create(NotificationOptOut, { franchiseId: customer.franchiseId, customerId: customer.id, channel: input.channel ?? null, reason: input.reason.trim(), recordedById: actor.kind === 'user' ? actor.id : null });
  await ctx.em.flush();
  return optOut;
}

/** The customer agreed to hear from us again on that channel (or on all); returns how many opt-outs were lifted. */
export async function optInCustomer(ctx: RequestContext, input: { customerId: string; channel?: NotificationChannel | null }): Promise<number> {
  const customer = await getCustomer(ctx, input.customerId);
  return ctx.em.nativeDelete(NotificationOptOut, { customerId: customer.id, ...(input.channel ? { channel: input.channel } : {}) });
}

// ------------------------------------------------------------------ deciding a message

interface MessageRef {
  refType?: string;
  refId?: string;
  /** One message per key and franchise: the same reaction to the same event sends once. */
  dedupeKey?: string;
}

async function franchiseName(ctx: RequestContext, franchiseId: string): Promise<string> {
  return (await ctx.em.findOne(OrgUnit, { id: franchiseId }, { fields: ['name'] }))?.name ?? '';
}

/** The wording to use: the franchise's own template, or the built-in one (null when the franchise disabled it). */
async function wording(ctx: RequestContext, franchiseId: string, kind: NotificationKind, channel: NotificationChannel, language: string) {
  const template = await ctx.em.findOne(NotificationTemplate, { franchiseId, kind: kind.key, channel, language });
  if (template) return { templateId: template.id, subject: template.subject ?? null, body: template.body, enabled: template.enabled };
  const built = kind.defaults[language as keyof NotificationKind['defaults']] ?? kind.defaults['zh-CN'];
  return { templateId: null, subject: built.subject, body: channel === NotificationChannel.SMS ? (built.sms ?? built.body) : built.body, enabled: true };
}

const quietHoursNote = (at: Date) => `免打扰时段，将于 ${at.toISOString()} 发送 (quiet hours)`;

async function alreadyDecided(ctx: RequestContext, franchiseId: string, dedupeKey: string | undefined): Promise<NotificationMessage | null> {
  return dedupeKey ? ctx.em.findOne(NotificationMessage, { franchiseId, dedupeKey }) : null;
}

/**
 * The message may leave now: its outbox event, in the caller's transaction, feeds the
 * delivery reaction once the change commits (a message held by quiet hours gets its event
 * from the sweep when they are over).
 */
function queueDelivery(ctx: RequestContext, message: NotificationMessage): Promise<void> {
  return publishEvent(ctx, 'notification.queued', message.franchiseId, { messageId: message.id });
}

/**
 * Decides a message to a customer in the caller's transaction: the channel (the one asked
 * for, else the first of WeChat, SMS, email the customer may be written to on), the
 * wording, when it may leave (quiet hours). A message that may not be sent is still
 * logged, SUPPRESSED, with the reason, so nobody wonders why the customer heard nothing.
 */
export async function notifyCustomer<K extends NotificationKindKey>(
  ctx: RequestContext,
  request: { kind: K; customerId: string; variables: Omit<KindVariables<K>, 'customerName' | 'franchiseName'>; channel?: NotificationChannel | null; language?: string; marketing?: boolean } & MessageRef,
): Promise<NotificationMessage> {
  const kind = notificationKind(request.kind)!;
  const customer = await ctx.em.findOne(Customer, { id: request.customerId });
  if (!customer) throw new NotFoundError('Customer', request.customerId);
  const previous = await alreadyDecided(ctx, customer.franchiseId, request.dedupeKey);
  if (previous) return previous;
  const optOuts = await customerOptOuts(ctx, customer.id);
  const channels = request.channel ? [request.channel] : [...CUSTOMER_CHANNELS];
  const decisions = channels.map((channel) => ({ channel, decision: customerDecision(customer, channel, optOuts, request.marketing) }));
  const { channel, decision } = decisions.find((d) => d.decision.send) ?? decisions[0]!;
  const language = request.language ?? 'zh-CN';
  const words = await wording(ctx, customer.franchiseId, kind, channel, language);
  const values = { ...request.variables, customerName: customer.name, franchiseName: await franchiseName(ctx, customer.franchiseId) } as Record<string, string>;
  const now = clock.now();
  const message = ctx.em.create(NotificationMessage, {
    franchiseId: customer.franchiseId,
    kind: kind.key,
    channel,
    language,
    customerId: customer.id,
    templateId: words.templateId,
    subject: words.subject == null ? null : render(words.subject, values),
    body: render(words.body, values),
    refType: request.refType ?? null,
    refId: request.refId ?? null,
    dedupeKey: request.dedupeKey ?? null,
    scheduledFor: now,
  });
  if (!words.enabled) Object.assign(message, { status: NotificationStatus.SUPPRESSED, suppressionReason: SuppressionReason.TEMPLATE_DISABLED, statusNote: `本加盟商已停用 ${kind.key} 的${channel}模板 (template disabled)` });
  else if (!decision.send) Object.assign(message, { status: NotificationStatus.SUPPRESSED, suppressionReason: decision.reason, statusNote: decision.note });
  else {
    message.address = decision.address;
    const at = sendableAt(await settingsOf(ctx, customer.franchiseId), now);
    if (at > now) Object.assign(message, { status: NotificationStatus.SCHEDULED, scheduledFor: at, statusNote: quietHoursNote(at) });
    else await queueDelivery(ctx, message);
  }
  await ctx.em.flush();
  return message;
}

/** In-app messages for staff: in their bell at once (no provider, no quiet hours), counted live. */
export async function notifyStaff<K extends NotificationKindKey>(
  ctx: RequestContext,
  request: { kind: K; staffIds: string[]; franchiseId: string; variables: Omit<KindVariables<K>, 'franchiseName'> } & MessageRef,
): Promise<NotificationMessage[]> {
  const kind = notificationKind(request.kind)!;
  const staff = request.staffIds.length ? await ctx.em.find(StaffUser, { id: { $in: [...new Set(request.staffIds)] }, franchiseId: request.franchiseId }, { fields: ['id'] }) : [];
  const words = await wording(ctx, request.franchiseId, kind, NotificationChannel.IN_APP, 'zh-CN');
  if (!words.enabled || !staff.length) return [];
  const values = { ...request.variables, franchiseName: await franchiseName(ctx, request.franchiseId) } as Record<string, string>;
  const now = clock.now();
  const messages: NotificationMessage[] = [];
  for (const person of staff) {
    const dedupeKey = request.dedupeKey ? `${request.dedupeKey}:${person.id}` : null;
    const previous = await alreadyDecided(ctx, request.franchiseId, dedupeKey ?? undefined);
    if (previous) continue;
    messages.push(
      ctx.em.create(NotificationMessage, {
        franchiseId: request.franchiseId,
        kind: kind.key,
        channel: NotificationChannel.IN_APP,
        staffId: person.id,
        templateId: words.templateId,
        subject: words.subject == null ? null : render(words.subject, values),
        body: render(words.body, values),
        status: NotificationStatus.SENT,
        provider: 'in-app',
        sentAt: now,
        scheduledFor: now,
        attempts: 1,
        refType: request.refType ?? null,
        refId: request.refId ?? null,
        dedupeKey,
      }),
    );
  }
  await ctx.em.flush();
  for (const m of messages) await publishLive(ctx, INBOX_TOPIC, { id: m.staffId!, franchiseId: m.franchiseId });
  return messages;
}

/** A person writes to a customer from the admin ("customer.care" wording around their text). */
export async function sendCustomerMessage(ctx: RequestContext, input: { customerId: string; message: string; channel?: NotificationChannel | null }): Promise<NotificationMessage> {
  const customer = await getCustomer(ctx, input.customerId);
  if (!input.message.trim()) throw new BadUserInputError({ field: 'input.message', message: 'cannot be blank' });
  if (input.channel === NotificationChannel.IN_APP) throw new BadUserInputError({ field: 'input.channel', message: 'customers get SMS, WECHAT or EMAIL' });
  return notifyCustomer(ctx, { kind: 'customer.care', customerId: customer.id, channel: input.channel, variables: { message: input.message.trim() }, refType: 'Customer', refId: customer.id });
}

// ------------------------------------------------------------------ delivering

const providersByRuntime = new WeakMap<AppRuntime, NotificationProviders>();

export function providersOf(runtime: AppRuntime): NotificationProviders {
  let providers = providersByRuntime.get(runtime);
  if (!providers) providersByRuntime.set(runtime, (providers = createProviders(runtime.config, runtime.logger)));
  return providers;
}

/**
 * The delivery reaction's work for one message: re-checks opt-out and consent (the customer
 * may have opted out since), waits out quiet hours (the sweep queues it again when they are
 * over), hands it to the channel's provider and records the outcome on the message. A
 * provider failure is recorded and rethrown so the reaction retries with backoff; on the
 * last try the message is FAILED (and the reaction a dead letter) with the provider's reason.
 */
export async function deliverMessage(runtime: AppRuntime, messageId: string, franchiseId: string, { lastAttempt = true } = {}): Promise<NotificationStatus | null> {
  const outcome = await inFranchise(runtime, franchiseId, async (ctx): Promise<{ status: NotificationStatus | null; error?: Error }> => {
    const message = await ctx.em.findOne(NotificationMessage, { id: messageId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    // Sent, suppressed or gone: a repeated reaction sends nothing twice. FAILED comes back when HQ retries the dead letter.
    if (!message || !DELIVERABLE.includes(message.status)) return { status: message?.status ?? null };
    const now = clock.now();
    if (message.customerId) {
      const customer = await ctx.em.findOne(Customer, { id: message.customerId });
      const decision = customer ? customerDecision(customer, message.channel, await customerOptOuts(ctx, customer.id)) : null;
      if (!decision?.send) {
        Object.assign(message, { status: NotificationStatus.SUPPRESSED, suppressionReason: decision?.reason ?? SuppressionReason.NO_ADDRESS, statusNote: decision?.note ?? 'the customer archive is gone', address: null });
        await ctx.em.flush();
        return { status: message.status };
      }
      const at = sendableAt(await settingsOf(ctx, franchiseId), now);
      if (at > now) {
        Object.assign(message, { status: NotificationStatus.SCHEDULED, scheduledFor: at, statusNote: quietHoursNote(at) });
        await ctx.em.flush();
        return { status: message.status };
      }
    }
    const provider = providersOf(runtime)[message.channel as keyof NotificationProviders];
    message.attempts += 1;
    message.provider = provider.name;
    try {
      const sent = await provider.send({ id: message.id, kind: message.kind, channel: message.channel, to: message.address ?? '', subject: message.subject ?? null, body: message.body });
      Object.assign(message, { status: NotificationStatus.SENT, sentAt: now, providerMessageId: sent.providerMessageId, lastError: null, statusNote: null });
      await ctx.em.flush();
      return { status: message.status };
    } catch (error) {
      Object.assign(message, { status: lastAttempt ? NotificationStatus.FAILED : NotificationStatus.QUEUED, lastError: (error as Error).message.slice(0, 500) });
      await ctx.em.flush();
      return { status: message.status, error: error as Error };
    }
  });
  // Thrown after the attempt is recorded: the reaction retries with backoff, or is dead after its last try.
  if (outcome.error) throw outcome.error;
  return outcome.status;
}

const DELIVERABLE: readonly NotificationStatus[] = [NotificationStatus.QUEUED, NotificationStatus.SCHEDULED, NotificationStatus.FAILED];

/** Messages held by quiet hours that are now due (by `dueBy`, now by default): queued, with their outbox event. */
export async function queueDueMessages(runtime: AppRuntime, dueBy: Date = clock.now()): Promise<number> {
  return inScopedTransaction(runtime.orm.em, SYSTEM_SCOPE, async (em) => {
    const due = await em.execute<{ id: string; franchise_id: string }[]>(
      `update notification_message set status = 'QUEUED', status_note = null, updated_at = ?, version = version + 1
        where id in (select id from notification_message where status = 'SCHEDULED' and scheduled_for <= ? order by scheduled_for limit 500 for update skip locked)
        returning id, franchise_id`,
      [clock.now(), dueBy],
    );
    for (const row of due) await publishEvent({ em, actor: null }, 'notification.queued', row.franchise_id, { messageId: row.id });
    return due.length;
  });
}

/**
 * A FAILED message sent again (after fixing the provider's configuration, say): its dead
 * delivery reaction goes back to the queue with its own tries (so it leaves HQ's failed
 * events), or a new delivery when there is none.
 */
export async function retryMessage(ctx: RequestContext, id: string): Promise<NotificationMessage> {
  const message = await ctx.em.findOne(NotificationMessage, { id });
  if (!message || message.staffId) throw new NotFoundError('Notification message', id);
  if (message.status !== NotificationStatus.FAILED) throw new ConflictError(`Message ${id} is ${message.status}; only FAILED messages can be retried`, { status: message.status });
  Object.assign(message, { status: NotificationStatus.QUEUED, lastError: null, scheduledFor: clock.now() });
  if (!(await retryDeadLettersOf(ctx, 'notification.queued', { messageId: message.id }))) await queueDelivery(ctx, message);
  await ctx.em.flush();
  return message;
}

// ------------------------------------------------------------------ the log and the bell

/** The message log: every customer message of the caller's franchises, newest first (staff bells are private). */
export function listMessages(ctx: RequestContext, args: ListArgs) {
  return findPage(ctx.em, NotificationMessage, args, {
    where: { staffId: null } as FilterQuery<NotificationMessage>,
    defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }],
  });
}

function myself(ctx: RequestContext): string {
  const actor = requireActor(ctx);
  if (actor.kind !== 'user') throw new ForbiddenError('Only staff members have a notification bell');
  return actor.id;
}

export function myNotifications(ctx: RequestContext, args: ListArgs, unreadOnly: boolean) {
  const staffId = myself(ctx);
  return findPage(ctx.em, NotificationMessage, args, {
    where: { staffId, ...(unreadOnly ? { readAt: null } : {}) } as FilterQuery<NotificationMessage>,
    defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }],
  });
}

export async function unreadCount(ctx: RequestContext, staffId = myself(ctx)): Promise<number> {
  return ctx.em.count(NotificationMessage, { staffId, readAt: null });
}

/** Marks the caller's own messages read (the given ones, or all); returns the unread count left. */
export async function markRead(ctx: RequestContext, input: { ids?: string[] | null; all?: boolean | null }): Promise<number> {
  const staffId = myself(ctx);
  if (!input.all && !input.ids?.length) throw new BadUserInputError({ field: 'input.ids', message: 'name the messages to mark read, or set all' });
  const changed = await ctx.em.nativeUpdate(NotificationMessage, { staffId, readAt: null, ...(input.all ? {} : { id: { $in: input.ids! } }) }, { readAt: clock.now() });
  const franchiseId = requireActor(ctx).franchiseId;
  if (changed) await publishLive(ctx, INBOX_TOPIC, { id: staffId, franchiseId });
  return unreadCount(ctx, staffId);
}
