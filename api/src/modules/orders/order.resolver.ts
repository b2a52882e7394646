import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { authorizeLiveEvent, deliveredRecord, type LiveEvent } from '../../core/live';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { Customer } from '../customers/customer.entity';
import { findCustomer } from '../customers/customer.service';
import { Product } from '../inventory/catalog.entity';
import { findProduct } from '../inventory/catalog.service';
import { StorageZone, Warehouse } from '../inventory/warehouse.entity';
import { findWarehouse, zoneLoader } from '../inventory/warehouse.service';
import { staffLoader } from '../identity/identity.loaders';
import { StaffUser } from '../identity/staff-user.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { Order, OrderError, OrderEvent, OrderLine, OrderPick, OrderSettings, OrderTrackingEvent } from './order.entity';
import { linePicksLoader, orderErrorsLoader, orderEventsLoader, orderLinesLoader, orderTrackingLoader } from './order.loaders';
import { OrderPermission } from './order.permissions';
import { listOrders, readOrder } from './order.queries';
import * as orders from './order.service';
import { changeOrderDelivery, verifyOrderCustomer } from './order-changes';
import { recordOrderError, withdrawOrderError } from './order-errors';
import { orderSettings, updateOrderSettings } from './order-handling';
import { orderKpis } from './order-kpis';
import { recordOrderPayment } from './order-payments';
import { recordTrackingEvents } from './order-tracking';
import {
  ChangeOrderDeliveryInput,
  ConfirmOrderReceiptInput,
  CreateOneOrderInput,
  OrderActionInput,
  OrderAllowedAction,
  OrderConnection,
  OrderFilter,
  OrderKpis,
  OrderSettingsInput,
  OrderSort,
  RecordOrderErrorInput,
  WithdrawOrderErrorInput,
  ReasonedOrderActionInput,
  RecordOrderPaymentInput,
  RecordTrackingEventsInput,
  ShipOrderInput,
  TrackingBatchResult,
  TransitionOrderInput,
  VerifyOrderCustomerInput,
} from './order.types';

type OrderLiveEvent = LiveEvent & { change: 'created' | 'updated' };

const P = OrderPermission;

const liveOrder = (change: OrderLiveEvent['change']) => async ({ payload, context }: { payload: OrderLiveEvent; context: RequestContext }) =>
  payload.change === change && authorizeLiveEvent(context, payload, P['order:read'], (eventCtx) => orders.findOrder(eventCtx, payload.id));

/** A named workflow action: the mutation is the action, the interpreter decides if it may happen. */
const act = (ctx: RequestContext, action: string, { id, version, ...fields }: OrderActionInput & Record<string, unknown>) =>
  orders.transitionOrder(ctx, { id, version, action, input: fields });

