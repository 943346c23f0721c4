// Domain events after commit. Writers call publish() inside their transaction; every app node
// drains committed events from the outbox and hands them, in order, to its in-process subscribers
// (search index, live feeds, rollups). A NOTIFY at commit wakes the nodes at once; a periodic
// drain catches anything a lost connection missed. Subscribers must be idempotent.
//
// Topics are typed: each module declares its own in its events.ts as a map from topic to payload
// ({ 'kb.answer.published': AnswerPublished; … }) and publishes through topicsOf<ThatMap>(); the
// composition root builds one EventBus over the union of the maps, and each module subscribes
// through a Subscriber of the topics it hears.
import type { Db, Queryable } from '../db/database.ts';
import { Loop } from '../jobs.ts';
import type { Logger } from '../logger.ts';
import { CHANNEL, currentHorizon, deleteEventsBefore, eventsAfterId, eventsSince, insertEvent, insertEvents } from './outbox.ts';

/** The topics of a map (a module's `{ topic: payload }`). */
export type Topic<M> = Extract<keyof M, string>;

export interface DomainEvent<K extends string = string, P = unknown> {
  id: number;
  topic: K;
  payload: P;
  at: Date;
}

/** An event of one of the topics K of map M: a union a handler narrows by `topic`. */
export type EventOf<M, K extends Topic<M> = Topic<M>> = { [T in K]: DomainEvent<T, M[T]> }[K];

declare const checked: unique symbol;
/** An event for the outbox, made by its module's topicsOf().event(): topic and payload agree. */
export interface OutboxEvent {
  readonly topic: string;
  readonly payload: unknown;
  readonly [checked]: true;
}

/** How a module writes and reads back the topics of its map M. */
export function topicsOf<M extends object>() {
  return {
    /** Writes an event in the caller's transaction. */
    publish: <K extends Topic<M>>(tx: Queryable, topic: K, payload: M[K]): Promise<void> => insertEvent(tx, topic, payload),
    /** An event to write with others (publishMany). */
    event: <K extends Topic<M>>(topic: K, payload: M[K]): OutboxEvent => ({ topic, payload }) as unknown as OutboxEvent,
    /** Committed events of some topics after an id, for clients resuming a stream (Last-Event-ID). */
    after: async <K extends Topic<M>>(db: Queryable, afterId: number, topics: readonly K[], limit: number): Promise<EventOf<M, K>[]> =>
      (await eventsAfterId(db, afterId, topics, limit)).map((r) => ({ id: r.id, topic: r.topic, payload: r.payload, at: r.created_at }) as EventOf<M, K>),
  };
}

/** Several events of one transaction, written at once. */
export function publishMany(tx: Queryable, events: readonly OutboxEvent[]): Promise<void> {
  return insertEvents(tx, events);
}

/**
 * When a subscriber runs, among the subscribers of one event: every 'index' subscriber (what a node
 * keeps in memory: search index, catalogs, caches) before any 'notify' one (live feeds to clients),
 * so a client told of a change finds it when it asks. In registration order within a phase.
 */
export type Phase = 'index' | 'notify';
const PHASES: readonly Phase[] = ['index', 'notify'];

/** The part of the bus a module subscribes through, typed by the topics M it hears. */
export interface Subscriber<M> {
  subscribe<K extends Topic<M>>(topics: K | readonly K[], handler: (event: EventOf<M, K>) => void | Promise<void>, phase?: Phase): () => void;
}

type Entry = { topics: ReadonlySet<string>; handler: (event: DomainEvent) => void | Promise<void>; phase: Phase };

const BATCH = 500;

export class EventBus<M extends object> implements Subscriber<M> {
  private readonly handlers: Entry[] = [];
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

  /** Subscribes to one topic or a list of topics, in a phase ('index' unless told). */
  subscribe<K extends Topic<M>>(topics: K | readonly K[], handler: (event: EventOf<M, K>) => void | Promise<void>, phase: Phase = 'index'): () => void {
    const entry: Entry = { topics: new Set(typeof topics === 'string' ? [topics] : topics), handler: handler as Entry['handler'], phase };
    // Kept sorted by phase (stable): delivery walks the list once.
    const at = this.handlers.findIndex((h) => PHASES.indexOf(h.phase) > PHASES.indexOf(phase));
    this.handlers.splice(at < 0 ? this.handlers.length : at, 0, entry);
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
    for (const { topics, handler } of this.handlers) {
      if (!topics.has(event.topic)) continue;
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
