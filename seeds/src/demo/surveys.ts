import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CallbackStatus,
  CallbackTask,
  callbackTemplateVersionId,
  calendarDate,
  CaseType,
  clock,
  createSurveyTemplate,
  OrgUnit,
  planCallbacks,
  raiseCaseFromCallback,
  recordCallbackOutcome,
  recordSurveyAnswers,
  SatisfactionRequest,
  SatisfactionRequestStatus,
  sendSatisfactionRequest,
  StaffUser,
  SurveyChannel,
  SurveyPurpose,
  SurveyQuestionKind,
  SurveyTemplateVersion,
  type RequestContext,
} from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Rng } from '../framework/rng';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Days of callbacks replayed before today (four months). */
const HISTORY_DAYS = 120;

/** The franchise's own callback questionnaire (HQ's service survey stays the one after a case). */
const CALLBACK_QUESTIONS = [
  { key: 'overall', kind: SurveyQuestionKind.RATING, text: '您对我们近期的服务满意吗？（1–5 分）', required: true, weight: 3, satisfaction: true },
  { key: 'resolved', kind: SurveyQuestionKind.YES_NO, text: '您的用药或健康问题是否得到了解答？', required: true, weight: 2 },
  { key: 'best', kind: SurveyQuestionKind.SINGLE_CHOICE, text: '您最看重我们哪一方面？', required: false, weight: 1, options: [
    { value: 'attitude', label: '服务态度', score: 10 }, { value: 'expertise', label: '专业解答', score: 10 }, { value: 'delivery', label: '送药速度', score: 10 }, { value: 'price', label: '价格', score: 10 },
  ] },
  { key: 'recommend', kind: SurveyQuestionKind.NPS, text: '您有多大可能向亲友推荐我们？（0–10 分）', required: false, weight: 1 },
  { key: 'suggestion', kind: SurveyQuestionKind.TEXT, text: '您还有什么意见或建议？', required: false, weight: 0 },
];
type Answer = { questionKey: string; value?: number; choices?: string[] };
const PRAISE = ['药师讲解很耐心', '送药很及时，谢谢', '健康管理师很贴心', '希望多办健康讲座'];
const COMPLAINTS = ['电话等了很久才接通', '上次的问题没有人跟进', '回复太慢，态度一般', '说好回电却没有回电'];

/**
 * A customer's ratings: most are pleased; the agent whose service draws complaints gets 1 or 2
 * more than half the time (the two agents share the calls, so that agent's dissatisfaction stands
 * out in any month's analysis, whatever the date the demo is written on).
 */
function rating(rng: Rng, poorly: boolean): number {
  return poorly ? rng.pickWeighted([[1, 28], [2, 27], [3, 20], [4, 17], [5, 8]] as const) : rng.pickWeighted([[1, 1], [2, 3], [3, 9], [4, 37], [5, 50]] as const);
}

/** A recommendation (0–10) in line with the rating. */
function recommendation(rng: Rng, score: number): number {
  const [low, high] = ([[0, 3], [2, 5], [5, 7], [7, 9], [9, 10]] as const)[score - 1]!;
  return rng.int(low, high);
}

/** Local wall-clock time on a date in Asia/Shanghai-like fixed zones (the demo franchises have no DST). */
function localInstant(date: string, hour: number, minute: number, zone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const shown = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(guess));
  const offset = Date.parse(`${shown.replace(' ', 'T')}:00Z`) - guess;
  return new Date(guess - offset + (hour * 60 + minute) * 60_000);
}

/**
 * The callbacks due by a date, in an order that is the same on every seeding: the plan job creates
 * a week's tasks at one instant, so due date and creation time tie, and the database returns ties in
 * whatever order it stored them (the agent each task falls to, and its ratings, would vary). Ties
 * are broken by what the seed fixes: the customer (seeded ids), the rule, the surveyed contact's time.
 */
