import type { FilterQuery } from '@mikro-orm/postgresql';
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

/** `testOrders(filter, sorting, paging)`: at stores in the caller's part of the org tree, newest first. */
export async function listTestOrders(ctx: RequestContext, args: ListArgs, where: FilterQuery<TestOrder> = {}, selection: Selection | null = null) {
  const units = await scopedOrgUnitIds(ctx);
  return readPage(ctx.em, testOrderReadSpec(ctx), args, selection, {
    where: { ...(units ? { orgUnitId: { $in: units } } : {}), ...(where as object) } as FilterQuery<TestOrder>,
    defaultSort: [{ field: 'createdAt', direction: SortDirection.DESC }, { field: 'testOrderNo', direction: SortDirection.DESC }],
    complete: !selection || selection.has('stateLabel') ? (rows) => labelStates(ctx.em, rows) : undefined,
  });
}

/** `testOrder(id)`: null when not visible. */
export async function readTestOrder(ctx: RequestContext, id: string, selection: Selection | null = null): Promise<TestOrder | null> {
  const page = await listTestOrders(ctx, { paging: { limit: 1, offset: 0 } }, { id }, selection);
  return (page.nodes[0] as TestOrder | undefined) ?? null;
}
