import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { clock } from '@pharmadesk/api';

/** The daily care and segment jobs, run through pg-boss as in production. */
describe('customer background jobs', () => {
  let app: TestApp;
  let owner: Caller;
  beforeAll(async () => {
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    owner = await signIn(app, 'owner@east.demo');
  });
  afterAll(() => app.stop());

  it('creates birthday reminders for the health managers three days ahead, once', async () => {
    // A day whose birthdays (three days on) are certain: a known customer's birthday.
    const someone = await owner.graphql<{ customers: { nodes: { birthDate: string; healthManagerId: string }[] } }>(
      `{ customers(filter: { birthMonth: { eq: 6 } }, paging: { limit: 1 }) { nodes { birthDate healthManagerId } } }`,
    );
    const birthday = someone.body.data!.customers.nodes[0]!;
    const due = `${clock.now().getUTCFullYear()}-${birthday.birthDate.slice(5)}`;
    const today = new Date(Date.parse(`${due}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
    const TASKS = `query($d: String!) { careTasks(filter: { dueDate: { eq: $d }, kind: { eq: BIRTHDAY } }, paging: { limit: 200 }) { totalCount nodes { assigneeId status title } } }`;
    const before = (await owner.graphql<{ careTasks: { totalCount: number } }>(TASKS, { d: due })).body.data!.careTasks.totalCount;

    await app.server.jobs!.runNow('customers.birthday-reminders', { today });
    const after = await owner.graphql<{ careTasks: { totalCount: number; nodes: { assigneeId: string; status: string; title: string }[] } }>(TASKS, { d: due });
    expect(after.body.data!.careTasks.totalCount).toBeGreaterThan(before);
    expect(after.body.data!.careTasks.nodes.some((t) => t.assigneeId === birthday.healthManagerId && t.status === 'OPEN' && t.title.startsWith('生日关怀'))).toBe(true);

    await app.server.jobs!.runNow('customers.birthday-reminders', { today });
    const again = await owner.graphql<{ careTasks: { totalCount: number } }>(TASKS, { d: due });
    expect(again.body.data!.careTasks.totalCount).toBe(after.body.data!.careTasks.totalCount);
  });

  it('counts the three days on the franchise’s calendar, not UTC’s', async () => {
    // At 01:00 in Shanghai three days before a customer's birthday, UTC is still on the day
    // before: the run must remind for the birthday (UTC's date would remind a day early).
    const someone = await owner.graphql<{ customers: { nodes: { id: string; birthDate: string; birthDateEstimated: boolean }[] } }>(
      `{ customers(filter: { birthMonth: { eq: 6 } }, paging: { limit: 50 }) { nodes { id birthDate birthDateEstimated } } }`,
    );
    const customer = someone.body.data!.customers.nodes.find((c) => !c.birthDateEstimated)!;
    const birthday = `${clock.now().getUTCFullYear() + 1}-${customer.birthDate.slice(5)}`;
    const shanghaiOneAm = new Date(Date.parse(`${birthday}T01:00:00+08:00`) - 3 * 86_400_000);
    await clock.at(shanghaiOneAm, () => app.server.jobs!.runNow('customers.birthday-reminders', {}));
    const tasks = await owner.graphql<{ careTasks: { nodes: { customerId: string }[] } }>(
      `query($d: String!) { careTasks(filter: { dueDate: { eq: $d }, kind: { eq: BIRTHDAY } }, paging: { limit: 200 }) { nodes { customerId } } }`,
      { d: birthday },
    );
    expect(tasks.body.data!.careTasks.nodes.map((t) => t.customerId)).toContain(customer.id);
  });

  it('lets the health manager close a reminder, which then shows on the customer’s timeline', async () => {
    // The manager sees their own reminders: run the job three days before the birthday of one of
    // their customers, so the test does not depend on whose birthday falls near today.
    const manager = await signIn(app, 'manager@east.demo');
    const me = (await manager.graphql<{ me: { user: { id: string } } }>('{ me { user { id } } }')).body.data!.me.user;
    const mine = await owner.graphql<{ customers: { nodes: { id: string; birthDate: string; birthDateEstimated: boolean }[] } }>(
      `query($m: ID!) { customers(filter: { healthManagerId: { eq: $m }, status: { eq: ACTIVE } }, paging: { limit: 50 }) { nodes { id birthDate birthDateEstimated } } }`,
      { m: me.id },
    );
    const customer = mine.body.data!.customers.nodes.find((c) => !c.birthDateEstimated && c.birthDate.slice(5) !== '02-29')!;
    const year = clock.now().getUTCFullYear();
    const today = new Date(Date.parse(`${year}-${customer.birthDate.slice(5)}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
    await app.server.jobs!.runNow('customers.birthday-reminders', { today });
    const tasks = await manager.graphql<{ careTasks: { nodes: { id: string; customerId: string }[] } }>(
      `{ careTasks(filter: { status: { eq: OPEN } }, paging: { limit: 200 }) { nodes { id customerId } } }`,
    );
    const task = tasks.body.data!.careTasks.nodes.find((t) => t.customerId === customer.id)!;
    expect(task).toBeDefined();
    const done = await manager.graphql(`mutation($id: ID!) { completeCareTask(input: { id: $id, status: DONE, outcome: "已电话祝福" }) { status } }`, { id: task.id });
    expect(done.body.data).toEqual({ completeCareTask: { status: 'DONE' } });
    const timeline = await manager.graphql<{ customerTimeline: { nodes: { kind: string; summary: string }[] } }>(`query($id: ID!) { customerTimeline(customerId: $id, kinds: ["care"]) { nodes { kind summary } } }`, { id: task.customerId });
    expect(timeline.body.errors).toBeUndefined();
    expect(timeline.body.data!.customerTimeline.nodes[0]).toEqual({ kind: 'care', summary: '已电话祝福' });
    const twice = await manager.graphql(`mutation($id: ID!) { completeCareTask(input: { id: $id, status: DONE }) { status } }`, { id: task.id });
    expect(twice.body.errors![0]!.extensions!.code).toBe('CONFLICT');
  });

  it('recomputes segments nightly (and on demand)', async () => {
    await app.server.jobs!.runNow('customers.recompute-segments');
    const segments = await owner.graphql<{ customerSegments: { segment: string; customers: number }[] }>('{ customerSegments { segment customers } }');
    const bySegment = Object.fromEntries(segments.body.data!.customerSegments.map((s) => [s.segment, s.customers]));
    expect(bySegment.CHAMPION).toBeGreaterThan(0);
    expect((bySegment.NO_PURCHASE ?? 0) + (bySegment.NEW ?? 0)).toBeGreaterThan(0);
    const updated = await owner.graphql<{ recomputeCustomerSegments: number }>('mutation { recomputeCustomerSegments }');
    expect(updated.body.data!.recomputeCustomerSegments).toBeGreaterThan(250);
  });
});
