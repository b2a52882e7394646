import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
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
import { CallRecord } from './call.entity';
import { CallPermission as P } from './call.permissions';
import { readCall } from './call.queries';
import { OutboundPlan, OutboundTask } from './outbound.entity';
import { listOutboundPlans, listOutboundTasks, outboundPlanProgress, readOutboundPlan } from './outbound.queries';
import { addOutboundTargets, createOutboundPlan, recordOutboundOutcome } from './outbound.service';
import {
  AddOutboundTargetsInput,
  CreateOutboundPlanInput,
  OutboundPlanConnection,
  OutboundPlanFilter,
  OutboundPlanProgress,
  OutboundPlanSort,
  OutboundTargetsResult,
  OutboundTaskConnection,
  OutboundTaskFilter,
  OutboundTaskSort,
  RecordOutboundOutcomeInput,
} from './outbound.types';

@Resolver(() => OutboundPlan)
export class OutboundPlanResolver {
  @Authorized(P['outbound:manage'])
  @Query(() => OutboundPlanConnection, { description: 'Outbound call plans of your part of the organisation, latest first.' })
  outboundPlans(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => OutboundPlanFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [OutboundPlanSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listOutboundPlans(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['outbound:work'])
  @Query(() => OutboundPlan, { nullable: true })
  outboundPlan(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Info() info?: GraphQLResolveInfo) {
    return readOutboundPlan(ctx, id, info ? selectionOf(info) : null);
  }

  @Authorized(P['outbound:manage'])
  @Query(() => OutboundPlanProgress, { description: 'A plan’s progress by target customer (done, reached, interested, converted), in total and per agent, and the reasons for no interest.' })
  outboundPlanProgress(@Ctx() ctx: RequestContext, @Arg('planId', () => ID) planId: string) {
    return outboundPlanProgress(ctx, planId);
  }

  @Authorized(P['outbound:manage'])
  @Mutation(() => OutboundPlan, { description: 'Make an outbound plan: one task per target customer (a list, a customer filter, or both), assigned round-robin to the assignees.' })
  createOutboundPlan(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOutboundPlanInput) {
    return createOutboundPlan(ctx, input);
  }

  @Authorized(P['outbound:manage'])
  @Mutation(() => OutboundTargetsResult, { description: 'Add target customers to a plan; those already in it are skipped (idempotent), the others continue the round-robin.' })
  addOutboundTargets(@Ctx() ctx: RequestContext, @Arg('input') input: AddOutboundTargetsInput) {
    return addOutboundTargets(ctx, input);
  }
}

@Resolver(() => OutboundTask)
export class OutboundTaskResolver {
  @Authorized(P['outbound:work'])
  @Query(() => OutboundTaskConnection, { description: 'Outbound tasks: those of customers in your part of the organisation and your own (filter assigneeId for one agent’s); open ones due first.' })
  outboundTasks(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => OutboundTaskFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [OutboundTaskSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listOutboundTasks(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['outbound:work'])
  @Mutation(() => OutboundTask, { description: 'Record a task’s call (a recorded call or one logged now) and outcome, with the reason when the customer has no interest; followUpAt makes a follow-up task (send the version you saw).' })
  recordOutboundOutcome(@Ctx() ctx: RequestContext, @Arg('input') input: RecordOutboundOutcomeInput) {
    return recordOutboundOutcome(ctx, input);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() t: OutboundTask, @Ctx() ctx: RequestContext) {
    return embedded(t, 'customer', () => findCustomer(ctx, t.customerId));
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  assignee(@Root() t: OutboundTask, @Ctx() ctx: RequestContext) {
    return embedded(t, 'assignee', () => staffLoader(ctx).load(t.assigneeId));
  }

  @FieldResolver(() => OutboundPlan, { nullable: true })
  plan(@Root() t: OutboundTask, @Ctx() ctx: RequestContext) {
    return embedded(t, 'plan', () => readOutboundPlan(ctx, t.planId));
  }

  @FieldResolver(() => CallRecord, { nullable: true })
  call(@Root() t: OutboundTask, @Ctx() ctx: RequestContext) {
    return embedded(t, 'call', () => (t.callId ? readCall(ctx, t.callId) : null));
  }
}
