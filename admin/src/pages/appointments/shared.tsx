import { useTranslate } from '@refinedev/core';
import { Button, Empty, Space, Tag } from 'antd';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { dayjs, formatInZone } from '../../time';

export interface AppointmentRow {
  id: string;
  version: number;
  appointmentNo: string;
  status: string;
  channel: string;
  startsAt: string;
  endsAt: string;
  note: string | null;
  verifyDueAt: string | null;
  verificationBreachedAt: string | null;
  cancelReason: string | null;
  rescheduledFromId: string | null;
  rescheduledToId: string | null;
  customerId: string;
  doctorId: string;
  storeId: string;
  serviceId: string;
  customer: { id: string; name: string; recordNo: string; memberCardNo: string | null } | null;
  doctor: { id: string; displayName: string } | null;
  store: { id: string; name: string; timeZone: string } | null;
  service: { id: string; name: string; kind: string; durationMinutes: number } | null;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
}

export interface HealthService {
  id: string;
  kind: string;
  name: string;
  durationMinutes: number;
  active: boolean;
}

export const STATUSES = ['REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED'];
export const CHANNELS = ['PHONE', 'IN_PERSON', 'ONLINE'];
export const STATUS_COLORS: Record<string, string> = { REQUESTED: 'orange', CONFIRMED: 'blue', CHECKED_IN: 'cyan', COMPLETED: 'green', CANCELLED: 'default', NO_SHOW: 'red', RESCHEDULED: 'purple' };
/** Statuses that hold their slot. */
export const ACTIVE = new Set(['REQUESTED', 'CONFIRMED', 'CHECKED_IN']);

export function StatusTag({ status }: { status: string }) {
  const t = useTranslate();
  return <Tag color={STATUS_COLORS[status]} data-testid="appointment-status">{t(`enums.AppointmentStatus.${status}`, status)}</Tag>;
}

/** The franchise's zone (the signed-in user's unit) and a formatter in it. */
export function useZone() {
  const { me } = useMe();
  const zone = me?.scope.orgUnit.timeZone;
  return { zone, format: (value: string | null | undefined, format?: string) => formatInZone(value, zone, format), today: () => (zone ? dayjs().add(me?.clockOffsetMs ?? 0, 'ms').tz(zone) : dayjs().add(me?.clockOffsetMs ?? 0, 'ms')).format('YYYY-MM-DD') };
}

/** Midnight of a calendar day in a zone, as an ISO instant. */
export function startOfDay(day: string, zone?: string): string {
  return (zone ? dayjs.tz(day, zone) : dayjs(day)).toISOString();
}

export function useHealthServices() {
  const { data } = useGql<{ healthServices: HealthService[] }>('HealthServices');
  return (data?.healthServices ?? []).filter((s) => s.active);
}

/** Free slots as buttons to pick (the booking form's next slots, the reschedule picker). */
export function SlotButtons({ slots, onPick, selected, testId = 'slot-option' }: { slots: Slot[]; onPick: (slot: Slot) => void; selected?: string; testId?: string }) {
  const t = useTranslate();
  const { format } = useZone();
  if (!slots.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appointments.noNextSlots')} />;
  return (
    <Space wrap>
      {slots.map((s) => (
        <Button key={s.startsAt} size="small" type={selected === s.startsAt ? 'primary' : 'default'} data-testid={testId} data-start={s.startsAt} onClick={() => onPick(s)}>
          {format(s.startsAt, 'MM-DD HH:mm')}
        </Button>
      ))}
    </Space>
  );
}
