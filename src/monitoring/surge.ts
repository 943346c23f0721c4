// Which topics are surging: the share of calls about a topic in a recent window against the share
// in the same hours of the previous 7 days. The statistic (docs/metrics.md, "Trends"):
//
//   x  calls about the topic in the window,  n  all calls in the window,
//   b  calls about it in the 7 baseline windows,  m  all calls in those;
//   p0 = (b + 1) / (m + 2)                        the baseline share, smoothed (Laplace);
//   z  = (x − n·p0) / sqrt(n·p0·(1 − p0))         how many standard deviations above the
//                                                  baseline the window's count is (binomial);
//   lift = (x / n) / p0.
//
// A topic surges when z ≥ 3, lift ≥ 1.5 and x ≥ 5: unlikely by chance, large enough to matter,
// and more than a handful of calls. A topic never seen before has p0 close to 0 and surges as soon
// as it has 5 calls.

export interface TopicCounts {
  topic: string;
  window: number;
  baseline: number;
}

export interface Surge {
  topic: string;
  calls: number;
  share: number;
  baselineShare: number;
  lift: number;
  z: number;
}

export const SURGE = { minZ: 3, minLift: 1.5, minCalls: 5 } as const;

export function surges(counts: TopicCounts[], windowTotal: number, baselineTotal: number): Surge[] {
  if (windowTotal <= 0) return [];
  const out: Surge[] = [];
  for (const c of counts) {
    const p0 = (c.baseline + 1) / (baselineTotal + 2);
    const expected = windowTotal * p0;
    const z = (c.window - expected) / Math.sqrt(expected * (1 - p0));
    const share = c.window / windowTotal;
    const lift = share / p0;
    if (z >= SURGE.minZ && lift >= SURGE.minLift && c.window >= SURGE.minCalls) {
      out.push({ topic: c.topic, calls: c.window, share, baselineShare: p0, lift, z });
    }
  }
  return out.sort((a, b) => b.z - a.z || a.topic.localeCompare(b.topic));
}
