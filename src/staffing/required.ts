// Staffing for a target: the fewest agents on the phones whose service level reaches the target
// and whose occupancy stays under the cap, and how many to schedule once shrinkage (breaks,
// training, absence) takes its share: scheduled = ⌈N / (1 − shrinkage)⌉.
import { checkTraffic, erlangB, figuresFromB, offeredLoad, type Traffic } from './erlang-c.ts';

export interface StaffingTarget {
  /** Share of calls to answer within targetSeconds, 0 < targetSl < 1. */
  targetSl: number;
  targetSeconds: number;
  /** Highest acceptable occupancy, 0 < maxOccupancy ≤ 1 (1: no cap). */
  maxOccupancy: number;
  /** Share of paid time not on the phones, 0 ≤ shrinkage < 1. */
  shrinkage: number;
}

export interface StaffingResult {
  /** Agents needed on the phones. */
  agents: number;
  /** Agents to schedule so that `agents` are on the phones after shrinkage. */
  scheduled: number;
  /** Service level with `agents`. */
  sl: number;
  /** Occupancy with `agents`. */
  occupancy: number;
  /** Probability of waiting and ASA with `agents`, for the curious. */
  pWait: number;
  asa: number;
  erlangs: number;
}

/** Guards against a loop that a sane target never needs (the search is linear in N). */
const MAX_AGENTS = 1_000_000;

/** ⌈N / (1 − s)⌉, immune to 21 / (1 − 0.3) = 30.000000000000004. */
export function scheduledFor(agents: number, shrinkage: number): number {
  const raw = agents / (1 - shrinkage);
  return Math.ceil(Math.round(raw * 1e9) / 1e9);
}

export function requiredAgents(traffic: Traffic & StaffingTarget): StaffingResult {
  checkTraffic(traffic);
  const { targetSl, targetSeconds, maxOccupancy, shrinkage, ahtSeconds } = traffic;
  if (!(targetSl > 0 && targetSl < 1)) throw new RangeError('targetSl must be between 0 and 1');
  if (!(targetSeconds >= 0)) throw new RangeError('targetSeconds must be ≥ 0');
  if (!(maxOccupancy > 0 && maxOccupancy <= 1)) throw new RangeError('maxOccupancy must be in (0, 1]');
  if (!(shrinkage >= 0 && shrinkage < 1)) throw new RangeError('shrinkage must be in [0, 1)');
  const a = offeredLoad(traffic);
  if (a === 0) return { agents: 0, scheduled: 0, sl: 1, occupancy: 0, pWait: 0, asa: 0, erlangs: 0 };
  // No answer below N = ⌊A⌋ + 1 (stability) nor below A / maxOccupancy; from there on the service
  // level only rises with N, so the first N that meets the target is the smallest.
  const lowest = Math.max(Math.floor(a) + 1, Math.ceil(a / maxOccupancy - 1e-9));
  let n = lowest;
  let b = erlangB(a, n);
  for (;;) {
    const f = figuresFromB(a, n, b, ahtSeconds, targetSeconds);
    if (f.sl >= targetSl && f.occupancy <= maxOccupancy + 1e-12) {
      return { agents: n, scheduled: scheduledFor(n, shrinkage), sl: f.sl, occupancy: f.occupancy, pWait: f.pWait, asa: f.asa, erlangs: a };
    }
    if (n >= MAX_AGENTS) throw new RangeError(`more than ${MAX_AGENTS} agents would be needed`);
    n += 1;
    b = (a * b) / (n + a * b);
  }
}
