// A dialog (RFC 3261 §12): what an INVITE's 2xx sets up between two user agents — Call-ID, local and
// remote tags, local and remote CSeq numbers, the remote target (the peer's Contact) and the route set
// (Record-Route: as received on the UAS side, reversed on the UAC side). It builds the requests sent
// inside it (dialog-requests.ts), checks the order of those it receives (§12.2.2) and keeps the state
// §14 needs to refuse an INVITE that overlaps another (500 with Retry-After, or 491).
import { randomInt } from 'node:crypto';
import type { HeaderField, SipMessage, SipRequest, SipResponse } from './message.ts';
import { header, headers } from './message.ts';
import { formatNameAddr, parseNameAddr, tagOf } from './name-addr.ts';
import { cseqOf } from './transactions/fields.ts';

export type DialogRole = 'uas' | 'uac';

/** Why an in-dialog request is refused before its method is looked at. */
export interface Refusal {
  status: number;
  reason: string;
  headers?: HeaderField[];
}

/** A dialog as plain data: what sending requests in it needs (the SIP edge keeps it on disk to end a call after a restart). */
export interface DialogState {
  role: DialogRole;
  callId: string;
  localTag: string;
  remoteTag: string;
  localParty: string;
  remoteParty: string;
  routeSet: string[];
  remoteTarget: string;
  localSeq?: number;
  remoteSeq?: number;
}

export class Dialog {
  /** Our CSeq number for the next request; undefined until we send one (UAS side, §12.1.1). */
  private localSeqValue: number | undefined;
  /** The peer's latest CSeq number. */
  remoteSeq: number | undefined;
  /** The peer's Contact URI: the Request-URI of what we send (§12.2.1.1). Target refresh requests move it. */
  remoteTarget: string;
  /** The CSeq number of an INVITE we received and have not answered finally yet (§14.2). */
  private inviteIn: number | undefined;
  /** Whether an INVITE we sent in this dialog still waits for its final response (§14.1). */
  private inviteOut = false;

  private constructor(
    readonly role: DialogRole,
    readonly callId: string,
    readonly localTag: string,
    readonly remoteTag: string,
    /** From (ours) as we write it in requests: name-addr with our tag. */
    readonly localParty: string,
    /** To as we write it in requests: the peer's name-addr with its tag. */
    readonly remoteParty: string,
    /** Route set: name-addr values in the order they go into Route (§12.1.1, §12.1.2). */
    readonly routeSet: string[],
    remoteTarget: string,
    localSeq: number | undefined,
    remoteSeq: number | undefined,
  ) {
    this.remoteTarget = remoteTarget;
    this.localSeqValue = localSeq;
    this.remoteSeq = remoteSeq;
  }

  /** The UAS side (§12.1.1): from the INVITE we answer with a 2xx carrying `localTag`. */
  static uas(invite: SipRequest, localTag: string): Dialog {
    const to = parseNameAddr(required(invite, 'To'), 'To');
    to.params.set('tag', localTag);
    const routes = headers(invite, 'Record-Route').map((v) => formatNameAddr(parseNameAddr(v, 'Record-Route')));
    return new Dialog('uas', required(invite, 'Call-ID'), localTag, requiredTag(invite, 'From'), formatNameAddr(to), required(invite, 'From'), routes, contactUri(invite), undefined, seqOf(invite));
  }

  /** The UAC side (§12.1.2): from the INVITE we sent and a 2xx to it (each forked 2xx makes a dialog of its own). */
  static uac(invite: SipRequest, response: SipResponse): Dialog {
    const routes = headers(response, 'Record-Route')
      .map((v) => formatNameAddr(parseNameAddr(v, 'Record-Route')))
      .reverse();
    return new Dialog(
      'uac',
      required(invite, 'Call-ID'),
      requiredTag(invite, 'From'),
      requiredTag(response, 'To'),
      required(invite, 'From'),
      required(response, 'To'),
      routes,
      contactUri(response),
      seqOf(invite),
      undefined,
    );
  }

  /** A dialog from its state() (no INVITE in progress either way). */
  static restore(s: DialogState): Dialog {
    return new Dialog(s.role, s.callId, s.localTag, s.remoteTag, s.localParty, s.remoteParty, [...s.routeSet], s.remoteTarget, s.localSeq, s.remoteSeq);
  }

  /** What restore() needs, as plain data. */
  state(): DialogState {
    const s: DialogState = {
      role: this.role,
      callId: this.callId,
      localTag: this.localTag,
      remoteTag: this.remoteTag,
      localParty: this.localParty,
      remoteParty: this.remoteParty,
      routeSet: [...this.routeSet],
      remoteTarget: this.remoteTarget,
    };
    if (this.localSeqValue !== undefined) s.localSeq = this.localSeqValue;
    if (this.remoteSeq !== undefined) s.remoteSeq = this.remoteSeq;
    return s;
  }

