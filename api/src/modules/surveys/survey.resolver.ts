import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { authorizeLiveEvent, deliveredRecord, type LiveEvent } from '../../core/live';
import type { DomainEvents } from '../../core/events/catalogue';
import type { RequestContext } from '../../core/context';
import { Connection, OffsetPaging } from '../../core/graphql/paging';
import { CasePermission } from '../cases/case.permissions';
import { selectionOf } from '../../core/read/selection';
import { SatisfactionRequest } from './satisfaction-request.entity';
import { sendSurveyLink } from './survey-link';
import { satisfactionFigures } from './satisfaction-figures';
import { SurveyPurpose, SurveyTemplate, SurveyTemplateVersion } from './survey-template.entity';
import { SurveyPermission as P } from './survey.permissions';
import { findLowRating, LOW_RATING_MAX, listSatisfactionRequests, listSurveyTemplates, surveyTemplateLoader, surveyTemplateVersionLoader } from './survey.queries';
import { createSurveyTemplate, recordSurveyAnswers, sendSatisfactionRequest, updateSurveyTemplate } from './survey.service';
import { CreateSurveyTemplateInput, RecordSurveyAnswersInput, SendSurveyLinkInput, SatisfactionFigures, SatisfactionFiguresInput, SendSatisfactionRequestInput, SurveyTemplateConnection, UpdateSurveyTemplateInput } from './survey.types';

@Resolver(() => SurveyTemplate)
export class SurveyTemplateResolver {
  @Authorized(P['survey:read'])
  @Query(() => SurveyTemplateConnection, { description: 'Survey templates: HQ’s shared ones and your franchise’s own.' })
  surveyTemplates(
    @Ctx() ctx: RequestContext,
    @Arg('purpose', () => SurveyPurpose, { nullable: true }) purpose?: SurveyPurpose,
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listSurveyTemplates(ctx, { paging }, info ? selectionOf(info, ['nodes']) : null, purpose ? { purpose } : {});
  }

  @Authorized(P['survey:read'])
  @Query(() => SurveyTemplate, { nullable: true })
  surveyTemplate(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return surveyTemplateLoader(ctx).load(id);
  }

  @Authorized(P['survey:read'])
  @Query(() => SurveyTemplateVersion, { nullable: true, description: 'One version of a template’s questions (what a survey was sent with).' })
  surveyTemplateVersion(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return surveyTemplateVersionLoader(ctx).load(id);
  }

  @Authorized(P['survey:template'])
  @Mutation(() => SurveyTemplate, { description: 'A new survey template (version 1); shared: HQ only.' })
  createSurveyTemplate(@Ctx() ctx: RequestContext, @Arg('input') input: CreateSurveyTemplateInput) {
    return createSurveyTemplate(ctx, input);
  }

  @Authorized(P['survey:template'])
  @Mutation(() => SurveyTemplate, { description: 'Rename, (de)activate, or change the questions (a new version; sent surveys keep theirs).' })
  updateSurveyTemplate(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateSurveyTemplateInput) {
    return updateSurveyTemplate(ctx, input);
  }
}

const SatisfactionRequestConnection = Connection(SatisfactionRequest);

@Resolver(() => SatisfactionRequest)
export class SatisfactionRequestResolver {
  @Authorized(CasePermission['case:read'])
  @Query(() => SatisfactionRequestConnection, { description: 'Satisfaction (CSAT) requests made when cases were resolved.' })
  satisfactionRequests(@Ctx() ctx: RequestContext, @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging, @Info() info?: GraphQLResolveInfo) {
    return listSatisfactionRequests(ctx, { paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @FieldResolver(() => SurveyTemplateVersion, { nullable: true, description: 'The questions it is asked with.' })
  templateVersion(@Ctx() ctx: RequestContext, @Root() request: SatisfactionRequest) {
    return surveyTemplateVersionLoader(ctx).load(request.templateVersionId);
  }

  @Authorized(P['survey:answer'])
  @Mutation(() => SatisfactionRequest, { description: 'Mark a pending survey as sent through a channel (response rate counts from here).' })
  sendSatisfactionRequest(@Ctx() ctx: RequestContext, @Arg('input') input: SendSatisfactionRequestInput) {
    return sendSatisfactionRequest(ctx, input);
  }

  @Authorized(P['survey:answer'])
  @Mutation(() => SatisfactionRequest, { description: 'Send a survey to the customer as an online link through their notifications (SMS / WeChat / email): signed, expiring (SURVEY_LINK_TTL_DAYS), answered once on the public page /s/<token>. A new link replaces the one sent before.' })
  sendSurveyLink(@Ctx() ctx: RequestContext, @Arg('input') input: SendSurveyLinkInput) {
    return sendSurveyLink(ctx, input);
  }

  @Authorized(P['survey:answer'])
  @Mutation(() => SatisfactionRequest, { description: 'Record the customer’s answers once, checked against the questions the survey was sent with.' })
  recordSurveyAnswers(@Ctx() ctx: RequestContext, @Arg('input') input: RecordSurveyAnswersInput) {
    return recordSurveyAnswers(ctx, input);
  }

  @Authorized(P['survey:report'])
  @Subscription(() => SatisfactionRequest, {
    topics: 'survey.answered',
    filter: ({ payload, context }: { payload: DomainEvents['survey.answered'] & LiveEvent; context: RequestContext }) =>
      payload.rating != null && payload.rating <= LOW_RATING_MAX
        ? authorizeLiveEvent(context, payload, P['survey:report'], (eventCtx) => findLowRating(eventCtx, payload.requestId))
        : Promise.resolve(false),
    description: 'Answered surveys rated 1–2 on the satisfaction question, as they arrive from any path (a callback, an online link, a case’s survey), within your part of the organisation (supervisors, store directors, owners).',
  })
  lowRatingReceived(@Root() event: LiveEvent, @Ctx() ctx: RequestContext): SatisfactionRequest {
    return deliveredRecord<SatisfactionRequest>(ctx, event);
  }

  @Authorized(P['survey:report'])
  @Query(() => SatisfactionFigures, { description: 'Satisfaction, dissatisfaction, NPS and response rates over a period (by franchise, store, agent, channel, day or month) in each franchise’s time zone; see SatisfactionFigure for the definitions.' })
  satisfactionFigures(@Ctx() ctx: RequestContext, @Arg('input') input: SatisfactionFiguresInput) {
    return satisfactionFigures(ctx, input);
  }
}
