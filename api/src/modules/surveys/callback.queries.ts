import type { FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { calendarDate, clock } from '../../core/clock';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { customerEmbed } from '../customers/customer.queries';
import { orgUnitLoader } from '../org/org.loaders';
import { orgUnitScopeCondition } from '../org/org.service';
import { CallbackStatus, CallbackTask } from './callback.entity';
import { satisfactionRequestEmbed } from './survey.queries';
import { readRows } from '../../core/read/sql';

/** Callback tasks as plain rows, the customer (the card on the desk) and the survey embedded when asked for. */
function callbackReadSpec(ctx: RequestContext): ReadSpec<CallbackTask> {
  return {
    entity: CallbackTask,
    always: ['id', 'franchiseId', 'customerId', 'surveyId', 'dueDate', 'orgUnitId'],
    embeds: { customer: customerEmbed(ctx, 'customer_id'), survey: satisfactionRequestEmbed('survey_id') },
  };
}

const DESK_SORT = [
  { field: 'dueDate', direction: SortDirection.ASC },
  { field: 'nextAttemptAt', direction: SortDirection.ASC },
  { field: 'createdAt', direction: SortDirection.ASC },
];

/** Every callback task in the caller's part of the organisation (supervisors' view), with filters. */
export async function listCallbackTasks(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const scope = await orgUnitScopeCondition(ctx);
  return readPage(ctx.em, callbackReadSpec(ctx), args, selection, { where: scope as FilterQuery<CallbackTask>, defaultSort: DESK_SORT });
}

/**
 * The agent's desk: tasks due by today (the franchise's calendar) that are theirs or nobody's,
 * open or to retry now, earliest due first, then those waiting longest for a retry.
 */
export async function callbackDesk(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  const actor = requireActor(ctx);
  const now = clock.now();
  const zone = (await orgUnitLoader(ctx).load(actor.franchiseId))?.timeZone ?? 'Asia/Shanghai';
  const where = {
    ...(await orgUnitScopeCondition(ctx)),
    status: { $in: [CallbackStatus.OPEN, CallbackStatus.RETRY] },
    dueDate: { $lte: calendarDate(now, zone) },
    $and: [{ $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }] }, { $or: [{ assigneeId: null }, { assigneeId: actor.id }] }],
  };
  return readPage(ctx.em, callbackReadSpec(ctx), { paging: args.paging }, selection, { where: where as FilterQuery<CallbackTask>, defaultSort: DESK_SORT });
}

/** The store and assignee of each callback task, for the reports module (plain rows, one statement). */
export function callbackReportRows(ctx: RequestContext, ids: readonly string[]) {
  return readRows<{ id: string; org_unit_id: string; assignee_id: string | null }>(ctx.em, `select t.id, t.org_unit_id, t.assignee_id from callback_task t where t.id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
}
