import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { authorizeLiveEvent, deliveredRecord, type LiveEvent } from '../../core/live';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { Case } from '../cases/case.entity';
import { findCase } from '../cases/case.service';
import { Customer } from '../customers/customer.entity';
import { findCustomer } from '../customers/customer.service';
import { Product } from '../inventory/catalog.entity';
import { findProduct } from '../inventory/catalog.service';
import { Order } from '../orders/order.entity';
import { findOrder } from '../orders/order.service';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { ReturnEvent, ReturnLine, ReturnRequest, ReturnSettings } from './return.entity';
import { ReturnPermission } from './return.permissions';
import { listReturns, readReturn, returnEventsLoader, returnLinesLoader, returnsOfOrderLoader } from './return.queries';
import * as returns from './return.service';
import {
  InspectReturnInput,
  ReasonedReturnActionInput,
  RefundReturnInput,
  RequestReturnInput,
  ReturnActionInput,
  ReturnAllowedAction,
  ReturnConnection,
  ReturnFilter,
  ReturnSettingsInput,
  ReturnSort,
  ShipReturnBackInput,
  TransitionReturnInput,
} from './return.types';

type ReturnLiveEvent = LiveEvent & { change: 'created' | 'updated' };

const P = ReturnPermission;

const liveReturn = (change: ReturnLiveEvent['change']) => async ({ payload, context }: { payload: ReturnLiveEvent; context: RequestContext }) =>
  payload.change === change && authorizeLiveEvent(context, payload, P['return:read'], (eventCtx) => returns.findReturn(eventCtx, payload.id));

/** A named workflow action: the mutation is the action, the interpreter decides if it may happen. */
const act = (ctx: RequestContext, action: string, { id, version, ...fields }: ReturnActionInput & Record<string, unknown>) => returns.transitionReturn(ctx, { id, version, action, input: fields });

