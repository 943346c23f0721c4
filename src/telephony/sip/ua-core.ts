// The user agent core over a SipStack (RFC 3261 §8.2, §12.2.2): it owns the stack's handlers and files
// dialogs by Call-ID and tags. A request with a To tag goes to its dialog's usage (a call leg), or is
// answered 481; an ACK of a 2xx, a late 2xx and a 2xx never acknowledged go to the usage they belong
// to. Out of a dialog: a new INVITE is checked (Require, Contact, session interval: 420, 400, 422)
// and handed to onInvite; OPTIONS is answered 200 with our capabilities; a method given a handler
// (REGISTER, for the registrar) goes to it; anything else gets 481, 405 or 501.
import type { HeaderField, Peer, SipRequest, SipResponse } from './message.ts';
import { header, headers } from './message.ts';
import { capabilityHeaders, refusalForMethod, unsupportedRequired } from './capabilities.ts';
import { keyAsUac, keyAsUas } from './dialog.ts';
import { tagOf } from './name-addr.ts';
import { newTag } from './outbound.ts';
import { DEFAULT_SESSION_TIMER, MIN_SE_FLOOR, negotiateAsUas, uasTimerHeaders } from './session-timer.ts';
import type { SessionTimerPolicy } from './session-timer.ts';
import type { SipStack } from './stack.ts';
import type { ServerTransaction } from './transactions/layer.ts';
import type { ServerInviteTransaction } from './transactions/server-invite.ts';
import { responseTo } from './validate.ts';

/** What a call leg gives the core to receive its dialog's traffic. */
export interface DialogUsage {
  /** A request inside the dialog (never ACK or CANCEL). */
  request(tx: ServerTransaction, request: SipRequest, source: Peer): void;
  /** The ACK of a 2xx we sent. */
  ack(ack: SipRequest, source: Peer): void;
  /** A response no transaction took any more: a 2xx to our INVITE sent again, or a fork's late one. */
  response?(response: SipResponse, source: Peer): void;
  /** A 2xx we sent to an INVITE was never acknowledged (§13.3.1.4: end the session). */
  ackTimeout?(response: SipResponse): void;
}

export type InviteHandler = (tx: ServerInviteTransaction, invite: SipRequest, source: Peer) => void;
export type RequestHandler = (tx: ServerTransaction, request: SipRequest, source: Peer) => void;

export interface UserAgentCoreOptions {
  sessionTimer?: SessionTimerPolicy;
}

/** Answers `request` on its transaction; out of a dialog the response gets a To tag of its own. */
export function reply(tx: ServerTransaction, request: SipRequest, status: number, reason: string, extra: HeaderField[] = [], body?: { type: string; data: string }): void {
  const fields = [...extra];
  if (body) fields.push({ name: 'Content-Type', value: body.type });
  const toTag = tagOf(header(request, 'To')) === undefined && status > 100 ? newTag() : undefined;
  tx.respond(responseTo(request, status, reason, { toTag, headers: fields, body: body ? Buffer.from(body.data, 'utf8') : undefined }));
}

export class UserAgentCore {
  readonly sessionTimer: SessionTimerPolicy;
  /** Requests refused because they named a dialog we do not have (481). */
  unknownDialogs = 0;
  private readonly usages = new Map<string, DialogUsage>();
  private readonly handlers = new Map<string, RequestHandler>();
  private inviteHandler: InviteHandler | undefined;

  constructor(
    readonly stack: SipStack,
    options: UserAgentCoreOptions = {},
  ) {
    this.sessionTimer = options.sessionTimer ?? DEFAULT_SESSION_TIMER;
    if (this.sessionTimer.minSE < MIN_SE_FLOOR || this.sessionTimer.interval < this.sessionTimer.minSE) {
      throw new RangeError(`session timer: Min-SE must be at least ${MIN_SE_FLOOR} s and the interval at least Min-SE`);
    }
    stack.onRequest((tx, request, source) => this.request(tx, request, source));
    stack.onAck((ack, source) => this.usages.get(keyAsUas(ack) ?? '')?.ack(ack, source));
    stack.onStrayResponse((response, source) => this.strayResponse(response, source));
    stack.onAckTimeout((response) => this.usages.get(keyAsUas(response) ?? '')?.ackTimeout?.(response));
  }

