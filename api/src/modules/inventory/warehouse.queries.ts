import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { embedById, embedChildren, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { orgUnitScopeCondition } from '../org/org.service';
import { productEmbed } from './catalog.queries';
import { Batch, StorageZone, Warehouse } from './warehouse.entity';

/**
 * The warehouse read path: warehouses (their zones embedded), zones and lots as plain rows;
 * other inventory reads embed them through `warehouseEmbed`, `zoneEmbed` and `batchEmbed`.
 */

const ZONE_READ: ReadSpec<StorageZone> = { entity: StorageZone, always: ['id', 'franchiseId', 'warehouseId'] };

const WAREHOUSE_READ: ReadSpec<Warehouse> = {
  entity: Warehouse,
  always: ['id', 'franchiseId', 'orgUnitId'],
  embeds: { zones: embedChildren(ZONE_READ, 'storage_zone', 'warehouse_id', (a) => `${a}.code`) },
};

function batchReadSpec(ctx: RequestContext): ReadSpec<Batch> {
  return {
    entity: Batch,
    always: ['id', 'franchiseId', 'productId'],
    // effectiveStatus counts days in the lot's franchise's calendar.
    needs: { effectiveStatus: ['status', 'expiryDate', 'franchiseTimeZone'] },
    computed: { franchiseTimeZone: (a) => `(select ${a}_ft.time_zone from org_unit ${a}_ft where ${a}_ft.id = ${a}.franchise_id)` },
    embeds: { product: productEmbed(ctx, 'product_id') },
  };
}

/** A warehouse embedded by the id in `column` (as warehouseLoader: row-level security bounds it). */
export const warehouseEmbed = (column: string) => embedById(WAREHOUSE_READ, 'warehouse', column);
/** A storage zone embedded by the id in `column` (as zoneLoader). */
export const zoneEmbed = (column: string) => embedById(ZONE_READ, 'storage_zone', column);
/** A lot embedded by the id in `column` (as batchLoader), its product embedded in turn when asked for. */
export const batchEmbed = (ctx: RequestContext, column: string) => embedById(batchReadSpec(ctx), 'batch', column);

export async function listWarehouses(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await orgUnitScopeCondition(ctx);
  return readPage(ctx.em, WAREHOUSE_READ, args, selection, { where: scope as FilterQuery<Warehouse>, defaultSort: [{ field: 'code', direction: SortDirection.ASC }] });
}

export function listBatches(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, batchReadSpec(ctx), args, selection, { defaultSort: [{ field: 'expiryDate', direction: SortDirection.ASC }] });
}
