import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { authorizeLiveEvent, deliveredRecord, type LiveEvent } from '../../core/live';
import { findCustomer } from '../customers/customer.service';
import { Customer } from '../customers/customer.entity';
import { staffLoader } from '../identity/identity.loaders';
import { StaffUser } from '../identity/staff-user.entity';
import { KnowledgeArticle } from '../knowledge/knowledge.entity';
import { caseArticlesLoader } from '../knowledge/knowledge.service';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { Case, CaseActivity, CaseMessage } from './case.entity';
import { caseClocksLoader } from './case.loaders';
import { listCases } from './case.queries';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { CasePermission } from './case.permissions';
import * as cases from './case.service';
import {
  AddCaseMessageInput,
  AnswerCaseInput,
  AssignCaseInput,
  CaseActionInput,
  CaseAllowedAction,
  CaseConnection,
  CaseFilter,
  CaseSort,
  CreateOneCaseInput,
  EscalateCaseInput,
  LinkArticleInput,
  ProposeSolutionInput,
  ReasonedCaseActionInput,
  ReferCaseInput,
  RequestCaseInfoInput,
  ResolveCaseInput,
  TransferCaseInput,
  TransitionCaseInput,
  UpdateOneCaseInput,
} from './case.types';
import { CaseSlaClock } from './sla.entity';

type CaseEvent = LiveEvent & { change: 'created' | 'updated' };

const P = CasePermission;

const liveCase = (change: CaseEvent['change']) => async ({ payload, context }: { payload: CaseEvent; context: RequestContext }) =>
  payload.change === change && authorizeLiveEvent(context, payload, P['case:read'], (eventCtx) => cases.findCase(eventCtx, payload.id));

/** A named workflow action: the mutation is the action, the interpreter decides if it may happen. */
const act = (ctx: RequestContext, action: string, { id, version, ...fields }: CaseActionInput) =>
  cases.transitionCase(ctx, { id, version, action, input: fields as Record<string, unknown> });

