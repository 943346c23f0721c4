// The seasonal-naive forecast: each interval of next week is the same interval of last week. The
// baseline every other method must beat, and the scale of MASE.

/** 15-minute intervals in a day and in a week. */
export const INTERVAL_SECONDS = 900;
export const DAY = 96;
export const WEEK = 7 * DAY;

/** ŷ(T + h) = y(T + h − k·m) for the latest whole season k·m ≥ h. */
export function seasonalNaive(history: readonly number[], horizon: number, season = WEEK): number[] {
  if (history.length < season) throw new RangeError(`seasonal naive needs at least one season (${season} values) of history`);
  const out: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    const back = season * Math.ceil(h / season);
    out.push(history[history.length + h - 1 - back]!);
  }
  return out;
}
