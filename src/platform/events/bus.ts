// Domain events after commit. Writers call publish() inside their transaction; every app node
// drains committed events from the outbox and hands them, in order, to its in-process subscribers
// (search index, live feeds, rollups). A NOTIFY at commit wakes the nodes at once; a periodic
// drain catches anything a lost connection missed. Subscribers must be idempotent.
import type { Db, Queryable } from '../db/database.ts';
import { Loop } from '../jobs.ts';
import type { Logger } from '../logger.ts';
import { CHANNEL, currentHorizon, deleteEventsBefore, eventsSince, insertEvent, insertEvents } from './outbox.ts';

export interface DomainEvent<T = unknown> {
  id: number;
  topic: string;
  payload: T;
  at: Date;
}

type Handler = (event: DomainEvent) => void | Promise<void>;

export function publish(tx: Queryable, topic: string, payload: unknown): Promise<void> {
  return insertEvent(tx, topic, payload);
}

export type OutboxEvent = { topic: string; payload: unknown };

/** Several events of one transaction, written at once. */
export function publishMany(tx: Queryable, events: OutboxEvent[]): Promise<void> {
  return insertEvents(tx, events);
}

const BATCH = 500;

export class EventBus {
  private readonly handlers: { prefix: string; handler: Handler }[] = [];
  private after = { txid: '0', id: 0 };
  private readonly delivery: Loop;
  private unlisten: (() => Promise<void>) | undefined;
  private started = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    pollMs = 1000,
  ) {
    // A drain asked for during a pass gets one more: the event that asked may have come after the pass looked.
    this.delivery = new Loop({ everyMs: pollMs, again: true, run: () => this.pass(), failed: (err) => this.log.error({ err }, 'event delivery failed; will retry') });
  }

  /** Subscribes to topics starting with prefix (e.g. "kb." or "kb.answer.published"). */
  subscribe(prefix: string, handler: Handler): () => void {
    const entry = { prefix, handler };
    this.handlers.push(entry);
    return () => {
      const i = this.handlers.indexOf(entry);
      if (i >= 0) this.handlers.splice(i, 1);
    };
  }

  /** Starts delivering events committed from now on. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.after = { txid: await currentHorizon(this.db), id: 0 };
    this.unlisten = await this.db.listen(CHANNEL, () => void this.drain());
    this.delivery.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.unlisten?.();
    await this.delivery.stop();
  }

  /** Delivers every event committed so far; concurrent calls share one pass. Resolves when done. */
  drain(): Promise<void> {
    if (!this.started) return Promise.resolve();
    return this.delivery.runNow();
  }

  private async pass(): Promise<void> {
    for (;;) {
      const { horizon, rows } = await eventsSince(this.db, this.after, BATCH);
      for (const row of rows) {
        await this.deliver({ id: row.id, topic: row.topic, payload: row.payload, at: row.created_at });
        this.after = { txid: row.txid, id: row.id };
      }
      if (rows.length < BATCH) {
        // Nothing older than the horizon is left to come: start the next pass there.
        if (BigInt(horizon) > BigInt(this.after.txid)) this.after = { txid: horizon, id: 0 };
        return;
      }
    }
  }

  private async deliver(event: DomainEvent): Promise<void> {
    for (const { prefix, handler } of this.handlers) {
      if (!event.topic.startsWith(prefix)) continue;
      try {
        await handler(event);
      } catch (err) {
        this.log.error({ err, topic: event.topic, eventId: event.id }, 'event subscriber failed');
      }
    }
  }

  /** Removes events older than the given number of days (they are history, not state). */
  prune(days: number): Promise<number> {
    return deleteEventsBefore(this.db, new Date(Date.now() - days * 86400_000));
  }
}