  /** Call-ID, local tag, remote tag: how the user agent core finds this dialog. */
  get key(): string {
    return dialogKey(this.callId, this.localTag, this.remoteTag);
  }

  /** The CSeq number our last request used (undefined before any). */
  get localSeq(): number | undefined {
    return this.localSeqValue;
  }

  /** The next CSeq number of ours (§12.2.1.1: one more each request; a UAS picks its first at random, §8.1.1.5). */
  nextLocalSeq(): number {
    this.localSeqValue = this.localSeqValue === undefined ? randomInt(1, 2 ** 20) : this.localSeqValue + 1;
    return this.localSeqValue;
  }

  /**
   * An incoming request of this dialog (§12.2.2): refused with 500 when its CSeq is below the peer's
   * last; otherwise its number becomes the remote sequence number. ACK and CANCEL carry their
   * INVITE's number and are never checked here.
   */
  receive(request: SipRequest): Refusal | undefined {
    const seq = seqOf(request);
    if (this.remoteSeq !== undefined && seq < this.remoteSeq) return { status: 500, reason: 'CSeq Out of Order' };
    this.remoteSeq = seq;
    return undefined;
  }

  /** A target refresh (re-INVITE, UPDATE, or their 2xx) moves the remote target to its Contact (§12.2). */
  refreshTarget(message: SipMessage): void {
    const contact = headers(message, 'Contact')[0];
    if (contact !== undefined && contact !== '*') this.remoteTarget = parseNameAddr(contact, 'Contact').uri;
  }

  /**
   * An INVITE arrived in this dialog (§14.2): 500 with a Retry-After of 0–10 s while another of the
   * peer's is unanswered, 491 while ours is pending; otherwise it is marked unanswered until
   * inviteAnswered().
   */
  admitInvite(request: SipRequest): Refusal | undefined {
    if (this.inviteIn !== undefined) return { status: 500, reason: 'Server Internal Error', headers: [{ name: 'Retry-After', value: String(randomInt(0, 11)) }] };
    if (this.inviteOut) return { status: 491, reason: 'Request Pending' };
    this.inviteIn = seqOf(request);
    return undefined;
  }

  /** Our final response to the peer's INVITE has gone. */
  inviteAnswered(): void {
    this.inviteIn = undefined;
  }

  /** Whether we may send an INVITE now (§14.1: none in progress either way). */
  get canInvite(): boolean {
    return this.inviteIn === undefined && !this.inviteOut;
  }

  /** Our INVITE in this dialog has gone (true) or has its final response (false). */
  set invitePending(pending: boolean) {
    this.inviteOut = pending;
  }
}

/** How dialogs are filed: Call-ID, local tag, remote tag. */
export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}|${localTag}|${remoteTag}`;
}

/** The key of the dialog a message belongs to when we are its UAS (requests we receive, responses we send): our tag is the To tag. */
export function keyAsUas(message: SipMessage): string | undefined {
  const callId = header(message, 'Call-ID');
  const local = tagOf(header(message, 'To'));
  const remote = tagOf(header(message, 'From'));
  return callId === undefined || local === undefined || remote === undefined ? undefined : dialogKey(callId, local, remote);
}

/** The key when we are its UAC (responses we receive): our tag is the From tag; `remote` replaces the To tag (`*`: any). */
export function keyAsUac(message: SipMessage, remote?: string): string | undefined {
  const callId = header(message, 'Call-ID');
  const local = tagOf(header(message, 'From'));
  const other = remote ?? tagOf(header(message, 'To'));
  return callId === undefined || local === undefined || other === undefined ? undefined : dialogKey(callId, local, other);
}

function required(message: SipMessage, name: string): string {
  const value = header(message, name);
  if (value === undefined) throw new Error(`a dialog needs ${name}`);
  return value;
}

function requiredTag(message: SipMessage, name: string): string {
  const tag = tagOf(header(message, name));
  if (tag === undefined) throw new Error(`a dialog needs a ${name} tag`);
  return tag;
}

function contactUri(message: SipMessage): string {
  const contact = headers(message, 'Contact')[0];
  if (contact === undefined || contact === '*') throw new Error('a dialog needs the peer’s Contact');
  return parseNameAddr(contact, 'Contact').uri;
}

function seqOf(message: SipMessage): number {
  const cseq = cseqOf(message);
  if (!cseq) throw new Error('a dialog needs a CSeq');
  return cseq.seq;
}
