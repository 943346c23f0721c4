// SipStack: transports (UDP, TCP, WS) under the transaction layer, and the TU's handle on both.
// In: bytes → inbound.ts (parse, 400 or drop, received/rport) → a client transaction (responses), a
// server transaction (requests; the TU's onRequest for new ones), or the TU directly (ACKs of 2xx,
// stray responses). Out: sendRequest() starts a client transaction; sendStateless() is for what has
// none (the ACK of a 2xx). A CANCEL is answered here (§9.2: 200, or 481 when nothing matches) and its
// INVITE transaction emits 'cancelled'; a 2xx to INVITE is retransmitted here until its ACK (§13.3.1.4).
// A TCP or WS connection that closes is told to the TU (onConnectionClosed).
import type { Peer, SipMessage, SipRequest, SipResponse } from './message.ts';
import { readInbound } from './inbound.ts';
import { cancelFor, newTag, withOwnVia } from './outbound.ts';
import { responseDestination } from './response-route.ts';
import { serializeMessage } from './serialize.ts';
import { responseTo } from './validate.ts';
import type { Address, Transport, TransportSink } from './transport.ts';
import { TcpTransport } from './transport-tcp.ts';
import { UdpTransport } from './transport-udp.ts';
import { WsTransport } from './transport-ws.ts';
import type { Clock } from './transactions/clock.ts';
import type { Send } from './transactions/context.ts';
import { topVia } from './transactions/fields.ts';
import type { ClientTransaction, ServerTransaction } from './transactions/layer.ts';
import { TransactionLayer } from './transactions/layer.ts';
import { ClientInviteTransaction } from './transactions/client-invite.ts';
import { ServerInviteTransaction } from './transactions/server-invite.ts';
import type { TimerConfig } from './transactions/timers.ts';
import { TwoXxRetransmitter } from './transactions/two-xx-retransmitter.ts';

export interface SipStackOptions {
  /** The address to listen on (default 127.0.0.1). */
  host?: string;
  /** The host written in our Via sent-by (default: `host`; needed when listening on 0.0.0.0 or ::). */
  advertisedHost?: string;
  /** A port per transport to run (0: the system picks); a transport left out is not started. */
  udp?: number;
  tcp?: number;
  ws?: number;
  /** TCP connections idle this long are closed (default 10 minutes). */
  tcpIdleMs?: number;
  clock?: Clock;
  timers?: Partial<TimerConfig>;
}

/** Counts for /metrics: what came in, and what was refused. */
export interface SipCounters {
  received: number;
  /** Did not parse or lacked what SIP needs (answered or dropped). */
  malformed: number;
  /** Of those, answered 400. */
  badRequestsAnswered: number;
  /** Messages dropped: malformed and unanswerable, responses not for us, broken streams. */
  dropped: number;
  /** Requests that belonged to a live transaction (retransmissions, ACKs of non-2xx). */
  absorbed: number;
  /** Responses that matched no client transaction (given to onStrayResponse). */
  strayResponses: number;
  /** TU handlers that threw (answered 500). */
  handlerErrors: number;
}

export type RequestHandler = (tx: ServerTransaction, request: SipRequest, source: Peer) => void;

export class SipStack {
  readonly counters: SipCounters = { received: 0, malformed: 0, badRequestsAnswered: 0, dropped: 0, absorbed: 0, strayResponses: 0, handlerErrors: 0 };
  readonly layer: TransactionLayer;
  private readonly transports = new Map<Peer['transport'], Transport>();
  private readonly twoXx: TwoXxRetransmitter;
  private readonly advertisedHost: string;
  private requestHandler: RequestHandler | undefined;
  private ackHandler: ((ack: SipRequest, source: Peer) => void) | undefined;
  private strayHandler: ((response: SipResponse, source: Peer) => void) | undefined;
  private noAckHandler: ((response: SipResponse) => void) | undefined;
  private responseSentHandler: ((status: number) => void) | undefined;
  private closedHandler: ((flow: Peer) => void) | undefined;
  private readonly pendingCancels = new WeakSet<ClientInviteTransaction>();
  private readonly destinations = new WeakMap<ClientTransaction, Peer>();

  private constructor(options: SipStackOptions) {
    this.layer = new TransactionLayer({ clock: options.clock, timers: options.timers });
    this.twoXx = new TwoXxRetransmitter(this.layer.clock, this.layer.config);
    const host = options.host ?? '127.0.0.1';
    if (!options.advertisedHost && (host === '0.0.0.0' || host === '::')) throw new Error(`listening on ${host}, the stack needs advertisedHost for its Via`);
    this.advertisedHost = options.advertisedHost ?? host;
  }