  /** New INVITEs (out of any dialog) that passed the core's checks: the handler answers them (a caller leg). */
  onInvite(handler: InviteHandler): void {
    this.inviteHandler = handler;
  }

  /** Serves another method out of dialog (REGISTER for the registrar); it is then listed in Allow. */
  handle(method: string, handler: RequestHandler): void {
    this.handlers.set(method, handler);
  }

  /** Files a usage under a dialog key (Call-ID|local tag|remote tag; `*` as remote tag: any, for an INVITE of ours not yet answered). */
  register(key: string, usage: DialogUsage): void {
    this.usages.set(key, usage);
  }

  unregister(key: string, usage: DialogUsage): void {
    if (this.usages.get(key) === usage) this.usages.delete(key);
  }

  /** Dialogs and pending INVITEs filed now. */
  get size(): number {
    return this.usages.size;
  }

  /** Our Contact URI on a transport. */
  contact(transport: Peer['transport']): string {
    return this.stack.localUri(transport);
  }

  /** Allow, Accept, Supported: with the methods served through handle(). */
  capabilities(): HeaderField[] {
    return capabilityHeaders([...this.handlers.keys()]);
  }

  private request(tx: ServerTransaction, request: SipRequest, source: Peer): void {
    const unsupported = unsupportedRequired(headers(request, 'Require'));
    if (unsupported.length > 0) {
      reply(tx, request, 420, 'Bad Extension', [{ name: 'Unsupported', value: unsupported.join(', ') }]);
      return;
    }
    if (tagOf(header(request, 'To')) !== undefined) {
      const usage = this.usages.get(keyAsUas(request) ?? '');
      if (usage) return usage.request(tx, request, source);
      this.unknownDialogs++;
      reply(tx, request, 481, 'Call/Transaction Does Not Exist');
      return;
    }
    switch (request.method) {
      case 'INVITE':
        return this.newInvite(tx as ServerInviteTransaction, request, source);
      case 'OPTIONS':
        return reply(tx, request, 200, 'OK', this.capabilities());
      case 'BYE':
      case 'INFO':
      case 'UPDATE':
        // Requests that live only inside a dialog (§15.1.2 for BYE).
        return reply(tx, request, 481, 'Call/Transaction Does Not Exist');
    }
    const handler = this.handlers.get(request.method);
    if (handler) return handler(tx, request, source);
    const refusal = refusalForMethod(request.method);
    reply(tx, request, refusal.status, refusal.reason, [this.capabilities()[0]!]);
  }

  private newInvite(tx: ServerInviteTransaction, invite: SipRequest, source: Peer): void {
    if (headers(invite, 'Contact').length !== 1 || header(invite, 'Contact') === '*') return reply(tx, invite, 400, 'An INVITE needs one Contact');
    if (tagOf(header(invite, 'From')) === undefined) return reply(tx, invite, 400, 'From has no tag');
    const timer = negotiateAsUas(invite, this.sessionTimer);
    if (timer.kind === 'reject') return reply(tx, invite, 422, 'Session Interval Too Small', uasTimerHeaders(timer));
    if (!this.inviteHandler) return reply(tx, invite, 503, 'Service Unavailable');
    this.inviteHandler(tx, invite, source);
  }

  private strayResponse(response: SipResponse, source: Peer): void {
    const usage = this.usages.get(keyAsUac(response, '*') ?? '') ?? this.usages.get(keyAsUac(response) ?? '');
    usage?.response?.(response, source);
  }
}
