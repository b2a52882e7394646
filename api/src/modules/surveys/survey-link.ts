import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { LockMode } from '@mikro-orm/postgresql';
import { requireActor } from '../../core/auth/authorization';
import { calendarDate, clock } from '../../core/clock';
import type { AppRuntime, RequestContext } from '../../core/context';
import { BadUserInputError, InvalidTransitionError } from '../../core/errors';
import { inFranchise } from '../../core/plugins/events';
import { getCustomer } from '../customers/customer.service';
import { NotificationChannel, NotificationStatus } from '../notifications/notification.entity';
import { notifyCustomer } from '../notifications/notification.service';
import { orgUnitLoader } from '../org/org.loaders';
import { SatisfactionRequest, SatisfactionRequestStatus, SurveyChannel } from './satisfaction-request.entity';
import { SurveyTemplate, SurveyTemplateVersion, type SurveyQuestion } from './survey-template.entity';
import { getSatisfactionRequest, recordSurveyAnswers } from './survey.service';
import type { SendSurveyLinkInput, SurveyAnswerInput } from './survey.types';

/**
 * Online survey links: `/s/<token>`, where the token is the survey's id, its franchise, the
 * link's expiry and a one-time nonce, signed with HMAC-SHA256 (SURVEY_LINK_SECRET, else a key
 * derived from AUTH_SECRET). Nothing in it is guessable, a changed byte breaks the signature,
 * and it is only looked up within the franchise it names (row-level security), so a link
 * reads and answers its own survey only. The survey keeps the nonce of its one working link:
 * sending a new link replaces it, answering (by any path) clears it, so a link works once.
 */

const ID_BYTES = 16;
const NONCE_BYTES = 9;
const PAYLOAD_BYTES = ID_BYTES * 2 + 4 + NONCE_BYTES;
const SIGNATURE_BYTES = 16;
export const SURVEY_LINK_PATH = '/s/';

export type SurveyLinkProblem = 'LINK_INVALID' | 'LINK_EXPIRED' | 'LINK_USED';

/** A link refused: its code (LINK_INVALID, LINK_EXPIRED, LINK_USED) says why, for the page and the JSON variant. */
export class SurveyLinkError extends Error {
  constructor(readonly code: SurveyLinkProblem, message: string) {
    super(message);
    this.name = 'SurveyLinkError';
  }
}

