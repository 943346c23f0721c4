// Sends the journal's events to otvet (POST /api/v1/telephony/events): oldest first, up to 1,000 a
// request, one request at a time. An event leaves the journal once otvet has given its verdict:
// accepted, duplicate (it had it already: a resend after a crash or a lost answer), or rejected (it
// cannot have happened; sending it again would change nothing, so it is logged and let go).
// Network errors, 5xx and 429 are retried with capped exponential backoff (Retry-After honoured);
// while they last the edge is not `online` and plays "service unavailable" to new callers.
import type { Logger } from '../../platform/logger.ts';
import { maskPhoneNumbers } from '../../platform/phone-numbers.ts';
import { Backoff, retryAfterMs, sleep, type BackoffOptions } from './backoff.ts';
import { headersOf, urlOf, type OtvetConnection } from './connection.ts';
import type { EdgeEvent, Verdict } from './events.ts';
import type { Journal, JournalEntry } from './journal.ts';

export const EVENTS_PATH = '/api/v1/telephony/events';
/** otvet's limit per request. */
export const MAX_BATCH = 1000;
/** Under otvet's 4 MiB body limit for this route, with room to spare. */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

export interface ReporterOptions {
  connection: OtvetConnection;
  journal: Journal;
  logger: Logger;
  /** Events per request, at most 1,000 (the default). */
  batchSize?: number;
  backoff?: BackoffOptions;
  /** A request not answered in this time is given up and retried (default 30 s). */
  requestTimeoutMs?: number;
  /** With nothing to send, otvet's /readyz is asked this often (default 5 s), so `online` is known before a call needs it. */
  probeIntervalMs?: number;
  /** A Retry-After longer than this is cut to it (default 5 minutes). */
  maxRetryAfterMs?: number;
}

/** Figures for the edge's /metrics. */
export interface ReporterStats {
  online: boolean;
  /** Events in the journal waiting for a verdict. */
  pending: number;
  /** Events otvet has given a verdict on, and the verdicts. */
  sent: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Requests that failed (network, timeout, 5xx, 429, refused). */
  failures: number;
  requests: number;
}

type Outcome = { retryInMs: number } | null;
type Answer = { status: number; headers: Headers; text: string };

export class Reporter {
  private readonly counts = { sent: 0, accepted: 0, duplicate: 0, rejected: 0, failures: 0, requests: 0 };
  private isOnline = false;
  private readonly backoff: Backoff;
  private readonly stopper = new AbortController();
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private limit: number;
  private readonly onlineListeners: ((online: boolean) => void)[] = [];
  private readonly drainWaiters: (() => void)[] = [];
  private unlisten: (() => void) | null = null;
  private inFlight: AbortController | null = null;

  constructor(private readonly opts: ReporterOptions) {
    this.backoff = new Backoff(opts.backoff);
    this.limit = Math.max(1, Math.min(MAX_BATCH, opts.batchSize ?? MAX_BATCH));
  }

  /** otvet answers: false from the first failed request (or readiness check) until one succeeds. */
  get online(): boolean {
    return this.isOnline;
  }

  /** Hears every change of `online`. */
  onOnline(fn: (online: boolean) => void): void {
    this.onlineListeners.push(fn);
  }

  stats(): ReporterStats {
    return { online: this.isOnline, pending: this.opts.journal.size, ...this.counts };
  }

  /** Puts events in the journal (on disk when this resolves); they are sent as soon as possible. */
  report(events: EdgeEvent[]): Promise<void> {
    return this.opts.journal.append(events);
  }

  start(): void {
    if (this.loop) return;
    this.unlisten = this.opts.journal.onAppend(() => this.wake?.());
    this.loop = this.run();
  }

  /** Stops sending (a request under way is abandoned; its events stay in the journal). */
  async stop(): Promise<void> {
    this.stopper.abort();
    this.inFlight?.abort();
    this.wake?.();
    this.unlisten?.();
    await this.loop;
  }

