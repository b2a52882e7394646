import { clock } from '@pharmadesk/api';
import type { AuditScenario } from './index';

/** Reports: HQ rebuilds the owner's franchise's report facts for the past week (the one report mutation). */
export const reportsAuditScenario: AuditScenario = async ({ hq, owner, run }) => {
  const me = await owner.graphql<{ me: { user: { franchiseId: string } } }>('{ me { user { franchiseId } } }');
  const to = clock.now().toISOString().slice(0, 10);
  const from = new Date(clock.now().getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
  await run(hq, 'rebuildReports', 'mutation($i: RebuildReportInput!) { rebuildReports(input: $i) { events } }', { i: { franchiseId: me.body.data!.me.user.franchiseId, from, to } });
};
