import { Client } from 'pg';
import { buildAppSchema, clock, createPubSub } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { apiKeyCaller, signIn, type Caller } from '../support/actors';
import { auditScenarios } from '../support/audit-scenarios';

describe('personal data masking', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('masks phone numbers without the PII permission and shows them with it', async () => {
    const QUERY = `query($email: String!) { staffUsers(filter: { email: { eq: $email } }) { nodes { phone } } }`;
    const pg = new Client({ connectionString: app.database.url });
    await pg.connect();
    const { rows } = await pg.query<{ phone: string }>(`select phone from staff_user where email = 'pharmacist@east.demo'`);
    await pg.end();
    const real = rows[0]!.phone;

    const owner = await signIn(app, 'owner@east.demo'); // holds staff:pii
    const supervisor = await signIn(app, 'supervisor@east.demo'); // staff:read only
    const seen = await owner.graphql<{ staffUsers: { nodes: { phone: string }[] } }>(QUERY, { email: 'pharmacist@east.demo' });
    const masked = await supervisor.graphql<{ staffUsers: { nodes: { phone: string }[] } }>(QUERY, { email: 'pharmacist@east.demo' });
    expect(seen.body.data!.staffUsers.nodes[0]!.phone).toBe(real);
    expect(masked.body.data!.staffUsers.nodes[0]!.phone).toBe(`${real.slice(0, 3)}****${real.slice(-4)}`);

    // An API key without staff:pii sees the masked value too.
    const key = await apiKeyCaller(app, owner, { permissions: ['staff:read'] });
    const viaKey = await key.graphql<{ staffUsers: { nodes: { phone: string }[] } }>(QUERY, { email: 'pharmacist@east.demo' });
    expect(viaKey.body.data!.staffUsers.nodes[0]!.phone).toContain('****');
  });
});

/**
 * Every mutation a signed-in actor or key runs leaves an audit entry. One operation per
 * mutation of the schema is run here; a mutation added to the schema without a case here fails the test.
 */
