import { useTranslate } from '@refinedev/core';
import { Descriptions, Tag } from 'antd';
import { useZone } from '../appointments/shared';

export interface CallRow {
  id: string;
  version: number;
  direction: string;
  state: string;
  line: string | null;
  callerNumber: string;
  calleeNumber: string;
  agentId: string | null;
  agentWorkNo: string | null;
  offeredAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  holdSeconds: number | null;
  wrapUpSeconds: number | null;
  hangupCause: string | null;
  recordingUrl: string | null;
  disposition: string | null;
  note: string | null;
  caseId: string | null;
  orderId: string | null;
  reviewRequestedAt: string | null;
  reviewReason: string | null;
  partnerCallId: string | null;
  customer: { id: string; name: string } | null;
  agent: { id: string; displayName: string } | null;
  orgUnit: { id: string; name: string } | null;
}

export const CALL_STATES = ['RINGING', 'ANSWERED', 'ENDED', 'ABANDONED', 'MISSED', 'FAILED'];
export const CALL_DIRECTIONS = ['INBOUND', 'OUTBOUND'];
const STATE_COLORS: Record<string, string> = { RINGING: 'orange', ANSWERED: 'blue', ENDED: 'green', ABANDONED: 'red', MISSED: 'volcano', FAILED: 'default' };

export function CallStateTag({ state }: { state: string }) {
  const t = useTranslate();
  return <Tag color={STATE_COLORS[state]} data-testid="call-state" data-state={state}>{t(`enums.CallState.${state}`, state)}</Tag>;
}

/** The outside party's number: the caller on an inbound call, the called number on an outbound one. */
export const outsideNumber = (c: Pick<CallRow, 'direction' | 'callerNumber' | 'calleeNumber'>) => (c.direction === 'INBOUND' ? c.callerNumber : c.calleeNumber);

/** A call's facts, for the call log's detail and the review form. */
export function CallFacts({ call }: { call: CallRow }) {
  const t = useTranslate();
  const { format } = useZone();
  const dash = (v: string | number | null | undefined) => (v == null || v === '' ? '—' : v);
  return (
    <Descriptions size="small" column={2} bordered data-testid="call-facts">
      <Descriptions.Item label={t('calls.direction')}>{t(`enums.CallDirection.${call.direction}`)}</Descriptions.Item>
      <Descriptions.Item label={t('calls.state')}><CallStateTag state={call.state} /></Descriptions.Item>
      <Descriptions.Item label={t('calls.caller')}><span data-lang-neutral>{call.callerNumber}</span></Descriptions.Item>
      <Descriptions.Item label={t('calls.callee')}><span data-lang-neutral>{call.calleeNumber}</span></Descriptions.Item>
      <Descriptions.Item label={t('calls.customer')}>{call.customer?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('calls.agent')}>{call.agent?.displayName ?? '—'}{call.agentWorkNo ? <span data-lang-neutral>{` (${call.agentWorkNo})`}</span> : null}</Descriptions.Item>
      <Descriptions.Item label={t('calls.store')}>{call.orgUnit?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('calls.line')}>{dash(call.line)}</Descriptions.Item>
      <Descriptions.Item label={t('calls.offeredAt')}>{format(call.offeredAt)}</Descriptions.Item>
      <Descriptions.Item label={t('calls.answeredAt')}>{call.answeredAt ? format(call.answeredAt) : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('calls.endedAt')}>{call.endedAt ? format(call.endedAt) : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('calls.wait')}>{dash(call.waitSeconds)}</Descriptions.Item>
      <Descriptions.Item label={t('calls.talk')}>{dash(call.talkSeconds)}</Descriptions.Item>
      <Descriptions.Item label={t('calls.hold')}>{dash(call.holdSeconds)}</Descriptions.Item>
      <Descriptions.Item label={t('calls.wrapUp')}>{dash(call.wrapUpSeconds)}</Descriptions.Item>
      <Descriptions.Item label={t('calls.hangupCause')}><span data-lang-neutral>{dash(call.hangupCause)}</span></Descriptions.Item>
      <Descriptions.Item label={t('calls.disposition')}>{dash(call.disposition)}</Descriptions.Item>
      <Descriptions.Item label={t('calls.partnerCallId')}><span data-lang-neutral>{dash(call.partnerCallId)}</span></Descriptions.Item>
      <Descriptions.Item label={t('calls.note')} span={2}>{dash(call.note)}</Descriptions.Item>
      {call.recordingUrl && (
        <Descriptions.Item label={t('calls.recording')} span={2}>
          <audio controls preload="none" src={call.recordingUrl} style={{ width: '100%' }} />
        </Descriptions.Item>
      )}
      {call.reviewRequestedAt && (
        <Descriptions.Item label={t('calls.markedAt')} span={2}>
          <span data-testid="call-review-mark">{format(call.reviewRequestedAt)} · {call.reviewReason}</span>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
