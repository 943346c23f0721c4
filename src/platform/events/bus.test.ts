import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onPostgres, testDatabase } from '../../../test/support/database.ts';
import type { Db } from '../db/database.ts';
import { createLogger } from '../logger.ts';
import { EventBus, publish, type DomainEvent } from './bus.ts';

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
  const buses: EventBus[] = [];
  const bus = async (pollMs = 60_000) => {
    const b = new EventBus(db, silent, pollMs);
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
    b.subscribe('kb.', (e: DomainEvent) => void seen.push(`${e.topic}:${(e.payload as { n: number }).n}`));
    const other: string[] = [];
    b.subscribe('calls.', (e) => void other.push(e.topic));
    await db.transaction(async (tx) => {
      await publish(tx, 'kb.answer.published', { n: 1 });
      await publish(tx, 'kb.answer.changed', { n: 2 });
    });
    await db.transaction(async (tx) => publish(tx, 'calls.call.offered', { n: 3 }));
    await expect(db.transaction(async (tx) => {
      await publish(tx, 'kb.answer.published', { n: 99 });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await b.drain();
    await b.drain();
    expect(seen).toEqual(['kb.answer.published:1', 'kb.answer.changed:2']);
    expect(other).toEqual(['calls.call.offered']);
  });

  it('wakes at commit through NOTIFY, without waiting for the periodic drain', async () => {
    const b = await bus(60_000);
    const seen: number[] = [];
    b.subscribe('kb.', (e) => void seen.push(e.id));
    await db.transaction(async (tx) => publish(tx, 'kb.answer.published', {}));
    await waitFor(() => seen.length === 1, 2000);
  });

  it('every node gets every event, and a failing subscriber does not stop the others', async () => {
    const one = await bus();
    const two = await bus();
    const got = { one: 0, two: 0 };
    one.subscribe('kb.', () => {
      throw new Error('subscriber bug');
    });
    one.subscribe('kb.', () => void got.one++);
    two.subscribe('kb.', () => void got.two++);
    await db.transaction(async (tx) => publish(tx, 'kb.answer.archived', {}));
    await waitFor(() => got.one === 1 && got.two === 1);
  });

  it('does not replay events from before it started', async () => {
    await db.transaction(async (tx) => publish(tx, 'kb.answer.published', { old: true }));
    const b = await bus();
    const seen: unknown[] = [];
    b.subscribe('kb.', (e) => void seen.push(e.payload));
    await db.transaction(async (tx) => publish(tx, 'kb.answer.published', { old: false }));
    await b.drain();
    expect(seen).toEqual([{ old: false }]);
  });

  it('rejects malformed topics', async () => {
    await expect(db.transaction(async (tx) => publish(tx, 'Not A Topic', {}))).rejects.toThrow();
  });

  it.runIf(onPostgres)('never skips the event of a slow transaction that commits after a faster one', async () => {
    const b = await bus();
    const seen: string[] = [];
    b.subscribe('t.', (e) => void seen.push(e.topic));
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
