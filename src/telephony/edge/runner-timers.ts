// A call's named timers as the core asks for them (set_timer, clear_timer): one setTimeout per name,
// setting a name again replaces it, and all are cleared when the call is forgotten.
import type { TimerName } from './call-actions.ts';

export class CallTimers {
  private readonly timers = new Map<TimerName, NodeJS.Timeout>();

  set(name: TimerName, ms: number, fire: (name: TimerName) => void): void {
    this.clear(name);
    const timer = setTimeout(() => {
      this.timers.delete(name);
      fire(name);
    }, ms);
    // (a call's timers never keep the process alive: the edge's sockets do, and stop() clears them)
    timer.unref();
    this.timers.set(name, timer);
  }

  clear(name: TimerName): void {
    const timer = this.timers.get(name);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(name);
  }

  clearAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  get size(): number {
    return this.timers.size;
  }
}
