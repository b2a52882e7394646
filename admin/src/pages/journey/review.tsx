import { useTranslate } from '@refinedev/core';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useGql } from '../../hooks/use-gql';
import { useTestOrderSteps, type StepOrder } from './steps';

interface ReviewOrder extends StepOrder {
  testOrderNo: string;
  state: string;
  reportReceivedAt: string | null;
  labReportId: string | null;
  customer: { name: string } | null;
  doctor: { displayName: string } | null;
  labResults: { code: string; name: string; value: string; unit: string | null; referenceRange: string | null; flag: string | null }[];
  labFiles: { name: string; url: string }[];
}

/**
 * 报告审核 (/journey/review): the consulting department's list of lab reports received or under
 * review, each with the lab's results (out-of-range values flagged) and files, and the steps
 * (review, release) it may take.
 */
export function ReportReview() {
  const t = useTranslate();
  const { data, isFetching, refetch } = useGql<{ testOrders: { totalCount: number; nodes: ReviewOrder[] } }>('ReportReview', { paging: { limit: 50 } });
  const steps = useTestOrderSteps(refetch);
  const orders = data?.testOrders.nodes ?? [];
  // Results open for every report unless the reviewer folds one away.
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  return (
    <Card title={t('journey.review')} data-testid="report-review" extra={<Typography.Text type="secondary">{t('journey.reviewCount', { count: data?.testOrders.totalCount ?? 0 })}</Typography.Text>}>
      <Table<ReviewOrder>
        rowKey="id"
        loading={isFetching}
        dataSource={orders}
        pagination={false}
        expandable={{
          expandedRowKeys: orders.filter((o) => !folded.has(o.id)).map((o) => o.id),
          onExpand: (open, o) => setFolded((f) => { const next = new Set(f); if (open) next.delete(o.id); else next.add(o.id); return next; }),
          expandedRowRender: (o) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Table
                rowKey="code"
                size="small"
                pagination={false}
                locale={{ emptyText: t('journey.noResults') }}
                dataSource={o.labResults}
                columns={[
                  { title: t('journey.items'), render: (_: unknown, r) => r.name },
                  { title: t('journey.value'), dataIndex: 'value' },
                  { title: t('journey.unit'), dataIndex: 'unit', render: (v: string | null) => v ?? '' },
                  { title: t('journey.range'), dataIndex: 'referenceRange', render: (v: string | null) => v ?? '' },
                  { title: t('journey.flag'), dataIndex: 'flag', render: (v: string | null) => (v ? <Tag color={v === 'H' ? 'red' : 'blue'}>{t(`journey.flags.${v}`, v)}</Tag> : '') },
                ]}
              />
              {o.labFiles.length > 0 && (
                <Space wrap>
                  <Typography.Text>{t('journey.files')}：</Typography.Text>
                  {o.labFiles.map((f) => (
                    <a key={f.url} href={f.url} target="_blank" rel="noreferrer" data-lang-neutral>
                      {f.name}
                    </a>
                  ))}
                </Space>
              )}
            </Space>
          ),
        }}
        columns={[
          { title: t('journey.testOrderNo'), dataIndex: 'testOrderNo', render: (v: string) => <span data-lang-neutral>{v}</span> },
          { title: t('journey.customer'), render: (_: unknown, o) => o.customer?.name ?? '' },
          { title: t('journey.doctor'), render: (_: unknown, o) => o.doctor?.displayName ?? '' },
          { title: t('journey.state'), dataIndex: 'state', render: (v: string) => <Tag data-testid="review-state">{t(`journey.states.${v}`, v)}</Tag> },
          { title: t('journey.receivedAt'), dataIndex: 'reportReceivedAt', render: (v: string | null) => v?.slice(0, 16).replace('T', ' ') ?? '' },
          { title: t('journey.labReportId'), dataIndex: 'labReportId', render: (v: string | null) => <span data-lang-neutral>{v ?? ''}</span> },
          { title: t('journey.actions'), render: (_: unknown, o) => steps.buttons(o) },
        ]}
      />
      {steps.dialog}
    </Card>
  );
}
