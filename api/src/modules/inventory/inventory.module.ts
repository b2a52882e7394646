import { defineModule } from '../../core/modules/module';
import { FranchiseProduct, Product, Supplier } from './catalog.entity';
import { ProductResolver, SupplierResolver } from './catalog.resolver';
import { flagExpiredJob, ledgerCheckJob } from './inventory.jobs';
import { InventoryPermission } from './inventory.permissions';
import { BatchRecall } from './recall.entity';
import { RecallResolver } from './recall.resolver';
import { StockBalance, StockMove, StockReservation, StockReservationAllocation } from './stock.entity';
import { StockBalanceResolver, StockMoveResolver, StockReservationResolver } from './stock.resolver';
import { Batch, InventorySettings, StorageZone, Warehouse } from './warehouse.entity';
import { BatchResolver, WarehouseResolver } from './warehouse.resolver';

/** Products, suppliers, warehouses and zones, lots, and stock as a ledger with reservations (first expiry first). */
export const inventoryModule = defineModule({
  name: 'inventory',
  entities: [Product, FranchiseProduct, Supplier, Warehouse, StorageZone, Batch, InventorySettings, StockBalance, StockMove, StockReservation, StockReservationAllocation, BatchRecall],
  resolvers: [ProductResolver, SupplierResolver, WarehouseResolver, BatchResolver, StockBalanceResolver, StockMoveResolver, StockReservationResolver, RecallResolver],
  permissions: [InventoryPermission],
  jobs: [flagExpiredJob, ledgerCheckJob],
});