async function dueInSeedOrder(em: EntityManager, date: string): Promise<CallbackTask[]> {
  const due = await em.find(CallbackTask, { dueDate: { $lte: date }, status: { $in: [CallbackStatus.OPEN, CallbackStatus.RETRY] } });
  const surveyIds = due.flatMap((task) => (task.surveyId ? [task.surveyId] : []));
  const surveyed = surveyIds.length ? await em.find(SatisfactionRequest, { id: { $in: surveyIds } }, { fields: ['createdAt'] }) : [];
  const surveyedAt = new Map(surveyed.map((survey) => [survey.id, survey.createdAt.getTime()]));
  em.clear();
  const contactAt = (task: CallbackTask) => (task.surveyId ? surveyedAt.get(task.surveyId) ?? 0 : 0);
  return due.sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a.customerId.localeCompare(b.customerId) ||
      a.kind.localeCompare(b.kind) ||
      contactAt(a) - contactAt(b) ||
      (a.surveyId ? 0 : a.purposeKey.localeCompare(b.purposeKey)),
  );
}

/**
 * Surveys and callbacks: each franchise's own callback questionnaire, the service surveys of
 * resolved cases sent and partly answered online, then four months of the callback plan (the job) and the agents working the desk at the
 * good calling windows: most calls completed with the questionnaire's answers (the service
 * surveys of resolved cases asked on the after-service call), some unanswered and tried again
 * (unreachable after the rule's attempts), refused, a wrong number; a few problems raised as
 * cases. East's second agent draws concentrated dissatisfaction. Today's callbacks stay open on
 * the desk. All through the services, relative to the clock.
 */
