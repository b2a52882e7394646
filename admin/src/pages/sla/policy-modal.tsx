import { useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { enumOptions } from '../../components/crud';
import { useEnumLabel } from '../../components/display';
import { useApiForm } from '../../hooks/use-api-form';
import { CASE_CHANNELS, CASE_PRIORITIES, CASE_TYPES, type Calendar, type SlaPolicy, type SlaTarget } from './types';

const NEW_TARGET: Partial<SlaTarget> = { calendarHours: true };
const LIMITS = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes', 'resolutionWorkingDays', 'verificationWorkingDays'] as const;
const LIMIT_LABELS: Record<(typeof LIMITS)[number], string> = {
  firstResponseMinutes: 'admin.firstResponse', nextResponseMinutes: 'sla.nextResponse', resolutionMinutes: 'sla.resolutionMinutes',
  resolutionWorkingDays: 'sla.resolutionWorkingDays', verificationWorkingDays: 'sla.verificationWorkingDays',
};

/** The SlaPolicyInput from the form: empty lists mean "all", empty limits are not set. */
function toInput(values: SlaPolicy) {
  const list = (v: string[] | null | undefined) => (v?.length ? v : null);
  return {
    name: values.name, isDefault: !!values.isDefault, queue: values.queue?.trim() || null, calendarId: values.calendarId,
    warningThreshold: values.warningThreshold, autoEscalateOnBreach: !!values.autoEscalateOnBreach,
    targets: (values.targets ?? []).map((x) => ({
      types: list(x.types), priorities: list(x.priorities), channels: list(x.channels), calendarHours: x.calendarHours !== false,
      ...Object.fromEntries(LIMITS.map((k) => [k, x[k] ?? null])),
    })),
  };
}

function TargetCard({ index, onRemove }: { index: number; onRemove(): void }) {
  const t = useTranslate();
  const label = useEnumLabel();
  return (
    <Card size="small" title={t('sla.target', { n: index + 1 })} extra={<Button size="small" danger type="link" onClick={onRemove}>{t('sla.removeTarget')}</Button>} style={{ marginBottom: 12 }}>
      <Row gutter={12}>
        <Col span={8}><Form.Item name={[index, 'types']} label={t('cases.type')} extra={t('sla.allWhenEmpty')}><Select mode="multiple" allowClear options={enumOptions(label, 'CaseType', CASE_TYPES)} /></Form.Item></Col>
        <Col span={8}><Form.Item name={[index, 'priorities']} label={t('cases.priority')}><Select mode="multiple" allowClear options={enumOptions(label, 'CasePriority', CASE_PRIORITIES)} /></Form.Item></Col>
        <Col span={8}><Form.Item name={[index, 'channels']} label={t('cases.channel')}><Select mode="multiple" allowClear options={enumOptions(label, 'CaseChannel', CASE_CHANNELS)} /></Form.Item></Col>
        {LIMITS.map((k) => (
          <Col span={8} key={k}><Form.Item name={[index, k]} label={t(LIMIT_LABELS[k])}><InputNumber min={1} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
        ))}
        <Col span={8}><Form.Item name={[index, 'calendarHours']} label={t('sla.calendarHours')} valuePropName="checked"><Switch /></Form.Item></Col>
      </Row>
    </Card>
  );
}

/** Create or edit an SLA policy (sla:manage); `policy` absent = create. */
export function PolicyModal({ policy, calendars, onClose, onSaved }: { policy?: SlaPolicy; calendars: Calendar[]; onClose(): void; onSaved(): void }) {
  const t = useTranslate();
  const { form, submit, formError, loading } = useApiForm(['slaPolicy', 'update']);
  const initial = policy ?? { isDefault: false, warningThreshold: 0.8, autoEscalateOnBreach: true, calendarId: calendars[0]?.id, targets: [NEW_TARGET] };
  const save = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    const input = toInput(values as SlaPolicy);
    const saved = policy
      ? await submit('UpdateSlaPolicy', { input: { id: policy.id, version: policy.version, update: input } })
      : await submit('CreateSlaPolicy', { input: { slaPolicy: input } });
    if (saved) onSaved();
  };
  return (
    <Modal open width={900} title={t(policy ? 'sla.editPolicy' : 'sla.newPolicy')} onCancel={onClose} onOk={() => void save()} okButtonProps={{ loading, 'data-testid': 'sla-policy-save' }} destroyOnHidden>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="calendarId" label={t('sla.calendar')} rules={[{ required: true }]}><Select options={calendars.map((c) => ({ value: c.id, label: c.name }))} /></Form.Item></Col>
          <Col span={12}><Form.Item name="queue" label={t('admin.queue')} extra={t('sla.queueHint')}><Input placeholder="vip" /></Form.Item></Col>
          <Col span={12}><Form.Item name="warningThreshold" label={t('admin.warningThreshold')} extra={t('sla.warningHint')} rules={[{ required: true }]}><InputNumber min={0.05} max={0.99} step={0.05} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}><Form.Item name="isDefault" label={t('admin.isDefault')} valuePropName="checked"><Switch /></Form.Item></Col>
          <Col span={12}><Form.Item name="autoEscalateOnBreach" label={t('admin.autoEscalate')} valuePropName="checked"><Switch /></Form.Item></Col>
        </Row>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => <TargetCard key={field.key} index={field.name} onRemove={() => remove(field.name)} />)}
              <Button type="dashed" block onClick={() => add(NEW_TARGET)}>{t('sla.addTarget')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
