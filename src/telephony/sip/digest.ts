// Server-side digest authentication for the registrar and for calls from operators' phones
// (RFC 3261 §22, RFC 8760: SHA-256 first, MD5 for old phones; computed as RFC 7616 §3.4.1 with
// qop=auth). Passwords are never stored: the caller keeps HA1 = H(user:realm:password) for each
// algorithm. Nonces are stateless (a timestamp, a random part, and their HMAC under a server key),
// so any edge process holding the key can check them, and an expired one whose digest is right gets `stale=true` (the
// phone retries without asking its user). Each nonce's nc must grow, tracked in a bounded map.

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { BoundedMap } from '../../platform/bounded-map.ts';
import { formatAuthValue, parseAuthValue } from './auth-params.ts';

export type DigestAlgorithm = 'SHA-256' | 'MD5';

/** What is stored for one user: HA1 in lower-case hex per algorithm (either may be missing). */
export interface StoredHa1 {
  sha256?: string;
  md5?: string;
}

const HASH: Record<DigestAlgorithm, string> = { 'SHA-256': 'sha256', MD5: 'md5' };

function h(alg: DigestAlgorithm, text: string): string {
  return createHash(HASH[alg]).update(text, 'utf8').digest('hex');
}

/** HA1 = H(username ":" realm ":" password), lower-case hex. */
export function ha1(alg: DigestAlgorithm, user: string, realm: string, password: string): string {
  return h(alg, `${user}:${realm}:${password}`);
}

/** Both HA1s a password gives, as a registrar stores them. */
export function storedHa1(user: string, realm: string, password: string): Required<StoredHa1> {
  return { sha256: ha1('SHA-256', user, realm, password), md5: ha1('MD5', user, realm, password) };
}

/** request-digest for qop=auth: H(HA1:nonce:nc:cnonce:qop:H(method:uri)). */
export function digestResponse(alg: DigestAlgorithm, ha1Hex: string, nonce: string, nc: string, cnonce: string, method: string, uri: string): string {
  return h(alg, `${ha1Hex}:${nonce}:${nc}:${cnonce}:auth:${h(alg, `${method}:${uri}`)}`);
}

/** The credentials of an Authorization (or Proxy-Authorization) value. */
export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm: DigestAlgorithm;
  qop: string;
  nc: string;
  cnonce: string;
  opaque?: string;
}

/** Parses a Digest Authorization value; undefined when it is not Digest or lacks what qop=auth needs. Throws SipParseError when malformed. */
export function parseDigestCredentials(value: string): DigestCredentials | undefined {
  // Another scheme's credentials may not even be parameters (Basic's token68): look no further.
  if (!/^[ \t]*digest[ \t]/i.test(value)) return undefined;
  const { params } = parseAuthValue(value);
  const get = (n: string) => params.get(n);
  const alg = (get('algorithm') ?? 'MD5').toUpperCase();
  const algorithm: DigestAlgorithm | undefined = alg === 'SHA-256' ? 'SHA-256' : alg === 'MD5' ? 'MD5' : undefined;
  const [username, realm, nonce, uri, response, qop, nc, cnonce] = ['username', 'realm', 'nonce', 'uri', 'response', 'qop', 'nc', 'cnonce'].map(get);
  if (!algorithm || username === undefined || realm === undefined || !nonce || !uri || !response || !qop || !nc || !cnonce) return undefined;
  const creds: DigestCredentials = { username, realm, nonce, uri, response, algorithm, qop, nc, cnonce };
  const opaque = get('opaque');
  if (opaque !== undefined) creds.opaque = opaque;
  return creds;
}

/**
 * `wrongPassword`: the digest itself was wrong (or the user has no HA1 for its algorithm), against a
 * nonce of ours: the phone's password is wrong, and a registrar may say so (403) rather than
 * challenge again. False when the challenge side failed (a foreign or expired nonce, a replayed nc,
 * another realm or uri): a fresh challenge is the answer.
 */
export type DigestVerdict = { ok: true; username: string } | { ok: false; stale: boolean; wrongPassword: boolean; reason: string };

export interface DigestServerOptions {
  realm: string;
  /** The server key nonces are signed with (32 random bytes, the same for every edge process of a deployment). */
  key: Buffer;
  /** How long a nonce is good for (default 5 minutes); older ones get stale=true. */
  nonceTtlMs?: number;
  /** Nonces whose nc is tracked (default 50 000): the oldest are forgotten first. */
  maxTrackedNonces?: number;
  now?: () => number;
}

const TOKENS = new Set(['algorithm', 'stale']);

export class DigestServer {
  readonly realm: string;
  private readonly key: Buffer;
  private readonly ttl: number;
  private readonly now: () => number;
  private readonly opaque: string;
  /** nonce → highest nc accepted with it. */
  private readonly lastNc: BoundedMap<string, number>;