const keys = new WeakMap<AppRuntime, Buffer>();
function linkKey(runtime: AppRuntime): Buffer {
  let key = keys.get(runtime);
  if (!key) keys.set(runtime, (key = runtime.config.SURVEY_LINK_SECRET ? Buffer.from(runtime.config.SURVEY_LINK_SECRET) : createHmac('sha256', runtime.authSecret).update('pharmadesk survey links').digest()));
  return key;
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const bytesUuid = (b: Buffer) => b.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
const sign = (runtime: AppRuntime, payload: Buffer) => createHmac('sha256', linkKey(runtime)).update(payload).digest().subarray(0, SIGNATURE_BYTES);

export interface SurveyLinkClaims {
  surveyId: string;
  franchiseId: string;
  expiresAt: Date;
  nonce: string;
}

export function signSurveyLink(runtime: AppRuntime, claims: SurveyLinkClaims): string {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  uuidBytes(claims.surveyId).copy(payload, 0);
  uuidBytes(claims.franchiseId).copy(payload, ID_BYTES);
  payload.writeUInt32BE(Math.floor(claims.expiresAt.getTime() / 1000), ID_BYTES * 2);
  Buffer.from(claims.nonce, 'base64url').copy(payload, ID_BYTES * 2 + 4);
  return Buffer.concat([payload, sign(runtime, payload)]).toString('base64url');
}

/** The claims of a token whose signature holds (LINK_INVALID otherwise; expiry is checked by the caller). */
export function verifySurveyLink(runtime: AppRuntime, token: string): SurveyLinkClaims {
  const bytes = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url') : Buffer.alloc(0);
  // Canonical only: base64url's spare bits in the last character would give one link several spellings.
  if (bytes.length !== PAYLOAD_BYTES + SIGNATURE_BYTES || bytes.toString('base64url') !== token || !timingSafeEqual(sign(runtime, bytes.subarray(0, PAYLOAD_BYTES)), bytes.subarray(PAYLOAD_BYTES)))
    throw new SurveyLinkError('LINK_INVALID', 'This survey link is not valid: check that it was copied whole.');
  return {
    surveyId: bytesUuid(bytes.subarray(0, ID_BYTES)),
    franchiseId: bytesUuid(bytes.subarray(ID_BYTES, ID_BYTES * 2)),
    expiresAt: new Date(bytes.readUInt32BE(ID_BYTES * 2) * 1000),
    nonce: bytes.subarray(ID_BYTES * 2 + 4, PAYLOAD_BYTES).toString('base64url'),
  };
}

export function surveyLinkUrl(runtime: AppRuntime, token: string): string {
  const base = runtime.config.PUBLIC_URL ?? `http://localhost:${runtime.config.PORT}`;
  return `${base.replace(/\/+$/, '')}${SURVEY_LINK_PATH}${token}`;
}

/**
 * Sends a survey as an online link through the customer's notifications (the channel asked
 * for, else the first the customer may be written to on): an existing survey not yet answered
 * (`id`), or a new one of a template (`customerId` + `templateId`). The survey counts as sent,
 * ONLINE, from now; a link sent before stops working. A link the notifications would not send
 * (no consent on the channel, opted out, no address) is refused with BAD_USER_INPUT whose reason
 * is the suppression reason (NO_CONSENT, OPTED_OUT, NO_ADDRESS, TEMPLATE_DISABLED): the survey is
 * left as it was, not SENT.
 */
export async function sendSurveyLink(ctx: RequestContext, input: SendSurveyLinkInput): Promise<SatisfactionRequest> {
  requireActor(ctx);
  if (input.channel === NotificationChannel.IN_APP) throw new BadUserInputError({ field: 'input.channel', message: 'a survey link goes to the customer by SMS, WECHAT or EMAIL', reason: 'INVALID' });
  let survey: SatisfactionRequest;
  if (input.id) {
    if (input.customerId || input.templateId) throw new BadUserInputError({ field: 'input.id', message: 'give either a survey id, or a customer and a template', reason: 'INVALID' });
    survey = await getSatisfactionRequest(ctx, input.id);
    await getCustomer(ctx, survey.customerId);
    if (survey.status === SatisfactionRequestStatus.ANSWERED || survey.status === SatisfactionRequestStatus.EXPIRED)
      throw new InvalidTransitionError(survey.status, 'send a link', [SatisfactionRequestStatus.PENDING, SatisfactionRequestStatus.SENT]);
  } else {
    if (!input.customerId) throw new BadUserInputError({ field: 'input.customerId', message: 'name the customer to survey (or a survey id)', reason: 'REQUIRED' });
    if (!input.templateId) throw new BadUserInputError({ field: 'input.templateId', message: 'name the survey template to send', reason: 'REQUIRED' });
    const customer = await getCustomer(ctx, input.customerId);
    const template = await ctx.em.findOne(SurveyTemplate, { id: input.templateId });
    if (!template || (template.franchiseId != null && template.franchiseId !== customer.franchiseId))
      throw new BadUserInputError({ field: 'input.templateId', message: 'no such survey template', reason: 'NOT_FOUND' });
    if (!template.active) throw new BadUserInputError({ field: 'input.templateId', message: `the template ${template.name} is inactive`, reason: 'INVALID' });
    const id = randomUUID();
    survey = ctx.em.create(SatisfactionRequest, {
      id,
      franchiseId: customer.franchiseId,
      customerId: customer.id,
      sourceKind: 'survey',
      sourceId: id,
      sourceRef: template.name,
      staffId: null,
      orgUnitId: customer.orgUnitId ?? null,
      templateVersionId: template.currentVersionId,
    });
  }
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + ctx.runtime.config.SURVEY_LINK_TTL_DAYS * 86_400_000);
  const nonce = randomBytes(NONCE_BYTES).toString('base64url');
  Object.assign(survey, { status: SatisfactionRequestStatus.SENT, sentAt: survey.sentAt ?? now, channel: SurveyChannel.ONLINE, linkNonce: nonce, linkExpiresAt: expiresAt });
  await ctx.em.flush();
  const token = signSurveyLink(ctx.runtime, { surveyId: survey.id, franchiseId: survey.franchiseId, expiresAt, nonce });
  const zone = (await orgUnitLoader(ctx).load(survey.franchiseId))?.timeZone ?? 'Asia/Shanghai';
  const message = await notifyCustomer(ctx, {
    kind: 'survey.link',
    customerId: survey.customerId,
    channel: input.channel ?? null,
    variables: { subject: survey.sourceRef, link: surveyLinkUrl(ctx.runtime, token), expiresOn: calendarDate(expiresAt, zone) },
    refType: 'SatisfactionRequest',
    refId: survey.id,
  });
  // Not sent (no consent, opted out, no address, template off): refused, so nothing of this send is kept and the survey is not SENT.
  if (message.status === NotificationStatus.SUPPRESSED)
    throw new BadUserInputError({
      field: input.channel ? 'input.channel' : input.id ? 'input.id' : 'input.customerId',
      message: `the survey link was not sent: ${message.statusNote ?? message.suppressionReason}`,
      reason: message.suppressionReason ?? 'NOT_SENT',
      params: { channel: message.channel, note: message.statusNote ?? null },
    });
  return survey;
}

