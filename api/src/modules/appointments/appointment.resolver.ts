import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { authorizeLiveEvent, deliveredRecord, type LiveEvent } from '../../core/live';
import { embedded } from '../../core/read/page';
import { selectionOf } from '../../core/read/selection';
import { Customer } from '../customers/customer.entity';
import { findCustomer } from '../customers/customer.service';
import { StaffUser } from '../identity/staff-user.entity';
import { findStaff } from '../identity/staff.service';
import { OrgUnit } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { Appointment, AppointmentSettings, DoctorSchedule, HealthService, PractitionerProfile, ScheduleException } from './appointment.entity';
import { AppointmentPermission } from './appointment.permissions';
import { appointmentStatistics, AppointmentStatsDimension, listAppointments, readAppointment } from './appointment.queries';
import * as appointments from './appointment.service';
import {
  AppointmentActionInput,
  AppointmentConnection,
  AppointmentFilter,
  AppointmentSettingsInput,
  AppointmentSlot,
  AppointmentSort,
  AppointmentStats,
  BookAppointmentInput,
  CancelAppointmentInput,
  CreateOneHealthServiceInput,
  DoctorScheduleInput,
  PractitionerProfileInput,
  RescheduleAppointmentInput,
  ScheduleExceptionInput,
  UpdateOneHealthServiceInput,
  VerifyPractitionerInput,
} from './appointment.types';
import * as practitioners from './practitioner.service';
import * as schedules from './schedule.service';

const P = AppointmentPermission;

type AppointmentLiveEvent = LiveEvent & { doctorId: string; storeId: string; change: appointments.AppointmentChange };

