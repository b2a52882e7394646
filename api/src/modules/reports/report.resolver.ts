import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { getOrgUnit } from '../org/org.service';
import { commonQuestions } from './common-questions.queries';
import { rebuildReportFacts } from './report-facts';
import { ReportPermission as P } from './report.permissions';
import { report } from './report.queries';
import { CommonQuestions, CommonQuestionsInput, RebuildReportInput, RebuildReportResult, Report, ReportInput } from './report.types';

@Resolver()
export class ReportResolver {
  @Authorized(P['report:read'])
  @Query(() => Report, {
    description:
      'A report of the report center: counts and trends (cases, complaints by category, orders, returns, callbacks, appointments), SLA compliance, satisfaction, by day / week / month of each franchise’s local days and by store, agent or dimension, each period beside the previous one. Read from the daily facts the events keep (and from the replica when configured).',
  })
  report(@Ctx() ctx: RequestContext, @Arg('input') input: ReportInput) {
    return report(ctx, input);
  }

  @Authorized(P['report:read'])
  @Query(() => CommonQuestions, {
    description:
      'Common questions (常见问题) of a period of local days beside the previous period of as many days: top case types and complaint categories, knowledge articles used on cases, words in case subjects (Chinese word segmentation, stop words dropped). Read from the daily facts the events keep (and from the replica when configured).',
  })
  commonQuestions(@Ctx() ctx: RequestContext, @Arg('input') input: CommonQuestionsInput) {
    return commonQuestions(ctx, input);
  }

  @Authorized(P['report:rebuild'])
  @Mutation(() => RebuildReportResult, { description: 'Recomputes a franchise’s report facts for local days from–to (at most 731) from the events still in the outbox.' })
  async rebuildReports(@Ctx() ctx: RequestContext, @Arg('input') input: RebuildReportInput) {
    await getOrgUnit(ctx, input.franchiseId, 'Franchise');
    return rebuildReportFacts(ctx.runtime, input);
  }
}
