import { useTranslate } from '@refinedev/core';
import { Button, Card, DatePicker, Drawer, Empty, Input, InputNumber, Radio, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { dayjs } from '../../time';
import { useZone } from '../appointments/shared';
import { CallStateTag, outsideNumber, type CallRow } from '../calls/shared';
import { RatingsTable, ReviewStatusTag, ReviewSummary, scoreText, useOpenReview, type QaReviewListRow, type QaReviewRow } from './shared';

interface QueueItem { callId: string; marked: boolean; sampled: boolean; carriedOver: boolean; call: CallRow }
interface Session {
  id: string; version: number; name: string; status: string; targetKind: string; targetId: string; reviewerIds: string[]; createdAt: string;
  reviews: { id: string; reviewerId: string; score: number | null; reviewer: { displayName: string } | null }[];
  spread: { reviews: number; min: number | null; max: number | null; mean: number | null; standardDeviation: number | null } | null;
}

/** The review queue of a week: marked calls first (those marked in earlier weeks and still unreviewed too, tagged), then each agent's sample; 评分 opens the scorecard form. */
function QueueTab() {
  const t = useTranslate();
  const navigate = useNavigate();
  const { today, format } = useZone();
  const [week, setWeek] = useState(() => today());
  const [perAgent, setPerAgent] = useState(3);
  const { data, isFetching } = useGql<{ qaReviewQueue: { weekStart: string; items: QueueItem[] } }>('QaReviewQueue', { week, perAgent });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker picker="week" allowClear={false} value={dayjs(week)} onChange={(v) => v && setWeek(v.format('YYYY-MM-DD'))} data-testid="queue-week" />
        <Space>{t('quality.perAgent')}<InputNumber min={0} max={20} value={perAgent} onChange={(v) => setPerAgent(v ?? 0)} /></Space>
      </Space>
      <Table<QueueItem> rowKey="callId" size="middle" loading={isFetching} pagination={false} dataSource={data?.qaReviewQueue.items ?? []} data-testid="review-queue"
        locale={{ emptyText: <Empty description={t('quality.noQueue')} /> }} onRow={(r) => ({ 'data-testid': 'queue-row', 'data-id': r.callId } as never)}>
        <Table.Column<QueueItem> key="why" title={t('quality.target')} render={(_, r) => (
          <Space>{r.marked && <Tag color="gold">{t('quality.marked')}</Tag>}{r.carriedOver && <Tag color="volcano" data-testid="carried-over">{t('quality.carriedOver')}</Tag>}{r.sampled && <Tag color="blue">{t('quality.sampled')}</Tag>}</Space>
        )} />
        <Table.Column<QueueItem> key="at" title={t('calls.offeredAt')} render={(_, r) => format(r.call.offeredAt)} />
        <Table.Column<QueueItem> key="direction" title={t('calls.direction')} render={(_, r) => t(`enums.CallDirection.${r.call.direction}`)} />
        <Table.Column<QueueItem> key="number" title={t('calls.searchNumber')} render={(_, r) => <span data-lang-neutral>{outsideNumber(r.call)}</span>} />
        <Table.Column<QueueItem> key="state" title={t('calls.state')} render={(_, r) => <CallStateTag state={r.call.state} />} />
        <Table.Column<QueueItem> key="agent" title={t('quality.agent')} render={(_, r) => r.call.agent?.displayName ?? '—'} />
        <Table.Column<QueueItem> key="talk" title={t('calls.talk')} align="right" render={(_, r) => r.call.talkSeconds ?? '—'} />
        <Table.Column<QueueItem> key="reason" title={t('calls.reviewReason')} render={(_, r) => r.call.reviewReason ?? ''} />
        <Table.Column<QueueItem> key="act" render={(_, r) => (r.call.agentId ? <Button size="small" type="primary" data-testid="review-call" onClick={() => navigate(`/quality/review/CALL/${r.callId}`)}>{t('quality.review')}</Button> : null)} />
      </Table>
    </Space>
  );
}

