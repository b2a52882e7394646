import { defineModule } from '../../core/modules/module';
import { FranchiseProduct, Product, Supplier } from './catalog.entity';
import { PurchaseInspectionLine, PurchaseRequest, PurchaseRequestLine, StockDestruction, StockDestructionLine, StockRequisition, StockRequisitionLine, StockTransferLine } from './documents.entity';
import { documentEventTypes } from './documents.events';
import { StockDestructionLineResolver, StockDestructionResolver } from './destruction.resolver';
import { StockRequisitionLineResolver, StockRequisitionResolver, StockTransferLineResolver } from './requisition.resolver';
import { PurchaseInspectionLineResolver, PurchaseRequestLineResolver, PurchaseRequestResolver, PurchaseSuggestionResolver } from './purchase.resolver';
import { ProductResolver, SupplierResolver } from './catalog.resolver';
import { flagExpiredJob, ledgerCheckJob } from './inventory.jobs';
import { InventoryPermission } from './inventory.permissions';
import { BatchRecall } from './recall.entity';
import { RecallResolver } from './recall.resolver';
import { StockBalance, StockMove, StockReservation, StockReservationAllocation } from './stock.entity';
import { StockBalanceResolver, StockMoveResolver, StockReservationResolver } from './stock.resolver';
import { Batch, InventorySettings, StorageZone, Warehouse } from './warehouse.entity';
import { BatchResolver, WarehouseResolver } from './warehouse.resolver';

/** Products, suppliers, warehouses and zones, lots, stock as a ledger with reservations (first expiry first), and the stock documents: purchases with inspection, branch requisitions, destructions. */
export const inventoryModule = defineModule({
  name: 'inventory',
  entities: [Product, FranchiseProduct, Supplier, Warehouse, StorageZone, Batch, InventorySettings, StockBalance, StockMove, StockReservation, StockReservationAllocation, BatchRecall,
    PurchaseRequest, PurchaseRequestLine, PurchaseInspectionLine, StockRequisition, StockRequisitionLine, StockTransferLine, StockDestruction, StockDestructionLine],
  resolvers: [ProductResolver, SupplierResolver, WarehouseResolver, BatchResolver, StockBalanceResolver, StockMoveResolver, StockReservationResolver, RecallResolver,
    PurchaseRequestResolver, PurchaseRequestLineResolver, PurchaseInspectionLineResolver, PurchaseSuggestionResolver,
    StockRequisitionResolver, StockRequisitionLineResolver, StockTransferLineResolver, StockDestructionResolver, StockDestructionLineResolver],
  permissions: [InventoryPermission],
  jobs: [flagExpiredJob, ledgerCheckJob],
  events: documentEventTypes,
});
