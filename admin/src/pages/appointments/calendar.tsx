import { useTranslate } from '@refinedev/core';
import { Button, Card, Col, DatePicker, Empty, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { OrgUnitPicker, StaffPicker } from '../../components/pickers';
import { subscribe } from '../../data/request';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { dayjs } from '../../time';
import { AppointmentActions } from './actions';
import { BookingModal, type BookingTarget } from './booking';
import { ACTIVE, startOfDay, StatusTag, useHealthServices, useZone, type AppointmentRow, type Slot } from './shared';

type View = 'day' | 'week';
type Item = { kind: 'appointment'; at: string; appointment: AppointmentRow } | { kind: 'slot'; at: string; slot: Slot };

/**
 * The calendar (预约日历): a doctor's or a store's day or week with its appointments, and the
 * doctor's free slots at the store for a service to book. Live: a booking or change anywhere in
 * scope for this doctor or store refreshes it (appointmentChanged). The choices are in the URL,
 * so a link opens the same calendar.
 */
export function AppointmentCalendar() {
  const t = useTranslate();
  const { can } = useMe();
  const { zone, format, today } = useZone();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const services = useHealthServices();
  const mode = (params.get('by') === 'store' ? 'store' : 'doctor') as 'doctor' | 'store';
  const view = (params.get('view') === 'day' ? 'day' : 'week') as View;
  const doctorId = params.get('doctorId') ?? undefined;
  const storeId = params.get('storeId') ?? undefined;
  const serviceId = params.get('serviceId') ?? services[0]?.id;
  const date = params.get('date') ?? today();
  const set = (changes: Record<string, string | undefined>) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      for (const [k, v] of Object.entries(changes)) (v ? next.set(k, v) : next.delete(k));
      return next;
    });

  // The days shown: the day, or Monday to Sunday of its week.
  const days = useMemo(() => {
    const d = dayjs(date);
    const first = view === 'day' ? d : d.subtract((d.day() + 6) % 7, 'day');
    return Array.from({ length: view === 'day' ? 1 : 7 }, (_, i) => first.add(i, 'day').format('YYYY-MM-DD'));
  }, [date, view]);
  const from = startOfDay(days[0]!, zone);
  const to = startOfDay(dayjs(days[days.length - 1]).add(1, 'day').format('YYYY-MM-DD'), zone);
  const owner = mode === 'doctor' ? doctorId : storeId;

  const list = useGql<{ appointments: { nodes: AppointmentRow[] } }>(
    'AppointmentList',
    { filter: { and: [{ startsAt: { gte: from, lt: to } }, { status: { neq: 'RESCHEDULED' } }, mode === 'doctor' ? { doctorId: { eq: doctorId } } : { storeId: { eq: storeId } }] }, paging: { limit: 200 } },
    { enabled: !!owner },
  );
  const canBook = can('appointment:book');
  const slots = useGql<{ availableSlots: Slot[] }>('AvailableSlots', { doctorId, storeId, serviceId, from, to }, { enabled: !!doctorId && !!storeId && !!serviceId && canBook });

  useEffect(() => {
    if (!owner) return;
    return subscribe('AppointmentChanged', mode === 'doctor' ? { doctorId: owner } : { storeId: owner }, () => {
      void queryClient.invalidateQueries({ queryKey: ['gql', 'AppointmentList'] });
      void queryClient.invalidateQueries({ queryKey: ['gql', 'AvailableSlots'] });
    });
  }, [owner, mode, queryClient]);

  const [booking, setBooking] = useState<BookingTarget | null>(null);
  const [open, setOpen] = useState<AppointmentRow | null>(null);
  const refresh = () => {
    void list.refetch();
    void slots.refetch();
  };
  const doctorName = useDoctorName(doctorId);
  const storeName = useStoreName(storeId);
  const service = services.find((s) => s.id === serviceId);

  const byDay = new Map<string, Item[]>(days.map((d) => [d, []]));
  for (const a of list.data?.appointments.nodes ?? []) byDay.get(format(a.startsAt, 'YYYY-MM-DD'))?.push({ kind: 'appointment', at: a.startsAt, appointment: a });
  for (const s of slots.data?.availableSlots ?? []) byDay.get(format(s.startsAt, 'YYYY-MM-DD'))?.push({ kind: 'slot', at: s.startsAt, slot: s });
  for (const items of byDay.values()) items.sort((x, y) => x.at.localeCompare(y.at));

  return (
    <Card title={t('appointments.calendar')} extra={<Tag color="green" data-testid="calendar-live">{t('appointments.live')}</Tag>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={mode} onChange={(v) => set({ by: v as string })} options={[{ value: 'doctor', label: t('appointments.byDoctor') }, { value: 'store', label: t('appointments.byStore') }]} />
        <div style={{ width: 180 }} data-testid="calendar-doctor"><StaffPicker jobTitles={['DOCTOR']} placeholder={t('appointments.pickDoctor')} value={doctorId} onChange={(v) => set({ doctorId: v })} /></div>
        <div style={{ width: 200 }} data-testid="calendar-store"><OrgUnitPicker kinds={['STORE', 'BRANCH_CENTER']} placeholder={t('appointments.pickStore')} value={storeId} onChange={(v) => set({ storeId: v })} /></div>
        <Select style={{ width: 160 }} placeholder={t('appointments.pickService')} value={serviceId} onChange={(v) => set({ serviceId: v })} options={services.map((s) => ({ value: s.id, label: s.name }))} data-testid="calendar-service" />
        <Segmented value={view} onChange={(v) => set({ view: v as string })} options={[{ value: 'day', label: t('appointments.day') }, { value: 'week', label: t('appointments.week') }]} />
        <Button icon={<LeftOutlined />} aria-label={t('appointments.previous')} onClick={() => set({ date: dayjs(date).subtract(view === 'day' ? 1 : 7, 'day').format('YYYY-MM-DD') })} />
        <DatePicker allowClear={false} value={dayjs(date)} onChange={(v) => v && set({ date: v.format('YYYY-MM-DD') })} />
        <Button icon={<RightOutlined />} aria-label={t('appointments.next')} onClick={() => set({ date: dayjs(date).add(view === 'day' ? 1 : 7, 'day').format('YYYY-MM-DD') })} />
        <Button onClick={() => set({ date: today() })}>{t('appointments.today')}</Button>
      </Space>
      {!owner ? (
        <Empty description={mode === 'doctor' ? t('appointments.pickDoctor') : t('appointments.pickStore')} />
      ) : (
        <Row gutter={8} wrap={false} style={{ overflowX: 'auto' }}>
          {days.map((day) => (
            <Col key={day} flex={view === 'day' ? 'auto' : '1 0 150px'} data-testid="calendar-day" data-date={day}>
              <Typography.Text strong>{t(`appointments.weekdays.${dayjs(day).day()}`)} {day.slice(5)}</Typography.Text>
              <Space direction="vertical" size={4} style={{ width: '100%', marginTop: 6 }}>
                {byDay.get(day)!.map((item) =>
                  item.kind === 'appointment' ? (
                    <Card key={item.appointment.id} size="small" hoverable onClick={() => setOpen(item.appointment)} data-testid="calendar-appointment" data-start={item.at}
                      style={{ opacity: ACTIVE.has(item.appointment.status) ? 1 : 0.55, borderLeft: '3px solid #1677ff' }} styles={{ body: { padding: 6 } }}>
                      <div><Typography.Text strong>{format(item.appointment.startsAt, 'HH:mm')}</Typography.Text> <StatusTag status={item.appointment.status} /></div>
                      <div>{item.appointment.customer?.name ?? '—'}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{item.appointment.service?.name} · {mode === 'doctor' ? item.appointment.store?.name : item.appointment.doctor?.displayName}</Typography.Text>
                    </Card>
                  ) : (
                    <Button key={item.at} block type="dashed" size="small" data-testid="free-slot" data-start={item.at}
                      onClick={() => doctorId && storeId && service && setBooking({ doctor: { id: doctorId, name: doctorName }, store: { id: storeId, name: storeName }, service: { id: service.id, name: service.name }, slot: item.slot })}>
                      {format(item.at, 'HH:mm')} {t('appointments.book')}
                    </Button>
                  ),
                )}
                {!byDay.get(day)!.length && <Typography.Text type="secondary">{t('appointments.noAppointments')}</Typography.Text>}
              </Space>
            </Col>
          ))}
        </Row>
      )}
      <BookingModal target={booking} onClose={() => setBooking(null)} onBooked={() => { setBooking(null); refresh(); }} />
      <AppointmentActions appointment={open} onClose={() => setOpen(null)} onChanged={refresh} />
    </Card>
  );
}

function useDoctorName(id?: string): string {
  const { data } = useGql<{ staffUser: { displayName: string } | null }>('StaffUser', { id }, { enabled: !!id });
  return data?.staffUser?.displayName ?? '';
}

function useStoreName(id?: string): string {
  const { data } = useGql<{ orgUnit: { name: string } | null }>('OrgUnit', { id }, { enabled: !!id });
  return data?.orgUnit?.name ?? '';
}
