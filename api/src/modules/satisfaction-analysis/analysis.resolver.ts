import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { StaffUser } from '../identity/staff-user.entity';
import { findStaff } from '../identity/staff.service';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { ImprovementAction, SatisfactionAnalysis, SatisfactionAnalysisSettings } from './analysis.entity';
import { AnalysisPermission as P } from './analysis.permissions';
import { listAnalyses, listImprovementActions } from './analysis.queries';
import {
  addImprovementAction,
  closeAnalysis,
  createAnalysis,
  getAnalysis,
  getAnalysisSettings,
  getImprovementAction,
  reportImprovementProgress,
  updateAnalysis,
  updateAnalysisSettings,
  verifyImprovementAction,
} from './analysis.service';
import {
  AddImprovementActionInput,
  CreateSatisfactionAnalysisInput,
  ImprovementActionConnection,
  ImprovementActionFilter,
  ReportImprovementProgressInput,
  SatisfactionAnalysisConnection,
  SatisfactionAnalysisFilter,
  SatisfactionAnalysisSettingsInput,
  UpdateSatisfactionAnalysisInput,
  VerifyImprovementActionInput,
} from './analysis.types';

@Resolver(() => SatisfactionAnalysis)
export class SatisfactionAnalysisResolver {
  @Authorized(P['analysis:read'])
  @Query(() => SatisfactionAnalysisConnection, { description: 'Satisfaction analyses of your scope (HQ: every franchise’s), newest first.' })
  satisfactionAnalyses(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => SatisfactionAnalysisFilter, { nullable: true }) filter?: FilterInput,
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listAnalyses(ctx, { filter, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['analysis:read'])
  @Query(() => SatisfactionAnalysis, { nullable: true })
  satisfactionAnalysis(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return getAnalysis(ctx, id).catch(() => null);
  }

  @Authorized(P['analysis:write'])
  @Mutation(() => SatisfactionAnalysis, { description: 'Make an analysis of a period and scope: the system proposes the figures, the worst questions, stores and agents, and the staffing / process reviews its rules flag.' })
  createSatisfactionAnalysis(@Ctx() ctx: RequestContext, @Arg('input') input: CreateSatisfactionAnalysisInput) {
    return createAnalysis(ctx, input);
  }

  @Authorized(P['analysis:write'])
  @Mutation(() => SatisfactionAnalysis, { description: 'Write the findings and grade the problems found.' })
  updateSatisfactionAnalysis(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateSatisfactionAnalysisInput) {
    return updateAnalysis(ctx, input);
  }

  @Authorized(P['analysis:write'])
  @Mutation(() => SatisfactionAnalysis, { description: 'Close an analysis whose improvement actions are all closed.' })
  closeSatisfactionAnalysis(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return closeAnalysis(ctx, id, version);
  }

  @Authorized(P['analysis:read'])
  @Query(() => SatisfactionAnalysisSettings, { description: 'The thresholds of the staffing and process review flags (your franchise unless HQ names one).' })
  satisfactionAnalysisSettings(@Ctx() ctx: RequestContext, @Arg('franchiseId', () => ID, { nullable: true }) franchiseId?: string) {
    return getAnalysisSettings(ctx, franchiseId);
  }

  @Authorized(P['analysis:write'])
  @Mutation(() => SatisfactionAnalysisSettings)
  updateSatisfactionAnalysisSettings(@Ctx() ctx: RequestContext, @Arg('input') input: SatisfactionAnalysisSettingsInput) {
    return updateAnalysisSettings(ctx, input);
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  store(@Root() a: SatisfactionAnalysis, @Ctx() ctx: RequestContext) {
    return a.storeId ? embedded(a, 'store', () => findOrgUnit(ctx, a.storeId!)) : null;
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  author(@Root() a: SatisfactionAnalysis, @Ctx() ctx: RequestContext) {
    return embedded(a, 'author', () => findStaff(ctx, a.authorId));
  }
}

@Resolver(() => ImprovementAction)
export class ImprovementActionResolver {
  @Authorized(P['analysis:read'])
  @Query(() => ImprovementActionConnection, { description: 'The improvement-action tracker: by status, owner, store, analysis; `mine` your own, `overdue` past due and not done. HQ sees every franchise’s.' })
  improvementActions(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ImprovementActionFilter, { nullable: true }) filter?: FilterInput,
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Arg('mine', { nullable: true }) mine?: boolean,
    @Arg('overdue', { nullable: true }) overdue?: boolean,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listImprovementActions(ctx, { filter, paging }, { mine, overdue }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['analysis:read'])
  @Query(() => ImprovementAction, { nullable: true })
  improvementAction(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return getImprovementAction(ctx, id).catch(() => null);
  }

  @Authorized(P['analysis:write'])
  @Mutation(() => ImprovementAction, { description: 'Set an improvement action: owner, due date, evidence expected.' })
  addImprovementAction(@Ctx() ctx: RequestContext, @Arg('input') input: AddImprovementActionInput) {
    return addImprovementAction(ctx, input);
  }

  @Authorized(P['improvement:update'])
  @Mutation(() => ImprovementAction, { description: 'The owner’s progress: a note, evidence, done.' })
  reportImprovementProgress(@Ctx() ctx: RequestContext, @Arg('input') input: ReportImprovementProgressInput) {
    return reportImprovementProgress(ctx, input);
  }

  @Authorized(P['analysis:write'])
  @Mutation(() => ImprovementAction, { description: 'Verify a done action: accept closes it, reject sends it back with the reason.' })
  verifyImprovementAction(@Ctx() ctx: RequestContext, @Arg('input') input: VerifyImprovementActionInput) {
    return verifyImprovementAction(ctx, input);
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  owner(@Root() a: ImprovementAction, @Ctx() ctx: RequestContext) {
    return embedded(a, 'owner', () => findStaff(ctx, a.ownerId));
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  store(@Root() a: ImprovementAction, @Ctx() ctx: RequestContext) {
    return a.storeId ? embedded(a, 'store', () => findOrgUnit(ctx, a.storeId!)) : null;
  }

  @FieldResolver(() => SatisfactionAnalysis, { nullable: true })
  analysis(@Root() a: ImprovementAction, @Ctx() ctx: RequestContext) {
    return embedded(a, 'analysis', () => getAnalysis(ctx, a.analysisId).catch(() => null));
  }
}
