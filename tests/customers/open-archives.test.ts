import { clock, inScopedTransaction, openArchives, SYSTEM_SCOPE, type CustomerInput } from '@pharmadesk/api';
import { ServiceReplay } from '@pharmadesk/seeds';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn } from '../support/actors';

/**
 * Opening archives in a batch (archives brought over from a franchise's earlier system, the demo's
 * history): the same rules as createCustomer for each, all or none, numbered in the year each was
 * opened.
 */
describe('opening archives in a batch', () => {
  let app: TestApp;
  let owner: Awaited<ReturnType<typeof signIn>>;
  let base: Omit<CustomerInput, 'name' | 'phone'>;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await signIn(app, 'owner@east.demo');
    const sample = await owner.graphql<{ customers: { nodes: { orgUnitId: string; doctorId: string; healthManagerId: string }[] } }>('{ customers(paging: { limit: 1 }) { nodes { orgUnitId doctorId healthManagerId } } }');
    base = { ...sample.body.data!.customers.nodes[0]!, birthDate: '1960-05-04', sourceChannel: 'WALK_IN' as CustomerInput['sourceChannel'] };
  });
  afterAll(() => app.stop());

  const open = (archives: { input: CustomerInput; openedAt?: Date }[]) =>
    inScopedTransaction(app.server.database.orm.em, SYSTEM_SCOPE, (em) =>
      new ServiceReplay(em, app.server.app.runtime.logger).as(owner.tokens.user.id, clock.now(), (ctx) => openArchives(ctx, archives)),
    );
  const caught = (work: Promise<unknown>) => work.then(() => null, (error: unknown) => error as { extensions: { code: string; field?: string } });

  it('numbers each archive in its franchise’s year of opening, in order, and dates its history', async () => {
    const opened = await open([
      { input: { ...base, name: '迁移甲', phone: '13900000101' }, openedAt: new Date('2025-12-31T16:30:00Z') }, // 00:30 on 1 January 2026 in Shanghai
      { input: { ...base, name: '迁移乙', phone: '13900000102' }, openedAt: new Date('2025-06-01T02:00:00Z') },
      { input: { ...base, name: '迁移丙', phone: '13900000103' }, openedAt: new Date('2025-07-01T02:00:00Z') },
    ]);
    const [a, b, c] = opened.map((customer) => customer.recordNo);
    expect(a).toMatch(/^EAST-2026-\d{6}$/);
    expect(b).toMatch(/^EAST-2025-\d{6}$/);
    expect(Number(c!.slice(-6))).toBe(Number(b!.slice(-6)) + 1);
    const timeline = await owner.graphql<{ customerTimeline: { nodes: { kind: string; occurredAt: string }[] } }>(
      'query($id: ID!) { customerTimeline(customerId: $id) { nodes { kind occurredAt } } }',
      { id: opened[1]!.id },
    );
    expect(timeline.body.data!.customerTimeline.nodes.map((n) => n.occurredAt)).toContain('2025-06-01T02:00:00.000Z');
  });

  it('refuses the whole batch, naming the archive, for a phone twice in it, on file, or a bad placement', async () => {
    const count = async () => (await owner.graphql<{ customers: { totalCount: number } }>('{ customers { totalCount } }')).body.data!.customers.totalCount;
    const before = await count();
    const twice = await caught(open([{ input: { ...base, name: '重复一', phone: '13900000201' } }, { input: { ...base, name: '重复二', phone: '139 0000 0201' } }]));
    expect(twice?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'archives.1.phone' });
    const onFile = await caught(open([{ input: { ...base, name: '新档', phone: '13900000202' } }, { input: { ...base, name: '老档', phone: '13900000101' } }]));
    expect(onFile?.extensions).toMatchObject({ code: 'CONFLICT', field: 'phone' });
    const wrongDoctor = await caught(open([{ input: { ...base, name: '医生不对', phone: '13900000203', doctorId: base.healthManagerId } }]));
    expect(wrongDoctor?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'archives.0.doctorId' });
    const future = await caught(open([{ input: { ...base, name: '未来', phone: '13900000204' }, openedAt: new Date(clock.now().getTime() + 86_400_000) }]));
    expect(future?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'archives.0.openedAt' });
    expect(await count()).toBe(before);
    // The single create keeps its field names.
    const single = await owner.graphql('mutation($c: CustomerInput!) { createOneCustomer(input: { customer: $c }) { id } }', { c: { ...base, name: '单建', phone: '13900000101' } });
    expect(errorCodes(single)).toEqual(['CONFLICT']);
  });
});
