import { addCounts, satisfactionRates, type SatisfactionCounts } from './satisfaction-rates';

const counts = (c: Partial<SatisfactionCounts>): SatisfactionCounts => ({ sent: 0, answered: 0, rated: 0, satisfied: 0, dissatisfied: 0, ratingSum: 0, npsAnswered: 0, promoters: 0, detractors: 0, ...c });

describe('satisfaction rates (the published definitions)', () => {
  it.each([
    ['nothing sent: every rate null', counts({}), { satisfactionRate: null, dissatisfactionRate: null, nps: null, responseRate: null, averageRating: null }],
    ['sent, none answered: response rate 0, the rest null', counts({ sent: 4 }), { satisfactionRate: null, dissatisfactionRate: null, nps: null, responseRate: 0, averageRating: null }],
    // 10 sent, 8 answered, 7 rated (5,5,4,4,3,2,1), NPS 10,9,8,7,3
    ['a mixed month', counts({ sent: 10, answered: 8, rated: 7, satisfied: 4, dissatisfied: 2, ratingSum: 24, npsAnswered: 5, promoters: 2, detractors: 1 }), { satisfactionRate: 0.5714, dissatisfactionRate: 0.2857, nps: 20, responseRate: 0.8, averageRating: 3.43 }],
    ['all detractors: NPS −100', counts({ sent: 3, answered: 3, npsAnswered: 3, detractors: 3 }), { satisfactionRate: null, dissatisfactionRate: null, nps: -100, responseRate: 1, averageRating: null }],
    ['a third: rounded to 4 places', counts({ sent: 3, answered: 3, rated: 3, satisfied: 1, dissatisfied: 1, ratingSum: 9 }), { satisfactionRate: 0.3333, dissatisfactionRate: 0.3333, nps: null, responseRate: 1, averageRating: 3 }],
  ])('%s', (_name, input, expected) => {
    expect(satisfactionRates(input)).toEqual(expected);
  });

  it('totals add counts, not rates', () => {
    const total = addCounts([counts({ sent: 1, answered: 1, rated: 1, satisfied: 1, ratingSum: 5 }), counts({ sent: 3, answered: 3, rated: 3, dissatisfied: 3, ratingSum: 3 })]);
    expect(satisfactionRates(total).satisfactionRate).toBe(0.25);
  });
});
