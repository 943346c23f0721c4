// Comparing forecasting methods the honest way: hold back the last season of the history, forecast
// it from what came before, and score each method by MASE (mean absolute scaled error, Hyndman and
// Koehler 2006): the forecast's mean absolute error divided by the in-sample mean absolute error of
// the seasonal-naive forecast on the training part. MASE < 1: better than last week's figures
// would have been, on average, in the past.
import { fitHoltWinters, holtWinters, meanAbsoluteError, type HoltWintersParams } from './holt-winters.ts';
import { seasonalNaive, WEEK } from './seasonal-naive.ts';

/** The in-sample seasonal-naive MAE: mean |y(t) − y(t − m)| over the training part. */
export function maseScale(training: readonly number[], season = WEEK): number {
  if (training.length <= season) throw new RangeError('MASE needs more than one season of training data');
  let s = 0;
  for (let t = season; t < training.length; t++) s += Math.abs(training[t]! - training[t - season]!);
  return s / (training.length - season);
}

export function mase(actual: readonly number[], forecast: readonly number[], training: readonly number[], season = WEEK): number {
  const scale = maseScale(training, season);
  const mae = meanAbsoluteError(actual, forecast);
  return scale === 0 ? (mae === 0 ? 0 : Infinity) : mae / scale;
}

export type Method = 'seasonal-naive' | 'holt-winters';

export interface Comparison {
  /** MASE of each method on the held-back last season. */
  mase: Record<Method, number>;
  best: Method;
  holtWinters: HoltWintersParams;
}

/**
 * Holds back the last season of `history`, fits on the rest and scores both methods on it.
 * Needs four seasons: three to fit Holt-Winters, one held back.
 */
export function compareMethods(history: readonly number[], season = WEEK): Comparison {
  if (history.length < 4 * season) throw new RangeError(`comparing methods needs at least four seasons (${4 * season} values) of history`);
  const training = history.slice(0, history.length - season);
  const held = history.slice(history.length - season);
  const fitted = fitHoltWinters(training, season);
  const scores = {
    'seasonal-naive': mase(held, seasonalNaive(training, season, season), training, season),
    'holt-winters': mase(held, holtWinters(training, season, fitted.params, season), training, season),
  };
  return { mase: scores, best: scores['holt-winters'] < scores['seasonal-naive'] ? 'holt-winters' : 'seasonal-naive', holtWinters: fitted.params };
}

export interface WeekForecast extends Comparison {
  /** Calls per interval for the season after the history, by the best method. */
  values: number[];
}

/**
 * Next season's calls per interval: the method that did best on the held-back season, refitted on
 * the whole history. With less than four seasons of history there is nothing to compare, and
 * seasonal naive (needing one season) is all there is.
 */
export function forecastNextSeason(history: readonly number[], season = WEEK, skip = 0): WeekForecast {
  // (skip: seasons between the history's end and the one forecast, e.g. the week still in progress)
  const horizon = season * (skip + 1);
  const ahead = (values: number[]) => values.slice(season * skip);
  if (history.length < 4 * season) {
    return {
      mase: { 'seasonal-naive': NaN, 'holt-winters': NaN },
      best: 'seasonal-naive',
      holtWinters: { kind: 'additive', alpha: 0, beta: 0, gamma: 0 },
      values: ahead(seasonalNaive(history, horizon, season)),
    };
  }
  const c = compareMethods(history, season);
  const values = c.best === 'holt-winters' ? holtWinters(history, horizon, fitHoltWinters(history, season).params, season) : seasonalNaive(history, horizon, season);
  return { ...c, values: ahead(values) };
}
