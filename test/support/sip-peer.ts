// A scripted SIP peer for tests over real sockets: a SipStack whose requests, ACKs and stray responses
// land in a mailbox the test reads in order (`next('BYE')`), and helpers to build and send the
// requests a trunk or a phone would. Nothing here answers on its own: the test says each response.
import type { HeaderField, Peer, SipRequest, SipResponse } from '../../src/telephony/sip/message.ts';
import { header } from '../../src/telephony/sip/message.ts';
import { SipStack } from '../../src/telephony/sip/stack.ts';
import type { SipStackOptions } from '../../src/telephony/sip/stack.ts';
import type { ClientTransaction, ServerTransaction } from '../../src/telephony/sip/transactions/layer.ts';
import { responseTo } from '../../src/telephony/sip/validate.ts';

export interface Received {
  tx?: ServerTransaction;
  request: SipRequest;
  source: Peer;
}

/** Values that arrive one by one; next() takes the first that fits, waiting for it if need be. */
export class Mailbox<T> {
  readonly all: T[] = [];
  private unread: T[] = [];
  private waiters: { fits: (v: T) => boolean; resolve: (v: T) => void }[] = [];

  push(value: T): void {
    this.all.push(value);
    const i = this.waiters.findIndex((w) => w.fits(value));
    if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(value);
    else this.unread.push(value);
  }

  next(fits: (v: T) => boolean = () => true): Promise<T> {
    const i = this.unread.findIndex(fits);
    if (i >= 0) return Promise.resolve(this.unread.splice(i, 1)[0]!);
    return new Promise((resolve) => this.waiters.push({ fits, resolve }));
  }

  /** Unread values that fit (without taking them). */
  peek(fits: (v: T) => boolean = () => true): T[] {
    return this.unread.filter(fits);
  }
}

export class ScriptedPeer {
  readonly requests = new Mailbox<Received>();
  readonly strays = new Mailbox<SipResponse>();

  private constructor(readonly stack: SipStack) {
    stack.onRequest((tx, request, source) => this.requests.push({ tx, request, source }));
    stack.onAck((request, source) => this.requests.push({ request, source }));
    stack.onStrayResponse((response) => this.strays.push(response));
  }

  static async start(protocol: Peer['transport'], options: Omit<SipStackOptions, 'udp' | 'tcp' | 'ws'> = {}): Promise<ScriptedPeer> {
    return new ScriptedPeer(await SipStack.listen({ ...options, [protocol]: 0 }));
  }

  get address(): Peer {
    return this.stack.addresses[0]!;
  }

  /** The next request of this method (ACKs included). */
  next(method: string): Promise<Received> {
    return this.requests.next((r) => r.request.method === method);
  }

  /** Sends `request` and collects what comes back on its transaction. */
  send(request: SipRequest, to: Peer): Sent {
    return new Sent(this.stack.sendRequest(request, to));
  }

  close(): Promise<void> {
    return this.stack.close();
  }
}

/** A client transaction's responses as a mailbox; `final()` waits for the first final one. */
export class Sent {
  readonly responses = new Mailbox<SipResponse>();
  readonly timedOut: Promise<void>;

  constructor(readonly tx: ClientTransaction) {
    tx.on('provisional', (r) => this.responses.push(r));
    tx.on('final', (r) => this.responses.push(r));
    this.timedOut = new Promise((resolve) => tx.once('timeout', () => resolve()));
  }

  final(): Promise<SipResponse> {
    return this.responses.next((r) => r.status >= 200);
  }

  status(status: number): Promise<SipResponse> {
    return this.responses.next((r) => r.status === status);
  }
}

/** Answers a received request with `status` (To tagged with `toTag` when it has none), extra fields and an optional body. */
export function answer(received: Received, status: number, extra: HeaderField[] = [], body?: { type: string; data: string }, toTag = 'peer-tag'): boolean {
  const fields = [...extra];
  if (body) fields.push({ name: 'Content-Type', value: body.type });
  return received.tx!.respond(responseTo(received.request, status, `Status ${status}`, { toTag, headers: fields, body: body ? Buffer.from(body.data) : undefined }));
}

/** A field's value in a message (for assertions that read better). */
export const field = (m: SipRequest | SipResponse, name: string): string | undefined => header(m, name);

export const SDP_A = 'v=0\r\no=trunk 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n';
export const SDP_B = 'v=0\r\no=edge 7 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 30000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n';
