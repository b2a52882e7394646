import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, Subscription, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { authorizeLiveEvent, deliveredRecord, type LiveEvent } from '../../core/live';
import { staffLoader } from '../identity/identity.loaders';
import { StaffUser } from '../identity/staff-user.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { recomputeSegments, segmentSummary, topSpenders } from './customer-analytics';
import { birthdayList, CarePurpose, completeCareTask, ContactChannel, contactList, listCareTasks } from './customer-care';
import { CareTask } from './customer-records.entity';
import { searchCustomers } from './customer-search';
import { customerTimeline } from './customer-timeline';
import { Customer } from './customer.entity';
import { listCustomers } from './customer.queries';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { CustomerPermission } from './customer.permissions';
import * as customers from './customer.service';
import {
  CareTaskConnection,
  CareTaskFilter,
  CareTaskSort,
  CompleteCareTaskInput,
  CreateOneCustomerInput,
  CustomerConnection,
  CustomerFilter,
  CustomerSearchHit,
  CustomerSort,
  MergeCustomersInput,
  SegmentSummary,
  TimelineConnection,
  TopSpender,
  UpdateOneCustomerInput,
} from './customer.types';
import { clock } from '../../core/clock';

registerEnumType(CarePurpose, { name: 'CarePurpose' });
registerEnumType(ContactChannel, { name: 'ContactChannel' });

type CustomerEvent = LiveEvent & { change: 'created' | 'updated' };

