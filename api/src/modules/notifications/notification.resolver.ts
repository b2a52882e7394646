import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { createRequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { liveActor, type LiveEvent } from '../../core/live';
import { maskPii } from '../../core/auth/pii';
import { canSeeFranchise } from '../../core/tenancy/scope';
import { inOperation } from '../../core/tenancy/request-transaction';
import { getCustomer } from '../customers/customer.service';
import { NotificationChannel, NotificationMessage, NotificationOptOut, NotificationSettings, NotificationTemplate } from './notification.entity';
import { NOTIFICATION_KINDS, channelsFor } from './notification.kinds';
import { NotificationPermission as P } from './notification.permissions';
import * as notifications from './notification.service';
import {
  CreateOneNotificationTemplateInput,
  CustomerOptInInput,
  CustomerOptOutInput,
  DeleteOneNotificationTemplateInput,
  MarkNotificationsReadInput,
  NotificationCount,
  NotificationKindInfo,
  NotificationMessageConnection,
  NotificationMessageFilter,
  NotificationMessageSort,
  NotificationSettingsInput,
  NotificationTemplateConnection,
  NotificationTemplateFilter,
  NotificationTemplateSort,
  SendCustomerMessageInput,
  UpdateOneNotificationTemplateInput,
} from './notification.types';

const kinds: NotificationKindInfo[] = NOTIFICATION_KINDS.map((k) => ({
  key: k.key,
  audience: k.audience,
  label: k.label,
  channels: channelsFor(k),
  placeholders: Object.entries(k.placeholders).map(([name, description]) => ({ name, description })),
  defaults: Object.entries(k.defaults).map(([language, d]) => ({ language, subject: d.subject, body: d.body })),
}));

@Resolver(() => NotificationTemplate)
export class NotificationTemplateResolver {
  @Authorized(P['notification:read'])
  @Query(() => [NotificationKindInfo], { description: 'The kinds of message, their placeholders and built-in wording (for the template editor).' })
  notificationKinds(): NotificationKindInfo[] {
    return kinds;
  }

  @Authorized(P['notification:read'])
  @Query(() => NotificationTemplateConnection, { description: 'Your franchise’s own message templates (kinds without one use the built-in wording).' })
  notificationTemplates(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => NotificationTemplateFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [NotificationTemplateSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return notifications.listTemplates(ctx, { filter, sorting, paging });
  }

  @Authorized(P['notification:read'])
  @Query(() => NotificationTemplate, { nullable: true })
  notificationTemplate(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return notifications.findTemplate(ctx, id);
  }

  @Authorized(P['notification:manage'])
  @Mutation(() => NotificationTemplate, { description: 'Write a template; a placeholder its kind does not have is refused (BAD_USER_INPUT naming it in extensions.placeholder).' })
  createOneNotificationTemplate(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneNotificationTemplateInput) {
    return notifications.createTemplate(ctx, input.template);
  }

  @Authorized(P['notification:manage'])
  @Mutation(() => NotificationTemplate)
  updateOneNotificationTemplate(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneNotificationTemplateInput) {
    return notifications.updateTemplate(ctx, input.id, input.version, input.update);
  }

  @Authorized(P['notification:manage'])
  @Mutation(() => NotificationTemplate, { description: 'Remove a template: its kind goes back to the built-in wording.' })
  deleteOneNotificationTemplate(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteOneNotificationTemplateInput) {
    return notifications.deleteTemplate(ctx, input.id);
  }

  @Authorized(P['notification:read'])
  @Query(() => NotificationSettings, { description: 'Your franchise’s sending settings (HQ: name the franchise).' })
  notificationSettings(@Ctx() ctx: RequestContext, @Arg('franchiseId', () => ID, { nullable: true }) franchiseId?: string) {
    return notifications.getSettings(ctx, franchiseId);
  }

  @Authorized(P['notification:manage'])
  @Mutation(() => NotificationSettings)
  updateNotificationSettings(@Ctx() ctx: RequestContext, @Arg('input') input: NotificationSettingsInput) {
    return notifications.updateSettings(ctx, input);
  }
}

@Resolver(() => NotificationMessage)
export class NotificationMessageResolver {
  @Authorized(P['notification:read'])
  @Query(() => NotificationMessageConnection, { description: 'The message log: every customer message, what it said, its delivery status and why one was not sent.' })
  notificationMessages(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => NotificationMessageFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [NotificationMessageSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return notifications.listMessages(ctx, { filter, sorting, paging });
  }

  @Authorized(P['notification:send'])
  @Mutation(() => NotificationMessage, { description: 'Write to a customer; the message log says whether it went out, when (quiet hours), or why not.' })
  sendCustomerMessage(@Ctx() ctx: RequestContext, @Arg('input') input: SendCustomerMessageInput) {
    return notifications.sendCustomerMessage(ctx, input);
  }

  @Authorized(P['notification:manage'])
  @Mutation(() => NotificationMessage, { description: 'Send a FAILED message again.' })
  retryNotificationMessage(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return notifications.retryMessage(ctx, id);
  }

  @Authorized(P['notification:send'])
  @Query(() => [NotificationOptOut], { description: 'The channels a customer opted out of.' })
  async customerOptOuts(@Ctx() ctx: RequestContext, @Arg('customerId', () => ID) customerId: string) {
    return notifications.customerOptOuts(ctx, (await getCustomer(ctx, customerId)).id);
  }

  @Authorized(P['notification:send'])
  @Mutation(() => NotificationOptOut, { description: 'Record that a customer wants no more messages on a channel (or any).' })
  optOutCustomer(@Ctx() ctx: RequestContext, @Arg('input') input: CustomerOptOutInput) {
    return notifications.optOutCustomer(ctx, input);
  }

  @Authorized(P['notification:send'])
  @Mutation(() => Int, { description: 'Lift a customer’s opt-out; returns how many were lifted.' })
  optInCustomer(@Ctx() ctx: RequestContext, @Arg('input') input: CustomerOptInInput) {
    return notifications.optInCustomer(ctx, input);
  }

  @Authorized()
  @Query(() => NotificationMessageConnection, { description: 'Your own in-app notifications (the bell), newest first.' })
  myNotifications(
    @Ctx() ctx: RequestContext,
    @Arg('unreadOnly', { defaultValue: false }) unreadOnly: boolean,
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return notifications.myNotifications(ctx, { paging }, unreadOnly);
  }

  @Authorized()
  @Query(() => NotificationCount, { description: 'How many of your in-app notifications are unread.' })
  async myNotificationCount(@Ctx() ctx: RequestContext): Promise<NotificationCount> {
    return { unread: await notifications.unreadCount(ctx) };
  }

  @Authorized()
  @Mutation(() => NotificationCount, { description: 'Mark your notifications read (some, or all); returns the unread count left.' })
  async markNotificationsRead(@Ctx() ctx: RequestContext, @Arg('input') input: MarkNotificationsReadInput): Promise<NotificationCount> {
    return { unread: await notifications.markRead(ctx, input) };
  }

  @Subscription(() => NotificationCount, {
    topics: notifications.INBOX_TOPIC,
    filter: async ({ payload, context }: { payload: LiveEvent; context: RequestContext }) => {
      const actor = await liveActor(context);
      return !!actor && actor.kind === 'user' && actor.id === payload.id && canSeeFranchise(actor.scope, payload.franchiseId);
    },
    description: 'Your unread count, each time a notification arrives or is read.',
  })
  async myNotificationCountChanged(@Root() event: LiveEvent, @Ctx() ctx: RequestContext): Promise<NotificationCount> {
    const actor = await liveActor(ctx);
    const eventCtx = createRequestContext(ctx.runtime, { actor, requestId: ctx.requestId });
    return { unread: await inOperation(eventCtx, () => notifications.unreadCount(eventCtx, event.id)) };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Where it went, masked (138****5678, z***@example.com).' })
  recipientAddress(@Root() message: NotificationMessage): string | null {
    if (!message.address) return null;
    return maskPii(message.channel === NotificationChannel.EMAIL ? 'email' : 'phone', message.address);
  }
}
