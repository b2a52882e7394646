import { Migration } from '@mikro-orm/migrations';

/** Requisitions: transfers from HQ’s central warehouse as two legs (HQ’s outbound, the franchise’s inbound), linked, each in its own tenant. */
export class Migration20261130115814_requisition_transfer_legs extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "stock_requisition" add column "leg" text check ("leg" in ('INTERNAL', 'OUTBOUND', 'INBOUND')) not null default 'INTERNAL', add column "counterpart_id" uuid null, add column "counterpart_franchise_id" uuid null, add column "from_warehouse_name" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "stock_requisition" drop column "leg", drop column "counterpart_id", drop column "counterpart_franchise_id", drop column "from_warehouse_name";`);
  }

}
