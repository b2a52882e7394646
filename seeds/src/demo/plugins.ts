import { clock, enablePlugin, StaffUser } from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

const DAY = 86_400_000;

/**
 * Which plugins each demo franchise runs, with its options (issue 6), and since when: vip-care
 * from before the story starts (its VIP customers' cases are routed to the VIP queue as they
 * come in); east's refund approval and west's pharmacist review were enabled lately, so the
 * history before them ran without their guards.
 */
export const DEMO_PLUGINS: Record<'east' | 'west', { plugin: string; options: Record<string, unknown>; daysAgo: number }[]> = {
  east: [
    { plugin: 'refund-approval', options: { threshold: 500 }, daysAgo: 1 },
    { plugin: 'vip-care', options: { firstResponseMinutes: 10, nextResponseMinutes: 60, resolutionHours: 24 }, daysAgo: 75 },
  ],
  west: [{ plugin: 'pharmacist-review', options: { includeMedicationConsultations: true }, daysAgo: 1 }],
};

/** HQ enables the franchises' plugins through the plugin service: those from before the story (`before`) or after it. */
function enablingSeeder(name: string, before: boolean): Seeder {
  return {
    name,
    async run({ em, shared, logger }) {
      const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
      const hqAdmin = await em.findOneOrFail(StaffUser, { email: 'admin@hq.demo' });
      const replay = new ServiceReplay(em, logger);
      for (const { key, franchise } of organization.franchises)
        for (const { plugin, options, daysAgo } of DEMO_PLUGINS[key as 'east' | 'west'] ?? []) {
          if (daysAgo > 60 !== before) continue; // the story covers the last 60 days
          await replay.as(hqAdmin.id, new Date(clock.nowMs() - daysAgo * DAY), (ctx) => enablePlugin(ctx, { franchiseId: franchise.id, plugin, options }));
        }
    },
  };
}

/** Runs before the cases' replay. */
export const pluginsSeeder = enablingSeeder('plugins', true);
/** Runs after it. */
export const laterPluginsSeeder = enablingSeeder('plugins-enabled-lately', false);
