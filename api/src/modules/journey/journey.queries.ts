import type { FilterQuery } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { labelStates } from '../../core/plugins/workflows';
import { embedChildren, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { customerEmbed } from '../customers/customer.queries';
import { staffEmbed } from '../identity/staff.queries';
import { orgUnitEmbed } from '../org/org.queries';
import { scopedOrgUnitIds } from '../org/org.service';
import { TestItem, TestOrder, TestOrderLine, TestOrderStep } from './journey.entity';
import { JourneyPermission } from './journey.permissions';

/**
 * The journey's read path: the test catalogue, and pages of test orders (the journey board, a
 * customer's tests) as plain rows with the columns asked for; lines, steps, customer, doctor and
 * store embedded in the page's one statement, state labels once per franchise and workflow.
 */

const TEST_ITEM_READ: ReadSpec<TestItem> = { entity: TestItem, always: ['id', 'franchiseId'] };
const LINE_READ: ReadSpec<TestOrderLine> = { entity: TestOrderLine, always: ['id', 'franchiseId', 'testOrderId', 'testItemId'] };
const STEP_READ: ReadSpec<TestOrderStep> = { entity: TestOrderStep, always: ['id', 'franchiseId', 'testOrderId', 'actorId'] };

export function listTestItems(ctx: RequestContext, args: ListArgs, selection: Selection | null = null) {
  return readPage(ctx.em, TEST_ITEM_READ, args, selection, { defaultSort: [{ field: 'code', direction: SortDirection.ASC }] });
}

export function testOrderReadSpec(ctx: RequestContext): ReadSpec<TestOrder> {
  return {
    entity: TestOrder,
    always: ['id', 'franchiseId', 'workflow', 'state', 'customerId', 'doctorId', 'orgUnitId', 'appointmentId'],
    needs: { allowedActions: '*', reportOverdue: ['expectedReportOn'] },
    embeds: {
      customer: customerEmbed(ctx, 'customer_id'),
      doctor: staffEmbed(ctx, 'doctor_id'),
      orgUnit: orgUnitEmbed(ctx, 'org_unit_id'),
      lines: embedChildren(LINE_READ, 'test_order_line', 'test_order_id', (a) => `${a}.line_no`),
      steps: embedChildren(STEP_READ, 'test_order_step', 'test_order_id', (a) => `${a}.created_at, ${a}.id`),
    },
  };
}

/**
 * Which test orders the caller sees: those of customers at stores in their part of the org tree,
 * the ones they prescribed (a branch center's doctor for the stores' customers), and, for the
 * consulting department (test:lab: it receives the samples and reviews the reports of the
 * franchise's stores), all of their franchise's. Null: no narrowing beyond row-level security.
 */
export async function testOrderScope(ctx: RequestContext): Promise<FilterQuery<TestOrder> | null> {
  const actor = requireActor(ctx);
  if (actor.permissions.has(JourneyPermission['test:lab'])) return null;
  const units = await scopedOrgUnitIds(ctx);
  if (!units) return null;
  return actor.kind === 'user' ? { $or: [{ orgUnitId: { $in: units } }, { doctorId: actor.id }] } : { orgUnitId: { $in: units } };
}

/** `testOrders(filter, sorting, paging)`: in the caller's scope (testOrderScope), newest first. */
export async function listTestOrders(ctx: RequestContext, args: ListArgs, where: FilterQuery<TestOrder> = {}, selection: Selection | null = null) {
  const scope = await testOrderScope(ctx);
  return readPage(ctx.em, testOrderReadSpec(ctx), args, selection, {
    where: (scope ? { $and: [scope, where] } : where) as FilterQuery<TestOrder>,
    defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }, { field: 'testOrderNo', direction: SortDirection.DESC }],
    complete: !selection || selection.has('stateLabel') ? (rows) => labelStates(ctx.em, rows) : undefined,
  });
}

/** `testOrder(id)`: null when not visible. */
export async function readTestOrder(ctx: RequestContext, id: string, selection: Selection | null = null): Promise<TestOrder | null> {
  const page = await listTestOrders(ctx, { paging: { limit: 1, offset: 0 } }, { id }, selection);
  return (page.nodes[0] as TestOrder | undefined) ?? null;
}
