// Overload protection for new calls: above a rate of new calls, or a number of calls held at once,
// the edge answers 503 with Retry-After at once instead of queueing work it cannot do (issue 14,
// item 8). A token bucket holds at most one second's worth, so a quiet spell buys no burst.

export type Admitted = { ok: true; release(): void };
export type Refused = { ok: false; why: 'rate' | 'busy'; retryAfterSeconds: number };

/** Seconds a caller's switch is asked to wait when the edge holds all the calls it may. */
const BUSY_RETRY_SECONDS = 5;

export class Admission {
  private tokens: number;
  private last: number;
  active = 0;
  readonly refused = { rate: 0, busy: 0 };

  constructor(
    private readonly limits: { newCallsPerSecond: number; activeCalls: number },
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limits.newCallsPerSecond;
    this.last = now();
  }

  /** One new call: admitted (release it when the call ends) or refused with why and when to retry. */
  admit(): Admitted | Refused {
    const t = this.now();
    const rate = this.limits.newCallsPerSecond;
    this.tokens = Math.min(rate, this.tokens + ((t - this.last) / 1000) * rate);
    this.last = t;
    if (this.tokens < 1) {
      this.refused.rate++;
      return { ok: false, why: 'rate', retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / rate)) };
    }
    if (this.active >= this.limits.activeCalls) {
      this.refused.busy++;
      return { ok: false, why: 'busy', retryAfterSeconds: BUSY_RETRY_SECONDS };
    }
    this.tokens -= 1;
    this.active++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.active--;
      },
    };
  }
}
