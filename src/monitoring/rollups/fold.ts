// The rollups follow the contact centre after its commits, not inside them. Each change of calls
// and operators is published (cc.calls.changed) with each changed call's facts before and after and
// each operator's move; this folder reads those events from the outbox in commit-safe order (a
// durable consumer of platform/events), adds up what they change in the rollups, many transactions
// per statement, and moves its cursor in the same transaction. So a call's write touches no shared
// counter row and computes nothing for the rollups, every change is counted exactly once (cursor
// and rows commit together), and a crash loses nothing (the events are durable).
import type { Db, Queryable } from '../../platform/db/database.ts';
import { eventsAfter, eventsPending, type EventCursor, type EventRow } from '../../platform/events/outbox.ts';
import { Loop } from '../../platform/jobs.ts';
import type { Logger } from '../../platform/logger.ts';
import { slices, type TimeSlice } from './agent-time.ts';
import { dailyParts, recomputeDailyMax, type RegionZones } from './daily.ts';
import { delta, type Delta } from './delta.ts';
import { CALLS_CHANGED, type CallFacts, type CallsChangedFacts } from './facts.ts';
import { addAgentTime, merge, recomputeMax, rollupsPart, runParts, topicsPart } from './store.ts';

/**
 * Until 2026-12 each contact-centre transaction wrote its share of the rollups as an event of its
 * own, computed inside it; those of an installation upgraded with some still unfolded are folded
 * as they are (the cc.calls.changed events of those transactions carry no facts: nothing twice).
 * Once the outbox's history has passed them (days), this topic can go.
 */
const LEGACY_TOPIC = 'mon.fold';
const TOPICS = [CALLS_CHANGED, LEGACY_TOPIC];

export type CallsIn = (tx: Queryable, regions: string[], from: Date, to: Date) => Promise<CallFacts[]>;

/** One transaction's share of the rollups. */
export interface FoldPayload {
  delta?: Delta;
  agentTime?: TimeSlice[];
}

type Skips = { from: number; to: number }[];

/** What a change of calls and operators adds to the rollups. */
export function shareOf(c: CallsChangedFacts): FoldPayload {
  const d = merge((c.facts ?? []).map((f) => delta(f.before, f.after)));
  // The state that ended now is counted; the one that begins is counted when it ends.
  const agentTime = (c.moves ?? []).flatMap((m) => (m.before === 'offline' ? [] : slices(m.region, m.before, m.since, m.at)));
  return { delta: d, agentTime };
}

const shareOfEvent = (e: EventRow): FoldPayload => (e.topic === LEGACY_TOPIC ? (e.payload as FoldPayload) : shareOf(e.payload as CallsChangedFacts));

/** Events per folding transaction: large enough to merge well, small enough to stay short. */
const BATCH = 2000;
/**
 * Folding also happens whenever someone reads the rollups; this only keeps the backlog short. A
 * pass costs about the same for 10 calls as for 40, and on the embedded database (one thread) a
 * call that comes in during a pass waits for it: every 500 ms, passes were behind half of the
 * calls routed slower than 8 ms at 20 calls/s; every 2 s, none.
 */
const POLL_MS = 2000;
/**
 * How long a reader waits for changes committed before it asked that the horizon still holds
 * back (an older transaction open anywhere on the server): what a node wrote is what it reads.
 */
const HELD_BACK_WAIT_MS = 2000;

const inSkip = (t: number, skip: Skips) => skip.some((s) => t >= s.from && t < s.to);

/** The share without what a rebuild already counted. */
function unskipped(p: FoldPayload, skip: Skips): FoldPayload {
  if (!skip.length) return p;
  return {
    delta: p.delta && { rows: p.delta.rows.filter((r) => !inSkip(r.key.interval, skip)), topics: p.delta.topics.filter((t) => !inSkip(t.interval, skip)) },
    agentTime: p.agentTime?.filter((s) => !inSkip(s.interval, skip)),
  };
}

/**
 * The cursor (locked: one folder at a time, and rebuilds wait), and whether any rebuild mark is
 * left.
 */
async function readCursor(tx: Queryable, lock: boolean): Promise<{ cursor: EventCursor; marks: boolean }> {
  const r = await tx.query<{ txid: string; event_id: number; marks: boolean }>(
    `SELECT txid::text, event_id, EXISTS (SELECT 1 FROM mon_fold_skips) AS marks FROM mon_rollup_cursor WHERE id = 1${lock ? ' FOR UPDATE' : ''}`,
  );
  const c = r.rows[0]!;
  return { cursor: { txid: c.txid, id: Number(c.event_id) }, marks: c.marks };
}

