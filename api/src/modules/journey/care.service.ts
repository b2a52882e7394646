import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { BadUserInputError, ConflictError, NotFoundError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import { checkVersion } from '../../core/services/updates';
import { AppointmentStatus } from '../appointments/appointment.entity';
import { findAppointment } from '../appointments/appointment.service';
import { getProduct } from '../inventory/catalog.service';
import { findOrgUnit } from '../org/org.service';
import { consumptionDays } from '../orders/order-consumption';
import { createOrder } from '../orders/order.service';
import { ConsultationRecord, DoctorRating, Prescription } from './care.entity';
import type { ConsultationInput, OrderPrescriptionInput, PrescribeProductsInput, RateDoctorInput, UpdateConsultationInput } from './care.types';
import { journeyNumber, visit } from './journey.service';

/**
 * The doctor's records of a visit: consultation records (structured answers and notes, numbered
 * as the health record), prescriptions of products with a daily amount (the days they last are
 * the orders' consumption period; an order is made through the orders service), and customers'
 * ratings of the doctor after a completed appointment, one per appointment.
 */

const userId = (ctx: RequestContext) => (ctx.actor?.kind === 'user' ? ctx.actor.id : null);

function answersOf(input: { answers?: { question: string; answer: string }[] | null }) {
  return (input.answers ?? []).map((a) => ({ question: a.question.trim(), answer: a.answer.trim() })).filter((a) => a.answer);
}

/** A record of the customer's (in the caller's scope), or NOT_FOUND. */
async function visible<T extends { orgUnitId: string }>(ctx: RequestContext, entity: new () => T, label: string, id: string): Promise<T> {
  const found = (await ctx.em.findOne(entity, { id } as never)) as T | null;
  if (!found || !(await findOrgUnit(ctx, found.orgUnitId))) throw new NotFoundError(label, id);
  return found;
}

export async function createConsultationRecord(ctx: RequestContext, input: ConsultationInput): Promise<ConsultationRecord> {
  const { customer, appointment, doctor } = await visit(ctx, input);
  const answers = answersOf(input);
  if (!answers.length && !input.notes?.trim()) throw new BadUserInputError({ field: 'answers', message: 'answer at least one question or write a note', reason: 'REQUIRED' });
  const record = ctx.em.create(ConsultationRecord, {
    franchiseId: customer.franchiseId,
    recordNo: await journeyNumber(ctx, customer.franchiseId, 'health_record', 'HR'),
    customerId: customer.id,
    orgUnitId: customer.orgUnitId,
    doctorId: doctor.id,
    appointmentId: appointment?.id ?? null,
    answers,
    notes: input.notes?.trim() || null,
  });
  await ctx.em.flush();
  await publishEvent(ctx, 'journey.consultation_recorded', record.franchiseId, { recordId: record.id, recordNo: record.recordNo, customerId: customer.id, doctorId: doctor.id, appointmentId: record.appointmentId ?? null });
  return record;
}

export async function updateConsultationRecord(ctx: RequestContext, input: UpdateConsultationInput): Promise<ConsultationRecord> {
  const record = await visible(ctx, ConsultationRecord, 'Consultation record', input.id);
  checkVersion(record, input.version, 'Consultation record');
  if (input.answers) record.answers = answersOf(input);
  if (input.notes !== undefined) record.notes = input.notes?.trim() || null;
  if (!record.answers.length && !record.notes) throw new BadUserInputError({ field: 'answers', message: 'answer at least one question or write a note', reason: 'REQUIRED' });
  await ctx.em.flush();
  return record;
}

/** The doctor prescribes products with daily amounts; each line shows the days it lasts (the orders' consumption period). */
export async function prescribeProducts(ctx: RequestContext, input: PrescribeProductsInput): Promise<Prescription> {
  const { customer, appointment, doctor } = await visit(ctx, input);
  const products = await Promise.all(input.lines.map((l, i) => getProduct(ctx, l.productId, `Product (lines.${i}.productId)`)));
  const lines = input.lines.map((l, i) => ({
    productId: products[i]!.id,
    productName: `${products[i]!.genericName} ${products[i]!.specification}`.trim(),
    quantity: l.quantity,
    dailyAmount: l.dailyAmount,
    consumptionDays: consumptionDays(l.quantity, l.dailyAmount),
  }));
  const prescription = ctx.em.create(Prescription, {
    franchiseId: customer.franchiseId,
    prescriptionNo: await journeyNumber(ctx, customer.franchiseId, 'prescription', 'CF'),
    customerId: customer.id,
    orgUnitId: customer.orgUnitId,
    doctorId: doctor.id,
    appointmentId: appointment?.id ?? null,
    lines,
    note: input.note?.trim() || null,
  });
  await ctx.em.flush();
  await publishEvent(ctx, 'journey.products_prescribed', prescription.franchiseId, { prescriptionId: prescription.id, prescriptionNo: prescription.prescriptionNo, customerId: customer.id, doctorId: doctor.id });
  return prescription;
}

/** Turns a prescription into an order through the orders service (its prices, stock and consumption periods), once. */
export async function orderPrescription(ctx: RequestContext, input: OrderPrescriptionInput): Promise<Prescription> {
  const prescription = await visible(ctx, Prescription, 'Prescription', input.id);
  checkVersion(prescription, input.version, 'Prescription');
  if (prescription.orderId) throw new ConflictError(`prescription ${prescription.prescriptionNo} is already an order`, { reason: 'ALREADY_ORDERED', params: { orderId: prescription.orderId } });
  const order = await createOrder(ctx, {
    channel: input.channel,
    customerId: prescription.customerId,
    warehouseId: input.warehouseId,
    lines: prescription.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, dailyDose: l.dailyAmount })),
    deliveryName: input.deliveryName,
    deliveryPhone: input.deliveryPhone,
    deliveryAddress: input.deliveryAddress,
    paymentStatus: input.paymentStatus,
    note: `处方 ${prescription.prescriptionNo}`,
  });
  Object.assign(prescription, { orderId: order.id, orderedAt: clock.now() });
  await ctx.em.flush();
  return prescription;
}

/** The customer's rating of the doctor, only for a completed appointment, once per appointment. */
export async function rateDoctor(ctx: RequestContext, input: RateDoctorInput): Promise<DoctorRating> {
  requireActor(ctx);
  const appointment = await findAppointment(ctx, input.appointmentId);
  if (!appointment) throw new NotFoundError('Appointment', input.appointmentId);
  if (appointment.status !== AppointmentStatus.COMPLETED)
    throw new BadUserInputError({ field: 'appointmentId', message: `appointment ${appointment.appointmentNo} is ${appointment.status}: the doctor is rated after a completed appointment`, reason: 'NOT_COMPLETED', params: { status: appointment.status } });
  if (await ctx.em.findOne(DoctorRating, { appointmentId: appointment.id }, { fields: ['id'] }))
    throw new ConflictError(`appointment ${appointment.appointmentNo} is rated already`, { reason: 'ALREADY_RATED' });
  const rating = ctx.em.create(DoctorRating, {
    franchiseId: appointment.franchiseId,
    appointmentId: appointment.id,
    doctorId: appointment.doctorId,
    customerId: appointment.customerId,
    rating: input.rating,
    comment: input.comment?.trim() || null,
    recordedById: userId(ctx),
  });
  await ctx.em.flush();
  await publishEvent(ctx, 'journey.doctor_rated', rating.franchiseId, { ratingId: rating.id, appointmentId: appointment.id, doctorId: rating.doctorId, customerId: rating.customerId, rating: rating.rating });
  return rating;
}
