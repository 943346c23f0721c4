// Requests to rtpengine over UDP, each matched to its reply by cookie. A request not answered in
// time is sent again with the same cookie: rtpengine answers a cookie it has seen from its reply
// cache instead of acting twice (an offer retried is not a second offer). After the last attempt
// the request fails as a timeout. An `error` result fails as RtpengineError with rtpengine's reason.
import type dgram from 'node:dgram';
import { cookieMaker, decodeNgMessage, encodeNgMessage, ngCookie, NgFormatError, type NgDict, type NgRequest } from './ng-message.ts';
import { NgMetrics, type NgFailureKind } from './ng-metrics.ts';
import { udpSocket } from '../../platform/udp-socket.ts';

export interface NgClientOptions {
  host: string;
  port: number;
  /** How long to wait for each attempt's reply (default 1000 ms). */
  timeoutMs?: number;
  /** Attempts after the first (default 2): 3 s in all before a timeout, by default. */
  retries?: number;
  metrics?: NgMetrics;
}

/** rtpengine said no (`result: error`), did not answer, or answered something unreadable. */
export class RtpengineError extends Error {
  constructor(
    readonly command: string,
    readonly kind: NgFailureKind,
    /** rtpengine's `error-reason`, or what went wrong on our side. */
    readonly reason: string,
  ) {
    super(`rtpengine ${command}: ${kind === 'error' ? reason : `${kind}: ${reason}`}`);
    this.name = 'RtpengineError';
  }
}

interface Pending {
  command: string;
  datagram: Buffer;
  attemptsLeft: number;
  firstSentAt: bigint;
  timer: NodeJS.Timeout;
  resolve: (dict: NgDict) => void;
  reject: (e: Error) => void;
}

export class NgClient {
  readonly metrics: NgMetrics;
  private readonly pending = new Map<string, Pending>();
  private readonly nextCookie = cookieMaker();
  private readonly timeoutMs: number;
  private readonly retries: number;
  private closed = false;

  private constructor(
    private readonly socket: dgram.Socket,
    options: NgClientOptions,
  ) {
    this.metrics = options.metrics ?? new NgMetrics();
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.retries = options.retries ?? 2;
    socket.on('message', (msg) => this.onMessage(msg));
    // An ICMP "port unreachable" comes back as an error on a connected socket: the attempt's timer
    // still decides, so a daemon restarting in the meantime gets the retry.
    socket.on('error', () => {});
  }

  /** A socket connected to rtpengine's ng address: datagrams from anywhere else are not delivered. */
  static async open(options: NgClientOptions): Promise<NgClient> {
    // (replies kept while the process is held up: one lost costs its call a second, three its media)
    const socket = udpSocket(options.host);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(options.port, options.host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return new NgClient(socket, options);
  }

  /** The reply's dictionary when its result is not `error`. */
  request(request: NgRequest): Promise<NgDict> {
    if (this.closed) return Promise.reject(new RtpengineError(request.command, 'timeout', 'the client is closed'));
    const cookie = this.nextCookie();
    const datagram = encodeNgMessage(cookie, request);
    this.metrics.request(request.command);
    return new Promise<NgDict>((resolve, reject) => {
      const p: Pending = {
        command: request.command,
        datagram,
        attemptsLeft: this.retries,
        firstSentAt: process.hrtime.bigint(),
        timer: setTimeout(() => this.onTimeout(cookie), this.timeoutMs),
        resolve,
        reject,
      };
      this.pending.set(cookie, p);
      this.send(p);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [cookie, p] of this.pending) this.settle(cookie, p, new RtpengineError(p.command, 'timeout', 'the client was closed'));
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  private send(p: Pending): void {
    // A send error (no route, refused) is a lost datagram like any other: the timer retries it.
    this.socket.send(p.datagram, () => {});
  }

  private onTimeout(cookie: string): void {
    const p = this.pending.get(cookie);
    if (!p) return;
    if (p.attemptsLeft > 0) {
      p.attemptsLeft -= 1;
      this.metrics.retry();
      p.timer = setTimeout(() => this.onTimeout(cookie), this.timeoutMs);
      this.send(p);
      return;
    }
    this.metrics.failure(p.command, 'timeout');
    this.settle(cookie, p, new RtpengineError(p.command, 'timeout', `no reply after ${this.retries + 1} attempts of ${this.timeoutMs} ms`));
  }

  private onMessage(msg: Buffer): void {
    const cookie = ngCookie(msg);
    const p = cookie === undefined ? undefined : this.pending.get(cookie);
    if (!cookie || !p) {
      this.metrics.strayReply();
      return;
    }
    this.metrics.roundTrip(Number(process.hrtime.bigint() - p.firstSentAt) / 1e9);
    let dict: NgDict;
    try {
      dict = decodeNgMessage(msg).dict;
    } catch (e) {
      this.metrics.failure(p.command, 'protocol');
      this.settle(cookie, p, new RtpengineError(p.command, 'protocol', e instanceof NgFormatError ? e.message : String(e)));
      return;
    }
    if (dict.result === 'error') {
      this.metrics.failure(p.command, 'error');
      const reason = typeof dict['error-reason'] === 'string' ? dict['error-reason'] : 'no error-reason given';
      this.settle(cookie, p, new RtpengineError(p.command, 'error', reason));
      return;
    }
    if (typeof dict.result !== 'string') {
      this.metrics.failure(p.command, 'protocol');
      this.settle(cookie, p, new RtpengineError(p.command, 'protocol', 'the reply has no result'));
      return;
    }
    clearTimeout(p.timer);
    this.pending.delete(cookie);
    p.resolve(dict);
  }

  private settle(cookie: string, p: Pending, error: Error): void {
    clearTimeout(p.timer);
    this.pending.delete(cookie);
    p.reject(error);
  }
}
