// The actions of one step, gathered as the step decides them, with the call's own bookkeeping kept
// in step: event ids and times, the id of each play, which timers are set.
import type { CallAction, Prompt, ReportedEvent, TimerName } from './call-actions.ts';
import type { EdgeCall } from './call-state.ts';

/** An event's own fields: what `report` adds to id, callId and at. */
type Fields<T extends ReportedEvent['type']> = Omit<Extract<ReportedEvent, { type: T }>, 'id' | 'callId' | 'at' | 'type'>;

export class Effects {
  readonly actions: CallAction[] = [];

  constructor(
    /** The call being stepped (a copy: changed in place). */
    readonly call: EdgeCall,
    readonly now: number,
  ) {}

  push(action: CallAction): void {
    this.actions.push(action);
  }

  /** An event for otvet, numbered in the call's order and dated now. */
  report<T extends ReportedEvent['type']>(type: T, fields: Fields<T>): void {
    const c = this.call;
    const event = { id: `${c.callId}-${++c.events}`, callId: c.callId, type, at: new Date(this.now).toISOString(), ...fields } as ReportedEvent;
    this.push({ type: 'report', event });
  }

  play(...prompts: Prompt[]): void {
    this.push({ type: 'play', playId: ++this.call.playId, prompts });
  }

  /** Sets (or resets) a timer. */
  setTimer(name: TimerName, ms: number): void {
    const timers = this.call.timers;
    if (!timers.includes(name)) timers.push(name);
    this.push({ type: 'set_timer', name, ms });
  }

  /** Clears a timer if it is set. */
  clearTimer(name: TimerName): void {
    const timers = this.call.timers;
    const i = timers.indexOf(name);
    if (i < 0) return;
    timers.splice(i, 1);
    this.push({ type: 'clear_timer', name });
  }

  clearTimers(...names: TimerName[]): void {
    for (const name of names) this.clearTimer(name);
  }

  clearAllTimers(): void {
    this.clearTimers(...this.call.timers);
  }

  /** A timer fired: it is no longer set. */
  fired(name: TimerName): void {
    const timers = this.call.timers;
    const i = timers.indexOf(name);
    if (i >= 0) timers.splice(i, 1);
  }
}
