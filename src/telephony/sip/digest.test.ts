import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseAuthValue } from './auth-params.ts';
import { SipParseError } from './errors.ts';
import { DigestServer, digestResponse, ha1, parseDigestCredentials, safeEqual, storedHa1 } from './digest.ts';
import type { DigestAlgorithm } from './digest.ts';

describe('digest computations against published vectors', () => {
  // RFC 7616 §3.9.1 (the same request with SHA-256 and with MD5)
  const nonce = '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v';
  const cnonce = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';
  it('RFC 7616 §3.9.1, SHA-256', () => {
    const h = ha1('SHA-256', 'Mufasa', 'http-auth@example.org', 'Circle of Life');
    expect(digestResponse('SHA-256', h, nonce, '00000001', cnonce, 'GET', '/dir/index.html')).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });
  it('RFC 7616 §3.9.1, MD5', () => {
    const h = ha1('MD5', 'Mufasa', 'http-auth@example.org', 'Circle of Life');
    expect(digestResponse('MD5', h, nonce, '00000001', cnonce, 'GET', '/dir/index.html')).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });
  it('RFC 2617 §3.5', () => {
    const h = ha1('MD5', 'Mufasa', 'testrealm@host.com', 'Circle Of Life');
    expect(digestResponse('MD5', h, 'dcd98b7102dd2f0e8b11d0f600bfb0c093', '00000001', '0a4f113b', 'GET', '/dir/index.html')).toBe('6629fae49393a05397450978507c4ef1');
  });
});

