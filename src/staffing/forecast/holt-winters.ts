// Holt-Winters triple exponential smoothing (level, trend, one seasonal index per interval of the
// week), additive or multiplicative. Call volumes are a daily-and-weekly shape scaled by how busy
// the period is, which is multiplicative; nights near zero calls make multiplicative indices
// fragile, which additive ones are not. So both kinds are fitted and the data decide: the
// parameters are chosen by a small grid search that forecasts the last season of the training
// part from the seasons before it, the way the forecast will be used.
import { WEEK } from './seasonal-naive.ts';

export type SeasonalKind = 'additive' | 'multiplicative';

export interface HoltWintersParams {
  kind: SeasonalKind;
  /** Smoothing of the level, trend and seasonal indices, each in [0, 1]. */
  alpha: number;
  beta: number;
  gamma: number;
}

export const defaultGrid = {
  kind: ['additive', 'multiplicative'] as SeasonalKind[],
  alpha: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2],
  beta: [0, 0.0001, 0.001],
  gamma: [0.02, 0.05, 0.1, 0.2, 0.3, 0.5],
};

/** Below this a multiplicative seasonal index says nothing about the level (a quiet night). */
const MIN_INDEX = 0.05;

const mean = (xs: readonly number[], from: number, to: number) => {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i]!;
  return s / (to - from);
};

/** Smooths the whole history and forecasts `horizon` values after it (never below zero). */
export function holtWinters(history: readonly number[], horizon: number, p: HoltWintersParams, season = WEEK): number[] {
  const m = season;
  if (history.length < 2 * m) throw new RangeError(`Holt-Winters needs at least two seasons (${2 * m} values) of history`);
  const mult = p.kind === 'multiplicative';
  // Start: level and slope from the first two seasons' means, indices from their average shape.
  const m1 = mean(history, 0, m);
  const m2 = mean(history, m, 2 * m);
  let trend = (m2 - m1) / m;
  let level = m1 - trend * ((m + 1) / 2);
  const seasonal: number[] = [];
  for (let i = 0; i < m; i++) {
    // Each of the two weeks against its own trend line through the week's mean.
    const line1 = m1 + trend * (i - (m - 1) / 2);
    const line2 = m2 + trend * (i - (m - 1) / 2);
    const a = history[i]!;
    const b = history[m + i]!;
    if (mult) seasonal.push(line1 > 0 && line2 > 0 ? (a / line1 + b / line2) / 2 : 1);
    else seasonal.push((a - line1 + (b - line2)) / 2);
  }
  for (let t = 0; t < history.length; t++) {
    const y = history[t]!;
    const s = seasonal[t % m]!;
    const prev = level;
    if (mult) {
      level = s >= MIN_INDEX ? p.alpha * (y / s) + (1 - p.alpha) * (prev + trend) : prev + trend;
      trend = p.beta * (level - prev) + (1 - p.beta) * trend;
      if (level > 0) seasonal[t % m] = p.gamma * (y / level) + (1 - p.gamma) * s;
    } else {
      level = p.alpha * (y - s) + (1 - p.alpha) * (prev + trend);
      trend = p.beta * (level - prev) + (1 - p.beta) * trend;
      seasonal[t % m] = p.gamma * (y - level) + (1 - p.gamma) * s;
    }
  }
  const out: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    const s = seasonal[(history.length + h - 1) % m]!;
    const base = level + h * trend;
    out.push(Math.max(0, mult ? base * s : base + s));
  }
  return out;
}

export function meanAbsoluteError(actual: readonly number[], forecast: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i]! - forecast[i]!);
  return s / actual.length;
}

export interface FittedHoltWinters {
  params: HoltWintersParams;
  /** Mean absolute error of the chosen parameters on the training part's last season. */
  validationMae: number;
}

/**
 * Chooses the parameters: for each combination of the grid, smooth all but the last season of
 * `training`, forecast that season, keep the lowest mean absolute error. Needs three seasons.
 */
export function fitHoltWinters(training: readonly number[], season = WEEK, grid = defaultGrid): FittedHoltWinters {
  if (training.length < 3 * season) throw new RangeError(`fitting Holt-Winters needs at least three seasons (${3 * season} values)`);
  const fit = training.slice(0, training.length - season);
  const check = training.slice(training.length - season);
  let best: FittedHoltWinters | undefined;
  for (const kind of grid.kind)
    for (const alpha of grid.alpha)
      for (const beta of grid.beta)
        for (const gamma of grid.gamma) {
          const params = { kind, alpha, beta, gamma };
          const mae = meanAbsoluteError(check, holtWinters(fit, season, params, season));
          if (!best || mae < best.validationMae) best = { params, validationMae: mae };
        }
  return best!;
}
