import { useCan, useTranslate } from '@refinedev/core';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useGql } from '../../hooks/use-gql';
import { money } from '../orders/shared';
import { useTestOrderSteps, type StepOrder } from './steps';

interface BoardOrder extends StepOrder {
  testOrderNo: string;
  state: string;
  totalCents: number;
  expectedReportOn: string | null;
  reportOverdue: boolean;
  createdAt: string;
  customer: { id: string; name: string } | null;
  doctor: { id: string; displayName: string } | null;
  lines: { code: string; name: string }[];
}

export const JOURNEY_STATES = ['PRESCRIBED', 'SAMPLING', 'SAMPLE_REJECTED', 'TESTING', 'REPORT_RECEIVED', 'UNDER_REVIEW', 'RELEASED', 'IN_PRODUCTION', 'READY', 'DELIVERED', 'INTERPRETED', 'CANCELLED'];
const STATE_COLORS: Record<string, string> = { SAMPLE_REJECTED: 'orange', RELEASED: 'green', INTERPRETED: 'success', CANCELLED: 'default', UNDER_REVIEW: 'purple', TESTING: 'blue' };

/**
 * 服务流程看板 (/journey): the customers' test orders by step of the journey (filter by step), the
 * report date of each with the overdue ones highlighted, and the steps the user may take now
 * (a reason or the summary asked for where the step needs one).
 */
export function JourneyBoard() {
  const t = useTranslate();
  const [state, setState] = useState<string | undefined>(undefined);
  const { data, isFetching, refetch } = useGql<{ testOrders: { totalCount: number; nodes: BoardOrder[] } }>('JourneyBoard', {
    filter: state ? { state: { eq: state } } : {},
    paging: { limit: 100 },
  });
  const steps = useTestOrderSteps(refetch);
  const { data: canPrescribe } = useCan({ resource: 'journeyBoard', action: 'create' });
  const { data: canReview } = useCan({ resource: 'journeyReview', action: 'list' });

  return (
    <Card
      title={t('journey.board')}
      data-testid="journey-board"
      extra={
        <Space>
          {canReview?.can && <Link to="/journey/review">{t('journey.review')}</Link>}
          {canPrescribe?.can && (
            <Link to="/journey/new">
              <Button type="primary" data-testid="journey-new">{t('journey.newOrder')}</Button>
            </Link>
          )}
        </Space>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Text>{t('journey.step')}</Typography.Text>
        <Select
          allowClear
          style={{ width: 220 }}
          placeholder={t('journey.allSteps')}
          value={state}
          onChange={setState}
          data-testid="journey-state-filter"
          options={JOURNEY_STATES.map((s) => ({ value: s, label: t(`journey.states.${s}`) }))}
        />
        <Typography.Text type="secondary">{t('journey.count', { count: data?.testOrders.totalCount ?? 0 })}</Typography.Text>
      </Space>
      <Table<BoardOrder>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.testOrders.nodes ?? []}
        pagination={false}
        rowClassName={(o) => (o.reportOverdue ? 'journey-overdue' : '')}
        columns={[
          { title: t('journey.testOrderNo'), render: (_: unknown, o) => <Link to={`/journey/orders/${o.id}/sheet`} data-lang-neutral>{o.testOrderNo}</Link> },
          { title: t('journey.customer'), render: (_: unknown, o) => o.customer?.name ?? '' },
          { title: t('journey.doctor'), render: (_: unknown, o) => o.doctor?.displayName ?? '' },
          { title: t('journey.items'), render: (_: unknown, o) => o.lines.map((l) => l.name).join('、') },
          { title: t('journey.amount'), dataIndex: 'totalCents', render: (v: number) => money(v) },
          {
            title: t('journey.state'),
            dataIndex: 'state',
            render: (v: string) => <Tag color={STATE_COLORS[v]} data-testid="journey-state">{t(`journey.states.${v}`, v)}</Tag>,
          },
          {
            title: t('journey.reportDue'),
            render: (_: unknown, o) => (
              <Space>
                <span>{o.expectedReportOn ?? '—'}</span>
                {o.reportOverdue && <Tag color="red" data-testid="journey-overdue">{t('journey.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('journey.actions'),
            render: (_: unknown, o) => steps.buttons(o),
          },
        ]}
      />
      {steps.dialog}
    </Card>
  );
}
