import { useTranslate } from '@refinedev/core';
import { Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useGql, useGqlMutation } from '../../hooks/use-gql';

interface BoardOrder {
  id: string;
  version: number;
  testOrderNo: string;
  state: string;
  totalCents: number;
  expectedReportOn: string | null;
  reportOverdue: boolean;
  createdAt: string;
  customer: { id: string; name: string } | null;
  doctor: { id: string; displayName: string } | null;
  lines: { code: string; name: string }[];
  allowedActions: { action: string; requiredFields: string[]; blockedReason: string | null }[];
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
  const take = useGqlMutation<{ takeTestOrderAction: { id: string } }>('TakeTestOrderAction', { success: 'journey.stepTaken' });
  const [asking, setAsking] = useState<{ order: BoardOrder; action: string; field: string } | null>(null);
  const [text, setText] = useState('');

  const run = async (order: BoardOrder, action: string, values: Record<string, string> = {}) => {
    const done = await take.run({ input: { id: order.id, version: order.version, action, ...values } });
    if (done) await refetch();
  };
  const start = (order: BoardOrder, action: string, requiredFields: string[]) => {
    const field = requiredFields[0];
    if (!field) return void run(order, action);
    setText('');
    setAsking({ order, action, field });
  };

  return (
    <Card title={t('journey.board')} data-testid="journey-board">
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
          { title: t('journey.testOrderNo'), dataIndex: 'testOrderNo', render: (v: string) => <span data-lang-neutral>{v}</span> },
          { title: t('journey.customer'), render: (_: unknown, o) => o.customer?.name ?? '' },
          { title: t('journey.doctor'), render: (_: unknown, o) => o.doctor?.displayName ?? '' },
          { title: t('journey.items'), render: (_: unknown, o) => o.lines.map((l) => l.name).join('、') },
          { title: t('journey.amount'), dataIndex: 'totalCents', render: (v: number) => `¥${(v / 100).toFixed(2)}` },
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
            render: (_: unknown, o) => (
              <Space wrap>
                {o.allowedActions.map((a) => (
                  <Button key={a.action} size="small" disabled={!!a.blockedReason || take.loading} data-testid={`journey-action-${a.action}`} onClick={() => start(o, a.action, a.requiredFields)}>
                    {t(`journey.stepActions.${a.action}`, a.action)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!asking}
        title={asking ? t(`journey.stepActions.${asking.action}`, asking.action) : ''}
        okText={t('journey.confirm')}
        cancelText={t('journey.cancel')}
        okButtonProps={{ disabled: !text.trim(), loading: take.loading }}
        onCancel={() => setAsking(null)}
        onOk={async () => {
          if (!asking) return;
          await run(asking.order, asking.action, { [asking.field]: text.trim() });
          setAsking(null);
        }}
      >
        <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder={asking ? t(`journey.fields.${asking.field}`, asking.field) : ''} data-testid="journey-step-text" />
      </Modal>
    </Card>
  );
}
