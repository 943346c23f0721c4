// What otvet's ACD tells the edge to do (GET /api/v1/telephony/decisions, Server-Sent Events):
// connect, callback, stop_ringing, offer_callback, bridge, hangup, transfer, handed to a callback in the
// order they came. The stream is reopened after any drop, with backoff, sending Last-Event-ID; the
// last id is kept in the edge's data folder, so a restarted edge resumes where it stopped.
// Decisions are idempotent to act on, and one seen again (a replay after a reconnect) is skipped
// by its id anyway.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../platform/logger.ts';
import { maskPhoneNumbers } from '../../platform/phone-numbers.ts';
import { Backoff, sleep, type BackoffOptions } from './backoff.ts';
import { OtvetError, headersOf, urlOf, type OtvetConnection } from './connection.ts';
import { SseParser, type SseMessage } from '../../platform/http/sse-parser.ts';

export const DECISIONS_PATH = '/api/v1/telephony/decisions';
export const LAST_ID_FILE = 'decisions.last-event-id';

export const decisionTypes = ['connect', 'callback', 'stop_ringing', 'offer_callback', 'bridge', 'hangup', 'transfer'] as const;
export type DecisionType = (typeof decisionTypes)[number];

const decisionSchema = z.looseObject({
  id: z.string().min(1),
  type: z.enum(decisionTypes),
  callId: z.string().min(1),
  region: z.string().nullable(),
  queueRegion: z.string().nullable(),
  /** connect and callback: whom to ring; the others the operator they concern, when named (transfer: the one passing the call on). */
  operator: z.object({ id: z.number().int(), username: z.string() }).optional(),
  at: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;

export interface DecisionsOptions {
  connection: OtvetConnection;
  /** The edge's data folder: the last event id is kept there. */
  dataDir: string;
  logger: Logger;
  /** Called for each new decision, in order. A promise it returns is not waited for (its failure is logged). */
  onDecision: (d: Decision) => void | Promise<void>;
  backoff?: BackoffOptions;
  /** Nothing heard for this long (otvet sends a keep-alive every 15 s): the stream is dead, open another (default 45 s). */
  silenceMs?: number;
  /** Decision ids remembered to skip repeats (default 10,000). */
  remember?: number;
}

export interface DecisionsStats {
  connected: boolean;
  /** Decisions handed to onDecision. */
  received: number;
  /** Decisions skipped: seen before, or not understood. */
  skipped: number;
  /** Streams opened, and attempts that failed. */
  connects: number;
  failures: number;
  lastEventId: string;
}

export class DecisionsClient {
  private readonly stopper = new AbortController();
  private readonly backoff: Backoff;
  private readonly handled = new Set<string>();
  private loop: Promise<void> | null = null;
  private lastId = '';
  private savedId = '';
  private saving: Promise<void> | null = null;
  private retryMs: number | undefined;
  private isConnected = false;
  private readonly counts = { received: 0, skipped: 0, connects: 0, failures: 0 };
  private readonly stateListeners: ((connected: boolean) => void)[] = [];

  constructor(private readonly opts: DecisionsOptions) {
    this.backoff = new Backoff(opts.backoff);
  }

  get connected(): boolean {
    return this.isConnected;
  }

  get lastEventId(): string {
    return this.lastId;
  }

  stats(): DecisionsStats {
    return { connected: this.isConnected, lastEventId: this.lastId, ...this.counts };
  }

  /** Hears each time the stream opens (true) or drops (false). */
  onState(fn: (connected: boolean) => void): void {
    this.stateListeners.push(fn);
  }

  /** Reads the last id kept in the data folder, then keeps a stream open until stop(). */
  async start(): Promise<void> {
    if (this.loop) return;
    this.lastId = this.savedId = await readLastId(this.opts.dataDir);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    await this.loop;
    await this.save();
  }

  private get stopped() {
    return this.stopper.signal.aborted;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const opened = await this.stream().catch((e: Error) => {
        // (warned once a run of failures; the rest while otvet is away, at debug)
        if (!this.stopped) this.opts.logger[this.backoff.failures === 0 ? 'warn' : 'debug']({ err: maskPhoneNumbers(e.message) }, 'decisions stream failed; retrying');
        return false;
      });
      this.setConnected(false);
      if (this.stopped) return;
      if (!opened) this.counts.failures++;
      else this.backoff.reset();
      // (after a stream that was open, at least the wait otvet asked for with `retry:`)
      await sleep(Math.max(this.backoff.next(), opened ? Math.min(this.retryMs ?? 0, 30_000) : 0), this.stopper.signal);
    }
  }

  /** One stream, read until it ends; false when it could not be opened. */
  private async stream(): Promise<boolean> {
    const cut = new AbortController();
    const signal = AbortSignal.any([this.stopper.signal, cut.signal]);
    // Silence this long, before the answer or within the stream, ends the attempt (a half-open connection).
    let silence: NodeJS.Timeout | undefined;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => cut.abort(), this.opts.silenceMs ?? 45_000);
    };
    heard();
    const headers = headersOf(this.opts.connection, { accept: 'text/event-stream', ...(this.lastId ? { 'last-event-id': this.lastId } : {}) });
    let res: Response;
    try {
      res = await (this.opts.connection.fetch ?? fetch)(urlOf(this.opts.connection, DECISIONS_PATH), { headers, signal });
    } catch (e) {
      clearTimeout(silence);
      throw e;
    }
    if (res.status !== 200 || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream') || !res.body) {
      clearTimeout(silence);
      const e = await OtvetError.from('GET', DECISIONS_PATH, res);
      if (res.status === 401 || res.status === 403) this.opts.logger.error({ status: res.status }, 'otvet refuses the edge’s token for decisions (it must have the telephony scope)');
      throw e;
    }
    this.counts.connects++;
    this.setConnected(true);
    const parser = new SseParser((m) => this.message(m), this.lastId);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        heard();
        parser.feed(value);
        this.moved(parser.lastEventId);
      }
    } catch (e) {
      if (!signal.aborted) throw e;
      if (cut.signal.aborted) this.opts.logger.warn('decisions stream silent too long; reconnecting');
    } finally {
      clearTimeout(silence);
      await reader.cancel().catch(() => {});
      this.retryMs = parser.retry;
    }
    return true;
  }

  private message(m: SseMessage): void {
    let decision: Decision;
    try {
      const parsed = decisionSchema.safeParse(JSON.parse(m.data));
      if (!parsed.success) {
        this.counts.skipped++;
        this.opts.logger.warn({ event: m.event, id: m.id, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, 'decision not understood; skipped');
        return;
      }
      decision = parsed.data;
    } catch {
      this.counts.skipped++;
      this.opts.logger.warn({ event: m.event, id: m.id }, 'decision is not JSON; skipped');
      return;
    }
    if (this.handled.has(decision.id)) {
      this.counts.skipped++;
      return;
    }
    this.remember(decision.id);
    this.counts.received++;
    try {
      const done = this.opts.onDecision(decision);
      if (done) done.catch((e: Error) => this.opts.logger.error({ err: e, decision: decision.id, type: decision.type }, 'acting on a decision failed'));
    } catch (e) {
      this.opts.logger.error({ err: e, decision: decision.id, type: decision.type }, 'acting on a decision failed');
    }
  }

  private remember(id: string) {
    this.handled.add(id);
    if (this.handled.size > (this.opts.remember ?? 10_000)) this.handled.delete(this.handled.values().next().value!);
  }

  /** The stream's last id moved: kept on disk soon (one write at a time; the newest id wins). */
  private moved(id: string) {
    if (id === this.lastId) return;
    this.lastId = id;
    void this.save();
  }

  private save(): Promise<void> {
    this.saving ??= (async () => {
      while (this.savedId !== this.lastId) {
        const id = this.lastId;
        try {
          await writeLastId(this.opts.dataDir, id);
          this.savedId = id;
        } catch (e) {
          this.opts.logger.warn({ err: e }, 'could not keep the decisions’ last event id');
          return;
        }
      }
    })().finally(() => (this.saving = null));
    return this.saving;
  }

  private setConnected(connected: boolean) {
    if (this.isConnected === connected) return;
    this.isConnected = connected;
    for (const fn of this.stateListeners) fn(connected);
  }
}

async function readLastId(dir: string): Promise<string> {
  try {
    return (await fs.readFile(path.join(dir, LAST_ID_FILE), 'utf8')).trim();
  } catch {
    return '';
  }
}

/** Written aside and renamed over: a crash leaves the old id or the new, never half of one. */
async function writeLastId(dir: string, id: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, LAST_ID_FILE);
  const handle = await fs.open(`${file}.tmp`, 'w', 0o600);
  try {
    await handle.writeFile(id);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await fs.rename(`${file}.tmp`, file);
}
