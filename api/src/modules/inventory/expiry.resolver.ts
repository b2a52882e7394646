import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { selectionOf } from '../../core/read/selection';
import { InventoryPermission } from './inventory.permissions';
import { StockBalanceConnection, StockBalanceSort } from './inventory.types';
import { StockBalance } from './stock.entity';
import { listNearExpiry } from './stock.queries';

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
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listNearExpiry(ctx, { warehouseId, withinDays, includeExpired }, { sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }
}
