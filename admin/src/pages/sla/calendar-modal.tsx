import { useTranslate } from '@refinedev/core';
import { Alert, Col, Form, Input, Modal, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useApiForm } from '../../hooks/use-api-form';
import { useGql } from '../../hooks/use-gql';
import { DATE, parsePeriods, toCalendarInput, toFormValues, type CalendarFormValues } from './calendar-hours';
import { WEEKDAYS, type Calendar, type ExtraWorkday } from './types';

function useRules() {
  const t = useTranslate();
  const hours: Rule = { validator: async (_, v?: string) => { if (parsePeriods(v) === null) throw new Error(t('sla.hoursInvalid')); } };
  const dates: Rule = { validator: async (_, v?: string[]) => { if ((v ?? []).some((d) => !DATE.test(d))) throw new Error(t('sla.datesInvalid')); } };
  return { hours, dates };
}

/** Create or edit a business calendar (sla:manage): working hours per weekday, holidays, make-up workdays; `calendar` absent = create. */
export function CalendarModal({ calendar, onClose, onSaved }: { calendar?: Calendar; onClose(): void; onSaved(): void }) {
  const t = useTranslate();
  const rules = useRules();
  const { form, submit, formError, loading } = useApiForm(['businessCalendar', 'update']);
  const extra = useGql<{ businessCalendars: { id: string; extraWorkdays: ExtraWorkday[] }[] }>('BusinessCalendarExtraWorkdays', {}, { enabled: !!calendar });
  const save = async () => {
    const values = (await form.validateFields().catch(() => undefined)) as CalendarFormValues | undefined;
    if (!values) return;
    const input = toCalendarInput(values, extra.data?.businessCalendars.find((c) => c.id === calendar?.id)?.extraWorkdays);
    const saved = calendar
      ? await submit('UpdateBusinessCalendar', { input: { id: calendar.id, version: calendar.version, update: input } })
      : await submit('CreateBusinessCalendar', { input: { businessCalendar: input } });
    if (saved) onSaved();
  };
  const dates = { mode: 'tags' as const, tokenSeparators: [',', ' ', '，'], open: false, placeholder: t('sla.datesHint') };
  return (
    <Modal open width={720} title={t(calendar ? 'sla.editCalendar' : 'sla.newCalendar')} onCancel={onClose} onOk={() => void save()} okButtonProps={{ loading: loading || (!!calendar && extra.isLoading), 'data-testid': 'sla-calendar-save' }} destroyOnHidden>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={toFormValues(calendar)}>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="timeZone" label={t('admin.timeZone')} rules={[{ required: true }]}><Input /></Form.Item></Col>
        </Row>
        <Form.Item label={t('admin.workingDays')} extra={t('sla.hoursHint')} style={{ marginBottom: 8 }}>
          {WEEKDAYS.map((d) => (
            <Form.Item key={d} name={['hours', d]} rules={[rules.hours]} style={{ marginBottom: 6 }}>
              <Input addonBefore={<span style={{ display: 'inline-block', width: 36 }}>{t(`sla.weekdays.${d}`)}</span>} placeholder="—" />
            </Form.Item>
          ))}
        </Form.Item>
        <Form.Item name="holidays" label={t('admin.holidays')} rules={[rules.dates]}><Select {...dates} /></Form.Item>
        <Form.Item name="extraWorkdays" label={t('sla.extraWorkdays')} rules={[rules.dates]}><Select {...dates} /></Form.Item>
      </Form>
    </Modal>
  );
}
