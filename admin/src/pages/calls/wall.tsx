import { useTranslate } from '@refinedev/core';
import { Badge, Button, Card, Col, Empty, Form, Input, Modal, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { request, subscribe } from '../../data/request';
import { onSocketReconnected } from '../../graphql-client';
import { useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { outsideNumber } from './shared';

interface WallCallRecord {
  id: string; version: number; direction: string; state: string; line: string | null; callerNumber: string; calleeNumber: string; partnerCallId: string | null;
  agentId: string | null; offeredAt: string; answeredAt: string | null; reviewRequestedAt: string | null; customer: { id: string; name: string } | null;
}
interface WallCall { waitingSeconds: number; talkingSeconds: number | null; longWait: boolean; call: WallCallRecord }
interface WallAgent {
  agentId: string; state: string; since: string | null; callsToday: number; answeredToday: number; talkSecondsToday: number;
  agent: { id: string; displayName: string; workNo: string | null } | null; currentCall: WallCall | null;
}
interface Wall { at: string; longWaitSeconds: number; waiting: WallCall[]; inProgress: WallCall[]; agents: WallAgent[] }

const STATE_COLORS: Record<string, string> = { ON_CALL: 'green', RINGING: 'orange', WRAP_UP: 'blue', IDLE: 'default' };

/** m:ss (or h:mm:ss) of a running timer. */
const clockText = (seconds: number) => {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * The wall as the server last sent it, kept live over graphql-ws (callWallChanged: the whole wall
 * again, in the viewer's scope), reloaded after a reconnect; `elapsed()` is the seconds since it
 * arrived, so the timers count on from the server's figures without trusting the browser's clock.
 */
function useLiveWall() {
  const [wall, setWall] = useState<Wall | null>(null);
  const received = useRef(Date.now());
  const [, setTick] = useState(0);
  const take = useCallback((w: Wall) => {
    received.current = Date.now();
    setWall(w);
  }, []);
  const load = useCallback(async () => take((await request<{ callWall: Wall }>('CallWall', {})).callWall), [take]);
  useEffect(() => {
    void load();
    const stops = [onSocketReconnected(() => void load()), subscribe<{ callWallChanged: Wall }>('CallWallChanged', {}, (d) => take(d.callWallChanged))];
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => {
      stops.forEach((stop) => stop());
      clearInterval(timer);
    };
  }, [load, take]);
  return { wall, elapsed: () => (Date.now() - received.current) / 1000 };
}

/**
 * 实时话务墙 (/calls/wall): a card per agent (on a call, ringing, wrap-up, idle, since when, the
 * current call with its timer, the day's calls), the calls waiting (a wait of the franchise's long-
 * wait threshold or more in red) and in progress with live timers, and 标记复核 on a call.
 */
export function CallWallPage() {
  const t = useTranslate();
  const { can } = useMe();
  const { wall, elapsed } = useLiveWall();
  const [marking, setMarking] = useState<WallCallRecord | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const mark = useGqlMutation<{ markCallForReview: { id: string } }>('MarkCallForReview', { success: 'calls.markedDone' });
  const late = elapsed();
  const waited = (c: WallCall) => c.waitingSeconds + (c.call.answeredAt ? 0 : late);
  const talked = (c: WallCall) => (c.talkingSeconds ?? 0) + late;
  const long = (c: WallCall) => !c.call.answeredAt && waited(c) >= (wall?.longWaitSeconds ?? 30);
  const submitMark = async () => {
    const { reason } = await form.validateFields();
    if (!marking) return;
    if (await mark.run({ input: { id: marking.id, version: marking.version, reason } })) {
      setMarking(null);
      form.resetFields();
    }
  };
  const markButton = (c: WallCall) =>
    !can('call:review') ? null : c.call.reviewRequestedAt ? (
      <Tag color="gold" icon={<FlagOutlined />}>{t('calls.markedAt')}</Tag>
    ) : (
      <Button size="small" icon={<FlagOutlined />} data-testid="wall-mark" onClick={() => setMarking(c.call)}>{t('calls.markForReview')}</Button>
    );
  const who = (c: WallCall) => c.call.customer?.name ?? <span data-lang-neutral>{outsideNumber(c.call)}</span>;
  const agentName = (id: string | null) => wall?.agents.find((a) => a.agentId === id)?.agent?.displayName ?? '—';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="call-wall">
      <Space align="baseline" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('calls.wall.title')}</Typography.Title>
        <Badge status="processing" text={t('calls.wall.live')} />
        <Typography.Text type="secondary">{t('calls.wall.longWaitHelp', { seconds: wall?.longWaitSeconds ?? 30 })}</Typography.Text>
      </Space>
      <Row gutter={16}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('calls.wall.waiting')} value={wall?.waiting.length ?? 0} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('calls.wall.longWaits')} value={wall?.waiting.filter(long).length ?? 0} valueStyle={{ color: wall?.waiting.some(long) ? '#cf1322' : undefined }} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('calls.wall.inProgress')} value={wall?.inProgress.length ?? 0} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('calls.wall.agentsBusy')} value={wall?.agents.filter((a) => a.state === 'ON_CALL').length ?? 0} suffix={`/ ${wall?.agents.length ?? 0}`} /></Card></Col>
      </Row>

      <Card title={t('calls.wall.agents')} size="small">
        {wall && !wall.agents.length ? <Empty description={t('calls.wall.noAgents')} /> : null}
        <Row gutter={[12, 12]}>
          {wall?.agents.map((a) => (
            <Col key={a.agentId} xs={24} sm={12} lg={8} xl={6}>
              <Card size="small" data-testid="wall-agent" data-id={a.agentId} data-state={a.state}
                title={<Space>{a.agent?.displayName ?? '—'}{a.agent?.workNo ? <Typography.Text type="secondary" data-lang-neutral>{a.agent.workNo}</Typography.Text> : null}</Space>}
                extra={<Tag color={STATE_COLORS[a.state]}>{t(`enums.CallWallAgentState.${a.state}`)}</Tag>}>
                <Space direction="vertical" size={2}>
                  {a.since ? <span>{t('calls.wall.since')} <span data-lang-neutral>{clockText((new Date(wall.at).getTime() - new Date(a.since).getTime()) / 1000 + late)}</span></span> : null}
                  {a.currentCall ? (
                    <span data-testid="wall-agent-call" data-id={a.currentCall.call.id}>
                      {who(a.currentCall)} · <span data-lang-neutral>{clockText(a.currentCall.call.answeredAt ? talked(a.currentCall) : waited(a.currentCall))}</span>
                    </span>
                  ) : null}
                  <Typography.Text type="secondary">
                    {t('calls.wall.today', { calls: a.callsToday, answered: a.answeredToday, talk: clockText(a.talkSecondsToday) })}
                  </Typography.Text>
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
      </Card>

      <Card title={t('calls.wall.waiting')} size="small">
        <Table<WallCall> rowKey={(r) => r.call.id} size="small" pagination={false} dataSource={wall?.waiting ?? []} data-testid="wall-waiting"
          locale={{ emptyText: <Empty description={t('calls.wall.noWaiting')} /> }}
          onRow={(r) => ({ 'data-testid': 'wall-waiting-row', 'data-id': r.call.id, 'data-long': String(long(r)), style: long(r) ? { background: '#fff1f0' } : undefined } as never)}>
          <Table.Column<WallCall> key="who" title={t('calls.customer')} render={(_, r) => who(r)} />
          <Table.Column<WallCall> key="line" title={t('calls.line')} render={(_, r) => r.call.line ?? '—'} />
          <Table.Column<WallCall> key="direction" title={t('calls.direction')} render={(_, r) => t(`enums.CallDirection.${r.call.direction}`)} />
          <Table.Column<WallCall> key="agent" title={t('calls.agent')} render={(_, r) => (r.call.agentId ? agentName(r.call.agentId) : t('calls.wall.queued'))} />
          <Table.Column<WallCall> key="wait" title={t('calls.wall.waited')} render={(_, r) => (
            <Space>{long(r) ? <Tag color="red">{t('calls.wall.longWait')}</Tag> : null}<span data-lang-neutral style={{ color: long(r) ? '#cf1322' : undefined }}>{clockText(waited(r))}</span></Space>
          )} />
          <Table.Column<WallCall> key="act" render={(_, r) => markButton(r)} />
        </Table>
      </Card>

      <Card title={t('calls.wall.inProgress')} size="small">
        <Table<WallCall> rowKey={(r) => r.call.id} size="small" pagination={false} dataSource={wall?.inProgress ?? []} data-testid="wall-in-progress"
          locale={{ emptyText: <Empty description={t('calls.wall.noInProgress')} /> }} onRow={(r) => ({ 'data-testid': 'wall-progress-row', 'data-id': r.call.id } as never)}>
          <Table.Column<WallCall> key="who" title={t('calls.customer')} render={(_, r) => who(r)} />
          <Table.Column<WallCall> key="agent" title={t('calls.agent')} render={(_, r) => agentName(r.call.agentId)} />
          <Table.Column<WallCall> key="direction" title={t('calls.direction')} render={(_, r) => t(`enums.CallDirection.${r.call.direction}`)} />
          <Table.Column<WallCall> key="waited" title={t('calls.wall.waited')} render={(_, r) => <span data-lang-neutral>{clockText(r.waitingSeconds)}</span>} />
          <Table.Column<WallCall> key="talk" title={t('calls.wall.talking')} render={(_, r) => <span data-lang-neutral>{clockText(talked(r))}</span>} />
          <Table.Column<WallCall> key="act" render={(_, r) => markButton(r)} />
        </Table>
      </Card>

      <Modal open={!!marking} title={t('calls.markForReview')} onCancel={() => setMarking(null)} onOk={() => void submitMark()} okText={t('calls.markForReview')} confirmLoading={mark.loading} okButtonProps={{ 'data-testid': 'wall-mark-submit' } as never}>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('calls.reviewReason')} rules={[{ required: true, whitespace: true, message: t('calls.reviewReasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="wall-mark-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
