import { LockMode } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import { ConflictError } from '../../core/errors';
import { TestOrder } from './journey.entity';
import { getTestOrder, transitionTestOrder } from './journey.service';
import type { PostLabReportInput } from './journey.types';

/**
 * The lab partner's API (an API key holding lab:report): results and report files for a test
 * order under testing. Idempotent by the lab's report id: a replayed post returns the order
 * unchanged; another report id for an order that already has one is a CONFLICT. An order the key
 * cannot see (another franchise's, another part of the org tree, unknown) is NOT_FOUND.
 * The order's row is locked before it is looked at: the lab's retry arriving while its first
 * post is still being written waits for it and then answers unchanged (not a version conflict).
 */
export async function postLabReport(ctx: RequestContext, input: PostLabReportInput): Promise<TestOrder> {
  const visible = await getTestOrder(ctx, input.testOrderId);
  const order = (await ctx.em.findOne(TestOrder, { id: visible.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }))!;
  const labReportId = input.labReportId.trim();
  if (order.labReportId === labReportId) return order;
  if (order.labReportId)
    throw new ConflictError(`test order ${order.testOrderNo} already has the lab’s report ${order.labReportId}`, { reason: 'REPORT_EXISTS', params: { labReportId: order.labReportId } });
  return transitionTestOrder(ctx, order, 'receive_report', {
    labReportId,
    results: input.results.map((r) => ({ code: r.code.trim(), name: r.name.trim(), value: r.value.trim(), unit: r.unit ?? null, referenceRange: r.referenceRange ?? null, flag: r.flag ?? null })),
    files: input.files.map((f) => ({ name: f.name.trim(), url: f.url.trim() })),
  });
}
