import { useTranslate } from '@refinedev/core';
import { Button, Card, Drawer, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { useZone } from '../appointments/shared';
import { RatingsTable, ReviewStatusTag, ReviewSummary, scoreText, useOpenReview, type QaReviewListRow, type QaReviewRow } from './shared';

/**
 * 我的质检 (/quality/mine): the agent's own reviews (calibration never shows); a review still open
 * is acknowledged as it is, or disputed once with the reasons and the ratings the agent proposes.
 */
export function MyQaReviews() {
  const t = useTranslate();
  const { me } = useMe();
  const { format } = useZone();
  const { review: open, open: setOpenId, replace } = useOpenReview();
  const [disputing, setDisputing] = useState(false);
  const [comment, setComment] = useState('');
  const [proposed, setProposed] = useState<Record<string, number | null>>({});
  const { data, isFetching, refetch } = useGql<{ qaReviews: { nodes: QaReviewListRow[] } }>('QaReviewList', { filter: { agentId: me?.user?.id }, paging: { limit: 100 } }, { enabled: !!me?.user });
  const acknowledge = useGqlMutation<{ acknowledgeQaReview: QaReviewRow }>('AcknowledgeQaReview', { success: 'quality.acknowledged' });
  const dispute = useGqlMutation<{ disputeQaReview: QaReviewRow }>('DisputeQaReview', { success: 'quality.disputed' });
  const changed = (r: QaReviewRow) => {
    replace(r);
    setDisputing(false);
    setComment('');
    setProposed({});
    void refetch();
  };
  const sendDispute = async () => {
    if (!open) return;
    const proposedRatings = Object.entries(proposed).map(([criterionKey, rating]) => ({ criterionKey, rating }));
    const done = await dispute.run({ input: { id: open.id, version: open.version, comment: comment.trim(), proposedRatings } });
    if (done) changed(done.disputeQaReview);
  };
  return (
    <Card title={t('quality.mine')}>
      <Table<QaReviewListRow> rowKey="id" size="middle" loading={isFetching} pagination={false} dataSource={data?.qaReviews.nodes ?? []} data-testid="my-qa"
        onRow={(r) => ({ onClick: () => { setOpenId(r.id); setDisputing(false); }, 'data-testid': 'review-row', 'data-id': r.id } as never)}>
        <Table.Column<QaReviewListRow> key="at" title={t('quality.reviewedAt')} render={(_, r) => format(r.reviewedAt)} />
        <Table.Column<QaReviewListRow> key="target" title={t('quality.target')} render={(_, r) => <>{t(`enums.QaTargetKind.${r.targetKind}`)} <span data-lang-neutral>{r.targetRef}</span></>} />
        <Table.Column<QaReviewListRow> key="reviewer" title={t('quality.reviewer')} render={(_, r) => r.reviewer?.displayName ?? '—'} />
        <Table.Column<QaReviewListRow> key="score" title={t('quality.score')} align="right" render={(_, r) => <span data-testid="row-score">{scoreText(r.score)}</span>} />
        <Table.Column<QaReviewListRow> key="status" title={t('quality.status')} render={(_, r) => <ReviewStatusTag status={r.status} />} />
      </Table>
      <Drawer open={!!open} width={860} title={open ? `${t('quality.review')} · ${open.scorecardName}` : ''} onClose={() => setOpenId(null)} destroyOnClose>
        {open && (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <ReviewSummary review={open} />
            {disputing ? (
              <>
                <Typography.Text type="secondary">{t('quality.proposedRatings')}</Typography.Text>
                <RatingsTable categories={open.categories} ratings={open.ratings}
                  edit={{ ratings: Object.fromEntries(open.ratings.map((r) => [r.criterionKey, r.criterionKey in proposed ? proposed[r.criterionKey]! : r.rating])), onChange: (key, v) => setProposed((p) => ({ ...p, [key]: v })), testPrefix: 'propose' }} />
                <Input.TextArea rows={3} placeholder={t('quality.disputeComment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} data-testid="dispute-text" />
                <Space>
                  <Button type="primary" danger loading={dispute.loading} disabled={!comment.trim()} onClick={() => void sendDispute()} data-testid="dispute-submit">{t('quality.dispute')}</Button>
                  <Button onClick={() => setDisputing(false)}>{t('buttons.cancel')}</Button>
                </Space>
              </>
            ) : (
              <>
                <RatingsTable categories={open.categories} ratings={open.ratings} categoryScores={open.categoryScores}
                  compare={open.proposedRatings ? { title: t('quality.agentProposal'), ratings: open.proposedRatings } : undefined} />
                {open.status === 'SUBMITTED' ? (
                  <Space>
                    <Button type="primary" loading={acknowledge.loading} onClick={() => void acknowledge.run({ id: open.id, version: open.version }).then((d) => d && changed(d.acknowledgeQaReview))} data-testid="acknowledge">{t('quality.acknowledge')}</Button>
                    <Button danger onClick={() => setDisputing(true)} data-testid="dispute-open">{t('quality.dispute')}</Button>
                  </Space>
                ) : open.status === 'FINAL' ? (
                  <Typography.Text type="secondary">{t('quality.final')}</Typography.Text>
                ) : null}
              </>
            )}
          </Space>
        )}
      </Drawer>
    </Card>
  );
}
