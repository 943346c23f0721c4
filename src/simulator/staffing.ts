// How many simulated operators each region puts on, and when: the offered load of every hour
// (Erlang C for the target service level, times a margin), covered by shifts in local time with
// breaks. The need comes from the staffing module's calculator, as a planner's would.
import { requiredAgents } from '../staffing/index.ts';
import type { ArrivalModel, RegionInfo } from './arrivals.ts';
import type { Staffing } from './options.ts';
import type { Rng } from './random.ts';

export interface Shift {
  username: string;
  displayName: string;
  /** Region code, or "federal" for the reserve centre. */
  region: string;
  start: number;
  end: number;
  breaks: { at: number; ms: number; reason: string }[];
}

const HOUR = 3_600_000;
const MIN = 60_000;

/** Breaks of a shift: 15 minutes, lunch, 15 minutes, spread over it and jittered. */
function breaksOf(start: number, end: number, rng: Rng): Shift['breaks'] {
  const length = end - start;
  if (length < 3 * HOUR) return [];
  const plan =
    length >= 6 * HOUR
      ? [
          { f: 0.25, ms: 15 * MIN, reason: 'break' },
          { f: 0.5, ms: 30 * MIN, reason: 'lunch' },
          { f: 0.75, ms: 15 * MIN, reason: 'break' },
        ]
      : [{ f: 0.5, ms: 15 * MIN, reason: 'break' }];
  return plan.map((p) => ({ at: Math.round(start + p.f * length + rng.uniform(-20, 20) * MIN), ms: p.ms, reason: p.reason }));
}

export interface RosterInput {
  model: ArrivalModel;
  regions: RegionInfo[];
  staffing: Staffing;
  /** Mean handling time (talk + wrap-up + answering), seconds. */
  ahtSeconds: number;
  start: number;
  end: number;
  prefix: string;
  label: string;
  rng: Rng;
}

/** Operators needed in the region in the hour starting at `at`, by Erlang C on the hour's mean rate. */
export function needAt(input: RosterInput, region: RegionInfo, at: number): number {
  let rate = 0;
  for (let i = 0; i < 4; i++) rate += input.model.rate(region, at + (i + 0.5) * (HOUR / 4)) / 4;
  const s = input.staffing;
  // (a target of 100 % has no finite answer: just under it)
  const { agents } = requiredAgents({
    calls: rate * 3600,
    intervalSeconds: 3600,
    ahtSeconds: input.ahtSeconds,
    targetSl: Math.min(s.serviceLevel, 0.999),
    targetSeconds: s.serviceSeconds,
    maxOccupancy: 1,
    shrinkage: 0,
  });
  return Math.max(1, Math.ceil(agents * s.factor));
}

/**
 * Shifts covering the run: those on duty at its start (their shifts began at staggered times before
 * it), then, hour by hour, new shifts wherever the need exceeds who is on duty.
 */
export function roster(input: RosterInput): Shift[] {
  const s = input.staffing;
  const shiftMs = s.shiftHours * HOUR;
  const shifts: Shift[] = [];
  for (const region of input.regions) {
    const rng = input.rng.fork(`roster/${region.code}`);
    const mine: Shift[] = [];
    // A run without an end (the demo) keeps whoever is on duty at its start.
    const open = s.fixed !== undefined || !Number.isFinite(input.end);
    const add = (start: number, count: number) => {
      for (let i = 0; i < count; i++) {
        const n = mine.length + 1;
        const shiftEnd = open ? Infinity : start + shiftMs;
        mine.push({
          username: `${input.prefix}-${region.code}-${String(n).padStart(3, '0')}`,
          displayName: `${input.label}: оператор ${n}, ${region.name}`,
          region: region.code,
          start,
          end: shiftEnd,
          breaks: s.breaks && Number.isFinite(shiftEnd) ? breaksOf(start, shiftEnd, rng) : [],
        });
      }
    };
    if (s.fixed !== undefined) {
      add(input.start, s.fixed);
    } else {
      const first = needAt(input, region, input.start);
      // On duty at the start: their shifts began 0–(shift−1) hours earlier, evenly, so they do not all leave at once.
      for (let i = 0; i < first; i++) add(input.start - (i % s.shiftHours) * HOUR - rng.int(60) * MIN, 1);
      // Without an end there are no later shifts to plan (and the loop would never finish).
      for (let at = input.start + HOUR; !open && at < input.end; at += HOUR) {
        const onDuty = mine.filter((x) => x.start <= at && x.end > at + HOUR / 2).length;
        const need = needAt(input, region, at);
        if (need > onDuty) add(at, need - onDuty);
      }
    }
    shifts.push(...mine);
  }
  return shifts;
}

/** The federal reserve centre: on duty for the whole run. */
export function reserveShifts(count: number, input: Pick<RosterInput, 'start' | 'prefix' | 'label'>): Shift[] {
  return Array.from({ length: count }, (_, i) => ({
    username: `${input.prefix}-federal-${String(i + 1).padStart(3, '0')}`,
    displayName: `${input.label}: оператор ${i + 1}, федеральный резерв`,
    region: 'federal',
    start: input.start,
    end: Infinity,
    breaks: [],
  }));
}
