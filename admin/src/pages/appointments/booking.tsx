import { useTranslate } from '@refinedev/core';
import { Alert, App, Descriptions, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { CustomerPicker } from '../../components/pickers';
import { errorText } from '../../data/errors';
import { request } from '../../data/request';
import type { ApiError } from '../../graphql-client';
import { CHANNELS, SlotButtons, useZone, type AppointmentRow, type Slot } from './shared';

export interface BookingTarget {
  doctor: { id: string; name: string };
  store: { id: string; name: string };
  service: { id: string; name: string };
  slot: Slot;
}

/**
 * The booking form for a free slot: customer, channel, note. A slot taken meanwhile (SLOT_TAKEN)
 * shows the doctor's next free slots from the API's answer to pick one and book again.
 */
export function BookingModal({ target, onClose, onBooked }: { target: BookingTarget | null; onClose: () => void; onBooked: (a: AppointmentRow) => void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const { format } = useZone();
  const [form] = Form.useForm<{ customerId: string; channel: string; note?: string }>();
  const [slot, setSlot] = useState<Slot | null>(null);
  const [taken, setTaken] = useState<Slot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setSlot(target?.slot ?? null);
    setTaken(null);
    setError(null);
    if (target) form.setFieldsValue({ channel: 'PHONE', note: undefined });
  }, [target, form]);

  const submit = async () => {
    if (!target || !slot) return;
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const { bookAppointment } = await request<{ bookAppointment: AppointmentRow }>('BookAppointment', {
        input: { customerId: values.customerId, doctorId: target.doctor.id, storeId: target.store.id, serviceId: target.service.id, startsAt: slot.startsAt, channel: values.channel, note: values.note?.trim() || null },
      });
      message.success(t('appointments.booked', { no: bookAppointment.appointmentNo }));
      onBooked(bookAppointment);
    } catch (e) {
      const api = e as ApiError;
      if (api.reason === 'SLOT_TAKEN') setTaken((api.extensions?.nextSlots as Slot[] | undefined) ?? []);
      else setError(errorText(api, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={!!target} title={slot ? t('appointments.bookAt', { time: format(slot.startsAt, 'YYYY-MM-DD HH:mm') }) : ''} onCancel={onClose} onOk={() => void submit()} okText={t('appointments.book')}
      okButtonProps={{ loading: busy, 'data-testid': 'book-submit' } as never} destroyOnHidden data-testid="booking-form">
      {target && (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('appointments.doctor')}>{target.doctor.name}</Descriptions.Item>
          <Descriptions.Item label={t('appointments.store')}>{target.store.name}</Descriptions.Item>
          <Descriptions.Item label={t('appointments.service')}>{target.service.name}</Descriptions.Item>
        </Descriptions>
      )}
      {taken && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="slot-taken"
          message={<Typography.Text>{t('appointments.slotTaken')}</Typography.Text>}
          description={<SlotButtons slots={taken} testId="next-slot" onPick={(s) => { setSlot(s); setTaken(null); }} />} />
      )}
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={error} data-testid="booking-error" />}
      <Form form={form} layout="vertical">
        <div data-testid="booking-customer">
          <Form.Item name="customerId" label={t('appointments.customer')} rules={[{ required: true, message: t('appointments.pickCustomer') }]}>
            <CustomerPicker placeholder={t('appointments.pickCustomer')} />
          </Form.Item>
        </div>
        <Form.Item name="channel" label={t('appointments.channel')} rules={[{ required: true }]}>
          <Select options={CHANNELS.map((c) => ({ value: c, label: t(`enums.AppointmentChannel.${c}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('appointments.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
