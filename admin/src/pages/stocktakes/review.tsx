import { Show } from '@refinedev/antd';
import { CanAccess, useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { DateTime, EnumTag } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { personName } from '../inventory/shared';

type Person = { id: string; displayName: string } | null;
interface Sheet {
  id: string;
  countNo: string;
  status: string;
  blind: boolean;
  version: number;
  note: string | null;
  recountThreshold: number;
  lineCount: number;
  countedCount: number;
  recountCount: number;
  createdAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  postedAt: string | null;
  warehouse: { name: string } | null;
  zone: { code: string; name: string } | null;
  openedBy: Person;
  submittedBy: Person;
  approvedBy: Person;
  postedBy: Person;
  movesDuringCount: { id: string; kind: string; quantity: number; occurredAt: string; documentNo: string | null; reason: string | null; product: { genericName: string } | null; batch: { lotNo: string } | null }[] | null;
}
interface Line {
  id: string;
  zoneCode: string | null;
  productName: string | null;
  specification: string | null;
  unit: string | null;
  lotNo: string | null;
  expiryDate: string;
  bookQuantity: number | null;
  movedQuantity: number | null;
  expectedQuantity: number | null;
  countedQuantity: number | null;
  previousCount: number | null;
  variance: number | null;
  recountRequired: boolean;
  recounts: number;
  foundDuringCount: boolean;
  countedAt: string | null;
  countedBy: Person;
}
type Move = NonNullable<Sheet['movesDuringCount']>[number];

const STATUS_COLORS: Record<string, string> = { COUNTING: 'processing', REVIEW: 'orange', APPROVED: 'cyan', POSTED: 'green', CANCELLED: 'default' };
const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));

/**
 * Reviewing a count sheet: per place the book, the moves during the count, what the count should
 * find, what was counted (and the count before a recount), the variance and who counted it; the
 * reviewer sends places back for a recount, approves, then posts the variances as adjustments.
 * Approving and posting are for someone who counted none of the sheet (the API refuses otherwise).
 */
