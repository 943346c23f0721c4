import { describe, expect, it } from 'vitest';
import { FakeCredentials, REALM } from '../../../test/support/registrar-harness.ts';
import { digestAuthorization } from '../../../test/support/sip-phone.ts';
import type { Algorithm } from '../../../test/support/sip-phone.ts';
import { parseAuthValue } from '../sip/auth-params.ts';
import { DigestServer } from '../sip/digest.ts';
import type { SipRequest } from '../sip/message.ts';
import { md5Only, PhoneAuth } from './phone-auth.ts';

const SECRET = '5d41402abc4b2a76b9719d911017c592';

/** A PhoneAuth over operator-77's password and one browser session credential of theirs. */
function auth() {
  const credentials = new FakeCredentials({ 'operator-77': 'пароль-77' });
  const session = credentials.session('operator-77', SECRET);
  return { auth: new PhoneAuth(new DigestServer({ realm: REALM, key: Buffer.alloc(32, 7) }), credentials), session };
}

/** A REGISTER, with an Authorization answering `challenge` when given. */
function register(userAgent?: string, authorization?: string): SipRequest {
  const headers = [{ name: 'Call-ID', value: 'a@b' }, ...(userAgent ? [{ name: 'User-Agent', value: userAgent }] : []), ...(authorization ? [{ name: 'Authorization', value: authorization }] : [])];
  return { kind: 'request', method: 'REGISTER', uri: 'sip:127.0.0.1', headers, body: Buffer.alloc(0) };
}

/** The request answering `pa`'s challenge over `transport` with `alg`, as `user` with `password`. */
function answered(pa: PhoneAuth, transport: 'udp' | 'ws', alg: Algorithm, user: string, password: string): SipRequest {
  const value = pa.challenge(register(), false, transport).find((f) => parseAuthValue(f.value).params.get('algorithm') === alg)!.value;
  return register(undefined, digestAuthorization(value, alg, user, password, 'REGISTER', 'sip:127.0.0.1'));
}

describe('PhoneAuth: the transport decides the challenge and the kind of credential', () => {
  const order = (pa: PhoneAuth, transport: 'udp' | 'tcp' | 'ws', ua?: string) => pa.challenge(register(ua), false, transport).map((f) => parseAuthValue(f.value).params.get('algorithm'));

  it('challenges UDP and TCP with SHA-256 then MD5 (MD5 alone for an old baresip), WebSocket with MD5 alone', () => {
    const { auth: pa } = auth();
    expect(order(pa, 'udp')).toEqual(['SHA-256', 'MD5']);
    expect(order(pa, 'tcp')).toEqual(['SHA-256', 'MD5']);
    expect(order(pa, 'udp', 'baresip v1.0.0 (x86_64/linux)')).toEqual(['MD5']);
    expect(order(pa, 'ws')).toEqual(['MD5']);
    expect(order(pa, 'ws', 'JsSIP 3.13.8')).toEqual(['MD5']);
  });

  it('over WebSocket takes a session credential (with MD5): the verdict names the operator, the digest username and the kind', async () => {
    const { auth: pa, session } = auth();
    expect(await pa.check(answered(pa, 'ws', 'MD5', session, SECRET), 'ws')).toEqual({ ok: true, username: session, operator: 'operator-77', kind: 'session' });
  });

  it('over WebSocket refuses the operator’s own password: 403, as for a wrong one', async () => {
    const { auth: pa } = auth();
    const own = await pa.check(answered(pa, 'ws', 'MD5', 'operator-77', 'пароль-77'), 'ws');
    const wrong = await pa.check(answered(pa, 'ws', 'MD5', 'operator-77', 'пароль-78'), 'ws');
    expect(own).toEqual({ ok: false, status: 403, reason: 'wrong password or unknown user' });
    expect(own).toEqual(wrong);
  });

  it('over UDP and TCP takes the password only: a session credential is refused as a wrong password', async () => {
    const { auth: pa, session } = auth();
    expect(await pa.check(answered(pa, 'udp', 'SHA-256', 'operator-77', 'пароль-77'), 'tcp')).toEqual({ ok: true, username: 'operator-77', operator: 'operator-77', kind: 'password' });
    expect(await pa.check(answered(pa, 'udp', 'SHA-256', session, SECRET), 'udp')).toEqual({ ok: false, status: 403, reason: 'wrong password or unknown user' });
    expect(await pa.check(answered(pa, 'udp', 'MD5', session, SECRET), 'tcp')).toMatchObject({ ok: false, status: 403 });
  });
});

describe('md5Only', () => {
  it('is true for baresip before 3.12 only', () => {
    expect(md5Only('baresip v1.0.0 (x86_64/linux)')).toBe(true);
    expect(md5Only('baresip v3.11.0 (arm64/darwin)')).toBe(true);
    expect(md5Only('baresip v3.12.0 (x86_64/linux)')).toBe(false);
    expect(md5Only('baresip v4.0.0 (x86_64/linux)')).toBe(false);
    expect(md5Only('Linphone/5.2')).toBe(false);
    expect(md5Only(undefined)).toBe(false);
  });
});
