// The server INVITE transaction (RFC 3261 §17.2.1, with RFC 6026's Accepted state).
// Proceeding: 100 Trying goes out unless the TU answers within `trying` ms; a retransmitted INVITE gets
// the latest provisional again. A 300-699 is retransmitted at T1, 2T1… capped at T2 (UDP only) until
// the ACK (Confirmed, absorbing ACKs for Timer I) or Timer H (64*T1: timeout). A 2xx leaves the
// retransmitting to the TU (§13.3.1.4, see two-xx-retransmitter.ts); the transaction stays Accepted for
// Timer L (64*T1) so a late INVITE retransmission is absorbed, not taken for a new call.
import type { SipRequest, SipResponse } from '../message.ts';
import { headers } from '../message.ts';
import type { ServerTransactionEvents } from './context.ts';
import { tagOf } from './fields.ts';
import { Transaction } from './transaction.ts';
import { responseTo } from '../validate.ts';

export type ServerInviteState = 'proceeding' | 'accepted' | 'completed' | 'confirmed' | 'terminated';

export class ServerInviteTransaction extends Transaction<ServerInviteState, ServerTransactionEvents> {
  state: ServerInviteState = 'proceeding';
  /** §17.2.4: a response that cannot be sent ends the transaction, until the ACK has confirmed it. */
  protected readonly failsIn = ['proceeding', 'accepted', 'completed'] as const;
  private provisional: SipResponse | undefined;
  private final: SipResponse | undefined;
  private tryingSent = false;

  start(): void {
    if (this.ctx.timers.trying === 0) this.sendTrying();
    else this.timers.start('trying', this.ctx.timers.trying, () => this.sendTrying());
  }

  /** The TU's response. False when the transaction no longer takes one (a final was sent, or it ended). */
  respond(response: SipResponse): boolean {
    const { status } = response;
    if (this.state === 'accepted') {
      if (status < 200 || status >= 300) return false;
      this.send(response); // the TU retransmitting its 2xx
      return true;
    }
    if (this.state !== 'proceeding') return false;
    this.timers.stop('trying');
    if (status < 200) {
      this.provisional = response;
      this.send(response);
      return true;
    }
    this.final = response;
    this.send(response);
    if (status < 300) {
      this.state = 'accepted';
      this.timers.start('L', this.ctx.timers.timeout, () => this.terminate());
      return true;
    }
    this.state = 'completed';
    const first = this.ctx.timers.retransmit;
    if (first !== undefined) this.retransmitAfter(first);
    this.timers.start('H', this.ctx.timers.timeout, () => {
      this.emit('timeout');
      this.terminate();
    });
    return true;
  }

  /** A request that matched this transaction: a retransmitted INVITE, or an ACK. */
  receive(request: SipRequest): void {
    if (request.method === 'ACK') {
      if (this.state === 'completed') {
        this.state = 'confirmed';
        this.timers.stop('G');
        this.timers.stop('H');
        this.timers.start('I', this.ctx.timers.t4, () => this.terminate());
        this.emit('ack', request);
      } else if (this.state === 'accepted') {
        this.emit('ack', request);
      }
      return;
    }
    if (this.state === 'proceeding') {
      this.timers.stop('trying');
      if (this.provisional) this.send(this.provisional);
      else this.sendTrying();
    } else if (this.state === 'completed' && this.final) {
      this.send(this.final);
    }
  }

  /** A CANCEL for this INVITE (§9.2): it matters only while no final response has gone. */
  cancel(request: SipRequest): void {
    if (this.state === 'proceeding') this.emit('cancelled', request);
  }

  /** The To tag of the latest response sent (the CANCEL's 200 should carry the same, §9.2). */
  get toTag(): string | undefined {
    const last = this.final ?? this.provisional;
    return last ? tagOf(headers(last, 'To')[0]) : undefined;
  }

  get finalResponse(): SipResponse | undefined {
    return this.final;
  }

  private sendTrying(): void {
    if (this.state !== 'proceeding') return;
    this.tryingSent = true;
    this.send(responseTo(this.request, 100, 'Trying'));
  }

  /** Whether a 100 Trying went out (before any response of the TU's). */
  get sentTrying(): boolean {
    return this.tryingSent;
  }

  private retransmitAfter(interval: number): void {
    this.timers.start('G', interval, () => {
      if (this.state !== 'completed' || !this.final) return;
      this.send(this.final);
      this.retransmitAfter(Math.min(interval * 2, this.ctx.timers.t2));
    });
  }
}
