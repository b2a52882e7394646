import { clock } from '@pharmadesk/api';
import type { Caller } from '../support/actors';
import type { GraphQLResponse } from '../support/app';
import { must } from '../inventory/support';

export const TEST_ORDER = 'id version testOrderNo state stateLabel totalCents expectedReportOn sampledAt rejectionReason labReportId labResults { code value flag } labFiles { name url } releasedAt releasedById summary deliveryMethod deliveredAt interpretedAt customerId doctorId steps { action fromState toState actorId reason createdAt } lines { code name priceCents turnaroundDays }';

export interface TestOrderRow {
  id: string;
  version: number;
  testOrderNo: string;
  state: string;
  stateLabel: string;
  totalCents: number;
  expectedReportOn: string | null;
  sampledAt: string | null;
  rejectionReason: string | null;
  labReportId: string | null;
  labResults: { code: string; value: string; flag: string | null }[];
  labFiles: { name: string; url: string }[];
  releasedAt: string | null;
  releasedById: string | null;
  summary: string | null;
  deliveryMethod: string | null;
  deliveredAt: string | null;
  interpretedAt: string | null;
  customerId: string;
  doctorId: string;
  steps: { action: string; fromState: string | null; toState: string; actorId: string | null; reason: string | null; createdAt: string }[];
  lines: { code: string; name: string; priceCents: number; turnaroundDays: number }[];
}

export async function createTestItem(caller: Caller, item: Record<string, unknown>): Promise<{ id: string; version: number }> {
  return (await must<{ createTestItem: { id: string; version: number } }>(caller, 'mutation($i: TestItemInput!) { createTestItem(input: $i) { id version } }', { i: item })).createTestItem;
}

export function prescribe(caller: Caller, input: Record<string, unknown>): Promise<GraphQLResponse<{ prescribeTests: TestOrderRow }>> {
  return caller.graphql<{ prescribeTests: TestOrderRow }>(`mutation($i: PrescribeTestsInput!) { prescribeTests(input: $i) { ${TEST_ORDER} } }`, { i: input });
}

/** A step a minute after the last (the journey's steps are ordered by when they were taken). */
export function step(caller: Caller, order: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}): Promise<GraphQLResponse<{ takeTestOrderAction: TestOrderRow }>> {
  clock.freezeAt(clock.nowMs() + 60_000);
  return caller.graphql<{ takeTestOrderAction: TestOrderRow }>(`mutation($i: TestOrderActionInput!) { takeTestOrderAction(input: $i) { ${TEST_ORDER} } }`, { i: { id: order.id, version: order.version, action, ...extra } });
}

export async function mustStep(caller: Caller, order: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}): Promise<TestOrderRow> {
  const res = await step(caller, order, action, extra);
  if (res.body.errors) throw new Error(`${action}: ${JSON.stringify(res.body.errors)}`);
  return res.body.data!.takeTestOrderAction;
}

export function postLabReport(caller: Caller, input: Record<string, unknown>): Promise<GraphQLResponse<{ postLabReport: TestOrderRow }>> {
  clock.freezeAt(clock.nowMs() + 60_000);
  return caller.graphql<{ postLabReport: TestOrderRow }>(`mutation($i: PostLabReportInput!) { postLabReport(input: $i) { ${TEST_ORDER} } }`, { i: input });
}
