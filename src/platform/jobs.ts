// Background work of a node: periodic tasks whose passes never overlap (Loop), tasks that only the
// node holding a named database lock runs (LeaderLoop), and the table of those locks.
import type { Db } from './db/database.ts';

/**
 * The advisory lock keys of the database, one per role. A key is a constant that every node and
 * every version must agree on: never change or reuse one.
 */
export const LOCKS = {
  /** One process applies migrations at a time (a transaction lock: platform/db/migrate.ts). */
  migrations: 7_122_001,
  /** The node that routes calls (contact-center/acd). */
  acd: 7_122_003,
  /** The node that evaluates alerts and delivers webhooks (monitoring/service.ts). */
  alerts: 7_122_005,
  /** The node that sends e-mail notices to appellants (appeals/mail-sender.ts). */
  appealMail: 7_122_007,
} as const;

export type LockName = keyof typeof LOCKS;

export interface LoopOptions {
  /** Time between the passes the timer starts (a loop only ever run by runNow() needs none). */
  everyMs?: number;
  /** One pass. */
  run: () => Promise<void>;
  /** A pass failed: say so. The loop goes on; the next pass is the retry. */
  failed: (err: unknown) => void;
  /**
   * True: runNow() also rejects with a failed pass's error, for callers that must not go on as if
   * it had run (readers of what the pass brings up to date). The timer's passes never reject.
   */
  rethrow?: boolean;
  /**
   * When runNow() is called during a pass: true asks for one more pass after it, which the caller
   * waits for too (for work that may have come after the pass looked, as the event bus needs);
   * false (the default) lets the caller share the running pass.
   */
  again?: boolean;
}

/** How passes ended: the error of a failed one, already reported. */
type Outcome = { failed: unknown } | undefined;

/** A periodic task whose passes never overlap; runNow() joins the pass in flight. */
export class Loop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<Outcome> | null = null;
  private asked = false;

  constructor(private readonly o: LoopOptions) {}

  /** Starts the timer (again is a no-op); it never keeps the process alive. */
  start(everyMs = this.o.everyMs): void {
    if (this.timer) return;
    if (everyMs === undefined) throw new Error('Loop.start: no period');
    this.timer = setInterval(() => void this.join(), everyMs);
    this.timer.unref();
  }

  /** True while a pass is in flight. */
  get busy(): boolean {
    return this.running !== null;
  }

  /**
   * One pass now, or the pass in flight; resolves when it is over. Failures go to `failed`; it
   * rejects with them only with `rethrow`.
   */
  async runNow(): Promise<void> {
    const outcome = await this.join();
    if (outcome && this.o.rethrow) throw outcome.failed;
  }

  private join(): Promise<Outcome> {
    if (this.running) {
      if (this.o.again) this.asked = true;
      return this.running;
    }
    const pass = this.passes();
    this.running = pass;
    // (cleared here, not inside passes(): a run that throws at once would clear it before it is set)
    void pass.finally(() => {
      if (this.running === pass) this.running = null;
    });
    return pass;
  }

  private async passes(): Promise<Outcome> {
    try {
      do {
        this.asked = false;
        await this.o.run();
      } while (this.asked);
      return undefined;
    } catch (err) {
      this.o.failed(err);
      return { failed: err };
    }
  }

  /** Stops the timer and waits for the pass in flight. runNow() still works afterwards (a last flush). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

export interface LeaderLoopOptions extends LoopOptions {
  everyMs: number;
  db: Pick<Db, 'holdLock'>;
  lock: LockName;
  /**
   * This node cannot lead (the lock could not be taken: the database is gone; or `lead` failed):
   * it does not run the task. Without it, start() rejects with the error.
   */
  noLock?: (err: unknown) => void;
  /** What a new leader does before its first pass (read its state again); `leading` is true meanwhile. If it fails, the lock is let go. */
  lead?: () => Promise<void>;
  /** What must end on stop after the last pass and before the lock goes (work the passes started). */
  leave?: () => Promise<void>;
}

/** A Loop that runs only on the node holding the named lock; the others wait for it in start(). */
export class LeaderLoop {
  private readonly loop: Loop;
  private release: (() => Promise<void>) | undefined;
  private stopped = false;

  constructor(private readonly o: LeaderLoopOptions) {
    this.loop = new Loop(o);
  }

  /**
   * Waits until this node holds the lock, then starts the loop (every `everyMs`, or as given here).
   * Resolves then, or when stopped, or when it could not lead (see `noLock`).
   */
  async start(everyMs = this.o.everyMs): Promise<void> {
    let release: () => Promise<void>;
    try {
      release = await this.o.db.holdLock(LOCKS[this.o.lock]);
    } catch (err) {
      if (!this.stopped) this.cannotLead(err);
      return;
    }
    if (this.stopped) return void (await release());
    this.release = release;
    try {
      await this.o.lead?.();
    } catch (err) {
      if (this.release === release) {
        this.release = undefined;
        await release();
      }
      if (!this.stopped) this.cannotLead(err);
      return;
    }
    // (stopped while it took the lead: stop() has let the lock go)
    if (!this.stopped) this.loop.start(everyMs);
  }

  private cannotLead(err: unknown): void {
    if (!this.o.noLock) throw err;
    this.o.noLock(err);
  }

  /** True while this node holds the lock. */
  get leading(): boolean {
    return this.release !== undefined;
  }

  /** One pass now, leader or not (tests and the simulator drive it). */
  runNow(): Promise<void> {
    return this.loop.runNow();
  }

  /** Stops the loop, waits for the pass in flight (and `leave`), and lets another node lead. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
    if (this.release) await this.o.leave?.();
    const release = this.release;
    this.release = undefined;
    await release?.();
  }
}
