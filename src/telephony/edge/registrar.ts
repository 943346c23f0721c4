// The registrar for operators' phones (RFC 3261 §10.3): REGISTER authenticated by digest
// (phone-auth.ts), the operator's bindings updated (contacts.ts) and every current contact listed
// in the 200 with its remaining time. The address-of-record is the operator's username (the verdict's
// operator, also for a browser's session credential `${operator}~…`): To and From must name it. The B2BUA asks contactsOf(username) where to ring an operator; 'registered' and
// 'unregistered' say when an operator's phones appear and go (for the registrations gauge).
import { EventEmitter } from 'node:events';
import { header, headers } from '../sip/message.ts';
import type { HeaderField, Peer, SipRequest } from '../sip/message.ts';
import { parseNameAddr } from '../sip/name-addr.ts';
import { formatParams } from '../sip/params.ts';
import { newTag } from '../sip/outbound.ts';
import type { ServerTransaction } from '../sip/transactions/layer.ts';
import type { Clock } from '../sip/transactions/clock.ts';
import { systemClock } from '../sip/transactions/clock.ts';
import { cseqOf } from '../sip/transactions/fields.ts';
import { parseUri, uriScheme } from '../sip/uri.ts';
import { responseTo } from '../sip/validate.ts';
import { Bindings } from './contacts.ts';
import type { Binding, GoneCause } from './contacts.ts';
import { FORBIDDEN } from './phone-auth.ts';
import type { PhoneAuth } from './phone-auth.ts';
import { readRegister } from './register-request.ts';
import type { ExpiryLimits } from './register-request.ts';

export interface RegistrarOptions {
  auth: PhoneAuth;
  /** Bindings expire on this clock (the system's by default). */
  clock?: Clock;
  /** Seconds (defaults: min 60, max 3600, default 3600). */
  expires?: Partial<ExpiryLimits>;
  /** Phones per operator at once (default 10): a new one beyond replaces the one refreshed longest ago. */
  maxDevices?: number;
  /** Wall-clock time for the Date field of a 200 (§10.3 step 8). */
  now?: () => number;
  /** Seconds a phone is asked to wait when credentials cannot be read (default 30). */
  retryAfterSeconds?: number;
}

/** Where and how to reach one of an operator's phones. */
export interface OperatorContact {
  /** The Contact URI the phone registered: the Request-URI of an INVITE to it. */
  uri: string;
  /**
   * Where to send requests to it (the flow): the transport it registered over, and for UDP the
   * address and port its REGISTER came from (its NAT's), for TCP and WS the connection it holds open.
   */
  target: Peer;
  /** The Contact's host and port are not where the REGISTER came from: a NAT (or a proxy) is in between. */
  natted: boolean;
  expiresInSeconds: number;
  /** The Contact's q, when given (0 to 1). */
  q?: number;
  /** RFC 5626 +sip.instance, when given: the same device across restarts. */
  instance?: string;
  userAgent?: string;
}

export type RegistrarEvents = {
  registered: [username: string];
  unregistered: [username: string, cause: GoneCause];
  /** A REGISTER refused (401 challenges are not counted here): for logs and metrics; never carries a password. */
  refused: [info: { status: number; reason: string; source: Peer; username?: string }];
};

export class Registrar extends EventEmitter<RegistrarEvents> {
  /** REGISTERs answered, by status. */
  readonly responses = new Map<number, number>();
  private readonly bindings: Bindings;
  private readonly clock: Clock;
  private readonly limits: ExpiryLimits;
  private readonly now: () => number;

  constructor(private readonly opts: RegistrarOptions) {
    super();
    this.clock = opts.clock ?? systemClock;
    this.limits = { min: 60, max: 3600, default: 3600, ...opts.expires };
    if (this.limits.min > this.limits.max || this.limits.min > 3600) throw new Error('registrar: min expires must be at most max and at most 3600 (§10.3)');
    this.now = opts.now ?? Date.now;
    this.bindings = new Bindings(this.clock, opts.maxDevices ?? 10);
    this.bindings.on('registered', (aor) => this.emit('registered', aor));
    this.bindings.on('unregistered', (aor, cause) => this.emit('unregistered', aor, cause));
  }

  /** Answers a REGISTER's server transaction. Never throws: a failure inside answers 500. */
  handle(tx: ServerTransaction, req: SipRequest, source: Peer): void {
    void this.answer(req, source)
      .catch(() => ({ status: 500, reason: 'Server Internal Error', fields: [] }))
      .then(({ status, reason, fields }) => this.respond(tx, req, status, reason, fields))
      .catch(() => {}); // a response that cannot be built: the phone's transaction times out, as if lost
  }

  /** The live bindings of an operator, the most recently registered first. */
  contactsOf(username: string): OperatorContact[] {
    const now = this.clock.now();
    return this.bindings.list(username).map((b) => contactOf(b, now));
  }

  /** Operators with at least one phone registered (the registrations gauge). */
  get registeredOperators(): number {
    return this.bindings.operators;
  }

