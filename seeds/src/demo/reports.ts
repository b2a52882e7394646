import { clock, rebuildReportFactsIn } from '@pharmadesk/api';
import type { Seeder } from '../framework/seeder';
import { ServiceReplay } from '../framework/replay';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

const DAY = 86_400_000;

/**
 * The report center's facts for the demo: the replayed history's events are in the outbox but
 * marked dispatched (no reaction runs for history), so each franchise's last 100 days are rebuilt
 * from them through the reports module's one definition, as HQ's rebuild would.
 */
export const reportsSeeder: Seeder = {
  name: 'reports',
  async run({ em, logger, shared }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const replay = new ServiceReplay(em, logger);
    const now = clock.now();
    const range = { from: new Date(now.getTime() - 100 * DAY).toISOString().slice(0, 10), to: new Date(now.getTime() + DAY).toISOString().slice(0, 10) };
    for (const { franchise } of organization.franchises) {
      const { events } = await replay.as(null, now, (ctx) => rebuildReportFactsIn(ctx, { franchiseId: franchise.id, ...range }));
      logger.info({ franchise: franchise.code, events }, 'report facts rebuilt');
    }
  },
};
