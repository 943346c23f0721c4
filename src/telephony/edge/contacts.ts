// The registrar's bindings (RFC 3261 §10.3): per operator (the address-of-record is the username),
// the contacts of each device with its expiry on an injected clock, the Call-ID and CSeq that last
// set it, and where the REGISTER came from (the phone's NAT address, or its TCP/WS connection).
// A change is checked whole before any of it is made (§10.3: committed if and only if all succeed).
import { EventEmitter } from 'node:events';
import type { Peer } from '../sip/message.ts';
import type { Params } from '../sip/params.ts';
import type { Cancel, Clock } from '../sip/transactions/clock.ts';
import { parseUri } from '../sip/uri.ts';
import type { SipUri } from '../sip/uri.ts';

export interface Binding {
  aor: string;
  /** The Contact URI exactly as the phone wrote it: phones find their own in the 200 by comparing the text. */
  uri: string;
  /** The Contact's header parameters but expires (q, +sip.instance…), as written. */
  params: Params;
  callId: string;
  cseq: number;
  /** On the clock's time line. */
  expiresAt: number;
  /** When it was last added or refreshed, on the clock's time line. */
  refreshedAt: number;
  /** Where the REGISTER came from: UDP, the address and port seen (the NAT's); TCP and WS, the connection. */
  source: Peer;
  userAgent?: string;
}

/** One contact of a REGISTER, its expiry granted already; 0 removes it. */
export interface ContactChange {
  /** A sip: or sips: URI (checked by the caller). */
  uri: string;
  params: Params;
  expires: number;
}

export interface BindingUpdate {
  callId: string;
  cseq: number;
  source: Peer;
  userAgent?: string;
  /** The contacts to add, refresh or remove; `'*'` removes them all (Contact: *, Expires: 0). */
  contacts: ContactChange[] | '*';
}

export type UpdateResult = { ok: true; evicted: number } | { ok: false; reason: string };

export type GoneCause = 'removed' | 'expired' | 'flow';

export type BindingEvents = {
  /** The operator's first binding appeared. */
  registered: [aor: string];
  /** The operator's last binding went. */
  unregistered: [aor: string, cause: GoneCause];
};

export class Bindings extends EventEmitter<BindingEvents> {
  /** Operator → their bindings by URI as written. */
  private readonly byAor = new Map<string, Map<string, Binding>>();
  private readonly timers = new Map<Binding, Cancel>();

  constructor(
    private readonly clock: Clock,
    /** Devices an operator may have at once; a new one beyond them replaces the one refreshed longest ago. */
    private readonly maxPerAor: number,
  ) {
    super();
  }

  /** The live bindings of an operator, most recently refreshed first. */
  list(aor: string): Binding[] {
    return [...(this.byAor.get(aor)?.values() ?? [])].sort((a, b) => b.refreshedAt - a.refreshedAt);
  }

  /** Operators with at least one binding. */
  get operators(): number {
    return this.byAor.size;
  }

  /** Bindings of every operator. */
  get size(): number {
    let n = 0;
    for (const m of this.byAor.values()) n += m.size;
    return n;
  }

  /**
   * Applies a REGISTER's contacts (§10.3 step 7): a binding set by the same Call-ID with a CSeq as high
   * or higher refuses the whole request (an old REGISTER arriving late must not undo a newer one).
   */
  update(aor: string, u: BindingUpdate): UpdateResult {
    const current = this.byAor.get(aor) ?? new Map<string, Binding>();
    const touched = u.contacts === '*' ? [...current.values()] : u.contacts.map((c) => find(current, c.uri)).filter((b) => b !== undefined);
    const stale = touched.find((b) => b.callId === u.callId && u.cseq <= b.cseq);
    if (stale) return { ok: false, reason: `CSeq ${u.cseq} is not above ${stale.cseq}, which set ${stale.uri} with this Call-ID` };
    const before = current.size;
    const now = this.clock.now();
    if (u.contacts === '*') {
      for (const b of current.values()) this.drop(current, b);
    } else {
      for (const c of u.contacts) {
        const old = find(current, c.uri);
        if (old) this.drop(current, old);
        if (c.expires > 0) {
          const b: Binding = { aor, uri: c.uri, params: c.params, callId: u.callId, cseq: u.cseq, expiresAt: now + c.expires * 1000, refreshedAt: now, source: u.source };
          if (u.userAgent !== undefined) b.userAgent = u.userAgent;
          current.set(c.uri, b);
          this.timers.set(
            b,
            this.clock.schedule(c.expires * 1000, () => this.expire(b)),
          );
        }
      }
    }
    let evicted = 0;
    while (current.size > this.maxPerAor) {
      const oldest = [...current.values()].reduce((a, b) => (b.refreshedAt < a.refreshedAt ? b : a));
      this.drop(current, oldest);
      evicted++;
    }
    this.settle(aor, current, before, 'removed'); // only a removal can leave none: an eviction makes room for a new one
    return { ok: true, evicted };
  }

