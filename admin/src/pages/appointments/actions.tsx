import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Descriptions, Input, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorText } from '../../data/errors';
import { request } from '../../data/request';
import type { ApiError } from '../../graphql-client';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { useServerNow } from '../../hooks/use-now';
import { SlotButtons, StatusTag, useZone, type AppointmentRow, type Slot } from './shared';

const DAY = 86_400_000;

/** What can be done with an appointment in its status, and the permission it needs (the API checks the same). */
const ACTIONS = [
  { key: 'confirm', mutation: 'ConfirmAppointment', from: ['REQUESTED'], permission: 'appointment:book' },
  { key: 'checkIn', mutation: 'CheckInAppointment', from: ['CONFIRMED'], permission: 'appointment:attend' },
  { key: 'complete', mutation: 'CompleteAppointment', from: ['CHECKED_IN'], permission: 'appointment:attend' },
  { key: 'noShow', mutation: 'MarkAppointmentNoShow', from: ['REQUESTED', 'CONFIRMED'], permission: 'appointment:attend', started: true },
  { key: 'cancel', mutation: 'CancelAppointment', from: ['REQUESTED', 'CONFIRMED'], permission: 'appointment:book' },
  { key: 'reschedule', mutation: 'RescheduleAppointment', from: ['REQUESTED', 'CONFIRMED'], permission: 'appointment:book' },
] as const;

/** An appointment's details and the actions the user may take on it (confirm, check in, complete, no-show, cancel with a reason, reschedule to a free slot). */
export function AppointmentActions({ appointment, onClose, onChanged }: { appointment: AppointmentRow | null; onClose: () => void; onChanged: () => void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const { can } = useMe();
  const now = useServerNow();
  const { format } = useZone();
  const [mode, setMode] = useState<'cancel' | 'reschedule' | null>(null);
  const [reason, setReason] = useState('');
  const [slot, setSlot] = useState<Slot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const a = appointment;
  useEffect(() => {
    setMode(null);
    setReason('');
    setSlot(null);
    setError(null);
  }, [a?.id]);
  const from = a ? new Date(Math.max(now, Date.parse(a.startsAt) - DAY)).toISOString() : '';
  const { data: free } = useGql<{ availableSlots: Slot[] }>('AvailableSlots', a ? { doctorId: a.doctorId, storeId: a.storeId, serviceId: a.serviceId, from, to: new Date(Date.parse(from) + 14 * DAY).toISOString(), limit: 30 } : {}, { enabled: !!a && mode === 'reschedule' });

  const run = async (mutation: string, key: string, extra: Record<string, unknown> = {}) => {
    if (!a) return;
    setBusy(true);
    setError(null);
    try {
      await request(mutation, { input: { id: a.id, version: a.version, ...extra } });
      message.success(t('appointments.done', { action: t(`appointments.${key}`) }));
      onChanged();
      onClose();
    } catch (e) {
      setError(errorText(e as ApiError, t));
    } finally {
      setBusy(false);
    }
  };

  const available = a ? ACTIONS.filter((x) => (x.from as readonly string[]).includes(a.status) && can(x.permission) && (!('started' in x) || Date.parse(a.startsAt) <= now)) : [];
  return (
    <Modal open={!!a} title={a ? `${a.appointmentNo}` : ''} onCancel={onClose} footer={null} destroyOnHidden data-testid="appointment-actions">
      {a && (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('appointments.status')}><StatusTag status={a.status} /></Descriptions.Item>
            <Descriptions.Item label={t('appointments.time')}>{format(a.startsAt)} – {format(a.endsAt, 'HH:mm')}</Descriptions.Item>
            <Descriptions.Item label={t('appointments.customer')}>{a.customer?.name ?? '—'}{a.customer ? ` · ${a.customer.recordNo}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('appointments.doctor')}>{a.doctor?.displayName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('appointments.store')}>{a.store?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('appointments.service')}>{a.service?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('appointments.channel')}>{t(`enums.AppointmentChannel.${a.channel}`)}</Descriptions.Item>
            {a.status === 'REQUESTED' && a.verifyDueAt && (
              <Descriptions.Item label={t('appointments.verification')}>
                <Typography.Text type={a.verificationBreachedAt ? 'danger' : undefined}>{a.verificationBreachedAt ? t('appointments.overdue') : t('appointments.verifyBy', { time: format(a.verifyDueAt) })}</Typography.Text>
              </Descriptions.Item>
            )}
            {a.cancelReason && <Descriptions.Item label={t('appointments.cancelReason')}>{a.cancelReason}</Descriptions.Item>}
            {a.note && <Descriptions.Item label={t('appointments.note')}>{a.note}</Descriptions.Item>}
          </Descriptions>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="action-error" />}
          <Space wrap>
            {available.map((x) =>
              x.key === 'cancel' || x.key === 'reschedule' ? (
                <Button key={x.key} danger={x.key === 'cancel'} type={mode === x.key ? 'primary' : 'default'} onClick={() => setMode(x.key)} data-testid={`action-${x.key}`}>{t(`appointments.${x.key}`)}</Button>
              ) : (
                <Button key={x.key} loading={busy} onClick={() => void run(x.mutation, x.key)} data-testid={`action-${x.key}`}>{t(`appointments.${x.key}`)}</Button>
              ),
            )}
          </Space>
          {mode === 'cancel' && (
            <Space.Compact style={{ width: '100%', marginTop: 12 }}>
              <Input placeholder={t('appointments.cancelReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="cancel-reason" />
              <Button danger type="primary" loading={busy} disabled={!reason.trim()} onClick={() => void run('CancelAppointment', 'cancel', { reason: reason.trim() })} data-testid="cancel-submit">{t('appointments.cancel')}</Button>
            </Space.Compact>
          )}
          {mode === 'reschedule' && (
            <div style={{ marginTop: 12 }}>
              <Typography.Paragraph type="secondary">{t('appointments.pickSlot')}</Typography.Paragraph>
              <SlotButtons slots={free?.availableSlots ?? []} selected={slot?.startsAt} onPick={setSlot} />
              <Space.Compact style={{ width: '100%', marginTop: 12 }}>
                <Input placeholder={t('appointments.rescheduleReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
                <Button type="primary" loading={busy} disabled={!slot} onClick={() => slot && void run('RescheduleAppointment', 'reschedule', { startsAt: slot.startsAt, reason: reason.trim() || null })} data-testid="reschedule-submit">{t('appointments.reschedule')}</Button>
              </Space.Compact>
            </div>
          )}
        </>
      )}
    </Modal>
  );
}
