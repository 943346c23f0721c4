// The change a call's new record makes to the rollups: its new contribution minus its old one.
import { contribution, zero, type Contribution, type Counters, type RowKey } from './contribution.ts';
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

function sub(a: Counters, b: Counters): Counters {
  return {
    offered: a.offered - b.offered,
    answered: a.answered - b.answered,
    abandoned: a.abandoned - b.abandoned,
    overflowOut: a.overflowOut - b.overflowOut,
    overflowIn: a.overflowIn - b.overflowIn,
    callbacks: a.callbacks - b.callbacks,
    waitSeconds: a.waitSeconds - b.waitSeconds,
    maxWaitSeconds: 0,
    talkSeconds: a.talkSeconds - b.talkSeconds,
    wrapSeconds: a.wrapSeconds - b.wrapSeconds,
    answeredWithin: a.answeredWithin.map((x, i) => x - b.answeredWithin[i]!),
    abandonedWithin: a.abandonedWithin.map((x, i) => x - b.abandonedWithin[i]!),
  };
}

const isZero = (c: Counters) =>
  !c.offered && !c.answered && !c.abandoned && !c.overflowOut && !c.overflowIn && !c.callbacks && !c.waitSeconds && !c.talkSeconds && !c.wrapSeconds &&
  c.answeredWithin.every((x) => !x) && c.abandonedWithin.every((x) => !x);

export function delta(before: CallFacts | null, after: CallFacts): Delta {
  const old: Contribution = before ? contribution(before) : { rows: [], topics: [] };
  const now = contribution(after);
  const keys = new Map<string, RowKey>();
  for (const r of [...old.rows, ...now.rows]) keys.set(keyOf(r.key), r.key);
  const rows: RowDelta[] = [];
  for (const [k, key] of keys) {
    const a = now.rows.find((r) => keyOf(r.key) === k)?.counters ?? zero();
    const b = old.rows.find((r) => keyOf(r.key) === k)?.counters ?? zero();
    const d = sub(a, b);
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
