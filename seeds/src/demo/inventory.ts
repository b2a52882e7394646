import {
  adjustStock,
  createRequisition,
  Customer,
  decideRequisition,
  openStocktake,
  pickRequisition,
  RecallContact,
  RecallContactStatus,
  recordCounts,
  recordOutcome,
  recordReadings,
  requestDestruction,
  shipRequisition,
  startOutreach,
  StocktakeLine,
  submitStocktake,
  BatchStatus,
  clock,
  createProduct,
  createPurchaseRequest,
  decidePurchaseRequest,
  createStaff,
  createSupplier,
  createWarehouse,
  createZone,
  holdBatch,
  issueReservation,
  JobTitle,
  OrgUnit,
  OrgUnitKind,
  placeSupplierOrder,
  ProductCategory,
  recallBatch,
  receiveStock,
  recordArrival,
  reserveStock,
  StaffUser,
  StorageClass,
  submitPurchaseRequest,
  syncRoleTemplates,
} from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, DEMO_PASSWORD, type DemoOrganization } from './organization';

const DAY = 86_400_000;

interface ProductSpec {
  code: string;
  genericName: string;
  brandName?: string;
  specification: string;
  dosageForm: string;
  unit: string;
  category: ProductCategory;
  storageClass: StorageClass;
  shelfLifeDays: number;
  approvalNumber?: string;
  priceCents: number;
}

const { PRESCRIPTION: RX, OTC, SUPPLEMENT } = ProductCategory;
const { NORMAL, COLD } = StorageClass;

/** HQ's shared catalog: chronic-disease drugs, cold-chain insulin and probiotics, OTC and nutrition products. */
const PRODUCTS: ProductSpec[] = [
  { code: 'AMX', genericName: '阿莫西林胶囊', brandName: '阿莫仙', specification: '0.25g×24粒', dosageForm: '胶囊剂', unit: '盒', category: RX, storageClass: NORMAL, shelfLifeDays: 730, approvalNumber: '国药准字H44021351', priceCents: 1250 },
  { code: 'NIF', genericName: '硝苯地平控释片', brandName: '拜新同', specification: '30mg×7片', dosageForm: '片剂', unit: '盒', category: RX, storageClass: NORMAL, shelfLifeDays: 1095, approvalNumber: '国药准字J20180029', priceCents: 3380 },
  { code: 'MET', genericName: '盐酸二甲双胍缓释片', brandName: '格华止', specification: '0.5g×30片', dosageForm: '片剂', unit: '盒', category: RX, storageClass: NORMAL, shelfLifeDays: 1095, approvalNumber: '国药准字H20023370', priceCents: 2860 },
  { code: 'ATV', genericName: '阿托伐他汀钙片', brandName: '立普妥', specification: '20mg×7片', dosageForm: '片剂', unit: '盒', category: RX, storageClass: NORMAL, shelfLifeDays: 1095, approvalNumber: '国药准字H20051408', priceCents: 4120 },
  { code: 'INS', genericName: '重组人胰岛素注射液', brandName: '诺和灵R', specification: '3ml:300IU', dosageForm: '注射剂', unit: '支', category: RX, storageClass: COLD, shelfLifeDays: 900, approvalNumber: '国药准字J20140120', priceCents: 6850 },
  { code: 'GLA', genericName: '甘精胰岛素注射液', brandName: '来得时', specification: '3ml:300单位', dosageForm: '注射剂', unit: '支', category: RX, storageClass: COLD, shelfLifeDays: 900, approvalNumber: '国药准字J20140052', priceCents: 18900 },
  { code: 'BIF', genericName: '双歧杆菌三联活菌胶囊', brandName: '培菲康', specification: '210mg×24粒', dosageForm: '胶囊剂', unit: '盒', category: OTC, storageClass: COLD, shelfLifeDays: 540, approvalNumber: '国药准字S10950032', priceCents: 2650 },
  { code: 'IBU', genericName: '布洛芬缓释胶囊', brandName: '芬必得', specification: '0.3g×20粒', dosageForm: '胶囊剂', unit: '盒', category: OTC, storageClass: NORMAL, shelfLifeDays: 1095, approvalNumber: '国药准字H10900089', priceCents: 2280 },
  { code: 'LOR', genericName: '氯雷他定片', brandName: '开瑞坦', specification: '10mg×6片', dosageForm: '片剂', unit: '盒', category: OTC, storageClass: NORMAL, shelfLifeDays: 1095, approvalNumber: '国药准字H10970410', priceCents: 1980 },
  { code: 'DSP', genericName: '复方丹参滴丸', specification: '27mg×180丸', dosageForm: '滴丸剂', unit: '瓶', category: OTC, storageClass: NORMAL, shelfLifeDays: 1095, approvalNumber: '国药准字Z10950111', priceCents: 3500 },
  { code: 'VTC', genericName: '维生素C片', specification: '100mg×100片', dosageForm: '片剂', unit: '瓶', category: OTC, storageClass: NORMAL, shelfLifeDays: 730, approvalNumber: '国药准字H33020860', priceCents: 450 },
  { code: 'PRO', genericName: '乳清蛋白粉', brandName: '汤臣倍健', specification: '400g', dosageForm: '粉剂', unit: '罐', category: SUPPLEMENT, storageClass: NORMAL, shelfLifeDays: 730, priceCents: 19800 },
  { code: 'FSO', genericName: '深海鱼油软胶囊', specification: '1000mg×100粒', dosageForm: '软胶囊', unit: '瓶', category: SUPPLEMENT, storageClass: NORMAL, shelfLifeDays: 730, priceCents: 12800 },
];

