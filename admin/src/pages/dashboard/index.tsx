import { useTranslate } from '@refinedev/core';
import { Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { BarChart } from '../../components/bar-chart';
import { CapacityTag, PresenceDot, PriorityTag, SLA_COLORS, SlaCountdown, useEnumLabel } from '../../components/display';
import type { AdminExtension } from '../../extensions/types';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import type { BoardCase, Connection, Presence } from '../../types';
import { dayjs } from '../../time';

type Count = { totalCount: number };

/** Agents: the cases they own, soonest SLA first. */
function MyQueue({ userId }: { userId: string }) {
  const t = useTranslate();
  const { data } = useGql<{ mine: Connection<BoardCase>; mineWarning: Count; mineBreached: Count; unclaimed: Count }>('AgentDashboard', { me: userId });
  return (
    <Card title={t('dashboard.myQueue')} data-testid="widget-my-queue">
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={6}><Statistic title={t('dashboard.myOpen')} value={data?.mine.totalCount ?? 0} /></Col>
        <Col span={6}><Statistic title={t('dashboard.warning')} value={data?.mineWarning.totalCount ?? 0} valueStyle={{ color: SLA_COLORS.warning }} /></Col>
        <Col span={6}><Statistic title={t('dashboard.breached')} value={data?.mineBreached.totalCount ?? 0} valueStyle={{ color: SLA_COLORS.breached }} /></Col>
        <Col span={6}><Statistic title={t('dashboard.unclaimed')} value={data?.unclaimed.totalCount ?? 0} /></Col>
      </Row>
      <List
        size="small"
        dataSource={data?.mine.nodes ?? []}
        renderItem={(c) => (
          <List.Item extra={<SlaCountdown status={c.slaStatus} dueAt={c.slaDueAt} paused={c.stage === 'PENDING_CUSTOMER'} />}>
            <Space><PriorityTag priority={c.priority} /><Link to={`/cases/show/${c.id}`}>{c.caseNo}</Link>{c.subject}</Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Supervisors: open cases by SLA status, unclaimed and escalated, and who is online. */
function TeamSlaHealth() {
  const t = useTranslate();
  const label = useEnumLabel();
  const { data } = useGql<{ ok: Count; warning: Count; breached: Count; unclaimed: Count; escalated: Count; agentPresences: Presence[] }>('TeamSlaHealth');
  return (
    <Card title={t('dashboard.teamHealth')} data-testid="widget-team-health">
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <BarChart
            data={[
              { label: t('dashboard.ok'), value: data?.ok.totalCount ?? 0, color: SLA_COLORS.ok },
              { label: t('dashboard.warning'), value: data?.warning.totalCount ?? 0, color: SLA_COLORS.warning },
              { label: t('dashboard.breached'), value: data?.breached.totalCount ?? 0, color: SLA_COLORS.breached },
              { label: t('dashboard.unclaimed'), value: data?.unclaimed.totalCount ?? 0, color: '#8c8c8c' },
              { label: t('dashboard.escalated'), value: data?.escalated.totalCount ?? 0, color: '#722ed1' },
            ]}
          />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('dashboard.agents')}</Typography.Text>
          <List
            size="small"
            dataSource={data?.agentPresences ?? []}
            renderItem={(p) => (
              <List.Item extra={<CapacityTag presence={p} />}>
                <Space><PresenceDot availability={p.availability} />{p.staffUser?.displayName}<Typography.Text type="secondary">{label('AgentAvailability', p.availability)}</Typography.Text></Space>
              </List.Item>
            )}
          />
        </Col>
      </Row>
    </Card>
  );
}

/** Owners: this month's cases, resolution, SLA breaches, customers and their segments. */
function FranchiseKpis() {
  const t = useTranslate();
  const label = useEnumLabel();
  const since = dayjs().startOf('month').toISOString();
  const { data } = useGql<Record<'opened' | 'resolved' | 'complaints' | 'consultations' | 'open' | 'breached' | 'customers', Count>>('FranchiseKpis', { since });
  const segments = useGql<{ customerSegments: { segment: string; customers: number }[] }>('CustomerSegments');
  const n = (key: keyof NonNullable<typeof data>) => data?.[key].totalCount ?? 0;
  return (
    <Card title={t('dashboard.kpis')} data-testid="widget-franchise-kpis">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={4}><Statistic title={t('dashboard.opened')} value={n('opened')} /></Col>
        <Col span={4}><Statistic title={t('dashboard.resolved')} value={n('resolved')} /></Col>
        <Col span={4}><Statistic title={t('dashboard.open')} value={n('open')} /></Col>
        <Col span={4}><Statistic title={t('dashboard.breached')} value={n('breached')} valueStyle={{ color: SLA_COLORS.breached }} /></Col>
        <Col span={4}><Statistic title={t('dashboard.customers')} value={n('customers')} /></Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('dashboard.casesChart')}</Typography.Text>
          <BarChart data={[{ label: t('dashboard.complaints'), value: n('complaints'), color: '#fa541c' }, { label: t('dashboard.consultations'), value: n('consultations') }, { label: t('dashboard.resolved'), value: n('resolved'), color: '#52c41a' }]} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('dashboard.segments')}</Typography.Text>
          <BarChart data={(segments.data?.customerSegments ?? []).map((s) => ({ label: label('CustomerSegment', s.segment), value: s.customers, color: '#13c2c2' }))} />
        </Col>
      </Row>
    </Card>
  );
}

/** Home page per role: my queue (agents), team SLA health (supervisors), franchise KPIs (owners, HQ); plus plugin widgets. */
export function DashboardPage({ extensions }: { extensions: AdminExtension[] }) {
  const t = useTranslate();
  const { me, can } = useMe();
  if (!me) return null;
  const widgets = extensions.flatMap((e) => e.dashboardWidgets ?? []).filter((w) => can(w.permission));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16} data-testid="dashboard">
      <Typography.Title level={4} style={{ margin: 0 }}>{t('dashboard.welcome', { name: me.user?.displayName ?? '' })}</Typography.Title>
      {can('case:work') && me.user && !can('case:assign') && <MyQueue userId={me.user.id} />}
      {can('case:assign') && <TeamSlaHealth />}
      {(can('staff:manage') || can('franchise:manage')) && <FranchiseKpis />}
      {can('case:work') && me.user && can('case:assign') && <MyQueue userId={me.user.id} />}
      {widgets.map((w) => (
        <Card key={w.key} title={t(w.title)}>
          <w.component permissions={me.permissions} />
        </Card>
      ))}
    </Space>
  );
}
