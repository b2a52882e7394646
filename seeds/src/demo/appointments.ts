import {
  AppointmentChannel,
  bookAppointment,
  calendarDate,
  cancelAppointment,
  checkInAppointment,
  clock,
  completeAppointment,
  createHealthService,
  createStaff,
  Employment,
  Gender,
  HealthServiceKind,
  markNoShow,
  OrgUnit,
  ScheduleExceptionKind,
  addScheduleException,
  setDoctorSchedule,
  StaffUser,
  updatePractitionerProfile,
  verifyPractitioner,
  VerificationStatus,
  type RequestContext,
} from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import { DEMO_PASSWORD, DEMO_ORGANIZATION, type DemoOrganization } from './organization';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const SERVICES = [
  { kind: HealthServiceKind.FIRST_VISIT, name: '首诊咨询', durationMinutes: 45, bufferMinutes: 15 },
  { kind: HealthServiceKind.FOLLOW_UP, name: '复诊随访', durationMinutes: 30, bufferMinutes: 0 },
  { kind: HealthServiceKind.REPORT_INTERPRETATION, name: '报告解读服务', durationMinutes: 30, bufferMinutes: 0 },
  { kind: HealthServiceKind.TEST_SAMPLING, name: '检测采样', durationMinutes: 15, bufferMinutes: 15 },
];
const WEEKDAYS = (periods: { start: string; end: string }[]) => [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, periods }));
/** Local start times booked each day (a few stay free). */
const TIMES = ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00'];
const SECOND_DOCTOR = { east: { name: '沈慧', specialties: ['慢病管理', '营养'] }, west: { name: '蒋川', specialties: ['功能医学', '体检报告解读'] } } as const;

/**
 * Health services: each franchise's services, its doctors' verified practitioner profiles and
 * weekly hours (the branch center's doctor there, a second doctor at the first store with a day
 * of leave next week), and the first store's appointments across the current week, relative to
 * the clock: past ones completed or missed, some cancelled, coming ones confirmed, and a few
 * online requests still waiting to be verified. All through the services, as the staff who did it.
 */