  constructor(opts: DigestServerOptions) {
    if (opts.key.length < 16) throw new Error('the digest server key must be at least 16 bytes');
    this.realm = opts.realm;
    this.key = opts.key;
    this.ttl = opts.nonceTtlMs ?? 5 * 60_000;
    this.now = opts.now ?? Date.now;
    this.lastNc = new BoundedMap(opts.maxTrackedNonces ?? 50_000);
    this.opaque = this.mac(`opaque:${opts.realm}`).slice(0, 22);
  }

  /**
   * WWW-Authenticate values for a 401 (Proxy-Authenticate for a 407): SHA-256 first, then MD5 (RFC
   * 8760 §2.4: preferred first); `algorithms` narrows them for a client that cannot bear one it does
   * not know (RFC 8760 says to ignore such a challenge; some fail the request instead).
   */
  challenge(stale = false, algorithms: readonly DigestAlgorithm[] = ['SHA-256', 'MD5']): string[] {
    const nonce = this.nonce();
    return algorithms.map((algorithm) => {
      const params: [string, string][] = [
        ['realm', this.realm],
        ['nonce', nonce],
        ['opaque', this.opaque],
        ['algorithm', algorithm],
        ['qop', 'auth'],
      ];
      if (stale) params.push(['stale', 'true']);
      return formatAuthValue('Digest', params, TOKENS);
    });
  }

  /**
   * A fresh nonce: base-36 milliseconds, a random part, and their HMAC. The random part keeps two
   * phones challenged in the same millisecond apart: sharing a nonce, the second one's nc=1 would be
   * refused as a replay (a burst of phones re-registering after a restart does that).
   */
  nonce(): string {
    const ts = this.now().toString(36);
    const salt = randomBytes(9).toString('base64url');
    return `${ts}.${salt}.${this.mac(`nonce:${this.realm}:${ts}.${salt}`)}`;
  }

  /**
   * Checks credentials for a request (its method and Request-URI) against the user's stored HA1s.
   * `stale` is true only when the digest is right but its nonce has expired, or its nc cannot be
   * checked any more: then a new challenge with stale=true lets the phone retry at once.
   */
  verify(creds: DigestCredentials, method: string, requestUri: string, stored: StoredHa1 | undefined): DigestVerdict {
    const fail = (reason: string, stale = false, wrongPassword = false): DigestVerdict => ({ ok: false, stale, wrongPassword, reason });
    if (creds.realm !== this.realm) return fail(`realm ${JSON.stringify(creds.realm)} is not ours`);
    if (creds.qop !== 'auth') return fail('qop must be auth');
    if (!/^[0-9a-fA-F]{8}$/.test(creds.nc)) return fail('nc must be 8 hex digits');
    if (creds.opaque !== undefined && !safeEqual(creds.opaque, this.opaque)) return fail('opaque is not ours');
    if (creds.uri !== requestUri && creds.uri.toLowerCase() !== requestUri.toLowerCase()) return fail('the digest uri is not the Request-URI');
    const issuedAt = this.nonceTime(creds.nonce);
    if (issuedAt === undefined) return fail('the nonce is not one of ours');
    const ha1Hex = creds.algorithm === 'SHA-256' ? stored?.sha256 : stored?.md5;
    if (ha1Hex === undefined) return fail(`no ${creds.algorithm} credentials for this user`, false, true);
    const expected = digestResponse(creds.algorithm, ha1Hex, creds.nonce, creds.nc, creds.cnonce, method, creds.uri);
    if (!safeEqual(creds.response.toLowerCase(), expected)) return fail('wrong digest response', false, true);
    const age = this.now() - issuedAt;
    if (age > this.ttl || age < -60_000) return fail('the nonce has expired', true);
    const nc = parseInt(creds.nc, 16);
    const last = this.lastNc.get(creds.nonce);
    if (last === undefined ? nc !== 1 : nc <= last) {
      // A replay, or a nonce whose count was forgotten: a fresh nonce settles both.
      return fail(last === undefined ? 'nc of a nonce not tracked any more' : `nc ${creds.nc} was used already`, last === undefined);
    }
    this.lastNc.set(creds.nonce, nc);
    return { ok: true, username: creds.username };
  }

  /** The nonce's issue time, or undefined when its MAC is not ours. */
  private nonceTime(nonce: string): number | undefined {
    const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/.exec(nonce);
    if (!m || !safeEqual(m[3] as string, this.mac(`nonce:${this.realm}:${m[1]}.${m[2]}`))) return undefined;
    return parseInt(m[1] as string, 36);
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(text, 'utf8').digest('base64url');
  }
}

/** Constant-time equality of two strings (their lengths are not secret). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