@Resolver(() => Case)
export class CaseResolver {
  @Authorized(P['case:read'])
  @Query(() => CaseConnection, { description: 'Cases in your scope, with filters and sorting (queues use caseQueue).' })
  cases(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => CaseFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [CaseSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listCases(ctx, { filter, sorting, paging }, {}, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['case:read'])
  @Query(() => Case, { nullable: true })
  case(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return cases.findCase(ctx, id);
  }

  @Authorized(P['case:write'])
  @Mutation(() => Case, { description: 'Open a case; it starts in its workflow’s first state, in the queue, with SLA clocks running.' })
  createOneCase(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneCaseInput) {
    return cases.createCase(ctx, input.case);
  }

  @Authorized(P['case:write'])
  @Mutation(() => Case, { description: 'Edit a case’s details (never its state: use the workflow actions).' })
  updateOneCase(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneCaseInput) {
    return cases.updateCase(ctx, input.id, input.version, input.update);
  }

  // --- workflow actions (each a transition of the case's workflow)

  @Authorized(P['case:work'])
  @Mutation(() => Case, { description: 'Accept a new case; the first to accept owns it to the end (首问负责制).' })
  acceptCase(@Ctx() ctx: RequestContext, @Arg('input') input: CaseActionInput) {
    return act(ctx, 'accept', input);
  }

  @Authorized(P['case:work'])
  @Mutation(() => Case, { description: 'Complaints: start investigating with the responsible department.' })
  startCaseInvestigation(@Ctx() ctx: RequestContext, @Arg('input') input: CaseActionInput) {
    return act(ctx, 'start_investigation', input);
  }

  @Authorized(P['case:work'])
  @Mutation(() => Case, { description: 'Complaints: propose a concrete solution (replace, refund, compensation, apology, coaching); refund and compensation need an amount.' })
  proposeSolution(@Ctx() ctx: RequestContext, @Arg('input') input: ProposeSolutionInput) {
    return act(ctx, 'propose_solution', { ...input });
  }

  @Authorized(P['case:work'])
  @Mutation(() => Case, { description: 'Complaints: report the result and ask whether the customer is satisfied (SLA paused).' })
  requestCustomerConfirmation(@Ctx() ctx: RequestContext, @Arg('input') input: CaseActionInput) {
    return act(ctx, 'request_confirmation', input);
  }

  @Authorized(P['case:work'])
  @Mutation(() => Case, { description: 'The customer is satisfied: resolve (asks for their satisfaction rating).' })
  resolveCase(@Ctx() ctx: RequestContext, @Arg('input') input: ResolveCaseInput) {
    return act(ctx, 'resolve', { ...input });
  }

  @Authorized(P['case:work'])
  @Mutation(() => Case, { description: 'The customer is not satisfied: reopen and negotiate again.' })
  reopenCase(@Ctx() ctx: RequestContext, @Arg('input') input: ReasonedCaseActionInput) {
    return act(ctx, 'reopen', { ...input });
  }

  @Authorized(P['case:work'])
  @Mutation(() => Case)
  closeCase(@Ctx() ctx: RequestContext, @Arg('input') input: CaseActionInput) {
    return act(ctx, 'close', input);
  }

  @Authorized(P['case:work'])
  @Mutation(() => Case, { description: 'Cancel a case opened by mistake or twice, with a reason.' })
  cancelCase(@Ctx() ctx: RequestContext, @Arg('input') input: ReasonedCaseActionInput) {
    return act(ctx, 'cancel', { ...input });
  }

  @Authorized(P['case:work'])
  @Mutation(() => Case, { description: 'Consultations: ask the customer to clarify (SLA paused until they answer).' })
  requestCustomerInfo(@Ctx() ctx: RequestContext, @Arg('input') input: RequestCaseInfoInput) {
    return act(ctx, 'request_info', { ...input });
  }

  @Authorized(P['case:work'])
  @Mutation(() => Case, { description: 'Consultations: answer in plain language and ask the customer to confirm they understood.' })
  answerCase(@Ctx() ctx: RequestContext, @Arg('input') input: AnswerCaseInput) {
    return act(ctx, 'answer', { ...input });
  }

  @Authorized(P['case:work'])
  @Mutation(() => Case, { description: 'Any workflow action by name (plugins add actions without new mutations); fields by name.' })
  transitionCase(@Ctx() ctx: RequestContext, @Arg('input') input: TransitionCaseInput) {
    return cases.transitionCase(ctx, { id: input.id, version: input.version, action: input.action, input: input.fields ?? {} });
  }

  // --- ownership, escalation, thread

  @Authorized(P['case:work'])
  @Mutation(() => Case, { description: 'Take a queued case as its owner; exactly one of simultaneous claims wins (the rest: CONFLICT).' })
  claimCase(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return cases.claimCase(ctx, id);
  }

  @Authorized(P['case:assign'])
  @Mutation(() => Case, { description: 'Give a queued case to a staff member.' })
  assignCase(@Ctx() ctx: RequestContext, @Arg('input') input: AssignCaseInput) {
    return cases.assignCase(ctx, input.id, input.staffUserId);
  }

  @Authorized(P['case:work'])
  @Mutation(() => Case, { description: 'Hand your case (or, with case:assign, anyone’s) to someone else, with a reason. Recorded.' })
  transferCase(@Ctx() ctx: RequestContext, @Arg('input') input: TransferCaseInput) {
    return cases.transferCase(ctx, input);
  }

  @Authorized(P['case:escalate'])
  @Mutation(() => Case, { description: 'Escalate beyond your authority: supervisor, then director, then HQ. Recorded with the reason.' })
  escalateCase(@Ctx() ctx: RequestContext, @Arg('input') input: EscalateCaseInput) {
    return cases.escalateCase(ctx, input);
  }

  @Authorized(P['case:escalate'])
  @Mutation(() => Case, { description: 'Refer a medical question to a pharmacist or doctor, who may then answer the case.' })
  referCaseToExpert(@Ctx() ctx: RequestContext, @Arg('input') input: ReferCaseInput) {
    return cases.referCaseToExpert(ctx, input);
  }

  @Authorized(P['case:write'])
  @Mutation(() => CaseMessage, { description: 'Reply to the customer, write an internal note, or record what the customer said.' })
  addCaseMessage(@Ctx() ctx: RequestContext, @Arg('input') input: AddCaseMessageInput) {
    return cases.addCaseMessage(ctx, input);
  }

  @Authorized(P['case:write'])
  @Mutation(() => KnowledgeArticle, { description: 'Record that a knowledge-base article was used on the case (counts its usage once per case).' })
  linkKnowledgeArticle(@Ctx() ctx: RequestContext, @Arg('input') input: LinkArticleInput) {
    return cases.linkArticle(ctx, input.caseId, input.articleId);
  }

  // --- live

  @Subscription(() => Case, { topics: 'cases.changed', filter: liveCase('created'), description: 'A case was opened in your scope.' })
  createdCase(@Root() event: CaseEvent, @Ctx() ctx: RequestContext): Case {
    return deliveredRecord<Case>(ctx, event);
  }

  @Subscription(() => Case, { topics: 'cases.changed', filter: liveCase('updated'), description: 'A case in your scope changed.' })
  updatedOneCase(@Root() event: CaseEvent, @Ctx() ctx: RequestContext): Case {
    return deliveredRecord<Case>(ctx, event);
  }

  // --- fields

  @FieldResolver(() => String, { description: 'The state’s label in its workflow (as the case’s franchise runs it).' })
  stateLabel(@Root() c: Case, @Ctx() ctx: RequestContext): string | Promise<string> {
    return embedded(c, 'stateLabel', () => cases.stateLabel(ctx, c));
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return embedded(c, 'customer', () => (c.customerId ? findCustomer(ctx, c.customerId) : null));
  }

  @FieldResolver(() => StaffUser, { nullable: true, description: 'The first responder who owns the case.' })
  owner(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return embedded(c, 'owner', () => (c.ownerId ? staffLoader(ctx).load(c.ownerId) : null));
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  expert(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return embedded(c, 'expert', () => (c.expertId ? staffLoader(ctx).load(c.expertId) : null));
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return embedded(c, 'orgUnit', () => findOrgUnit(ctx, c.orgUnitId));
  }

  @FieldResolver(() => [CaseSlaClock], { description: 'SLA clocks: running, paused, met, warned, breached.' })
  slaClocks(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return embedded(c, 'slaClocks', () => caseClocksLoader(ctx).load(c.id));
  }

  @FieldResolver(() => [CaseAllowedAction], { description: 'Workflow actions you may take now (buttons), with required fields and guard refusals.' })
  allowedActions(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return cases.allowedActions(ctx, c);
  }

  @FieldResolver(() => [CaseMessage], { description: 'The thread, oldest first; internal notes unless customerVisibleOnly.' })
  messages(@Root() c: Case, @Ctx() ctx: RequestContext, @Arg('customerVisibleOnly', { defaultValue: false }) customerVisibleOnly: boolean) {
    return cases.caseMessages(ctx, c.id, !customerVisibleOnly);
  }

  @FieldResolver(() => [CaseActivity], { description: 'History: transitions, hand-overs, escalations, SLA events.' })
  activities(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return cases.caseActivities(ctx, c.id);
  }

  @FieldResolver(() => [KnowledgeArticle], { description: 'Knowledge-base articles used on the case.' })
  async knowledgeArticles(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return (await caseArticlesLoader(ctx).load(c.id)).map((linked) => linked.article);
  }
}
