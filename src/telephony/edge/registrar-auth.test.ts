// The registrar's digest authentication over real sockets: a phone (its own SipStack) registers to
// the registrar's stack on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { registrarHarness } from '../../../test/support/registrar-harness.ts';
import type { Harness } from '../../../test/support/registrar-harness.ts';
import { parseAuthValue } from '../sip/auth-params.ts';
import { header, headers } from '../sip/message.ts';
import type { SipResponse } from '../sip/message.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const PASSWORDS = { 'operator-77': 'пароль-77', 'operator-12': 'secret-12' };
const challenges = (res: SipResponse) => headers(res, 'WWW-Authenticate').map((v) => parseAuthValue(v, 'WWW-Authenticate').params);
/** What a response shows: its status, reason and the names of its fields (no tags, no values). */
const shape = (res: SipResponse) => ({ status: res.status, reason: res.reason, fields: res.headers.map((f) => f.name).sort() });

describe('Registrar: digest authentication', () => {
  it('challenges a REGISTER without credentials: 401, SHA-256 then MD5 on one nonce, qop=auth; nothing bound, nobody looked up', async () => {
    h = await registrarHarness(PASSWORDS);
    const phone = await h.phone('udp', { user: 'operator-77', password: 'x' });
    const res = await phone.send();
    expect(res.status).toBe(401);
    const [sha, md5] = challenges(res);
    expect([sha?.get('algorithm'), md5?.get('algorithm')]).toEqual(['SHA-256', 'MD5']);
    expect(sha?.get('nonce')).toBe(md5?.get('nonce'));
    expect(sha?.get('realm')).toBe('otvet');
    expect(sha?.get('qop')).toBe('auth');
    expect(sha?.has('stale')).toBe(false);
    expect(h.registrar.contactsOf('operator-77')).toEqual([]);
    expect(h.credentials.lookups).toEqual([]);
  });

  it.each(['SHA-256', 'MD5'] as const)('registers with the right password answered with %s: 200 lists the contact with its expiry', async (algorithm) => {
    h = await registrarHarness(PASSWORDS);
    const registered: string[] = [];
    h.registrar.on('registered', (u) => registered.push(u));
    const phone = await h.phone('udp', { user: 'operator-77', password: 'пароль-77', algorithm });
    const res = await phone.register({ expires: 600 });
    expect(res.status).toBe(200);
    expect(headers(res, 'Contact')).toEqual([`<${phone.contact}>;expires=600`]);
    expect(header(res, 'Date')).toBe('Sat, 05 Dec 2026 12:00:00 GMT');
    expect(h.registrar.contactsOf('operator-77')).toEqual([{ uri: phone.contact, target: { transport: 'udp', address: '127.0.0.1', port: phone.port }, natted: false, expiresInSeconds: 600 }]);
    expect(registered).toEqual(['operator-77']);
    expect(h.registrar.registeredOperators).toBe(1);
  });

  it('a wrong password after a valid challenge gets 403 and no binding; an unknown user gets the very same answer', async () => {
    h = await registrarHarness(PASSWORDS);
    const refused: number[] = [];
    h.registrar.on('refused', (r) => refused.push(r.status));
    const wrong = await h.phone('udp', { user: 'operator-77', password: 'пароль-78' });
    const stranger = await h.phone('udp', { user: 'operator-99', password: 'пароль-78' });
    const a = await wrong.register();
    const b = await stranger.register();
    expect(a.status).toBe(403);
    expect(shape(a)).toEqual(shape(b));
    expect(h.registrar.contactsOf('operator-77')).toEqual([]);
    expect(h.registrar.contactsOf('operator-99')).toEqual([]);
    expect(h.credentials.lookups).toEqual(['operator-77', 'operator-99']);
    expect(refused).toEqual([403, 403]);
  });

  it('an expired nonce with the right password gets 401 stale=true, and the phone gets in with the new nonce', async () => {
    h = await registrarHarness(PASSWORDS);
    const phone = await h.phone('udp', { user: 'operator-77', password: 'пароль-77' });
    const challenge = await phone.send();
    h.advanceWall(61_000); // the harness's nonces live 60 s
    const stale = await phone.send({ authorization: phone.answer(challenge) });
    expect(stale.status).toBe(401);
    expect(challenges(stale).map((p) => p.get('stale'))).toEqual(['true', 'true']);
    const ok = await phone.send({ authorization: phone.answer(stale) });
    expect(ok.status).toBe(200);
  });

  it('a wrong password on an expired nonce is not stale: 403', async () => {
    h = await registrarHarness(PASSWORDS);
    const phone = await h.phone('udp', { user: 'operator-77', password: 'wrong' });
    const challenge = await phone.send();
    h.advanceWall(61_000);
    expect((await phone.send({ authorization: phone.answer(challenge) })).status).toBe(403);
  });

  it('a replayed nonce count, or a nonce not of ours, gets a fresh challenge (401, not stale), never a binding', async () => {
    h = await registrarHarness(PASSWORDS);
    const phone = await h.phone('udp', { user: 'operator-77', password: 'пароль-77' });
    const challenge = await phone.send();
    const auth = phone.answer(challenge);
    expect((await phone.send({ authorization: auth, contacts: [`sip:operator-77@127.0.0.1:${phone.port};line=1`] })).status).toBe(200);
    const replay = await phone.send({ authorization: auth, contacts: [`sip:operator-77@127.0.0.1:${phone.port};line=2`] });
    expect(replay.status).toBe(401);
    expect(challenges(replay)[0]?.has('stale')).toBe(false);
    const foreign = await phone.send({ authorization: auth.replace(/nonce="[^"]+"/, 'nonce="abc.def"'), contacts: [`sip:operator-77@127.0.0.1:${phone.port};line=3`] });
    expect(foreign.status).toBe(401);
    expect(h.registrar.contactsOf('operator-77').map((c) => c.uri)).toEqual([`sip:operator-77@127.0.0.1:${phone.port};line=1`]);
  });

  it('an operator registers only their own address: To or From naming someone else gets 403', async () => {
    h = await registrarHarness(PASSWORDS);
    const phone = await h.phone('udp', { user: 'operator-77', password: 'пароль-77' });
    expect((await phone.register({ toUser: 'operator-12' })).status).toBe(403);
    expect((await phone.register({ fromUser: 'operator-12' })).status).toBe(403);
    const other = await h.phone('udp', { user: 'operator-12', password: 'пароль-77', authUser: 'operator-77' });
    expect((await other.register()).status).toBe(403);
    expect(h.registrar.registeredPhones).toBe(0);
  });

  it('answers 503 with Retry-After while the credentials cannot be read, and registers once they can', async () => {
    h = await registrarHarness(PASSWORDS, { retryAfterSeconds: 7 });
    h.credentials.unavailable = true;
    const phone = await h.phone('udp', { user: 'operator-77', password: 'пароль-77' });
    const res = await phone.register();
    expect(res.status).toBe(503);
    expect(header(res, 'Retry-After')).toBe('7');
    h.credentials.unavailable = false;
    expect((await phone.register()).status).toBe(200);
  });

  it('offers a baresip older than 3.12 the MD5 challenge alone (its libre fails at the SHA-256 one)', async () => {
    h = await registrarHarness(PASSWORDS);
    const phone = await h.phone('udp', { user: 'operator-77', password: 'пароль-77', algorithm: 'MD5' });
    const old = await phone.send({ userAgent: 'baresip v1.0.0 (x86_64/linux)' });
    expect(challenges(old).map((p) => p.get('algorithm'))).toEqual(['MD5']);
    const recent = await phone.send({ userAgent: 'baresip v3.16.0 (x86_64/linux)' });
    expect(challenges(recent).map((p) => p.get('algorithm'))).toEqual(['SHA-256', 'MD5']);
  });

  it('takes the SHA-256 credentials when a phone answers both challenges', async () => {
    h = await registrarHarness(PASSWORDS);
    const sha = await h.phone('udp', { user: 'operator-77', password: 'пароль-77', algorithm: 'SHA-256' });
    const md5 = await h.phone('udp', { user: 'operator-77', password: 'wrong', algorithm: 'MD5' });
    const challenge = await sha.send();
    // The MD5 answer (with a wrong password) comes first: the SHA-256 one is the one checked.
    const res = await sha.send({ authorization: md5.answer(challenge), extra: [{ name: 'Authorization', value: sha.answer(challenge) }] });
    expect(res.status).toBe(200);
  });

  it('answers 400 to a malformed Authorization and 420 (with Unsupported) to a Require it lacks', async () => {
    h = await registrarHarness(PASSWORDS);
    const phone = await h.phone('udp', { user: 'operator-77', password: 'пароль-77' });
    expect((await phone.send({ authorization: 'Digest username="operator-77' })).status).toBe(400);
    const ext = await phone.send({ extra: [{ name: 'Require', value: 'outbound' }] });
    expect([ext.status, header(ext, 'Unsupported')]).toEqual([420, 'outbound']);
  });
});
