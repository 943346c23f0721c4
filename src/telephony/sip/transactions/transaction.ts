// What the four transaction kinds (§17) share: the request that made them, their context, their
// named timers; every message sent with a transport failure caught (§17.1.4, §17.2.4: the TU hears it
// and the transaction ends, in the states where it still matters); and the end, once: timers
// stopped, 'terminated' emitted (the layer then forgets it).
import { EventEmitter } from 'node:events';
import type { SipMessage, SipRequest } from '../message.ts';
import type { TransactionContext } from './context.ts';
import { sendAndWatch } from './context.ts';
import { TimerSet } from './timer-set.ts';

/** The events every kind has (its own map adds the others). */
type Lifecycle = { transportError: [error: Error]; terminated: [] };

export abstract class Transaction<State extends string, Events extends Lifecycle & Record<keyof Events, unknown[]>> extends EventEmitter<Events> {
  abstract state: State | 'terminated';
  protected readonly timers: TimerSet;
  /** The states in which a transport failure still concerns the TU (later, the transaction ends as its timers say). */
  protected abstract readonly failsIn: readonly State[];

  constructor(
    readonly request: SipRequest,
    protected readonly ctx: TransactionContext,
  ) {
    super();
    this.timers = new TimerSet(ctx.clock);
  }

  abstract start(): void;

  /** The transport could not deliver: the TU hears it and the transaction ends, if it still matters. */
  transportFailed(error: Error): void {
    if (this.state === 'terminated' || !this.failsIn.includes(this.state)) return;
    this.lifecycle.emit('transportError', error);
    this.terminate();
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.stopAll();
    this.lifecycle.emit('terminated');
  }

  protected send(message: SipMessage): void {
    sendAndWatch(this.ctx.send, message, (error) => this.transportFailed(error));
  }

  /** This emitter as its lifecycle events (`Events` has them; a generic map cannot name them). */
  private get lifecycle(): EventEmitter<Lifecycle> {
    return this as EventEmitter<Lifecycle>;
  }
}