/** A review in a drawer; with a dispute waiting, the reviewer answers it (accept, partly accept with changed ratings, reject). */
export function ReviewDrawer({ review, onClose, onChanged, answer }: { review: QaReviewRow | null; onClose: () => void; onChanged: (r: QaReviewRow) => void; answer?: boolean }) {
  const t = useTranslate();
  const [outcome, setOutcome] = useState<string>('PARTLY_ACCEPTED');
  const [note, setNote] = useState('');
  const [changes, setChanges] = useState<Record<string, number | null>>({});
  const resolve = useGqlMutation<{ resolveQaDispute: QaReviewRow }>('ResolveQaDispute', { success: 'quality.resolved' });
  const send = async () => {
    if (!review) return;
    const ratings = Object.entries(changes).map(([criterionKey, rating]) => ({ criterionKey, rating }));
    const done = await resolve.run({ input: { id: review.id, version: review.version, outcome, comment: note.trim(), ...(outcome === 'PARTLY_ACCEPTED' ? { ratings } : {}) } });
    if (done) {
      setChanges({});
      setNote('');
      onChanged(done.resolveQaDispute);
    }
  };
  const answering = answer && review?.status === 'DISPUTED';
  return (
    <Drawer open={!!review} width={860} title={review ? `${t('quality.review')} · ${review.scorecardName}` : ''} onClose={onClose} destroyOnClose>
      {review && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <ReviewSummary review={review} />
          <RatingsTable categories={review.categories} ratings={review.ratings} categoryScores={review.categoryScores}
            compare={review.proposedRatings && review.status !== 'SUBMITTED' ? { title: t('quality.agentProposal'), ratings: review.proposedRatings } : undefined} />
          {answering && (
            <Card size="small" title={t('quality.answer')} data-testid="answer-dispute">
              <Space direction="vertical" style={{ width: '100%' }}>
                <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value)} data-testid="dispute-outcome-choice">
                  {['ACCEPTED', 'PARTLY_ACCEPTED', 'REJECTED'].map((o) => <Radio.Button key={o} value={o} data-testid={`outcome-${o}`}>{t(`enums.QaDisputeOutcome.${o}`)}</Radio.Button>)}
                </Radio.Group>
                {outcome === 'PARTLY_ACCEPTED' && (
                  <>
                    <Typography.Text type="secondary">{t('quality.newRatings')}</Typography.Text>
                    <RatingsTable categories={review.categories} ratings={review.ratings}
                      edit={{ ratings: Object.fromEntries(review.ratings.map((r) => [r.criterionKey, r.criterionKey in changes ? changes[r.criterionKey]! : r.rating])), onChange: (key, v) => setChanges((c) => ({ ...c, [key]: v })), testPrefix: 'resolve' }} />
                  </>
                )}
                <Input.TextArea rows={2} placeholder={t('quality.resolution')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="resolution-comment" />
                <Button type="primary" loading={resolve.loading} disabled={!note.trim()} onClick={() => void send()} data-testid="resolve-submit">{t('quality.answer')}</Button>
              </Space>
            </Card>
          )}
        </Space>
      )}
    </Drawer>
  );
}

/** Reviews as a table: target, agent, reviewer, score, status; a row opens the review. */
export function ReviewTable({ filter, answer, testId }: { filter: Record<string, unknown>; answer?: boolean; testId: string }) {
  const t = useTranslate();
  const { format } = useZone();
  const { review, open, replace } = useOpenReview();
  const { data, isFetching, refetch } = useGql<{ qaReviews: { nodes: QaReviewListRow[] } }>('QaReviewList', { filter, paging: { limit: 100 } });
  return (
    <>
      <Table<QaReviewListRow> rowKey="id" size="middle" loading={isFetching} pagination={false} dataSource={data?.qaReviews.nodes ?? []} data-testid={testId}
        onRow={(r) => ({ onClick: () => open(r.id), 'data-testid': 'review-row', 'data-id': r.id } as never)}>
        <Table.Column<QaReviewListRow> key="at" title={t('quality.reviewedAt')} render={(_, r) => format(r.reviewedAt)} />
        <Table.Column<QaReviewListRow> key="target" title={t('quality.target')} render={(_, r) => <>{t(`enums.QaTargetKind.${r.targetKind}`)} <span data-lang-neutral>{r.targetRef}</span></>} />
        <Table.Column<QaReviewListRow> key="agent" title={t('quality.agent')} render={(_, r) => r.agent?.displayName ?? '—'} />
        <Table.Column<QaReviewListRow> key="reviewer" title={t('quality.reviewer')} render={(_, r) => r.reviewer?.displayName ?? '—'} />
        <Table.Column<QaReviewListRow> key="score" title={t('quality.score')} align="right" render={(_, r) => <span data-testid="row-score">{scoreText(r.score)}</span>} />
        <Table.Column<QaReviewListRow> key="status" title={t('quality.status')} render={(_, r) => <ReviewStatusTag status={r.status} />} />
      </Table>
      <ReviewDrawer review={review} answer={answer} onClose={() => open(null)} onChanged={(r) => { replace(r); void refetch(); }} />
    </>
  );
}