  /** Phones registered, all operators together. */
  get registeredPhones(): number {
    return this.bindings.size;
  }

  /** A TCP or WS connection closed: the phones registered over it cannot be reached until they register again. */
  connectionClosed(flow: Peer): void {
    if (flow.transport !== 'udp') this.bindings.dropFlow(flow);
  }

  close(): void {
    this.bindings.clear();
  }

  private async answer(req: SipRequest, source: Peer): Promise<{ status: number; reason: string; fields: HeaderField[] }> {
    const refuse = (status: number, reason: string, fields: HeaderField[] = [], username?: string) => {
      this.emit('refused', { status, reason, source, ...(username === undefined ? {} : { username }) });
      return { status, reason, fields };
    };
    // §10.3 steps 1-2: a Request-URI we can serve, and no extension we do not have.
    if (uriScheme(req.uri) !== 'sip' && uriScheme(req.uri) !== 'sips') return refuse(416, 'Unsupported URI Scheme');
    const required = headers(req, 'Require');
    if (required.length > 0) return refuse(420, 'Bad Extension', [{ name: 'Unsupported', value: required.join(', ') }]);
    // Step 3: who is asking.
    const auth = await this.opts.auth.check(req, source.transport);
    if (!auth.ok) {
      if (auth.status === 401) return { status: 401, reason: 'Unauthorized', fields: this.opts.auth.challenge(req, auth.stale, source.transport) };
      if (auth.status === 503) return refuse(503, 'Service Unavailable', [{ name: 'Retry-After', value: String(this.opts.retryAfterSeconds ?? 30) }]);
      return refuse(auth.status, auth.status === 403 ? FORBIDDEN : 'Bad Request', [], undefined);
    }
    const { username, operator } = auth;
    // Steps 4-5: an operator registers their own phones only (the address-of-record is their username).
    const aor = userOf(header(req, 'To'));
    if (aor === undefined) return refuse(404, 'Not Found', [], username);
    if (aor !== operator || userOf(header(req, 'From')) !== operator) return refuse(403, FORBIDDEN, [], username);
    // Steps 6-7: the contacts and their expiry, checked whole before any binding changes.
    const plan = readRegister(req, this.limits);
    if (plan.kind === 'refuse') return refuse(plan.status, plan.reason, plan.status === 423 ? [{ name: 'Min-Expires', value: String(this.limits.min) }] : [], username);
    if (plan.kind === 'update') {
      const userAgent = header(req, 'User-Agent');
      const result = this.bindings.update(aor, {
        callId: header(req, 'Call-ID') ?? '',
        cseq: cseqOf(req)?.seq ?? 0,
        source,
        contacts: plan.contacts,
        ...(userAgent === undefined ? {} : { userAgent }),
      });
      // No code fits a REGISTER older than the binding it would change; 400 says the request is at fault, and the phone's next one (a higher CSeq) goes through.
      if (!result.ok) return refuse(400, 'Invalid CSeq Number', [], username);
    }
    // Step 8: every current binding, with the seconds it has left.
    const now = this.clock.now();
    const fields: HeaderField[] = this.bindings.list(aor).map((b) => ({ name: 'Contact', value: `<${b.uri}>${formatParams(b.params)};expires=${remaining(b, now)}` }));
    fields.push({ name: 'Date', value: new Date(this.now()).toUTCString() });
    return { status: 200, reason: 'OK', fields };
  }

  private respond(tx: ServerTransaction, req: SipRequest, status: number, reason: string, fields: HeaderField[]): void {
    this.responses.set(status, (this.responses.get(status) ?? 0) + 1);
    tx.respond(responseTo(req, status, reason, { toTag: newTag(), headers: fields }));
  }
}

/** The user part of a To or From that is a sip: or sips: URI; undefined for anything else. */
function userOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const uri = parseNameAddr(value).uri;
    const scheme = uriScheme(uri);
    return scheme === 'sip' || scheme === 'sips' ? parseUri(uri).user : undefined;
  } catch {
    return undefined;
  }
}

function remaining(b: Binding, now: number): number {
  return Math.max(0, Math.ceil((b.expiresAt - now) / 1000));
}

function contactOf(b: Binding, now: number): OperatorContact {
  const c: OperatorContact = { uri: b.uri, target: b.source, natted: isNatted(b), expiresInSeconds: remaining(b, now) };
  const q = Number(b.params.get('q'));
  if (b.params.get('q') && Number.isFinite(q)) c.q = q;
  const instance = b.params.get('+sip.instance');
  if (instance) c.instance = instance.replace(/^"(.*)"$/, '$1');
  if (b.userAgent !== undefined) c.userAgent = b.userAgent;
  return c;
}

function isNatted(b: Binding): boolean {
  try {
    const u = parseUri(b.uri);
    const host = u.host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    const port = u.port ?? (u.scheme === 'sips' ? 5061 : 5060);
    return host !== b.source.address.toLowerCase() || (b.source.transport === 'udp' && port !== b.source.port);
  } catch {
    return true;
  }
}
