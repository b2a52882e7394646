import { defineModule } from '../../core/modules/module';
import { Appointment, AppointmentSettings, DoctorSchedule, HealthService, PractitionerProfile, ScheduleException } from './appointment.entity';
import { appointmentEventTypes } from './appointment.events';
import { appointmentNoticeHandlers } from './appointment-notices';
import { appointmentNextDayJob, appointmentReminderJob, appointmentVerificationJob } from './appointment.jobs';
import { AppointmentPermission } from './appointment.permissions';
import { AppointmentResolver, ScheduleResolver } from './appointment.resolver';

/** Appointments with doctors: services, schedules per doctor and store, free slots, bookings that cannot double up, the online verification clock. */
export const appointmentsModule = defineModule({
  name: 'appointments',
  entities: [HealthService, DoctorSchedule, ScheduleException, Appointment, AppointmentSettings, PractitionerProfile],
  resolvers: [AppointmentResolver, ScheduleResolver],
  permissions: [AppointmentPermission],
  jobs: [appointmentVerificationJob, appointmentReminderJob, appointmentNextDayJob],
  events: appointmentEventTypes,
  contributes: { eventHandlers: [...appointmentNoticeHandlers] },
});
