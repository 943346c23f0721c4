// The UAS core's duty for a 2xx to INVITE (RFC 3261 §13.3.1.4): send it again at T1, 2T1… capped at
// T2 until its ACK comes (matched by Call-ID, CSeq number, From and To tags: the ACK of a 2xx is a
// transaction of its own), whatever the transport; no ACK by 64*T1 and the TU is told (it should BYE).
import type { SipMessage, SipRequest, SipResponse } from '../message.ts';
import { header } from '../message.ts';
import type { Cancel, Clock } from './clock.ts';
import { cseqOf, tagOf } from './fields.ts';
import type { TimerConfig } from './timers.ts';

interface Pending {
  cancels: Cancel[];
}

export class TwoXxRetransmitter {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly clock: Clock,
    private readonly config: TimerConfig,
  ) {}

  /** `response` (a 2xx, already sent once) is sent again through `send` until ack() sees its ACK; `noAck` runs at 64*T1 without one. */
  start(response: SipResponse, send: (response: SipResponse) => void, noAck: () => void): void {
    const key = dialogKey(response);
    if (key === undefined) return;
    this.stop(key);
    const entry: Pending = { cancels: [] };
    const again = (interval: number) => {
      entry.cancels[0] = this.clock.schedule(interval, () => {
        send(response);
        again(Math.min(interval * 2, this.config.t2));
      });
    };
    again(this.config.t1);
    entry.cancels[1] = this.clock.schedule(64 * this.config.t1, () => {
      this.stop(key);
      noAck();
    });
    this.pending.set(key, entry);
  }

  /** An ACK arrived: stops the retransmissions of the 2xx it acknowledges. True when it acknowledged one. */
  ack(ack: SipRequest): boolean {
    const key = dialogKey(ack);
    if (key === undefined || !this.pending.has(key)) return false;
    this.stop(key);
    return true;
  }

  get size(): number {
    return this.pending.size;
  }

  stopAll(): void {
    for (const key of [...this.pending.keys()]) this.stop(key);
  }

  private stop(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    for (const cancel of entry.cancels) cancel();
    this.pending.delete(key);
  }
}

function dialogKey(message: SipMessage): string | undefined {
  const callId = header(message, 'Call-ID');
  const cseq = cseqOf(message);
  if (callId === undefined || !cseq) return undefined;
  return `${callId}|${cseq.seq}|${tagOf(header(message, 'From')) ?? ''}|${tagOf(header(message, 'To')) ?? ''}`;
}
