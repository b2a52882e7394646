import type { FilterQuery } from '@mikro-orm/postgresql';
import { OptimisticLockError } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import { calendarDate, clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../core/errors';
import { publishEvent, publishLive } from '../../core/events/outbox';
import { byIdLoader } from '../../core/loaders';
import { formatNumber, nextNumber, numberingYear } from '../../core/numbering/numbering';
import { workflowFor } from '../../core/plugins/workflows';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { availableTransitions, runTransition, type AvailableTransition, type WorkflowDefinition } from '../../core/workflow/workflow';
import { findAppointment } from '../appointments/appointment.service';
import { getDoctor } from '../appointments/schedule.service';
import { getCustomer } from '../customers/customer.service';
import { CatalogStatus } from '../inventory/catalog.entity';
import { assertCanEdit, refuseClearing } from '../inventory/catalog.service';
import { OrgUnit } from '../org/org-unit.entity';
import { orgUnitLoader } from '../org/org.loaders';
import { findOrgUnit } from '../org/org.service';
import { TestItem, TestOrder, TestOrderLine, TestOrderStep } from './journey.entity';
import { JourneyPermission } from './journey.permissions';
import type { PrescribeTestsInput, TestItemInput, UpdateTestItemInput } from './journey.types';
import { TEST_ORDER_WORKFLOW } from './journey.workflows';

/**
 * The test catalogue and test orders: the doctor prescribes items (prices and total from the
 * server, in cents), and the order moves through its workflow one step at a time; each step is
 * a row (who, when, why), a typed outbox event, and the report's release and delivery their own
 * events (the doctor and health manager are told; the callbacks plan the report-delivered calls).
 */

const MAX_TOTAL_CENTS = 2_000_000_000;

// ---------------------------------------------------------------------------- catalogue

export async function getTestItem(ctx: RequestContext, id: string, label = 'Test item'): Promise<TestItem> {
  const item = await byIdLoader(ctx, TestItem).load(id);
  if (!item) throw new NotFoundError(label, id);
  return item;
}

async function assertCodeFree(ctx: RequestContext, code: string, franchiseId: string | null): Promise<void> {
  if (await ctx.em.findOne(TestItem, { code, franchiseId } as FilterQuery<TestItem>, { fields: ['id'] }))
    throw new BadUserInputError({ field: 'code', message: `the code ${code} is already used by another test item`, reason: 'DUPLICATE', params: { code } });
}

export async function createTestItem(ctx: RequestContext, input: TestItemInput): Promise<TestItem> {
  const actor = requireActor(ctx);
  if (input.shared && !actor.isHq) throw new ForbiddenError('Only HQ adds test items to the shared catalogue; leave shared off to add one for your franchise');
  const franchiseId = input.shared ? null : actor.franchiseId;
  const code = input.code.trim();
  await assertCodeFree(ctx, code, franchiseId);
  const item = ctx.em.create(TestItem, { franchiseId, code, name: input.name.trim(), priceCents: input.priceCents, samplingGuide: input.samplingGuide?.trim() || null, turnaroundDays: input.turnaroundDays });
  await ctx.em.flush();
  return item;
}

export async function updateTestItem(ctx: RequestContext, input: UpdateTestItemInput): Promise<TestItem> {
  const actor = requireActor(ctx);
  refuseClearing(input.update, ['name', 'priceCents', 'turnaroundDays', 'status']);
  const item = await getTestItem(ctx, input.id);
  assertCanEdit(actor, item, 'Test item');
  checkVersion(item, input.version, 'Test item');
  applyUpdate(item, { ...input.update, ...(input.update.name ? { name: input.update.name.trim() } : {}) } as Partial<TestItem>);
  await ctx.em.flush();
  return item;
}

// ---------------------------------------------------------------------------- test orders

export const testOrderLoader = (ctx: RequestContext) => byIdLoader(ctx, TestOrder);

/**
 * The test order, or null when missing or out of the caller's scope (another franchise's: RLS): a
 * store outside their part of the org tree, unless they prescribed it or hold test:lab (the
 * consulting department works for the franchise's stores; see testOrderScope).
 */
export async function findTestOrder(ctx: RequestContext, id: string): Promise<TestOrder | null> {
  const order = await testOrderLoader(ctx).load(id);
  if (!order) return null;
  if (await findOrgUnit(ctx, order.orgUnitId)) return order;
  const actor = ctx.actor;
  return actor && (actor.permissions.has(JourneyPermission['test:lab']) || (actor.kind === 'user' && actor.id === order.doctorId)) ? order : null;
}

export async function getTestOrder(ctx: RequestContext, id: string): Promise<TestOrder> {
  const order = await findTestOrder(ctx, id);
  if (!order) throw new NotFoundError('Test order', id);
  return order;
}

const userId = (ctx: RequestContext) => (ctx.actor?.kind === 'user' ? ctx.actor.id : null);

function recordStep(ctx: RequestContext, order: TestOrder, step: { action: string; fromState?: string | null; reason?: string | null }): TestOrderStep {
  return ctx.em.create(TestOrderStep, { franchiseId: order.franchiseId, testOrderId: order.id, customerId: order.customerId, action: step.action, fromState: step.fromState ?? null, toState: order.state, actorId: userId(ctx), reason: step.reason ?? null });
}

/**
 * Who and where a doctor's record is about: the customer (in the caller's scope), the
 * appointment it was made at (the customer's), and the doctor (given, else the appointment's,
 * else the caller, who must then be a doctor).
 */
export async function visit(ctx: RequestContext, input: { customerId: string; appointmentId?: string | null; doctorId?: string | null }) {
  const actor = requireActor(ctx);
  const customer = await getCustomer(ctx, input.customerId);
  const appointment = input.appointmentId ? await findAppointment(ctx, input.appointmentId) : null;
  if (input.appointmentId && !appointment) throw new NotFoundError('Appointment', input.appointmentId);
  if (appointment && appointment.customerId !== customer.id)
    throw new BadUserInputError({ field: 'appointmentId', message: 'the appointment is another customer’s', reason: 'OTHER_CUSTOMER' });
  const doctor = await getDoctor(ctx, input.doctorId ?? appointment?.doctorId ?? actor.id);
  if (doctor.franchiseId !== customer.franchiseId) throw new BadUserInputError({ field: 'doctorId', message: 'the doctor works for another franchise than the customer’s', reason: 'OTHER_FRANCHISE' });
  return { customer, appointment, doctor };
}

/** A people-facing number of the franchise's series `series` for this year (EAST-HR-2026-000001). */
export async function journeyNumber(ctx: RequestContext, franchiseId: string, series: string, prefix: string): Promise<string> {
  const franchise = await ctx.em.findOneOrFail(OrgUnit, { id: franchiseId });
  const year = numberingYear(clock.now(), franchise.timeZone);
  return formatNumber(`${franchise.code ?? 'T'}-${prefix}`, year, await nextNumber(ctx.em, franchiseId, series, year));
}

/** The doctor prescribes test items for a customer: priced from the catalogue, numbered per franchise, in the workflow's first state. */
export async function prescribeTests(ctx: RequestContext, input: PrescribeTestsInput): Promise<TestOrder> {
  const { customer, appointment, doctor } = await visit(ctx, input);
  if (new Set(input.testItemIds).size !== input.testItemIds.length) throw new BadUserInputError({ field: 'testItemIds', message: 'an item is listed twice', reason: 'DUPLICATE' });
  const items = await Promise.all(input.testItemIds.map((id, i) => getTestItem(ctx, id, `Test item (testItemIds.${i})`)));
  const problems = items.flatMap((item, i) =>
    item.status !== CatalogStatus.ACTIVE || (item.franchiseId != null && item.franchiseId !== customer.franchiseId)
      ? [{ field: `testItemIds.${i}`, message: `${item.name} is not offered`, reason: 'NOT_OFFERED', params: { testItemId: item.id } }]
      : [],
  );
  if (problems.length) throw new BadUserInputError(problems);
  const totalCents = items.reduce((sum, item) => sum + item.priceCents, 0);
  if (totalCents > MAX_TOTAL_CENTS) throw new BadUserInputError({ field: 'testItemIds', message: `the items come to more than ${MAX_TOTAL_CENTS} cents`, reason: 'OUT_OF_RANGE', params: { max: MAX_TOTAL_CENTS } });
  if (input.expectedTotalCents != null && input.expectedTotalCents !== totalCents)
    throw new BadUserInputError({ field: 'expectedTotalCents', message: `the items come to ${totalCents} cents, not ${input.expectedTotalCents}; totals are computed by the server`, reason: 'TOTAL_MISMATCH', params: { expected: totalCents, given: input.expectedTotalCents } });

  const testOrderNo = await journeyNumber(ctx, customer.franchiseId, 'test_order', 'JC');
  const workflow = await workflowFor<TestOrder>(ctx.em, customer.franchiseId, TEST_ORDER_WORKFLOW);
  const order = ctx.em.create(TestOrder, {
    franchiseId: customer.franchiseId,
    testOrderNo,
    customerId: customer.id,
    orgUnitId: customer.orgUnitId,
    doctorId: doctor.id,
    appointmentId: appointment?.id ?? null,
    workflow: workflow.name,
    state: workflow.initial,
    totalCents,
    note: input.note?.trim() || null,
    createdById: userId(ctx),
  });
  items.forEach((item, i) =>
    ctx.em.create(TestOrderLine, { franchiseId: order.franchiseId, testOrderId: order.id, lineNo: i + 1, testItemId: item.id, code: item.code, name: item.name, priceCents: item.priceCents, turnaroundDays: item.turnaroundDays, samplingGuide: item.samplingGuide ?? null }),
  );
  recordStep(ctx, order, { action: 'prescribe' });
  await ctx.em.flush();
  await publishEvent(ctx, 'journey.test_ordered', order.franchiseId, { testOrderId: order.id, testOrderNo, customerId: customer.id, doctorId: doctor.id, appointmentId: order.appointmentId ?? null, totalCents });
  return order;
}

/** The test order's workflow as its franchise runs it (the base plus its enabled plugins' changes). */
export function testOrderWorkflow(ctx: RequestContext, order: Pick<TestOrder, 'franchiseId' | 'workflow'>): Promise<WorkflowDefinition<TestOrder>> {
  return workflowFor<TestOrder>(ctx.em, order.franchiseId, order.workflow);
}

export async function testOrderStateLabel(ctx: RequestContext, order: TestOrder): Promise<string> {
  return (await testOrderWorkflow(ctx, order)).states.find((s) => s.name === order.state)?.label ?? order.state;
}

/** States in which the lab's report is still awaited (due by `expectedReportOn`). */
const AWAITING_REPORT = ['SAMPLING', 'SAMPLE_REJECTED', 'TESTING', 'REPORT_RECEIVED', 'UNDER_REVIEW'];

export async function reportOverdue(ctx: RequestContext, order: Pick<TestOrder, 'franchiseId' | 'state' | 'expectedReportOn'>): Promise<boolean> {
  if (!order.expectedReportOn || !AWAITING_REPORT.includes(order.state)) return false;
  const franchise = await orgUnitLoader(ctx).load(order.franchiseId);
  return order.expectedReportOn < calendarDate(clock.now(), franchise?.timeZone ?? 'Asia/Shanghai');
}

export async function testOrderActions(ctx: RequestContext, order: TestOrder): Promise<AvailableTransition[]> {
  if (!ctx.actor) return [];
  return availableTransitions(await testOrderWorkflow(ctx, order), ctx, order, order.state);
}

/**
 * Takes a step of the journey: the interpreter checks the action against the state, the
 * permission and the required fields (INVALID_TRANSITION, FORBIDDEN, BAD_USER_INPUT); the step
 * is recorded with who and when, and published. Releasing and delivering the report are events
 * of their own.
 */
export async function transitionTestOrder(ctx: RequestContext, order: TestOrder, action: string, input: Record<string, unknown>): Promise<TestOrder> {
  requireActor(ctx);
  const workflow = await testOrderWorkflow(ctx, order);
  const from = order.state;
  await runTransition(workflow, { ctx, record: order, state: from, action, input, move: (to) => (order.state = to.name) });
  const reason = typeof input.reason === 'string' ? input.reason.trim() || null : null;
  recordStep(ctx, order, { action, fromState: from, reason });
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof OptimisticLockError) throw new ConflictError(`Test order ${order.testOrderNo} was changed by someone else at the same time; reload it and try again`);
    throw error;
  }
  const base = { testOrderId: order.id, testOrderNo: order.testOrderNo, customerId: order.customerId };
  await publishEvent(ctx, 'journey.test_order_transitioned', order.franchiseId, { ...base, action, from, to: order.state, reason });
  if (order.releasedAt && action === 'release') {
    await publishEvent(ctx, 'journey.report_released', order.franchiseId, { ...base, doctorId: order.doctorId });
    await publishLive(ctx, REPORT_RELEASED_TOPIC, { id: order.id, franchiseId: order.franchiseId, doctorId: order.doctorId, orgUnitId: order.orgUnitId });
  }
  if (order.deliveredAt && (action === 'send_report' || action === 'collect_report'))
    await publishEvent(ctx, 'journey.report_delivered', order.franchiseId, { ...base, orgUnitId: order.orgUnitId, method: order.deliveryMethod ?? action, deliveredAt: order.deliveredAt.toISOString() });
  return order;
}

/** The live topic of released reports (the doctor's and the health manager's screens; subscribers reload the order in their scope). */
export const REPORT_RELEASED_TOPIC = 'test_orders.report_released';

export async function takeTestOrderAction(ctx: RequestContext, args: { id: string; version: number; action: string; input: Record<string, unknown> }): Promise<TestOrder> {
  const order = await getTestOrder(ctx, args.id);
  checkVersion(order, args.version, 'Test order');
  // The lab's report comes only through postLabReport (its report id, results and files).
  if (args.action === 'receive_report') throw new BadUserInputError({ field: 'action', message: 'the lab’s report is posted by the lab partner (postLabReport)', reason: 'LAB_ONLY' });
  return transitionTestOrder(ctx, order, args.action, args.input);
}
