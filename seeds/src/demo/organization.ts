import {
  clock,
  CooperationType,
  createFranchise,
  createOrgUnit,
  createStaff,
  createTeam,
  Employment,
  Gender,
  hashPassword,
  JobTitle,
  OrgUnit,
  OrgUnitKind,
  type RequestContext,
  StaffUser,
  syncRoleTemplates,
  type RoleTemplateKey,
  type StaffProfileInput,
} from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import type { Rng } from '../framework/rng';

export const DEMO_PASSWORD = 'PharmaDesk-demo-2026';
const DAY = 86_400_000;

/** What later seeders (customers, cases...) build on. */
export interface DemoOrganization {
  hq: OrgUnit;
  franchises: { key: 'east' | 'west'; franchise: OrgUnit; stores: OrgUnit[]; staff: StaffUser[] }[];
}
export const DEMO_ORGANIZATION = 'organization';

interface StaffSpec {
  email: string;
  name: string;
  title: JobTitle;
  template: RoleTemplateKey;
  /** Where in the franchise: the franchise itself, its service center, a store, the branch center. */
  place: 'franchise' | 'serviceCenter' | 'store' | 'store2' | 'branch';
  profile?: Partial<StaffProfileInput>;
}

const FRANCHISE_STAFF = (key: string, names: readonly string[]): StaffSpec[] => [
  { email: `owner@${key}.demo`, name: names[0] ?? '', title: JobTitle.FRANCHISE_OWNER, template: 'franchise_owner', place: 'franchise' },
  { email: `supervisor@${key}.demo`, name: names[1] ?? '', title: JobTitle.SUPERVISOR, template: 'supervisor', place: 'franchise' },
  { email: `agent@${key}.demo`, name: names[2] ?? '', title: JobTitle.AGENT, template: 'agent', place: 'franchise' },
  { email: `agent2@${key}.demo`, name: names[3] ?? '', title: JobTitle.AGENT, template: 'agent', place: 'franchise' },
  { email: `director@${key}.demo`, name: names[4] ?? '', title: JobTitle.STORE_DIRECTOR, template: 'store_director', place: 'store' },
  { email: `manager@${key}.demo`, name: names[5] ?? '', title: JobTitle.HEALTH_MANAGER, template: 'health_manager', place: 'store' },
  { email: `manager2@${key}.demo`, name: names[9] ?? '', title: JobTitle.HEALTH_MANAGER, template: 'health_manager', place: 'store2' },
  {
    email: `pharmacist@${key}.demo`,
    name: names[6] ?? '',
    title: JobTitle.PHARMACIST,
    template: 'pharmacist',
    place: 'store',
    profile: { specialties: ['慢病用药', '心血管'], yearsOfPractice: 12, certificates: ['执业药师资格证'], introduction: '擅长慢性病用药指导与药物相互作用咨询。' },
  },
  {
    email: `doctor@${key}.demo`,
    name: names[7] ?? '',
    title: JobTitle.DOCTOR,
    template: 'pharmacist',
    place: 'branch',
    profile: { specialties: ['功能医学', '营养'], yearsOfPractice: 8, certificates: ['医师资格证', '功能医学认证'], employment: Employment.PART_TIME, introduction: '功能医学医生，关注慢病管理与营养干预。' },
  },
  { email: `consulting@${key}.demo`, name: names[8] ?? '', title: JobTitle.CONSULTANT, template: 'consulting', place: 'branch' },
];

const FRANCHISES = [
  {
    key: 'east' as const,
    name: '华东健康药房',
    code: 'EAST',
    address: '上海市徐汇区漕溪北路 88 号',
    ownerName: '陈建华',
    cooperationType: CooperationType.FRANCHISE,
    projects: ['零售药房', '慢病管理', '健康检测'],
    contractDate: '2024-03-01',
    stores: [
      { name: '上海徐汇店', code: 'SH-XH', address: '上海市徐汇区天钥桥路 123 号' },
      { name: '杭州西湖店', code: 'HZ-XH', address: '杭州市西湖区文三路 456 号' },
    ],
    branch: { name: '上海健康分中心', code: 'SH-HC', address: '上海市长宁区延安西路 789 号' },
    names: ['陈建华', '王丽娟', '李晓明', '赵婷', '孙志强', '周敏', '吴海燕', '郑国平', '冯雪', '韩梅'],
  },
  {
    key: 'west' as const,
    name: '西南康联药房',
    code: 'WEST',
    address: '成都市锦江区红星路三段 1 号',
    ownerName: '刘德明',
    cooperationType: CooperationType.JOINT_VENTURE,
    projects: ['零售药房', '功能医学'],
    contractDate: '2025-06-15',
    stores: [
      { name: '成都锦江店', code: 'CD-JJ', address: '成都市锦江区春熙路 66 号' },
      { name: '重庆渝中店', code: 'CQ-YZ', address: '重庆市渝中区解放碑 18 号' },
    ],
    branch: { name: '成都健康分中心', code: 'CD-HC', address: '成都市武侯区人民南路 200 号' },
    names: ['刘德明', '黄秀英', '杨帆', '何静', '罗斌', '高玉兰', '林峰', '谢芳', '唐磊', '邓超'],
  },
];

function phone(rng: Rng): string {
  return `1${rng.pick(['35', '36', '38', '39', '58', '86', '88'])}${rng.digits(8)}`;
}

