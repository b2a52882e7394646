import { useTranslate } from '@refinedev/core';
import { Card, Descriptions, Empty, Space, Table, Tag, Timeline } from 'antd';
import { CheckCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { DateTime, MaybeMasked, SLA_COLORS, useEnumLabel, useStateLabel, CustomerTags } from '../../components/display';
import { useServerNow } from '../../hooks/use-now';
import { formatDuration } from '../../time';

export interface CaseCustomer {
  id: string;
  name: string;
  recordNo: string;
  phone: string | null;
  age: number | null;
  gender: string | null;
  tags: string[];
  segment: string;
  allergies: string[];
  lastServiceAt: string | null;
}

/** Who the case is about: archive number, contact (masked without customer:pii), tags, allergies. */
export function CustomerCard({ customer }: { customer: CaseCustomer | null }) {
  const t = useTranslate();
  const label = useEnumLabel();
  return (
    <Card size="small" title={t('cases.customerCard')} data-testid="customer-card">
      {!customer ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.noCustomer')} />
      ) : (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('customers.name')}>
            <Link to={`/customers/show/${customer.id}`}>{customer.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.recordNo')}>{customer.recordNo}</Descriptions.Item>
          <Descriptions.Item label={t('customers.phone')}><MaybeMasked value={customer.phone} /></Descriptions.Item>
          <Descriptions.Item label={t('customers.age')}>{customer.age ?? '—'} · {label('Gender', customer.gender)}</Descriptions.Item>
          <Descriptions.Item label={t('customers.segment')}>{label('CustomerSegment', customer.segment)}</Descriptions.Item>
          <Descriptions.Item label={t('customers.tags')}><CustomerTags tags={customer.tags} /></Descriptions.Item>
          {customer.allergies.length > 0 && <Descriptions.Item label={t('customers.allergies')}>{customer.allergies.map((a) => <Tag color="red" key={a}>{a}</Tag>)}</Descriptions.Item>}
          <Descriptions.Item label={t('customers.lastServiceAt')}><DateTime value={customer.lastServiceAt} /></Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

export interface SlaClock {
  id: string;
  kind: string;
  startedAt: string;
  dueAt: string;
  warnAt: string;
  pausedAt: string | null;
  metAt: string | null;
  breachedAt: string | null;
}

/** Every SLA clock with its state: met, paused, breached, or counting down (coloured). */
export function SlaClocks({ clocks }: { clocks: SlaClock[] }) {
  const t = useTranslate();
  const label = useEnumLabel();
  const now = useServerNow();
  const state = (c: SlaClock) => {
    const due = Date.parse(c.dueAt);
    if (c.metAt) {
      const late = Date.parse(c.metAt) - due;
      return late > 0 ? (
        <Tag color={SLA_COLORS.breached} icon={<WarningOutlined />} data-clock="met-late">{t('sla.metLate', { time: formatDuration(late) })}</Tag>
      ) : (
        <Tag color="success" icon={<CheckCircleOutlined />} data-clock="met">{t('sla.metOnTime')} <DateTime value={c.metAt} /></Tag>
      );
    }
    if (c.breachedAt || due <= now) return <Tag color={SLA_COLORS.breached} data-clock="breached">{t('sla.breachedBy', { time: formatDuration(now - due) })}</Tag>;
    if (c.pausedAt) return <Tag icon={<PauseCircleOutlined />} data-clock="paused">{t('sla.paused')}</Tag>;
    const color = Date.parse(c.warnAt) <= now ? SLA_COLORS.warning : SLA_COLORS.ok;
    return <Tag color={color} data-clock="running">{t('board.dueIn', { time: formatDuration(due - now) })}</Tag>;
  };
  return (
    <Card size="small" title={t('cases.clocks')} data-testid="sla-clocks">
      <Table scroll={{ x: 'max-content' }}
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={clocks}
        columns={[
          { title: t('common.name'), dataIndex: 'kind', render: (v: string) => label('SlaClockKind', v) },
          { title: t('cases.slaDueAt'), dataIndex: 'dueAt', render: (v: string) => <DateTime value={v} /> },
          { title: t('common.status'), render: (_: unknown, c: SlaClock) => state(c) },
        ]}
      />
    </Card>
  );
}

export interface CaseActivity {
  id: string;
  kind: string;
  action: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  occurredAt: string;
}

const CLOCK_IN_REASON = /\b(FIRST_RESPONSE|NEXT_RESPONSE|RESOLUTION|VERIFICATION)\b/;

/** What happened to the case, newest last; states, actions and SLA clocks in the panel's language. */
export function CaseTimeline({ activities }: { activities: CaseActivity[] }) {
  const t = useTranslate();
  const label = useEnumLabel();
  const stateLabel = useStateLabel();
  const reason = (a: CaseActivity) => {
    if (!a.reason) return null;
    const clock = (a.kind === 'SLA_BREACHED' || a.kind === 'SLA_WARNING') && CLOCK_IN_REASON.exec(a.reason)?.[1];
    return clock ? label('SlaClockKind', clock) : a.reason;
  };
  return (
    <Card size="small" title={t('cases.timeline')} data-testid="case-timeline">
      <Timeline
        items={activities.map((a) => ({
          key: a.id,
          color: a.kind === 'SLA_BREACHED' ? 'red' : a.kind === 'SLA_WARNING' ? 'orange' : 'blue',
          children: (
            <Space direction="vertical" size={0}>
              <span>
                {label('CaseActivityKind', a.kind)} {a.action ? `· ${t(`caseActions.${a.action}`, a.action)}` : ''} {a.fromState && a.toState ? `（${stateLabel(a.fromState)} → ${stateLabel(a.toState)}）` : ''}
              </span>
              {reason(a) && <span style={{ color: '#888' }}>{reason(a)}</span>}
              <DateTime value={a.occurredAt} />
            </Space>
          ),
        }))}
      />
    </Card>
  );
}
