// An outgoing leg: the edge as the UAC of an INVITE, to one registered contact of an operator's
// phone or, for a callback, to the caller through the trunk. The Request-URI is the target (the
// contact; the caller's number at the trunk); the INVITE goes to the given flow (the address and
// transport a phone's REGISTER came from) or, without one, to where the target resolves. 180/183 →
// 'provisional'; a 200 → ACK and the dialog (leg-dialog.ts), 'answered'; another 200 with another To
// tag (a fork behind the contact) is ACKed and hung up; 3xx–6xx, no answer or no route → 'failed'. A
// 422 is tried once more with the phone's Min-SE (RFC 4028 §7.4). cancel() CANCELs once a provisional
// has come (§9.1: the stack waits for it); a 200 that crosses the CANCEL is ACKed and hung up.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { allowsMethod } from '../sip/capabilities.ts';
import { Dialog, dialogKey, type DialogState } from '../sip/dialog.ts';
import { dialogAck, dialogRequest } from '../sip/dialog-requests.ts';
import type { HeaderField, Peer, SipRequest, SipResponse } from '../sip/message.ts';
import { header } from '../sip/message.ts';
import { formatNameAddr, parseNameAddr, tagOf } from '../sip/name-addr.ts';
import { newTag } from '../sip/outbound.ts';
import { resolveTarget } from '../sip/resolve-target.ts';
import { SDP_TYPE, sdpOf } from '../sip/sdp-body.ts';
import { parseMinSE, uacTimerHeaders } from '../sip/session-timer.ts';
import { cseqOf } from '../sip/transactions/fields.ts';
import type { ClientTransaction } from '../sip/transactions/layer.ts';
import type { DialogUsage, UserAgentCore } from '../sip/ua-core.ts';
import type { CallerSide } from './caller-side.ts';
import type { OfferAnswerer } from './leg-dialog-options.ts';
import { LegDialog } from './leg-dialog.ts';
import type { FailReason, OutgoingLegEvents } from './leg-events.ts';
import type { Outcome } from './leg-requests.ts';

export interface OutgoingLegOptions {
  /** The Request-URI: the contact the phone registered, or the caller's number at the trunk. */
  target: string;
  /** Where to send: a phone contact's flow (the REGISTER's source address and transport); default: the target resolved. */
  flow?: Peer;
  /** From, without a tag: `"122" <sip:122@edge.example>`. */
  from: string;
  /** To (default: the target in angle brackets). */
  to?: string;
  /** Our offer (rtpengine's, for this leg). */
  sdp: string;
  answerOffer?: OfferAnswerer;
  /** Added to the INVITE (e.g. a call reference for the phone's display). */
  headers?: HeaderField[];
  /** Default: a random one. */
  callId?: string;
}

export type OutgoingLegState = 'idle' | 'calling' | 'early' | 'confirmed' | 'ended';

export class OutgoingLeg extends EventEmitter<OutgoingLegEvents> implements CallerSide {
  state: OutgoingLegState = 'idle';
  readonly callId: string;
  readonly localTag = newTag();
  private invite: SipRequest | undefined;
  private tx: ClientTransaction | undefined;
  private flow: Peer | undefined;
  private cancelRequested = false;
  private retried422 = false;
  private legDialog: LegDialog | undefined;
  /** The ACK sent for each 2xx by To tag: sent again when that 2xx comes again. */
  private readonly acks = new Map<string, SipRequest>();
  private readonly pending: DialogUsage = { request: () => {}, ack: () => {}, response: (r) => this.response(r) };

  constructor(
    private readonly core: UserAgentCore,
    readonly options: OutgoingLegOptions,
  ) {
    super();
    this.callId = options.callId ?? `${randomBytes(12).toString('base64url')}@edge`;
  }

  /** The confirmed dialog and where its requests go, as plain data (kept to hang up after a restart); undefined before the answer. */
  get dialogState(): { dialog: DialogState; flow: Peer } | undefined {
    return this.legDialog && this.flow ? { dialog: this.legDialog.dialog.state(), flow: { ...this.flow } } : undefined;
  }

  /** Sends the INVITE (after resolving the target when no flow was given). */
  async start(): Promise<void> {
    if (this.state !== 'idle') return;
    this.state = 'calling';
    try {
      this.flow = this.options.flow ?? (await resolveTarget(this.options.target));
    } catch {
      return this.fail(503, 'transport_error');
    }
    if (this.cancelRequested) return this.fail(487, 'cancelled');
    this.core.register(dialogKey(this.callId, this.localTag, '*'), this.pending);
    const { interval, minSE } = this.core.sessionTimer;
    this.sendInvite(1, interval, minSE);
  }

  /** Stops ringing: CANCEL (once the phone has answered provisionally); a leg already up is hung up. */
  cancel(): void {
    if (this.state === 'confirmed') return this.hangup();
    if (this.state === 'ended' || this.cancelRequested) return;
    this.cancelRequested = true;
    if (this.state === 'idle') return this.fail(487, 'cancelled');
    if (this.tx) this.core.stack.cancel(this.tx);
  }

  /** Ends the leg: BYE when up, CANCEL while ringing. */
  hangup(): void {
    if (this.state === 'confirmed') this.legDialog?.bye('hangup');
    else this.cancel();
  }

  /** A re-INVITE with new SDP (hold, unhold), or the current one. */
  reinvite(sdp?: string): Promise<Outcome> {
    return this.legDialog ? this.legDialog.requests.reinvite(sdp) : Promise.resolve({ status: 481 });
  }

  ping(): Promise<Outcome> {
    return this.legDialog ? this.legDialog.requests.options() : Promise.resolve({ status: 481 });
  }

