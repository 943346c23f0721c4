// The staffing plan: a forecast of calls per 15-minute interval turned into agents on the phones
// and agents to schedule, interval by interval, for one service target. History comes in through
// an interface, so that whoever owns the interval rollups (monitoring) supplies it and this module
// never reads another module's tables.
import { requiredAgents, type StaffingTarget } from './required.ts';
import { forecastNextSeason, type Comparison } from './forecast/evaluate.ts';
import { INTERVAL_SECONDS, WEEK } from './forecast/seasonal-naive.ts';

export interface PlanTarget extends StaffingTarget {
  ahtSeconds: number;
}

export interface PlannedInterval {
  start: Date;
  /** Forecast calls in the interval. */
  calls: number;
  agents: number;
  scheduled: number;
  sl: number;
  occupancy: number;
}

/** Agents per interval for forecast calls per interval (`start` = the first interval's start). */
export function staffingPlan(calls: readonly number[], start: Date, target: PlanTarget, intervalSeconds = INTERVAL_SECONDS): PlannedInterval[] {
  return calls.map((c, i) => {
    const r = requiredAgents({ calls: c, intervalSeconds, ...target });
    return { start: new Date(start.getTime() + i * intervalSeconds * 1000), calls: c, agents: r.agents, scheduled: r.scheduled, sl: r.sl, occupancy: r.occupancy };
  });
}

/** Calls offered per 15-minute interval in [from, to): what monitoring's rollups hold. */
export type CallHistory = (region: string, from: Date, to: Date) => Promise<{ intervalStart: Date; offered: number }[]>;

export interface WeekPlan extends Comparison {
  region: string;
  from: Date;
  intervals: PlannedInterval[];
}

/**
 * A week's plan for a region: `weeks` whole weeks of history before `historyEnd` (a Monday 00:00 in
 * the region's time, given as an instant, at most `weekStart`), the forecast by the method that did
 * best on the last of them, carried over the weeks between (the week still in progress: its calls
 * so far are not a week's), and the agents per interval. Intervals with no row count as no calls.
 */
export async function planWeek(history: CallHistory, region: string, weekStart: Date, weeks: number, target: PlanTarget, historyEnd: Date = weekStart): Promise<WeekPlan> {
  const weekMs = WEEK * INTERVAL_SECONDS * 1000;
  const skip = Math.max(0, Math.round((weekStart.getTime() - historyEnd.getTime()) / weekMs));
  const from = new Date(historyEnd.getTime() - weeks * weekMs);
  const series = new Array<number>(weeks * WEEK).fill(0);
  for (const row of await history(region, from, historyEnd)) {
    const i = Math.floor((row.intervalStart.getTime() - from.getTime()) / (INTERVAL_SECONDS * 1000));
    if (i >= 0 && i < series.length) series[i]! += row.offered;
  }
  const f = forecastNextSeason(series, WEEK, skip);
  return { region, from: weekStart, mase: f.mase, best: f.best, holtWinters: f.holtWinters, intervals: staffingPlan(f.values, weekStart, target) };
}
