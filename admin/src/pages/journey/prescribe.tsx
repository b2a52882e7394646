import { useTranslate } from '@refinedev/core';
import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { CustomerPicker, StaffPicker } from '../../components/pickers';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { money } from '../orders/shared';

interface TestItemOption {
  id: string;
  code: string;
  name: string;
  priceCents: number;
  turnaroundDays: number;
  status: string;
}

/**
 * 开检测单 (/journey/new): the doctor (or the health manager for them) picks the customer and the
 * test items; the total shown is sent back and the server refuses a different one (TOTAL_MISMATCH),
 * so the customer signs what the system charges. Then the printable sheet opens.
 */
export function PrescribeTestsPage() {
  const t = useTranslate();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ customerId: string; doctorId?: string; testItemIds: string[]; note?: string }>();
  const { data } = useGql<{ testItems: { nodes: TestItemOption[] } }>('TestItemsForOrder');
  const items = (data?.testItems.nodes ?? []).filter((i) => i.status === 'ACTIVE');
  const picked = Form.useWatch('testItemIds', form) ?? [];
  const chosen = items.filter((i) => picked.includes(i.id));
  const total = chosen.reduce((sum, i) => sum + i.priceCents, 0);
  const prescribe = useGqlMutation<{ prescribeTests: { id: string; testOrderNo: string } }>('PrescribeTests');

  const submit = async () => {
    const values = await form.validateFields();
    const done = await prescribe.run({ input: { customerId: values.customerId, doctorId: values.doctorId || null, testItemIds: values.testItemIds, note: values.note?.trim() || null, expectedTotalCents: total } });
    if (done) navigate(`/journey/orders/${done.prescribeTests.id}/sheet`);
  };

  return (
    <Card title={t('journey.newOrder')} data-testid="prescribe-tests">
      <Form form={form} layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item name="customerId" label={t('journey.customer')} rules={[{ required: true, message: t('journey.required') }]}>
          <CustomerPicker />
        </Form.Item>
        <Form.Item name="doctorId" label={t('journey.doctor')}>
          <StaffPicker jobTitles={['DOCTOR']} />
        </Form.Item>
        <Form.Item name="testItemIds" label={t('journey.pickItems')} rules={[{ required: true, message: t('journey.required') }]}>
          <Select
            mode="multiple"
            data-testid="prescribe-items"
            optionFilterProp="label"
            options={items.map((i) => ({ value: i.id, label: `${i.name}（${money(i.priceCents)}）` }))}
          />
        </Form.Item>
        {chosen.map((i) => (
          <Typography.Paragraph key={i.id} type="secondary" style={{ marginBottom: 4 }}>
            {i.name}：{t('journey.turnaround', { days: i.turnaroundDays })}
          </Typography.Paragraph>
        ))}
        <Form.Item name="note" label={t('journey.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space>
          <Typography.Text strong data-testid="prescribe-total">
            {t('journey.total')}：{money(total)}
          </Typography.Text>
          <Button type="primary" loading={prescribe.loading} onClick={() => void submit()} data-testid="prescribe-submit">
            {t('journey.prescribe')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