  /** The SDP we last sent and the phone's, once answered. */
  get sdp(): { local: string; remote?: string } | undefined {
    return this.legDialog?.o.sdp;
  }

  private sendInvite(seq: number, seconds: number, minSE: number): void {
    const from = parseNameAddr(this.options.from, 'From');
    from.params.set('tag', this.localTag);
    const fields: HeaderField[] = [
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: formatNameAddr(from) },
      { name: 'To', value: this.options.to ?? `<${this.options.target}>` },
      { name: 'Call-ID', value: this.callId },
      { name: 'CSeq', value: `${seq} INVITE` },
      { name: 'Contact', value: `<${this.core.contact(this.flow!.transport)}>` },
      ...this.core.capabilities(),
      ...uacTimerHeaders(seconds, minSE),
      ...(this.options.headers ?? []),
      { name: 'Content-Type', value: SDP_TYPE },
    ];
    const invite: SipRequest = { kind: 'request', method: 'INVITE', uri: this.options.target, headers: fields, body: Buffer.from(this.options.sdp, 'utf8') };
    let tx: ClientTransaction;
    try {
      tx = this.core.stack.sendRequest(invite, this.flow!);
    } catch {
      return this.fail(503, 'transport_error');
    }
    this.invite = tx.request;
    this.tx = tx;
    tx.on('provisional', (response) => this.provisional(tx, response));
    tx.on('final', (response) => this.response(response, tx));
    tx.once('timeout', () => {
      if (this.tx === tx) this.fail(408, 'timeout');
    });
    tx.once('transportError', () => {
      if (this.tx === tx) this.fail(503, 'transport_error');
    });
    if (this.cancelRequested) this.core.stack.cancel(tx);
  }

  private provisional(tx: ClientTransaction, response: SipResponse): void {
    if (this.tx !== tx || response.status === 100 || (this.state !== 'calling' && this.state !== 'early')) return;
    this.state = 'early';
    this.emit('provisional', response.status, sdpOf(response));
  }

  /** A final response, from the INVITE's transaction or (a 2xx sent again after it ended) from the core. */
  private response(response: SipResponse, tx?: ClientTransaction): void {
    if (tx && tx !== this.tx) return;
    if (cseqOf(response)?.method !== 'INVITE' || !this.invite) return;
    if (cseqOf(response)?.seq !== cseqOf(this.invite)?.seq) return this.legDialog?.response(response);
    if (response.status >= 200 && response.status < 300) return this.answered(response);
    if (!tx || (this.state !== 'calling' && this.state !== 'early')) return;
    if (response.status === 422 && !this.retried422 && !this.cancelRequested) {
      const min = readMinSE(response);
      if (min !== undefined) {
        this.retried422 = true;
        return this.sendInvite(cseqOf(this.invite)!.seq + 1, Math.max(min, this.core.sessionTimer.interval), min);
      }
    }
    this.fail(response.status, this.cancelRequested && response.status === 487 ? 'cancelled' : 'rejected');
  }

  private answered(response: SipResponse): void {
    const toTag = tagOf(header(response, 'To'));
    if (toTag === undefined) return;
    const sent = this.acks.get(toTag);
    if (sent) return void this.core.stack.sendStateless(sent, this.flow!).catch(() => {});
    let dialog: Dialog;
    try {
      dialog = Dialog.uac(this.invite!, response);
    } catch {
      return; // no Contact to send the ACK to: the phone will give up on its 200
    }
    // (its Via made once: a copy of this 200 gets the same ACK, byte for byte)
    const ack = this.core.stack.withVia(dialogAck(dialog, cseqOf(this.invite!)!.seq), this.flow!);
    this.acks.set(toTag, ack);
    void this.core.stack.sendStateless(ack, this.flow!).catch(() => {});
    if (this.legDialog || this.state === 'ended' || this.cancelRequested) {
      // A second answer (a fork behind the contact), or one that crossed our CANCEL: not wanted.
      try {
        this.core.stack.sendRequest(dialogRequest(dialog, 'BYE'), this.flow!);
      } catch {
        /* the transport is gone: the phone's session timer or its own checks will end it */
      }
      if (!this.legDialog) this.fail(487, 'cancelled');
      return;
    }
    this.legDialog = new LegDialog({
      core: this.core,
      dialog,
      flow: this.flow!,
      contact: this.core.contact(this.flow!.transport),
      sdp: { local: this.options.sdp, ...(sdpOf(response) === undefined ? {} : { remote: sdpOf(response)! }) },
      answerOffer: this.options.answerOffer,
      peerAllowsUpdate: allowsMethod(response, 'UPDATE'),
      sink: {
        confirmed: () => {},
        ended: (ended) => {
          this.forget();
          this.state = 'ended';
          this.emit('ended', ended);
        },
        digit: (digit) => this.emit('digit', digit),
        offer: (offer) => this.emit('offer', offer),
        refreshed: (seconds) => this.emit('refreshed', seconds),
      },
    });
    this.legDialog.applyUacResult(response);
    this.state = 'confirmed';
    this.emit('answered', sdpOf(response));
  }

  private fail(status: number, reason: FailReason): void {
    if (this.state === 'ended' || this.state === 'confirmed') return;
    this.state = 'ended';
    this.forget();
    this.emit('failed', status, reason);
  }

  private forget(): void {
    this.core.unregister(dialogKey(this.callId, this.localTag, '*'), this.pending);
  }
}

function readMinSE(response: SipResponse): number | undefined {
  const value = header(response, 'Min-SE');
  try {
    return value === undefined ? undefined : parseMinSE(value);
  } catch {
    return undefined;
  }
}
