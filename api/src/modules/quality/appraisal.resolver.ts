import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { OffsetPaging } from '../../core/graphql/paging';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { staffLoader } from '../identity/identity.loaders';
import { StaffUser } from '../identity/staff-user.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { Appraisal, AppraisalCycle, AppraisalPlan } from './appraisal.entity';
import { appraisalCycleLoader, appraisalPlanLoader, listAppraisalCycles, listAppraisalPlans, listAppraisals } from './appraisal.queries';
import {
  acknowledgeAppraisal,
  createAppraisalPlan,
  evaluateAppraisal,
  finalizeAppraisal,
  findAppraisal,
  openAppraisalCycle,
  submitSelfEvaluation,
  updateAppraisalPlan,
} from './appraisal.service';
import {
  AcknowledgeAppraisalInput,
  AppraisalConnection,
  AppraisalCycleConnection,
  AppraisalEvaluationInput,
  AppraisalFilter,
  AppraisalPlanConnection,
  CreateAppraisalPlanInput,
  FinalizeAppraisalInput,
  OpenAppraisalCycleInput,
  UpdateAppraisalPlanInput,
} from './appraisal.types';
import { QualityPermission as P } from './quality.permissions';

@Resolver(() => AppraisalPlan)
export class AppraisalPlanResolver {
  @Authorized(P['appraisal:own'])
  @Query(() => AppraisalPlanConnection, { description: 'Appraisal plans: HQ’s shared ones and your franchise’s own.' })
  appraisalPlans(@Ctx() ctx: RequestContext, @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging, @Info() info?: GraphQLResolveInfo) {
    return listAppraisalPlans(ctx, { paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['appraisal:own'])
  @Query(() => AppraisalPlan, { nullable: true })
  appraisalPlan(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return appraisalPlanLoader(ctx).load(id);
  }

  @Authorized(P['appraisal:plan'])
  @Mutation(() => AppraisalPlan, { description: 'A new appraisal plan; the sources’ weights and the form categories’ weights each sum to 100. shared: HQ only.' })
  createAppraisalPlan(@Ctx() ctx: RequestContext, @Arg('input') input: CreateAppraisalPlanInput) {
    return createAppraisalPlan(ctx, input);
  }

  @Authorized(P['appraisal:plan'])
  @Mutation(() => AppraisalPlan, { description: 'Change a plan of your own; cycles already open keep the plan they opened with.' })
  updateAppraisalPlan(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateAppraisalPlanInput) {
    return updateAppraisalPlan(ctx, input);
  }
}

@Resolver(() => AppraisalCycle)
export class AppraisalCycleResolver {
  @Authorized(P['appraisal:manage'])
  @Query(() => AppraisalCycleConnection, { description: 'Your franchise’s appraisal cycles, newest period first.' })
  appraisalCycles(@Ctx() ctx: RequestContext, @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging, @Info() info?: GraphQLResolveInfo) {
    return listAppraisalCycles(ctx, { paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['appraisal:own'])
  @Query(() => AppraisalCycle, { nullable: true })
  appraisalCycle(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return appraisalCycleLoader(ctx).load(id);
  }

  @Authorized(P['appraisal:manage'])
  @Mutation(() => AppraisalCycle, { description: 'Open a month (YYYY-MM) or a year (YYYY) of your franchise: an appraisal for every active agent in your part of the organisation.' })
  openAppraisalCycle(@Ctx() ctx: RequestContext, @Arg('input') input: OpenAppraisalCycleInput) {
    return openAppraisalCycle(ctx, input);
  }
}

@Resolver(() => Appraisal)
export class AppraisalResolver {
  @Authorized(P['appraisal:own'])
  @Query(() => AppraisalConnection, { description: 'Appraisals, newest period first, best score first: your part of the organisation’s with appraisal:manage, otherwise your own.' })
  appraisals(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AppraisalFilter, { nullable: true }) filter?: AppraisalFilter,
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listAppraisals(ctx, filter ?? {}, { paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['appraisal:own'])
  @Query(() => Appraisal, { nullable: true })
  appraisal(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return findAppraisal(ctx, id);
  }

  @FieldResolver(() => StaffUser, { nullable: true, description: 'The agent appraised.' })
  agent(@Root() a: Appraisal, @Ctx() ctx: RequestContext) {
    return embedded(a, 'agent', () => staffLoader(ctx).load(a.agentId));
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() a: Appraisal, @Ctx() ctx: RequestContext) {
    return embedded(a, 'orgUnit', () => findOrgUnit(ctx, a.orgUnitId));
  }

  @Authorized(P['appraisal:own'])
  @Mutation(() => Appraisal, { description: 'The agent fills their self-evaluation (again, until the result is finalized).' })
  submitSelfEvaluation(@Ctx() ctx: RequestContext, @Arg('input') input: AppraisalEvaluationInput) {
    return submitSelfEvaluation(ctx, input);
  }

  @Authorized(P['appraisal:manage'])
  @Mutation(() => Appraisal, { description: 'The supervisor’s evaluation; the customer, QA and data parts are read again from the period’s figures.' })
  evaluateAppraisal(@Ctx() ctx: RequestContext, @Arg('input') input: AppraisalEvaluationInput) {
    return evaluateAppraisal(ctx, input);
  }

  @Authorized(P['appraisal:manage'])
  @Mutation(() => Appraisal, { description: 'Record the result with its consequence (the band’s suggestion unless another is given with a reason); immutable afterwards.' })
  finalizeAppraisal(@Ctx() ctx: RequestContext, @Arg('input') input: FinalizeAppraisalInput) {
    return finalizeAppraisal(ctx, input);
  }

  @Authorized(P['appraisal:own'])
  @Mutation(() => Appraisal, { description: 'The agent acknowledges their finalized result, with an optional comment.' })
  acknowledgeAppraisal(@Ctx() ctx: RequestContext, @Arg('input') input: AcknowledgeAppraisalInput) {
    return acknowledgeAppraisal(ctx, input);
  }
}
