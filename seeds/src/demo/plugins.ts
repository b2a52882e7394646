import { Case, CaseStage, FranchisePlugin, StaffUser } from '@pharmadesk/api';

const OPEN_STAGES = [CaseStage.NEW, CaseStage.OPEN, CaseStage.PENDING_CUSTOMER];
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

/** Which plugins each demo franchise runs, with its options (issue 6): east approves large refunds and cares for VIPs; west has pharmacists review. */
export const DEMO_PLUGINS: Record<'east' | 'west', { plugin: string; options: Record<string, unknown> }[]> = {
  east: [
    { plugin: 'refund-approval', options: { threshold: 500 } },
    { plugin: 'vip-care', options: { firstResponseMinutes: 10, nextResponseMinutes: 60, resolutionHours: 24 } },
  ],
  west: [{ plugin: 'pharmacist-review', options: { includeMedicationConsultations: true } }],
};

export const pluginsSeeder: Seeder = {
  name: 'plugins',
  async run({ em, shared }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const hqAdmin = await em.findOne(StaffUser, { email: 'admin@hq.demo' });
    for (const { key, franchise } of organization.franchises) {
      for (const { plugin, options } of DEMO_PLUGINS[key as 'east' | 'west'] ?? [])
        em.create(FranchisePlugin, { franchiseId: franchise.id, plugin, enabled: true, options, changedById: hqAdmin?.id ?? null });
      // Open cases of VIP customers sit in the VIP queue, as vip-care would have routed them.
      if (DEMO_PLUGINS[key as 'east' | 'west']?.some((p) => p.plugin === 'vip-care'))
        await em.nativeUpdate(Case, { franchiseId: franchise.id, isVip: true, stage: { $in: OPEN_STAGES } }, { queue: 'vip' });
    }
    await em.flush();
  },
};