  /** Starts the transports asked for and returns the stack once all listen. */
  static async listen(options: SipStackOptions): Promise<SipStack> {
    const stack = new SipStack(options);
    const host = options.host ?? '127.0.0.1';
    const sink: TransportSink = {
      message: (data, from) => stack.receive(data, from),
      malformed: () => {
        stack.counters.malformed++;
        stack.counters.dropped++;
      },
      closed: (flow) => stack.closedHandler?.(flow),
    };
    try {
      if (options.udp !== undefined) stack.transports.set('udp', await UdpTransport.listen(host, options.udp, sink));
      if (options.tcp !== undefined) stack.transports.set('tcp', await TcpTransport.listen(host, options.tcp, sink, { idleMs: options.tcpIdleMs }));
      if (options.ws !== undefined) stack.transports.set('ws', await WsTransport.listen(host, options.ws, sink));
    } catch (error) {
      await stack.close();
      throw error;
    }
    return stack;
  }

  onRequest(handler: RequestHandler): void {
    this.requestHandler = handler;
  }

  /** ACKs of 2xx responses (each is a transaction of its own, §17.2.3). The 2xx's retransmission has already stopped. */
  onAck(handler: (ack: SipRequest, source: Peer) => void): void {
    this.ackHandler = handler;
  }

  /** Responses no client transaction took: a 2xx retransmitted after its transaction ended, say (the UAC core ACKs it again). */
  onStrayResponse(handler: (response: SipResponse, source: Peer) => void): void {
    this.strayHandler = handler;
  }

  /** A 2xx to INVITE got no ACK within 64*T1: the TU should end the dialog with BYE (§13.3.1.4). */
  onAckTimeout(handler: (response: SipResponse) => void): void {
    this.noAckHandler = handler;
  }

  /** Each response the stack sends, once (not its retransmissions): for the edge's responses-by-code metric. */
  onResponseSent(handler: (status: number) => void): void {
    this.responseSentHandler = handler;
  }

  /** A TCP or WS connection closed (not by close()): the flow its messages came from is gone, with whatever was bound to it (a phone's registration). */
  onConnectionClosed(handler: (flow: Peer) => void): void {
    this.closedHandler = handler;
  }

  /** Where the stack listens. */
  get addresses(): Peer[] {
    return [...this.transports.values()].map((t) => ({ transport: t.protocol, address: t.local.address, port: t.local.port }));
  }

  /** Our own URI on `transport`, for Contact: `sip:host:port` (with `;transport=tcp` or `ws` off UDP). */
  localUri(transport: Peer['transport'], user?: string): string {
    const port = this.transport(transport).local.port;
    return `sip:${user === undefined ? '' : `${user}@`}${this.hostPart()}:${port}${transport === 'udp' ? '' : `;transport=${transport}`}`;
  }

  /** Sends `request` in a new client transaction to `to` (resolved already: address, port, transport). Our Via goes on top. */
  sendRequest(request: SipRequest, to: Peer): ClientTransaction {
    const transport = this.transport(to.transport);
    const prepared = withOwnVia(request, to.transport, this.sentBy(transport));
    const bytes = serializeMessage(prepared); // a request that cannot be written throws here, before any transaction exists
    const tx = this.layer.createClient(prepared, (m) => transport.send(m === prepared ? bytes : serializeMessage(m), to), transport.reliable);
    this.destinations.set(tx, to);
    return tx;
  }

  /** CANCELs a pending INVITE (§9.1): at once when it has had a provisional response, else as soon as it has; nothing when it has a final one. Its 487 comes on the INVITE's transaction. */
  cancel(tx: ClientTransaction): void {
    if (!(tx instanceof ClientInviteTransaction) || this.pendingCancels.has(tx)) return;
    const to = this.destinations.get(tx);
    if (!to) return;
    const send = () => {
      if (tx.state === 'proceeding') this.sendRequest(cancelFor(tx.request), to);
    };
    this.pendingCancels.add(tx);
    if (tx.state === 'calling') tx.once('provisional', send);
    else send();
  }

  /**
   * `request` with our Via on top (a new branch) for `to`'s transport; as it is when it has one. The
   * ACK of a 2xx is made so once and kept: sent again for each copy of the 2xx, it is the same
   * message, branch and all (§17.1.1.3, §13.2.2.4), not a new request.
   */
  withVia(request: SipRequest, to: Peer): SipRequest {
    return withOwnVia(request, to.transport, this.sentBy(this.transport(to.transport)));
  }

  /** Sends without a transaction: the ACK of a 2xx (our Via with a new branch goes on top unless it has ours: withVia), or a response. */
  sendStateless(message: SipMessage, to: Peer): Promise<void> {
    const transport = this.transport(to.transport);
    const prepared = message.kind === 'request' ? withOwnVia(message, to.transport, this.sentBy(transport)) : message;
    return transport.send(serializeMessage(prepared), to);
  }