/** Calibration sessions: blind until the caller has scored or the session is closed; then everyone's scores and the spread. */
function CalibrationTab() {
  const t = useTranslate();
  const navigate = useNavigate();
  const { me } = useMe();
  const { data, isFetching, refetch } = useGql<{ qaCalibrationSessions: { nodes: Session[] } }>('QaCalibrationSessions');
  const close = useGqlMutation('CloseQaCalibrationSession', { success: 'quality.closed' });
  return (
    <Table<Session> rowKey="id" size="middle" loading={isFetching} pagination={false} dataSource={data?.qaCalibrationSessions.nodes ?? []} data-testid="calibration-table">
      <Table.Column<Session> dataIndex="name" title={t('quality.session')} />
      <Table.Column<Session> key="status" title={t('quality.status')} render={(_, s) => <Tag>{t(`enums.QaCalibrationStatus.${s.status}`)}</Tag>} />
      <Table.Column<Session> key="scores" title={t('quality.score')} render={(_, s) =>
        s.spread ? (
          <Space wrap>{s.reviews.map((r) => <Tag key={r.id}>{r.reviewer?.displayName ?? '—'} {scoreText(r.score)}</Tag>)}</Space>
        ) : (
          <Typography.Text type="secondary">{t('quality.blind')}</Typography.Text>
        )
      } />
      <Table.Column<Session> key="spread" title={t('quality.spread')} render={(_, s) =>
        s.spread ? `${t('quality.min')} ${scoreText(s.spread.min)} · ${t('quality.max')} ${scoreText(s.spread.max)} · ${t('quality.mean')} ${scoreText(s.spread.mean)} · ${t('quality.sd')} ${scoreText(s.spread.standardDeviation)}` : '—'
      } />
      <Table.Column<Session> key="act" render={(_, s) => (
        <Space>
          {s.status === 'OPEN' && s.targetKind === 'CALL' && me?.user && s.reviewerIds.includes(me.user.id) && !s.reviews.some((r) => r.reviewerId === me.user!.id) && (
            <Button size="small" onClick={() => navigate(`/quality/review/CALL/${s.targetId}?session=${s.id}`)}>{t('quality.scoreIt')}</Button>
          )}
          {s.status === 'OPEN' && <Button size="small" loading={close.loading} onClick={() => void close.run({ id: s.id, version: s.version }).then(() => refetch())}>{t('quality.close')}</Button>}
        </Space>
      )} />
    </Table>
  );
}

/**
 * 质检工作台 (/quality): the review queue (marked and sampled calls of a week), the reviews I made,
 * disputes waiting for an answer, and calibration sessions.
 */
export function QaWorkspace() {
  const t = useTranslate();
  const { me } = useMe();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'queue';
  return (
    <Card title={t('quality.workspace')}>
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} destroyInactiveTabPane items={[
        { key: 'queue', label: t('quality.queue'), children: <QueueTab /> },
        { key: 'mine', label: t('quality.myReviews'), children: me?.user ? <ReviewTable testId="my-reviews" filter={{ reviewerId: me.user.id }} answer /> : null },
        { key: 'disputes', label: t('quality.disputes'), children: <ReviewTable testId="dispute-list" filter={{ status: 'DISPUTED' }} answer /> },
        { key: 'calibration', label: t('quality.calibration'), children: <CalibrationTab /> },
      ]} />
    </Card>
  );
}
