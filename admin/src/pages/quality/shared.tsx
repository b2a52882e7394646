import { useTranslate } from '@refinedev/core';
import { Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useGql } from '../../hooks/use-gql';

export interface QaCriterion { key: string; name: string; description: string | null; scale: string; critical: boolean }
export interface QaCategory { key: string; name: string; weight: number; criteria: QaCriterion[] }
export interface QaRating { criterionKey: string; rating: number | null; comment?: string | null }
export interface QaReviewRow {
  id: string; version: number; status: string; score: number | null; scoreBeforeDispute: number | null; criticalMisses: string[];
  targetKind: string; targetId: string; targetRef: string; scorecardId: string; scorecardName: string; agentId: string; reviewerId: string; reviewedAt: string;
  comment: string | null; rootCauses: string[]; disputedAt: string | null; disputeComment: string | null; disputeOutcome: string | null; resolutionComment: string | null; resolvedAt: string | null;
  calibrationSessionId: string | null; categories: QaCategory[]; categoryScores: { key: string; score: number | null }[]; ratings: QaRating[]; proposedRatings: QaRating[] | null;
  agent: { id: string; displayName: string } | null; reviewer: { id: string; displayName: string } | null;
}

/** A review as lists show it (the scorecard and ratings come with the review itself: nested lists per row exceed the query cost limit). */
export type QaReviewListRow = Pick<QaReviewRow, 'id' | 'version' | 'status' | 'score' | 'scoreBeforeDispute' | 'targetKind' | 'targetId' | 'targetRef' | 'scorecardName' | 'agentId' | 'reviewerId' | 'reviewedAt' | 'disputeOutcome' | 'agent' | 'reviewer'>;

/** The review opened from a list (loaded whole by id), replaced by what a mutation returns. */
export function useOpenReview() {
  const [openId, setOpenId] = useState<string | null>(null);
  const [changed, setChanged] = useState<QaReviewRow | null>(null);
  const detail = useGql<{ qaReview: QaReviewRow | null }>('QaReview', { id: openId }, { enabled: !!openId });
  const review = openId ? (changed?.id === openId ? changed : (detail.data?.qaReview ?? null)) : null;
  return { review, open: (id: string | null) => { setChanged(null); setOpenId(id); }, replace: (r: QaReviewRow) => setChanged(r) };
}

/** The ratings a scale allows, lowest first (the API checks the same ranges). */
export const SCALE_VALUES: Record<string, number[]> = { BINARY: [0, 1], THREE_POINT: [1, 2, 3], FOUR_POINT: [1, 2, 3, 4], FIVE_POINT: [1, 2, 3, 4, 5] };
const STATUS_COLORS: Record<string, string> = { SUBMITTED: 'blue', DISPUTED: 'orange', FINAL: 'green' };

export function ReviewStatusTag({ status }: { status: string }) {
  const t = useTranslate();
  return <Tag color={STATUS_COLORS[status]} data-testid="review-status" data-status={status}>{t(`enums.QaReviewStatus.${status}`, status)}</Tag>;
}

export const scoreText = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(1));

/** A criterion's rating picker on its scale, with N/A (null). */
export function RatingSelect({ criterion, value, onChange, testId }: { criterion: QaCriterion; value: number | null | undefined; onChange: (v: number | null) => void; testId?: string }) {
  const t = useTranslate();
  const options = [
    ...SCALE_VALUES[criterion.scale]!.map((v) => ({ value: v, label: criterion.scale === 'BINARY' ? (v ? '✓ 1' : '✗ 0') : String(v) })),
    { value: -1, label: t('quality.notApplicable') },
  ];
  return <Select style={{ width: 110 }} size="small" value={value == null ? -1 : value} onChange={(v) => onChange(v === -1 ? null : v)} options={options} data-testid={testId ?? `rating-${criterion.key}`} />;
}