export function StocktakeReview() {
  const t = useTranslate();
  const { id } = useParams();
  const query = useGql<{ stocktake: Sheet | null; stocktakeLines: { nodes: Line[] } }>('StocktakeReview', { id });
  const sheet = query.data?.stocktake;
  const lines = query.data?.stocktakeLines.nodes ?? [];
  const recount = useGqlMutation('RequestStocktakeRecount', { success: 'stocktake.recountRequested' });
  const approve = useGqlMutation('ApproveStocktake', { success: 'stocktake.approved' });
  const post = useGqlMutation('PostStocktake', { success: 'stocktake.posted' });
  const [selected, setSelected] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const after = async (done: unknown) => { if (done) { setSelected([]); setReason(''); await query.refetch(); } };
  if (!sheet) return <Show isLoading={query.isLoading} title={t('menu.stocktakes')} />;
  const base = { id: sheet.id, version: sheet.version };
  const variances = lines.filter((l) => l.variance);
  const net = variances.reduce((sum, l) => sum + (l.variance ?? 0), 0);

  return (
    <Show isLoading={query.isLoading} title={<span>{t('stocktake.reviewTitle')} <span data-lang-neutral>{sheet.countNo}</span></span>}
      headerButtons={<Tag color={STATUS_COLORS[sheet.status]} data-testid="stocktake-status" data-status={sheet.status}>{t(`stocktake.status.${sheet.status}`)}</Tag>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('stocktake.place')}>{sheet.warehouse?.name}{sheet.zone ? ` · ${sheet.zone.name}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('stocktake.progressTitle')}>{t('stocktake.progress', { counted: sheet.countedCount, total: sheet.lineCount })}{sheet.blind && <Tag color="purple" style={{ marginLeft: 8 }}>{t('stocktake.blind')}</Tag>}</Descriptions.Item>
        <Descriptions.Item label={t('stocktake.threshold')}>{sheet.recountThreshold}</Descriptions.Item>
        <Descriptions.Item label={t('stocktake.openedBy')}>{personName(sheet.openedBy)} · <DateTime value={sheet.createdAt} format="MM-DD HH:mm" /></Descriptions.Item>
        <Descriptions.Item label={t('stocktake.submittedBy')}>{personName(sheet.submittedBy)}{sheet.submittedAt && <> · <DateTime value={sheet.submittedAt} format="MM-DD HH:mm" /></>}</Descriptions.Item>
        <Descriptions.Item label={t('stocktake.approvedBy')}><span data-testid="approved-by">{personName(sheet.approvedBy)}</span>{sheet.approvedAt && <> · <DateTime value={sheet.approvedAt} format="MM-DD HH:mm" /></>}</Descriptions.Item>
        <Descriptions.Item label={t('stocktake.postedBy')}><span data-testid="posted-by">{personName(sheet.postedBy)}</span>{sheet.postedAt && <> · <DateTime value={sheet.postedAt} format="MM-DD HH:mm" /></>}</Descriptions.Item>
        <Descriptions.Item label={t('stocktake.varianceSummary')}><span data-testid="variance-summary">{t('stocktake.varianceCount', { count: variances.length, net: signed(net) })}</span></Descriptions.Item>
        <Descriptions.Item label={t('purchases.note')}>{sheet.note ?? '—'}</Descriptions.Item>
      </Descriptions>
      {sheet.status === 'COUNTING' && <Alert type="info" showIcon message={t('stocktake.stillCounting')} style={{ marginBottom: 12 }} />}

      <Card size="small" title={t('stocktake.lines')} style={{ marginTop: 12 }}>
        <Table<Line> rowKey="id" size="small" pagination={false} dataSource={lines} data-testid="review-lines" scroll={{ x: 'max-content' }}
          rowSelection={sheet.status === 'REVIEW' ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
          rowClassName={(l) => (l.variance ? 'pd-row-variance' : '')}>
          <Table.Column<Line> key="product" title={t('inventory.product')} render={(_, l) => <span>{l.productName} <small style={{ color: '#888' }}>{l.specification}</small></span>} />
          <Table.Column<Line> dataIndex="lotNo" title={t('stocktake.lot')} render={(v: string) => <span data-lang-neutral>{v}</span>} />
          <Table.Column<Line> dataIndex="zoneCode" title={t('stocktake.zone')} render={(v: string) => <span data-lang-neutral>{v}</span>} />
          <Table.Column<Line> dataIndex="bookQuantity" title={t('stocktake.bookTitle')} align="right" render={(v: number | null) => v ?? '—'} />
          <Table.Column<Line> dataIndex="movedQuantity" title={t('stocktake.moved')} align="right" render={(v: number | null) => (v ? <Tag color="blue">{signed(v)}</Tag> : signed(v))} />
          <Table.Column<Line> dataIndex="expectedQuantity" title={t('stocktake.expected')} align="right" render={(v: number | null) => v ?? '—'} />
          <Table.Column<Line> dataIndex="countedQuantity" title={t('stocktake.countedTitle')} align="right"
            render={(v: number | null, l) => <Space size={4}>{v ?? '—'}{l.previousCount !== null && <Typography.Text type="secondary" delete>{l.previousCount}</Typography.Text>}{l.foundDuringCount && <Tag color="purple">{t('stocktake.found')}</Tag>}</Space>} />
          <Table.Column<Line> dataIndex="variance" title={t('stocktake.varianceTitle')} align="right"
            render={(v: number | null, l) => <span data-testid={`variance-${l.lotNo}`}>{v === null ? '—' : <Tag color={v ? 'red' : 'green'}>{signed(v)}</Tag>}</span>} />
          <Table.Column<Line> key="recount" title={t('stocktake.recount')} render={(_, l) => <Space size={4}>{l.recountRequired && <Tag color="orange">{t('stocktake.recount')}</Tag>}{l.recounts > 0 && <Tag>{t('stocktake.recountTimes', { count: l.recounts })}</Tag>}</Space>} />
          <Table.Column<Line> key="countedBy" title={t('stocktake.countedBy')} render={(_, l) => <span>{personName(l.countedBy)}{l.countedAt && <small style={{ color: '#888' }}> <DateTime value={l.countedAt} format="MM-DD HH:mm" /></small>}</span>} />
        </Table>
        <CanAccess resource="stocktakes" action="manage">
          <Space style={{ marginTop: 12 }} wrap>
            {sheet.status === 'REVIEW' && (
              <>
                <Input style={{ width: 260 }} placeholder={t('stocktake.recountReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="recount-reason" />
                <Button disabled={!selected.length || !reason.trim()} loading={recount.loading} data-testid="request-recount"
                  onClick={async () => after(await recount.run({ input: { ...base, lineIds: selected, reason: reason.trim() } }))}>{t('stocktake.requestRecount', { count: selected.length })}</Button>
                <Button type="primary" loading={approve.loading} data-testid="approve-stocktake" onClick={async () => after(await approve.run({ input: base }))}>{t('stocktake.approve')}</Button>
              </>
            )}
            {sheet.status === 'APPROVED' && (
              <Button type="primary" loading={post.loading} data-testid="post-stocktake" onClick={async () => after(await post.run({ input: base }))}>{t('stocktake.post', { count: variances.length })}</Button>
            )}
          </Space>
        </CanAccess>
      </Card>

      {sheet.movesDuringCount && sheet.movesDuringCount.length > 0 && (
        <Card size="small" title={t('stocktake.movesDuringCount')} style={{ marginTop: 12 }}>
          <Table<Move> rowKey="id" size="small" pagination={false} dataSource={sheet.movesDuringCount} data-testid="moves-during-count">
            <Table.Column<Move> dataIndex="occurredAt" title={t('inventory.occurredAt')} render={(v: string) => <DateTime value={v} format="MM-DD HH:mm" />} />
            <Table.Column<Move> dataIndex="kind" title={t('inventory.moveKind')} render={(v: string) => <EnumTag enumName="StockMoveKind" value={v} />} />
            <Table.Column<Move> key="product" title={t('inventory.product')} render={(_, m) => m.product?.genericName} />
            <Table.Column<Move> key="lot" title={t('stocktake.lot')} render={(_, m) => <span data-lang-neutral>{m.batch?.lotNo}</span>} />
            <Table.Column<Move> dataIndex="quantity" title={t('inventory.quantity')} render={(v: number) => signed(v)} />
            <Table.Column<Move> dataIndex="documentNo" title={t('inventory.document')} render={(v: string | null) => <span data-lang-neutral>{v ?? '—'}</span>} />
          </Table>
        </Card>
      )}
    </Show>
  );
}
