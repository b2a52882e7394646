import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context';
import type { ListArgs } from '../../core/graphql/list';
import { SortDirection } from '../../core/graphql/sorting';
import { embedById, readPage, type ReadSpec } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { customerEmbed } from '../customers/customer.queries';
import { staffEmbed } from '../identity/staff.queries';
import { orgUnitEmbed } from '../org/org.queries';
import { scopedOrgUnitIds } from '../org/org.service';
import { Appointment, HealthService } from './appointment.entity';

/**
 * The appointments read path: a page (the calendar, the search) as plain rows with the columns
 * the request selects, the customer, doctor, store and service embedded in the page's one statement.
 */

const SERVICE_READ: ReadSpec<HealthService> = { entity: HealthService, always: ['id', 'franchiseId'] };

export function appointmentReadSpec(ctx: RequestContext): ReadSpec<Appointment> {
  return {
    entity: Appointment,
    always: ['id', 'franchiseId', 'customerId', 'doctorId', 'storeId', 'serviceId', 'rescheduledFromId', 'rescheduledToId'],
    embeds: {
      customer: customerEmbed(ctx, 'customer_id'),
      doctor: staffEmbed(ctx, 'doctor_id'),
      store: orgUnitEmbed(ctx, 'store_id'),
      service: embedById(SERVICE_READ, 'health_service', 'service_id'),
    },
  };
}

/** `appointments(filter, sorting, paging)`: at stores in the caller's part of the org tree; soonest first by default. */
export async function listAppointments(ctx: RequestContext, args: ListArgs, where: FilterQuery<Appointment> = {}, selection: Selection | null = null) {
  const stores = await scopedOrgUnitIds(ctx);
  return readPage(ctx.em, appointmentReadSpec(ctx), args, selection, {
    where: { ...(stores ? { storeId: { $in: stores } } : {}), ...(where as object) } as FilterQuery<Appointment>,
    defaultSort: [{ field: 'startsAt', direction: SortDirection.ASC }, { field: 'appointmentNo', direction: SortDirection.ASC }],
  });
}

/** `appointment(id)`: null when not visible. */
export async function readAppointment(ctx: RequestContext, id: string, selection: Selection | null = null): Promise<Appointment | null> {
  const page = await listAppointments(ctx, { paging: { limit: 1, offset: 0 } }, { id }, selection);
  return (page.nodes[0] as Appointment | undefined) ?? null;
}