  async close(): Promise<void> {
    this.layer.terminateAll();
    this.twoXx.stopAll();
    await Promise.all([...this.transports.values()].map((t) => t.close()));
    this.transports.clear();
  }

  /** Everything from the network comes through here; a TU handler that throws is counted, never lets the error reach a socket's event loop. */
  private receive(data: Buffer | SipMessage, from: Peer): void {
    try {
      this.dispatch(data, from);
    } catch {
      this.counters.handlerErrors++;
    }
  }

  private dispatch(data: Buffer | SipMessage, from: Peer): void {
    this.counters.received++;
    const inbound = readInbound(data, from);
    if (inbound.kind === 'drop') {
      if (!inbound.keepalive) {
        this.counters.malformed++;
        this.counters.dropped++;
      }
    } else if (inbound.kind === 'reply') {
      this.counters.malformed++;
      this.counters.badRequestsAnswered++;
      this.responseSentHandler?.(inbound.response.status);
      this.transports
        .get(from.transport)
        ?.send(serializeMessage(inbound.response), from)
        .catch(() => {});
    } else if (inbound.kind === 'response') {
      this.receiveResponse(inbound.response, from);
    } else {
      this.receiveRequest(inbound.request, from);
    }
  }

  private receiveResponse(response: SipResponse, from: Peer): void {
    const via = topVia(response);
    // §18.1.2: a response whose top Via is not ours was not meant for us.
    const ours = via && bare(via.host) === bare(this.advertisedHost.toLowerCase()) && [...this.transports.values()].some((t) => t.local.port === via.port);
    if (!ours) {
      this.counters.dropped++;
      return;
    }
    if (this.layer.receiveResponse(response)) return;
    this.counters.strayResponses++;
    this.strayHandler?.(response, from);
  }

  private receiveRequest(request: SipRequest, from: Peer): void {
    const transport = this.transports.get(from.transport);
    if (!transport) return;
    const toSource = (response: SipResponse) => {
      const dest = responseDestination(request, from, (a: Address) => transport.connected(a));
      return dest ? transport.send(serializeMessage(response), dest) : Promise.reject(new Error('the connection the request came on has closed'));
    };
    let retransmitting = false;
    const counted = new WeakSet<SipResponse>();
    const send: Send = (message) => {
      const response = message as SipResponse;
      if (!counted.has(response)) {
        counted.add(response);
        this.responseSentHandler?.(response.status);
      }
      if (request.method === 'INVITE' && response.status >= 200 && response.status < 300 && !retransmitting) {
        retransmitting = true;
        this.twoXx.start(
          response,
          (again) => void toSource(again).catch(() => {}),
          () => this.noAckHandler?.(response),
        );
      }
      return toSource(response);
    };
    const result = this.layer.receiveRequest(request, send, transport.reliable);
    switch (result.kind) {
      case 'absorbed':
        this.counters.absorbed++;
        return;
      case 'unkeyed':
        this.counters.dropped++;
        return;
      case 'ack':
        this.twoXx.ack(request);
        this.ackHandler?.(request, from);
        return;
      case 'cancel':
        // §9.2: the CANCEL is answered at once; the INVITE, still pending, is the TU's to end (487).
        result.tx.respond(responseTo(request, result.invite ? 200 : 481, result.invite ? 'OK' : 'Call/Transaction Does Not Exist', { toTag: result.invite?.toTag ?? newTag() }));
        result.invite?.cancel(request);
        return;
      case 'new':
        this.deliver(result.tx, request, from);
    }
  }

  private deliver(tx: ServerTransaction, request: SipRequest, from: Peer): void {
    if (!this.requestHandler) {
      tx.respond(responseTo(request, 503, 'Service Unavailable', { toTag: newTag() }));
      return;
    }
    try {
      this.requestHandler(tx, request, from);
    } catch {
      this.counters.handlerErrors++;
      const open = tx instanceof ServerInviteTransaction ? tx.state === 'proceeding' : tx.state === 'trying' || tx.state === 'proceeding';
      if (open) tx.respond(responseTo(request, 500, 'Server Internal Error', { toTag: newTag() }));
    }
  }

  private transport(protocol: Peer['transport']): Transport {
    const transport = this.transports.get(protocol);
    if (!transport) throw new Error(`this SIP stack has no ${protocol.toUpperCase()} transport`);
    return transport;
  }

  private sentBy(transport: Transport): string {
    return `${this.hostPart()}:${transport.local.port}`;
  }

  /** The advertised host as a URI or Via writes it (an IPv6 address in brackets). */
  private hostPart(): string {
    return this.advertisedHost.includes(':') && !this.advertisedHost.startsWith('[') ? `[${this.advertisedHost}]` : this.advertisedHost;
  }
}

function bare(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}
