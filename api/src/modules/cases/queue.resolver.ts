import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { DeleteOneInput } from '../../core/graphql/inputs';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { authorizeLiveEvent, checkedLiveSubscription, deliveredRecord, type LiveEvent } from '../../core/live';
import { workflowNames } from '../../core/workflow/workflow';
import { workflowFor } from '../../core/plugins/workflows';
import { staffLoader } from '../identity/identity.loaders';
import { StaffUser } from '../identity/staff-user.entity';
import { CasePermission } from './case.permissions';
import { findCase } from './case.service';
import { openCaseCountLoader } from './case.loaders';
import { caseQueue } from './case.queries';
import { selectionOf } from '../../core/read/selection';
import {
  AnswerFeedbackInput,
  CaseConnection,
  CaseQueueEvent,
  CaseSlaAlert,
  CaseSort,
  CreateOneBusinessCalendarInput,
  CreateOneCaseViewInput,
  CreateOneSlaPolicyInput,
  DepartmentFeedbackConnection,
  DepartmentFeedbackFilter,
  DepartmentFeedbackSort,
  RaiseFeedbackInput,
  ResolveFeedbackInput,
  SetAvailabilityInput,
  SlaAlertLevel,
  UpdateCaseSettingsInput,
  UpdateOneBusinessCalendarInput,
  UpdateOneCaseViewInput,
  UpdateOneSlaPolicyInput,
  WorkflowInfo,
} from './case.types';
import { answerFeedback, listFeedback, raiseFeedback, resolveFeedback } from './feedback.service';
import { AgentAvailability, AgentPresence, CaseSettings, CaseView, DepartmentFeedback } from './queue.entity';
import * as queues from './queue.service';
import * as slaAdmin from './sla-admin.service';
import { BusinessCalendar, SlaClockKind, SlaPolicy } from './sla.entity';

const P = CasePermission;

type CaseEvent = LiveEvent & { change: 'created' | 'updated' };
type SlaEvent = LiveEvent & { clock: SlaClockKind; level: SlaAlertLevel; dueAt: string };

@Resolver(() => CaseView)
export class CaseQueueResolver {
  @Authorized(P['case:read'])
  @Query(() => [CaseView], { description: 'Shared queue views of your franchise and your personal ones.' })
  caseViews(@Ctx() ctx: RequestContext) {
    return queues.listCaseViews(ctx);
  }

