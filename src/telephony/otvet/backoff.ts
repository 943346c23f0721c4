// Waiting before trying otvet again: capped exponential backoff with jitter, the server's
// Retry-After, and a sleep that a shutdown cuts short.

export interface BackoffOptions {
  /** The first wait (default 250 ms). */
  initialMs?: number;
  /** No wait is longer (default 30 s). */
  maxMs?: number;
  /** [0, 1); Math.random by default (tests pass a fixed one). */
  random?: () => number;
}

export class Backoff {
  private attempt = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(opts: BackoffOptions = {}) {
    this.initialMs = opts.initialMs ?? 250;
    this.maxMs = opts.maxMs ?? 30_000;
    this.random = opts.random ?? Math.random;
  }

  /**
   * The wait before the next try: doubling from initialMs up to maxMs, each drawn between half and
   * all of it, so edges that lost otvet at the same moment do not all come back at the same moment.
   */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  /** After a success: the next failure waits initialMs again. */
  reset(): void {
    this.attempt = 0;
  }

  /** Failures in a row since the last success. */
  get failures(): number {
    return this.attempt;
  }
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // (an HTTP date names its day: "Sat, 05 Dec 2026 10:00:30 GMT"; Date.parse takes far more than that)
  const date = /^[A-Za-z]{3}, /.test(v) ? Date.parse(v) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after ms, or at once when the signal aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
