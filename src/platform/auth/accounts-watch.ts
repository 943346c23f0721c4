// What a node keeps of accounts to spare the database (tokens already checked, names, who is
// disabled) is forgotten when an account changes: at once on the node that changed it, and on
// every other node when the bus brings the event its transaction published.
import type { EventBus } from '../events/bus.ts';

/** Published with a revoked token or a disabled (or enabled again) account. */
export const ACCOUNTS_CHANGED = 'auth.credentials.changed';

export class AccountsWatch {
  private readonly forgetters: (() => void)[] = [];

  /** fn forgets what it kept. */
  onChange(fn: () => void): void {
    this.forgetters.push(fn);
  }

  /** Called after the change committed on this node. */
  changed(): void {
    for (const fn of this.forgetters) fn();
  }

  subscribe(bus: EventBus): void {
    bus.subscribe(ACCOUNTS_CHANGED, () => this.changed());
  }
}
