import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { authorizeLiveEvent, checkedLiveSubscription, deliveredRecord, type LiveEvent } from '../../core/live';
import { selectionOf } from '../../core/read/selection';
import { StockAlert, StockAlertKind, StockMinimum } from './alert.entity';
import { listStockMinimums, setStockMinimum } from './low-stock.service';
import * as alerts from './alert.service';
import { InventoryPermission } from './inventory.permissions';
import { SetStockMinimumInput, StockAlertConnection, StockAlertFilter, StockAlertSort, StockMinimumConnection, StockMinimumFilter, StockMinimumSort } from './stock-control.types';
import { getWarehouse } from './warehouse.service';

type AlertEvent = LiveEvent & { kind: StockAlertKind; warehouseId: string | null };
interface AlertArgs {
  kinds?: StockAlertKind[] | null;
  warehouseId?: string | null;
}

@Resolver(() => StockAlert)
export class StockAlertResolver {
  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => StockAlertConnection, { description: 'Stock alerts (low stock, expiry, excursions, recalls, ledger mismatches) in your part of the tree, newest first.' })
  stockAlerts(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => StockAlertFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StockAlertSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return alerts.listAlerts(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(InventoryPermission['stock:write'])
  @Mutation(() => StockAlert, { description: 'Mark an alert as seen to (once).' })
  acknowledgeStockAlert(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return alerts.acknowledgeAlert(ctx, id);
  }

  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => StockMinimumConnection, { description: 'Minimum stock per product and warehouse (below it: a LOW_STOCK alert), with since when each is undercut.' })
  stockMinimums(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => StockMinimumFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StockMinimumSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listStockMinimums(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(InventoryPermission['stock:write'])
  @Mutation(() => StockMinimum, { description: 'Set the minimum stock of a product at a warehouse (0: no alert); checked against the stock at once.' })
  setStockMinimum(@Ctx() ctx: RequestContext, @Arg('input') input: SetStockMinimumInput) {
    return setStockMinimum(ctx, input);
  }

  @Subscription(() => StockAlert, {
    // A warehouse the caller cannot see is refused at once (NOT_FOUND).
    subscribe: checkedLiveSubscription<AlertArgs, AlertEvent>(
      'stock.alert',
      async (ctx, args) => (args.warehouseId ? getWarehouse(ctx, args.warehouseId) : null),
      (ctx, payload, args) => {
        if (args.kinds?.length && !args.kinds.includes(payload.kind)) return Promise.resolve(false);
        if (args.warehouseId && payload.warehouseId !== args.warehouseId) return Promise.resolve(false);
        return authorizeLiveEvent(ctx, payload, InventoryPermission['inventory:read'], (eventCtx) => alerts.findAlert(eventCtx, payload.id));
      },
    ),
    description: 'Stock alerts as they are raised (low stock, near expiry, excursions, recalls, ledger mismatches), optionally of some kinds or one warehouse.',
  })
  stockAlertRaised(
    @Root() event: AlertEvent,
    @Ctx() ctx: RequestContext,
    @Arg('kinds', () => [StockAlertKind], { nullable: true }) _kinds?: StockAlertKind[],
    @Arg('warehouseId', () => ID, { nullable: true }) _warehouseId?: string,
  ): StockAlert {
    return deliveredRecord<StockAlert>(ctx, event);
  }
}
