// Operators' time, split into the 15-minute intervals it covers: seconds in each state per region,
// from which occupancy and staffed time follow.
import { INTERVAL_MS } from './contribution.ts';

export interface TimeSlice {
  region: string;
  interval: number;
  state: string;
  seconds: number;
}

/** The seconds of [from, to) (epoch ms) in `state`, interval by interval. */
export function slices(region: string, state: string, from: number, to: number): TimeSlice[] {
  const out: TimeSlice[] = [];
  let t = from;
  const end = to;
  while (t < end) {
    const interval = Math.floor(t / INTERVAL_MS) * INTERVAL_MS;
    const stop = Math.min(end, interval + INTERVAL_MS);
    out.push({ region, interval, state, seconds: (stop - t) / 1000 });
    t = stop;
  }
  return out;
}
