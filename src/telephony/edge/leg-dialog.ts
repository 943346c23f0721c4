// A call leg's confirmed dialog, whichever side set it up: the peer's requests answered (BYE;
// re-INVITE and UPDATE: a new offer with the answerer's answer, rtpengine's in the edge, a refresh
// that repeats the last SDP with the current one, and their session timer; INFO with DTMF; OPTIONS),
// the ACK of our 2xx awaited (BYE when none comes), the session timer kept (refresh when we are the
// refresher, BYE when the peer's refresh does not come), and our own BYE, re-INVITE, UPDATE and
// OPTIONS (leg-requests.ts sends them).
import { refusalForMethod } from '../sip/capabilities.ts';
import type { Dialog } from '../sip/dialog.ts';
import { dtmfFromInfo } from '../sip/dtmf-info.ts';
import type { SipRequest, SipResponse } from '../sip/message.ts';
import { header } from '../sip/message.ts';
import { SDP_TYPE, sameSdp, sdpOf } from '../sip/sdp-body.ts';
import { SessionRefresh } from '../sip/session-refresh.ts';
import { negotiateAsUas, readUacResult, uasTimerHeaders } from '../sip/session-timer.ts';
import type { UasTimerDecision } from '../sip/session-timer.ts';
import type { ServerTransaction } from '../sip/transactions/layer.ts';
import { cseqOf } from '../sip/transactions/fields.ts';
import { reply } from '../sip/ua-core.ts';
import type { DialogUsage } from '../sip/ua-core.ts';
import type { LegDialogOptions } from './leg-dialog-options.ts';
import type { EndReason, LegEnded } from './leg-events.ts';
import { LegRequests } from './leg-requests.ts';

export class LegDialog implements DialogUsage {
  readonly requests: LegRequests;
  readonly timer: SessionRefresh;
  private over = false;
  /** The CSeq number of the INVITE whose 2xx waits for its ACK, and whether it was the one that set the dialog up. */
  private awaitingAck: { seq: number; initial: boolean } | undefined;
  /** We hung up before the ACK of our 2xx came: the BYE goes out when it does (§15). */
  private byeAfterAck = false;
  /** The peer's re-INVITE we are still answering (a BYE ends it with 487, §15.1.2). */
  private answering: { tx: ServerTransaction; request: SipRequest } | undefined;

  constructor(readonly o: LegDialogOptions) {
    this.timer = new SessionRefresh(o.core.stack.layer.clock, {
      refresh: () => this.requests.refresh(),
      expire: () => this.bye('session_expired'),
    });
    this.requests = new LegRequests(this);
    o.core.register(o.dialog.key, this);
  }

  get dialog(): Dialog {
    return this.o.dialog;
  }

  get ended(): boolean {
    return this.over;
  }

  /** The 2xx to the INVITE with this CSeq number has gone: its ACK is awaited. */
  expectAck(seq: number, initial: boolean): void {
    this.awaitingAck = { seq, initial };
  }

  /** Starts (or stops) the session timer as a 2xx we sent or received said. */
  applyUasDecision(decision: UasTimerDecision): void {
    if (decision.kind === 'timer') this.timer.start(decision.seconds, decision.refresher === 'uas');
    else this.timer.stop();
  }

  /** As a 2xx to our INVITE or UPDATE says (§7.2): no Session-Expires, no timer. */
  applyUacResult(response: SipResponse): void {
    const result = readUacResult(response);
    if (result) this.timer.start(result.seconds, result.refresher === 'uac');
    else this.timer.stop();
  }

  request(tx: ServerTransaction, request: SipRequest): void {
    if (this.over) return reply(tx, request, 481, 'Call/Transaction Does Not Exist');
    const refusal = this.dialog.receive(request);
    if (refusal) return reply(tx, request, refusal.status, refusal.reason, refusal.headers);
    switch (request.method) {
      case 'BYE':
        return this.remoteBye(tx, request);
      case 'INVITE':
      case 'UPDATE':
        // Answering may wait for the SDP answerer; a failure on the way is answered 500, never left to reject unheard.
        return void this.offerIn(tx, request, request.method === 'INVITE').catch(() => reply(tx, request, 500, 'Server Internal Error'));
      case 'INFO':
        return this.info(tx, request);
      case 'OPTIONS':
        return reply(tx, request, 200, 'OK', this.o.core.capabilities());
      default: {
        const r = refusalForMethod(request.method);
        return reply(tx, request, r.status, r.reason, [this.o.core.capabilities()[0]!]);
      }
    }
  }

  ack(ack: SipRequest): void {
    const seq = cseqOf(ack)?.seq;
    if (!this.awaitingAck || seq !== this.awaitingAck.seq) return;
    const { initial } = this.awaitingAck;
    this.awaitingAck = undefined;
    if (this.byeAfterAck) return this.requests.sendBye();
    if (this.over) return;
    const sdp = sdpOf(ack);
    if (sdp !== undefined) this.o.sdp.remote = sdp;
    if (initial) this.o.sink.confirmed(sdp);
    if (sdp !== undefined) this.o.sink.offer(sdp);
  }

