import { clock } from '@pharmadesk/api';
import type { Caller } from '../support/actors';
import { must } from '../inventory/support';

export const CALL = 'id version franchiseId orgUnitId partnerCallId source direction state line callerNumber calleeNumber customerId agentId agentWorkNo offeredAt answeredAt endedAt waitSeconds talkSeconds holdSeconds wrapUpSeconds hangupCause recordingUrl disposition note caseId';

export interface CallRow {
  id: string;
  version: number;
  franchiseId: string;
  partnerCallId: string | null;
  source: string;
  direction: string;
  state: string;
  customerId: string | null;
  agentId: string | null;
  agentWorkNo: string | null;
  offeredAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  holdSeconds: number | null;
  hangupCause: string | null;
  recordingUrl: string | null;
  disposition: string | null;
  note: string | null;
  caseId: string | null;
}

export interface BatchResult {
  applied: number;
  unchanged: number;
  rejected: { index: number; callId: string | null; code: string; reason: string; field: string; message: string }[];
  calls: CallRow[];
}

export const RECORD_EVENTS = `mutation($e: [CallEventInput!]!) { recordCallEvents(input: { events: $e }) { applied unchanged rejected { index callId code reason field message } calls { ${CALL} } } }`;

export const postEvents = (partner: Caller, events: Record<string, unknown>[]) => must<{ recordCallEvents: BatchResult }>(partner, RECORD_EVENTS, { e: events }).then((d) => d.recordCallEvents);

/** An instant `seconds` after `base` (the product's clock), ISO. */
export const after = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000).toISOString();

/** A base instant an hour before the product's clock, on a whole second. */
export const anHourAgo = () => new Date(Math.floor(clock.now().getTime() / 1000) * 1000 - 3_600_000);
