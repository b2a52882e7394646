import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import { selectionOf } from '../../core/read/selection';
import { ThirdPartySurveyProject } from './project.entity';
import { SurveyProjectPermission as P } from './project.permissions';
import { listProjects, projectReport } from './project.queries';
import { createProject, getProject, importResults, updateProject } from './project.service';
import {
  CreateThirdPartySurveyProjectInput,
  ImportThirdPartySurveyResultsInput,
  ThirdPartySurveyImport,
  ThirdPartySurveyProjectConnection,
  ThirdPartySurveyProjectFilter,
  ThirdPartySurveyReport,
  UpdateThirdPartySurveyProjectInput,
} from './project.types';

@Resolver(() => ThirdPartySurveyProject)
export class ThirdPartySurveyProjectResolver {
  @Authorized(P['survey:projects'])
  @Query(() => ThirdPartySurveyProjectConnection, { description: 'HQ’s third-party survey projects (第三方调查).' })
  thirdPartySurveyProjects(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ThirdPartySurveyProjectFilter, { nullable: true }) filter?: FilterInput,
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listProjects(ctx, { filter, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['survey:projects'])
  @Query(() => ThirdPartySurveyProject, { nullable: true })
  thirdPartySurveyProject(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return getProject(ctx, id).catch(() => null);
  }

  @Authorized(P['survey:projects'])
  @Query(() => ThirdPartySurveyReport, { description: 'A project’s report: the firm’s scores per store and per question, beside our own satisfaction figures for the same stores and dates.' })
  thirdPartySurveyReport(@Ctx() ctx: RequestContext, @Arg('projectId', () => ID) projectId: string) {
    return projectReport(ctx, projectId);
  }

  @Authorized(P['survey:projects'])
  @Mutation(() => ThirdPartySurveyProject, { description: 'Record a third-party survey project: firm, scope, stores, dates, notes.' })
  createThirdPartySurveyProject(@Ctx() ctx: RequestContext, @Arg('input') input: CreateThirdPartySurveyProjectInput) {
    return createProject(ctx, input);
  }

  @Authorized(P['survey:projects'])
  @Mutation(() => ThirdPartySurveyProject)
  updateThirdPartySurveyProject(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateThirdPartySurveyProjectInput) {
    return updateProject(ctx, input);
  }

  @Authorized(P['survey:projects'])
  @Mutation(() => ThirdPartySurveyImport, { description: 'Import the firm’s results (CSV or XLSX), replacing the project’s previous ones; one bad row imports nothing and the error names its row and column.' })
  importThirdPartySurveyResults(@Ctx() ctx: RequestContext, @Arg('input') input: ImportThirdPartySurveyResultsInput) {
    return importResults(ctx, input);
  }
}
