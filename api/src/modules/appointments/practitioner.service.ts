import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import type { StaffUser } from '../identity/staff-user.entity';
import { checkVersion } from '../../core/services/updates';
import { PractitionerProfile, VerificationStatus } from './appointment.entity';
import type { PractitionerProfileInput, VerifyPractitionerInput } from './appointment.types';
import { getDoctor } from './schedule.service';

/**
 * A doctor's practitioner profile beside their staff profile (name, gender, photo, phone,
 * employment, region, specialties, years of practice, introduction live there): qualifications
 * with their certificates, training history, shared case studies, and HQ's verification. A
 * changed qualification list sends a verified doctor back to PENDING for HQ to look again.
 */

/** The doctor's profile, or a fresh PENDING one (not saved) when none was kept yet. */
export async function practitionerProfile(ctx: RequestContext, doctorId: string): Promise<PractitionerProfile> {
  const doctor = await getDoctor(ctx, doctorId);
  return (await ctx.em.findOne(PractitionerProfile, { doctorId: doctor.id })) ?? Object.assign(new PractitionerProfile(), { franchiseId: doctor.franchiseId, doctorId: doctor.id, version: 0 });
}

/** Customers are booked only with doctors HQ has verified (a doctor without a profile is PENDING). */
export async function assertVerified(ctx: RequestContext, doctor: StaffUser, field = 'doctorId'): Promise<void> {
  const profile = await ctx.em.findOne(PractitionerProfile, { doctorId: doctor.id }, { fields: ['verificationStatus'] });
  const status = profile?.verificationStatus ?? VerificationStatus.PENDING;
  if (status !== VerificationStatus.VERIFIED)
    throw new BadUserInputError({ field, message: `${doctor.displayName} is not verified by HQ (${status}): appointments are booked only with verified doctors`, reason: 'DOCTOR_NOT_VERIFIED', params: { verificationStatus: status } });
}

/** The saved profile (its version checked when one is given), or a new one to save. */
async function stored(ctx: RequestContext, doctorId: string, version?: number | null): Promise<PractitionerProfile> {
  const doctor = await getDoctor(ctx, doctorId);
  const found = await ctx.em.findOne(PractitionerProfile, { doctorId: doctor.id });
  if (found && version != null) checkVersion(found, version, 'Practitioner profile');
  return found ?? ctx.em.create(PractitionerProfile, { franchiseId: doctor.franchiseId, doctorId: doctor.id });
}

export async function updatePractitionerProfile(ctx: RequestContext, input: PractitionerProfileInput): Promise<PractitionerProfile> {
  const profile = await stored(ctx, input.doctorId, input.version);
  const qualifications = input.qualifications.map((q) => ({ name: q.name.trim(), number: q.number ?? null, issuedBy: q.issuedBy ?? null, issuedOn: q.issuedOn ?? null, url: q.url ?? null }));
  if (JSON.stringify(qualifications) !== JSON.stringify(profile.qualifications) && profile.verificationStatus === VerificationStatus.VERIFIED)
    Object.assign(profile, { verificationStatus: VerificationStatus.PENDING, verificationNote: '资质变更，待总部重新审核', verifiedById: null, verifiedAt: null });
  Object.assign(profile, {
    qualifications,
    trainingHistory: input.trainingHistory.map((t) => ({ title: t.title.trim(), completedOn: t.completedOn ?? null, provider: t.provider ?? null })),
    caseStudies: input.caseStudies.map((c) => ({ title: c.title.trim(), summary: c.summary.trim(), url: c.url ?? null })),
  });
  await ctx.em.flush();
  return profile;
}

/** HQ's verdict (practitioner:verify, HQ only): who and when are kept with the note. */
export async function verifyPractitioner(ctx: RequestContext, input: VerifyPractitionerInput): Promise<PractitionerProfile> {
  const actor = requireActor(ctx);
  const profile = await stored(ctx, input.doctorId);
  Object.assign(profile, { verificationStatus: input.status, verificationNote: input.note?.trim() || null, verifiedById: actor.kind === 'user' ? actor.id : null, verifiedAt: clock.now() });
  await ctx.em.flush();
  return profile;
}
