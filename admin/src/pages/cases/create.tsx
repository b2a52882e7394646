import { useNotices } from '../../components/crud';
import { Create, useForm } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Form, Input, Select } from 'antd';
import { useEnumLabel } from '../../components/display';
import { CustomerPicker } from '../../components/pickers';
import { op } from '../../operations';

const TYPES = ['CONSULTATION', 'MEDICATION_CONSULTATION', 'COMPLAINT', 'AFTER_SALES', 'ORDER_INQUIRY', 'SUGGESTION', 'PRAISE'];
const CHANNELS = ['PHONE', 'ONLINE_CHAT', 'EMAIL', 'IN_STORE', 'APP', 'WECHAT', 'SMS'];
const CATEGORIES = ['DELIVERY_DAMAGED', 'DELIVERY_LATE', 'DRUG_SPOILED', 'DRUG_WRONG_ITEM', 'SERVICE_ATTITUDE', 'SERVICE_SLOW_REPLY', 'OTHER'];
const PRIORITIES = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];

/** Open a case (it starts in its workflow's first state, in the queue, with SLA clocks running). */
export function CaseCreate() {
  const t = useTranslate();
  const label = useEnumLabel();
  const options = (name: string, values: string[]) => values.map((v) => ({ value: v, label: label(name, v) }));
  const { formProps, saveButtonProps } = useForm({ resource: 'cases', action: 'create', meta: { gqlMutation: op('CreateCase'), inputKey: 'case' }, redirect: 'show', ...useNotices('cases', 'create') });
  const type = Form.useWatch('type', formProps.form);
  return (
    <Create saveButtonProps={{ ...saveButtonProps, 'data-testid': 'case-save' } as never}>
      <Form {...formProps} layout="vertical" initialValues={{ channel: 'PHONE', priority: 'NORMAL' }}>
        <Form.Item name="type" label={t('cases.type')} rules={[{ required: true }]}><Select options={options('CaseType', TYPES)} /></Form.Item>
        <Form.Item name="channel" label={t('cases.channel')} rules={[{ required: true }]}><Select options={options('CaseChannel', CHANNELS)} /></Form.Item>
        {type === 'COMPLAINT' && <Form.Item name="category" label={t('cases.category')}><Select allowClear options={options('CaseCategory', CATEGORIES)} /></Form.Item>}
        <Form.Item name="priority" label={t('cases.priority')}><Select options={options('CasePriority', PRIORITIES)} /></Form.Item>
        <Form.Item name="customerId" label={t('cases.customer')}><CustomerPicker /></Form.Item>
        <Form.Item name="subject" label={t('cases.subject')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="description" label={t('cases.description')} rules={[{ required: true }]}><Input.TextArea rows={4} /></Form.Item>
        <Form.Item name="orderRef" label={t('cases.orderRef')}><Input /></Form.Item>
      </Form>
    </Create>
  );
}