const liveCustomer = (change: CustomerEvent['change']) => async ({ payload, context }: { payload: CustomerEvent; context: RequestContext }) =>
  payload.change === change && authorizeLiveEvent(context, payload, CustomerPermission['customer:read'], (eventCtx) => customers.findCustomer(eventCtx, payload.id));

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized(CustomerPermission['customer:read'])
  @Query(() => CustomerConnection, { description: 'Customer archives in your scope, with structured filters (store, doctor, tags, age, birthday month, last service, spend).' })
  customers(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [CustomerSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listCustomers(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(CustomerPermission['customer:read'])
  @Query(() => Customer, { nullable: true })
  customer(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return customers.findCustomer(ctx, id);
  }

  @Authorized(CustomerPermission['customer:read'])
  @Query(() => [CustomerSearchHit], { description: 'Fuzzy search by any one field: part of a name (2+ characters), phone or card digits (3+), email, record number. Best first.' })
  searchCustomers(@Ctx() ctx: RequestContext, @Arg('query') query: string, @Arg('limit', () => Int, { defaultValue: 20 }) limit: number, @Info() info?: GraphQLResolveInfo) {
    return searchCustomers(ctx, query, limit, info ? selectionOf(info, ['customer']) : null);
  }

  @Authorized(CustomerPermission['customer:read'])
  @Query(() => TimelineConnection, { description: 'Everything that happened to the customer, newest first, from every module.' })
  async customerTimeline(
    @Ctx() ctx: RequestContext,
    @Arg('customerId', () => ID) customerId: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('kinds', () => [String], { nullable: true }) kinds?: string[],
  ) {
    const customer = await customers.getCustomer(ctx, customerId);
    return customerTimeline(ctx, customer, { first, after, kinds });
  }

  @Authorized(CustomerPermission['customer:care'])
  @Query(() => CustomerConnection, { description: 'Customers whose birthday falls between two dates (YYYY-MM-DD), soonest first.' })
  birthdayList(
    @Ctx() ctx: RequestContext,
    @Arg('from') from: string,
    @Arg('to') to: string,
    @Arg('orgUnitId', () => ID, { nullable: true }) orgUnitId?: string,
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return birthdayList(ctx, { from, to, orgUnitId, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(CustomerPermission['customer:care'])
  @Query(() => CustomerConnection, { description: 'Who may be contacted through a channel for greetings or marketing (consent respected).' })
  contactList(
    @Ctx() ctx: RequestContext,
    @Arg('purpose', () => CarePurpose) purpose: CarePurpose,
    @Arg('channel', () => ContactChannel) channel: ContactChannel,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter?: FilterInput,
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return contactList(ctx, { purpose, channel, filter, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(CustomerPermission['customer:read'])
  @Query(() => CareTaskConnection, { description: 'Care reminders: your own, or your scope’s with customer:care.' })
  careTasks(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => CareTaskFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [CareTaskSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listCareTasks(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(CustomerPermission['customer:analyze'])
  @Query(() => [SegmentSummary], { description: 'Customers per RFM segment with the care strategy for each.' })
  customerSegments(@Ctx() ctx: RequestContext, @Arg('orgUnitId', () => ID, { nullable: true }) orgUnitId?: string) {
    return segmentSummary(ctx, orgUnitId);
  }

  @Authorized(CustomerPermission['customer:analyze'])
  @Query(() => [TopSpender], { description: 'A store’s top spenders in a month (YYYY-MM).' })
  topSpenders(
    @Ctx() ctx: RequestContext,
    @Arg('orgUnitId', () => ID) orgUnitId: string,
    @Arg('month') month: string,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
  ) {
    return topSpenders(ctx, { orgUnitId, month, limit });
  }

  @Authorized(CustomerPermission['customer:write'])
  @Mutation(() => Customer)
  createOneCustomer(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneCustomerInput) {
    return customers.createCustomer(ctx, input.customer);
  }

  @Authorized(CustomerPermission['customer:write'])
  @Mutation(() => Customer)
  updateOneCustomer(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneCustomerInput) {
    return customers.updateCustomer(ctx, input.id, input.version, input.update);
  }

  @Authorized(CustomerPermission['customer:merge'])
  @Mutation(() => Customer, { description: 'Merge two archives of one person (HQ): everything attached moves to the target; the source is kept as MERGED.' })
  mergeCustomers(@Ctx() ctx: RequestContext, @Arg('input') input: MergeCustomersInput) {
    return customers.mergeCustomers(ctx, input);
  }

  @Authorized(CustomerPermission['customer:read'])
  @Mutation(() => CareTask)
  completeCareTask(@Ctx() ctx: RequestContext, @Arg('input') input: CompleteCareTaskInput) {
    return completeCareTask(ctx, input);
  }

  @Authorized(CustomerPermission['customer:analyze'])
  @Mutation(() => Int, { description: 'Recompute RFM segments now for your franchise(s) (a daily job does it too); returns customers updated.' })
  recomputeCustomerSegments(@Ctx() ctx: RequestContext) {
    const franchiseIds = ctx.scope.franchiseIds === 'all' ? null : [...ctx.scope.franchiseIds];
    return recomputeSegments(ctx.em, franchiseIds);
  }

  @Subscription(() => Customer, { topics: 'customers.changed', filter: liveCustomer('created'), description: 'A customer archive was created in your scope.' })
  createdCustomer(@Root() event: CustomerEvent, @Ctx() ctx: RequestContext): Customer {
    return deliveredRecord<Customer>(ctx, event);
  }

  @Subscription(() => Customer, { topics: 'customers.changed', filter: liveCustomer('updated'), description: 'A customer archive in your scope changed.' })
  updatedOneCustomer(@Root() event: CustomerEvent, @Ctx() ctx: RequestContext): Customer {
    return deliveredRecord<Customer>(ctx, event);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Age in whole years today.' })
  age(@Root() customer: Customer): number | null {
    if (!customer.birthDate) return null;
    const born = new Date(`${customer.birthDate}T00:00:00Z`);
    const now = clock.now();
    let age = now.getUTCFullYear() - born.getUTCFullYear();
    if (now.getUTCMonth() < born.getUTCMonth() || (now.getUTCMonth() === born.getUTCMonth() && now.getUTCDate() < born.getUTCDate())) age--;
    // Counted on the UTC date: someone born today where the franchise is (ahead of UTC) is 0, not -1.
    return Math.max(0, age);
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() customer: Customer, @Ctx() ctx: RequestContext) {
    return embedded(customer, 'orgUnit', () => findOrgUnit(ctx, customer.orgUnitId));
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  doctor(@Root() customer: Customer, @Ctx() ctx: RequestContext) {
    return embedded(customer, 'doctor', () => staffLoader(ctx).load(customer.doctorId));
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  healthManager(@Root() customer: Customer, @Ctx() ctx: RequestContext) {
    return embedded(customer, 'healthManager', () => staffLoader(ctx).load(customer.healthManagerId));
  }
}
