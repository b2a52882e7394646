import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { embedded } from '../../core/read/page';
import { Customer } from '../customers/customer.entity';
import { findCustomer } from '../customers/customer.service';
import { staffLoader } from '../identity/identity.loaders';
import { StaffUser } from '../identity/staff-user.entity';
import { PurchaseRequest, StockDestruction, StockRequisition } from './documents.entity';
import { BatchRecall, RecallContact } from './recall.entity';
import { Stocktake, StocktakeLine } from './stocktake.entity';
import { StorageExcursion } from './storage.entity';

/**
 * The people on stock documents by name (signers, approvers, witnesses, counters; a recall's
 * customers), not only by id: one batched statement per page through the staff loader. Someone outside the reader's
 * franchise (HQ's people, for a franchise) is null, as everywhere.
 */
const person = (ctx: RequestContext, root: object, field: string, id: string | null | undefined) =>
  embedded(root, field, () => (id ? staffLoader(ctx).load(id) : null));

const Person = () => StaffUser;

@Resolver(() => PurchaseRequest)
export class PurchasePeopleResolver {
  @FieldResolver(Person, { nullable: true, description: 'Who asked for the purchase.' })
  requestedBy(@Root() d: PurchaseRequest, @Ctx() ctx: RequestContext) { return person(ctx, d, 'requestedBy', d.requestedById); }

  @FieldResolver(Person, { nullable: true, description: 'Who approved or rejected it.' })
  decidedBy(@Root() d: PurchaseRequest, @Ctx() ctx: RequestContext) { return person(ctx, d, 'decidedBy', d.decidedById); }

  @FieldResolver(Person, { nullable: true, description: 'The warehouse keeper who signed the inspection.' })
  keeperSignedBy(@Root() d: PurchaseRequest, @Ctx() ctx: RequestContext) { return person(ctx, d, 'keeperSignedBy', d.keeperSignedById); }

  @FieldResolver(Person, { nullable: true, description: 'The product manager who signed the inspection.' })
  managerSignedBy(@Root() d: PurchaseRequest, @Ctx() ctx: RequestContext) { return person(ctx, d, 'managerSignedBy', d.managerSignedById); }

  @FieldResolver(Person, { nullable: true, description: 'Who put the goods away.' })
  receivedBy(@Root() d: PurchaseRequest, @Ctx() ctx: RequestContext) { return person(ctx, d, 'receivedBy', d.receivedById); }
}

@Resolver(() => StockRequisition)
export class RequisitionPeopleResolver {
  @FieldResolver(Person, { nullable: true, description: 'Who asked for the goods.' })
  requestedBy(@Root() d: StockRequisition, @Ctx() ctx: RequestContext) { return person(ctx, d, 'requestedBy', d.requestedById); }

  @FieldResolver(Person, { nullable: true, description: 'Who approved or rejected it.' })
  decidedBy(@Root() d: StockRequisition, @Ctx() ctx: RequestContext) { return person(ctx, d, 'decidedBy', d.decidedById); }

  @FieldResolver(Person, { nullable: true, description: 'Who picked it.' })
  pickedBy(@Root() d: StockRequisition, @Ctx() ctx: RequestContext) { return person(ctx, d, 'pickedBy', d.pickedById); }

  @FieldResolver(Person, { nullable: true, description: 'Who shipped it.' })
  shippedBy(@Root() d: StockRequisition, @Ctx() ctx: RequestContext) { return person(ctx, d, 'shippedBy', d.shippedById); }

  @FieldResolver(Person, { nullable: true, description: 'Who received it at the branch.' })
  receivedBy(@Root() d: StockRequisition, @Ctx() ctx: RequestContext) { return person(ctx, d, 'receivedBy', d.receivedById); }
}

@Resolver(() => StockDestruction)
export class DestructionPeopleResolver {
  @FieldResolver(Person, { nullable: true, description: 'Who asked for the destruction.' })
  requestedBy(@Root() d: StockDestruction, @Ctx() ctx: RequestContext) { return person(ctx, d, 'requestedBy', d.requestedById); }

