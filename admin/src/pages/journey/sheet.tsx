import { useTranslate } from '@refinedev/core';
import { Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useGql } from '../../hooks/use-gql';
import { money } from '../orders/shared';

interface SheetOrder {
  id: string;
  testOrderNo: string;
  totalCents: number;
  expectedReportOn: string | null;
  createdAt: string;
  note: string | null;
  customer: { name: string; recordNo: string } | null;
  doctor: { displayName: string } | null;
  orgUnit: { name: string } | null;
  lines: { lineNo: number; code: string; name: string; priceCents: number; samplingGuide: string | null }[];
}

/** On paper only the sheet: the panel's menu, header and buttons are left out. */
const PRINT_CSS = `@media print {
  .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; }
  .ant-layout-content { margin: 0 !important; padding: 0 !important; }
  .ant-card { border: none !important; box-shadow: none !important; }
}`;

/**
 * 检测单 (/journey/orders/:id/sheet): the test order as the customer signs it, with the items,
 * their prices and sampling guides, the total and the expected report date; 打印 prints it.
 */
export function TestOrderSheet() {
  const t = useTranslate();
  const { id } = useParams();
  const { data } = useGql<{ testOrder: SheetOrder | null }>('TestOrderSheet', { id });
  const order = data?.testOrder;
  return (
    <Card
      title={t('journey.sheetTitle')}
      data-testid="test-order-sheet"
      extra={
        <Space className="no-print">
          <Link to="/journey">{t('journey.back')}</Link>
          <Button type="primary" onClick={() => window.print()} data-testid="sheet-print">
            {t('journey.print')}
          </Button>
        </Space>
      }
    >
      <style>{PRINT_CSS}</style>
      {order && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('journey.testOrderNo')}>
              <span data-lang-neutral data-testid="sheet-no">{order.testOrderNo}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('journey.createdAt')}>{order.createdAt.slice(0, 10)}</Descriptions.Item>
            <Descriptions.Item label={t('journey.customer')}>{order.customer?.name ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('journey.recordNo')}>
              <span data-lang-neutral>{order.customer?.recordNo ?? ''}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('journey.doctor')}>{order.doctor?.displayName ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('journey.store')}>{order.orgUnit?.name ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('journey.expectedReport')}>{order.expectedReportOn ?? t('journey.afterSampling')}</Descriptions.Item>
            <Descriptions.Item label={t('journey.total')}>
              <span data-testid="sheet-total">{money(order.totalCents)}</span>
            </Descriptions.Item>
            {order.note && <Descriptions.Item label={t('journey.note')} span={2}>{order.note}</Descriptions.Item>}
          </Descriptions>
          <Table
            style={{ marginTop: 16 }}
            rowKey="lineNo"
            size="small"
            pagination={false}
            dataSource={order.lines}
            columns={[
              { title: t('journey.lineNo'), dataIndex: 'lineNo', width: 60 },
              { title: t('journey.items'), dataIndex: 'name' },
              { title: t('journey.price'), dataIndex: 'priceCents', render: (v: number) => money(v), width: 120 },
              { title: t('journey.samplingGuide'), dataIndex: 'samplingGuide', render: (v: string | null) => v ?? '' },
            ]}
          />
          <Typography.Paragraph style={{ marginTop: 24 }}>{t('journey.consent')}</Typography.Paragraph>
          <Space size={64} style={{ marginTop: 24 }}>
            <span>{t('journey.customerSignature')}：________________</span>
            <span>{t('journey.doctorSignature')}：________________</span>
            <span>{t('journey.signDate')}：____________</span>
          </Space>
        </>
      )}
    </Card>
  );
}