export const surveysSeeder: Seeder = {
  name: 'surveys',
  async run({ em, rng, shared, logger }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const replay = new ServiceReplay(em, logger);
    const now = clock.nowMs();
    const people = new Map<string, { callers: StaffUser[]; supervisor: string; poorly: string | null; zone: string }>();
    for (const { key } of organization.franchises) {
      const staff = (who: string) => em.findOneOrFail(StaffUser, { email: `${who}@${key}.demo` });
      const [owner, supervisor, agent, agent2] = await Promise.all([staff('owner'), staff('supervisor'), staff('agent'), staff('agent2')]);
      const zone = (await em.findOneOrFail(OrgUnit, { id: owner.franchiseId })).timeZone;
      await replay.as(owner.id, new Date(now - (HISTORY_DAYS + 10) * DAY), (ctx) =>
        createSurveyTemplate(ctx, { code: 'callback-phone', name: '电话回访问卷', purpose: SurveyPurpose.CALLBACK, questions: CALLBACK_QUESTIONS }),
      );
      people.set(owner.franchiseId, { callers: [agent, agent2], supervisor: supervisor.id, poorly: key === 'east' ? agent2.id : null, zone });
    }
    const as = <T>(who: string | null, at: Date, work: (ctx: RequestContext) => Promise<T>) => replay.as(who, at, work);
    const counts: Record<string, number> = {};
    let cases = 0;
    let planMs = 0;
    const started = Date.now();

    // The service surveys of resolved cases: sent by SMS or WeChat soon after, about half answered within the day (the after-service call asks the others).
    const pending = await em.find(SatisfactionRequest, { status: SatisfactionRequestStatus.PENDING, sourceKind: 'case' }, { orderBy: { createdAt: 'asc', customerId: 'asc' } });
    em.clear();
    let answeredOnline = 0;
    for (const request of pending) {
      const team = people.get(request.franchiseId);
      if (!team) continue;
      const supervisor = team.supervisor;
      const sentAt = request.createdAt.getTime() + rng.int(5, 60) * 60_000;
      if (sentAt > now) continue;
      const channel = rng.pickWeighted([[SurveyChannel.SMS, 3], [SurveyChannel.WECHAT, 5]] as const);
      const sent = await as(supervisor, new Date(sentAt), (ctx) => sendSatisfactionRequest(ctx, { id: request.id, channel }));
      const answeredAt = sentAt + rng.int(1, 20) * HOUR;
      if (answeredAt > now || !rng.chance(0.5)) continue;
      const score = rating(rng, request.staffId === team.poorly);
      const answers: Answer[] = [{ questionKey: 'overall', value: score }, { questionKey: 'resolved', choices: [score >= 3 ? 'yes' : 'no'] }, ...(rng.chance(0.8) ? [{ questionKey: 'recommend', value: recommendation(rng, score) }] : [])];
      await as(supervisor, new Date(answeredAt), (ctx) => recordSurveyAnswers(ctx, { id: sent.id, version: sent.version, answers, suggestion: rng.chance(0.25) ? rng.pick(score <= 2 ? COMPLAINTS : PRAISE) : null }));
      answeredOnline++;
    }

    for (let back = HISTORY_DAYS; back >= 0; back--) {
      const day = new Date(now - back * DAY);
      // The plan job each morning (07:00 in Shanghai; the franchises share the zone).
      const zone = [...people.values()][0]!.zone;
      const date = calendarDate(day, zone);
      const morning = localInstant(date, 7, 0, zone);
      if (morning.getTime() > now) break;
      const planStart = Date.now();
      // The plan runs weekly here (daily in production: the same tasks, each rule idempotent), to keep seeding fast.
      if (back % 7 === 0) await as(null, morning, (ctx) => planCallbacks(ctx.em, morning));
      planMs += Date.now() - planStart;
      if (back === 0) break; // today's callbacks wait on the desk
      const due = await dueInSeedOrder(em, date);
      for (const [i, task] of due.entries()) {
        const team = people.get(task.franchiseId);
        if (!team) continue;
        const window = localInstant(date, i % 2 ? 16 : 11, rng.int(0, 40), team.zone);
        if (task.nextAttemptAt && task.nextAttemptAt.getTime() > window.getTime()) continue;
        const caller = team.callers[i % team.callers.length]!;
        const survey = task.surveyId ? await em.findOne(SatisfactionRequest, { id: task.surveyId }, { fields: ['staffId'] }) : null;
        em.clear();
        const poorly = (survey?.staffId ?? caller.id) === team.poorly;
        const outcome = rng.pickWeighted([[CallbackStatus.COMPLETED, 74], [CallbackStatus.RETRY, 16], [CallbackStatus.REFUSED, 6], [CallbackStatus.WRONG_NUMBER, 3], [CallbackStatus.DO_NOT_CALL, 1]] as const);
        const score = rating(rng, poorly);
        const answers =
          outcome === CallbackStatus.COMPLETED
            ? await as(caller.id, window, async (ctx) => {
                // The questions the call asks (the service survey after a case, else the franchise's questionnaire).
                const versionId = await callbackTemplateVersionId(ctx, await ctx.em.findOneOrFail(CallbackTask, { id: task.id }));
                const { questions } = await ctx.em.findOneOrFail(SurveyTemplateVersion, { id: versionId });
                return questions.flatMap((q): Answer[] => {
                  if (q.kind === 'RATING') return [{ questionKey: q.key, value: score }];
                  if (q.kind === 'NPS') return [{ questionKey: q.key, value: recommendation(rng, score) }];
                  if (q.kind === 'YES_NO') return [{ questionKey: q.key, choices: [score >= 3 || rng.chance(0.2) ? 'yes' : 'no'] }];
                  if (q.kind === 'SINGLE_CHOICE') return rng.chance(0.7) ? [{ questionKey: q.key, choices: [rng.pick(q.options).value] }] : [];
                  return [];
                });
              })
            : null;
        const suggestion = answers && rng.chance(0.3) ? rng.pick(score <= 2 ? COMPLAINTS : PRAISE) : null;
        await as(caller.id, window, (ctx) => recordCallbackOutcome(ctx, { id: task.id, version: task.version, outcome, answers: answers ?? undefined, suggestion, note: null, retryAt: null }));
        counts[outcome] = (counts[outcome] ?? 0) + 1;
        // A complaint heard on the call becomes a case, linked to the callback.
        if (answers && score <= 2 && rng.chance(0.15)) {
          await as(caller.id, new Date(window.getTime() + 5 * 60_000), (ctx) =>
            raiseCaseFromCallback(ctx, { id: task.id, type: CaseType.COMPLAINT, subject: `回访反馈：${suggestion ?? '对服务不满意'}`, description: '客户在电话回访中反映对近期服务不满意，请跟进核实。' }),
          );
          cases++;
        }
      }
    }
    logger.info({ surveys: pending.length, answeredOnline, outcomes: counts, cases, planMs, totalMs: Date.now() - started }, 'demo surveys and callbacks replayed');
  },
};
