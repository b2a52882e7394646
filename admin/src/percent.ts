/** A rate 0..1 as a percentage number with one decimal, rounded half up: what charts draw (and exports print through percent). */
export const percentValue = (v: number | null | undefined) => (v == null ? null : Math.round(v * 1000) / 10);

/**
 * A rate 0..1 as a percentage text (— when there is no denominator), rounded as percentValue so a
 * table or export never differs from its chart (toFixed alone printed 22.4 % where the chart drew 22.5 %).
 */
export const percent = (v: number | null | undefined) => (v == null ? '—' : `${percentValue(v)!.toFixed(1)}%`);
