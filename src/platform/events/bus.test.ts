import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onPostgres, testDatabase } from '../../../test/support/database.ts';
import type { Db } from '../db/database.ts';
import { createLogger } from '../logger.ts';
import { EventBus, publishMany, topicsOf } from './bus.ts';

// The test's own topics, as a module declares its map in its events.ts.
type TestTopics = {
  'kb.answer.published': { n: number };
  'kb.answer.changed': { n: number };
  'kb.answer.archived': { slug: string };
  'calls.call.offered': { n: number };
  't.slow': object;
  't.fast': object;
  'Not A Topic': object;
};
const topics = topicsOf<TestTopics>();
const publish = topics.publish;
const KB = ['kb.answer.published', 'kb.answer.changed', 'kb.answer.archived'] as const;

const silent = createLogger({ level: 'silent', format: 'json' });

function waitFor(predicate: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => (predicate() ? resolve() : Date.now() > deadline ? reject(new Error('timed out')) : setTimeout(tick, 10));
    tick();
  });
}

describe('event bus', () => {
  let db: Db;
  const buses: EventBus<TestTopics>[] = [];
  const bus = async (pollMs = 60_000) => {
    const b = new EventBus<TestTopics>(db, silent, pollMs);
    buses.push(b);
    await b.start();
    return b;
  };
  beforeEach(async () => {
    db = await testDatabase();
  });
  afterEach(async () => {
    for (const b of buses.splice(0)) await b.stop();
    await db.close();
  });

  it('delivers committed events once, in order, to subscribers of their topic; never rolled-back ones', async () => {
    const b = await bus();
    const seen: string[] = [];
    b.subscribe(['kb.answer.published', 'kb.answer.changed'], (e) => void seen.push(`${e.topic}:${e.payload.n}`));
    const other: string[] = [];
    b.subscribe('calls.call.offered', (e) => void other.push(e.topic));
    await db.transaction(async (tx) => {
      await publish(tx, 'kb.answer.published', { n: 1 });
      await publish(tx, 'kb.answer.changed', { n: 2 });
    });
    await db.transaction(async (tx) => publish(tx, 'calls.call.offered', { n: 3 }));
    await expect(
      db.transaction(async (tx) => {
        await publish(tx, 'kb.answer.published', { n: 99 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await b.drain();
    await b.drain();
    expect(seen).toEqual(['kb.answer.published:1', 'kb.answer.changed:2']);
    expect(other).toEqual(['calls.call.offered']);
  });

  it('wakes at commit through NOTIFY, without waiting for the periodic drain', async () => {
    const b = await bus(60_000);
    const seen: number[] = [];
    b.subscribe(KB, (e) => void seen.push(e.id));
    await db.transaction(async (tx) => publish(tx, 'kb.answer.published', { n: 1 }));
    await waitFor(() => seen.length === 1, 2000);
  });

  it('every node gets every event, and a failing subscriber does not stop the others', async () => {
    const one = await bus();
    const two = await bus();
    const got = { one: 0, two: 0 };
    one.subscribe(KB, () => {
      throw new Error('subscriber bug');
    });
    one.subscribe(KB, () => void got.one++);
    two.subscribe(KB, () => void got.two++);
    await db.transaction(async (tx) => publish(tx, 'kb.answer.archived', { slug: 'x' }));
    await waitFor(() => got.one === 1 && got.two === 1);
  });

  it('does not replay events from before it started', async () => {
    await db.transaction(async (tx) => publish(tx, 'kb.answer.published', { n: 1 }));
    const b = await bus();
    const seen: unknown[] = [];
    b.subscribe('kb.answer.published', (e) => void seen.push(e.payload));
    await db.transaction(async (tx) => publish(tx, 'kb.answer.published', { n: 2 }));
    await b.drain();
    expect(seen).toEqual([{ n: 2 }]);
  });

  it('rejects malformed topics', async () => {
    await expect(db.transaction(async (tx) => publish(tx, 'Not A Topic', {}))).rejects.toThrow();
  });

  it("runs every 'index' subscriber of an event before any 'notify' one, whatever the order they came in", async () => {
    const b = await bus();
    const order: string[] = [];
    b.subscribe('kb.answer.published', () => void order.push('feed'), 'notify');
    b.subscribe('kb.answer.published', async () => {
      await new Promise((r) => setTimeout(r, 30)); // a slow index still comes first
      order.push('search index');
    });
    b.subscribe('kb.answer.published', () => void order.push('catalog'), 'index');
    b.subscribe('kb.answer.published', () => void order.push('wallboard'), 'notify');
    await db.transaction(async (tx) => publish(tx, 'kb.answer.published', { n: 1 }));
    await b.drain();
    expect(order).toEqual(['search index', 'catalog', 'feed', 'wallboard']);
  });

  it('hands a subscriber of several topics each event with its own payload; unsubscribing stops it', async () => {
    const b = await bus();
    const seen: string[] = [];
    const stop = b.subscribe(KB, (e) => {
      // the handler narrows by topic: no cast
      if (e.topic === 'kb.answer.archived') seen.push(`archived ${e.payload.slug}`);
      else seen.push(`${e.topic} ${e.payload.n}`);
    });
    await db.transaction(async (tx) => {
      await publish(tx, 'kb.answer.published', { n: 1 });
      await publishMany(tx, [topics.event('kb.answer.archived', { slug: 'a' }), topics.event('calls.call.offered', { n: 2 })]);
    });
    await b.drain();
    stop();
    await db.transaction(async (tx) => publish(tx, 'kb.answer.changed', { n: 3 }));
    await b.drain();
    expect(seen).toEqual(['kb.answer.published 1', 'archived a']);
  });

  it('reads back the events of some topics after an id, in order (a client resuming its stream)', async () => {
    await db.transaction(async (tx) => publish(tx, 'kb.answer.published', { n: 1 }));
    const [first] = await topics.after(db, 0, ['kb.answer.published'], 10);
    await db.transaction(async (tx) => {
      await publish(tx, 'kb.answer.archived', { slug: 'b' });
      await publish(tx, 'calls.call.offered', { n: 2 });
      await publish(tx, 'kb.answer.published', { n: 3 });
    });
    const after = await topics.after(db, first!.id, ['kb.answer.published', 'kb.answer.archived'], 10);
    expect(after.map((e) => [e.topic, e.payload])).toEqual([
      ['kb.answer.archived', { slug: 'b' }],
      ['kb.answer.published', { n: 3 }],
    ]);
    expect(after[0]!.at).toBeInstanceOf(Date);
  });

  it('takes only the topics of its map, each with its own payload (checked by the compiler)', async () => {
    const b = await bus();
    const wrong = async () => {
      // @ts-expect-error a topic not in the map
      b.subscribe('kb.answer.unknown', () => {});
      // @ts-expect-error a topic not in the map
      await db.transaction(async (tx) => publish(tx, 'kb.answer.unknown', { n: 1 }));
      // @ts-expect-error the payload of another topic
      await db.transaction(async (tx) => publish(tx, 'kb.answer.archived', { n: 1 }));
      // @ts-expect-error the payload of another topic
      topics.event('calls.call.offered', { slug: 'x' });
      // @ts-expect-error the handler gets its topic's payload
      b.subscribe('kb.answer.archived', (e) => e.payload.n);
      // @ts-expect-error a plain object is not an event for the outbox: it comes from its module's map
      await db.transaction(async (tx) => publishMany(tx, [{ topic: 'kb.answer.published', payload: { n: 1 } }]));
    };
    expect(typeof wrong).toBe('function');
  });

  it.runIf(onPostgres)('never skips the event of a slow transaction that commits after a faster one', async () => {
    const b = await bus();
    const seen: string[] = [];
    b.subscribe(['t.slow', 't.fast'], (e) => void seen.push(e.topic));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = db.transaction(async (tx) => {
      await publish(tx, 't.slow', {});
      await gate;
    });
    await new Promise((r) => setTimeout(r, 50));
    await db.transaction(async (tx) => publish(tx, 't.fast', {}));
    await b.drain();
    expect(seen).toEqual([]); // the fast one waits: an older transaction is still open
    release();
    await slow;
    await b.drain();
    expect(seen).toEqual(['t.slow', 't.fast']);
  });
});
