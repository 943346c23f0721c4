// Time as the transaction layer sees it: injected, so tests drive every timer of RFC 3261 §17
// without sleeping. The system clock uses unref'd timers: a pending Timer D never holds a process open.

/** Cancels a scheduled call; calling it again, or after the call ran, does nothing. */
export type Cancel = () => void;

export interface Clock {
  /** Milliseconds on this clock's time line (only differences matter). */
  now(): number;
  /** Runs `fn` once, `ms` from now. */
  schedule(ms: number, fn: () => void): Cancel;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  schedule(ms, fn) {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return () => clearTimeout(handle);
  },
};

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/** A clock that moves only when told to: `advance(ms)` runs what falls due, in time order (ties: in the order scheduled). */
export class ManualClock implements Clock {
  private time = 0;
  private seq = 0;
  private pending: Pending[] = [];

  now(): number {
    return this.time;
  }

  schedule(ms: number, fn: () => void): Cancel {
    const entry: Pending = { at: this.time + Math.max(0, ms), seq: this.seq++, fn };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((p) => p !== entry);
    };
  }

  /** Moves time forward by `ms`, running every call due on the way (calls scheduled meanwhile too, when due). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.nextDue(end);
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }

  /** Advances to the next scheduled call and runs it (and whatever else falls due at that instant); false when nothing is scheduled. */
  step(): boolean {
    const first = this.nextDue(Infinity);
    if (!first) return false;
    this.advance(first.at - this.time);
    return true;
  }

  /** How many calls are waiting. */
  get size(): number {
    return this.pending.length;
  }

  private nextDue(end: number): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.pending) if (p.at <= end && (!best || p.at < best.at || (p.at === best.at && p.seq < best.seq))) best = p;
    return best;
  }
}
