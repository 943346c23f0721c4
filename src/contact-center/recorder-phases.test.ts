// The recorder's stream, phase by phase: a batch is admitted, then committed or aborted; the ACD's
// decisions come first as decided; a change made outside a batch is told as admitted and committed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../platform/db/database.ts';
import { testDatabase } from '../../test/support/database.ts';
import { CallEventsRecorder, type Decision, type RecorderEvent } from './call-events.ts';
import type { CallEvent } from './call-fold.ts';
import { Queues } from './queues.ts';

/** Fails the write of any batch that carries this call. */
function failingWrites(db: Db, callId: string): Db {
  const guard = (q: Queryable): Queryable => ({
    ...q,
    query: (text, params) => (/cc_write_batch/.test(text) && JSON.stringify(params).includes(callId) ? Promise.reject(new Error('the disk is full')) : q.query(text, params)),
  });
  return { ...db, transaction: (fn, options) => db.transaction((tx) => fn(guard(tx)), options) };
}

const ev = (callId: string, type: CallEvent['type'], data: Record<string, unknown> = {}): CallEvent => ({ id: randomUUID(), callId, type, at: new Date(), data, source: 'api' });
const decision = (callId: string): Decision => ({ id: randomUUID(), type: 'hangup', callId, region: '77', queueRegion: '77', at: new Date().toISOString() });

describe("the recorder's phases", () => {
  let db: Db;
  let recorder: CallEventsRecorder;
  let heard: RecorderEvent[] = [];
  const phases = () => heard.map((e) => e.phase);
  beforeAll(async () => {
    db = await testDatabase();
    const queues = new Queues(db);
    await queues.ensureDefaults(['77']);
    recorder = new CallEventsRecorder(failingWrites(db, 'call-doomed'), queues);
    recorder.on((e) => heard.push(e));
  });
  afterAll(() => db.close());

  it('tells a batch as admitted (before it is written), then committed with its decisions', async () => {
    heard = [];
    const d = decision('call-a');
    await recorder.record([ev('call-a', 'offered', { region: '77' })], { decisions: [d] });
    expect(phases()).toEqual(['admitted', 'committed']);
    expect(heard[0]).toMatchObject({ changed: { calls: [{ callId: 'call-a', state: 'ivr' }] } });
    expect(heard[1]).toMatchObject({ changed: { calls: [{ callId: 'call-a' }] }, decisions: [d], told: false });
  });

  it('a batch that fails after it was admitted is aborted, never committed', async () => {
    heard = [];
    await expect(recorder.record([ev('call-doomed', 'offered', { region: '77' })])).rejects.toThrow('the disk is full');
    expect(phases()).toEqual(['admitted', 'aborted']);
  });

  it('a batch that changes nothing is not told; its decisions for calls it did not carry are committed', async () => {
    heard = [];
    const known = ev('call-b', 'offered', { region: '77' });
    await recorder.record([known]);
    heard = [];
    await recorder.record([{ ...known }]);
    expect(phases()).toEqual([]);
    const stop = decision('call-elsewhere');
    await recorder.record([], { decisions: [stop] });
    expect(heard).toEqual([{ phase: 'committed', changed: { calls: [], agents: [] }, decisions: [stop], told: false }]);
  });

  it("the ACD's decisions: decided first, then committed with told", async () => {
    heard = [];
    const d = decision('call-c');
    recorder.decided([d]);
    recorder.decided([]);
    await recorder.record([ev('call-c', 'offered', { region: '77' })], { decisions: [d], told: true });
    expect(phases()).toEqual(['decided', 'admitted', 'committed']);
    expect(heard[2]).toMatchObject({ decisions: [d], told: true });
  });

  it('a change committed outside a batch is told as admitted and committed at once; a listener can stop hearing', async () => {
    heard = [];
    const mine: RecorderEvent[] = [];
    const stop = recorder.on((e) => mine.push(e));
    const changed = { calls: [], agents: [{ userId: 1, region: '77', state: 'ready' }] };
    recorder.announce(changed);
    expect(heard).toEqual([
      { phase: 'admitted', changed },
      { phase: 'committed', changed, decisions: [], told: false },
    ]);
    stop();
    recorder.announce(changed);
    expect(mine).toHaveLength(2);
  });
});
