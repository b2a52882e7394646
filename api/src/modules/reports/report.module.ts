import { defineJob } from '../../core/jobs/jobs';
import { defineModule } from '../../core/modules/module';
import { rebuildReportFacts, reportFactHandlers } from './report-facts';
import { ReportPermission } from './report.permissions';
import { ReportResolver } from './report.resolver';

/** Rebuilds a franchise's facts for a range of local days (existing data, a changed definition). */
export const rebuildReportsJob = defineJob<{ franchiseId: string; from: string; to: string }>({
  name: 'reports.rebuild',
  description: 'Recomputes a franchise’s report facts for a range of days from the events in the outbox.',
  run: (runtime, data) => rebuildReportFacts(runtime, data),
});

/**
 * The report center: daily facts kept current by the outbox events (report-facts.ts, the one
 * definition of each metric), read by `report` by period and group (report.queries.ts), on the
 * replica when DATABASE_REPLICA_URL is set.
 */
export const reportsModule = defineModule({
  name: 'reports',
  resolvers: [ReportResolver],
  permissions: [ReportPermission],
  jobs: [rebuildReportsJob],
  contributes: { eventHandlers: reportFactHandlers },
});