/** Ratings per category (with the category's score): read-only, or editable through `edit`. */
export function RatingsTable({ categories, ratings, categoryScores, compare, edit }: {
  categories: QaCategory[];
  ratings: QaRating[];
  categoryScores?: { key: string; score: number | null }[];
  /** A second column of ratings (the agent's proposal in a dispute). */
  compare?: { title: string; ratings: QaRating[] };
  edit?: { ratings: Record<string, number | null>; comments?: Record<string, string>; onChange: (key: string, rating: number | null) => void; onComment?: (key: string, comment: string) => void; testPrefix?: string };
}) {
  const t = useTranslate();
  const given = new Map(ratings.map((r) => [r.criterionKey, r]));
  const other = new Map((compare?.ratings ?? []).map((r) => [r.criterionKey, r]));
  const scores = new Map((categoryScores ?? []).map((c) => [c.key, c.score]));
  const rows = categories.flatMap((c) => c.criteria.map((cr, i) => ({ category: c, criterion: cr, first: i === 0, span: c.criteria.length })));
  const ratingText = (r: QaRating | undefined) => (r?.rating == null ? t('quality.notApplicable') : String(r.rating));
  return (
    <Table size="small" pagination={false} rowKey={(r) => r.criterion.key} dataSource={rows} data-testid="ratings-table">
      <Table.Column key="category" title={t('quality.category')} onCell={(r: (typeof rows)[number]) => ({ rowSpan: r.first ? r.span : 0 })}
        render={(_, r: (typeof rows)[number]) => (
          <Space direction="vertical" size={0}>
            <Typography.Text strong>{r.category.name}</Typography.Text>
            <Typography.Text type="secondary">{t('quality.weight')} {r.category.weight}%</Typography.Text>
            {categoryScores && <Typography.Text data-testid={`category-score-${r.category.key}`}>{t('quality.score')} {scoreText(scores.get(r.category.key))}</Typography.Text>}
          </Space>
        )} />
      <Table.Column key="criterion" title={t('quality.criterion')} render={(_, r: (typeof rows)[number]) => (
        <Space direction="vertical" size={0}>
          <span>{r.criterion.name} {r.criterion.critical && <Tag color="red">{t('quality.critical')}</Tag>}</span>
          {r.criterion.description && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.criterion.description}</Typography.Text>}
        </Space>
      )} />
      <Table.Column key="scale" title={t('quality.rating')} render={(_, r: (typeof rows)[number]) =>
        edit ? (
          <Space direction="vertical" size={4}>
            <Space>
              <RatingSelect criterion={r.criterion} value={edit.ratings[r.criterion.key]} onChange={(v) => edit.onChange(r.criterion.key, v)} testId={`${edit.testPrefix ?? 'rating'}-${r.criterion.key}`} />
              <Typography.Text type="secondary">{t(`enums.QaScale.${r.criterion.scale}`)}</Typography.Text>
            </Space>
            {edit.onComment && <Input size="small" placeholder={t('quality.comment')} value={edit.comments?.[r.criterion.key] ?? ''} onChange={(e) => edit.onComment!(r.criterion.key, e.target.value)} />}
          </Space>
        ) : (
          <Space direction="vertical" size={0}>
            <span data-testid={`rated-${r.criterion.key}`}>{ratingText(given.get(r.criterion.key))} <Typography.Text type="secondary">/ {SCALE_VALUES[r.criterion.scale]!.at(-1)}</Typography.Text></span>
            {given.get(r.criterion.key)?.comment && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{given.get(r.criterion.key)!.comment}</Typography.Text>}
          </Space>
        )
      } />
      {compare && <Table.Column key="compare" title={compare.title} render={(_, r: (typeof rows)[number]) => <span data-testid={`proposed-${r.criterion.key}`}>{ratingText(other.get(r.criterion.key))}</span>} />}
    </Table>
  );
}

/** What the review says: score (and before a dispute), critical misses, comments, root causes, dispute and its answer. */
export function ReviewSummary({ review }: { review: QaReviewRow }) {
  const t = useTranslate();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="review-score">{scoreText(review.score)}</Typography.Title>
        <ReviewStatusTag status={review.status} />
        {review.scoreBeforeDispute != null && <Typography.Text type="secondary" data-testid="score-before">{t('quality.before')} {scoreText(review.scoreBeforeDispute)}</Typography.Text>}
        {review.disputeOutcome && <Tag color="purple" data-testid="dispute-outcome">{t(`enums.QaDisputeOutcome.${review.disputeOutcome}`)}</Tag>}
        {review.criticalMisses.length > 0 && <Tag color="red">{t('quality.criticalFailed')}</Tag>}
      </Space>
      <Typography.Text>{t(`enums.QaTargetKind.${review.targetKind}`)} · <span data-lang-neutral>{review.targetRef}</span> · {t('quality.agent')} {review.agent?.displayName ?? '—'} · {t('quality.reviewer')} {review.reviewer?.displayName ?? '—'}</Typography.Text>
      {review.comment && <Typography.Paragraph style={{ margin: 0 }}>{t('quality.comment')}：{review.comment}</Typography.Paragraph>}
      {review.rootCauses.length > 0 && <Space wrap>{t('quality.rootCauses')}：{review.rootCauses.map((c) => <Tag key={c}>{c}</Tag>)}</Space>}
      {review.disputeComment && <Typography.Paragraph style={{ margin: 0 }} data-testid="dispute-comment">{t('quality.agentDisputed')}：{review.disputeComment}</Typography.Paragraph>}
      {review.resolutionComment && <Typography.Paragraph style={{ margin: 0 }}>{t('quality.resolution')}：{review.resolutionComment}</Typography.Paragraph>}
    </Space>
  );
}