describe('audit log', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let ids: Record<string, string>;
  const ran = new Set<string>();

  beforeAll(async () => {
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    hq = await signIn(app, 'admin@hq.demo');
    owner = await signIn(app, 'owner@east.demo');
    const me = await owner.graphql<{ me: { scope: { orgUnit: { id: string } } } }>('{ me { scope { orgUnit { id } } } }');
    const staff = await owner.graphql<{ staffUsers: { nodes: { id: string; email: string; version: number }[] } }>('{ staffUsers(paging: { limit: 100 }) { nodes { id email version } } }');
    const agent = staff.body.data!.staffUsers.nodes.find((s) => s.email === 'agent2@east.demo')!;
    ids = { franchise: me.body.data!.me.scope.orgUnit.id, agent: agent.id, agentVersion: String(agent.version) };
  });
  afterAll(() => app.stop());

  async function run(caller: Caller, operation: string, query: string, variables?: Record<string, unknown>) {
    const res = await caller.graphql<Record<string, Record<string, unknown>>>(query, variables);
    if (res.body.errors) throw new Error(`${operation}: ${JSON.stringify(res.body.errors)}`);
    ran.add(operation);
    return res.body.data![operation]!;
  }

  async function entries(operation: string) {
    const res = await hq.graphql<{ auditLogs: { nodes: { operation: string; actorLabel: string; actorType: string; targetIds: string[]; changes: Record<string, Record<string, { fields: Record<string, { from?: unknown; to?: unknown }> }>>; franchiseId: string; requestId: string }[] } }>(
      `query($op: String!) { auditLogs(filter: { operation: { eq: $op } }) { nodes { operation actorLabel actorType targetIds changes franchiseId requestId } } }`,
      { op: operation },
    );
    return res.body.data!.auditLogs.nodes;
  }

  it('records actor, target and changed fields for every mutation, with personal data redacted', async () => {
    const franchise = await run(hq, 'createOneFranchise', `mutation { createOneFranchise(input: { franchise: { name: "华北加盟 North", ownerName: "钱进", ownerPhone: "13900001111", cooperationType: PARTNER, contractDate: "2026-11-01" } }) { id version } }`);
    await run(hq, 'updateOneFranchise', `mutation($id: ID!, $v: Int!) { updateOneFranchise(input: { id: $id, version: $v, update: { ownerName: "钱大进" } }) { id } }`, { id: franchise.id, v: franchise.version });
    await run(hq, 'changeFranchiseStatus', `mutation($id: ID!) { changeFranchiseStatus(input: { id: $id, status: SUSPENDED, reason: "contract review" }) { id } }`, { id: franchise.id });
    const store = await run(owner, 'createOneOrgUnit', `mutation($p: ID!) { createOneOrgUnit(input: { orgUnit: { parentId: $p, kind: STORE, name: "宁波鄞州店" } }) { id version } }`, { p: ids.franchise });
    await run(owner, 'updateOneOrgUnit', `mutation($id: ID!, $v: Int!) { updateOneOrgUnit(input: { id: $id, version: $v, update: { phone: "0574-8888000" } }) { id } }`, { id: store.id, v: store.version });
    const role = await run(owner, 'createOneRole', `mutation { createOneRole(input: { role: { name: "夜班", permissions: ["org:read"] } }) { id version } }`);
    await run(owner, 'updateOneRole', `mutation($id: ID!, $v: Int!) { updateOneRole(input: { id: $id, version: $v, update: { description: "night shift" } }) { id } }`, { id: role.id, v: role.version });
    await run(owner, 'deleteOneRole', `mutation($id: ID!) { deleteOneRole(input: { id: $id }) { id } }`, { id: role.id });
    const person = await run(owner, 'createOneStaffUser', `mutation($u: ID!) { createOneStaffUser(input: { staffUser: { orgUnitId: $u, email: "audit.me@east.demo", displayName: "审计", password: "Audit-me-2026", jobTitle: AGENT, phone: "13712345678" } }) { id version } }`, { u: ids.franchise });
    const updated = await run(owner, 'updateOneStaffUser', `mutation($id: ID!, $v: Int!) { updateOneStaffUser(input: { id: $id, version: $v, update: { phone: "13799998888", region: "宁波" } }) { id version } }`, { id: person.id, v: person.version });
    await run(owner, 'setStaffRoles', `mutation($id: ID!, $v: Int!) { setStaffRoles(input: { id: $id, version: $v, roleIds: [] }) { id } }`, { id: person.id, v: updated.version });
    await run(owner, 'disableStaffUser', `mutation($id: ID!) { disableStaffUser(input: { id: $id }) { id } }`, { id: person.id });
    await run(owner, 'enableStaffUser', `mutation($id: ID!) { enableStaffUser(input: { id: $id }) { id } }`, { id: person.id });
    const key = await run(owner, 'createApiKey', `mutation { createApiKey(input: { name: "audit key", permissions: ["org:read"] }) { apiKey { id } } }`);
    const rotated = await run(owner, 'rotateApiKey', `mutation($id: ID!) { rotateApiKey(input: { id: $id }) { apiKey { id } } }`, { id: (key.apiKey as { id: string }).id });
    await run(owner, 'revokeApiKey', `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: (rotated.apiKey as { id: string }).id });
    const staff = await owner.graphql<{ staffUsers: { nodes: { id: string; jobTitle: string; orgUnitId: string }[] } }>('{ staffUsers(paging: { limit: 100 }) { nodes { id jobTitle orgUnitId } } }');
    const manager = staff.body.data!.staffUsers.nodes.find((s) => s.jobTitle === 'HEALTH_MANAGER')!;
    const doctor = staff.body.data!.staffUsers.nodes.find((s) => s.jobTitle === 'DOCTOR')!;
    const customer = await run(owner, 'createOneCustomer', `mutation($m: ID!, $d: ID!, $u: ID!) { createOneCustomer(input: { customer: { name: "审计客户", age: 66, phone: "13811112222", doctorId: $d, healthManagerId: $m, orgUnitId: $u, sourceChannel: PHONE } }) { id version } }`, { m: manager.id, d: doctor.id, u: manager.orgUnitId });
    await run(owner, 'updateOneCustomer', `mutation($id: ID!, $v: Int!) { updateOneCustomer(input: { id: $id, version: $v, update: { address: "上海市某路 1 号", tags: ["vip"] } }) { id } }`, { id: customer.id, v: customer.version });
    const other = await run(owner, 'createOneCustomer', `mutation($m: ID!, $d: ID!, $u: ID!) { createOneCustomer(input: { customer: { name: "审计客户", age: 66, phone: "13811113333", doctorId: $d, healthManagerId: $m, orgUnitId: $u, sourceChannel: PHONE } }) { id } }`, { m: manager.id, d: doctor.id, u: manager.orgUnitId });
    await run(hq, 'mergeCustomers', `mutation($s: ID!, $t: ID!) { mergeCustomers(input: { sourceId: $s, targetId: $t }) { id } }`, { s: other.id, t: customer.id });
    // A reminder to complete whatever the date: the daily job run three days before a known birthday.
    const born = await owner.graphql<{ customers: { nodes: { birthDate: string }[] } }>('{ customers(filter: { birthMonth: { eq: 6 } }, paging: { limit: 1 }) { nodes { birthDate } } }');
    const birthday = Date.parse(`${clock.now().getUTCFullYear()}-${born.body.data!.customers.nodes[0]!.birthDate.slice(5)}T00:00:00Z`);
    await app.server.jobs!.runNow('customers.birthday-reminders', { today: new Date(birthday - 3 * 86_400_000).toISOString().slice(0, 10) });
    const tasks = await owner.graphql<{ careTasks: { nodes: { id: string }[] } }>('{ careTasks(filter: { status: { eq: OPEN } }, paging: { limit: 1 }) { nodes { id } } }');
    await run(owner, 'completeCareTask', `mutation($id: ID!) { completeCareTask(input: { id: $id, status: SKIPPED, outcome: "客户出差" }) { id } }`, { id: tasks.body.data!.careTasks.nodes[0]!.id });
    await run(owner, 'recomputeCustomerSegments', `mutation { recomputeCustomerSegments }`);
    for (const scenario of auditScenarios) await scenario({ app, hq, owner, run });
    await run(owner, 'changePassword', `mutation { changePassword(currentPassword: "PharmaDesk-demo-2026", newPassword: "Sunrise-pass-2026") }`);
    await run(owner, 'logout', `mutation { logout }`);
    // Anonymous operations audit themselves (sign-in) or leave nothing to audit (refresh of a session).
    const signedIn = await app.graphql<{ login: { refreshToken: string } }>(`mutation { login(email: "agent@east.demo", password: "PharmaDesk-demo-2026") { refreshToken } }`);
    ran.add('login');
    await app.graphql(`mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: signedIn.body.data!.login.refreshToken });
    ran.add('refreshSession');

    const schema = await buildAppSchema(createPubSub());
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    expect(mutations.filter((m) => !ran.has(m))).toEqual([]);

    const unaudited: string[] = [];
    for (const operation of mutations.filter((m) => m !== 'refreshSession')) if ((await entries(operation)).length === 0) unaudited.push(operation);
    expect(unaudited).toEqual([]);

    const [staffUpdate] = await entries('updateOneStaffUser');
    expect(staffUpdate).toMatchObject({ actorLabel: 'owner@east.demo', actorType: 'USER', targetIds: [person.id] });
    const fields = Object.values(staffUpdate!.changes.StaffUser!)[0]!.fields;
    expect(fields.region).toEqual({ from: null, to: '宁波' });
    expect(fields.phone).toEqual({ from: '[redacted]', to: '[redacted]' });
    expect(JSON.stringify(await entries('createOneStaffUser'))).not.toMatch(/13712345678|argon2/);
    const [keyEntry] = await entries('createApiKey');
    expect(JSON.stringify(keyEntry)).not.toMatch(/secretDigest":\{"to":"[0-9a-f]/);
    const [customerUpdate] = await entries('updateOneCustomer');
    const customerFields = Object.values(customerUpdate!.changes.Customer!)[0]!.fields;
    expect(customerFields.address).toEqual({ from: '[redacted]', to: '[redacted]' });
    expect(customerFields.tags).toEqual({ from: [], to: ['vip'] });
    const [suspend] = await entries('changeFranchiseStatus');
    expect(suspend!.franchiseId).toBe(franchise.id);
  }, 300_000); // runs every mutation of the schema, one request each (slow on a busy machine)

  it('shows a franchise owner only their own franchise’s entries', async () => {
    const west = await signIn(app, 'owner@west.demo');
    const res = await west.graphql<{ auditLogs: { nodes: { actorLabel: string }[] } }>('{ auditLogs(paging: { limit: 200 }) { nodes { actorLabel } } }');
    expect(res.body.data!.auditLogs.nodes.map((n) => n.actorLabel)).toEqual(['owner@west.demo']); // their own sign-in only
  });
});
