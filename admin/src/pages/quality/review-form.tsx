import { useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Input, Select, Space, Statistic, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { CallFacts, type CallRow } from '../calls/shared';
import { RatingsTable, scoreText, type QaCategory } from './shared';

interface Scorecard { id: string; code: string; name: string; categories: QaCategory[] }

/**
 * The scorecard form (/quality/review/CALL/:id): the call's facts, each criterion on its scale
 * (or N/A) with a comment, the overall comment and root causes; the score so far comes from the
 * API (qaScorePreview: the same rule as the saved review) as the ratings change.
 */
export function QaReviewForm() {
  const t = useTranslate();
  const navigate = useNavigate();
  const { kind = 'CALL', id = '' } = useParams();
  const session = useSearchParams()[0].get('session');
  const cards = useGql<{ qaScorecards: { nodes: { id: string; code: string; name: string }[] } }>('QaScorecards');
  const [cardId, setCardId] = useState<string>();
  useEffect(() => {
    const nodes = cards.data?.qaScorecards.nodes ?? [];
    if (!cardId && nodes.length) setCardId((nodes.find((c) => c.code === 'default') ?? nodes[0]!).id);
  }, [cards.data, cardId]);
  const card = useGql<{ qaScorecard: Scorecard | null }>('QaScorecard', { id: cardId }, { enabled: !!cardId });
  const call = useGql<{ calls: { nodes: CallRow[] } }>('CallList', { filter: { id: { eq: id } }, paging: { limit: 1 } }, { enabled: kind === 'CALL' });
  const [ratings, setRatings] = useState<Record<string, number | null>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [rootCauses, setRootCauses] = useState<string[]>([]);
  const categories = card.data?.qaScorecard?.categories ?? [];
  // Every criterion starts at N/A; the reviewer rates what applies.
  const input = useMemo(() => categories.flatMap((c) => c.criteria).map((cr) => ({ criterionKey: cr.key, rating: ratings[cr.key] ?? null, comment: comments[cr.key]?.trim() || null })), [categories, ratings, comments]);
  const preview = useGql<{ qaScorePreview: { score: number | null; criticalMisses: string[]; categoryScores: { key: string; score: number | null }[] } }>(
    'QaScorePreview', { scorecardId: cardId, ratings: input.map(({ criterionKey, rating }) => ({ criterionKey, rating })) }, { enabled: !!cardId && categories.length > 0 },
  );
  const submit = useGqlMutation<{ submitQaReview: { id: string } }>('SubmitQaReview', { success: 'quality.submitted' });
  const target = call.data?.calls.nodes[0];
  const live = preview.data?.qaScorePreview;

  const send = async () => {
    if (!cardId) return;
    const done = await submit.run({ input: { scorecardId: cardId, targetKind: kind, targetId: id, ratings: input, comment: comment.trim() || null, rootCauses, calibrationSessionId: session } });
    if (done) navigate(session ? '/quality?tab=calibration' : '/quality?tab=mine');
  };

  return (
    <Card title={t('quality.reviewCall')} extra={<Button onClick={() => navigate('/quality')}>{t('quality.backToList')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {target && <CallFacts call={target} />}
        <Space wrap align="center">
          <Typography.Text>{t('quality.scorecard')}</Typography.Text>
          <Select style={{ width: 240 }} value={cardId} onChange={(v) => { setCardId(v); setRatings({}); }} options={(cards.data?.qaScorecards.nodes ?? []).map((c) => ({ value: c.id, label: c.name }))} data-testid="scorecard-select" />
          <Statistic title={t('quality.scoreNow')} value={scoreText(live?.score)} valueStyle={{ color: live?.criticalMisses.length ? '#f5222d' : undefined }} data-testid="live-score" />
        </Space>
        {live && live.criticalMisses.length > 0 && <Alert type="error" showIcon message={t('quality.criticalFailed')} data-testid="critical-alert" />}
        <RatingsTable categories={categories} ratings={[]} categoryScores={live?.categoryScores}
          edit={{ ratings, comments, onChange: (key, v) => setRatings((r) => ({ ...r, [key]: v })), onComment: (key, v) => setComments((c) => ({ ...c, [key]: v })) }} />
        <Input.TextArea rows={3} placeholder={t('quality.comment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} data-testid="review-comment" />
        <Select mode="tags" style={{ width: '100%' }} placeholder={t('quality.rootCausesPlaceholder')} value={rootCauses} onChange={setRootCauses} data-testid="root-causes" />
        <Button type="primary" loading={submit.loading} disabled={!cardId} onClick={() => void send()} data-testid="submit-review">{t('quality.submit')}</Button>
      </Space>
    </Card>
  );
}