  @Authorized(P['case:read'])
  @Query(() => CaseConnection, { description: 'The cases of a saved view (open ones unless its filter names stages), in its order unless sorting is given.' })
  caseQueue(
    @Ctx() ctx: RequestContext,
    @Arg('viewId', () => ID) viewId: string,
    @Arg('sorting', () => [CaseSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return caseQueue(ctx, viewId, { sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['case:read'])
  @Mutation(() => CaseView, { description: 'Save a queue view: personal, or shared with the franchise (case:manage).' })
  createOneCaseView(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneCaseViewInput) {
    return queues.createCaseView(ctx, input.caseView);
  }

  @Authorized(P['case:read'])
  @Mutation(() => CaseView)
  updateOneCaseView(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneCaseViewInput) {
    return queues.updateCaseView(ctx, input.id, input.version, input.update);
  }

  @Authorized(P['case:read'])
  @Mutation(() => CaseView)
  deleteOneCaseView(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteOneInput) {
    return queues.deleteCaseView(ctx, input.id);
  }

  @Subscription(() => CaseQueueEvent, {
    // A view the caller cannot see (another franchise's, someone else's personal one) is refused: NOT_FOUND.
    subscribe: checkedLiveSubscription<{ viewId: string }, CaseEvent>(
      'cases.changed',
      (ctx, args) => queues.getCaseView(ctx, args.viewId),
      (ctx, payload, args) => authorizeLiveEvent(ctx, payload, P['case:read'], (eventCtx) => queues.queueEvent(eventCtx, payload, args.viewId), args.viewId),
    ),
    description: 'Live changes to a queue view: cases added, updated, or no longer matching.',
  })
  caseQueueChanged(@Root() event: CaseEvent, @Ctx() ctx: RequestContext, @Arg('viewId', () => ID) _viewId: string): CaseQueueEvent {
    return deliveredRecord<CaseQueueEvent>(ctx, event);
  }

  // --- presence

  @Authorized(P['case:work'])
  @Mutation(() => AgentPresence, { description: 'Set your availability (online, away, offline) and optionally your capacity for auto-assignment.' })
  setMyAvailability(@Ctx() ctx: RequestContext, @Arg('input') input: SetAvailabilityInput) {
    return queues.setAvailability(ctx, input);
  }

  @Authorized(P['case:read'])
  @Query(() => [AgentPresence], { description: 'Who is online, away or offline, and on how many open cases.' })
  agentPresences(@Ctx() ctx: RequestContext, @Arg('availability', () => AgentAvailability, { nullable: true }) availability?: AgentAvailability) {
    return queues.listPresence(ctx, availability);
  }

  @Subscription(() => AgentPresence, {
    topics: 'agents.presence',
    filter: ({ payload, context }: { payload: LiveEvent; context: RequestContext }) =>
      authorizeLiveEvent(context, payload, P['case:read'], (eventCtx) => eventCtx.em.findOne(AgentPresence, { staffUserId: payload.id })),
    description: 'An agent’s availability changed.',
  })
  agentPresenceChanged(@Root() event: LiveEvent, @Ctx() ctx: RequestContext): AgentPresence {
    return deliveredRecord<AgentPresence>(ctx, event);
  }

  @Subscription(() => CaseSlaAlert, {
    topics: 'cases.sla',
    filter: ({ payload, context }: { payload: SlaEvent; context: RequestContext }) =>
      authorizeLiveEvent(context, payload, P['case:read'], async (eventCtx) => {
        const c = await findCase(eventCtx, payload.id);
        return c && { level: payload.level, clock: payload.clock, dueAt: new Date(payload.dueAt), case: c };
      }),
    description: 'SLA warnings and breaches of cases in your scope.',
  })
  caseSlaAlerts(@Root() event: SlaEvent, @Ctx() ctx: RequestContext): CaseSlaAlert {
    return deliveredRecord<CaseSlaAlert>(ctx, event);
  }

  // --- SLA policies, calendars, settings

  @Authorized(P['case:read'])
  @Query(() => [SlaPolicy], { description: 'Your franchise’s SLA policies (none: the built-in domain defaults apply).' })
  slaPolicies(@Ctx() ctx: RequestContext) {
    return slaAdmin.listPolicies(ctx);
  }

  @Authorized(P['case:read'])
  @Query(() => [BusinessCalendar])
  businessCalendars(@Ctx() ctx: RequestContext) {
    return slaAdmin.listCalendars(ctx);
  }

  @Authorized(P['case:read'])
  @Query(() => CaseSettings)
  caseSettings(@Ctx() ctx: RequestContext, @Arg('franchiseId', () => ID, { nullable: true }) franchiseId?: string) {
    return slaAdmin.getCaseSettings(ctx, franchiseId);
  }

  @Authorized(P['case:read'])
  @Query(() => [WorkflowInfo], { description: 'The case workflows: states (with stage) and transitions.' })
  async caseWorkflows(@Ctx() ctx: RequestContext): Promise<WorkflowInfo[]> {
    // As the caller's franchise runs them (with its enabled plugins' states and transitions).
    const franchiseId = ctx.actor!.franchiseId;
    return Promise.all(
      workflowNames().map(async (name) => {
        const w = await workflowFor(ctx.em, franchiseId, name);
        return { ...w, transitions: w.transitions.map((t) => ({ ...t, permission: t.permission ?? null, requiredFields: t.requiredFields ?? [] })) } as WorkflowInfo;
      }),
    );
  }

  @Authorized(P['sla:manage'])
  @Mutation(() => SlaPolicy)
  createOneSlaPolicy(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneSlaPolicyInput) {
    return slaAdmin.createPolicy(ctx, input.slaPolicy);
  }

  @Authorized(P['sla:manage'])
  @Mutation(() => SlaPolicy)
  updateOneSlaPolicy(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneSlaPolicyInput) {
    return slaAdmin.updatePolicy(ctx, input.id, input.version, input.update);
  }

  @Authorized(P['sla:manage'])
  @Mutation(() => BusinessCalendar)
  createOneBusinessCalendar(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneBusinessCalendarInput) {
    return slaAdmin.createCalendar(ctx, input.businessCalendar);
  }

  @Authorized(P['sla:manage'])
  @Mutation(() => BusinessCalendar)
  updateOneBusinessCalendar(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneBusinessCalendarInput) {
    return slaAdmin.updateCalendar(ctx, input.id, input.version, input.update);
  }

  @Authorized(P['sla:manage'])
  @Mutation(() => CaseSettings, { description: 'Auto-assignment rule (manual, round_robin, least_loaded…) and feedback answer time.' })
  updateCaseSettings(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateCaseSettingsInput) {
    return slaAdmin.updateCaseSettings(ctx, input);
  }

  // --- cross-department feedback, satisfaction requests

  @Authorized(P['case:read'])
  @Query(() => DepartmentFeedbackConnection)
  departmentFeedbacks(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => DepartmentFeedbackFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [DepartmentFeedbackSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listFeedback(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['case:write'])
  @Mutation(() => DepartmentFeedback, { description: 'Raise a problem blocking customers to the responsible department; it must answer in time or it escalates.' })
  raiseDepartmentFeedback(@Ctx() ctx: RequestContext, @Arg('input') input: RaiseFeedbackInput) {
    return raiseFeedback(ctx, input);
  }

  @Authorized(P['feedback:answer'])
  @Mutation(() => DepartmentFeedback, { description: 'The department answers with a promised resolution time.' })
  answerDepartmentFeedback(@Ctx() ctx: RequestContext, @Arg('input') input: AnswerFeedbackInput) {
    return answerFeedback(ctx, input);
  }

  @Authorized(P['feedback:answer'])
  @Mutation(() => DepartmentFeedback)
  resolveDepartmentFeedback(@Ctx() ctx: RequestContext, @Arg('input') input: ResolveFeedbackInput) {
    return resolveFeedback(ctx, input);
  }
}

@Resolver(() => AgentPresence)
export class AgentPresenceResolver {
  @FieldResolver(() => StaffUser, { nullable: true })
  staffUser(@Root() presence: AgentPresence, @Ctx() ctx: RequestContext) {
    return staffLoader(ctx).load(presence.staffUserId);
  }

  @FieldResolver(() => Int, { description: 'Open cases the agent owns.' })
  openCases(@Root() presence: AgentPresence, @Ctx() ctx: RequestContext) {
    return openCaseCountLoader(ctx).load(presence.staffUserId);
  }
}
