// The caller's leg: the edge as the UAS of the trunk's INVITE. It rings (180, or 183 with early
// media's SDP) and answers with the SDP it is given (rtpengine's answer), its Contact and the
// INVITE's Record-Route copied (§12.1.1), and RFC 4028's Session-Expires; the stack sends the 200 again
// until the ACK. A CANCEL before the 200 → 487, ended 'cancelled'. After the answer the dialog
// (leg-dialog.ts) answers BYE, re-INVITE, UPDATE, INFO and OPTIONS and keeps the session timer.
import { EventEmitter } from 'node:events';
import { allowsMethod } from '../sip/capabilities.ts';
import { Dialog } from '../sip/dialog.ts';
import type { HeaderField, Peer, SipRequest } from '../sip/message.ts';
import { header, headers } from '../sip/message.ts';
import { newTag } from '../sip/outbound.ts';
import { SDP_TYPE, sdpOf } from '../sip/sdp-body.ts';
import { negotiateAsUas, uasTimerHeaders } from '../sip/session-timer.ts';
import { cseqOf } from '../sip/transactions/fields.ts';
import type { ServerInviteTransaction } from '../sip/transactions/server-invite.ts';
import type { UserAgentCore } from '../sip/ua-core.ts';
import { responseTo } from '../sip/validate.ts';
import type { CallerSide } from './caller-side.ts';
import type { OfferAnswerer } from './leg-dialog-options.ts';
import { LegDialog } from './leg-dialog.ts';
import type { CallerLegEvents, LegEnded } from './leg-events.ts';
import type { Outcome } from './leg-requests.ts';

export interface CallerLegOptions {
  /** Our answer to an offer in a re-INVITE or UPDATE (default: the SDP we last sent). */
  answerOffer?: OfferAnswerer;
  /** Where our requests in the dialog go (default: where the INVITE came from: the trunk's flow). */
  flow?: Peer;
}

export type CallerLegState = 'offered' | 'ringing' | 'answered' | 'confirmed' | 'ended';

export class CallerLeg extends EventEmitter<CallerLegEvents> implements CallerSide {
  state: CallerLegState = 'offered';
  readonly localTag = newTag();
  /** The SDP offer of the INVITE (undefined: an offer-less INVITE; our 200 then offers). */
  readonly remoteSdp: string | undefined;
  private legDialog: LegDialog | undefined;
  private readonly contact: string;

  constructor(
    private readonly core: UserAgentCore,
    private readonly tx: ServerInviteTransaction,
    readonly invite: SipRequest,
    readonly source: Peer,
    private readonly options: CallerLegOptions = {},
  ) {
    super();
    this.contact = core.contact(source.transport);
    this.remoteSdp = sdpOf(invite);
    tx.on('cancelled', () => {
      if (!this.unanswered) return;
      this.respond(487, 'Request Terminated');
      this.finish({ reason: 'cancelled', by: 'remote' });
    });
    tx.on('transportError', () => {
      if (this.unanswered) this.finish({ reason: 'transport_error', by: 'remote' });
      else this.legDialog?.end({ reason: 'transport_error', by: 'remote' });
    });
  }

  /** The INVITE's Call-ID. */
  get callId(): string {
    return header(this.invite, 'Call-ID')!;
  }

  /** The SDP we last sent and the peer's, once answered. */
  get sdp(): { local: string; remote?: string } | undefined {
    return this.legDialog?.o.sdp;
  }

  /** 180 Ringing, or 183 Session Progress with early media's SDP. False when the INVITE is no longer pending. */
  ring(earlySdp?: string): boolean {
    if (!this.unanswered) return false;
    const sent = earlySdp === undefined ? this.respond(180, 'Ringing') : this.respond(183, 'Session Progress', [], earlySdp);
    if (sent) this.state = 'ringing';
    return sent;
  }

