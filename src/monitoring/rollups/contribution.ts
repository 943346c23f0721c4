// What one call adds to the 15-minute interval rollups, as a pure function of its facts. A call's
// rollup rows change by contribution(after) − contribution(before) for each change of the call
// (folded after it commits), so the rollups always equal the sum over calls of their final
// contributions — the same as a rebuild from raw events, whatever order the events came in.
import type { CallFacts } from './facts.ts';

import { ABANDON_BUCKETS, WAIT_BUCKETS, zeroCounters as zero, type Counters } from './counters.ts';

export { ABANDON_BUCKETS, WAIT_BUCKETS } from './counters.ts';

export const INTERVAL_MS = 15 * 60_000;

export interface RowKey {
  region: string;
  queueId: number;
  interval: number;
}

export interface Contribution {
  rows: { key: RowKey; counters: Counters }[];
  topics: { region: string; interval: number; topic: string; calls: number }[];
}

export const intervalOf = (ms: number) => Math.floor(ms / INTERVAL_MS) * INTERVAL_MS;
const seconds = (from: number, to: number) => Math.max(0, (to - from) / 1000);

/**
 * Counted in the interval the call was offered in: at its origin (offered, overflowed out, topic)
 * and where it was served (answered or abandoned, waits and handling times, overflowed in).
 */
export function contribution(c: CallFacts): Contribution {
  if (c.offeredAt === null || !c.regionCode) return { rows: [], topics: [] };
  const interval = intervalOf(c.offeredAt);
  const originQueue = c.originQueueId ?? c.queueId;
  const rows = new Map<string, { key: RowKey; counters: Counters }>();
  const row = (region: string, queueId: number) => {
    const k = `${region}|${queueId}`;
    return (rows.get(k) ?? rows.set(k, { key: { region, queueId, interval }, counters: zero() }).get(k)!).counters;
  };
  // A call still in the IVR or never queued counts as offered to its region's unknown queue (0).
  const origin = row(c.regionCode, originQueue ?? 0);
  origin.offered++;
  const servedRegion = c.queueRegion ?? c.regionCode;
  const served = c.overflowed && c.queueId !== null ? row(servedRegion, c.queueId) : origin;
  if (c.overflowed && c.queueId !== null) {
    origin.overflowOut++;
    served.overflowIn++;
  }
  if (c.callback) served.callbacks++;
  const start = c.queuedAt ?? c.offeredAt;
  if (c.answeredAt !== null) {
    const wait = seconds(start, c.answeredAt);
    served.answered++;
    served.waitSeconds += wait;
    served.maxWaitSeconds = Math.max(served.maxWaitSeconds, wait);
    WAIT_BUCKETS.forEach((b, i) => {
      if (wait <= b) served.answeredWithin[i]!++;
    });
    if (c.endedAt !== null) served.talkSeconds += seconds(c.answeredAt, c.endedAt);
    if (c.endedAt !== null && c.wrappedAt !== null) served.wrapSeconds += seconds(c.endedAt, c.wrappedAt);
  } else if (c.abandoned && c.endedAt !== null) {
    const wait = seconds(start, c.endedAt);
    served.abandoned++;
    served.maxWaitSeconds = Math.max(served.maxWaitSeconds, wait);
    ABANDON_BUCKETS.forEach((b, i) => {
      if (wait <= b) served.abandonedWithin[i]!++;
    });
  }
  return {
    rows: [...rows.values()],
    topics: c.topic ? [{ region: c.regionCode, interval, topic: c.topic, calls: 1 }] : [],
  };
}
