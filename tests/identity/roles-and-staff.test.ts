import { DEMO_PASSWORD } from '@pharmadesk/seeds';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, login, signIn, type Caller } from '../support/actors';

const CREATE_ROLE = `mutation($role: RoleInput!) { createOneRole(input: { role: $role }) { id name permissions version franchiseId } }`;
const SET_ROLES = `mutation($input: SetStaffRolesInput!) { setStaffRoles(input: $input) { id roleIds version } }`;

describe('roles, permission levels and staff', () => {
  let app: TestApp;
  let owner: Caller;
  let supervisor: Caller;
  let hq: Caller;
  const staffByEmail = new Map<string, { id: string; version: number; roleIds: string[] }>();
  let templates: Map<string, { id: string; permissions: string[] }>;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signIn(app, 'owner@east.demo');
    supervisor = await signIn(app, 'supervisor@east.demo');
    hq = await signIn(app, 'admin@hq.demo');
    const staff = await owner.graphql<{ staffUsers: { nodes: { id: string; email: string; version: number; roleIds: string[] }[] } }>(
      '{ staffUsers(paging: { limit: 100 }) { nodes { id email version roleIds } } }',
    );
    for (const s of staff.body.data!.staffUsers.nodes) staffByEmail.set(s.email, s);
    const roles = await owner.graphql<{ roles: { nodes: { id: string; templateKey: string | null; permissions: string[] }[] } }>(
      '{ roles(filter: { builtIn: { is: true } }, paging: { limit: 50 }) { nodes { id templateKey permissions } } }',
    );
    templates = new Map(roles.body.data!.roles.nodes.map((r) => [r.templateKey!, r]));
  });
  afterAll(() => app.stop());

  it('lists the built-in templates for every role of domain.md (and those installed plugins add)', () => {
    expect([...templates.keys()].sort()).toEqual(
      ['agent', 'consulting', 'franchise_owner', 'health_manager', 'hq_admin', 'pharmacist', 'qa_analyst', 'store_director', 'supervisor', 'store_pharmacist', 'warehouse_keeper', 'product_manager', 'purchasing_approver', 'stock_viewer', 'stock_counter'].sort(),
    );
    expect(templates.get('hq_admin')!.permissions).toContain('franchise:manage');
    expect(templates.get('franchise_owner')!.permissions).not.toContain('franchise:manage');
  });

  it('lets an owner make a role from permissions they hold, within their franchise', async () => {
    const res = await owner.graphql<{ createOneRole: { name: string; permissions: string[]; franchiseId: string } }>(CREATE_ROLE, {
      role: { name: '前台组长', description: 'Front desk lead', permissions: ['staff:read', 'org:read'] },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.createOneRole).toMatchObject({ name: '前台组长', permissions: ['org:read', 'staff:read'] });
    const duplicate = await owner.graphql(CREATE_ROLE, { role: { name: '前台组长', permissions: [] } });
    expect(errorCodes(duplicate)).toEqual(['CONFLICT']);
  });

  it('refuses escalation: a role with a permission the maker lacks, or an HQ-only one', async () => {
    const tooMuch = await owner.graphql(CREATE_ROLE, { role: { name: 'sneaky', permissions: ['org:read', 'franchise:manage'] } });
    expect(errorCodes(tooMuch)).toEqual(['FORBIDDEN']);
    expect(tooMuch.body.errors![0]!.message).toMatch(/franchise:manage/);

    // Editing a role to add a permission one lacks is refused too.
    const made = await owner.graphql<{ createOneRole: { id: string; version: number } }>(CREATE_ROLE, { role: { name: 'edit-me', permissions: ['org:read'] } });
    const { id, version } = made.body.data!.createOneRole;
    const addAudit = await owner.graphql(`mutation($id: ID!, $v: Int!) { updateOneRole(input: { id: $id, version: $v, update: { permissions: ["org:read", "audit:read"] } }) { id } }`, { id, v: version });
    expect(addAudit.body.errors).toBeUndefined(); // owner holds audit:read
    const addHqOnly = await owner.graphql(`mutation($id: ID!, $v: Int!) { updateOneRole(input: { id: $id, version: $v, update: { permissions: ["franchise:manage"] } }) { id } }`, { id, v: version + 1 });
    expect(errorCodes(addHqOnly)).toEqual(['FORBIDDEN']);
  });

  it('refuses assigning a role whose permissions the assigner lacks (the HQ admin template)', async () => {
    const agent = staffByEmail.get('agent@east.demo')!;
    const res = await owner.graphql(SET_ROLES, { input: { id: agent.id, version: agent.version, roleIds: [templates.get('hq_admin')!.id] } });
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    // An owner can give the supervisor template (they hold all of its permissions).
    const ok = await owner.graphql<{ setStaffRoles: { roleIds: string[]; version: number } }>(SET_ROLES, {
      input: { id: agent.id, version: agent.version, roleIds: [templates.get('agent')!.id, templates.get('supervisor')!.id] },
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.setStaffRoles.roleIds).toHaveLength(2);
    // The stale version is now a conflict.
    const stale = await owner.graphql(SET_ROLES, { input: { id: agent.id, version: agent.version, roleIds: [] } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
  });

  it('lets an owner hire a pharmacist (a qualification they do not hold) but not give it to an API key', async () => {
    expect(templates.get('pharmacist')!.permissions).toContain('case:expert');
    const me = await owner.graphql<{ me: { permissions: string[]; scope: { orgUnit: { id: string } } } }>('{ me { permissions scope { orgUnit { id } } } }');
    expect(me.body.data!.me.permissions).not.toContain('case:expert');
    const hired = await owner.graphql<{ createOneStaffUser: { id: string; roleIds: string[] } }>(
      `mutation($s: StaffUserInput!) { createOneStaffUser(input: { staffUser: $s }) { id roleIds } }`,
      { s: { orgUnitId: me.body.data!.me.scope.orgUnit.id, email: 'new.pharmacist@east.demo', displayName: '新药师 王芳', password: 'Welcome-2026-abc', jobTitle: 'PHARMACIST', roleIds: [templates.get('pharmacist')!.id] } },
    );
    expect(hired.body.errors).toBeUndefined();
    expect(hired.body.data!.createOneStaffUser.roleIds).toEqual([templates.get('pharmacist')!.id]);
    // Administrative permissions still follow "only what you hold": the HQ admin template stays refused (above),
    // and a key, which is no person, never gets a qualification its maker lacks.
    const key = await owner.graphql(`mutation { createApiKey(input: { name: "药师接口", permissions: ["case:read", "case:expert"] }) { secret } }`);
    expect(errorCodes(key)).toEqual(['FORBIDDEN']);
    expect(key.body.errors![0]!.message).toMatch(/case:expert/);
  });

  it('does not let anyone change their own roles', async () => {
    const me = staffByEmail.get('owner@east.demo')!;
    const res = await owner.graphql(SET_ROLES, { input: { id: me.id, version: me.version, roleIds: [] } });
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
  });

  it('checks permissions at the edge: a supervisor cannot manage staff', async () => {
    const res = await supervisor.graphql(`mutation { disableStaffUser(input: { id: "${staffByEmail.get('agent2@east.demo')!.id}" }) { status } }`);
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(res.body.errors![0]!.message).toMatch(/staff:manage/);
  });

  it('creates staff with clear input errors, and a disabled account cannot sign in', async () => {
    const CREATE = `mutation($s: StaffUserInput!) { createOneStaffUser(input: { staffUser: $s }) { id email status version } }`;
    const me = await owner.graphql<{ me: { scope: { orgUnit: { id: string } } } }>('{ me { scope { orgUnit { id } } } }');
    const base = { orgUnitId: me.body.data!.me.scope.orgUnit.id, email: 'new.agent@east.demo', displayName: '新客服', password: 'Welcome-2026-abc', jobTitle: 'AGENT', roleIds: [templates.get('agent')!.id] };

    const badEmail = await owner.graphql(CREATE, { s: { ...base, email: 'not-an-email' } });
    expect(badEmail.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'staffUser.email' });
    const weak = await owner.graphql(CREATE, { s: { ...base, password: 'password' } });
    expect(weak.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'staffUser.password' });
    const taken = await owner.graphql(CREATE, { s: { ...base, email: 'agent@west.demo' } });
    expect(errorCodes(taken)).toEqual(['CONFLICT']);

    const created = await owner.graphql<{ createOneStaffUser: { id: string; status: string } }>(CREATE, { s: base });
    expect(created.body.errors).toBeUndefined();
    await login(app, 'new.agent@east.demo', 'Welcome-2026-abc');
    const disabled = await owner.graphql(`mutation($id: ID!) { disableStaffUser(input: { id: $id, reason: "left" }) { status } }`, { id: created.body.data!.createOneStaffUser.id });
    expect(disabled.body.data).toEqual({ disableStaffUser: { status: 'DISABLED' } });
    await expect(login(app, 'new.agent@east.demo', 'Welcome-2026-abc')).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('lets only HQ create franchises and edit contracts, with version conflicts', async () => {
    const CREATE = `mutation($f: FranchiseInput!) { createOneFranchise(input: { franchise: $f }) { id name kind version franchiseId } }`;
    const franchise = { name: '华南加盟 South', code: 'SOUTH', ownerName: '黄志成', ownerPhone: '13800138000', cooperationType: 'FRANCHISE', projects: ['零售药房'], contractDate: '2026-10-01' };
    expect(errorCodes(await owner.graphql(CREATE, { f: franchise }))).toEqual(['FORBIDDEN']);
    const badDate = await hq.graphql(CREATE, { f: { ...franchise, contractDate: '2026-13-45' } });
    expect(badDate.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'franchise.contractDate' });

    const made = await hq.graphql<{ createOneFranchise: { id: string; version: number; franchiseId: string } }>(CREATE, { f: franchise });
    expect(made.body.errors).toBeUndefined();
    const south = made.body.data!.createOneFranchise;
    expect(south.franchiseId).toBe(south.id);
    const UPDATE = `mutation($id: ID!, $v: Int!, $u: FranchiseUpdate!) { updateOneFranchise(input: { id: $id, version: $v, update: $u }) { version ownerName } }`;
    const first = await hq.graphql<{ updateOneFranchise: { version: number } }>(UPDATE, { id: south.id, v: south.version, u: { ownerName: '黄志诚' } });
    expect(first.body.data!.updateOneFranchise.version).toBe(south.version + 1);
    const second = await hq.graphql(UPDATE, { id: south.id, v: south.version, u: { ownerName: '覆盖' } });
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    expect(second.body.errors![0]!.message).toMatch(/changed by someone else/);
  });

  it('adds a store under the franchise and refuses nonsense placements', async () => {
    const me = await owner.graphql<{ me: { scope: { orgUnit: { id: string } } } }>('{ me { scope { orgUnit { id } } } }');
    const CREATE = `mutation($u: OrgUnitInput!) { createOneOrgUnit(input: { orgUnit: $u }) { id kind path: name parent { name } } }`;
    const store = await owner.graphql<{ createOneOrgUnit: { id: string; parent: { name: string } } }>(CREATE, {
      u: { parentId: me.body.data!.me.scope.orgUnit.id, kind: 'STORE', name: '苏州园区店', code: 'SZ-YQ' },
    });
    expect(store.body.errors).toBeUndefined();
    const underStore = await owner.graphql(CREATE, { u: { parentId: store.body.data!.createOneOrgUnit.id, kind: 'STORE', name: 'x' } });
    expect(underStore.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orgUnit.parentId' });
    const sameCode = await owner.graphql(CREATE, { u: { parentId: me.body.data!.me.scope.orgUnit.id, kind: 'STORE', name: 'y', code: 'SZ-YQ' } });
    expect(errorCodes(sameCode)).toEqual(['CONFLICT']);
  });

  it('scopes a store-level director to their store', async () => {
    const director = await signIn(app, 'director@east.demo');
    const units = await director.graphql<{ orgUnits: { nodes: { kind: string }[] } }>('{ orgUnits { nodes { kind } } }');
    expect(units.body.data!.orgUnits.nodes.map((u) => u.kind)).toEqual(['STORE']);
    void DEMO_PASSWORD;
  });
});
