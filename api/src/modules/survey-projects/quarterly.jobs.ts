import { calendarDate, clock } from '../../core/clock';
import { systemContext, type RequestContext } from '../../core/context';
import { defineJob } from '../../core/jobs/jobs';
import { inOperation } from '../../core/tenancy/request-transaction';
import { JobTitle, StaffStatus, StaffUser } from '../identity/staff-user.entity';
import { notifyStaff } from '../notifications/notification.service';
import { OrgUnit, OrgUnitKind, OrgUnitStatus } from '../org/org-unit.entity';
import { QuarterlySurveyResponse, QuarterlySurveyRound } from './quarterly.entity';
import { audienceOf, isOpen } from './quarterly.service';

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * Open quarterly rounds closing within their `remindDaysBefore` of an organization's today: the
 * owners of each organization in the round's audience that has not answered get one in-app
 * reminder per round (the dedupe key makes a second run, or a second instance, send nothing).
 */
export async function remindQuarterlyRounds(ctx: RequestContext, now: Date): Promise<number> {
  const rounds = await ctx.em.find(QuarterlySurveyRound, { closedAt: null, closesOn: { $gte: calendarDate(new Date(now.getTime() - DAY_MS), 'UTC') } });
  if (!rounds.length) return 0;
  const organizations = await ctx.em.find(OrgUnit, { kind: OrgUnitKind.FRANCHISE, status: OrgUnitStatus.ACTIVE });
  const answered = new Set(
    (await ctx.em.find(QuarterlySurveyResponse, { roundId: { $in: rounds.map((r) => r.id) } }, { fields: ['roundId', 'franchiseId'] })).map((r) => `${r.roundId}|${r.franchiseId}`),
  );
  let reminded = 0;
  for (const organization of organizations) {
    const today = calendarDate(now, organization.timeZone);
    const due = rounds.filter(
      (r) => isOpen(r, today) && r.remindDaysBefore > 0 && daysBetween(today, r.closesOn) <= r.remindDaysBefore && r.audience.includes(audienceOf(organization)) && !answered.has(`${r.id}|${organization.id}`),
    );
    if (!due.length) continue;
    const owners = await ctx.em.find(StaffUser, { franchiseId: organization.id, jobTitle: JobTitle.FRANCHISE_OWNER, status: StaffStatus.ACTIVE }, { fields: ['id'] });
    for (const round of due) {
      const sent = await notifyStaff(ctx, {
        kind: 'quarterly.reminder',
        franchiseId: organization.id,
        staffIds: owners.map((o) => o.id),
        variables: { title: round.title, quarter: round.quarter, closesOn: round.closesOn },
        refType: 'QuarterlySurveyRound',
        refId: round.id,
        dedupeKey: `quarterly.reminder:${round.id}`,
      });
      reminded += sent.length;
    }
  }
  await ctx.em.flush();
  return reminded;
}

export const quarterlyReminderJob = defineJob<{ now?: string }>({
  name: 'survey-projects.quarterly-reminder',
  description: 'Daily: owners of organizations that have not answered an open quarterly round are reminded once, from the round’s reminder days (3 by default) before its close date.',
  cron: '50 6 * * *',
  run: async (runtime, data) => {
    const ctx = systemContext(runtime);
    return inOperation(ctx, () => remindQuarterlyRounds(ctx, data.now ? new Date(data.now) : clock.now()));
  },
});
