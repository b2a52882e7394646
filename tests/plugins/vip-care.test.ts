import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { openCase } from '../cases/support';

/** vip-care: east enabled it (first response within 10 minutes), west did not. */
describe('vip-care plugin', () => {
  let app: TestApp;
  let eastOwner: Caller;
  let westOwner: Caller;

  beforeAll(async () => {
    app = await startTestApp();
    [eastOwner, westOwner] = (await Promise.all(['owner@east.demo', 'owner@west.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller];
  });
  afterAll(() => app.stop());

  async function customer(caller: Caller, vip: boolean): Promise<string> {
    const res = await caller.graphql<{ customers: { nodes: { id: string; tags: string[] }[] } }>('{ customers(paging: { limit: 200 }) { nodes { id tags } } }');
    const found = res.body.data!.customers.nodes.find((c) => c.tags.includes('vip') === vip);
    if (!found) throw new Error(`no ${vip ? 'VIP' : 'regular'} customer`);
    return found.id;
  }

  const open = async (caller: Caller, customerId: string) => {
    const c = await openCase(caller, { customerId, channel: 'ONLINE_CHAT', orgUnitId: undefined });
    const res = await caller.graphql<{ case: { queue: string; isVip: boolean; createdAt: string; slaDueAt: string; slaClocks: { kind: string; dueAt: string; calendarHours: boolean }[] } }>(
      'query($id: ID!) { case(id: $id) { queue isVip createdAt slaDueAt slaClocks { kind dueAt calendarHours } } }',
      { id: c.id },
    );
    return res.body.data!.case;
  };

  it('east: a VIP customer’s case waits in the VIP queue with a 10-minute first response around the clock', async () => {
    const c = await open(eastOwner, await customer(eastOwner, true));
    expect(c).toMatchObject({ queue: 'vip', isVip: true });
    const first = c.slaClocks.find((k) => k.kind === 'FIRST_RESPONSE')!;
    expect(first.calendarHours).toBe(false);
    expect(new Date(first.dueAt).getTime() - new Date(c.createdAt).getTime()).toBeLessThanOrEqual(10 * 60_000 + 1000);
    const overview = await eastOwner.graphql<{ vipCareOverview: { openCases: number; unassignedCases: number } }>('{ vipCareOverview { openCases unassignedCases breachedCases nextDueAt } }');
    expect(overview.body.data!.vipCareOverview.openCases).toBeGreaterThanOrEqual(1);
  });

  it('east: a regular customer’s case is unchanged (general queue)', async () => {
    expect((await open(eastOwner, await customer(eastOwner, false))).queue).toBe('general');
  });

  it('west (not enabled): a VIP customer’s case stays in the general queue under the usual policy; no VIP widget', async () => {
    const c = await open(westOwner, await customer(westOwner, true));
    expect(c).toMatchObject({ queue: 'general', isVip: true });
    const first = c.slaClocks.find((k) => k.kind === 'FIRST_RESPONSE');
    expect(first?.calendarHours).not.toBe(false);
    const overview = await westOwner.graphql('{ vipCareOverview { openCases } }');
    expect(overview.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
