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
import { StaffUser } from '../identity/staff-user.entity';
import { findStaff } from '../identity/staff.service';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { TestItem, TestOrder, TestOrderLine, TestOrderStep } from './journey.entity';
import { JourneyPermission } from './journey.permissions';
import { listTestItems, listTestOrders, readTestOrder } from './journey.queries';
import * as journey from './journey.service';
import {
  PostLabReportInput,
  PrescribeTestsInput,
  TestItemConnection,
  TestItemFilter,
  TestItemInput,
  TestItemSort,
  TestOrderActionInput,
  TestOrderAllowedAction,
  TestOrderConnection,
  TestOrderFilter,
  TestOrderSort,
  UpdateTestItemInput,
} from './journey.types';
import { postLabReport } from './lab-report.service';

const P = JourneyPermission;

type ReportReleasedEvent = LiveEvent & { doctorId: string; orgUnitId: string };

@Resolver(() => TestItem)
export class TestItemResolver {
  @Authorized(P['test:read'])
  @Query(() => TestItemConnection, { description: 'The test catalogue: HQ’s shared items and your franchise’s own, by code.' })
  testItems(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => TestItemFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [TestItemSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listTestItems(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['test:catalog'])
  @Mutation(() => TestItem, { description: 'Adds a test item: to your franchise’s catalogue, or (HQ, shared) to every franchise’s.' })
  createTestItem(@Ctx() ctx: RequestContext, @Arg('input') input: TestItemInput) {
    return journey.createTestItem(ctx, input);
  }

  @Authorized(P['test:catalog'])
  @Mutation(() => TestItem, { description: 'Changes a test item (HQ’s shared items only by HQ); prescribed orders keep the price and turnaround they were prescribed with.' })
  updateTestItem(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateTestItemInput) {
    return journey.updateTestItem(ctx, input);
  }
}

@Resolver(() => TestOrder)
export class TestOrderResolver {
  @Authorized(P['test:read'])
  @Query(() => TestOrderConnection, { description: 'Test orders of customers at stores in your scope (the journey board: filter by state), newest first.' })
  testOrders(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => TestOrderFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [TestOrderSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listTestOrders(ctx, { filter, sorting, paging }, {}, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['test:read'])
  @Query(() => TestOrder, { nullable: true, description: 'A test order (null when not visible).' })
  testOrder(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Info() info?: GraphQLResolveInfo) {
    return readTestOrder(ctx, id, info ? selectionOf(info, []) : null);
  }

  @Authorized(P['test:prescribe'])
  @Mutation(() => TestOrder, { description: 'Prescribes test items for a customer (optionally at their appointment): priced and totalled by the server, numbered, PRESCRIBED.' })
  prescribeTests(@Ctx() ctx: RequestContext, @Arg('input') input: PrescribeTestsInput) {
    return journey.prescribeTests(ctx, input);
  }

  @Authorized(P['test:read'])
  @Mutation(() => TestOrder, { description: 'Takes a step of the test order’s journey (each step needs its own permission; INVALID_TRANSITION names the steps open now).' })
  takeTestOrderAction(@Ctx() ctx: RequestContext, @Arg('input') input: TestOrderActionInput) {
    const { id, version, action, ...values } = input;
    return journey.takeTestOrderAction(ctx, { id, version, action, input: values });
  }

  @Authorized(P['lab:report'])
  @Mutation(() => TestOrder, { description: 'A lab partner posts its report (results and files) for a test order under testing; the same labReportId again changes nothing.' })
  postLabReport(@Ctx() ctx: RequestContext, @Arg('input') input: PostLabReportInput) {
    return postLabReport(ctx, input);
  }

  // --- live

  @Subscription(() => TestOrder, {
    topics: journey.REPORT_RELEASED_TOPIC,
    filter: async ({ payload, args, context }: { payload: ReportReleasedEvent; args: { doctorId?: string | null }; context: RequestContext }) =>
      (!args.doctorId || payload.doctorId === args.doctorId) && authorizeLiveEvent(context, payload, P['test:read'], (eventCtx) => journey.findTestOrder(eventCtx, payload.id)),
    description: 'The consulting department released a test order’s report in your scope (your franchise and part of the org tree; a doctor passes doctorId for their own customers).',
  })
  testOrderReportReleased(@Root() event: ReportReleasedEvent, @Ctx() ctx: RequestContext, @Arg('doctorId', () => ID, { nullable: true }) _doctorId?: string): TestOrder {
    return deliveredRecord<TestOrder>(ctx, event);
  }

  // --- fields

  @FieldResolver(() => String, { description: 'The state’s label in its workflow (as the franchise runs it).' })
  stateLabel(@Root() o: TestOrder, @Ctx() ctx: RequestContext): string | Promise<string> {
    return embedded(o, 'stateLabel', () => journey.testOrderStateLabel(ctx, o));
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() o: TestOrder, @Ctx() ctx: RequestContext) {
    return embedded(o, 'customer', () => findCustomer(ctx, o.customerId));
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  doctor(@Root() o: TestOrder, @Ctx() ctx: RequestContext) {
    return embedded(o, 'doctor', () => findStaff(ctx, o.doctorId));
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() o: TestOrder, @Ctx() ctx: RequestContext) {
    return embedded(o, 'orgUnit', () => findOrgUnit(ctx, o.orgUnitId));
  }

  @FieldResolver(() => [TestOrderLine])
  lines(@Root() o: TestOrder, @Ctx() ctx: RequestContext) {
    return embedded(o, 'lines', () => ctx.em.find(TestOrderLine, { testOrderId: o.id }, { orderBy: { lineNo: 'asc' } }));
  }

  @FieldResolver(() => [TestOrderStep], { description: 'Every step so far, oldest first: what, who and when.' })
  steps(@Root() o: TestOrder, @Ctx() ctx: RequestContext) {
    return embedded(o, 'steps', () => ctx.em.find(TestOrderStep, { testOrderId: o.id }, { orderBy: { createdAt: 'asc', id: 'asc' } }));
  }

  @FieldResolver(() => Boolean, { description: 'The report is not released and its expected date has passed (in the franchise’s calendar): highlighted on the journey board.' })
  reportOverdue(@Root() o: TestOrder, @Ctx() ctx: RequestContext): Promise<boolean> {
    return journey.reportOverdue(ctx, o);
  }

  @FieldResolver(() => [TestOrderAllowedAction], { description: 'The steps you may take now (buttons), with the fields they need.' })
  async allowedActions(@Root() o: TestOrder, @Ctx() ctx: RequestContext): Promise<TestOrderAllowedAction[]> {
    return (await journey.testOrderActions(ctx, o)).map((t) => ({ action: t.action, label: t.label, to: t.to, requiredFields: t.requiredFields.map((f) => f.name), blockedReason: t.blockedReason }));
  }
}
