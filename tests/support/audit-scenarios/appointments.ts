import { clock } from '@pharmadesk/api';
import { must } from '../../inventory/support';
import type { AuditScenario } from './index';

const APPOINTMENT = 'id version status startsAt';

/**
 * Appointments with the franchise's doctor at its branch center: a service created and edited,
 * a schedule, leave added and removed, the rules set; bookings confirmed, checked in, completed,
 * marked no-show, cancelled and rescheduled: every appointments mutation once.
 */
export const appointmentsAuditScenario: AuditScenario = async ({ hq, owner, run }) => {
  const setup = await must<{ staffUsers: { nodes: { id: string }[] }; orgUnits: { nodes: { id: string; kind: string }[] }; customers: { nodes: { id: string }[] } }>(
    owner,
    '{ staffUsers(filter: { jobTitle: { eq: DOCTOR } }) { nodes { id } } orgUnits(paging: { limit: 50 }) { nodes { id kind } } customers(paging: { limit: 1 }) { nodes { id } } }',
  );
  const doctorId = setup.staffUsers.nodes[0]!.id;
  const storeId = setup.orgUnits.nodes.find((u) => u.kind === 'BRANCH_CENTER')!.id;
  const customerId = setup.customers.nodes[0]!.id;
  const service = await run(owner, 'createOneHealthService', 'mutation { createOneHealthService(input: { healthService: { kind: FIRST_VISIT, name: "审计初诊", durationMinutes: 30, bufferMinutes: 5 } }) { id version } }');
  await run(owner, 'updateOneHealthService', 'mutation($id: ID!, $v: Int!) { updateOneHealthService(input: { id: $id, version: $v, update: { kind: FIRST_VISIT, name: "审计初诊", durationMinutes: 30, bufferMinutes: 10 } }) { id version } }', { id: service.id, v: service.version });
  const days = [0, 1, 2, 3, 4, 5, 6].map((d) => `{ weekday: ${d}, periods: [{ start: "08:00", end: "20:00" }] }`).join(', ');
  await run(owner, 'setDoctorSchedule', `mutation($d: ID!, $s: ID!) { setDoctorSchedule(input: { doctorId: $d, storeId: $s, weeklyHours: [${days}], breaks: [{ start: "12:00", end: "13:00" }] }) { id } }`, { d: doctorId, s: storeId });
  const leave = await run(owner, 'addScheduleException', 'mutation($d: ID!) { addScheduleException(input: { doctorId: $d, kind: LEAVE, fromDate: "2031-02-01", toDate: "2031-02-01", reason: "审计：休假" }) { id } }', { d: doctorId });
  await run(owner, 'removeScheduleException', 'mutation($id: ID!) { removeScheduleException(id: $id) { id } }', { id: leave.id });
  await run(owner, 'updatePractitionerProfile', 'mutation($d: ID!) { updatePractitionerProfile(input: { doctorId: $d, qualifications: [{ name: "医师资格证", number: "AUDIT-1" }], trainingHistory: [{ title: "审计：功能医学培训" }] }) { id } }', { d: doctorId });
  await run(hq, 'verifyPractitioner', 'mutation($d: ID!) { verifyPractitioner(input: { doctorId: $d, status: VERIFIED, note: "审计：资质齐全" }) { id } }', { d: doctorId });
  await run(owner, 'updateAppointmentSettings', 'mutation { updateAppointmentSettings(input: { noticeDays: 0, verifyWithinMinutes: 120 }) { franchiseId } }');

  // Free slots from the second day on, by the product's clock; every other one (a 30-minute service with its 10-minute buffer overlaps the next).
  const from = new Date(clock.nowMs() + 2 * 86_400_000).toISOString();
  const free = (await must<{ availableSlots: { startsAt: string }[] }>(owner, 'query($d: ID!, $s: ID!, $v: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, storeId: $s, serviceId: $v, from: $f, to: $t, limit: 10) { startsAt } }', {
    d: doctorId,
    s: storeId,
    v: service.id,
    f: from,
    t: new Date(clock.nowMs() + 9 * 86_400_000).toISOString(),
  })).availableSlots.map((s) => s.startsAt);
  const book = (startsAt: string, channel = 'PHONE') =>
    run(owner, 'bookAppointment', `mutation($c: ID!, $d: ID!, $s: ID!, $v: ID!, $t: DateTime!) { bookAppointment(input: { customerId: $c, doctorId: $d, storeId: $s, serviceId: $v, startsAt: $t, channel: ${channel} }) { ${APPOINTMENT} } }`, { c: customerId, d: doctorId, s: storeId, v: service.id, t: startsAt });
  const act = (operation: string, a: Record<string, unknown>, extra = '') => run(owner, operation, `mutation($id: ID!, $v: Int!) { ${operation}(input: { id: $id, version: $v${extra} }) { ${APPOINTMENT} } }`, { id: a.id, v: a.version });

  const online = await book(free[0]!, 'ONLINE');
  const confirmed = await act('confirmAppointment', online);
  const inRoom = await act('checkInAppointment', confirmed);
  const completed = await act('completeAppointment', inRoom);
  // The customer rates the doctor after the completed appointment (the service journey's ratings).
  await run(owner, 'rateDoctor', 'mutation($a: ID!) { rateDoctor(input: { appointmentId: $a, rating: 5, comment: "审计：耐心细致" }) { id rating } }', { a: completed.id });
  await act('cancelAppointment', await book(free[2]!), ', reason: "审计：客户取消"');
  const booked = await book(free[4]!);
  const moved = await run(owner, 'rescheduleAppointment', `mutation($id: ID!, $v: Int!, $t: DateTime!) { rescheduleAppointment(input: { id: $id, version: $v, startsAt: $t, reason: "审计：改约" }) { ${APPOINTMENT} } }`, { id: booked.id, v: booked.version, t: free[6]! });
  // A no-show once the (rescheduled) appointment has started.
  await clock.at(Date.parse(moved.startsAt as string) + 60_000, () => act('markAppointmentNoShow', moved));
};
