// Digest authentication of operators' phones (RFC 3261 §22, RFC 8760), for the registrar and for
// anything else a phone sends: a request's Authorization checked through DigestServer against the
// operator's HA1s, and the verdict as what to answer.
//
// A wrong password against a valid challenge of ours gets 403, not another 401: the phone stops and
// shows an error instead of asking again (most phones give up after a second 401 anyway, some loop),
// and a guesser gains nothing it would not from a 401. An unknown username gets exactly the same 403,
// after the same work (a digest computed against a throw-away HA1), so answers never tell which
// operators exist. A foreign or replayed nonce gets a fresh challenge; an expired one, stale=true.
import { randomBytes } from 'node:crypto';
import { headers } from '../sip/message.ts';
import type { HeaderField, SipRequest } from '../sip/message.ts';
import { parseDigestCredentials, storedHa1 } from '../sip/digest.ts';
import type { DigestAlgorithm, DigestCredentials, DigestServer, StoredHa1 } from '../sip/digest.ts';
import { SipParseError } from '../sip/errors.ts';
import { CredentialsUnavailable } from './credentials.ts';
import type { CredentialsSource } from './credentials.ts';

export type AuthVerdict =
  | { ok: true; username: string }
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

  async check(req: SipRequest): Promise<AuthVerdict> {
    let creds: DigestCredentials | undefined;
    try {
      creds = this.credentialsOf(req);
    } catch (e) {
      if (e instanceof SipParseError) return { ok: false, status: 400, reason: `Malformed Authorization: ${e.reason}` };
      throw e;
    }
    if (!creds) return { ok: false, status: 401, stale: false, reason: 'no credentials for our realm' };
    let stored: StoredHa1 = this.nobody;
    try {
      const record = await this.credentials.ha1For(creds.username);
      // HA1s computed for another realm can never match a digest for ours.
      if (record && record.realm === this.digest.realm) stored = { md5: record.ha1Md5, sha256: record.ha1Sha256 };
    } catch (e) {
      if (e instanceof CredentialsUnavailable) return { ok: false, status: 503, reason: e.message };
      throw e;
    }
    const verdict = this.digest.verify(creds, req.method, req.uri, stored);
    if (verdict.ok) return verdict;
    if (verdict.stale) return { ok: false, status: 401, stale: true, reason: verdict.reason };
    if (verdict.wrongPassword) return { ok: false, status: 403, reason: 'wrong password or unknown user' };
    return { ok: false, status: 401, stale: false, reason: verdict.reason };
  }

  /** The WWW-Authenticate fields of a 401 to `req`: SHA-256 and MD5, or MD5 alone for a phone that fails on an algorithm it does not know. */
  challenge(req: SipRequest, stale: boolean): HeaderField[] {
    const algorithms: DigestAlgorithm[] = md5Only(headers(req, 'User-Agent')[0]) ? ['MD5'] : ['SHA-256', 'MD5'];
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
