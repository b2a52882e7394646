import {
  addImprovementAction,
  calendarDate,
  clock,
  createAnalysis,
  OrgUnit,
  ProblemGrade,
  reportImprovementProgress,
  ReviewFlagKind,
  StaffUser,
  updateAnalysis,
  verifyImprovementAction,
} from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

const DAY = 24 * 3_600_000;

/**
 * Satisfaction analyses: each franchise's supervisor analyses the surveys of the month before
 * last (the system's proposal: figures, worst questions and agents; east's second agent flagged
 * for a staffing review), writes findings and graded problems, and sets improvement actions for
 * the store director: one done with evidence and verified (closed), one still in progress and due
 * in two weeks. All through the services, relative to the clock.
 */
export const analysisSeeder: Seeder = {
  name: 'satisfaction-analysis',
  async run({ em, shared, logger }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const replay = new ServiceReplay(em, logger);
    const now = clock.nowMs();
    for (const { key } of organization.franchises) {
      const staff = (who: string) => em.findOneOrFail(StaffUser, { email: `${who}@${key}.demo` });
      const [owner, supervisor, director] = await Promise.all([staff('owner'), staff('supervisor'), staff('director')]);
      const zone = (await em.findOneOrFail(OrgUnit, { id: owner.franchiseId })).timeZone;
      const day = (offset: number) => calendarDate(new Date(now + offset * DAY), zone);
      const madeAt = new Date(now - 20 * DAY);
      const analysis = await replay.as(supervisor.id, madeAt, (ctx) => createAnalysis(ctx, { title: `${day(-50).slice(0, 7)} 满意度分析`, from: day(-50), to: day(-21) }));
      const staffing = analysis.flags.find((f) => f.kind === ReviewFlagKind.STAFFING_REVIEW);
      const problems = [
        ...(staffing ? [{ key: 'agent', title: `${staffing.agentName ?? ''}的服务投诉集中`, description: staffing.reason, grade: ProblemGrade.SEVERE }] : []),
        { key: 'wait', title: '高峰时段电话等待时间长', description: '上午 10–11 点接通慢，客户反映“电话等了很久才接通”。', grade: ProblemGrade.MAJOR },
        { key: 'follow-up', title: '承诺回电未回', description: '个别客户反映“说好回电却没有回电”。', grade: ProblemGrade.MINOR },
      ];
      const written = await replay.as(supervisor.id, new Date(madeAt.getTime() + 3_600_000), (ctx) =>
        updateAnalysis(ctx, {
          id: analysis.id,
          version: analysis.version,
          findings: staffing ? `不满意评价集中在一名客服（${staffing.reason}），其余为高峰等待和回电跟进问题。` : '整体满意度平稳，不满意评价主要为高峰等待和回电跟进问题。',
          problems,
        }),
      );
      const action = (problemKey: string, title: string, dueOffset: number, evidenceRequired: string) =>
        replay.as(supervisor.id, new Date(madeAt.getTime() + 2 * 3_600_000), (ctx) => addImprovementAction(ctx, { analysisId: written.id, problemKey, title, ownerId: director.id, dueDate: day(dueOffset), evidenceRequired }));
      const closed = await action('wait', '高峰时段增派接线人员', -8, '调整后的排班表');
      const open = await action(staffing ? 'agent' : 'follow-up', staffing ? '对相关客服进行服务礼仪与沟通培训并跟踪考核' : '建立回电登记与次日核查', 14, '培训签到表与考核结果');
      const done = await replay.as(director.id, new Date(now - 10 * DAY), (ctx) =>
        reportImprovementProgress(ctx, { id: closed.id, version: closed.version, note: '已调整排班，10–11 点增加一名接线人员。', evidenceUrls: ['https://files.pharmadesk.demo/roster-adjusted.xlsx'], done: true }),
      );
      await replay.as(supervisor.id, new Date(now - 9 * DAY), (ctx) => verifyImprovementAction(ctx, { id: done.id, version: done.version, accept: true, comment: '抽查接通时长已明显缩短，验收通过。' }));
      await replay.as(director.id, new Date(now - 3 * DAY), (ctx) => reportImprovementProgress(ctx, { id: open.id, version: open.version, note: '已安排下周二培训，考核随后进行。' }));
    }
  },
};
