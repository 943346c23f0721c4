// The client INVITE transaction (RFC 3261 §17.1.1, with RFC 6026's Accepted state).
// Calling: the INVITE is retransmitted at T1, 2T1, 4T1… (UDP only) until a response or Timer B (64*T1).
// A 1xx stops retransmissions (Proceeding: the transaction then waits as long as the TU does).
// A 300-699 is ACKed here and absorbed again for Timer D; a 2xx goes to the TU, which ACKs it
// itself, and later 2xx (retransmissions, forks) keep reaching it for Timer M (64*T1).
import type { SipRequest, SipResponse } from '../message.ts';
import { ackForNon2xx } from './ack.ts';
import type { ClientTransactionEvents } from './context.ts';
import { Transaction } from './transaction.ts';

export type ClientInviteState = 'calling' | 'proceeding' | 'accepted' | 'completed' | 'terminated';

export class ClientInviteTransaction extends Transaction<ClientInviteState, ClientTransactionEvents> {
  state: ClientInviteState = 'calling';
  /** §17.1.4: the TU hears of a transport failure while it still waits for a final response. */
  protected readonly failsIn = ['calling', 'proceeding'] as const;
  private ack: SipRequest | undefined;

  start(): void {
    this.send(this.request);
    const first = this.ctx.timers.retransmit;
    if (first !== undefined) this.retransmitAfter(first);
    this.timers.start('B', this.ctx.timers.timeout, () => {
      if (this.state !== 'calling') return;
      this.emit('timeout');
      this.terminate();
    });
  }

  receive(response: SipResponse): void {
    const { status } = response;
    const open = this.state === 'calling' || this.state === 'proceeding';
    if (status < 200) {
      if (!open) return;
      this.state = 'proceeding';
      this.timers.stop('A');
      this.timers.stop('B');
      this.emit('provisional', response);
    } else if (status < 300) {
      if (open) {
        this.state = 'accepted';
        this.timers.stop('A');
        this.timers.stop('B');
        this.timers.start('M', this.ctx.timers.timeout, () => this.terminate());
      }
      if (this.state === 'accepted') this.emit('final', response);
    } else if (open) {
      this.state = 'completed';
      this.timers.stop('A');
      this.timers.stop('B');
      this.ack = ackForNon2xx(this.request, response);
      this.send(this.ack);
      this.timers.start('D', this.ctx.timers.d, () => this.terminate());
      this.emit('final', response);
    } else if (this.state === 'completed' && this.ack) {
      // A retransmitted final response: our ACK was lost.
      this.send(this.ack);
    }
  }

  private retransmitAfter(interval: number): void {
    this.timers.start('A', interval, () => {
      if (this.state !== 'calling') return;
      this.send(this.request);
      this.retransmitAfter(interval * 2);
    });
  }
}
