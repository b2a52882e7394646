import { defineModule } from '../../core/modules/module';
import { CaseStockResolver, stockCaseLinks } from './case-links';
import { FranchiseProduct, Product, Supplier } from './catalog.entity';
import { PurchaseInspectionLine, PurchaseRequest, PurchaseRequestLine, StockDestruction, StockDestructionLine, StockRequisition, StockRequisitionLine, StockTransferLine } from './documents.entity';
import { documentEventTypes } from './documents.events';
import { StockDestructionLineResolver, StockDestructionResolver } from './destruction.resolver';
import { StockRequisitionLineResolver, StockRequisitionResolver, StockTransferLineResolver } from './requisition.resolver';
import { PurchaseInspectionLineResolver, PurchaseRequestLineResolver, PurchaseRequestResolver, PurchaseSuggestionResolver } from './purchase.resolver';
import { ProductResolver, SupplierResolver } from './catalog.resolver';
import { StockAlert, StockMinimum } from './alert.entity';
import { StockAlertResolver } from './alert.resolver';
import { ExpiryResolver } from './expiry.resolver';
import { inventoryEventTypes } from './inventory.events';
import { inventoryEventHandlers } from './inventory.extensions';
import { excursionCheckJob, flagExpiredJob, ledgerCheckJob } from './inventory.jobs';
import { InventoryPermission } from './inventory.permissions';
import { BatchRecall, RecallContact } from './recall.entity';
import { directIssueCustomers } from './recall-outreach.service';
import { peopleResolvers } from './people.resolver';
import { RecallOutreachResolver } from './recall-outreach.resolver';
import { RecallResolver } from './recall.resolver';
import { Stocktake, StocktakeLine } from './stocktake.entity';
import { StocktakeLineResolver, StocktakeResolver } from './stocktake.resolver';
import { StockBalance, StockMove, StockReservation, StockReservationAllocation } from './stock.entity';
import { StockBalanceResolver, StockMoveResolver, StockReservationResolver } from './stock.resolver';
import { StorageExcursion, StorageReading } from './storage.entity';
import { StorageResolver } from './storage.resolver';
import { Batch, InventorySettings, StorageZone, Warehouse } from './warehouse.entity';
import { BatchResolver, WarehouseResolver } from './warehouse.resolver';

/** Products, suppliers, warehouses and zones, lots, stock as a ledger with reservations (first expiry first), the stock documents (purchases with inspection, branch requisitions, destructions) and stock control (alerts, storage conditions, stocktakes, expiry, recall outreach). */
export const inventoryModule = defineModule({
  name: 'inventory',
  entities: [Product, FranchiseProduct, Supplier, Warehouse, StorageZone, Batch, InventorySettings, StockBalance, StockMove, StockReservation, StockReservationAllocation, BatchRecall,
    PurchaseRequest, PurchaseRequestLine, PurchaseInspectionLine, StockRequisition, StockRequisitionLine, StockTransferLine, StockDestruction, StockDestructionLine,
    StockAlert, StorageReading, StorageExcursion, Stocktake, StocktakeLine, RecallContact, StockMinimum],
  resolvers: [ProductResolver, SupplierResolver, WarehouseResolver, BatchResolver, StockBalanceResolver, StockMoveResolver, StockReservationResolver, RecallResolver,
    PurchaseRequestResolver, PurchaseRequestLineResolver, PurchaseInspectionLineResolver, PurchaseSuggestionResolver,
    StockRequisitionResolver, StockRequisitionLineResolver, StockTransferLineResolver, StockDestructionResolver, StockDestructionLineResolver,
    StockAlertResolver, StorageResolver, StocktakeResolver, StocktakeLineResolver, ExpiryResolver, RecallOutreachResolver, CaseStockResolver, ...peopleResolvers],
  permissions: [InventoryPermission],
  jobs: [flagExpiredJob, ledgerCheckJob, excursionCheckJob],
  events: [...documentEventTypes, ...inventoryEventTypes],
  contributes: { eventHandlers: inventoryEventHandlers },
  extensions: [directIssueCustomers, stockCaseLinks],
});
