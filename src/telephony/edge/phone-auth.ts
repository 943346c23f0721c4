// Digest authentication of operators' phones (RFC 3261 §22, RFC 8760), for the registrar and for
// anything else a phone sends: a request's Authorization checked through DigestServer against the
// operator's HA1s, and the verdict as what to answer.
//
// The transport tells a browser from a desk phone (ADR 0015): browsers speak SIP only over
// WebSocket, and JsSIP and SIP.js read only the first challenge and answer only MD5. Over WebSocket
// the challenge is MD5 first and only a session credential (a random secret otvet gives a signed-in
// workstation, hours long) is accepted, so a password a person chose is never answered with MD5
// first; over UDP and TCP, SHA-256 first and only the operator's own password.
//
// A wrong password against a valid challenge of ours gets 403, not another 401: the phone stops and
// shows an error instead of asking again (most phones give up after a second 401 anyway, some loop),
// and a guesser gains nothing it would not from a 401. An unknown username gets exactly the same 403,
// after the same work (a digest computed against a throw-away HA1), so answers never tell which
// operators exist. A foreign or replayed nonce gets a fresh challenge; an expired one, stale=true.
import { randomBytes } from 'node:crypto';
import { headers } from '../sip/message.ts';
import type { HeaderField, Peer, SipRequest } from '../sip/message.ts';
import { parseDigestCredentials, storedHa1 } from '../sip/digest.ts';
import type { DigestAlgorithm, DigestCredentials, DigestServer, StoredHa1 } from '../sip/digest.ts';
import { SipParseError } from '../sip/errors.ts';
import { CredentialsUnavailable } from './credentials.ts';
import type { CredentialsSource, Ha1Record } from './credentials.ts';

/** Who a request authenticated as. */
export interface Authenticated {
  ok: true;
  /** The digest username (a session credential's own: `${operator}~…`). */
  username: string;
  /** The operator's username: the address-of-record a REGISTER may bind. */
  operator: string;
  kind: Ha1Record['kind'];
}

export type AuthVerdict =
  | Authenticated
  /** No usable credentials, or a nonce to renew: challenge (401 with WWW-Authenticate). */
  | { ok: false; status: 401; stale: boolean; reason: string }
  /** Wrong password or unknown user (the same answer). */
  | { ok: false; status: 403; reason: string }
  /** Malformed Authorization. */
  | { ok: false; status: 400; reason: string }
  /** The credentials cannot be read now (otvet not reached yet): try later. */
  | { ok: false; status: 503; reason: string };

/** The reason phrase of every 403 for bad credentials, whatever the cause. */
export const FORBIDDEN = 'Forbidden';

/** The kind of credential a phone may use over a transport: browsers (WebSocket) sessions only, desk phones their password. */
export function kindFor(transport: Peer['transport']): Ha1Record['kind'] {
  return transport === 'ws' ? 'session' : 'password';
}

export class PhoneAuth {
  /** HA1s no password gives: an unknown user's digest is checked against these, and fails the same way. */
  private readonly nobody: StoredHa1;

  constructor(
    private readonly digest: DigestServer,
    private readonly credentials: CredentialsSource,
  ) {
    this.nobody = storedHa1(randomBytes(12).toString('hex'), digest.realm, randomBytes(24).toString('hex'));
  }

  get realm(): string {
    return this.digest.realm;
  }

  /** `transport`: the one the request came over (its source Peer's). */
  async check(req: SipRequest, transport: Peer['transport']): Promise<AuthVerdict> {
    let creds: DigestCredentials | undefined;
    try {
      creds = this.credentialsOf(req);
    } catch (e) {
      if (e instanceof SipParseError) return { ok: false, status: 400, reason: `Malformed Authorization: ${e.reason}` };
      throw e;
    }
    if (!creds) return { ok: false, status: 401, stale: false, reason: 'no credentials for our realm' };
    let stored: StoredHa1 = this.nobody;
    let record: Ha1Record | undefined;
    try {
      record = await this.credentials.ha1For(creds.username);
      // HA1s computed for another realm can never match a digest for ours; a credential of the other
      // kind for this transport is checked against nobody's, failing as an unknown user does.
      if (record && record.realm === this.digest.realm && record.kind === kindFor(transport)) stored = { md5: record.ha1Md5, sha256: record.ha1Sha256 };
      else record = undefined;
    } catch (e) {
      if (e instanceof CredentialsUnavailable) return { ok: false, status: 503, reason: e.message };
      throw e;
    }
    const verdict = this.digest.verify(creds, req.method, req.uri, stored);
    const forbidden = { ok: false, status: 403, reason: 'wrong password or unknown user' } as const;
    // (ok without a record would mean nobody's random HA1s matched: never, but refused all the same)
    if (verdict.ok) return record ? { ok: true, username: verdict.username, operator: record.operator, kind: record.kind } : forbidden;
    if (verdict.stale) return { ok: false, status: 401, stale: true, reason: verdict.reason };
    if (verdict.wrongPassword) return forbidden;
    return { ok: false, status: 401, stale: false, reason: verdict.reason };
  }

  /**
   * The WWW-Authenticate fields of a 401 to `req`: SHA-256 then MD5 (RFC 8760), MD5 alone for a
   * phone that fails on an algorithm it does not know; over WebSocket MD5 alone: browser phones
   * answer only MD5 and read one challenge each, SIP.js the first and JsSIP the last, so no order
   * of two suits both.
   */
  challenge(req: SipRequest, stale: boolean, transport: Peer['transport']): HeaderField[] {
    const algorithms: DigestAlgorithm[] = transport === 'ws' ? ['MD5'] : md5Only(headers(req, 'User-Agent')[0]) ? ['MD5'] : ['SHA-256', 'MD5'];
    return this.digest.challenge(stale, algorithms).map((value) => ({ name: 'WWW-Authenticate', value }));
  }

  /** Of the request's Digest credentials for our realm, the strongest (a phone may answer both challenges). */
  private credentialsOf(req: SipRequest): DigestCredentials | undefined {
    const ours = headers(req, 'Authorization')
      .map((v) => parseDigestCredentials(v))
      .filter((c): c is DigestCredentials => c !== undefined && c.realm === this.digest.realm);
    return ours.find((c) => c.algorithm === 'SHA-256') ?? ours[0];
  }
}

/**
 * Phones that fail a REGISTER outright when a challenge names an algorithm they do not know, where
 * RFC 8760 §2.4 says to ignore that challenge: baresip before 3.12 (its libre took MD5 only and gave
 * up at the SHA-256 challenge, whichever came first). They are offered MD5 alone, which the edge
 * accepts from every phone anyway, so a forged User-Agent gains nothing.
 */
export function md5Only(userAgent: string | undefined): boolean {
  const m = userAgent === undefined ? null : /\bbaresip v?(\d+)\.(\d+)/i.exec(userAgent);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major < 3 || (major === 3 && minor < 12);
}
