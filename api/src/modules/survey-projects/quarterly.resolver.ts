import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { OffsetPaging } from '../../core/graphql/paging';
import { selectionOf } from '../../core/read/selection';
import { QuarterlySurveyResponse, QuarterlySurveyRound } from './quarterly.entity';
import { QuarterlySurveyPermission as P } from './project.permissions';
import { listRounds, myQuarterlySurveys, roundResults } from './quarterly.queries';
import { answerRound, closeRound, openRound } from './quarterly.service';
import { AnswerQuarterlySurveyInput, MyQuarterlySurvey, OpenQuarterlySurveyRoundInput, QuarterlySurveyResults, QuarterlySurveyRoundConnection } from './quarterly.types';

@Resolver(() => QuarterlySurveyRound)
export class QuarterlySurveyResolver {
  @Authorized(P['quarterly:manage'])
  @Query(() => QuarterlySurveyRoundConnection, { description: 'HQ’s quarterly survey rounds (季度调查), newest quarter first.' })
  quarterlySurveyRounds(@Ctx() ctx: RequestContext, @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging, @Info() info?: GraphQLResolveInfo) {
    return listRounds(ctx, { paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['quarterly:manage'])
  @Query(() => QuarterlySurveyResults, { description: 'A round’s results: response rate, per-question means beside the previous quarter, each organization’s answers.' })
  quarterlySurveyResults(@Ctx() ctx: RequestContext, @Arg('roundId', () => ID) roundId: string) {
    return roundResults(ctx, roundId);
  }

  @Authorized(P['quarterly:answer'])
  @Query(() => [MyQuarterlySurvey], { description: 'Your organization’s quarterly questionnaires (newest first) and your answers.' })
  myQuarterlySurveys(@Ctx() ctx: RequestContext) {
    return myQuarterlySurveys(ctx);
  }

  @Authorized(P['quarterly:manage'])
  @Mutation(() => QuarterlySurveyRound, { description: 'Open a quarterly round: an HQ template asked of franchises and / or partner organizations until the close date.' })
  openQuarterlySurveyRound(@Ctx() ctx: RequestContext, @Arg('input') input: OpenQuarterlySurveyRoundInput) {
    return openRound(ctx, input);
  }

  @Authorized(P['quarterly:manage'])
  @Mutation(() => QuarterlySurveyRound, { description: 'Close a round early.' })
  closeQuarterlySurveyRound(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return closeRound(ctx, id, version);
  }

  @Authorized(P['quarterly:answer'])
  @Mutation(() => QuarterlySurveyResponse, { description: 'Answer your organization’s questionnaire (once).' })
  answerQuarterlySurvey(@Ctx() ctx: RequestContext, @Arg('input') input: AnswerQuarterlySurveyInput) {
    return answerRound(ctx, input);
  }
}
