import {
  answerQuarterlySurvey,
  calendarDate,
  clock,
  createSurveyTemplate,
  createThirdPartySurveyProject,
  importThirdPartySurveyResults,
  openQuarterlySurveyRound,
  OrgUnit,
  OrgUnitKind,
  QuarterlyAudience,
  StaffUser,
  SurveyPurpose,
  SurveyQuestionKind,
} from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

const DAY = 24 * 3_600_000;

/** The quarter of a YYYY-MM-DD day, its first and last days. */
function quarterOf(day: string): { quarter: string; first: string; last: string } {
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  const q = Math.ceil(month / 3);
  const lastMonth = q * 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return { quarter: `${year}-Q${q}`, first: `${year}-${String(lastMonth - 2).padStart(2, '0')}-01`, last: `${year}-${String(lastMonth).padStart(2, '0')}-${lastDay}` };
}

/**
 * Quarterly surveys and a third-party project, through the services relative to the clock: HQ's
 * quarterly template; last quarter's round (closed by its date) answered by both franchise
 * owners, this quarter's still open and unanswered; a third-party mystery-shopping project over
 * the four demo stores last month with the firm's results imported from CSV.
 */
export const surveyProjectsSeeder: Seeder = {
  name: 'survey-projects',
  async run({ em, shared, logger }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const replay = new ServiceReplay(em, logger);
    const now = clock.nowMs();
    const hq = await em.findOneOrFail(StaffUser, { email: 'admin@hq.demo' });
    const today = calendarDate(new Date(now), 'Asia/Shanghai');
    const current = quarterOf(today);
    const previous = quarterOf(calendarDate(new Date(new Date(`${current.first}T00:00:00Z`).getTime() - DAY), 'UTC'));
    const template = await replay.as(hq.id, new Date(now - 120 * DAY), (ctx) =>
      createSurveyTemplate(ctx, {
        code: 'quarterly-franchise',
        name: '加盟机构季度满意度调查',
        purpose: SurveyPurpose.GENERAL,
        shared: true,
        questions: [
          { key: 'service', kind: SurveyQuestionKind.RATING, text: '总部服务质量', required: true, satisfaction: true },
          { key: 'followUp', kind: SurveyQuestionKind.RATING, text: '问题跟进及时性', required: true },
          { key: 'solving', kind: SurveyQuestionKind.RATING, text: '问题解决效果', required: true },
          { key: 'comment', kind: SurveyQuestionKind.TEXT, text: '意见与建议' },
        ],
      } as Parameters<typeof createSurveyTemplate>[1]),
    );
    const openedLast = new Date(`${previous.first}T02:00:00Z`);
    const last = await replay.as(hq.id, openedLast, (ctx) => openQuarterlySurveyRound(ctx, { quarter: previous.quarter, templateId: template.id, audience: [QuarterlyAudience.FRANCHISES, QuarterlyAudience.PARTNERS], closesOn: previous.last }));
    const answers: Record<string, [number, number, number, string]> = { east: [4, 4, 3, '希望总部加快处理门店缺货的调拨申请。'], west: [5, 3, 4, '培训资料很实用，问题跟进还可以更及时。'] };
    for (const { key } of organization.franchises) {
      const owner = await em.findOneOrFail(StaffUser, { email: `owner@${key}.demo` });
      const [service, followUp, solving, comment] = answers[key] ?? [4, 4, 4, ''];
      await replay.as(owner.id, new Date(openedLast.getTime() + 10 * DAY), (ctx) =>
        answerQuarterlySurvey(ctx, { roundId: last.id, answers: [{ questionKey: 'service', value: service }, { questionKey: 'followUp', value: followUp }, { questionKey: 'solving', value: solving }, { questionKey: 'comment', text: comment }] }),
      );
    }
    const closesOn = calendarDate(new Date(Math.max(now + 14 * DAY, new Date(`${current.last}T00:00:00Z`).getTime())), 'UTC');
    await replay.as(hq.id, new Date(now - DAY), (ctx) => openQuarterlySurveyRound(ctx, { quarter: current.quarter, templateId: template.id, audience: [QuarterlyAudience.FRANCHISES, QuarterlyAudience.PARTNERS], closesOn }));

    // A third-party mystery-shopping project over the four stores, last month's 30 days.
    const stores = await em.find(OrgUnit, { kind: OrgUnitKind.STORE }, { orderBy: { code: 'asc' } });
    const startDate = calendarDate(new Date(now - 40 * DAY), 'Asia/Shanghai');
    const endDate = calendarDate(new Date(now - 11 * DAY), 'Asia/Shanghai');
    const project = await replay.as(hq.id, new Date(now - 45 * DAY), (ctx) =>
      createThirdPartySurveyProject(ctx, { name: '门店神秘顾客暗访', firm: '零点有数调查公司', scope: '神秘顾客到店暗访：服务态度、专业解答、等候时间', storeIds: stores.map((s) => s.id), startDate, endDate, notes: '每店 20 人次，按问题汇总。' }),
    );
    const scores: Record<string, number> = { 服务态度: 4.5, 专业解答: 4.1, 等候时间: 3.4 };
    const rows = ['store_code,date,question,score,count'];
    stores.forEach((store, i) => {
      const day = calendarDate(new Date(now - (30 - 3 * i) * DAY), 'Asia/Shanghai');
      for (const [question, base] of Object.entries(scores)) rows.push(`${store.code},${day},${question},${(base - 0.2 * (i % 3)).toFixed(1)},20`);
    });
    await replay.as(hq.id, new Date(now - 10 * DAY), (ctx) =>
      importThirdPartySurveyResults(ctx, { projectId: project.id, version: project.version, fileName: '神秘顾客暗访结果.csv', contentBase64: Buffer.from(rows.join('\n'), 'utf8').toString('base64') }),
    );
  },
};
