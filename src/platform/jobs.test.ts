import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LeaderLoop, LOCKS, Loop } from './jobs.ts';

/** A promise to resolve or reject by hand. */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Lets every settled promise run its callbacks. */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe('Loop', () => {
  afterEach(() => vi.useRealTimers());

  it('runNow during a pass shares it: one run, both callers wait for its end', async () => {
    const gate = deferred();
    const run = vi.fn(() => gate.promise);
    const loop = new Loop({ everyMs: 1000, run, failed: () => {} });
    let done = 0;
    const a = loop.runNow().then(() => done++);
    const b = loop.runNow().then(() => done++);
    await settle();
    expect(run).toHaveBeenCalledTimes(1);
    expect(done).toBe(0);
    gate.resolve();
    await Promise.all([a, b]);
    expect(done).toBe(2);
    await loop.runNow();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('with again, a call during a pass gets one more pass after it, and waits for it', async () => {
    const gates = [deferred(), deferred()];
    let n = 0;
    const run = vi.fn(() => gates[n++]!.promise);
    const loop = new Loop({ everyMs: 1000, run, failed: () => {}, again: true });
    const first = loop.runNow();
    await settle();
    let secondDone = false;
    const second = loop.runNow().then(() => (secondDone = true));
    const third = loop.runNow();
    gates[0]!.resolve();
    await settle();
    expect(run).toHaveBeenCalledTimes(2);
    expect(secondDone).toBe(false);
    gates[1]!.resolve();
    await Promise.all([first, second, third]);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('timer passes never overlap, and a failed pass is reported and the loop goes on', async () => {
    vi.useFakeTimers();
    const failed = vi.fn();
    const gate = deferred();
    const results = [() => Promise.reject(new Error('database away')), () => gate.promise, () => Promise.resolve()];
    const run = vi.fn(() => results[run.mock.calls.length - 1]!());
    const loop = new Loop({ everyMs: 100, run, failed });
    loop.start();
    loop.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(1);
    expect(failed).toHaveBeenCalledWith(expect.objectContaining({ message: 'database away' }));
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(500); // the second pass hangs: no pass starts beside it
    expect(run).toHaveBeenCalledTimes(2);
    gate.resolve();
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(3);
    expect(failed).toHaveBeenCalledTimes(1);
    await loop.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('a run that throws at once is reported, and the next runNow runs again', async () => {
    const failed = vi.fn();
    const run = vi.fn((): Promise<void> => {
      throw new Error('at once');
    });
    const loop = new Loop({ everyMs: 1000, run, failed });
    await loop.runNow();
    await loop.runNow();
    expect(run).toHaveBeenCalledTimes(2);
    expect(failed).toHaveBeenCalledTimes(2);
  });

  it('busy while a pass is in flight; a loop with no period runs by runNow only', async () => {
    const gate = deferred();
    const loop = new Loop({ run: () => gate.promise, failed: () => {} });
    expect(() => loop.start()).toThrow(/no period/);
    expect(loop.busy).toBe(false);
    const pass = loop.runNow();
    expect(loop.busy).toBe(true);
    gate.resolve();
    await pass;
    expect(loop.busy).toBe(false);
  });

  it('with rethrow, callers of runNow see a failed pass (reported once); the timer passes do not reject', async () => {
    vi.useFakeTimers();
    const failed = vi.fn();
    const gate = deferred();
    const run = vi.fn(() => gate.promise);
    const loop = new Loop({ everyMs: 100, run, failed, rethrow: true, again: true });
    loop.start();
    await vi.advanceTimersByTimeAsync(100);
    const a = loop.runNow();
    const b = loop.runNow();
    gate.reject(new Error('fold failed'));
    await expect(a).rejects.toThrow('fold failed');
    await expect(b).rejects.toThrow('fold failed');
    expect(run).toHaveBeenCalledTimes(1);
    expect(failed).toHaveBeenCalledTimes(1);
    run.mockImplementation(() => Promise.reject(new Error('again')));
    await vi.advanceTimersByTimeAsync(100); // an unhandled rejection here would fail the test
    expect(failed).toHaveBeenCalledTimes(2);
    run.mockImplementation(() => Promise.resolve());
    await expect(loop.runNow()).resolves.toBeUndefined();
    await loop.stop();
  });

  it('stop waits for the pass in flight', async () => {
    const gate = deferred();
    const loop = new Loop({ everyMs: 1000, run: () => gate.promise, failed: () => {} });
    loop.start();
    void loop.runNow();
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(stopped).toBe(true);
  });
});

/** A database whose lock the test grants or fails; `order` records when it is let go. */
function lockDb() {
  const lock = deferred<() => Promise<void>>();
  const order: string[] = [];
  const release = vi.fn(async () => void order.push('release'));
  const db = { holdLock: vi.fn(() => lock.promise) };
  return { db, grant: () => lock.resolve(release), fail: (e: unknown) => lock.reject(e), release, order };
}

describe('LeaderLoop', () => {
  afterEach(() => vi.useRealTimers());

  it('runs only once it holds its lock, and lets go of it on stop', async () => {
    vi.useFakeTimers();
    const { db, grant, release } = lockDb();
    const run = vi.fn(async () => {});
    const leader = new LeaderLoop({ db, lock: 'alerts', everyMs: 100, run, failed: () => {}, noLock: () => {} });
    const started = leader.start();
    await vi.advanceTimersByTimeAsync(500);
    expect(db.holdLock).toHaveBeenCalledWith(LOCKS.alerts);
    expect(run).not.toHaveBeenCalled();
    expect(leader.leading).toBe(false);
    grant();
    await started;
    expect(leader.leading).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(run).toHaveBeenCalledTimes(3);
    await leader.stop();
    expect(release).toHaveBeenCalledTimes(1);
    expect(leader.leading).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('stopped while waiting: the lock is let go as soon as it comes, and nothing runs', async () => {
    const { db, grant, release } = lockDb();
    const run = vi.fn(async () => {});
    const leader = new LeaderLoop({ db, lock: 'alerts', everyMs: 10, run, failed: () => {}, noLock: () => {} });
    const started = leader.start();
    await leader.stop();
    grant();
    await started;
    expect(release).toHaveBeenCalledTimes(1);
    expect(leader.leading).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });

  it('a lock that cannot be taken is reported (unless stopped meanwhile)', async () => {
    const a = lockDb();
    const noLock = vi.fn();
    const leader = new LeaderLoop({ db: a.db, lock: 'acd', everyMs: 10, run: async () => {}, failed: () => {}, noLock });
    const started = leader.start();
    a.fail(new Error('connection lost'));
    await started;
    expect(noLock).toHaveBeenCalledWith(expect.objectContaining({ message: 'connection lost' }));

    const b = lockDb();
    const quiet = vi.fn();
    const stoppedFirst = new LeaderLoop({ db: b.db, lock: 'acd', everyMs: 10, run: async () => {}, failed: () => {}, noLock: quiet });
    const waiting = stoppedFirst.start();
    await stoppedFirst.stop();
    b.fail(new Error('closed'));
    await waiting;
    expect(quiet).not.toHaveBeenCalled();
  });
});

describe('LeaderLoop, taking the lead and leaving it', () => {
  afterEach(() => vi.useRealTimers());

  it('lead runs once the lock is held and before the first pass; leave runs after the last pass, before the lock goes', async () => {
    vi.useFakeTimers();
    const { db, grant, order } = lockDb();
    const leader: LeaderLoop = new LeaderLoop({
      db,
      lock: 'acd',
      everyMs: 1000,
      run: async () => void order.push('run'),
      failed: () => {},
      lead: async () => void order.push(`lead ${leader.leading}`),
      leave: async () => void order.push(`leave ${leader.leading}`),
    });
    const started = leader.start(100);
    grant();
    await started;
    await vi.advanceTimersByTimeAsync(200);
    await leader.stop();
    expect(order).toEqual(['lead true', 'run', 'run', 'leave true', 'release']);
  });

  it('a failed lead lets the lock go and is reported; without noLock, start rejects', async () => {
    const a = lockDb();
    const noLock = vi.fn();
    const run = vi.fn(async () => {});
    const reported = new LeaderLoop({ db: a.db, lock: 'acd', everyMs: 10, run, failed: () => {}, noLock, lead: () => Promise.reject(new Error('recovery failed')) });
    const started = reported.start();
    a.grant();
    await started;
    expect(noLock).toHaveBeenCalledWith(expect.objectContaining({ message: 'recovery failed' }));
    expect(a.release).toHaveBeenCalledTimes(1);
    expect(reported.leading).toBe(false);

    const b = lockDb();
    const rejecting = new LeaderLoop({ db: b.db, lock: 'acd', everyMs: 10, run, failed: () => {}, lead: () => Promise.reject(new Error('recovery failed')) });
    const again = rejecting.start();
    b.grant();
    await expect(again).rejects.toThrow('recovery failed');
    expect(b.release).toHaveBeenCalledTimes(1);

    const c = lockDb();
    const noLockAtAll = new LeaderLoop({ db: c.db, lock: 'acd', everyMs: 10, run, failed: () => {} });
    const waiting = noLockAtAll.start();
    c.fail(new Error('connection lost'));
    await expect(waiting).rejects.toThrow('connection lost');
    expect(run).not.toHaveBeenCalled();
  });

  it('stopped while it takes the lead: the lock goes, and no pass ever runs', async () => {
    vi.useFakeTimers();
    const { db, grant, release } = lockDb();
    const leading = deferred();
    const run = vi.fn(async () => {});
    const leader = new LeaderLoop({ db, lock: 'acd', everyMs: 10, run, failed: () => {}, lead: () => leading.promise });
    const started = leader.start();
    grant();
    await vi.advanceTimersByTimeAsync(0);
    await leader.stop();
    expect(release).toHaveBeenCalledTimes(1);
    leading.resolve();
    await started;
    await vi.advanceTimersByTimeAsync(100);
    expect(run).not.toHaveBeenCalled();
    expect(leader.leading).toBe(false);
  });
});

describe('LOCKS', () => {
  it('gives every role its own key, and no source file spells a key out', () => {
    const keys = Object.values(LOCKS);
    expect(new Set(keys).size).toBe(keys.length);
    const src = path.resolve(import.meta.dirname, '..');
    const files = fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== path.join('platform', 'jobs.ts'));
    const spelled = files.filter((f) => keys.some((k) => new RegExp(`\\b${k.toLocaleString('en').replace(/,/g, '_?')}\\b`).test(fs.readFileSync(path.join(src, f), 'utf8'))));
    expect(spelled).toEqual([]);
  });
});
