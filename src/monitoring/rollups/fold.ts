// The rollups follow the contact centre after its commits, not inside them. Each contact-centre
// transaction writes what it changes in the rollups (a merged delta, operators' time slices) to the
// outbox as one `mon.fold` event; this folder adds those up, in commit-safe order, many
// transactions per statement, and moves its cursor in the same transaction. So a call's write
// touches no shared counter row (no waiting on each other at load), every change is counted exactly
// once (cursor and rows commit together), and a crash loses nothing (the events are durable).
import type { Db, Queryable } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import type { TimeSlice } from './agent-time.ts';
import { dailyParts, recomputeDailyMax, type RegionZones } from './daily.ts';
import type { Delta } from './delta.ts';
import { addAgentTime, merge, recomputeMax, rollupsPart, runParts, topicsPart } from './store.ts';
import type { CallRecord } from '../../contact-center/index.ts';

export const FOLD_TOPIC = 'mon.fold';

export type CallsIn = (tx: Queryable, regions: string[], from: Date, to: Date) => Promise<CallRecord[]>;

/** One transaction's share of the rollups. */
export interface FoldPayload {
  delta?: Delta;
  agentTime?: TimeSlice[];
}

interface FoldRow {
  id: string;
  txid: string;
  payload: FoldPayload;
  /** Spans a rebuild already counted this transaction in ([from, to) as epoch ms). */
  skip: { from: number; to: number }[];
}

/** Events per folding transaction: large enough to merge well, small enough to stay short. */
const BATCH = 2000;
/**
 * Folding also happens whenever someone reads the rollups; this only keeps the backlog short. A
 * pass costs about the same for 10 calls as for 40, and on the embedded database (one thread) a
 * call that comes in during a pass waits for it: every 500 ms, passes were behind half of the
 * calls routed slower than 8 ms at 20 calls/s; every 2 s, none.
 */
const POLL_MS = 2000;

const inSkip = (t: number, skip: FoldRow['skip']) => skip.some((s) => t >= s.from && t < s.to);

/** The payload without what a rebuild already counted. */
function unskipped(p: FoldPayload, skip: FoldRow['skip']): FoldPayload {
  if (!skip.length) return p;
  return {
    delta: p.delta && { rows: p.delta.rows.filter((r) => !inSkip(r.key.interval, skip)), topics: p.delta.topics.filter((t) => !inSkip(t.interval, skip)) },
    agentTime: p.agentTime?.filter((s) => !inSkip(s.interval, skip)),
  };
}

/** Reads committed fold events after the cursor (locked: one folder at a time, rebuilds wait). */
async function pending(tx: Queryable, limit: number): Promise<{ horizon: string; rows: FoldRow[] }> {
  const cursor = await tx.query<{ txid: string; event_id: string }>('SELECT txid::text, event_id::text FROM mon_fold_cursor WHERE id = 1 FOR UPDATE');
  const at = cursor.rows[0]!;
  const r = await tx.query<{ horizon: string; id: string | null; txid: string | null; payload: FoldPayload | null; skip: FoldRow['skip'] | null }>(
    `WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
     SELECT s.xmin::text AS horizon, e.id::text, e.txid::text, e.payload,
            (SELECT json_agg(json_build_object('from', k.from_ms, 'to', k.to_ms)) FROM mon_fold_skips k WHERE pg_visible_in_snapshot(e.txid, k.snapshot)) AS skip
       FROM s LEFT JOIN LATERAL (
         SELECT id, txid, payload FROM events
          WHERE (txid, id) > ($1::xid8, $2::bigint) AND txid < s.xmin AND topic = '${FOLD_TOPIC}'
          ORDER BY txid, id LIMIT $3
       ) e ON true`,
    [at.txid, at.event_id, limit],
  );
  const horizon = r.rows[0]!.horizon;
  const rows = r.rows.filter((x) => x.id !== null).map((x) => ({ id: x.id!, txid: x.txid!, payload: x.payload!, skip: x.skip ?? [] }));
  return { horizon, rows };
}

/** Adds one batch of transactions' shares to the rollups, exactly as each transaction would have. */
export async function applyFold(tx: Queryable, payloads: FoldPayload[], zones: RegionZones, callsIn: CallsIn): Promise<void> {
  const d = merge(payloads.flatMap((p) => (p.delta ? [p.delta] : [])));
  const daily = await dailyParts(tx, d, zones);
  await runParts(tx, [rollupsPart(d), topicsPart(d), ...daily.parts]);
  const stale = d.rows.filter((r) => r.recomputeMax).map((r) => r.key);
  if (stale.length) await recomputeMax(tx, stale, (regions, from, to) => callsIn(tx, regions, from, to));
  await recomputeDailyMax(tx, daily.recompute);
  await addAgentTime(tx, payloads.flatMap((p) => p.agentTime ?? []));
}

export class RollupFolder {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly zones: RegionZones,
    private readonly callsIn: () => CallsIn,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.catchUp().catch(() => {}), POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }

  /**
   * Folds everything committed so far; concurrent callers share the pass. Readers of the rollups
   * call this first, so that what a node wrote is what it reads.
   */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (await this.pass());
        } while (this.again);
      } catch (err) {
        this.log.error({ err }, 'rollups: folding failed; will retry');
        throw err;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** One batch in one transaction; true when more may be waiting. */
  private async pass(): Promise<boolean> {
    // A look without a lock first: an idle system writes nothing.
    const any = await this.db.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM events e, mon_fold_cursor c WHERE c.id = 1 AND (e.txid, e.id) > (c.txid, c.event_id) AND e.topic = '${FOLD_TOPIC}') AS any`,
    );
    if (!any.rows[0]!.any) return false;
    return this.db.transaction(async (tx) => {
      const { horizon, rows } = await pending(tx, BATCH);
      if (rows.length) await applyFold(tx, rows.map((r) => unskipped(r.payload, r.skip)), this.zones, this.callsIn());
      const last = rows[rows.length - 1];
      // Nothing older than the horizon is left to come: the next pass starts there.
      const next = rows.length < BATCH ? { txid: horizon, id: '0' } : { txid: last!.txid, id: last!.id };
      await tx.query('UPDATE mon_fold_cursor SET txid = $1::xid8, event_id = $2::bigint WHERE id = 1', [next.txid, next.id]);
      // Rebuild marks the cursor has passed for good are no longer needed.
      await tx.query('DELETE FROM mon_fold_skips WHERE pg_snapshot_xmax(snapshot) <= $1::xid8', [next.txid]);
      return rows.length === BATCH;
    });
  }
}