  /** 200 OK with our SDP; the session timer as negotiated. False when the INVITE is no longer pending (cancelled). */
  answer(sdp: string): boolean {
    if (!this.unanswered) return false;
    const timer = negotiateAsUas(this.invite, this.core.sessionTimer);
    const decision = timer.kind === 'reject' ? ({ kind: 'none' } as const) : timer; // the core refused those already
    const legDialog = new LegDialog({
      core: this.core,
      dialog: Dialog.uas(this.invite, this.localTag),
      flow: this.options.flow ?? this.source,
      contact: this.contact,
      sdp: { local: sdp, ...(this.remoteSdp === undefined ? {} : { remote: this.remoteSdp }) },
      answerOffer: this.options.answerOffer,
      peerAllowsUpdate: allowsMethod(this.invite, 'UPDATE'),
      sink: {
        confirmed: (answer) => {
          if (this.state === 'answered') this.state = 'confirmed';
          this.emit('confirmed', answer);
        },
        ended: (ended) => this.finish(ended),
        digit: (digit) => this.emit('digit', digit),
        offer: (offer) => this.emit('offer', offer),
        refreshed: (seconds) => this.emit('refreshed', seconds),
      },
    });
    if (!this.respond(200, 'OK', [...this.core.capabilities(), ...uasTimerHeaders(decision)], sdp)) {
      legDialog.forget();
      return false;
    }
    this.legDialog = legDialog;
    this.state = 'answered';
    legDialog.expectAck(cseqOf(this.invite)!.seq, true);
    legDialog.applyUasDecision(decision);
    return true;
  }

  /** A final refusal (486, 480, 503 with Retry-After…) before the answer. */
  reject(status: number, reason: string, retryAfterSeconds?: number): boolean {
    if (!this.unanswered) return false;
    const extra: HeaderField[] = retryAfterSeconds === undefined ? [] : [{ name: 'Retry-After', value: String(retryAfterSeconds) }];
    if (!this.respond(status, reason, extra)) return false;
    this.finish({ reason: 'rejected', by: 'local' });
    return true;
  }

  /** Ends the leg from our side: 480 before the answer, BYE after it (sent once the 200 is acknowledged). */
  hangup(): void {
    if (this.unanswered) {
      if (this.respond(480, 'Temporarily Unavailable')) this.finish({ reason: 'hangup', by: 'local' });
    } else this.legDialog?.bye('hangup');
  }

  /** Who answers the caller's new offers in the dialog (re-INVITE, UPDATE): the call's media, once the call has one. */
  answerOffersWith(answerer: OfferAnswerer): void {
    this.options.answerOffer = answerer;
    if (this.legDialog) this.legDialog.o.answerOffer = answerer;
  }

  /** A re-INVITE with new SDP (hold, unhold, another media address), or the current one (a refresh). */
  reinvite(sdp?: string): Promise<Outcome> {
    return this.legDialog ? this.legDialog.requests.reinvite(sdp) : Promise.resolve({ status: 481 });
  }

  /** OPTIONS inside the dialog. */
  ping(): Promise<Outcome> {
    return this.legDialog ? this.legDialog.requests.options() : Promise.resolve({ status: 481 });
  }

  private get unanswered(): boolean {
    return this.state === 'offered' || this.state === 'ringing';
  }

  /** A response to the INVITE with our tag, Contact and its Record-Route (a dialog-creating response, §12.1.1). */
  private respond(status: number, reason: string, extra: HeaderField[] = [], sdp?: string): boolean {
    const fields: HeaderField[] = [];
    if (status < 300) {
      fields.push(...headers(this.invite, 'Record-Route').map((value) => ({ name: 'Record-Route', value })));
      fields.push({ name: 'Contact', value: `<${this.contact}>` });
    }
    fields.push(...extra);
    if (sdp !== undefined) fields.push({ name: 'Content-Type', value: SDP_TYPE });
    const body = sdp === undefined ? undefined : Buffer.from(sdp, 'utf8');
    return this.tx.respond(responseTo(this.invite, status, reason, { toTag: this.localTag, headers: fields, body }));
  }

  private finish(ended: LegEnded): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.emit('ended', ended);
  }
}
