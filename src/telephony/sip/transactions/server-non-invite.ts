// The server non-INVITE transaction (RFC 3261 §17.2.2). Trying: retransmitted requests are absorbed;
// Proceeding: answered with the latest provisional; Completed: with the final response, for Timer J
// (64*T1 on UDP, 0 on TCP/WS). Responses after the final one are refused.
import { EventEmitter } from 'node:events';
import type { SipRequest, SipResponse } from '../message.ts';
import type { ServerTransactionEvents, TransactionContext } from './context.ts';
import { sendAndWatch } from './context.ts';
import { TimerSet } from './timer-set.ts';

export type ServerNonInviteState = 'trying' | 'proceeding' | 'completed' | 'terminated';

export class ServerNonInviteTransaction extends EventEmitter<ServerTransactionEvents> {
  state: ServerNonInviteState = 'trying';
  private readonly timers: TimerSet;
  private last: SipResponse | undefined;
  private final: SipResponse | undefined;

  constructor(
    readonly request: SipRequest,
    private readonly ctx: TransactionContext,
  ) {
    super();
    this.timers = new TimerSet(ctx.clock);
  }

  start(): void {}

  respond(response: SipResponse): boolean {
    if (this.state !== 'trying' && this.state !== 'proceeding') return false;
    this.last = response;
    this.send(response);
    if (response.status < 200) {
      this.state = 'proceeding';
    } else {
      this.state = 'completed';
      this.final = response;
      this.timers.start('J', this.ctx.timers.j, () => this.terminate());
    }
    return true;
  }

  /** A retransmission of the request. */
  receive(_request: SipRequest): void {
    if ((this.state === 'proceeding' || this.state === 'completed') && this.last) this.send(this.last);
  }

  get finalResponse(): SipResponse | undefined {
    return this.final;
  }

  transportFailed(error: Error): void {
    if (this.state === 'terminated') return;
    this.emit('transportError', error);
    this.terminate();
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.stopAll();
    this.emit('terminated');
  }

  private send(response: SipResponse): void {
    sendAndWatch(this.ctx.send, response, (error) => this.transportFailed(error));
  }
}