export interface OpenSurvey {
  survey: Pick<SatisfactionRequest, 'id' | 'version' | 'sourceRef' | 'franchiseId'>;
  questions: SurveyQuestion[];
  franchiseName: string;
  expiresAt: Date;
}

/** The survey a link opens, in its own franchise's scope, or why the link is refused. */
async function linkedSurvey(ctx: RequestContext, claims: SurveyLinkClaims, lock = false): Promise<SatisfactionRequest> {
  if (claims.expiresAt <= clock.now()) throw new SurveyLinkError('LINK_EXPIRED', 'This survey link has expired.');
  const survey = await ctx.em.findOne(SatisfactionRequest, { id: claims.surveyId, franchiseId: claims.franchiseId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!survey) throw new SurveyLinkError('LINK_INVALID', 'This survey link is not valid: check that it was copied whole.');
  if (survey.status === SatisfactionRequestStatus.ANSWERED) throw new SurveyLinkError('LINK_USED', 'This survey was already answered: thank you.');
  if (survey.status === SatisfactionRequestStatus.EXPIRED || (survey.linkExpiresAt && survey.linkExpiresAt <= clock.now())) throw new SurveyLinkError('LINK_EXPIRED', 'This survey link has expired.');
  if (survey.linkNonce !== claims.nonce) throw new SurveyLinkError('LINK_INVALID', 'This survey link was replaced by a newer one: use the latest message.');
  return survey;
}

/** What the public page shows for a link: the questions of the version the survey was sent with. */
export async function openSurveyLink(runtime: AppRuntime, token: string): Promise<OpenSurvey> {
  const claims = verifySurveyLink(runtime, token);
  return inFranchise(runtime, claims.franchiseId, async (ctx) => {
    const survey = await linkedSurvey(ctx, claims);
    const version = await ctx.em.findOneOrFail(SurveyTemplateVersion, { id: survey.templateVersionId });
    const franchise = await orgUnitLoader(ctx).load(survey.franchiseId);
    return { survey, questions: version.questions, franchiseName: franchise?.name ?? '', expiresAt: claims.expiresAt };
  });
}

/** Records the customer's answers through the link, once (the same rule as recordSurveyAnswers: it is that service). */
export async function answerSurveyLink(runtime: AppRuntime, token: string, input: { answers: SurveyAnswerInput[]; suggestion?: string | null }): Promise<SatisfactionRequest> {
  const claims = verifySurveyLink(runtime, token);
  return inFranchise(runtime, claims.franchiseId, async (ctx) => {
    const survey = await linkedSurvey(ctx, claims, true);
    return recordSurveyAnswers(ctx, { id: survey.id, version: survey.version, channel: SurveyChannel.ONLINE, answers: input.answers, suggestion: input.suggestion ?? null }, { byCustomer: true });
  });
}
