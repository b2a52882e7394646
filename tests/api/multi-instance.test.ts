import { startTestApp, takeFromSubscription, type TestApp } from '../support/app';
import { signIn } from '../support/actors';

/** Two API instances on one database: live events and revocations reach sockets on either. */
describe('several API instances', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({}, { database: a.database });
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  it('delivers a change made through one instance to subscribers on the other', async () => {
    const supervisor = await signIn(b, 'supervisor@east.demo');
    const owner = await signIn(a, 'owner@east.demo');
    const staff = await owner.graphql<{ staffUsers: { nodes: { id: string; jobTitle: string; orgUnitId: string }[] } }>('{ staffUsers(paging: { limit: 100 }) { nodes { id jobTitle orgUnitId } } }');
    const manager = staff.body.data!.staffUsers.nodes.find((s) => s.jobTitle === 'HEALTH_MANAGER')!;
    const doctor = staff.body.data!.staffUsers.nodes.find((s) => s.jobTitle === 'DOCTOR')!;

    const event = takeFromSubscription<{ createdCustomer: { name: string } }>(b.wsClient({ authorization: supervisor.headers.authorization }), { query: 'subscription { createdCustomer { name } }' }, 1);
    await new Promise((r) => setTimeout(r, 300));
    const made = await owner.graphql(`mutation($c: CustomerInput!) { createOneCustomer(input: { customer: $c }) { id } }`, {
      c: { name: '跨实例客户', age: 40, phone: '13300004444', doctorId: doctor.id, healthManagerId: manager.id, orgUnitId: manager.orgUnitId, sourceChannel: 'APP' },
    });
    expect(made.body.errors).toBeUndefined();
    const [received] = await event;
    expect(received!.data!.createdCustomer.name).toBe('跨实例客户');
  });

  it('closes a socket on one instance when its session is revoked through the other', async () => {
    const agent = await signIn(a, 'agent@east.demo');
    const socket = b.wsClient({ authorization: agent.headers.authorization });
    const closed = new Promise<number>((resolve) => socket.on('closed', (e) => resolve((e as { code: number }).code)));
    await new Promise<void>((resolve) => socket.subscribe({ query: 'subscription { serverTime(intervalSeconds: 60) { now } }' }, { next: () => resolve(), error: () => undefined, complete: () => undefined }));
    await agent.graphql('mutation { logout }');
    expect(await closed).toBe(4401);
  });
});
