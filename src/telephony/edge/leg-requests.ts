// What a leg sends inside its dialog: BYE; a re-INVITE (new SDP, or a session refresh) with the ACK of
// its 2xx, sent again for each retransmitted 2xx; UPDATE (a refresh without SDP, when the peer allows
// it); OPTIONS. Refreshes follow RFC 4028 §7.4 and §10: 491 → again after 2.1–4 s (§14.1), 422 →
// again with the peer's Min-SE, 408 or no answer → BYE, 481 → the dialog is already gone.
import { randomInt } from 'node:crypto';
import { dialogAck, dialogRequest } from '../sip/dialog-requests.ts';
import type { Dialog } from '../sip/dialog.ts';
import type { HeaderField, SipRequest, SipResponse } from '../sip/message.ts';
import { header } from '../sip/message.ts';
import { SDP_TYPE, sdpOf } from '../sip/sdp-body.ts';
import type { SessionRefresh } from '../sip/session-refresh.ts';
import { parseMinSE, uacTimerHeaders } from '../sip/session-timer.ts';
import { cseqOf } from '../sip/transactions/fields.ts';
import type { LegDialogOptions } from './leg-dialog-options.ts';
import type { EndReason, LegEnded } from './leg-events.ts';

/** What the requests need of their leg's dialog (leg-dialog.ts), which answers and ends it. */
export interface RequestingLeg {
  readonly o: LegDialogOptions;
  readonly dialog: Dialog;
  readonly ended: boolean;
  readonly timer: SessionRefresh;
  /** Forgets the dialog: nothing more is answered in it. */
  forget(): void;
  applyUacResult(response: SipResponse): void;
  end(ended: LegEnded): void;
  bye(reason?: EndReason): void;
}

/** A request's end: its final status (408 when none came, 503 when it could not be sent) and the response, if one came. */
export interface Outcome {
  status: number;
  response?: SipResponse;
}

export class LegRequests {
  private lastAck: { seq: number; ack: SipRequest } | undefined;
  private byeSent = false;
  /** A Min-SE a 422 taught us (RFC 4028 §7.4). */
  private peerMinSE = 0;

  constructor(private readonly leg: RequestingLeg) {}

  /** BYE, once; the dialog is forgotten (its response is not waited for). */
  sendBye(): void {
    if (this.byeSent) return;
    this.byeSent = true;
    this.leg.forget();
    void this.send(dialogRequest(this.leg.dialog, 'BYE'));
  }

  /** A re-INVITE offering `sdp` (default: the SDP we last sent: a session refresh). 491 at once when an INVITE is in progress either way (§14.1). */
  async reinvite(sdp?: string): Promise<Outcome> {
    const { dialog, o } = this.leg;
    if (this.leg.ended) return { status: 481 };
    if (!dialog.canInvite) return { status: 491 };
    const body = sdp ?? o.sdp.local;
    const request = dialogRequest(dialog, 'INVITE', { contact: o.contact, headers: [...o.core.capabilities(), ...this.timerHeaders()], body: { type: SDP_TYPE, data: body } });
    const seq = cseqOf(request)!.seq;
    dialog.invitePending = true;
    const outcome = await this.send(request, (response) => this.ack2xx(seq, response));
    dialog.invitePending = false;
    if (isSuccess(outcome) && !this.leg.ended) {
      o.sdp.local = body;
      const answer = sdpOf(outcome.response);
      if (answer !== undefined) o.sdp.remote = answer;
      this.leg.applyUacResult(outcome.response);
    } else this.failed(outcome);
    return outcome;
  }

  /** UPDATE without a body: a session refresh (RFC 4028 prefers it to a re-INVITE). */
  async update(): Promise<Outcome> {
    const { dialog, o } = this.leg;
    if (this.leg.ended) return { status: 481 };
    const outcome = await this.send(dialogRequest(dialog, 'UPDATE', { contact: o.contact, headers: [o.core.capabilities()[2]!, ...this.timerHeaders()] }));
    if (isSuccess(outcome) && !this.leg.ended) {
      dialog.refreshTarget(outcome.response);
      this.leg.applyUacResult(outcome.response);
    } else this.failed(outcome);
    return outcome;
  }