  /** Drops the bindings registered over a connection that has closed (TCP, WS): nothing can reach those phones any more. */
  dropFlow(flow: Peer): number {
    let dropped = 0;
    for (const [aor, current] of [...this.byAor]) {
      const before = current.size;
      for (const b of [...current.values()]) {
        if (b.source.transport === flow.transport && b.source.address === flow.address && b.source.port === flow.port) {
          this.drop(current, b);
          dropped++;
        }
      }
      this.settle(aor, current, before, 'flow');
    }
    return dropped;
  }

  /** Stops every expiry timer and forgets every binding (no events). */
  clear(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    this.byAor.clear();
  }

  private expire(b: Binding): void {
    const current = this.byAor.get(b.aor);
    if (!current || current.get(b.uri) !== b) return;
    this.timers.delete(b);
    current.delete(b.uri);
    this.settle(b.aor, current, current.size + 1, 'expired');
  }

  private drop(current: Map<string, Binding>, b: Binding): void {
    this.timers.get(b)?.();
    this.timers.delete(b);
    current.delete(b.uri);
  }

  /** Keeps or forgets the operator's map, and says when the operator appeared or went. */
  private settle(aor: string, current: Map<string, Binding>, before: number, cause: GoneCause): void {
    if (current.size > 0) this.byAor.set(aor, current);
    else this.byAor.delete(aor);
    if (before === 0 && current.size > 0) this.emit('registered', aor);
    if (before > 0 && current.size === 0) this.emit('unregistered', aor, cause);
  }
}

/** The operator's binding whose contact is the same URI as `uri` (§19.1.4), if any. */
function find(current: Map<string, Binding>, uri: string): Binding | undefined {
  const exact = current.get(uri);
  if (exact) return exact;
  const u = parseUri(uri);
  for (const b of current.values()) if (sameUri(parseUri(b.uri), u)) return b;
  return undefined;
}

/** Parameters that must be in both URIs, and equal, or in neither (§19.1.4). */
const MUST_MATCH = ['user', 'ttl', 'method', 'maddr', 'transport'];

/**
 * URI equality of RFC 3261 §19.1.4: scheme; user and password as written (escapes resolved); host
 * without case; the port only when both or neither give it; the parameters in MUST_MATCH; any other
 * parameter only when both have it (without case); headers all equal.
 */
export function sameUri(a: SipUri, b: SipUri): boolean {
  if (a.scheme !== b.scheme || a.user !== b.user || a.password !== b.password || a.host.toLowerCase() !== b.host.toLowerCase() || a.port !== b.port) return false;
  for (const name of MUST_MATCH) if (!sameParam(a.params.get(name), b.params.get(name))) return false;
  for (const [name, value] of a.params) if (b.params.has(name) && !sameParam(value, b.params.get(name))) return false;
  const hb = new Map(b.headers.map(([n, v]) => [n.toLowerCase(), v]));
  return a.headers.length === b.headers.length && a.headers.every(([n, v]) => hb.get(n.toLowerCase()) === v);
}

function sameParam(x: string | null | undefined, y: string | null | undefined): boolean {
  return x === y || (typeof x === 'string' && typeof y === 'string' && x.toLowerCase() === y.toLowerCase());
}
