// The server non-INVITE transaction (RFC 3261 §17.2.2). Trying: retransmitted requests are absorbed;
// Proceeding: answered with the latest provisional; Completed: with the final response, for Timer J
// (64*T1 on UDP, 0 on TCP/WS). Responses after the final one are refused.
import type { SipRequest, SipResponse } from '../message.ts';
import type { ServerTransactionEvents } from './context.ts';
import { Transaction } from './transaction.ts';

export type ServerNonInviteState = 'trying' | 'proceeding' | 'completed' | 'terminated';

export class ServerNonInviteTransaction extends Transaction<ServerNonInviteState, ServerTransactionEvents> {
  state: ServerNonInviteState = 'trying';
  /** §17.2.4: a response that cannot be sent ends the transaction. */
  protected readonly failsIn = ['trying', 'proceeding', 'completed'] as const;
  private last: SipResponse | undefined;
  private final: SipResponse | undefined;

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
}