  response(response: SipResponse): void {
    this.requests.strayResponse(response);
  }

  ackTimeout(response: SipResponse): void {
    if (cseqOf(response)?.seq !== this.awaitingAck?.seq) return;
    this.awaitingAck = undefined;
    if (this.byeAfterAck) return this.requests.sendBye();
    this.bye('no_ack');
  }

  /** Ends the leg from our side with a BYE (once the ACK of our 2xx is in, §15). */
  bye(reason: EndReason = 'hangup'): void {
    if (this.over) return;
    if (this.awaitingAck?.initial) this.byeAfterAck = true;
    else this.requests.sendBye();
    this.end({ reason, by: 'local' });
  }

  /** The leg is over: timers stopped, the dialog forgotten (unless a BYE still waits for an ACK), the sink told once. */
  end(ended: LegEnded): void {
    if (this.over) return;
    this.over = true;
    this.timer.stop();
    if (!this.byeAfterAck) this.forget();
    this.o.sink.ended(ended);
  }

  forget(): void {
    this.o.core.unregister(this.dialog.key, this);
  }

  private remoteBye(tx: ServerTransaction, request: SipRequest): void {
    reply(tx, request, 200, 'OK');
    if (this.answering) {
      reply(this.answering.tx, this.answering.request, 487, 'Request Terminated');
      this.dialog.inviteAnswered();
      this.answering = undefined;
    }
    this.end({ reason: 'bye', by: 'remote' });
  }

  /** A re-INVITE or UPDATE: §14.2 for overlaps, RFC 4028 for its timer, then the SDP answer (or our offer, for an offer-less re-INVITE); only a new offer goes to the answerer. */
  private async offerIn(tx: ServerTransaction, request: SipRequest, invite: boolean): Promise<void> {
    if (invite) {
      const overlap = this.dialog.admitInvite(request);
      if (overlap) return reply(tx, request, overlap.status, overlap.reason, overlap.headers);
    }
    const done = () => {
      if (invite) this.dialog.inviteAnswered();
      if (this.answering?.tx === tx) this.answering = undefined;
    };
    const timer = negotiateAsUas(request, this.o.core.sessionTimer);
    if (timer.kind === 'reject') {
      reply(tx, request, 422, 'Session Interval Too Small', uasTimerHeaders(timer));
      return done();
    }
    const received = sdpOf(request);
    // A refresh repeating the peer's SDP changes no media: answered as before, rtpengine not asked.
    const offer = received !== undefined && this.o.sdp.remote !== undefined && sameSdp(received, this.o.sdp.remote) ? undefined : received;
    if (invite) this.answering = { tx, request };
    let answer: string | undefined;
    try {
      if (offer !== undefined) answer = this.o.answerOffer ? await this.o.answerOffer(offer) : this.o.sdp.local;
      // (an offer-less re-INVITE gets our SDP as an offer, a repeated offer our answer as before; an UPDATE without SDP none)
      else if (invite || received !== undefined) answer = this.o.sdp.local;
    } catch {
      reply(tx, request, 488, 'Not Acceptable Here');
      return done();
    }
    if (this.over) {
      reply(tx, request, 487, 'Request Terminated'); // nothing is sent when the BYE already did
      return done();
    }
    this.dialog.refreshTarget(request);
    if (answer !== undefined) this.o.sdp.local = answer;
    if (offer !== undefined) this.o.sdp.remote = offer;
    const fields = [{ name: 'Contact', value: `<${this.o.contact}>` }, ...this.o.core.capabilities(), ...uasTimerHeaders(timer)];
    reply(tx, request, 200, 'OK', fields, answer === undefined ? undefined : { type: SDP_TYPE, data: answer });
    done();
    if (invite) this.expectAck(cseqOf(request)!.seq, false);
    this.applyUasDecision(timer);
    if (offer !== undefined) this.o.sink.offer(offer);
    if (timer.kind === 'timer') this.o.sink.refreshed(timer.seconds);
  }

  private info(tx: ServerTransaction, request: SipRequest): void {
    if (request.body.length === 0) return reply(tx, request, 200, 'OK');
    const dtmf = dtmfFromInfo(header(request, 'Content-Type'), request.body);
    if (dtmf.kind === 'unsupported') return reply(tx, request, 415, 'Unsupported Media Type', [this.o.core.capabilities()[1]!]);
    if (dtmf.kind === 'invalid') return reply(tx, request, 400, 'The DTMF body names no key');
    reply(tx, request, 200, 'OK');
    this.o.sink.digit(dtmf.durationMs === undefined ? { digit: dtmf.digit } : { digit: dtmf.digit, durationMs: dtmf.durationMs });
  }
}