describe('parseDigestCredentials', () => {
  it('reads the RFC 7616 §3.9.1 Authorization value', () => {
    const creds = parseDigestCredentials(
      'Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    );
    expect(creds).toMatchObject({ username: 'Mufasa', algorithm: 'SHA-256', nc: '00000001', qop: 'auth', opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS' });
  });

  it('takes MD5 when no algorithm is named; undefined for another scheme, algorithm or missing fields; SipParseError when malformed', () => {
    const base = 'username="u", realm="r", nonce="n", uri="sip:r", response="x", qop=auth, nc=00000001, cnonce="c"';
    expect(parseDigestCredentials(`Digest ${base}`)?.algorithm).toBe('MD5');
    expect(parseDigestCredentials(`Basic dXNlcjpwYXNz`)).toBeUndefined();
    expect(parseDigestCredentials(`Digest ${base}, algorithm=SHA-512-256`)).toBeUndefined();
    expect(parseDigestCredentials('Digest username="u", realm="r"')).toBeUndefined();
    expect(() => parseDigestCredentials('Digest username="u')).toThrow(SipParseError);
    expect(() => parseDigestCredentials('Digest username="u",, realm="r"')).toThrow(SipParseError);
    expect(() => parseDigestCredentials('Digest nonce="a", nonce="b"')).toThrow(SipParseError);
  });
});

// A phone's side, written here with node:crypto directly rather than with digest.ts's helpers.
function phone(alg: DigestAlgorithm, challenge: string, user: string, password: string, method: string, uri: string, nc = '00000001', cnonce = '0a4f113b'): string {
  const p = parseAuthValue(challenge, 'WWW-Authenticate').params;
  const H = (s: string) =>
    createHash(alg === 'MD5' ? 'md5' : 'sha256')
      .update(s)
      .digest('hex');
  const response = H(`${H(`${user}:${p.get('realm')}:${password}`)}:${p.get('nonce')}:${nc}:${cnonce}:auth:${H(`${method}:${uri}`)}`);
  return `Digest username="${user}", realm="${p.get('realm')}", nonce="${p.get('nonce')}", uri="${uri}", response="${response}", algorithm=${alg}, qop=auth, nc=${nc}, cnonce="${cnonce}", opaque="${p.get('opaque')}"`;
}

describe('DigestServer', () => {
  const key = Buffer.alloc(32, 7);
  const uri = 'sip:otvet.example.ru';
  const stored = storedHa1('operator-77', 'otvet', 'пароль-1');
  const setup = (opts: { maxTrackedNonces?: number } = {}) => {
    let now = Date.UTC(2026, 11, 5, 12);
    const server = new DigestServer({ realm: 'otvet', key, now: () => now, nonceTtlMs: 60_000, ...opts });
    return { server, advance: (ms: number) => (now += ms) };
  };
  const verify = (server: DigestServer, auth: string, method = 'REGISTER') => server.verify(parseDigestCredentials(auth)!, method, uri, stored);

  it('challenges with SHA-256 first, then MD5, qop="auth", one nonce and an opaque', () => {
    const { server } = setup();
    const [sha, md5] = server.challenge();
    expect(sha).toMatch(/^Digest realm="otvet", nonce="[^"]+", opaque="[^"]+", algorithm=SHA-256, qop="auth"$/);
    expect(md5).toMatch(/algorithm=MD5, qop="auth"$/);
    expect(parseAuthValue(sha!).params.get('nonce')).toBe(parseAuthValue(md5!).params.get('nonce'));
    expect(server.challenge(true)[0]).toMatch(/, stale=true$/);
    const md5Only = server.challenge(false, ['MD5']);
    expect(md5Only).toHaveLength(1);
    expect(md5Only[0]).toMatch(/algorithm=MD5, qop="auth"$/);
  });

  it.each(['SHA-256', 'MD5'] as const)('accepts the right password with %s', (alg) => {
    const { server } = setup();
    const challenge = server.challenge()[alg === 'SHA-256' ? 0 : 1]!;
    expect(verify(server, phone(alg, challenge, 'operator-77', 'пароль-1', 'REGISTER', uri))).toEqual({ ok: true, username: 'operator-77' });
  });

  it('refuses a wrong password, another method or URI, another realm, a forged nonce, a foreign opaque', () => {
    const { server } = setup();
    const c = server.challenge()[0]!;
    expect(verify(server, phone('SHA-256', c, 'operator-77', 'wrong', 'REGISTER', uri))).toEqual({ ok: false, stale: false, wrongPassword: true, reason: 'wrong digest response' });
    expect(verify(server, phone('SHA-256', c, 'operator-77', 'пароль-1', 'REGISTER', uri), 'INVITE')).toMatchObject({ ok: false, reason: 'wrong digest response' });
    expect(verify(server, phone('SHA-256', c, 'operator-77', 'пароль-1', 'REGISTER', 'sip:elsewhere'))).toMatchObject({
      ok: false,
      wrongPassword: false,
      reason: 'the digest uri is not the Request-URI',
    });
    expect(verify(server, phone('SHA-256', c.replace('realm="otvet"', 'realm="other"'), 'operator-77', 'пароль-1', 'REGISTER', uri))).toMatchObject({ ok: false });
    const forged = c.replace(/nonce="([0-9a-z]+)\./, (_m, ts: string) => `nonce="${(parseInt(ts, 36) + 1).toString(36)}.`);
    expect(verify(server, phone('SHA-256', forged, 'operator-77', 'пароль-1', 'REGISTER', uri))).toMatchObject({
      ok: false,
      stale: false,
      wrongPassword: false,
      reason: 'the nonce is not one of ours',
    });
    expect(verify(server, phone('SHA-256', c, 'operator-77', 'пароль-1', 'REGISTER', uri).replace(/opaque="[^"]+"/, 'opaque="x"'))).toMatchObject({ ok: false, reason: 'opaque is not ours' });
    const other = new DigestServer({ realm: 'otvet', key: Buffer.alloc(32, 8) });
    expect(verify(other, phone('SHA-256', c, 'operator-77', 'пароль-1', 'REGISTER', uri).replace(/, opaque="[^"]+"/, ''))).toMatchObject({ ok: false, reason: 'the nonce is not one of ours' });
  });

  it('refuses an algorithm the user has no HA1 for', () => {
    const { server } = setup();
    const auth = phone('MD5', server.challenge()[1]!, 'operator-77', 'пароль-1', 'REGISTER', uri);
    expect(server.verify(parseDigestCredentials(auth)!, 'REGISTER', uri, { sha256: stored.sha256 })).toMatchObject({ ok: false, wrongPassword: true, reason: 'no MD5 credentials for this user' });
  });

  it('says stale=true for an expired nonce only when the digest is right', () => {
    const { server, advance } = setup();
    const c = server.challenge()[0]!;
    advance(60_001);
    expect(verify(server, phone('SHA-256', c, 'operator-77', 'пароль-1', 'REGISTER', uri))).toEqual({ ok: false, stale: true, wrongPassword: false, reason: 'the nonce has expired' });
    expect(verify(server, phone('SHA-256', c, 'operator-77', 'wrong', 'REGISTER', uri))).toMatchObject({ ok: false, stale: false });
  });

  it('gives phones challenged in the same millisecond nonces of their own, each taking nc=1', () => {
    const { server } = setup();
    const [a, b] = [server.challenge()[0]!, server.challenge()[0]!];
    expect(parseAuthValue(a).params.get('nonce')).not.toBe(parseAuthValue(b).params.get('nonce'));
    expect(verify(server, phone('SHA-256', a, 'operator-77', 'пароль-1', 'REGISTER', uri)).ok).toBe(true);
    expect(verify(server, phone('SHA-256', b, 'operator-77', 'пароль-1', 'REGISTER', uri)).ok).toBe(true);
  });

  it('refuses a replayed nc and takes a growing one', () => {
    const { server } = setup();
    const c = server.challenge()[0]!;
    const first = phone('SHA-256', c, 'operator-77', 'пароль-1', 'REGISTER', uri, '00000001');
    expect(verify(server, first).ok).toBe(true);
    expect(verify(server, first)).toMatchObject({ ok: false, stale: false, wrongPassword: false, reason: 'nc 00000001 was used already' });
    expect(verify(server, phone('SHA-256', c, 'operator-77', 'пароль-1', 'REGISTER', uri, '00000002', 'other')).ok).toBe(true);
    expect(verify(server, phone('SHA-256', c, 'operator-77', 'пароль-1', 'REGISTER', uri, '00000002', 'third')).ok).toBe(false);
  });

  it('keeps a bounded number of nonces; a forgotten one gets stale=true rather than a second use', () => {
    const { server, advance } = setup({ maxTrackedNonces: 2 });
    const challenges = [0, 1, 2].map(() => {
      advance(1);
      return server.challenge()[0]!;
    });
    for (const c of challenges) expect(verify(server, phone('SHA-256', c, 'operator-77', 'пароль-1', 'REGISTER', uri)).ok).toBe(true);
    expect(verify(server, phone('SHA-256', challenges[0]!, 'operator-77', 'пароль-1', 'REGISTER', uri, '00000002'))).toMatchObject({ ok: false, stale: true });
    expect(verify(server, phone('SHA-256', challenges[2]!, 'operator-77', 'пароль-1', 'REGISTER', uri, '00000002')).ok).toBe(true);
  });

  it('compares in constant time, refusing different lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
