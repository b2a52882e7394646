import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { StaffUser } from '../identity/staff-user.entity';
import { Product } from './catalog.entity';
import { productLoader } from './catalog.service';
import * as destructions from './destruction.service';
import { groupBy } from './documents.common';
import { StockDestruction, StockDestructionLine } from './documents.entity';
import {
  DestroyStockInput,
  DocumentCancelInput,
  DocumentDecisionInput,
  RequestDestructionInput,
  StockDestructionConnection,
  StockDestructionFilter,
  StockDestructionSort,
} from './documents.types';
import { InventoryPermission } from './inventory.permissions';
import { Batch, StorageZone, Warehouse } from './warehouse.entity';
import { batchLoader, warehouseLoader, zoneLoader } from './warehouse.service';

const P = InventoryPermission;

const linesByDestruction = (ctx: RequestContext) =>
  ctx.loaders.get(destructions.destructionLinesOf, () => new DataLoader<string, StockDestructionLine[]>(async (ids) => groupBy(await destructions.destructionLinesOf(ctx, ids), 'destructionId', ids)));

@Resolver(() => StockDestruction)
export class StockDestructionResolver {
  @Authorized(P['inventory:read'])
  @Query(() => StockDestructionConnection, { description: 'Destructions of the warehouses in your scope, newest first.' })
  stockDestructions(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => StockDestructionFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StockDestructionSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return destructions.listDestructions(ctx, { filter, sorting, paging }, selectionOf(info, ['nodes']));
  }

  @Authorized(P['inventory:read'])
  @Query(() => StockDestruction, { nullable: true })
  stockDestruction(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return destructions.findDestruction(ctx, id);
  }

  @Authorized(P['stock:write'])
  @Query(() => [StaffUser], { description: 'Who may witness a destruction at this warehouse: active staff of its franchise in your reach (not you), by name.' })
  destructionWitnesses(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Arg('warehouseId', () => ID) warehouseId: string) {
    return destructions.witnessCandidates(ctx, warehouseId, selectionOf(info));
  }

  @Authorized(P['stock:write'])
  @Mutation(() => StockDestruction, { description: 'Ask to destroy expired, damaged or recalled goods (or goods in the non-conforming area) of a warehouse.' })
  requestDestruction(@Ctx() ctx: RequestContext, @Arg('input') input: RequestDestructionInput) {
    return destructions.requestDestruction(ctx, input);
  }

  @Authorized(P['stock:approve'])
  @Mutation(() => StockDestruction, { description: 'Approve a destruction (never your own request).' })
  approveDestruction(@Ctx() ctx: RequestContext, @Arg('input') input: DocumentDecisionInput) {
    return destructions.decideDestruction(ctx, input, true);
  }

  @Authorized(P['stock:approve'])
  @Mutation(() => StockDestruction, { description: 'Reject a destruction with a note (never your own request).' })
  rejectDestruction(@Ctx() ctx: RequestContext, @Arg('input') input: DocumentDecisionInput) {
    return destructions.decideDestruction(ctx, input, false);
  }

  @Authorized(P['stock:write'])
  @Mutation(() => StockDestruction, { description: 'Record the destruction, with its method and a witness (a second person): DESTRUCTION moves out.' })
  destroyStock(@Ctx() ctx: RequestContext, @Arg('input') input: DestroyStockInput) {
    return destructions.destroyStock(ctx, input);
  }

  @Authorized(P['stock:write'])
  @Mutation(() => StockDestruction, { description: 'Cancel a destruction before it is carried out.' })
  cancelDestruction(@Ctx() ctx: RequestContext, @Arg('input') input: DocumentCancelInput) {
    return destructions.cancelDestruction(ctx, input);
  }

  @FieldResolver(() => [StockDestructionLine])
  lines(@Root() doc: StockDestruction, @Ctx() ctx: RequestContext) {
    return embedded(doc, 'lines', () => linesByDestruction(ctx).load(doc.id));
  }

  @FieldResolver(() => Warehouse, { nullable: true })
  warehouse(@Root() doc: StockDestruction, @Ctx() ctx: RequestContext) {
    return embedded(doc, 'warehouse', () => warehouseLoader(ctx).load(doc.warehouseId));
  }
}

@Resolver(() => StockDestructionLine)
export class StockDestructionLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: StockDestructionLine, @Ctx() ctx: RequestContext) {
    return embedded(line, 'product', () => productLoader(ctx).load(line.productId));
  }

  @FieldResolver(() => Batch, { nullable: true })
  batch(@Root() line: StockDestructionLine, @Ctx() ctx: RequestContext) {
    return embedded(line, 'batch', () => batchLoader(ctx).load(line.batchId));
  }

  @FieldResolver(() => StorageZone, { nullable: true })
  zone(@Root() line: StockDestructionLine, @Ctx() ctx: RequestContext) {
    return embedded(line, 'zone', () => zoneLoader(ctx).load(line.zoneId));
  }
}
