import { startTestApp, type TestApp } from '../support/app';
import { signIn, type Caller } from '../support/actors';
import { caseAction, openCase } from '../cases/support';
import { disablePlugin, enablePlugin, franchiseIds, investigatingComplaint, must } from './support';
import { seenEvents } from './fixtures/rival-approval';

const PLUGINS = 'refund-approval,pharmacist-review,vip-care,./tests/plugins/fixtures/rival-approval';

/**
 * Turning plugins on and off per franchise at run time: two API instances on one
 * database, no restart; options validated; owners only where HQ allows; conflicts and
 * plugins still in use refused; audited.
 */
describe('plugin enablement', () => {
  let a: TestApp;
  let b: TestApp;
  let hq: Caller;
  let ids: { east: string; west: string };

  beforeAll(async () => {
    // Event handlers run as pg-boss jobs fed from the outbox: one instance works the queues.
    a = await startTestApp({ PLUGINS, JOBS_ENABLED: 'true' });
    b = await startTestApp({ PLUGINS }, { database: a.database });
    hq = await signIn(a, 'admin@hq.demo');
    ids = await franchiseIds(hq);
    // Two instances with their demo data start in seconds alone, and past 30 s on a machine running other suites.
  }, 180_000);
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  it('lists the installed plugins with their options and enablements', async () => {
    const res = await hq.graphql<{ installedPlugins: { name: string; options: { name: string; required: boolean }[]; enablements: { franchiseId: string; enabled: boolean }[] }[] }>(
      '{ installedPlugins { name version compatibility permissions roleTemplates workflows adminModule options { name type required default min max values } enablements { franchiseId enabled options } } }',
    );
    const byName = Object.fromEntries(res.body.data!.installedPlugins.map((p) => [p.name, p]));
    expect(Object.keys(byName)).toEqual(['refund-approval', 'pharmacist-review', 'vip-care', 'rival-approval']);
    expect(byName['refund-approval']!.options).toEqual([expect.objectContaining({ name: 'threshold', required: true })]);
    expect(byName['refund-approval']!.enablements).toEqual([expect.objectContaining({ franchiseId: ids.east, enabled: true })]);
  });

  it('takes effect on the next request, on every instance, without a restart', async () => {
    const westAgentOnB = await signIn(b, 'agent@west.demo');
    const open = async () => {
      const c = await investigatingComplaint(westAgentOnB, openCase);
      return (await caseAction(westAgentOnB, 'proposeSolution', { id: c.id, solutionType: 'REFUND', solutionAmount: 300, solutionNote: '退款' })).data!.state;
    };
    expect(await open()).toBe('SOLUTION_PROPOSED');
    const enabled = await enablePlugin(hq, ids.west, 'refund-approval', { threshold: 200 });
    expect(enabled.body.data!.enablePlugin).toMatchObject({ enabled: true, options: { threshold: 200 } });
    expect(await open()).toBe('AWAITING_REFUND_APPROVAL');
    const me = await westAgentOnB.graphql<{ me: { enabledPlugins: string[] } }>('{ me { enabledPlugins } }');
    expect(me.body.data!.me.enabledPlugins.sort()).toEqual(['pharmacist-review', 'refund-approval']);

    // Disabling is refused while a west case waits in the plugin's state...
    const busy = await disablePlugin(hq, ids.west, 'refund-approval');
    expect(busy.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PLUGIN_IN_USE' });
    expect(busy.body.errors![0]!.message).toMatch(/AWAITING_REFUND_APPROVAL/);
    const westSupervisor = await signIn(b, 'supervisor@west.demo');
    const waiting = await westSupervisor.graphql<{ refundApprovals: { nodes: { caseId: string }[] } }>('{ refundApprovals(filter: { status: { eq: PENDING } }) { nodes { caseId } } }');
    for (const { caseId } of waiting.body.data!.refundApprovals.nodes) await must(westSupervisor, 'transitionCase', { id: caseId, action: 'reject_refund', fields: { reason: '重新协商' } });
    // ...and allowed once none is left; the next proposal is unchanged again.
    expect((await disablePlugin(hq, ids.west, 'refund-approval')).body.data!.disablePlugin.enabled).toBe(false);
    expect(await open()).toBe('SOLUTION_PROPOSED');

    const audit = await hq.graphql<{ auditLogs: { nodes: { operation: string }[] } }>(`{ auditLogs(filter: { operation: { in: ["enablePlugin", "disablePlugin"] } }, paging: { limit: 50 }) { nodes { operation } } }`);
    expect(audit.body.data!.auditLogs.nodes.map((n) => n.operation)).toEqual(expect.arrayContaining(['enablePlugin', 'disablePlugin']));
  });

  it('rejects invalid options, naming the option', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{}, 'options.threshold', /threshold is required/],
      [{ threshold: -5 }, 'options.threshold', /threshold must be at least 0/],
      [{ threshold: 'lots' }, 'options.threshold', /threshold must be a number/],
      [{ threshold: 100, limit: 3 }, 'options.limit', /unknown option limit; known: threshold/],
    ];
    for (const [options, field, message] of cases) {
      const res = await enablePlugin(hq, ids.west, 'refund-approval', options);
      expect({ options, code: res.body.errors?.[0]?.extensions?.code, field: res.body.errors?.[0]?.extensions?.field }).toEqual({ options, code: 'BAD_USER_INPUT', field });
      expect(res.body.errors![0]!.message).toMatch(message);
    }
    const unknown = await enablePlugin(hq, ids.west, 'loyalty', {});
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'plugin' });
  });

  it('refuses, at enable time, a plugin whose workflow changes collide with one already enabled', async () => {
    const res = await enablePlugin(hq, ids.east, 'rival-approval', {});
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PLUGIN_CONFLICT' });
    expect(res.body.errors![0]!.message).toMatch(/rival-approval adds state AWAITING_REFUND_APPROVAL to workflow complaint, which refund-approval already defines/);
    expect(res.body.errors![0]!.message).toMatch(/rival-approval and refund-approval both change where propose_solution of workflow complaint ends/);
  });

  it('lets a franchise owner manage a plugin for their own franchise only where HQ allows it', async () => {
    const westOwner = await signIn(a, 'owner@west.demo');
    const before = await enablePlugin(westOwner, ids.west, 'vip-care', {});
    expect(before.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const allow = await hq.graphql('mutation($i: SetPluginOwnerAccessInput!) { setPluginOwnerAccess(input: $i) { ownerMayManage } }', { i: { franchiseId: ids.west, plugin: 'vip-care', ownerMayManage: true } });
    expect(allow.body.errors).toBeUndefined();
    const enabled = await enablePlugin(westOwner, ids.west, 'vip-care', { firstResponseMinutes: 5 });
    expect(enabled.body.data!.enablePlugin).toMatchObject({ enabled: true, ownerMayManage: true, options: { firstResponseMinutes: 5, nextResponseMinutes: 60, resolutionHours: 24 } });
    const stale = await westOwner.graphql('mutation($i: UpdatePluginOptionsInput!) { updatePluginOptions(input: $i) { version } }', { i: { franchiseId: ids.west, plugin: 'vip-care', options: { firstResponseMinutes: 7 }, version: enabled.body.data!.enablePlugin.version - 1 } });
    expect(stale.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Another franchise, or opening plugins to owners, stays HQ's.
    expect((await enablePlugin(westOwner, ids.east, 'vip-care', {})).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const selfAllow = await westOwner.graphql('mutation($i: SetPluginOwnerAccessInput!) { setPluginOwnerAccess(input: $i) { ownerMayManage } }', { i: { franchiseId: ids.west, plugin: 'refund-approval', ownerMayManage: true } });
    expect(selfAllow.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await disablePlugin(westOwner, ids.west, 'vip-care')).body.data!.disablePlugin.enabled).toBe(false);
  });

  it('runs a plugin’s event handlers after commit, only for franchises that enabled it', async () => {
    const westAgent = await signIn(a, 'agent@west.demo');
    const eastAgent = await signIn(a, 'agent@east.demo');
    expect((await enablePlugin(hq, ids.west, 'rival-approval', {})).body.errors).toBeUndefined();
    const westCase = await openCase(westAgent);
    const eastCase = await openCase(eastAgent);
    const seenIds = () => seenEvents.map((e) => (e as { caseId: string }).caseId);
    // Reactions are jobs: on a busy machine the seed's backlog may still be draining.
    for (let i = 0; i < 300 && !seenIds().includes(westCase.id); i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_500)); // time enough for a wrongly dispatched east event to show up too
    const seen = seenIds();
    expect(seen).toContain(westCase.id);
    expect(seen).not.toContain(eastCase.id);
  });
});