const SUPPLIERS = [
  { name: '国药控股上海有限公司', licenseNo: '沪AA0210001', contactName: '张立', phone: '021-63210000', address: '上海市黄浦区龙华东路 385 号' },
  { name: '九州通医药集团股份有限公司', licenseNo: '鄂AA0270002', contactName: '王强', phone: '027-84680000', address: '武汉市汉阳区龙兴西街 5 号' },
  { name: '华润医药商业集团有限公司', licenseNo: '京AA0100003', contactName: '李娜', phone: '010-65250000', address: '北京市东城区东四北大街 107 号' },
];

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The lot of 复方丹参滴丸 HQ distributed to both franchises and later recalls. */
const RECALLED_LOT = { code: 'DSP', lotNo: 'DSP2403A07', madeDaysAgo: 260 };
/** Each product's first delivery; the recalled lot arrives with it. */
const firstDelivery = (quantity: () => number, madeDaysAgo: number) =>
  PRODUCTS.map((p) => (p.code === RECALLED_LOT.code ? { ...RECALLED_LOT, quantity: quantity() } : { code: p.code, quantity: quantity(), madeDaysAgo }));

/**
 * Warehouses and stock for HQ and both franchises, through the inventory services: the shared
 * catalog and suppliers, a central, franchise and branch-center warehouse each with a normal and
 * a cold zone, months of receipts (lots with their dates), shipments for orders, a breakage
 * correction, a quarantined lot, near-expiry and expired lots, and an HQ recall of one lot.
 * Warehouse staff (keepers, HQ's product manager and purchasing approver) join here.
 */