@Resolver(() => Order)
export class OrderResolver {
  @Authorized(P['order:read'])
  @Query(() => OrderConnection, { description: 'Orders in your scope, with filters (channel, stage, state, payment, customer, store, dates) and sorting.' })
  orders(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => OrderFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [OrderSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listOrders(ctx, { filter, sorting, paging }, {}, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['order:read'])
  @Query(() => Order, { nullable: true, description: 'An order with its lines, picked lots and timeline (null when not visible).' })
  order(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Info() info?: GraphQLResolveInfo) {
    return readOrder(ctx, id, info ? selectionOf(info, []) : null);
  }

  @Authorized(P['order:write'])
  @Mutation(() => Order, { description: 'Enter an order: prices and totals from the server (in cents); online orders need the delivery address and contact.' })
  createOneOrder(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneOrderInput) {
    return orders.createOrder(ctx, input.order);
  }

  // --- workflow actions (each a transition of the order's workflow)

  @Authorized(P['order:review'])
  @Mutation(() => Order, { description: 'Online: start reviewing a received order (items, address, contact, stock).' })
  startOrderReview(@Ctx() ctx: RequestContext, @Arg('input') input: OrderActionInput) {
    return act(ctx, 'start_review', { ...input });
  }

  @Authorized(P['order:review'])
  @Mutation(() => Order, { description: 'Online: finish the review, reserving the stock first expiry first: approved, or waiting for the customer with the reason when stock is short.' })
  reviewOrder(@Ctx() ctx: RequestContext, @Arg('input') input: OrderActionInput) {
    return act(ctx, 'review', { ...input });
  }

  @Authorized(P['order:review'])
  @Mutation(() => Order, { description: 'Online: something is wrong (address, contact, items): wait for the customer, with the reason.' })
  holdOrderForCustomer(@Ctx() ctx: RequestContext, @Arg('input') input: ReasonedOrderActionInput) {
    return act(ctx, 'wait_for_customer', { ...input });
  }

  @Authorized(P['order:review'])
  @Mutation(() => Order, { description: 'Online: the customer answered; review the order again.' })
  resumeOrderReview(@Ctx() ctx: RequestContext, @Arg('input') input: OrderActionInput) {
    return act(ctx, 'resume_review', { ...input });
  }

  @Authorized(P['order:fulfil'])
  @Mutation(() => Order, { description: 'Online: pick an approved order; the lots reserved first expiry first are recorded per line.' })
  startOrderPicking(@Ctx() ctx: RequestContext, @Arg('input') input: OrderActionInput) {
    return act(ctx, 'start_picking', { ...input });
  }

  @Authorized(P['order:fulfil'])
  @Mutation(() => Order, { description: 'Online: ship with the carrier and tracking number; the picked stock leaves the warehouse.' })
  shipOrder(@Ctx() ctx: RequestContext, @Arg('input') input: ShipOrderInput) {
    return act(ctx, 'ship', { ...input });
  }

  @Authorized(P['order:fulfil'])
  @Mutation(() => Order, { description: 'Online: the carrier delivered the order.' })
  deliverOrder(@Ctx() ctx: RequestContext, @Arg('input') input: OrderActionInput) {
    return act(ctx, 'deliver', { ...input });
  }

  @Authorized(P['order:write'])
  @Mutation(() => Order, { description: 'Online: the customer confirmed receipt, with the condition of the goods.' })
  confirmOrderReceipt(@Ctx() ctx: RequestContext, @Arg('input') input: ConfirmOrderReceiptInput) {
    return act(ctx, 'confirm_receipt', { ...input });
  }

  @Authorized(P['order:fulfil'])
  @Mutation(() => Order, { description: 'Online: record the customer’s payment (method, reference, the order’s total); the same reference again changes nothing. Payment reminders stop.' })
  recordOrderPayment(@Ctx() ctx: RequestContext, @Arg('input') input: RecordOrderPaymentInput) {
    return recordOrderPayment(ctx, input);
  }

  @Authorized(P['order:fulfil'])
  @Mutation(() => Order, { description: 'In store: take the payment for a receipt; its stock is reserved first expiry first.' })
  payOrder(@Ctx() ctx: RequestContext, @Arg('input') input: OrderActionInput) {
    return act(ctx, 'pay', { ...input });
  }

  @Authorized(P['order:fulfil'])
  @Mutation(() => Order, { description: 'In store: hand the paid goods over; the lots are recorded and leave stock.' })
  handOverOrder(@Ctx() ctx: RequestContext, @Arg('input') input: OrderActionInput) {
    return act(ctx, 'hand_over', { ...input });
  }

  @Authorized(P['order:write'])
  @Mutation(() => Order, { description: 'Cancel with a reason; reserved stock is released and a paid order’s refund becomes due.' })
  cancelOrder(@Ctx() ctx: RequestContext, @Arg('input') input: ReasonedOrderActionInput) {
    return act(ctx, 'cancel', { ...input });
  }

  @Authorized(P['order:read'])
  @Mutation(() => Order, { description: 'Any workflow action by name (plugins add actions without new mutations); fields by name. Each action checks its own permission.' })
  transitionOrder(@Ctx() ctx: RequestContext, @Arg('input') input: TransitionOrderInput) {
    return orders.transitionOrder(ctx, { id: input.id, version: input.version, action: input.action, input: input.fields ?? {} });
  }

  // --- changes the customer asks for

  @Authorized(P['order:write'])
  @Mutation(() => Order, { description: 'Record that the customer’s identity was verified (how, by you): it allows one delivery change within 30 minutes.' })
  verifyOrderCustomer(@Ctx() ctx: RequestContext, @Arg('input') input: VerifyOrderCustomerInput) {
    return verifyOrderCustomer(ctx, input);
  }

  @Authorized(P['order:write'])
  @Mutation(() => Order, { description: 'Change the delivery name, phone or address before the goods leave, after verifying the customer; kept on the timeline with before and after.' })
  changeOrderDelivery(@Ctx() ctx: RequestContext, @Arg('input') input: ChangeOrderDeliveryInput) {
    return changeOrderDelivery(ctx, input);
  }

  @Authorized(P['order:track'])
  @Mutation(() => TrackingBatchResult, { description: 'A carrier’s tracking events, up to 500 at a time, in any order; idempotent by event id. A delivery event records the delivery.' })
  recordTrackingEvents(@Ctx() ctx: RequestContext, @Arg('input') input: RecordTrackingEventsInput) {
    return recordTrackingEvents(ctx, input.events);
  }

  // --- quality: order errors and handling targets

  @Authorized(P['order:quality'])
  @Mutation(() => Order, { description: 'Record an order error (wrong entry, wrong shipment…) against the agent responsible: who entered the order, who reviewed it, or the staff member named. On the timeline.' })
  recordOrderError(@Ctx() ctx: RequestContext, @Arg('input') input: RecordOrderErrorInput) {
    return recordOrderError(ctx, input);
  }

  @Authorized(P['order:quality'])
  @Mutation(() => Order, { description: 'Withdraw a recorded order error with the reason: it no longer counts (kept, with who withdrew it).' })
  withdrawOrderError(@Ctx() ctx: RequestContext, @Arg('input') input: WithdrawOrderErrorInput) {
    return withdrawOrderError(ctx, input);
  }

  @Authorized(P['order:quality'])
  @Query(() => OrderKpis, { description: 'Order KPIs (订单考核) per agent over [from, to): orders entered and reviewed, reviews on time, errors and the error rate; optionally one store.' })
  orderKpis(@Ctx() ctx: RequestContext, @Arg('from') from: Date, @Arg('to') to: Date, @Arg('storeId', () => ID, { nullable: true }) storeId?: string) {
    return orderKpis(ctx, { from, to, storeId });
  }

  @Authorized(P['order:read'])
  @Query(() => OrderSettings, { description: 'A franchise’s order handling targets (default: yours).' })
  orderSettings(@Ctx() ctx: RequestContext, @Arg('franchiseId', () => ID, { nullable: true }) franchiseId?: string) {
    return orderSettings(ctx, franchiseId ?? ctx.actor!.franchiseId);
  }

  @Authorized(P['order:settings'])
  @Mutation(() => OrderSettings, { description: 'Set the franchise’s order handling targets: review within N working minutes of receipt, ship within N hours of working days of approval.' })
  updateOrderSettings(@Ctx() ctx: RequestContext, @Arg('input') input: OrderSettingsInput) {
    return updateOrderSettings(ctx, input);
  }

  // --- live

  @Subscription(() => Order, { topics: 'orders.changed', filter: liveOrder('created'), description: 'An order was entered in your scope.' })
  createdOrder(@Root() event: OrderLiveEvent, @Ctx() ctx: RequestContext): Order {
    return deliveredRecord<Order>(ctx, event);
  }

  @Subscription(() => Order, { topics: 'orders.changed', filter: liveOrder('updated'), description: 'An order in your scope changed (its state included).' })
  updatedOneOrder(@Root() event: OrderLiveEvent, @Ctx() ctx: RequestContext): Order {
    return deliveredRecord<Order>(ctx, event);
  }

  // --- fields

  @FieldResolver(() => String, { description: 'The state’s label in its workflow (as the order’s franchise runs it).' })
  stateLabel(@Root() o: Order, @Ctx() ctx: RequestContext): string | Promise<string> {
    return embedded(o, 'stateLabel', () => orders.stateLabel(ctx, o));
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() o: Order, @Ctx() ctx: RequestContext) {
    return embedded(o, 'customer', () => (o.customerId ? findCustomer(ctx, o.customerId) : null));
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() o: Order, @Ctx() ctx: RequestContext) {
    return embedded(o, 'orgUnit', () => findOrgUnit(ctx, o.orgUnitId));
  }

  @FieldResolver(() => Warehouse, { nullable: true })
  warehouse(@Root() o: Order, @Ctx() ctx: RequestContext) {
    return findWarehouse(ctx, o.warehouseId);
  }

  @FieldResolver(() => [OrderLine])
  lines(@Root() o: Order, @Ctx() ctx: RequestContext) {
    return embedded(o, 'lines', () => orderLinesLoader(ctx).load(o.id));
  }

  @FieldResolver(() => [OrderEvent], { description: 'The timeline: creation and every transition, oldest first.' })
  events(@Root() o: Order, @Ctx() ctx: RequestContext) {
    return embedded(o, 'events', () => orderEventsLoader(ctx).load(o.id));
  }

  @FieldResolver(() => [OrderTrackingEvent], { description: 'The carrier’s tracking events, by when they happened.' })
  trackingEvents(@Root() o: Order, @Ctx() ctx: RequestContext) {
    return embedded(o, 'trackingEvents', () => orderTrackingLoader(ctx).load(o.id));
  }

  @FieldResolver(() => [OrderError], { description: 'Order errors recorded on it (withdrawn ones included, marked), oldest first.' })
  errors(@Root() o: Order, @Ctx() ctx: RequestContext) {
    return embedded(o, 'errors', () => orderErrorsLoader(ctx).load(o.id));
  }

  @FieldResolver(() => [OrderAllowedAction], { description: 'Workflow actions you may take now (buttons), with required fields.' })
  allowedActions(@Root() o: Order, @Ctx() ctx: RequestContext) {
    return orders.allowedActions(ctx, o);
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: OrderLine, @Ctx() ctx: RequestContext) {
    return findProduct(ctx, line.productId);
  }

  @FieldResolver(() => [OrderPick], { description: 'The lots picked for the line (first expiry first).' })
  picks(@Root() line: OrderLine, @Ctx() ctx: RequestContext) {
    return embedded(line, 'picks', () => linePicksLoader(ctx).load(line.id));
  }
}

@Resolver(() => OrderPick)
export class OrderPickResolver {
  @FieldResolver(() => StorageZone, { nullable: true, description: 'Where the lot is picked from (the pick list).' })
  zone(@Root() pick: OrderPick, @Ctx() ctx: RequestContext) {
    return embedded(pick, 'zone', () => zoneLoader(ctx).load(pick.zoneId));
  }
}

@Resolver(() => OrderEvent)
export class OrderEventResolver {
  @FieldResolver(() => StaffUser, { nullable: true, description: 'Who did it, by name (null for the system, a partner, or someone outside your franchise).' })
  actor(@Root() event: OrderEvent, @Ctx() ctx: RequestContext) {
    return embedded(event, 'actor', () => (event.actorId ? staffLoader(ctx).load(event.actorId) : null));
  }
}

@Resolver(() => OrderError)
export class OrderErrorResolver {
  @FieldResolver(() => StaffUser, { nullable: true, description: 'Who it counts against.' })
  agent(@Root() e: OrderError, @Ctx() ctx: RequestContext) {
    return staffLoader(ctx).load(e.agentId);
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  recordedBy(@Root() e: OrderError, @Ctx() ctx: RequestContext) {
    return staffLoader(ctx).load(e.recordedById);
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  withdrawnBy(@Root() e: OrderError, @Ctx() ctx: RequestContext) {
    return e.withdrawnById ? staffLoader(ctx).load(e.withdrawnById) : null;
  }
}
