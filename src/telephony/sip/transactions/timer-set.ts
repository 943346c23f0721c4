// A transaction's named timers (A, B, D…): starting one that runs restarts it; terminating stops them all.
import type { Cancel, Clock } from './clock.ts';

export class TimerSet {
  private readonly running = new Map<string, Cancel>();

  constructor(private readonly clock: Clock) {}

  start(name: string, ms: number, fire: () => void): void {
    this.stop(name);
    const cancel = this.clock.schedule(ms, () => {
      this.running.delete(name);
      fire();
    });
    this.running.set(name, cancel);
  }

  stop(name: string): void {
    this.running.get(name)?.();
    this.running.delete(name);
  }

  stopAll(): void {
    for (const cancel of this.running.values()) cancel();
    this.running.clear();
  }

  has(name: string): boolean {
    return this.running.has(name);
  }
}
