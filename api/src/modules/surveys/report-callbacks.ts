import { calendarDate, clock } from '../../core/clock';
import { onEvent, type EventHandler } from '../../core/plugins/plugin';
import { OrgUnit } from '../org/org-unit.entity';
import { planReportCallbacks, withDefaultRules } from './callback-plan';
import { CallbackRule, CallbackRuleKind } from './callback.entity';

/** The service journey's delivered report drives the REPORT_DELIVERED callback rules (tasks on the callback desk). */
export const reportCallbackHandlers: readonly EventHandler<unknown>[] = [
  onEvent({
    event: 'journey.report_delivered',
    name: 'plan the report-delivered callbacks',
    async handle(event, { inFranchise }) {
      await inFranchise(async (ctx) => {
        const franchise = await ctx.em.findOne(OrgUnit, { id: event.franchiseId }, { fields: ['timeZone'] });
        const saved = await ctx.em.find(CallbackRule, { franchiseId: event.franchiseId, kind: CallbackRuleKind.REPORT_DELIVERED });
        const rules = withDefaultRules(saved, [event.franchiseId]).filter((r) => r.kind === CallbackRuleKind.REPORT_DELIVERED);
        const deliveredOn = calendarDate(new Date(event.deliveredAt), franchise?.timeZone ?? 'Asia/Shanghai');
        await planReportCallbacks(ctx.em, rules, { customerId: event.customerId, reportNo: event.testOrderNo, deliveredOn }, clock.now());
      });
    },
  }),
];