export const inventorySeeder: Seeder = {
  name: 'inventory',
  async run({ em, rng, shared, logger }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const now = clock.now();
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
    const replay = new ServiceReplay(em, logger);
    const admin = (await em.findOneOrFail(StaffUser, { email: 'admin@hq.demo' })).id;
    const setupAt = daysAgo(200);
    const roles = await syncRoleTemplates(em);
    const branchOf = async (franchiseId: string) => (await em.findOneOrFail(OrgUnit, { franchiseId, kind: OrgUnitKind.BRANCH_CENTER })).id;

    const staff = async (email: string, displayName: string, orgUnitId: string, template: string) =>
      (await replay.as(admin, setupAt, (ctx) => createStaff(ctx, { email, displayName, orgUnitId, jobTitle: JobTitle.OTHER, roleIds: [roles.get(template)!.id], password: DEMO_PASSWORD }))).id;
    const productManager = await staff('products@hq.demo', '钱慧敏', organization.hq.id, 'product_manager');
    const approver = await staff('purchasing@hq.demo', '蒋文博', organization.hq.id, 'purchasing_approver');
    const hqKeeper = await staff('warehouse@hq.demo', '沈国栋', organization.hq.id, 'warehouse_keeper');

    const products = new Map<string, string>();
    for (const { code, ...spec } of PRODUCTS) products.set(code, (await replay.as(productManager, setupAt, (ctx) => createProduct(ctx, { ...spec, barcode: `69${rng.digits(11)}`, shared: true }))).id);
    const suppliers: string[] = [];
    for (const supplier of SUPPLIERS) suppliers.push((await replay.as(productManager, setupAt, (ctx) => createSupplier(ctx, { ...supplier, shared: true }))).id);

    /** A warehouse with a normal and a cold zone, opened by `by`. */
    const warehouse = async (by: string, orgUnitId: string, code: string, name: string, address: string | null, responsibleStaffId: string | null = null): Promise<Place> => {
      const opened = await replay.as(by, setupAt, (ctx) => createWarehouse(ctx, { orgUnitId, code, name, address, responsibleStaffId }));
      const zone = (zoneCode: string, zoneName: string, storageClass: StorageClass) =>
        replay.as(by, setupAt, (ctx) => createZone(ctx, { warehouseId: opened.id, code: zoneCode, name: zoneName, storageClass }));
      const cold = await zone('C', '冷藏区（2–8℃）', COLD);
      return { id: opened.id, normal: (await zone('A', '常温区', NORMAL)).id, cold: cold.id, coldLimits: [Number(cold.temperatureMin), Number(cold.temperatureMax)] };
    };

    let slip = 0;
    /** One inbound slip: a lot per product, made `madeDaysAgo` and expiring after its shelf life unless `expiresInDays` says otherwise. */
    const receive = async (by: string, place: Place, prefix: string, at: Date, lines: { code: string; quantity: number; madeDaysAgo: number; expiresInDays?: number; lotNo?: string }[]) => {
      slip += 1;
      const documentNo = `${prefix}-RK-${isoDay(at).replaceAll('-', '')}-${String(slip).padStart(3, '0')}`;
      await replay.as(by, at, (ctx) =>
        receiveStock(ctx, {
          warehouseId: place.id,
          documentNo,
          supplierId: rng.pick(suppliers),
          lines: lines.map(({ code, quantity, madeDaysAgo, expiresInDays, lotNo }) => {
            const spec = PRODUCTS.find((p) => p.code === code)!;
            const made = daysAgo(madeDaysAgo);
            const expiry = expiresInDays === undefined ? new Date(made.getTime() + spec.shelfLifeDays * DAY) : new Date(now.getTime() + expiresInDays * DAY);
            return { productId: products.get(code)!, zoneId: spec.storageClass === COLD ? place.cold : place.normal, lotNo: lotNo ?? `${code}${isoDay(made).replaceAll('-', '').slice(2)}${rng.digits(2)}`, manufactureDate: isoDay(made), expiryDate: isoDay(expiry), quantity };
          }),
        }),
      );
    };

    const central = await warehouse(admin, organization.hq.id, 'HQ-CW', '总部中心仓', '上海市浦东新区康桥东路 298 号');
    await receive(hqKeeper, central, 'HQ', daysAgo(180), firstDelivery(() => rng.int(200, 600), 200));
    await receive(hqKeeper, central, 'HQ', daysAgo(40), PRODUCTS.map((p) => ({ code: p.code, quantity: rng.int(100, 400), madeDaysAgo: 60 })));
    // Insulin restocking: requested, approved and ordered last week, arrived today, waiting for the joint inspection.
    let purchase = await replay.as(productManager, daysAgo(6), (ctx) =>
      createPurchaseRequest(ctx, { warehouseId: central.id, supplierId: suppliers[0], note: '胰岛素季度补货', lines: ['INS', 'GLA', 'AMX'].map((c) => ({ productId: products.get(c)!, quantity: c === 'AMX' ? 300 : 120 })) }),
    );
    purchase = await replay.as(productManager, daysAgo(6), (ctx) => submitPurchaseRequest(ctx, { id: purchase.id, version: purchase.version }));
    purchase = await replay.as(approver, daysAgo(5), (ctx) => decidePurchaseRequest(ctx, { id: purchase.id, version: purchase.version, note: '同意，冷链到货当日验收' }, true));
    purchase = await replay.as(productManager, daysAgo(5), (ctx) => placeSupplierOrder(ctx, { id: purchase.id, version: purchase.version, supplierOrderNo: `GY-PO-${rng.digits(8)}`, expectedDate: isoDay(daysAgo(0)) }));
    await replay.as(hqKeeper, daysAgo(0.1), (ctx) => recordArrival(ctx, { id: purchase.id, version: purchase.version, note: '冷藏箱到货温度 4℃' }));

    const places: { key: string; code: string; owner: string; keeper: string; main: Place; branch: Place }[] = [];
    for (const { key, franchise } of organization.franchises) {
      const owner = (await em.findOneOrFail(StaffUser, { email: `owner@${key}.demo` })).id;
      const code = key.toUpperCase();
      const branchId = await branchOf(franchise.id);
      // The keeper works at the franchise: both its warehouses are in reach.
      const keeper = await staff(`warehouse@${key}.demo`, key === 'east' ? '陆建平' : '曾晓东', franchise.id, 'warehouse_keeper');
      const main = await warehouse(owner, franchise.id, `${code}-DC`, `${franchise.name}配送中心仓`, franchise.address ?? null, keeper);
      const branch = await warehouse(owner, branchId, `${code}-HC`, key === 'east' ? '上海健康分中心库房' : '成都健康分中心库房', null);

      // Months of receipts: a main delivery, a top-up, and short-dated or expired stock to act on.
      await receive(keeper, main, code, daysAgo(150), firstDelivery(() => rng.int(60, 160), 170));
      await receive(keeper, main, code, daysAgo(30), PRODUCTS.filter(() => rng.int(0, 1) === 1).map((p) => ({ code: p.code, quantity: rng.int(20, 80), madeDaysAgo: 45 })));
      await receive(keeper, main, code, daysAgo(120), [
        { code: 'VTC', quantity: 40, madeDaysAgo: 700, expiresInDays: 25 },
        { code: 'BIF', quantity: 30, madeDaysAgo: 480, expiresInDays: 55 },
        { code: 'IBU', quantity: 24, madeDaysAgo: 1000, expiresInDays: 80 },
        { code: 'AMX', quantity: 12, madeDaysAgo: 740, expiresInDays: -10 },
      ]);
      await receive(keeper, branch, `${code}-HC`, daysAgo(90), ['MET', 'ATV', 'INS', 'FSO', 'PRO'].map((c) => ({ code: c, quantity: rng.int(20, 60), madeDaysAgo: 100 })));

      // Shipments for orders (first expiry first), and a few still waiting to ship.
      for (let i = 0; i < 12; i++) {
        const at = daysAgo(rng.int(2, 100));
        const lines = rng.sample(['NIF', 'MET', 'ATV', 'INS', 'DSP', 'LOR', 'FSO'], rng.int(1, 3)).map((c) => ({ lineId: rng.uuid(), productId: products.get(c)!, quantity: rng.int(1, 6) }));
        const reservations = await replay.as(keeper, at, (ctx) => reserveStock(ctx, { warehouseId: main.id, documentType: 'ORDER', documentId: rng.uuid(), lines }));
        if (i < 9) for (const r of reservations) await replay.as(keeper, new Date(at.getTime() + 3 * 3_600_000), (ctx) => issueReservation(ctx, { id: r.id, documentNo: `${code}-CK-${rng.digits(6)}` }));
      }
      // Breakage found on a shelf, and a cold-chain lot quarantined after a delivery arrived warm.
      const [breakage] = await em.execute<{ batch_id: string; zone_id: string }[]>(
        `select batch_id, zone_id from stock_balance where warehouse_id = ? and zone_id = ? and on_hand > 5 order by batch_id limit 1`,
        [main.id, main.normal],
      );
      if (breakage) await replay.as(keeper, daysAgo(20), (ctx) => adjustStock(ctx, { warehouseId: main.id, zoneId: breakage.zone_id, batchId: breakage.batch_id, quantity: -2, reason: '货架跌落，外包装破损两盒' }));
      const [warmLot] = await em.execute<{ batch_id: string }[]>(`select batch_id from stock_balance where warehouse_id = ? and zone_id = ? order by batch_id limit 1`, [branch.id, branch.cold]);
      if (warmLot) await replay.as(keeper, daysAgo(5), (ctx) => holdBatch(ctx, { id: warmLot.batch_id, status: BatchStatus.QUARANTINED, reason: '到货时冷藏箱温度 11℃，待质量部评估' }));
      places.push({ key, code, owner, keeper, main, branch });
    }

    // Work in progress in each franchise: the recalled lot sold over the counter to a few customers
    // before the recall, a requisition, a destruction waiting for approval, a count sheet, a week of readings.
    const started = Date.now();
    for (const place of places) await workInProgress(place);

    // HQ recalls the lot of 复方丹参滴丸 after the manufacturer's notice: blocked everywhere at once.
    const recall = await replay.as(productManager, daysAgo(3), (ctx) => recallBatch(ctx, { productId: products.get(RECALLED_LOT.code)!, lotNo: RECALLED_LOT.lotNo, reason: '生产企业主动召回：该批次溶散时限检验不合格' }));
    // Each franchise started calling those who received it: some reached, one brought it back, one not reachable.
    for (const { key, owner } of places) {
      await replay.as(owner, daysAgo(2.9), (ctx) => startOutreach(ctx, { recallId: recall.id }));
      const agent = (await em.findOneOrFail(StaffUser, { email: `agent@${key}.demo` })).id;
      const contacts = await em.find(RecallContact, { recallId: recall.id, franchiseId: (await em.findOneOrFail(StaffUser, { id: owner })).franchiseId }, { orderBy: { customerId: 'asc', documentNo: 'asc' } });
      const outcomes: [RecallContactStatus, string][] = [
        [RecallContactStatus.RETURNED, '客户已停用，送回门店'],
        [RecallContactStatus.CONTACTED, '已电话告知停用，约定下周送回'],
        [RecallContactStatus.UNREACHABLE, '电话三次未接，已发短信'],
      ];
      for (const [i, [status, note]] of outcomes.entries()) {
        const contact = contacts[i];
        if (contact) await replay.as(agent, daysAgo(2 - i * 0.5), (ctx) => recordOutcome(ctx, { id: contact.id, version: contact.version, status, note }));
      }
    }
    logger.info({ ms: Date.now() - started }, 'stock work in progress and recall outreach seeded');

    /** What a franchise's warehouses are in the middle of (all through the services). */
    async function workInProgress({ key, code, owner, keeper, main, branch }: (typeof places)[number]) {
      // Over-the-counter sales of the lot later recalled: its recipients are known customers.
      const customers = (await em.find(Customer, { franchiseId: (await em.findOneOrFail(StaffUser, { id: owner })).franchiseId }, { orderBy: { recordNo: 'asc' }, limit: 20 })).filter((c) => !c.tags.includes('vip')).slice(0, 3);
      for (const [i, customer] of customers.entries()) {
        const at = daysAgo(12 - i * 2);
        const [reservation] = await replay.as(keeper, at, (ctx) => reserveStock(ctx, { warehouseId: main.id, documentType: 'CUSTOMER', documentId: customer.id, lines: [{ lineId: rng.uuid(), productId: products.get(RECALLED_LOT.code)!, quantity: i + 1 }] }));
        if (reservation) await replay.as(keeper, at, (ctx) => issueReservation(ctx, { id: reservation.id, documentNo: `${code}-LS-${isoDay(at).replaceAll('-', '')}-${i + 1}` }));
      }

      // The branch center asked for chronic-disease drugs: east's is on the road, west's waits for approval.
      let requisition = await replay.as(keeper, daysAgo(2), (ctx) =>
        createRequisition(ctx, { fromWarehouseId: main.id, toWarehouseId: branch.id, note: '分中心慢病用药月度要货', lines: ['MET', 'NIF', 'ATV'].map((c, i) => ({ productId: products.get(c)!, quantity: 6 + i * 2 })) }),
      );
      if (key === 'east') {
        requisition = await replay.as(owner, daysAgo(1.9), (ctx) => decideRequisition(ctx, { id: requisition.id, version: requisition.version, note: '同意' }, true));
        requisition = await replay.as(keeper, daysAgo(1.2), (ctx) => pickRequisition(ctx, { id: requisition.id, version: requisition.version }));
        await replay.as(keeper, daysAgo(1), (ctx) => shipRequisition(ctx, { id: requisition.id, version: requisition.version, outboundSlipNo: `${code}-CK-DB-0001` }));
      }

      // The franchise asked HQ's central warehouse for insulin and chronic-disease drugs: HQ approved,
      // picked and shipped its leg; the franchise's inbound leg is on the road, to be received.
      const inbound = await replay.as(keeper, daysAgo(3), (ctx) =>
        createRequisition(ctx, { fromWarehouseId: central.id, toWarehouseId: main.id, note: '向总部申请调拨：胰岛素与慢病用药', lines: ['INS', 'MET', 'NIF'].map((c, i) => ({ productId: products.get(c)!, quantity: 20 + i * 10 })) }),
      );
      const [hqLeg] = await em.execute<{ id: string; version: number }[]>('select id, version from stock_requisition where id = ?', [inbound.counterpartId]);
      let outbound = await replay.as(approver, daysAgo(2.8), (ctx) => decideRequisition(ctx, { id: hqLeg!.id, version: hqLeg!.version, note: '同意调拨' }, true));
      outbound = await replay.as(hqKeeper, daysAgo(2.5), (ctx) => pickRequisition(ctx, { id: outbound.id, version: outbound.version }));
      await replay.as(hqKeeper, daysAgo(2), (ctx) => shipRequisition(ctx, { id: outbound.id, version: outbound.version, outboundSlipNo: `HQ-CK-DB-${code}-0001` }));

      // The expired lot waits for the owner's approval to be destroyed.
      const [expired] = await em.execute<{ batch_id: string; zone_id: string; on_hand: number }[]>(
        `select b.batch_id, b.zone_id, b.on_hand from stock_balance b join batch t on t.id = b.batch_id where b.warehouse_id = ? and t.expiry_date < ? and b.on_hand > 0 order by t.expiry_date limit 1`,
        [main.id, isoDay(now)],
      );
      if (expired) await replay.as(keeper, daysAgo(1), (ctx) => requestDestruction(ctx, { warehouseId: main.id, reason: '药品已过效期，申请销毁', lines: [{ batchId: expired.batch_id, zoneId: expired.zone_id, quantity: expired.on_hand }] }));

      // A blind count of the branch center's normal zone: east's is half counted with a shortage,
      // west's is counted and submitted for review (a difference under the recount threshold).
      const sheet = await replay.as(owner, daysAgo(0.3), (ctx) => openStocktake(ctx, { warehouseId: branch.id, zoneId: branch.normal, blind: true, recountThreshold: key === 'east' ? 0 : 3 }));
      const lines = await em.find(StocktakeLine, { stocktakeId: sheet.id }, { orderBy: { id: 'asc' } });
      const counted = (key === 'east' ? lines.slice(0, Math.ceil(lines.length / 2)) : lines).map((l, i) => ({ lineId: l.id, quantity: i === 0 ? Math.max(0, l.bookQuantity - 1) : l.bookQuantity }));
      if (counted.length) await replay.as(keeper, daysAgo(0.2), (ctx) => recordCounts(ctx, { stocktakeId: sheet.id, counts: counted }));
      if (key !== 'east') {
        const [{ version }] = await em.execute<[{ version: number }]>('select version from stocktake where id = ?', [sheet.id]);
        await replay.as(keeper, daysAgo(0.15), (ctx) => submitStocktake(ctx, { id: sheet.id, version }));
      }

      // Three days of sensor readings every half hour; east's cold room warmed up for an hour this morning
      // (the zone is held, a case went to the keeper), then cooled down again; nobody has released it yet.
      const [low, high] = main.coldLimits;
      const warm: [number, number] | null = key === 'east' ? [now.getTime() - 5 * 3_600_000, now.getTime() - 3.9 * 3_600_000] : null;
      const readings = (zoneId: string, center: number, spread: number, out?: (t: number) => boolean) =>
        Array.from({ length: 3 * 48 }, (_, i) => {
          const t = now.getTime() - (3 * 48 - i) * 1_800_000;
          const wave = Math.sin(i / 7) * spread;
          return { zoneId, recordedAt: new Date(t), sensorId: `${code}-${zoneId === main.cold ? 'COLD' : 'AMB'}-01`, temperature: Math.round((out?.(t) ? high + 3.5 + wave : center + wave) * 10) / 10, humidity: Math.round((58 + Math.cos(i / 5) * 6) * 10) / 10 };
        });
      const cold = readings(main.cold, (low + high) / 2, (high - low) / 4, warm ? (t) => t >= warm[0] && t <= warm[1] : undefined);
      const normal = readings(main.normal, 22.5, 1.2);
      const split = warm ? cold.findIndex((r) => r.recordedAt.getTime() > warm[1]) : cold.length;
      await replay.as(keeper, new Date(warm ? warm[1] : now.getTime()), (ctx) => recordReadings(ctx, [...cold.slice(0, split), ...normal.filter((r) => !warm || r.recordedAt.getTime() <= warm[1])]));
      if (warm) await replay.as(keeper, now, (ctx) => recordReadings(ctx, [...cold.slice(split), ...normal.filter((r) => r.recordedAt.getTime() > warm[1])]));
    }
  },
};

type Place = { id: string; normal: string; cold: string; coldLimits: [number, number] };