/** The spans a rebuild already counted, per transaction among these that its snapshot saw. */
async function skipsOf(tx: Queryable, txids: string[]): Promise<Map<string, Skips>> {
  const r = await tx.query<{ txid: string; from_ms: number; to_ms: number }>(
    `SELECT x.txid::text, k.from_ms, k.to_ms FROM unnest($1::xid8[]) AS x(txid) JOIN mon_fold_skips k ON pg_visible_in_snapshot(x.txid, k.snapshot)`,
    [[...new Set(txids)]],
  );
  const out = new Map<string, Skips>();
  for (const x of r.rows) (out.get(x.txid) ?? out.set(x.txid, []).get(x.txid)!).push({ from: Number(x.from_ms), to: Number(x.to_ms) });
  return out;
}

/** Adds one batch of transactions' shares to the rollups, exactly as each transaction would have. */
export async function applyFold(tx: Queryable, payloads: FoldPayload[], zones: RegionZones, callsIn: CallsIn): Promise<void> {
  const d = merge(payloads.flatMap((p) => (p.delta ? [p.delta] : [])));
  const daily = await dailyParts(tx, d, zones);
  await runParts(tx, [rollupsPart(d), topicsPart(d), ...daily.parts]);
  const stale = d.rows.filter((r) => r.recomputeMax).map((r) => r.key);
  if (stale.length) await recomputeMax(tx, stale, (regions, from, to) => callsIn(tx, regions, from, to));
  await recomputeDailyMax(tx, daily.recompute);
  await addAgentTime(
    tx,
    payloads.flatMap((p) => p.agentTime ?? []),
  );
}

export class RollupFolder {
  /**
   * Concurrent callers share a pass; one that comes during a pass gets one more after it (events
   * may have committed after the pass looked), and readers see a failed pass's error.
   */
  private readonly loop = new Loop({
    everyMs: POLL_MS,
    again: true,
    rethrow: true,
    run: async () => {
      while (await this.pass());
    },
    failed: (err) => this.log.error({ err }, 'rollups: folding failed; will retry'),
  });
  /** Where this node last left the cursor (another node may have moved it on since). */
  private seen: EventCursor | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly zones: RegionZones,
    private readonly callsIn: CallsIn,
  ) {}

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /**
   * Folds everything committed so far; concurrent callers share the pass. Readers of the rollups
   * call this first, so that what a node wrote is what it reads.
   */
  async catchUp(): Promise<void> {
    // One statement when nothing is pending (the usual read): the reader's "now" and the check.
    let upTo: number | undefined;
    if (this.seen) {
      const now = await eventsPending(this.db, this.seen, TOPICS);
      if (!now.pending) return;
      upTo = now.upTo;
    }
    const deadline = Date.now() + HELD_BACK_WAIT_MS;
    for (;;) {
      await this.loop.runNow();
      if (!this.seen || Date.now() >= deadline) return;
      const left = await eventsPending(this.db, this.seen, TOPICS, upTo);
      upTo = left.upTo;
      if (!left.pending) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** One batch in one transaction; true when more may be waiting. */
  private async pass(): Promise<boolean> {
    // A look without a lock first: an idle system writes nothing.
    this.seen ??= (await readCursor(this.db, false)).cursor;
    if (!(await eventsAfter(this.db, this.seen, TOPICS, 1)).rows.length) return false;
    const { next, more } = await this.db.transaction(async (tx) => {
      const { cursor, marks } = await readCursor(tx, true);
      const { horizon, rows } = await eventsAfter(tx, cursor, TOPICS, BATCH);
      if (rows.length) {
        const skips = marks
          ? await skipsOf(
              tx,
              rows.map((r) => r.txid),
            )
          : new Map<string, Skips>();
        await applyFold(
          tx,
          rows.map((r) => unskipped(shareOfEvent(r), skips.get(r.txid) ?? [])),
          this.zones,
          this.callsIn,
        );
      }
      const last = rows[rows.length - 1];
      // Nothing older than the horizon is left to come: the next pass starts there.
      const next: EventCursor = rows.length < BATCH ? { txid: horizon, id: 0 } : { txid: last!.txid, id: last!.id };
      await tx.query('UPDATE mon_rollup_cursor SET txid = $1::xid8, event_id = $2::bigint WHERE id = 1', [next.txid, next.id]);
      // Rebuild marks the cursor has passed for good are no longer needed.
      if (marks) await tx.query('DELETE FROM mon_fold_skips WHERE pg_snapshot_xmax(snapshot) <= $1::xid8', [next.txid]);
      return { next, more: rows.length === BATCH };
    });
    this.seen = next;
    return more;
  }
}