  /** OPTIONS inside the dialog: is the peer still there? */
  options(): Promise<Outcome> {
    if (this.leg.ended) return Promise.resolve({ status: 481 });
    return this.send(dialogRequest(this.leg.dialog, 'OPTIONS', { headers: this.leg.o.core.capabilities() }));
  }

  /** The session timer says we refresh now. */
  refresh(attempt = 0): void {
    if (this.leg.ended || attempt > 3) return;
    const viaUpdate = this.leg.o.peerAllowsUpdate;
    if (!viaUpdate && !this.leg.dialog.canInvite) return this.later(2000, attempt);
    void (viaUpdate ? this.update() : this.reinvite()).then((outcome) => {
      if (outcome.status === 491) this.later(randomInt(2100, 4001), attempt);
      else if (outcome.status === 422) this.refresh(attempt + 1);
      else if (isSuccess(outcome)) this.leg.o.sink.refreshed(this.leg.timer.current?.seconds ?? 0);
    });
  }

  /** A 2xx to our re-INVITE that outlived its transaction: its ACK is sent again. */
  strayResponse(response: SipResponse): void {
    const cseq = cseqOf(response);
    if (this.lastAck && cseq?.method === 'INVITE' && cseq.seq === this.lastAck.seq && response.status >= 200 && response.status < 300) {
      void this.leg.o.core.stack.sendStateless(this.lastAck.ack, this.leg.o.flow).catch(() => {});
    }
  }

  private later(ms: number, attempt: number): void {
    this.leg.o.core.stack.layer.clock.schedule(ms, () => this.refresh(attempt + 1));
  }

  /** The ACK of a 2xx to our re-INVITE: built at the first (after the remote target moved to its Contact), sent again for each copy. */
  private ack2xx(seq: number, response: SipResponse): void {
    if (response.status < 200 || response.status >= 300) return;
    if (this.lastAck?.seq !== seq) {
      this.leg.dialog.refreshTarget(response);
      this.lastAck = { seq, ack: this.leg.o.core.stack.withVia(dialogAck(this.leg.dialog, seq), this.leg.o.flow) };
    }
    void this.leg.o.core.stack.sendStateless(this.lastAck.ack, this.leg.o.flow).catch(() => {});
  }

  /** A refresh or re-INVITE that failed: some failures end the session (RFC 5057, RFC 4028 §10). */
  private failed(outcome: Outcome): void {
    if (this.leg.ended) return;
    if (outcome.status === 481) this.leg.end({ reason: 'refresh_failed', by: 'remote' });
    else if (outcome.status === 408) this.leg.bye('refresh_failed');
    else if (outcome.status === 422 && outcome.response) {
      const min = header(outcome.response, 'Min-SE');
      try {
        if (min !== undefined) this.peerMinSE = Math.max(this.peerMinSE, parseMinSE(min));
      } catch {
        /* an unreadable Min-SE teaches nothing */
      }
    }
  }

  /** Session-Expires (the running interval, keeping who refreshes) and Min-SE, when a timer runs. */
  private timerHeaders(): HeaderField[] {
    const current = this.leg.timer.current;
    if (!current) return [];
    const minSE = Math.max(this.leg.o.core.sessionTimer.minSE, this.peerMinSE);
    return uacTimerHeaders(Math.max(current.seconds, minSE), minSE, current.weRefresh ? 'uac' : 'uas');
  }

  /** Sends in a client transaction; `onFinal` sees every final response (an INVITE's 2xx may come again). */
  private send(request: SipRequest, onFinal?: (response: SipResponse) => void): Promise<Outcome> {
    return new Promise((resolve) => {
      let tx;
      try {
        tx = this.leg.o.core.stack.sendRequest(request, this.leg.o.flow);
      } catch {
        return resolve({ status: 503 });
      }
      tx.on('final', (response) => {
        onFinal?.(response);
        resolve({ status: response.status, response });
      });
      tx.once('timeout', () => resolve({ status: 408 }));
      tx.once('transportError', () => resolve({ status: 503 }));
    });
  }
}

function isSuccess(outcome: Outcome): outcome is Required<Outcome> {
  return outcome.response !== undefined && outcome.status >= 200 && outcome.status < 300;
}