  /** Resolves when the journal is empty: everything reported has its verdict. */
  drained(): Promise<void> {
    if (this.opts.journal.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private get stopped() {
    return this.stopper.signal.aborted;
  }

  private async run(): Promise<void> {
    let lastContact = 0;
    while (!this.stopped) {
      const batch = this.opts.journal.pending(this.limit, MAX_BODY_BYTES);
      if (!batch.length) {
        for (const resolve of this.drainWaiters.splice(0)) resolve();
        const probeIn = lastContact + (this.opts.probeIntervalMs ?? 5000) - Date.now();
        if (probeIn > 0 && (await this.idle(probeIn))) continue;
        if (this.stopped) return;
        const outcome = await this.probe();
        if (outcome) await sleep(outcome.retryInMs, this.stopper.signal);
        else lastContact = Date.now();
        continue;
      }
      const outcome = await this.send(batch);
      if (outcome) await sleep(outcome.retryInMs, this.stopper.signal);
      else lastContact = Date.now();
    }
  }

  /** Waits for an append or stop() (true), or for the time to pass (false). */
  private async idle(ms: number): Promise<boolean> {
    let woken = false;
    const done = new AbortController();
    this.wake = () => {
      woken = true;
      done.abort();
    };
    await sleep(ms, done.signal);
    this.wake = null;
    return woken;
  }

  /** A request and its answer's text, under a timeout, given up at stop(); a network error is returned, not thrown. */
  private async request(path: string, init: RequestInit): Promise<Answer | Error> {
    this.counts.requests++;
    // (one controller per request rather than AbortSignal.any over the reporter's long-lived one)
    const abort = new AbortController();
    const ms = this.opts.requestTimeoutMs ?? 30_000;
    const timer = setTimeout(() => abort.abort(new Error(`no answer in ${ms} ms`)), ms);
    this.inFlight = abort;
    try {
      const res = await (this.opts.connection.fetch ?? fetch)(urlOf(this.opts.connection, path), { ...init, signal: abort.signal });
      return { status: res.status, headers: res.headers, text: await res.text() };
    } catch (e) {
      return e as Error;
    } finally {
      clearTimeout(timer);
      this.inFlight = null;
    }
  }

  /** Is otvet there? (GET /readyz) */
  private async probe(): Promise<Outcome> {
    const res = await this.request('/readyz', { headers: headersOf(this.opts.connection) });
    if (this.stopped) return null;
    if (res instanceof Error) return this.failed(res.message);
    if (res.status !== 200) return this.failed(`readyz ${res.status}`, res);
    this.reachable();
    return null;
  }

  private async send(batch: JournalEntry[]): Promise<Outcome> {
    const body = `{"events":[${batch.map((e) => e.json).join(',')}]}`;
    const res = await this.request(EVENTS_PATH, { method: 'POST', headers: headersOf(this.opts.connection, { 'content-type': 'application/json' }), body });
    if (this.stopped) return null;
    if (res instanceof Error) return this.failed(res.message);
    if (res.status === 200) {
      let results: Verdict[];
      try {
        results = (JSON.parse(res.text) as { results: Verdict[] }).results;
        if (!Array.isArray(results)) throw new Error('no results list');
      } catch (e) {
        return this.failed(`an answer that could not be read: ${(e as Error).message}`);
      }
      // (an answer with no verdict for any of them would otherwise send them again at once, for ever)
      if (!(await this.settle(batch, results))) return this.failed('an answer without verdicts for the events sent');
      this.reachable();
      this.limit = Math.min(this.opts.batchSize ?? MAX_BATCH, MAX_BATCH, this.limit * 2);
      return null;
    }
    const detail = res.text;
    if ((res.status === 400 || res.status === 413) && batch.length > 1) {
      // Not a batch otvet takes as a whole (too large for a proxy, say): smaller ones.
      this.limit = Math.max(1, Math.floor(batch.length / 2));
      this.opts.logger.warn({ status: res.status, events: batch.length, detail: maskPhoneNumbers(detail.slice(0, 300)) }, 'otvet refused a batch of events; sending smaller ones');
      return null;
    }
    if (res.status === 400 || res.status === 413) {
      // One event otvet will never take: keeping it would hold back every event after it.
      this.opts.logger.error({ status: res.status, event: loggable(batch[0]!.event), detail: maskPhoneNumbers(detail.slice(0, 300)) }, 'otvet refused an event outright; dropped');
      this.counts.sent++;
      this.counts.rejected++;
      await this.opts.journal.ack([batch[0]!.id]);
      return null;
    }
    return this.failed(`${EVENTS_PATH} ${res.status} ${maskPhoneNumbers(detail.slice(0, 200))}`, res);
  }

  /** Applies otvet's verdicts: every event that has one leaves the journal. How many had one. */
  private async settle(batch: JournalEntry[], results: Verdict[]): Promise<number> {
    const byId = new Map(results.map((r) => [r.id, r]));
    const done: string[] = [];
    batch.forEach((entry, i) => {
      const v = results[i]?.id === entry.id ? results[i] : byId.get(entry.id);
      if (!v) return; // (no verdict: it stays, and goes again)
      done.push(entry.id);
      this.counts.sent++;
      if (v.status === 'accepted') this.counts.accepted++;
      else if (v.status === 'duplicate') this.counts.duplicate++;
      else {
        this.counts.rejected++;
        this.opts.logger.warn({ event: loggable(entry.event), reason: maskPhoneNumbers(v.reason ?? '') }, 'otvet rejected an event');
      }
    });
    await this.opts.journal.ack(done);
    return done.length;
  }

  private reachable() {
    this.backoff.reset();
    this.setOnline(true);
  }

  private setOnline(online: boolean) {
    if (this.isOnline === online) return;
    this.isOnline = online;
    if (online) this.opts.logger.info({ pending: this.opts.journal.size }, 'otvet is reachable');
    for (const fn of this.onlineListeners) fn(online);
  }

  /** A failed request: offline, unless otvet only asks to slow down (429); the wait before the next. */
  private failed(why: string, res?: Answer): Outcome {
    this.counts.failures++;
    if (res?.status === 429) {
      this.opts.logger.debug({ why }, 'otvet asks the edge to slow down');
      this.setOnline(true);
    } else {
      // (logged once an outage, and once at start when otvet is not there yet)
      if (this.isOnline || this.counts.failures === 1) this.opts.logger.warn({ why, pending: this.opts.journal.size }, 'otvet is unreachable; events are kept in the journal');
      else this.opts.logger.debug({ why }, 'otvet: request failed');
      this.setOnline(false);
    }
    if (res && (res.status === 401 || res.status === 403)) this.opts.logger.error({ status: res.status }, 'otvet refuses the edge’s token: check the edge’s token (it must have the telephony scope)');
    const wait = this.backoff.next();
    const asked = retryAfterMs(res?.headers.get('retry-after'));
    return { retryInMs: asked === undefined ? wait : Math.max(wait, Math.min(asked, this.opts.maxRetryAfterMs ?? 300_000)) };
  }
}

/** An event as the log may show it: never the caller's number. */
function loggable(e: EdgeEvent) {
  return { id: maskPhoneNumbers(e.id), callId: maskPhoneNumbers(e.callId), type: e.type };
}
