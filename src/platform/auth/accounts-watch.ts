// What a node keeps of accounts to spare the database (tokens already checked, names, who is
// disabled) is forgotten when an account changes: at once on the node that changed it, and on
// every other node when the bus brings the event its transaction published.
import type { Subscriber } from '../events/bus.ts';
import type { AccountsTopics } from './events.ts';

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

  /** What accounts hear on the bus, in one place; call before the bus starts. */
  subscribe(bus: Subscriber<AccountsTopics>): void {
    bus.subscribe('auth.credentials.changed', () => this.changed());
  }
}
