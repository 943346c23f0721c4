// The ACD's leader shell: one node leads, another takes over when it stops; a tick that fails is
// logged and the ticks go on.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { Directory } from '../../platform/auth/directory.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import { Acd } from './acd.ts';

/** A lock of this test's own (both engines alike): the next holder gets it when the last lets go. */
function oneLock(): Db['holdLock'] {
  let tail = Promise.resolve();
  return async () => {
    const before = tail;
    let free!: () => void;
    tail = new Promise((r) => (free = r));
    await before;
    return async () => free();
  };
}

function quietLog() {
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
  return Object.assign(log, { child: () => log }) as unknown as Logger & typeof log;
}

describe('ACD leader', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
  });
  afterAll(() => app.close());

  function node(db: Db, log = quietLog()) {
    return { acd: new Acd(db, log, app.services.cc.recorder, app.services.cc.queues, new Directory(db)), log };
  }

  it('another node waits for the lock and takes over when the leader stops', async () => {
    const db = { ...app.db, holdLock: oneLock() };
    const a = node(db);
    const b = node(db);
    await a.acd.start();
    expect(a.acd.isLeader).toBe(true);
    let bStarted = false;
    const waiting = b.acd.start().then(() => (bStarted = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(bStarted).toBe(false);
    expect(b.acd.isLeader).toBe(false);
    await a.acd.stop();
    await waiting;
    expect(a.acd.isLeader).toBe(false);
    expect(b.acd.isLeader).toBe(true);
    expect(b.log.info).toHaveBeenCalledWith('acd: leading');
    await b.acd.stop();
    expect(b.acd.isLeader).toBe(false);
  });

  it('a tick that fails is logged, and the next tick runs again', async () => {
    let failing = false;
    const db: Db = {
      ...app.db,
      holdLock: oneLock(),
      query: (text, params) => (failing ? Promise.reject(new Error('database away')) : app.db.query(text, params)),
    };
    const { acd, log } = node(db);
    await acd.start(20);
    failing = true;
    // memory is read again on the next tick (as after a batch that did not commit), and that read fails
    acd.onAborted();
    await vi.waitFor(() => expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ err: expect.objectContaining({ message: 'database away' }) }), 'acd tick failed'));
    const calls = log.error.mock.calls.length;
    await vi.waitFor(() => expect(log.error.mock.calls.length).toBeGreaterThan(calls));
    failing = false;
    await acd.stop();
  });
});
