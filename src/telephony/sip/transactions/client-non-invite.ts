// The client non-INVITE transaction (RFC 3261 §17.1.2). Trying: the request is retransmitted at T1,
// 2T1… capped at T2 (UDP only); after a 1xx (Proceeding) every T2. A final response goes to the TU
// and later copies are absorbed for Timer K (T4 on UDP). No final response by Timer F (64*T1): timeout.
import type { SipResponse } from '../message.ts';
import type { ClientTransactionEvents } from './context.ts';
import { Transaction } from './transaction.ts';

export type ClientNonInviteState = 'trying' | 'proceeding' | 'completed' | 'terminated';

export class ClientNonInviteTransaction extends Transaction<ClientNonInviteState, ClientTransactionEvents> {
  state: ClientNonInviteState = 'trying';
  /** §17.1.4: the TU hears of a transport failure while it still waits for a final response. */
  protected readonly failsIn = ['trying', 'proceeding'] as const;

  start(): void {
    this.send(this.request);
    const first = this.ctx.timers.retransmit;
    if (first !== undefined) this.retransmitAfter(first);
    this.timers.start('F', this.ctx.timers.timeout, () => {
      this.emit('timeout');
      this.terminate();
    });
  }

  receive(response: SipResponse): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    if (response.status < 200) {
      this.state = 'proceeding';
      this.emit('provisional', response);
      return;
    }
    this.state = 'completed';
    this.timers.stop('E');
    this.timers.stop('F');
    this.timers.start('K', this.ctx.timers.t4, () => this.terminate());
    this.emit('final', response);
  }

  private retransmitAfter(interval: number): void {
    this.timers.start('E', interval, () => {
      if (this.state !== 'trying' && this.state !== 'proceeding') return;
      this.send(this.request);
      const t2 = this.ctx.timers.t2;
      this.retransmitAfter(this.state === 'proceeding' ? t2 : Math.min(interval * 2, t2));
    });
  }
}