  @FieldResolver(Person, { nullable: true, description: 'Who approved or rejected it.' })
  decidedBy(@Root() d: StockDestruction, @Ctx() ctx: RequestContext) { return person(ctx, d, 'decidedBy', d.decidedById); }

  @FieldResolver(Person, { nullable: true, description: 'Who destroyed the goods.' })
  destroyedBy(@Root() d: StockDestruction, @Ctx() ctx: RequestContext) { return person(ctx, d, 'destroyedBy', d.destroyedById); }

  @FieldResolver(Person, { nullable: true, description: 'The second person who witnessed it.' })
  witness(@Root() d: StockDestruction, @Ctx() ctx: RequestContext) { return person(ctx, d, 'witness', d.witnessId); }
}

@Resolver(() => Stocktake)
export class StocktakePeopleResolver {
  @FieldResolver(Person, { nullable: true, description: 'Who opened the sheet.' })
  openedBy(@Root() d: Stocktake, @Ctx() ctx: RequestContext) { return person(ctx, d, 'openedBy', d.openedById); }

  @FieldResolver(Person, { nullable: true, description: 'Who submitted the counts.' })
  submittedBy(@Root() d: Stocktake, @Ctx() ctx: RequestContext) { return person(ctx, d, 'submittedBy', d.submittedById); }

  @FieldResolver(Person, { nullable: true, description: 'Who approved the variances.' })
  approvedBy(@Root() d: Stocktake, @Ctx() ctx: RequestContext) { return person(ctx, d, 'approvedBy', d.approvedById); }

  @FieldResolver(Person, { nullable: true, description: 'Who posted the adjustments.' })
  postedBy(@Root() d: Stocktake, @Ctx() ctx: RequestContext) { return person(ctx, d, 'postedBy', d.postedById); }
}

@Resolver(() => StocktakeLine)
export class StocktakeLinePeopleResolver {
  @FieldResolver(Person, { nullable: true, description: 'Who entered the latest count.' })
  countedBy(@Root() d: StocktakeLine, @Ctx() ctx: RequestContext) { return person(ctx, d, 'countedBy', d.countedById); }
}

@Resolver(() => StorageExcursion)
export class ExcursionPeopleResolver {
  @FieldResolver(Person, { nullable: true, description: 'Who released the zone after it.' })
  releasedBy(@Root() d: StorageExcursion, @Ctx() ctx: RequestContext) { return person(ctx, d, 'releasedBy', d.releasedById); }
}

@Resolver(() => RecallContact)
export class RecallContactPeopleResolver {
  @FieldResolver(() => Customer, { nullable: true, description: 'The customer to reach (null when unknown or outside your part of the tree).' })
  customer(@Root() d: RecallContact, @Ctx() ctx: RequestContext) { return embedded(d, 'customer', () => (d.customerId ? findCustomer(ctx, d.customerId) : null)); }

  @FieldResolver(Person, { nullable: true, description: 'Who recorded the outcome.' })
  contactedBy(@Root() d: RecallContact, @Ctx() ctx: RequestContext) { return person(ctx, d, 'contactedBy', d.contactedById); }
}

@Resolver(() => BatchRecall)
export class RecallPeopleResolver {
  @FieldResolver(Person, { nullable: true, description: 'Who recalled the lot (null when outside your franchise).' })
  recalledBy(@Root() d: BatchRecall, @Ctx() ctx: RequestContext) { return person(ctx, d, 'recalledBy', d.recalledById); }
}

export const peopleResolvers = [PurchasePeopleResolver, RequisitionPeopleResolver, DestructionPeopleResolver, StocktakePeopleResolver, StocktakeLinePeopleResolver, ExcursionPeopleResolver, RecallContactPeopleResolver, RecallPeopleResolver] as const;
