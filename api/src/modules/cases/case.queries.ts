import type { FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import { NotFoundError } from '../../core/errors';
import type { ListArgs } from '../../core/graphql/list';
import type { OffsetPaging } from '../../core/graphql/paging';
import { SortDirection, type SortInput } from '../../core/graphql/sorting';
import { labelStates } from '../../core/plugins/workflows';
import { jsonOf, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { readRows } from '../../core/read/sql';
import { customerEmbed } from '../customers/customer.queries';
import { staffEmbed } from '../identity/staff.queries';
import { orgUnitEmbed } from '../org/org.queries';
import { orgUnitScopeCondition } from '../org/org.service';
import { Case } from './case.entity';
import type { CaseView } from './queue.entity';
import { viewCondition } from './queue.service';
import { CaseSlaClock } from './sla.entity';

/**
 * The cases read path: lists and queue pages as plain rows with the columns the request
 * selects; customer, owner, expert, org unit and SLA clocks embedded in the page's one
 * statement; state labels computed for the whole page (one workflow per franchise and
 * workflow). Writes (case.service) keep entities, the unit of work and optimistic locking.
 */

const CLOCK_READ: ReadSpec<CaseSlaClock> = { entity: CaseSlaClock, always: [] };

export function caseReadSpec(ctx: RequestContext): ReadSpec<Case> {
  return {
    entity: Case,
    always: ['id'],
    // Workflow guards may read any field of the case; the state's label is the franchise's workflow's.
    needs: { allowedActions: '*', stateLabel: ['franchiseId', 'workflow', 'state'], solutionAmount: ['solutionAmountValue'], order: ['orderId'], orderLine: ['orderLineId'], product: ['productId'], lot: ['lotId'] },
    computed: { solutionAmount: (a) => `${a}.solution_amount_value::float8` },
    embeds: {
      customer: customerEmbed(ctx, 'customer_id'),
      owner: staffEmbed(ctx, 'owner_id'),
      expert: staffEmbed(ctx, 'expert_id'),
      orgUnit: orgUnitEmbed(ctx, 'org_unit_id'),
      slaClocks: {
        spec: CLOCK_READ,
        sql: (a, selection, em) =>
          `(select coalesce(json_agg(${jsonOf(em, CLOCK_READ, `${a}_k`, selection)} order by ${a}_k.started_at, ${a}_k.kind), '[]'::json) from case_sla_clock ${a}_k where ${a}_k.case_id = ${a}.id)`,
      },
    },
  };
}

/** `cases(filter, sorting, paging)` and every case list: the actor's part of the tree, newest first by default. */
export async function listCases(ctx: RequestContext, args: ListArgs, where: FilterQuery<Case> = {}, selection: Selection | null = null) {
  const scope = await orgUnitScopeCondition(ctx);
  return readPage(ctx.em, caseReadSpec(ctx), args, selection, {
    where: { ...scope, ...(where as object) } as FilterQuery<Case>,
    defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }],
    complete: !selection || selection.has('stateLabel') ? (rows) => labelStates(ctx.em, rows) : undefined,
  });
}

/** A saved view as the queue reads it (plain row): NOT_FOUND when another's personal view. */
export async function readCaseView(ctx: RequestContext, id: string): Promise<Pick<CaseView, 'id' | 'ownerId' | 'filter' | 'sorting'>> {
  const actor = requireActor(ctx);
  const [view] = await readRows<Pick<CaseView, 'id' | 'ownerId' | 'filter' | 'sorting'>>(
    ctx.em,
    `select id, owner_id as "ownerId", filter, sorting from case_view where id = ?`,
    [id],
  );
  if (!view || (view.ownerId && view.ownerId !== actor.id)) throw new NotFoundError('Case view', id);
  return view;
}

/** A queue page: the view's cases, in its order unless sorting is given. */
export async function caseQueue(ctx: RequestContext, viewId: string, args: { sorting?: SortInput[] | null; paging?: OffsetPaging | null }, selection: Selection | null = null) {
  const view = await readCaseView(ctx, viewId);
  return listCases(ctx, { sorting: args.sorting?.length ? args.sorting : (view.sorting as SortInput[]), paging: args.paging }, viewCondition(view), selection);
}

/**
 * What the reports module counts of cases (plain rows, one statement): type, complaint category, subject,
 * store, owner (else who opened it) and whether any SLA clock of the case was breached.
 */
export function caseReportRows(ctx: RequestContext, ids: readonly string[]) {
  return readRows<{ id: string; type: string; category: string | null; subject: string; org_unit_id: string; agent_id: string | null; sla_breached: boolean }>(
    ctx.em,
    `select c.id, c.type, c.category, c.subject, c.org_unit_id, coalesce(c.owner_id, c.created_by_id) as agent_id,
            exists (select 1 from case_sla_clock k where k.case_id = c.id and k.breached_at is not null) as sla_breached
       from service_case c where c.id = any(?::uuid[])`,
    [`{${ids.join(',')}}`],
  );
}