/**
 * HQ, the east and west franchises with stores, a branch center and a service center, and staff
 * for every role. The HQ root and its first administrator are what an installation starts with
 * (written here once); every other unit and person is created by that administrator through the
 * org and staff services, so the tree's paths, codes and role rules are the API's own.
 */
export const organizationSeeder: Seeder = {
  name: 'organization',
  async run({ em, rng, shared, logger }) {
    const roles = await syncRoleTemplates(em);
    const setupAt = new Date(clock.now().getTime() - 3 * 365 * DAY);
    const hq = em.create(OrgUnit, { kind: OrgUnitKind.HQ, name: 'PharmaDesk 总部', code: 'HQ', address: '上海市浦东新区张江路 1 号', phone: '021-50001000', createdAt: setupAt, updatedAt: setupAt } as OrgUnit);
    hq.franchiseId = hq.id;
    hq.path = `/${hq.id}/`;
    const admin = em.create(StaffUser, {
      franchiseId: hq.id,
      orgUnitId: hq.id,
      email: 'admin@hq.demo',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      displayName: '总部管理员 张伟',
      jobTitle: JobTitle.HQ_ADMIN,
      roleIds: [roles.get('hq_admin')!.id],
      gender: Gender.MALE,
      phone: phone(rng),
      employment: Employment.FULL_TIME,
      specialties: [],
      certificates: [],
      createdAt: setupAt,
      updatedAt: setupAt,
    } as unknown as StaffUser);
    await em.flush();

    const replay = new ServiceReplay(em, logger);
    const asAdmin = <T,>(work: (ctx: RequestContext) => Promise<T>) => replay.as(admin.id, setupAt, work);
    const unit = (input: { kind: OrgUnitKind; name: string; code?: string; address?: string }, parentId: string) =>
      asAdmin((ctx) => createOrgUnit(ctx, { ...input, parentId, phone: input.kind === OrgUnitKind.DEPARTMENT ? null : phone(rng) }));
    const person = (spec: StaffSpec, at: OrgUnit) =>
      asAdmin((ctx) =>
        createStaff(ctx, {
          orgUnitId: at.id,
          email: spec.email,
          displayName: spec.name,
          password: DEMO_PASSWORD,
          jobTitle: spec.title,
          roleIds: [roles.get(spec.template)!.id],
          gender: rng.pick([Gender.FEMALE, Gender.MALE]),
          phone: phone(rng),
          employment: Employment.FULL_TIME,
          ...spec.profile,
        }),
      );

    const qaDept = await unit({ kind: OrgUnitKind.DEPARTMENT, name: '质量管理部', code: 'HQ-QA' }, hq.id);
    await person({ email: 'qa@hq.demo', name: '质检 马琳', title: JobTitle.QA_ANALYST, template: 'qa_analyst', place: 'franchise' }, qaDept);

    const organization: DemoOrganization = { hq, franchises: [] };
    for (const { key, stores: storeSpecs, branch: branchSpec, names, ...contract } of FRANCHISES) {
      const franchise = await asAdmin((ctx) => createFranchise(ctx, { ...contract, phone: phone(rng), ownerPhone: phone(rng) }));
      const stores: OrgUnit[] = [];
      for (const store of storeSpecs) stores.push(await unit({ kind: OrgUnitKind.STORE, ...store }, franchise.id));
      const branch = await unit({ kind: OrgUnitKind.BRANCH_CENTER, ...branchSpec }, franchise.id);
      const serviceCenter = await unit({ kind: OrgUnitKind.DEPARTMENT, name: '客服中心', code: `${contract.code}-CS` }, franchise.id);
      const places = { franchise, serviceCenter, store: stores[0]!, store2: stores[1]!, branch };
      const staff: StaffUser[] = [];
      for (const spec of FRANCHISE_STAFF(key, names)) staff.push(await person(spec, places[spec.place]));
      // Three teams (班组): two of agents in the service center, one of the first store's health staff.
      const members = (...emails: string[]) => emails.map((e) => staff.find((s) => s.email === `${e}@${key}.demo`)!.id);
      for (const [name, at, people] of [
        ['客服一组', serviceCenter, members('agent')],
        ['客服二组', serviceCenter, members('agent2')],
        ['门店健康服务组', stores[0]!, members('manager', 'pharmacist')],
      ] as const)
        await asAdmin((ctx) => createTeam(ctx, { orgUnitId: at.id, name, memberIds: [...people] }));
      organization.franchises.push({ key, franchise, stores, staff });
    }
    shared.set(DEMO_ORGANIZATION, organization);
  },
};

/** The sign-ins `pnpm start` prints and the README lists. */
export const demoLogins = [
  { email: 'admin@hq.demo', role: 'HQ admin' },
  { email: 'qa@hq.demo', role: 'QA analyst (HQ)' },
  { email: 'owner@east.demo', role: 'franchise owner, east' },
  { email: 'supervisor@east.demo', role: 'supervisor, east' },
  { email: 'agent@east.demo', role: 'agent, east' },
  { email: 'owner@west.demo', role: 'franchise owner, west' },
  { email: 'supervisor@west.demo', role: 'supervisor, west' },
  { email: 'agent@west.demo', role: 'agent, west' },
  { email: 'products@hq.demo', role: 'product manager (HQ)' },
  { email: 'warehouse@east.demo', role: 'warehouse keeper, east' },
];
