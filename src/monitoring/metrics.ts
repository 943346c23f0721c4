// The service's figures, each from summed interval counters by one formula (docs/metrics.md says
// which and why). Pure functions: the wallboard, reports, alerts and /metrics all use these.
import { ABANDON_BUCKETS, addCounters, WAIT_BUCKETS, zeroCounters, type Counters } from './rollups/counters.ts';

/** Interval counters summed over any span of regions, queues and intervals. */
export type Totals = Counters;

export const emptyTotals = zeroCounters;
export const addTotals = addCounters;

export const serviceLevelVariants = ['standard', 'all_abandons', 'abandons_ignored'] as const;
export type ServiceLevelVariant = (typeof serviceLevelVariants)[number];

export interface MetricOptions {
  /** T of "answered within T seconds"; rounded down to the nearest counted bucket. */
  serviceLevelSeconds: number;
  /** Abandons sooner than this are short (not counted against the service); rounded down likewise. */
  shortAbandonSeconds: number;
  variant?: ServiceLevelVariant;
}

/** The counted threshold actually used for T: the largest bucket not above it (null: below all). */
export function bucketIndex(buckets: readonly number[], seconds: number): number | null {
  let found: number | null = null;
  buckets.forEach((b, i) => {
    if (b <= seconds) found = i;
  });
  return found;
}

export const answeredWithin = (t: Totals, seconds: number) => {
  const i = bucketIndex(WAIT_BUCKETS, seconds);
  return i === null ? 0 : t.answeredWithin[i]!;
};

export const shortAbandons = (t: Totals, seconds: number) => {
  const i = bucketIndex(ABANDON_BUCKETS, seconds);
  return i === null ? 0 : t.abandonedWithin[i]!;
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * Service level, by variant:
 *  - standard: answered within T / (answered + abandoned − short abandons)
 *  - all_abandons: answered within T / (answered + abandoned) (every abandon counts, as in Amazon Connect)
 *  - abandons_ignored: answered within T / answered
 * null when there is nothing to divide by (no calls: no verdict, not 100 %).
 */
export function serviceLevel(t: Totals, o: MetricOptions): number | null {
  const within = answeredWithin(t, o.serviceLevelSeconds);
  switch (o.variant ?? 'standard') {
    case 'standard':
      return ratio(within, t.answered + t.abandoned - shortAbandons(t, o.shortAbandonSeconds));
    case 'all_abandons':
      return ratio(within, t.answered + t.abandoned);
    case 'abandons_ignored':
      return ratio(within, t.answered);
  }
}

/**
 * A sum of durations as whole milliseconds. Every duration is a whole number of milliseconds, but
 * floating-point sums depend on the order they were added in, by a few units in the last place:
 * rounded, the same calls give the same figure however their events arrived.
 */
export const meanSeconds = (sumSeconds: number, count: number) => ratio(Math.round(sumSeconds * 1000) / 1000, count);

/** Average speed of answer: total wait of answered calls / answered, seconds. */
export const asa = (t: Totals) => meanSeconds(t.waitSeconds, t.answered);

/** Average handling time: (talk + wrap-up) / answered, seconds. */
export const aht = (t: Totals) => meanSeconds(t.talkSeconds + t.wrapSeconds, t.answered);

/** Abandonment rate: (abandoned − short) / (answered + abandoned − short). */
export function abandonRate(t: Totals, o: Pick<MetricOptions, 'shortAbandonSeconds'>): number | null {
  const counted = t.abandoned - shortAbandons(t, o.shortAbandonSeconds);
  return ratio(counted, t.answered + counted);
}

/** Overflow share: calls sent on to a reserve centre / calls offered to the region. */
export const overflowShare = (t: Totals) => ratio(t.overflowOut, t.offered);

/** Occupancy: time handling calls (ringing, talking, wrap-up) / time logged in and not on a break. */
export function occupancy(secondsByState: Record<string, number>): number | null {
  const busy = (secondsByState.ringing ?? 0) + (secondsByState.talking ?? 0) + (secondsByState.wrap_up ?? 0);
  return ratio(busy, busy + (secondsByState.ready ?? 0));
}
