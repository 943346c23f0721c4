// The transaction layer: the tables of live client and server transactions, how an incoming message
// finds its own (keys.ts), and new transactions made and started. Transports and the TU sit around
// it in stack.ts; this file knows nothing of sockets.
import type { SipRequest, SipResponse } from '../message.ts';
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import type { EventEmitter } from 'node:events';
import type { ClientTransactionEvents, Send, TransactionContext } from './context.ts';
import { ClientInviteTransaction } from './client-invite.ts';
import { ClientNonInviteTransaction } from './client-non-invite.ts';
import { cancelTarget, clientKey, serverKey } from './keys.ts';
import { ServerInviteTransaction } from './server-invite.ts';
import { ServerNonInviteTransaction } from './server-non-invite.ts';
import type { TimerConfig } from './timers.ts';
import { timerConfig, timersFor } from './timers.ts';

export type ClientTransaction = ClientInviteTransaction | ClientNonInviteTransaction;
export type ServerTransaction = ServerInviteTransaction | ServerNonInviteTransaction;

/** What became of an incoming request. */
export type Incoming =
  /** It belonged to a live transaction (a retransmission, an ACK of a non-2xx, a repeated CANCEL), which dealt with it. */
  | { kind: 'absorbed'; tx: ServerTransaction }
  /** A new server transaction, started, for the TU to answer. */
  | { kind: 'new'; tx: ServerTransaction }
  /** A new CANCEL transaction, and the INVITE transaction it cancels if one is live. */
  | { kind: 'cancel'; tx: ServerNonInviteTransaction; invite: ServerInviteTransaction | undefined }
  /** An ACK of no transaction: the ACK of a 2xx, for the TU (§17.2.3, §13.3.1.4). */
  | { kind: 'ack' }
  /** No Via branch, sent-by or CSeq to key it by: it cannot be answered. */
  | { kind: 'unkeyed' };

export interface TransactionLayerOptions {
  clock?: Clock;
  timers?: Partial<TimerConfig>;
}

export class TransactionLayer {
  readonly clock: Clock;
  readonly config: TimerConfig;
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly servers = new Map<string, ServerTransaction>();

  constructor(options: TransactionLayerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.config = timerConfig(options.timers);
  }

  /** Starts a client transaction for `request` (its top Via must carry a unique branch). ACK never has one. */
  createClient(request: SipRequest, send: Send, reliable: boolean): ClientTransaction {
    if (request.method === 'ACK') throw new Error('an ACK is sent without a transaction');
    const key = clientKey(request);
    if (!key) throw new Error('a request needs a top Via with a branch and a CSeq to start a transaction');
    if (this.clients.has(key)) throw new Error(`a client transaction with branch and method ${key} is already running`);
    const ctx = this.context(send, reliable);
    const tx = request.method === 'INVITE' ? new ClientInviteTransaction(request, ctx) : new ClientNonInviteTransaction(request, ctx);
    const emitter: EventEmitter<ClientTransactionEvents> = tx;
    this.track<ClientTransaction>(this.clients, key, tx, (l) => emitter.once('terminated', l));
    tx.start();
    return tx;
  }

  /** Hands a response to its client transaction; undefined when none matches (a stray, for the core: §18.1.2). */
  receiveResponse(response: SipResponse): ClientTransaction | undefined {
    const key = clientKey(response);
    const tx = key === undefined ? undefined : this.clients.get(key);
    tx?.receive(response);
    return tx;
  }

  /** Finds or makes the server transaction of an incoming request. `send` routes its responses (§18.2.2). */
  receiveRequest(request: SipRequest, send: Send, reliable: boolean): Incoming {
    const key = serverKey(request);
    if (key === undefined) return { kind: 'unkeyed' };
    const live = this.servers.get(key);
    if (live) {
      live.receive(request);
      return { kind: 'absorbed', tx: live };
    }
    if (request.method === 'ACK') return { kind: 'ack' };
    const ctx = this.context(send, reliable);
    if (request.method === 'INVITE') {
      const tx = new ServerInviteTransaction(request, ctx);
      this.track<ServerTransaction>(this.servers, key, tx, (l) => tx.once('terminated', l));
      tx.start();
      return { kind: 'new', tx };
    }
    const tx = new ServerNonInviteTransaction(request, ctx);
    this.track<ServerTransaction>(this.servers, key, tx, (l) => tx.once('terminated', l));
    tx.start();
    if (request.method !== 'CANCEL') return { kind: 'new', tx };
    const target = cancelTarget(request);
    const invite = target === undefined ? undefined : this.servers.get(target);
    return { kind: 'cancel', tx, invite: invite instanceof ServerInviteTransaction ? invite : undefined };
  }

  /** Live transactions, for metrics. */
  get size(): { client: number; server: number } {
    return { client: this.clients.size, server: this.servers.size };
  }

  /** Ends every transaction (timers stopped, 'terminated' emitted); used when the stack closes. */
  terminateAll(): void {
    for (const tx of [...this.clients.values(), ...this.servers.values()]) tx.terminate();
  }

  private context(send: Send, reliable: boolean): TransactionContext {
    return { clock: this.clock, timers: timersFor(this.config, reliable), send };
  }

  /** Keeps `tx` under `key` until it ends. */
  private track<T>(table: Map<string, T>, key: string, tx: T, ended: (listener: () => void) => void): void {
    table.set(key, tx);
    ended(() => {
      if (table.get(key) === tx) table.delete(key);
    });
  }
}