@Resolver(() => Appointment)
export class AppointmentResolver {
  @Authorized(P['appointment:read'])
  @Query(() => AppointmentConnection, { description: 'Appointments at stores in your scope (a calendar: filter by doctor or store and startsAt), soonest first.' })
  appointments(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AppointmentFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [AppointmentSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listAppointments(ctx, { filter, sorting, paging }, {}, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(P['appointment:read'])
  @Query(() => [AppointmentStats], { description: 'Counts of the appointments the filter selects (as `appointments`), by store, doctor, local date and / or local start hour.' })
  appointmentStatistics(
    @Ctx() ctx: RequestContext,
    @Arg('by', () => [AppointmentStatsDimension]) by: AppointmentStatsDimension[],
    @Arg('filter', () => AppointmentFilter, { nullable: true }) filter?: FilterInput,
  ) {
    return appointmentStatistics(ctx, filter, by);
  }

  @Authorized(P['appointment:read'])
  @Query(() => Appointment, { nullable: true, description: 'An appointment (null when not visible).' })
  appointment(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Info() info?: GraphQLResolveInfo) {
    return readAppointment(ctx, id, info ? selectionOf(info, []) : null);
  }

  @Authorized(P['appointment:read'])
  @Query(() => [AppointmentSlot], { description: 'Free slots of a doctor at a store for a service, starting in [from, to) (at most 62 days), in the store’s time zone: weekly hours minus breaks, leave, one-off hours, holidays and bookings (with buffers).' })
  availableSlots(
    @Ctx() ctx: RequestContext,
    @Arg('doctorId', () => ID) doctorId: string,
    @Arg('storeId', () => ID) storeId: string,
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('limit', () => Int, { nullable: true }) limit?: number,
  ) {
    return schedules.availableSlots(ctx, { doctorId, storeId, serviceId, from, to, limit: limit ?? undefined });
  }

  @Authorized(P['appointment:book'])
  @Mutation(() => Appointment, { description: 'Book a free slot. Phone and in-person bookings are confirmed; online ones are REQUESTED until verified. A taken slot is CONFLICT (reason SLOT_TAKEN) with extensions.nextSlots.' })
  bookAppointment(@Ctx() ctx: RequestContext, @Arg('input') input: BookAppointmentInput) {
    return appointments.bookAppointment(ctx, input);
  }

  @Authorized(P['appointment:book'])
  @Mutation(() => Appointment, { description: 'Verify an online request (REQUESTED → CONFIRMED).' })
  confirmAppointment(@Ctx() ctx: RequestContext, @Arg('input') input: AppointmentActionInput) {
    return appointments.confirmAppointment(ctx, input.id, input.version);
  }

  @Authorized(P['appointment:attend'])
  @Mutation(() => Appointment, { description: 'The customer arrived (CONFIRMED → CHECKED_IN).' })
  checkInAppointment(@Ctx() ctx: RequestContext, @Arg('input') input: AppointmentActionInput) {
    return appointments.checkInAppointment(ctx, input.id, input.version);
  }

  @Authorized(P['appointment:attend'])
  @Mutation(() => Appointment, { description: 'The service was given (CHECKED_IN → COMPLETED).' })
  completeAppointment(@Ctx() ctx: RequestContext, @Arg('input') input: AppointmentActionInput) {
    return appointments.completeAppointment(ctx, input.id, input.version);
  }

  @Authorized(P['appointment:attend'])
  @Mutation(() => Appointment, { description: 'The customer did not come (after the start time).' })
  markAppointmentNoShow(@Ctx() ctx: RequestContext, @Arg('input') input: AppointmentActionInput) {
    return appointments.markNoShow(ctx, input.id, input.version);
  }

  @Authorized(P['appointment:book'])
  @Mutation(() => Appointment, { description: 'Cancel with a reason (who and when are kept); inside the notice period it needs appointment:late_change.' })
  cancelAppointment(@Ctx() ctx: RequestContext, @Arg('input') input: CancelAppointmentInput) {
    return appointments.cancelAppointment(ctx, input.id, input.version, input.reason);
  }

  @Authorized(P['appointment:book'])
  @Mutation(() => Appointment, { description: 'Move to another slot: returns the new appointment (rescheduledFromId: the old one, now RESCHEDULED, its slot free). Inside the notice period it needs appointment:late_change.' })
  rescheduleAppointment(@Ctx() ctx: RequestContext, @Arg('input') input: RescheduleAppointmentInput) {
    return appointments.rescheduleAppointment(ctx, input);
  }

  // --- live

  @Subscription(() => Appointment, {
    topics: 'appointments.changed',
    filter: async ({ payload, args, context }: { payload: AppointmentLiveEvent; args: { doctorId?: string | null; storeId?: string | null }; context: RequestContext }) =>
      (!args.doctorId || payload.doctorId === args.doctorId) &&
      (!args.storeId || payload.storeId === args.storeId) &&
      authorizeLiveEvent(context, payload, P['appointment:read'], (eventCtx) => appointments.findAppointment(eventCtx, payload.id)),
    description: 'An appointment was booked or changed in your scope (a doctor’s or a store’s calendar: pass doctorId or storeId).',
  })
  appointmentChanged(
    @Root() event: AppointmentLiveEvent,
    @Ctx() ctx: RequestContext,
    @Arg('doctorId', () => ID, { nullable: true }) _doctorId?: string,
    @Arg('storeId', () => ID, { nullable: true }) _storeId?: string,
  ): Appointment {
    return deliveredRecord<Appointment>(ctx, event);
  }

  // --- fields

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() a: Appointment, @Ctx() ctx: RequestContext) {
    return embedded(a, 'customer', () => findCustomer(ctx, a.customerId));
  }

  @FieldResolver(() => StaffUser, { nullable: true })
  doctor(@Root() a: Appointment, @Ctx() ctx: RequestContext) {
    return embedded(a, 'doctor', () => findStaff(ctx, a.doctorId));
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  store(@Root() a: Appointment, @Ctx() ctx: RequestContext) {
    return embedded(a, 'store', () => findOrgUnit(ctx, a.storeId));
  }

  @FieldResolver(() => HealthService, { nullable: true })
  service(@Root() a: Appointment, @Ctx() ctx: RequestContext) {
    return embedded(a, 'service', () => schedules.healthServiceLoader(ctx).load(a.serviceId));
  }
}

@Resolver(() => DoctorSchedule)
export class ScheduleResolver {
  @Authorized(P['appointment:read'])
  @Query(() => [HealthService], { description: 'The services your franchise offers by appointment.' })
  healthServices(@Ctx() ctx: RequestContext) {
    return schedules.listHealthServices(ctx);
  }

  @Authorized(P['schedule:manage'])
  @Mutation(() => HealthService)
  createOneHealthService(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOneHealthServiceInput) {
    return schedules.createHealthService(ctx, input.healthService);
  }

  @Authorized(P['schedule:manage'])
  @Mutation(() => HealthService)
  updateOneHealthService(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOneHealthServiceInput) {
    return schedules.updateHealthService(ctx, input.id, input.version, input.update);
  }

  @Authorized(P['appointment:read'])
  @Query(() => [DoctorSchedule], { description: 'A doctor’s weekly hours per store (or at one store).' })
  doctorSchedules(@Ctx() ctx: RequestContext, @Arg('doctorId', () => ID) doctorId: string, @Arg('storeId', () => ID, { nullable: true }) storeId?: string) {
    return schedules.doctorSchedules(ctx, doctorId, storeId);
  }

  @Authorized(P['schedule:manage'])
  @Mutation(() => DoctorSchedule, { description: 'Set a doctor’s weekly hours, breaks and slot interval at a store (booked appointments stay).' })
  setDoctorSchedule(@Ctx() ctx: RequestContext, @Arg('input') input: DoctorScheduleInput) {
    return schedules.setDoctorSchedule(ctx, input);
  }

  @Authorized(P['appointment:read'])
  @Query(() => [ScheduleException], { description: 'A doctor’s leave and one-off hours (overlapping the dates given).' })
  scheduleExceptions(@Ctx() ctx: RequestContext, @Arg('doctorId', () => ID) doctorId: string, @Arg('fromDate', { nullable: true }) fromDate?: string, @Arg('toDate', { nullable: true }) toDate?: string) {
    return schedules.listScheduleExceptions(ctx, doctorId, fromDate, toDate);
  }

  @Authorized(P['schedule:manage'])
  @Mutation(() => ScheduleException, { description: 'Record leave (no slots) or one-off hours on a range of dates.' })
  addScheduleException(@Ctx() ctx: RequestContext, @Arg('input') input: ScheduleExceptionInput) {
    return schedules.addScheduleException(ctx, input);
  }

  @Authorized(P['schedule:manage'])
  @Mutation(() => ScheduleException)
  removeScheduleException(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return schedules.removeScheduleException(ctx, id);
  }

  @Authorized(P['appointment:read'])
  @Query(() => AppointmentSettings, { description: 'A franchise’s appointment rules (default: yours).' })
  appointmentSettings(@Ctx() ctx: RequestContext, @Arg('franchiseId', () => ID, { nullable: true }) franchiseId?: string) {
    return schedules.appointmentSettings(ctx, franchiseId ?? ctx.actor!.franchiseId);
  }

  @Authorized(P['schedule:manage'])
  @Mutation(() => AppointmentSettings, { description: 'Set the notice period for changes and the online verification time.' })
  updateAppointmentSettings(@Ctx() ctx: RequestContext, @Arg('input') input: AppointmentSettingsInput) {
    return schedules.updateAppointmentSettings(ctx, input);
  }

  @Authorized(P['appointment:read'])
  @Query(() => PractitionerProfile, { description: 'A doctor’s qualifications, training, case studies and HQ’s verification (PENDING until HQ looks).' })
  practitionerProfile(@Ctx() ctx: RequestContext, @Arg('doctorId', () => ID) doctorId: string) {
    return practitioners.practitionerProfile(ctx, doctorId);
  }

  @Authorized(P['schedule:manage'])
  @Mutation(() => PractitionerProfile, { description: 'Keep a doctor’s qualifications, training and case studies; a changed qualification list sends a verified doctor back to PENDING.' })
  updatePractitionerProfile(@Ctx() ctx: RequestContext, @Arg('input') input: PractitionerProfileInput) {
    return practitioners.updatePractitionerProfile(ctx, input);
  }

  @Authorized(P['practitioner:verify'])
  @Mutation(() => PractitionerProfile, { description: 'HQ verifies, rejects or suspends a doctor’s qualifications, with a note.' })
  verifyPractitioner(@Ctx() ctx: RequestContext, @Arg('input') input: VerifyPractitionerInput) {
    return practitioners.verifyPractitioner(ctx, input);
  }
}
