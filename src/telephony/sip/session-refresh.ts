// A dialog's session timer running (RFC 4028 §10): after each successful refresh, the refresher sends
// the next at half the interval, and ends the session at the interval if none of its refreshes has
// succeeded by then; the other side ends it when no refresh has come by the interval less
// min(32 s, a third of it).
import type { Cancel, Clock } from './transactions/clock.ts';
import { expirySeconds } from './session-timer.ts';

export interface SessionRefreshHooks {
  /** Time for us to refresh (we are the refresher). */
  refresh(): void;
  /** No refresh in time: the session is over (send BYE). */
  expire(): void;
}

export class SessionRefresh {
  private cancels: Cancel[] = [];
  private currentValue: { seconds: number; weRefresh: boolean } | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly hooks: SessionRefreshHooks,
  ) {}

  /** A refresh succeeded (or the session started) with this interval and refresher. */
  start(seconds: number, weRefresh: boolean): void {
    this.stop();
    this.currentValue = { seconds, weRefresh };
    if (weRefresh) this.cancels.push(this.clock.schedule((seconds / 2) * 1000, () => this.hooks.refresh()));
    this.cancels.push(
      this.clock.schedule((weRefresh ? seconds : expirySeconds(seconds)) * 1000, () => {
        this.stop();
        this.hooks.expire();
      }),
    );
  }

  /** No session timer (any more): nothing is scheduled. */
  stop(): void {
    for (const cancel of this.cancels) cancel();
    this.cancels = [];
    this.currentValue = undefined;
  }

  /** The running interval and who refreshes, or undefined. */
  get current(): { seconds: number; weRefresh: boolean } | undefined {
    return this.currentValue;
  }
}
