// The change a call's new record makes to the rollups: its new contribution minus its old one.
import { contribution, type Contribution, type RowKey } from './contribution.ts';
import { isZero, subCounters, zeroCounters, type Counters } from './counters.ts';
import type { CallFacts } from './facts.ts';

export interface RowDelta {
  key: RowKey;
  counters: Counters;
  /** The largest wait this row now has from the call (for the row's maximum). */
  maxWaitSeconds: number;
  /** The call's wait left this row or became shorter: the row's maximum must be recomputed. */
  recomputeMax: boolean;
}

export interface Delta {
  rows: RowDelta[];
  topics: { region: string; interval: number; topic: string; calls: number }[];
}

const keyOf = (k: RowKey) => `${k.region}|${k.queueId}|${k.interval}`;

export function delta(before: CallFacts | null, after: CallFacts): Delta {
  const old: Contribution = before ? contribution(before) : { rows: [], topics: [] };
  const now = contribution(after);
  const keys = new Map<string, RowKey>();
  for (const r of [...old.rows, ...now.rows]) keys.set(keyOf(r.key), r.key);
  const rows: RowDelta[] = [];
  for (const [k, key] of keys) {
    const a = now.rows.find((r) => keyOf(r.key) === k)?.counters ?? zeroCounters();
    const b = old.rows.find((r) => keyOf(r.key) === k)?.counters ?? zeroCounters();
    const d = subCounters(a, b);
    const recomputeMax = b.maxWaitSeconds > a.maxWaitSeconds;
    if (isZero(d) && !recomputeMax && a.maxWaitSeconds === b.maxWaitSeconds) continue;
    rows.push({ key, counters: d, maxWaitSeconds: a.maxWaitSeconds, recomputeMax });
  }
  const topicKey = (t: { region: string; interval: number; topic: string }) => `${t.region}|${t.interval}|${t.topic}`;
  const topics = new Map<string, { region: string; interval: number; topic: string; calls: number }>();
  for (const t of now.topics) topics.set(topicKey(t), { ...t });
  for (const t of old.topics) {
    const cur = topics.get(topicKey(t)) ?? topics.set(topicKey(t), { ...t, calls: 0 }).get(topicKey(t))!;
    cur.calls -= t.calls;
  }
  return { rows, topics: [...topics.values()].filter((t) => t.calls !== 0) };
}
