// Ringing all of an operator's registered contacts at once (parallel forking, as a proxy would per
// RFC 3261 §16.7, but each contact its own leg and dialog): the first 200 wins and the other legs are
// CANCELled; a leg that answers after that is hung up (the leg does it itself when the 200 crosses its
// CANCEL). 'failed' when every leg has failed without an answer.
import { EventEmitter } from 'node:events';
import type { Peer } from '../sip/message.ts';
import type { UserAgentCore } from '../sip/ua-core.ts';
import type { FailReason } from './leg-events.ts';
import { OutgoingLeg } from './outgoing-leg.ts';
import type { OutgoingLegOptions } from './outgoing-leg.ts';

export interface ForkTarget {
  /** A registered contact (the Request-URI). */
  target: string;
  /** Its flow: where its REGISTER came from. */
  flow?: Peer;
}

export interface ForkFailure {
  target: string;
  status: number;
  reason: FailReason;
}

export type ForkEvents = {
  /** A 180/183 on one leg (each leg's, until one answers). */
  provisional: [leg: OutgoingLeg, status: number, sdp?: string];
  /** The first 200: this leg is the call's; the others are being cancelled. */
  answered: [leg: OutgoingLeg, sdp?: string];
  /** Every leg failed and none answered (none to ring: at once, with no failures). */
  failed: [failures: ForkFailure[]];
};

export class Fork extends EventEmitter<ForkEvents> {
  readonly legs: OutgoingLeg[];
  winner: OutgoingLeg | undefined;
  private readonly failures: ForkFailure[] = [];
  private stopped = false;

  constructor(core: UserAgentCore, targets: ForkTarget[], common: Omit<OutgoingLegOptions, 'target' | 'flow'>) {
    super();
    this.legs = targets.map((t) => new OutgoingLeg(core, { ...common, target: t.target, ...(t.flow ? { flow: t.flow } : {}) }));
    for (const leg of this.legs) {
      leg.on('provisional', (status, sdp) => {
        if (!this.winner && !this.stopped) this.emit('provisional', leg, status, sdp);
      });
      leg.on('answered', (sdp) => this.answered(leg, sdp));
      leg.on('failed', (status, reason) => {
        this.failures.push({ target: leg.options.target, status, reason });
        if (!this.winner && this.failures.length === this.legs.length) this.emit('failed', this.failures);
      });
    }
  }

  /** Sends every INVITE. */
  async start(): Promise<void> {
    if (this.legs.length === 0) {
      queueMicrotask(() => this.emit('failed', []));
      return;
    }
    await Promise.all(this.legs.map((leg) => leg.start()));
  }

  /** Stops ringing: every leg but the winner is cancelled (the winner, if any, stays up: it is the call's now). */
  cancel(): void {
    this.stopped = true;
    for (const leg of this.legs) if (leg !== this.winner) leg.cancel();
  }

  private answered(leg: OutgoingLeg, sdp: string | undefined): void {
    if (this.winner || this.stopped) return leg.hangup();
    this.winner = leg;
    for (const other of this.legs) if (other !== leg) other.cancel();
    this.emit('answered', leg, sdp);
  }
}
