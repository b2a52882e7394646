import { List } from '@refinedev/antd';
import { CanAccess, useTranslate } from '@refinedev/core';
import { Button, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { DateTime, EnumTag, SlaCountdown } from '../../components/display';
import { useGql } from '../../hooks/use-gql';
import { yuan } from '../inventory/shared';
import { RETURN_STAGES, STAGE_COLORS, useReturnStateLabel, type ReturnRowData } from './shared';

const PAGE = 20;
const OPEN_STAGES = ['NEW', 'REVIEW', 'APPROVED', 'RETURNING', 'RECEIVED', 'SETTLEMENT'];

/** The returns queue: open returns by default, the most urgent clock first, each with its running clock (review 24 h, refund 3 working days). */
export function ReturnList() {
  const t = useTranslate();
  const navigate = useNavigate();
  const stateLabel = useReturnStateLabel();
  const [stages, setStages] = useState<string[]>(OPEN_STAGES);
  const [sla, setSla] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useGql<{ returns: { totalCount: number; nodes: ReturnRowData[] } }>('ReturnList', {
    filter: { ...(stages.length ? { stage: { in: stages } } : {}), ...(sla ? { slaStatus: { eq: sla } } : {}) },
    sorting: [{ field: 'slaDueAt', direction: 'ASC' }, { field: 'createdAt', direction: 'DESC' }],
    paging: { limit: PAGE, offset: (page - 1) * PAGE },
  });
  return (
    <List
      title={t('returns.queue')}
      headerButtons={
        <Space wrap>
          <Select mode="multiple" allowClear style={{ minWidth: 260 }} placeholder={t('returns.stage')} value={stages} onChange={(v) => { setStages(v); setPage(1); }} maxTagCount="responsive"
            options={RETURN_STAGES.map((s) => ({ value: s, label: t(`enums.ReturnStage.${s}`) }))} data-testid="return-stage-filter" />
          <Select allowClear style={{ width: 130 }} placeholder={t('returns.slaStatus')} value={sla} onChange={(v) => { setSla(v); setPage(1); }}
            options={['OK', 'WARNING', 'BREACHED'].map((s) => ({ value: s, label: t(`enums.SlaStatus.${s}`) }))} />
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()}>{t('buttons.refresh')}</Button>
          <CanAccess resource="returns" action="create">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/returns/create')} data-testid="new-return">{t('returns.new')}</Button>
          </CanAccess>
        </Space>
      }
    >
      <Table<ReturnRowData> rowKey="id" size="small" data-testid="returns" loading={list.isLoading} dataSource={list.data?.returns.nodes ?? []} scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.returns.totalCount ?? 0, onChange: setPage }}>
        <Table.Column<ReturnRowData> dataIndex="returnNo" title={t('returns.no')} render={(v: string, r) => <Link to={`/returns/show/${r.id}`} data-lang-neutral data-testid={`return-${v}`}>{v}</Link>} />
        <Table.Column<ReturnRowData> dataIndex="orderNo" title={t('returns.order')} render={(v: string) => <span data-lang-neutral>{v}</span>} />
        <Table.Column<ReturnRowData> key="customer" title={t('returns.customer')} render={(_, r) => r.customer?.name ?? '—'} />
        <Table.Column<ReturnRowData> dataIndex="kind" title={t('returns.kind')} render={(v: string) => <EnumTag enumName="ReturnKind" value={v} />} />
        <Table.Column<ReturnRowData> dataIndex="reason" title={t('returns.reason')} render={(v: string) => <EnumTag enumName="ReturnReason" value={v} />} />
        <Table.Column<ReturnRowData> key="state" title={t('returns.state')} render={(_, r) => <Tag color={STAGE_COLORS[r.stage]} data-state={r.state}>{stateLabel(r.state, r.stateLabel)}</Tag>} />
        <Table.Column<ReturnRowData> key="sla" title={t('returns.sla')} render={(_, r) => r.slaClock
          ? <Space size={2}><EnumTag enumName="ReturnClock" value={r.slaClock} /><SlaCountdown status={r.slaStatus ?? 'OK'} dueAt={r.slaDueAt} /></Space>
          : '—'} />
        <Table.Column<ReturnRowData> dataIndex="escalationLevel" title={t('returns.escalation')} render={(v: string) => (v === 'AGENT' ? '—' : <EnumTag enumName="EscalationLevel" value={v} color="red" />)} />
        <Table.Column<ReturnRowData> dataIndex="refundCents" title={t('returns.refund')} render={(v: number | null) => (v == null ? '—' : `¥${yuan(v)}`)} />
        <Table.Column<ReturnRowData> dataIndex="createdAt" title={t('returns.createdAt')} render={(v: string) => <DateTime value={v} format="YYYY-MM-DD HH:mm" />} />
      </Table>
    </List>
  );
}