@Resolver(() => ReturnRequest)
export class ReturnResolver {
  @Authorized(P['return:read'])
  @Query(() => ReturnConnection, { description: 'Returns and exchanges in your scope: the queue, with filters (stage, state, kind, reason, SLA clock and status, escalation, order, customer, dates) and sorting.' })
  returns(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ReturnFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [ReturnSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listReturns(ctx, { filter, sorting, paging }, {}, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['return:read'])
  @Query(() => ReturnRequest, { name: 'return', nullable: true, description: 'A return with its lines, inspection, refund and timeline (null when not visible).' })
  returnById(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Info() info?: GraphQLResolveInfo) {
    return readReturn(ctx, id, info ? selectionOf(info, []) : null);
  }

  @Authorized(P['return:read'])
  @Query(() => ReturnSettings, { description: 'A franchise’s return rules (default: yours).' })
  returnSettings(@Ctx() ctx: RequestContext, @Arg('franchiseId', () => ID, { nullable: true }) franchiseId?: string) {
    return returns.returnSettings(ctx, franchiseId ?? ctx.actor!.franchiseId);
  }

  @Authorized(P['return:settings'])
  @Mutation(() => ReturnSettings, { description: 'Set the franchise’s return window (days after delivery).' })
  updateReturnSettings(@Ctx() ctx: RequestContext, @Arg('input') input: ReturnSettingsInput) {
    return returns.updateReturnSettings(ctx, input);
  }

  @Authorized(P['return:request'])
  @Mutation(() => ReturnRequest, { description: 'Request a return or exchange of a delivered order’s units (reason, evidence, lines), within the return window; the 24 h review clock starts.' })
  requestReturn(@Ctx() ctx: RequestContext, @Arg('input') input: RequestReturnInput) {
    return returns.requestReturn(ctx, input);
  }

  // --- workflow actions (each a transition of the return's workflow)

  @Authorized(P['return:review'])
  @Mutation(() => ReturnRequest, { description: 'Start reviewing a return request.' })
  startReturnReview(@Ctx() ctx: RequestContext, @Arg('input') input: ReturnActionInput) {
    return act(ctx, 'start_review', { ...input });
  }

  @Authorized(P['return:review'])
  @Mutation(() => ReturnRequest, { description: 'Approve the return: the customer may send the goods back.' })
  approveReturn(@Ctx() ctx: RequestContext, @Arg('input') input: ReturnActionInput) {
    return act(ctx, 'approve', { ...input });
  }

  @Authorized(P['return:review'])
  @Mutation(() => ReturnRequest, { description: 'Reject the return, with the reason the customer is told.' })
  rejectReturn(@Ctx() ctx: RequestContext, @Arg('input') input: ReasonedReturnActionInput) {
    return act(ctx, 'reject', { ...input });
  }

  @Authorized(P['return:request'])
  @Mutation(() => ReturnRequest, { description: 'The customer shipped the goods back: carrier and tracking number.' })
  shipReturnBack(@Ctx() ctx: RequestContext, @Arg('input') input: ShipReturnBackInput) {
    return act(ctx, 'ship_back', { ...input });
  }

  @Authorized(P['return:receive'])
  @Mutation(() => ReturnRequest, { description: 'The returned goods arrived (by carrier or brought to the store).' })
  receiveReturn(@Ctx() ctx: RequestContext, @Arg('input') input: ReturnActionInput) {
    return act(ctx, 'receive', { ...input });
  }

  @Authorized(P['return:receive'])
  @Mutation(() => ReturnRequest, { description: 'Inspect every returned line: resalable units restock into their lot, the rest go to the non-conforming area for destruction; the refund is computed and its 3-working-day clock starts.' })
  inspectReturn(@Ctx() ctx: RequestContext, @Arg('input') input: InspectReturnInput) {
    return act(ctx, 'inspect', { ...input });
  }

  @Authorized(P['return:refund'])
  @Mutation(() => ReturnRequest, { description: 'Pay out the inspected refund (with the payment reference).' })
  refundReturn(@Ctx() ctx: RequestContext, @Arg('input') input: RefundReturnInput) {
    return act(ctx, 'refund', { ...input });
  }

  @Authorized(P['return:refund'])
  @Mutation(() => ReturnRequest, { description: 'Send the replacement of an exchange: a new order of the returned units, reserving its stock.' })
  exchangeReturn(@Ctx() ctx: RequestContext, @Arg('input') input: ReturnActionInput) {
    return act(ctx, 'exchange', { ...input });
  }

  @Authorized(P['return:request'])
  @Mutation(() => ReturnRequest, { description: 'Cancel the return (the customer changed their mind) before the goods are received.' })
  cancelReturn(@Ctx() ctx: RequestContext, @Arg('input') input: ReasonedReturnActionInput) {
    return act(ctx, 'cancel', { ...input });
  }

  @Authorized(P['return:read'])
  @Mutation(() => ReturnRequest, { description: 'Any workflow action by name (plugins add actions without new mutations); fields by name. Each action checks its own permission.' })
  transitionReturn(@Ctx() ctx: RequestContext, @Arg('input') input: TransitionReturnInput) {
    return returns.transitionReturn(ctx, { id: input.id, version: input.version, action: input.action, input: input.fields ?? {} });
  }

  // --- live

  @Subscription(() => ReturnRequest, { topics: 'returns.changed', filter: liveReturn('created'), description: 'A return was requested in your scope.' })
  createdReturn(@Root() event: ReturnLiveEvent, @Ctx() ctx: RequestContext): ReturnRequest {
    return deliveredRecord<ReturnRequest>(ctx, event);
  }

  @Subscription(() => ReturnRequest, { topics: 'returns.changed', filter: liveReturn('updated'), description: 'A return in your scope changed (its state and clocks included).' })
  updatedOneReturn(@Root() event: ReturnLiveEvent, @Ctx() ctx: RequestContext): ReturnRequest {
    return deliveredRecord<ReturnRequest>(ctx, event);
  }

  // --- fields

  @FieldResolver(() => String, { description: 'The state’s label in its workflow (as the return’s franchise runs it).' })
  stateLabel(@Root() r: ReturnRequest, @Ctx() ctx: RequestContext): string | Promise<string> {
    return embedded(r, 'stateLabel', () => returns.stateLabel(ctx, r));
  }

  @FieldResolver(() => Order, { nullable: true })
  order(@Root() r: ReturnRequest, @Ctx() ctx: RequestContext) {
    return embedded(r, 'order', () => findOrder(ctx, r.orderId));
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The replacement order of an exchange.' })
  replacementOrder(@Root() r: ReturnRequest, @Ctx() ctx: RequestContext) {
    return r.replacementOrderId ? findOrder(ctx, r.replacementOrderId) : null;
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() r: ReturnRequest, @Ctx() ctx: RequestContext) {
    return embedded(r, 'customer', () => (r.customerId ? findCustomer(ctx, r.customerId) : null));
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() r: ReturnRequest, @Ctx() ctx: RequestContext) {
    return embedded(r, 'orgUnit', () => findOrgUnit(ctx, r.orgUnitId));
  }

  @FieldResolver(() => Case, { name: 'case', nullable: true, description: 'The case the request came from.' })
  linkedCase(@Root() r: ReturnRequest, @Ctx() ctx: RequestContext) {
    return r.caseId ? findCase(ctx, r.caseId) : null;
  }

  @FieldResolver(() => [ReturnLine])
  lines(@Root() r: ReturnRequest, @Ctx() ctx: RequestContext) {
    return embedded(r, 'lines', () => returnLinesLoader(ctx).load(r.id));
  }

  @FieldResolver(() => [ReturnEvent], { description: 'The timeline: the request, every transition, clock warnings, breaches and escalations, oldest first.' })
  events(@Root() r: ReturnRequest, @Ctx() ctx: RequestContext) {
    return embedded(r, 'events', () => returnEventsLoader(ctx).load(r.id));
  }

  @FieldResolver(() => [ReturnAllowedAction], { description: 'Workflow actions you may take now (buttons), with required fields.' })
  allowedActions(@Root() r: ReturnRequest, @Ctx() ctx: RequestContext) {
    return returns.allowedActions(ctx, r);
  }
}

@Resolver(() => ReturnLine)
export class ReturnLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: ReturnLine, @Ctx() ctx: RequestContext) {
    return embedded(line, 'product', () => findProduct(ctx, line.productId));
  }
}

/** The order shows its returns. */
@Resolver(() => Order)
export class OrderReturnsResolver {
  @FieldResolver(() => [ReturnRequest], { description: 'The order’s returns and exchanges, oldest first (empty without return:read).' })
  async returns(@Root() o: Order, @Ctx() ctx: RequestContext) {
    if (!ctx.actor?.permissions.has(P['return:read'])) return [];
    return returnsOfOrderLoader(ctx).load(o.id);
  }
}
