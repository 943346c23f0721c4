// Operators' SIP credentials (digest HA1s, never passwords) as the registrar reads them: from memory,
// refreshed from otvet every N seconds with `since` (the `next` of the last answer: what changed
// after it, and whom to forget — a removed password or a disabled account stops working within one
// refresh).
// A browser session's credential (kind 'session', digest username `${operator}~…`) carries its
// expiry: past it, the cache answers as for a stranger, even before otvet's next page removes it.
// A username it does not know makes it ask otvet again at once (at most once a second, whoever
// asks): a browser phone registers within a second of its sign-in, long before the next refresh.
// Until the first load succeeds the cache cannot tell a stranger from an operator, and says so
// (CredentialsUnavailable → 503), rather than turning every phone away as unknown.
import type { Logger } from '../../platform/logger.ts';
import type { SipCredential, SipCredentialsPage } from '../otvet/api.ts';
import type { Cancel, Clock } from '../sip/transactions/clock.ts';
import { systemClock } from '../sip/transactions/clock.ts';

/** One credential's HA1s (lower-case hex), the realm they were computed for, and whose it is. */
export interface Ha1Record {
  ha1Md5: string;
  ha1Sha256: string;
  realm: string;
  /** The operator's username: the address-of-record this credential registers. */
  operator: string;
  /** The operator's own password (desk phones), or a browser session's secret (the workstation's phone). */
  kind: 'password' | 'session';
  /** When a session credential stops working (ms since the epoch); null for a password. */
  expiresAt: number | null;
}

/** Where the registrar finds a digest username's HA1s: undefined for no such credential (or an expired one); rejects with CredentialsUnavailable when it cannot tell. */
export interface CredentialsSource {
  ha1For(username: string): Promise<Ha1Record | undefined>;
}

export class CredentialsUnavailable extends Error {
  override readonly name = 'CredentialsUnavailable';
}

/** OtvetApi.sipCredentials: every credential, or what changed after `since` (an earlier page's `next`). */
export type FetchCredentials = (since?: string) => Promise<SipCredentialsPage>;

export interface CredentialsCacheOptions {
  fetch: FetchCredentials;
  /** Seconds between refreshes (default 30). */
  refreshEverySeconds?: number;
  /** When refreshes run (the system's by default). */
  clock?: Clock;
  /** Wall-clock time (ms since the epoch) sessions expire by (Date.now by default). */
  now?: () => number;
  logger?: Logger;
}

/** A miss makes the cache ask otvet again at most this often. */
const MISS_REFRESH_MS = 1000;

export class CredentialsCache implements CredentialsSource {
  readonly counts = { loads: 0, failures: 0 };
  private table = new Map<string, Ha1Record>();
  private since: string | undefined;
  private loaded = false;
  private inFlight: Promise<void> | undefined;
  private timer: Cancel | undefined;
  private running = false;
  private readonly clock: Clock;
  private readonly everyMs: number;
  private readonly now: () => number;
  /** When the last load began, on the clock (failed or not): a miss asks again only a second after it. */
  private loadedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: CredentialsCacheOptions) {
    this.clock = opts.clock ?? systemClock;
    this.everyMs = (opts.refreshEverySeconds ?? 30) * 1000;
    this.now = opts.now ?? Date.now;
  }

  /** Loads once (a failure is logged, not thrown: the next refresh tries again), then refreshes every N seconds until stop(). */
  async start(): Promise<void> {
    this.running = true;
    await this.refresh();
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.timer?.();
    this.timer = undefined;
  }

  async ha1For(username: string): Promise<Ha1Record | undefined> {
    if (!this.loaded) throw new CredentialsUnavailable('the operators’ SIP credentials have not been loaded from otvet yet');
    if (!this.table.has(username) && this.clock.now() - this.loadedAt >= MISS_REFRESH_MS) await this.refresh();
    const record = this.table.get(username);
    return record && (record.expiresAt === null || record.expiresAt > this.now()) ? record : undefined;
  }

  /** Credentials held (expired sessions until otvet removes them). */
  get size(): number {
    return this.table.size;
  }

  /** One refresh (a running one is joined, never doubled): the whole list first, then changes since the last. */
  refresh(): Promise<void> {
    this.inFlight ??= this.load().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async load(): Promise<void> {
    this.loadedAt = this.clock.now();
    let page: SipCredentialsPage;
    try {
      page = await this.opts.fetch(this.loaded ? this.since : undefined);
    } catch (error) {
      this.counts.failures++;
      const log = this.loaded ? 'warn' : 'error';
      this.opts.logger?.[log](
        { err: error, loaded: this.loaded, operators: this.table.size },
        'could not load the operators’ SIP credentials from otvet; phones are checked against what the edge has',
      );
      return;
    }
    this.counts.loads++;
    const table = this.loaded ? this.table : new Map<string, Ha1Record>();
    for (const username of page.removed) table.delete(username);
    for (const row of page.items) table.set(row.username, recordOf(row));
    this.table = table;
    this.since = page.next;
    if (!this.loaded) this.opts.logger?.info({ operators: table.size }, 'operators’ SIP credentials loaded');
    this.loaded = true;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.clock.schedule(this.everyMs, () => {
      void this.refresh().then(() => this.schedule());
    });
  }
}

function recordOf(row: SipCredential): Ha1Record {
  const expiresAt = row.expiresAt === null ? null : Date.parse(row.expiresAt);
  return { ha1Md5: row.ha1Md5.toLowerCase(), ha1Sha256: row.ha1Sha256.toLowerCase(), realm: row.realm, operator: row.operator, kind: row.kind, expiresAt };
}
