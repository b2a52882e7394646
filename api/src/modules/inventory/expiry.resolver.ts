import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { listNearExpiry } from './expiry.service';
import { InventoryPermission } from './inventory.permissions';
import { StockBalanceConnection, StockBalanceSort } from './inventory.types';
import { StockBalance } from './stock.entity';

@Resolver(() => StockBalance)
export class ExpiryResolver {
  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => StockBalanceConnection, {
    description: 'Stock at a warehouse expiring within withinDays (30 / 60 / 90; default 90) by the warehouse’s own calendar, earliest first; includeExpired adds lots already past their date.',
  })
  nearExpiryStock(
    @Ctx() ctx: RequestContext,
    @Arg('warehouseId', () => ID) warehouseId: string,
    @Arg('withinDays', () => Int, { nullable: true }) withinDays?: number,
    @Arg('includeExpired', { nullable: true }) includeExpired?: boolean,
    @Arg('sorting', () => [StockBalanceSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
  ) {
    return listNearExpiry(ctx, { warehouseId, withinDays, includeExpired }, { sorting, paging });
  }
}
