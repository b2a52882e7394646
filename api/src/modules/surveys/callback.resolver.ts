import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { Customer } from '../customers/customer.entity';
import { findCustomer } from '../customers/customer.service';
import { orgUnitLoader } from '../org/org.loaders';
import { CallbackRule, CallbackTask } from './callback.entity';
import { callbackDesk, listCallbackTasks } from './callback.queries';
import { callbackTemplateVersionId, createCallbackRule, getCallbackTask, listCallbackRules, nextCallWindow, raiseCaseFromCallback, recordCallbackOutcome, updateCallbackRule } from './callback.service';
import { CallbackTaskConnection, CallbackTaskFilter, CallWindow, CreateCallbackRuleInput, RaiseCaseFromCallbackInput, RecordCallbackOutcomeInput, UpdateCallbackRuleInput } from './callback.types';
import { SatisfactionRequest } from './satisfaction-request.entity';
import { SurveyPermission as P } from './survey.permissions';
import { SurveyTemplateVersion } from './survey-template.entity';
import { satisfactionRequestLoader, surveyTemplateVersionLoader } from './survey.queries';

@Resolver(() => CallbackRule)
export class CallbackRuleResolver {
  @Authorized(P['callback:work'])
  @Query(() => [CallbackRule], { description: 'Your franchise’s callback rules (the built-in ones appear on first look).' })
  callbackRules(@Ctx() ctx: RequestContext) {
    return listCallbackRules(ctx);
  }

  @Authorized(P['callback:rules'])
  @Mutation(() => CallbackRule)
  createCallbackRule(@Ctx() ctx: RequestContext, @Arg('input') input: CreateCallbackRuleInput) {
    return createCallbackRule(ctx, input);
  }

  @Authorized(P['callback:rules'])
  @Mutation(() => CallbackRule, { description: 'Enable, disable or tune a rule (days, top N, holidays, tags, no-repeat window, survey).' })
  updateCallbackRule(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateCallbackRuleInput) {
    return updateCallbackRule(ctx, input);
  }
}

@Resolver(() => CallbackTask)
export class CallbackTaskResolver {
  @Authorized(P['callback:work'])
  @Query(() => CallbackTaskConnection, { description: 'The callback desk: your callbacks and nobody’s due by today, open or to retry now, earliest due first.' })
  callbackDesk(@Ctx() ctx: RequestContext, @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging, @Info() info?: GraphQLResolveInfo) {
    return callbackDesk(ctx, { paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['callback:work'])
  @Query(() => CallbackTaskConnection, { description: 'Every callback in your scope (filtered by status, purpose, store, agent, due date), earliest due first.' })
  callbackTasks(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => CallbackTaskFilter, { nullable: true }) filter?: FilterInput,
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listCallbackTasks(ctx, { filter, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['callback:work'])
  @Query(() => CallbackTask, { nullable: true })
  async callbackTask(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return getCallbackTask(ctx, id).catch(() => null);
  }

  @Authorized(P['callback:work'])
  @Mutation(() => CallbackTask, { description: 'What came of a call: completed (with the survey’s answers and suggestions), no answer (retry), refused, wrong number, do not call.' })
  recordCallbackOutcome(@Ctx() ctx: RequestContext, @Arg('input') input: RecordCallbackOutcomeInput) {
    return recordCallbackOutcome(ctx, input);
  }

  @Authorized(P['callback:work'])
  @Mutation(() => CallbackTask, { description: 'Raise a case about a problem heard on the call (linked to the callback).' })
  raiseCaseFromCallback(@Ctx() ctx: RequestContext, @Arg('input') input: RaiseCaseFromCallbackInput) {
    return raiseCaseFromCallback(ctx, input);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer’s card.' })
  customer(@Root() t: CallbackTask, @Ctx() ctx: RequestContext) {
    return embedded(t, 'customer', () => findCustomer(ctx, t.customerId));
  }

  @FieldResolver(() => SatisfactionRequest, { nullable: true, description: 'The survey asked on the call, with its questions.' })
  survey(@Root() t: CallbackTask, @Ctx() ctx: RequestContext) {
    return embedded(t, 'survey', () => (t.surveyId ? satisfactionRequestLoader(ctx).load(t.surveyId) : null));
  }

  @FieldResolver(() => SurveyTemplateVersion, { nullable: true, description: 'The questions to ask on the call: the survey’s, else the rule’s template, else the franchise’s (or HQ’s) callback template. For one task at a time (the desk’s page does not need it).' })
  async questionnaire(@Root() t: CallbackTask, @Ctx() ctx: RequestContext) {
    return surveyTemplateVersionLoader(ctx).load(await callbackTemplateVersionId(ctx, t));
  }

  @FieldResolver(() => CallWindow, { description: 'The next good time to call (around 11:00 or 16:00 in the customer’s zone).' })
  async callWindow(@Root() t: CallbackTask, @Ctx() ctx: RequestContext) {
    const zone = (await orgUnitLoader(ctx).load(t.franchiseId))?.timeZone ?? 'Asia/Shanghai';
    const from = t.nextAttemptAt && t.nextAttemptAt > clock.now() ? new Date(t.nextAttemptAt) : clock.now();
    return nextCallWindow(from, t.dueDate, zone);
  }
}

