import type { Caller } from '../support/actors';
import type { GraphQLResponse } from '../support/app';
import { must } from '../inventory/support';

export const APPOINTMENT = 'id version appointmentNo status channel startsAt endsAt blockedUntil customerId doctorId storeId serviceId verifyDueAt verifiedAt verificationBreachedAt escalationLevel cancelReason cancelledById cancelledAt rescheduledFromId rescheduledToId';

export interface AppointmentRow {
  id: string;
  version: number;
  appointmentNo: string;
  status: string;
  channel: string;
  startsAt: string;
  endsAt: string;
  blockedUntil: string;
  customerId: string;
  doctorId: string;
  storeId: string;
  serviceId: string;
  verifyDueAt: string | null;
  verifiedAt: string | null;
  verificationBreachedAt: string | null;
  escalationLevel: string;
  cancelReason: string | null;
  cancelledById: string | null;
  cancelledAt: string | null;
  rescheduledFromId: string | null;
  rescheduledToId: string | null;
}

export const WEEKDAYS = (periods: { start: string; end: string }[]) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods }));

/** The franchise's doctor, its stores and branch center, and a customer (from the demo data). */
export async function healthSetup(owner: Caller, key: 'east' | 'west') {
  const data = await must<{ staffUsers: { nodes: { id: string }[] }; orgUnits: { nodes: { id: string; kind: string; code: string }[] }; customers: { nodes: { id: string }[] } }>(
    owner,
    `query($e: String!) { staffUsers(filter: { email: { eq: $e } }) { nodes { id } } orgUnits(paging: { limit: 50 }) { nodes { id kind code } } customers(paging: { limit: 3 }) { nodes { id } } }`,
    { e: `doctor@${key}.demo` },
  );
  return {
    doctorId: data.staffUsers.nodes[0]!.id,
    branchId: data.orgUnits.nodes.find((u) => u.kind === 'BRANCH_CENTER')!.id,
    storeIds: data.orgUnits.nodes.filter((u) => u.kind === 'STORE').map((u) => u.id),
    customerIds: data.customers.nodes.map((c) => c.id),
  };
}

export async function createService(caller: Caller, service: Record<string, unknown>): Promise<{ id: string; version: number }> {
  return (await must<{ createOneHealthService: { id: string; version: number } }>(caller, 'mutation($s: HealthServiceInput!) { createOneHealthService(input: { healthService: $s }) { id version } }', { s: service })).createOneHealthService;
}

export async function setSchedule(caller: Caller, input: Record<string, unknown>): Promise<{ id: string; version: number }> {
  return (await must<{ setDoctorSchedule: { id: string; version: number } }>(caller, 'mutation($i: DoctorScheduleInput!) { setDoctorSchedule(input: $i) { id version } }', { i: input })).setDoctorSchedule;
}

export async function slots(caller: Caller, q: { doctorId: string; storeId: string; serviceId: string; from: string; to: string; limit?: number }): Promise<{ startsAt: string; endsAt: string }[]> {
  return (await must<{ availableSlots: { startsAt: string; endsAt: string }[] }>(caller, 'query($d: ID!, $s: ID!, $v: ID!, $f: DateTime!, $t: DateTime!, $l: Int) { availableSlots(doctorId: $d, storeId: $s, serviceId: $v, from: $f, to: $t, limit: $l) { startsAt endsAt } }', {
    d: q.doctorId,
    s: q.storeId,
    v: q.serviceId,
    f: q.from,
    t: q.to,
    l: q.limit ?? null,
  })).availableSlots;
}

export function book(caller: Caller, input: Record<string, unknown>): Promise<GraphQLResponse<{ bookAppointment: AppointmentRow }>> {
  return caller.graphql<{ bookAppointment: AppointmentRow }>(`mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { ${APPOINTMENT} } }`, { i: input });
}

export async function mustBook(caller: Caller, input: Record<string, unknown>): Promise<AppointmentRow> {
  const res = await book(caller, input);
  if (res.body.errors) throw new Error(`bookAppointment: ${JSON.stringify(res.body.errors)}`);
  return res.body.data!.bookAppointment;
}

export function act(caller: Caller, mutation: string, input: Record<string, unknown>, inputType = 'AppointmentActionInput'): Promise<GraphQLResponse<Record<string, AppointmentRow>>> {
  return caller.graphql<Record<string, AppointmentRow>>(`mutation($i: ${inputType}!) { ${mutation}(input: $i) { ${APPOINTMENT} } }`, { i: input });
}

export async function mustAct(caller: Caller, mutation: string, input: Record<string, unknown>, inputType?: string): Promise<AppointmentRow> {
  const res = await act(caller, mutation, input, inputType);
  if (res.body.errors) throw new Error(`${mutation}: ${JSON.stringify(res.body.errors)}`);
  return res.body.data![mutation]!;
}

/** Sets the franchise's default business calendar: Monday to Friday with the given periods, the given holidays, in Shanghai. */
export async function setWorkingCalendar(owner: Caller, periods: { start: string; end: string }[], holidays: string[]): Promise<void> {
  const { slaPolicies, businessCalendars } = await must<{ slaPolicies: { isDefault: boolean; calendarId: string }[]; businessCalendars: { id: string; version: number; name: string }[] }>(owner, '{ slaPolicies { isDefault calendarId } businessCalendars { id version name } }');
  const calendar = businessCalendars.find((c) => c.id === slaPolicies.find((p) => p.isDefault)!.calendarId)!;
  await must(owner, 'mutation($id: ID!, $v: Int!, $c: BusinessCalendarInput!) { updateOneBusinessCalendar(input: { id: $id, version: $v, update: $c }) { id } }', {
    id: calendar.id,
    v: calendar.version,
    c: { name: calendar.name, timeZone: 'Asia/Shanghai', workingDays: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods })), holidays, extraWorkdays: [] },
  });
}
