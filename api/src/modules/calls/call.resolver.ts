import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { authorizeLiveEvent, checkedLiveSubscription, deliveredRecord, type LiveEvent } from '../../core/live';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { Customer } from '../customers/customer.entity';
import { findCustomer } from '../customers/customer.service';
import { staffLoader } from '../identity/identity.loaders';
import { StaffUser } from '../identity/staff-user.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { callKpiReport, callSettings, updateCallSettings } from './call-kpis';
import { CallRecord, CallSettings } from './call.entity';
import { CallPermission as P } from './call.permissions';
import { listCalls, readCall } from './call.queries';
import { CALL_WALL_TOPIC, logCall, markCallForReview, recordCallEvents, updateCall } from './call.service';
import { callOnWall, callWall } from './call-wall.queries';
import { getOrgUnit } from '../org/org.service';
import { CallWall, CallWallAgent, CallConnection, CallEventBatchResult, CallFilter, CallKpiReport, CallKpisInput, CallSettingsInput, CallSort, LogCallInput, MarkCallForReviewInput, RecordCallEventsInput, UpdateCallInput } from './call.types';

@Resolver(() => CallRecord)
export class CallResolver {
  @Authorized(P['call:read'])
  @Query(() => CallConnection, { description: 'The call log of your part of the organisation, latest first: filter by agent, direction, state, time (offeredAt), customer, line.' })
  calls(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => CallFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [CallSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listCalls(ctx, { filter, sorting, paging }, {}, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['call:read'])
  @Query(() => CallRecord, { nullable: true })
  call(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Info() info?: GraphQLResolveInfo) {
    return readCall(ctx, id, info ? selectionOf(info) : null);
  }

  @Authorized(P['call:ingest'])
  @Mutation(() => CallEventBatchResult, {
    description:
      'A telephony system’s call events, up to 500 at a time, in any order (new call, answered, hung up, the final record): one call per partner call id, idempotent, never moving back. The batch is per row: an event with an error is reported in `rejected` with its code, field and reason, the others are applied.',
  })
  recordCallEvents(@Ctx() ctx: RequestContext, @Arg('input') input: RecordCallEventsInput) {
    return recordCallEvents(ctx, input.events);
  }

  @Authorized(P['call:log'])
  @Mutation(() => CallRecord, { description: 'Log a call by hand (you are its agent): the customer given, or matched by the number; wait and talk seconds from the times.' })
  logCall(@Ctx() ctx: RequestContext, @Arg('input') input: LogCallInput) {
    return logCall(ctx, input);
  }

  @Authorized(P['call:log'])
  @Mutation(() => CallRecord, { description: 'Set a call’s customer, disposition, note or the case, order, callback or appointment it concerned (send the version you saw).' })
  updateCall(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateCallInput) {
    return updateCall(ctx, input);
  }

  @Authorized(P['call:review'])
  @Mutation(() => CallRecord, { description: 'Mark a call for a quality review with the reason (once; the review list is calls(filter: { reviewRequestedAt: { isNot: null } })).' })
  markCallForReview(@Ctx() ctx: RequestContext, @Arg('input') input: MarkCallForReviewInput) {
    return markCallForReview(ctx, input);
  }

  @Authorized(P['call:report'])
  @Query(() => CallKpiReport, { description: 'Call-center KPIs by day, week or month (each franchise’s time zone) and by franchise, store or agent, marked against the franchise’s targets. Definitions on CallKpiRow.' })
  callKpis(@Ctx() ctx: RequestContext, @Arg('input') input: CallKpisInput) {
    return callKpiReport(ctx, input);
  }

  @Authorized(P['call:read'])
  @Query(() => CallSettings, { description: 'A franchise’s call-center targets (default: yours).' })
  callSettings(@Ctx() ctx: RequestContext, @Arg('franchiseId', () => ID, { nullable: true }) franchiseId?: string) {
    return callSettings(ctx, franchiseId ?? ctx.actor!.franchiseId);
  }

  @Authorized(P['call:settings'])
  @Mutation(() => CallSettings, { description: 'Set the franchise’s answer-rate and talk-time targets and the short-abandon threshold (send the version you saw).' })
  updateCallSettings(@Ctx() ctx: RequestContext, @Arg('input') input: CallSettingsInput) {
    return updateCallSettings(ctx, input);
  }

  @Authorized(P['call:monitor'])
  @Query(() => CallWall, { description: 'The live call wall: calls waiting and in progress, and each agent’s state and day, in your part of the organisation (or a store’s, with storeId). Keep it current with callWallChanged.' })
  callWall(@Ctx() ctx: RequestContext, @Arg('storeId', () => ID, { nullable: true }) storeId?: string) {
    return callWall(ctx, storeId);
  }

  @Subscription(() => CallWall, {
    // A store the caller cannot see is refused (NOT_FOUND); then each call event reloads the wall in the subscriber's own scope.
    subscribe: checkedLiveSubscription<{ storeId?: string | null }, LiveEvent>(
      CALL_WALL_TOPIC,
      async (ctx, args) => args.storeId && getOrgUnit(ctx, args.storeId, 'Store'),
      (ctx, payload, args) =>
        authorizeLiveEvent(ctx, payload, P['call:monitor'], async (eventCtx) => ((await callOnWall(eventCtx, payload.id, args.storeId)) ? callWall(eventCtx, args.storeId) : null), args.storeId ?? ''),
    ),
    description: 'The call wall again whenever a call in your part of the organisation (or the store’s) changes: partner events, calls logged by hand, marks for review.',
  })
  callWallChanged(@Root() event: LiveEvent, @Ctx() ctx: RequestContext, @Arg('storeId', () => ID, { nullable: true }) _storeId?: string): CallWall {
    return deliveredRecord<CallWall>(ctx, event);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() c: CallRecord, @Ctx() ctx: RequestContext) {
    return embedded(c, 'customer', () => (c.customerId ? findCustomer(ctx, c.customerId) : null));
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  agent(@Root() c: CallRecord, @Ctx() ctx: RequestContext) {
    return embedded(c, 'agent', () => (c.agentId ? staffLoader(ctx).load(c.agentId) : null));
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The store (or franchise) of the line.' })
  orgUnit(@Root() c: CallRecord, @Ctx() ctx: RequestContext) {
    return embedded(c, 'orgUnit', () => findOrgUnit(ctx, c.orgUnitId));
  }
}

@Resolver(() => CallWallAgent)
export class CallWallAgentResolver {
  @FieldResolver(() => StaffUser, { nullable: true })
  agent(@Root() a: CallWallAgent, @Ctx() ctx: RequestContext) {
    return staffLoader(ctx).load(a.agentId);
  }
}
