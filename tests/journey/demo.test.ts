import { startTestApp, type TestApp } from '../support/app';
import { signIn } from '../support/actors';
import { must } from '../inventory/support';

jest.setTimeout(180_000);

const STATES = ['PRESCRIBED', 'SAMPLING', 'SAMPLE_REJECTED', 'TESTING', 'REPORT_RECEIVED', 'UNDER_REVIEW', 'RELEASED', 'IN_PRODUCTION', 'READY', 'DELIVERED', 'INTERPRETED', 'CANCELLED'];

/** The demo's service journey (seeds/src/demo/journey.ts), seeded relative to the clock, through the services. */
describe('demo service journey', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  }, 180_000);
  afterAll(() => app.stop());

  it('each franchise has customers at every step of the journey, one overdue, consultation records, ratings and a prescription turned into an order', async () => {
    for (const key of ['east', 'west']) {
      // The consulting department sees the whole franchise's test orders; the doctor their own.
      const consulting = await signIn(app, `consulting@${key}.demo`);
      const orders = (await must<{ testOrders: { nodes: { state: string; reportOverdue: boolean; labFiles: { url: string }[]; steps: { actorId: string | null }[] }[] } }>(consulting, '{ testOrders(paging: { limit: 100 }) { nodes { state reportOverdue labFiles { url } steps { actorId } } } }')).testOrders.nodes;
      expect([...new Set(orders.map((o) => o.state))].sort()).toEqual([...STATES].sort());
      expect(orders.some((o) => o.state === 'SAMPLING' && o.reportOverdue)).toBe(true);
      expect(orders.find((o) => o.state === 'UNDER_REVIEW')!.labFiles).toHaveLength(1);
      // The store customers behind them (the consulting department works at the branch center) are named
      // on its orders and their archives open; a store customer without a test order stays out of reach.
      const named = (await must<{ testOrders: { nodes: { customerId: string; customer: { name: string } | null }[] } }>(consulting, '{ testOrders(paging: { limit: 100 }) { nodes { customerId customer { name } } } }')).testOrders.nodes;
      expect(named.filter((o) => !o.customer)).toEqual([]);
      expect((await must<{ customer: { id: string } | null }>(consulting, 'query($id: ID!) { customer(id: $id) { id } }', { id: named[0]!.customerId })).customer).not.toBeNull();
      const owner = await signIn(app, `owner@${key}.demo`);
      const tested = new Set(named.map((o) => o.customerId));
      const storeCustomers = (await must<{ customers: { nodes: { id: string; orgUnitId: string }[] } }>(owner, '{ customers(paging: { limit: 200 }) { nodes { id orgUnitId } } }')).customers.nodes;
      const consultingUnit = (await must<{ me: { scope: { orgUnit: { id: string } } } }>(consulting, '{ me { scope { orgUnit { id } } } }')).me.scope.orgUnit.id;
      const untested = storeCustomers.find((c) => !tested.has(c.id) && c.orgUnitId !== consultingUnit)!;
      expect((await must<{ customer: { id: string } | null }>(consulting, 'query($id: ID!) { customer(id: $id) { id } }', { id: untested.id })).customer).toBeNull();
      const doctor = await signIn(app, `doctor@${key}.demo`);
      expect((await must<{ testOrders: { totalCount: number } }>(doctor, '{ testOrders { totalCount } }')).testOrders.totalCount).toBe(orders.length);

      const doctor2 = await signIn(app, `doctor2@${key}.demo`);
      const me = (await must<{ me: { user: { id: string } } }>(doctor2, '{ me { user { id } } }')).me.user.id;
      const visits = (await must<{ appointments: { nodes: { customerId: string; status: string }[] } }>(doctor2, 'query($d: ID!) { appointments(filter: { doctorId: { eq: $d }, status: { eq: COMPLETED } }, paging: { limit: 50 }) { nodes { customerId status } } }', { d: me })).appointments.nodes;
      if (visits.length) {
        const records = (await must<{ consultationRecords: { doctorId: string }[] }>(doctor2, 'query($c: ID!) { consultationRecords(customerId: $c) { doctorId } }', { c: visits[0]!.customerId })).consultationRecords;
        expect(records.some((r) => r.doctorId === me)).toBe(true);
        const rating = (await must<{ practitionerProfile: { ratings: { count: number; average: number | null } } }>(doctor2, 'query($d: ID!) { practitionerProfile(doctorId: $d) { ratings { count average } } }', { d: me })).practitionerProfile.ratings;
        expect(rating.count).toBeGreaterThan(0);
        const prescriptions = (await must<{ prescriptions: { orderId: string | null }[] }>(doctor2, 'query($c: ID!) { prescriptions(customerId: $c) { orderId } }', { c: visits[0]!.customerId })).prescriptions;
        expect(prescriptions.some((p) => p.orderId)).toBe(true);
      }
    }
  });
});
