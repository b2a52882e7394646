import { QaScale, type QaCategory } from './scorecard.entity';
import { scoreReview } from './review-score';

const card: QaCategory[] = [
  { key: 'attitude', name: '服务态度', weight: 30, criteria: [
    { key: 'polite', name: '礼貌', scale: QaScale.FIVE_POINT, critical: false },
    { key: 'no_abuse', name: '无不当言行', scale: QaScale.BINARY, critical: true },
  ] },
  { key: 'ability', name: '业务能力', weight: 40, criteria: [{ key: 'accurate', name: '准确', scale: QaScale.FOUR_POINT, critical: false }] },
  { key: 'efficiency', name: '工作效率', weight: 20, criteria: [{ key: 'timely', name: '及时', scale: QaScale.THREE_POINT, critical: false }] },
  { key: 'teamwork', name: '团队协作', weight: 10, criteria: [{ key: 'handover', name: '交接', scale: QaScale.FIVE_POINT, critical: false }] },
];

describe('scoreReview (one definition of a QA review score)', () => {
  it.each([
    ['all best', { polite: 5, no_abuse: 1, accurate: 4, timely: 3, handover: 5 }, 100, [100, 100, 100, 100]],
    ['all lowest but the critical one met', { polite: 1, no_abuse: 1, accurate: 1, timely: 1, handover: 1 }, 15, [50, 0, 0, 0]],
    // attitude (75+100)/2 = 87.5; ability 2/3 → 66.7; efficiency 50; teamwork 25 → (30·87.5 + 40·66.67 + 20·50 + 10·25) / 100
    ['mixed scales', { polite: 4, no_abuse: 1, accurate: 3, timely: 2, handover: 2 }, 65.4, [87.5, 66.7, 50, 25]],
    // teamwork N/A: its weight leaves the denominator → (30·100 + 40·100 + 20·100) / 90
    ['a category all N/A is skipped', { polite: 5, no_abuse: 1, accurate: 4, timely: 3, handover: null }, 100, [100, 100, 100, null]],
    // attitude only from the rated criterion; the rest N/A
    ['N/A criteria are skipped inside a category', { polite: 3, no_abuse: null, accurate: null, timely: null, handover: null }, 50, [50, null, null, null]],
  ])('%s', (_name, given, score, categories) => {
    const result = scoreReview(card, Object.entries(given).map(([criterionKey, rating]) => ({ criterionKey, rating })));
    expect(result.score).toBe(score);
    expect(result.categoryScores.map((c) => c.score)).toEqual(categories);
    expect(result.criticalMisses).toEqual([]);
  });

  it('a critical criterion at its lowest fails the whole review: score 0, whatever else was rated', () => {
    const result = scoreReview(card, [{ criterionKey: 'polite', rating: 5 }, { criterionKey: 'no_abuse', rating: 0 }, { criterionKey: 'accurate', rating: 4 }]);
    expect(result.score).toBe(0);
    expect(result.criticalMisses).toEqual(['no_abuse']);
    expect(result.categoryScores[1]!.score).toBe(100); // the parts still show what was good
  });

  it('nothing rated has no score', () => {
    expect(scoreReview(card, []).score).toBeNull();
  });
});