export const appointmentsSeeder: Seeder = {
  name: 'appointments',
  async run({ em, rng, shared, logger }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const replay = new ServiceReplay(em, logger);
    const now = clock.nowMs();
    const hqAdmin = (await em.findOneOrFail(StaffUser, { email: 'admin@hq.demo' })).id;
    for (const { key, stores } of organization.franchises) {
      const staff = async (who: string) => em.findOneOrFail(StaffUser, { email: `${who}@${key}.demo` });
      const [owner, doctor, agent, manager] = await Promise.all([staff('owner'), staff('doctor'), staff('agent'), staff('manager')]);
      const as = <T>(who: StaffUser | string, at: number, work: (ctx: RequestContext) => Promise<T>) => replay.as(typeof who === 'string' ? who : who.id, new Date(at), work);
      const store = stores.find((s) => s.id === manager.orgUnitId) ?? stores[0]!;
      const zone = (await em.findOneOrFail(OrgUnit, { id: store.id })).timeZone;
      const second = await as(owner, now - 90 * DAY, (ctx) =>
        createStaff(ctx, {
          orgUnitId: store.id,
          email: `doctor2@${key}.demo`,
          displayName: SECOND_DOCTOR[key].name,
          password: DEMO_PASSWORD,
          jobTitle: doctor.jobTitle,
          roleIds: doctor.roleIds,
          gender: key === 'east' ? Gender.FEMALE : Gender.MALE,
          phone: `139${rng.digits(8)}`,
          employment: Employment.FULL_TIME,
          specialties: [...SECOND_DOCTOR[key].specialties],
          yearsOfPractice: 6 + rng.int(0, 10),
          introduction: '擅长慢性病随访与体检报告解读。',
          certificates: ['医师资格证'],
        }),
      );
      for (const [i, person] of [doctor, second].entries()) {
        await as(owner, now - (60 - i) * DAY, (ctx) =>
          updatePractitionerProfile(ctx, {
            doctorId: person.id,
            qualifications: [
              { name: '医师资格证', number: `${key === 'east' ? '1310' : '1510'}${i}0000${rng.digits(4)}`, issuedBy: '国家卫生健康委员会', issuedOn: `${2012 + i * 3}-08-01`, url: `https://files.pharmadesk.demo/${key}/doctor-${i + 1}-license.pdf` },
              { name: '功能医学认证', issuedBy: '中国功能医学学会', issuedOn: '2021-05-20', url: `https://files.pharmadesk.demo/${key}/doctor-${i + 1}-fm.pdf` },
            ],
            trainingHistory: [{ title: '慢病营养干预进阶', completedOn: '2024-11-15', provider: 'PharmaDesk 学院' }],
            caseStudies: [{ title: '高血压患者三个月饮食干预', summary: '通过饮食记录与复诊随访，收缩压下降约 15 mmHg。' }],
          }),
        );
        await as(hqAdmin, now - (59 - i) * DAY, (ctx) => verifyPractitioner(ctx, { doctorId: person.id, status: VerificationStatus.VERIFIED, note: '资质齐全，证书核验通过' }));
      }
      const services = [];
      for (const service of SERVICES) services.push(await as(owner, now - 60 * DAY, (ctx) => createHealthService(ctx, { ...service, active: true })));
      const branchId = doctor.orgUnitId;
      await as(owner, now - 58 * DAY, (ctx) => setDoctorSchedule(ctx, { doctorId: doctor.id, storeId: branchId, weeklyHours: WEEKDAYS([{ start: '09:00', end: '17:00' }]), breaks: [{ start: '12:00', end: '13:00' }], slotMinutes: 30 }));
      await as(owner, now - 58 * DAY, (ctx) => setDoctorSchedule(ctx, { doctorId: second.id, storeId: store.id, weeklyHours: WEEKDAYS([{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:30' }]), breaks: [], slotMinutes: 30 }));

      // The current week, Monday to Saturday, in the store's zone.
      const today = calendarDate(new Date(now), zone);
      const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
      const monday = Date.parse(`${today}T00:00:00Z`) - ((weekday + 6) % 7) * DAY;
      const nextWeek = new Date(monday + 9 * DAY).toISOString().slice(0, 10);
      await as(owner, now - 3 * DAY, (ctx) => addScheduleException(ctx, { doctorId: second.id, storeId: null, kind: ScheduleExceptionKind.LEAVE, fromDate: nextWeek, toDate: nextWeek, periods: [], reason: '外出培训' }));
      const customers = await em.execute<{ id: string }[]>(`select id from customer where franchise_id = ? and org_unit_id = ? and status = 'ACTIVE' order by record_no limit 40`, [store.franchiseId, store.id]);
      if (!customers.length) continue;
      for (let d = 0; d < 6; d++) {
        const date = new Date(monday + d * DAY).toISOString().slice(0, 10);
        for (const time of TIMES) {
          if (rng.chance(0.35)) continue;
          const startsAt = instant(date, time, zone);
          const service = rng.pick(services);
          const customerId = rng.pick(customers).id;
          const online = startsAt > now && rng.chance(0.2);
          const bookedAt = online ? now - rng.int(10, 90) * 60_000 : Math.min(startsAt - 2 * DAY, now - 2 * HOUR);
          const booked = await as(online ? agent : rng.pick([agent, manager]), bookedAt, (ctx) =>
            bookAppointment(ctx, { customerId, doctorId: second.id, storeId: store.id, serviceId: service.id, startsAt: new Date(startsAt), channel: online ? AppointmentChannel.ONLINE : rng.pick([AppointmentChannel.PHONE, AppointmentChannel.IN_PERSON]), note: null }),
          ).catch(() => null); // a slot the schedule does not offer (a one-off clash) stays free
          if (!booked || online) continue;
          if (rng.chance(0.12) && bookedAt + HOUR < now) {
            await as(owner, bookedAt + HOUR, (ctx) => cancelAppointment(ctx, booked.id, booked.version, rng.pick(['客户临时出差', '身体不适改日再约', '家中有事'])));
            continue;
          }
          if (startsAt + HOUR > now) continue;
          if (rng.chance(0.15)) {
            await as(manager, startsAt + 20 * 60_000, (ctx) => markNoShow(ctx, booked.id, booked.version));
            continue;
          }
          const inRoom = await as(manager, startsAt - 5 * 60_000, (ctx) => checkInAppointment(ctx, booked.id, booked.version));
          await as(second, startsAt + service.durationMinutes * 60_000, (ctx) => completeAppointment(ctx, inRoom.id, inRoom.version));
        }
      }
    }
  },
};

/** The instant of a local date and time in a zone. */
function instant(date: string, time: string, zone: string): number {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const local = new Date(new Date(guess).toLocaleString('en-US', { timeZone: zone })).getTime();
  const utc = new Date(new Date(guess).toLocaleString('en-US', { timeZone: 'UTC' })).getTime();
  return guess - (local - utc);
}
