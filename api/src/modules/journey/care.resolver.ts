import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { readRows } from '../../core/read/sql';
import { PractitionerProfile } from '../appointments/appointment.entity';
import { getCustomer } from '../customers/customer.service';
import { ConsultationRecord, DoctorRating, Prescription } from './care.entity';
import * as care from './care.service';
import { ConsultationInput, DoctorRatingSummary, OrderPrescriptionInput, PrescribeProductsInput, RateDoctorInput, UpdateConsultationInput } from './care.types';
import { CarePermission } from './journey.permissions';

const P = CarePermission;

/** Each doctor's average rating and count, for every doctor asked about in the request at once (one statement). */
const ratingSummaryLoader = (ctx: RequestContext) =>
  ctx.loaders.get('journey.ratingSummary', () =>
    new DataLoader<string, DoctorRatingSummary>(async (doctorIds) => {
      const rows = await readRows<{ doctor_id: string; average: number; count: number }>(
        ctx.em,
        `select doctor_id, avg(rating)::float8 as average, count(*)::int as count from doctor_rating where doctor_id in (${doctorIds.map(() => '?').join(', ')}) group by doctor_id`,
        [...doctorIds],
      );
      const byDoctor = new Map(rows.map((r) => [r.doctor_id, { average: Math.round(r.average * 100) / 100, count: r.count }]));
      return doctorIds.map((id) => byDoctor.get(id) ?? { average: null, count: 0 });
    }),
  );

@Resolver(() => ConsultationRecord)
export class CareResolver {
  @Authorized(P['consultation:read'])
  @Query(() => [ConsultationRecord], { description: 'The customer’s consultation records, newest first.' })
  async consultationRecords(@Ctx() ctx: RequestContext, @Arg('customerId', () => ID) customerId: string) {
    const customer = await getCustomer(ctx, customerId);
    return ctx.em.find(ConsultationRecord, { customerId: customer.id }, { orderBy: { createdAt: 'desc', recordNo: 'desc' } });
  }

  @Authorized(P['consultation:write'])
  @Mutation(() => ConsultationRecord, { description: 'Enters a consultation record on the customer’s archive (numbered as the health record), optionally at their appointment.' })
  createConsultationRecord(@Ctx() ctx: RequestContext, @Arg('input') input: ConsultationInput) {
    return care.createConsultationRecord(ctx, input);
  }

  @Authorized(P['consultation:write'])
  @Mutation(() => ConsultationRecord, { description: 'Changes a consultation record’s answers or notes (its version checked).' })
  updateConsultationRecord(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateConsultationInput) {
    return care.updateConsultationRecord(ctx, input);
  }

  @Authorized(P['consultation:read'])
  @Query(() => [Prescription], { description: 'The customer’s prescriptions, newest first.' })
  async prescriptions(@Ctx() ctx: RequestContext, @Arg('customerId', () => ID) customerId: string) {
    const customer = await getCustomer(ctx, customerId);
    return ctx.em.find(Prescription, { customerId: customer.id }, { orderBy: { createdAt: 'desc', prescriptionNo: 'desc' } });
  }

  @Authorized(P['consultation:write'])
  @Mutation(() => Prescription, { description: 'Prescribes products with daily amounts; each line shows the days it lasts.' })
  prescribeProducts(@Ctx() ctx: RequestContext, @Arg('input') input: PrescribeProductsInput) {
    return care.prescribeProducts(ctx, input);
  }

  @Authorized(P['prescription:order'])
  @Mutation(() => Prescription, { description: 'Turns a prescription into an order through the orders (prices, stock, consumption periods from the daily amounts); once.' })
  orderPrescription(@Ctx() ctx: RequestContext, @Arg('input') input: OrderPrescriptionInput) {
    return care.orderPrescription(ctx, input);
  }

  @Authorized(P['rating:write'])
  @Mutation(() => DoctorRating, { description: 'Records the customer’s rating of the doctor (1–5 with a comment) for a completed appointment, once per appointment.' })
  rateDoctor(@Ctx() ctx: RequestContext, @Arg('input') input: RateDoctorInput) {
    return care.rateDoctor(ctx, input);
  }
}

@Resolver(() => PractitionerProfile)
export class PractitionerRatingResolver {
  @FieldResolver(() => DoctorRatingSummary, { description: 'Customers’ ratings of the doctor: average and count.' })
  ratings(@Root() p: PractitionerProfile, @Ctx() ctx: RequestContext) {
    return ratingSummaryLoader(ctx).load(p.doctorId);
  }
}
