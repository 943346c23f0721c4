// Browser phones (the workstation's JsSIP, ADR 0015) at the registrar over real sockets: over
// WebSocket the challenge is MD5 alone and only a session credential (`${operator}~…`) registers
// the operator's address; an operator's own password is refused there, and a session credential
// over UDP or TCP.
import { afterEach, describe, expect, it } from 'vitest';
import { registrarHarness } from '../../../test/support/registrar-harness.ts';
import type { Harness } from '../../../test/support/registrar-harness.ts';
import { parseAuthValue } from '../sip/auth-params.ts';
import { headers } from '../sip/message.ts';
import type { SipResponse } from '../sip/message.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const PASSWORDS = { 'operator-77': 'пароль-77' };
const SECRET = 'b7f0c1d2e3a4958677a8b9c0d1e2f3a4';
const algorithms = (res: SipResponse) => headers(res, 'WWW-Authenticate').map((v) => parseAuthValue(v, 'WWW-Authenticate').params.get('algorithm'));
const shape = (res: SipResponse) => ({ status: res.status, reason: res.reason, fields: res.headers.map((f) => f.name).sort() });

describe('Registrar: browser phones over WebSocket', () => {
  it('challenges over WebSocket with MD5 alone (JsSIP reads the last challenge, SIP.js the first), whatever the User-Agent', async () => {
    h = await registrarHarness(PASSWORDS);
    const phone = await h.phone('ws', { user: 'operator-77', password: 'x' });
    const res = await phone.send({ userAgent: 'JsSIP 3.13.8' });
    expect(res.status).toBe(401);
    expect(algorithms(res)).toEqual(['MD5']);
    expect(algorithms(await phone.send({ userAgent: 'baresip v1.0.0 (x86_64/linux)' }))).toEqual(['MD5']);
    expect(algorithms(await phone.send({}))).toEqual(['MD5']);
  });

  it('registers sip:operator@… with a session credential answered with MD5: the binding is the operator’s, on the WebSocket flow', async () => {
    h = await registrarHarness(PASSWORDS);
    const username = h.credentials.session('operator-77', SECRET);
    const registered: string[] = [];
    h.registrar.on('registered', (u) => registered.push(u));
    const phone = await h.phone('ws', { user: 'operator-77', authUser: username, password: SECRET, algorithm: 'MD5' });
    const res = await phone.register({ expires: 600 });
    expect(res.status).toBe(200);
    expect(headers(res, 'Contact')).toEqual([`<${phone.contact}>;expires=600`]);
    const [c] = h.registrar.contactsOf('operator-77');
    expect(c?.uri).toBe(`sip:operator-77@127.0.0.1:${phone.port};transport=ws`);
    expect(c?.target.transport).toBe('ws');
    expect(h.registrar.contactsOf(username)).toEqual([]);
    expect(registered).toEqual(['operator-77']);
  });

  it('a session credential registers its operator’s address only: To and From naming the digest username get 403', async () => {
    h = await registrarHarness(PASSWORDS);
    const username = h.credentials.session('operator-77', SECRET);
    const phone = await h.phone('ws', { user: username, password: SECRET, algorithm: 'MD5' });
    expect((await phone.register()).status).toBe(403);
    expect(h.registrar.registeredPhones).toBe(0);
  });

  it('refuses the operator’s own password over WebSocket with the same 403 as a wrong one', async () => {
    h = await registrarHarness(PASSWORDS);
    h.credentials.session('operator-77', SECRET);
    const own = await h.phone('ws', { user: 'operator-77', password: 'пароль-77', algorithm: 'MD5' });
    const wrong = await h.phone('ws', { user: 'operator-77', password: 'пароль-78', algorithm: 'MD5' });
    const [a, b] = [await own.register(), await wrong.register()];
    expect(a.status).toBe(403);
    expect(shape(a)).toEqual(shape(b));
    expect(h.registrar.registeredPhones).toBe(0);
  });

  it.each(['udp', 'tcp'] as const)('refuses a session credential over %s (browsers speak WebSocket only) with the same 403 as a wrong one', async (transport) => {
    h = await registrarHarness(PASSWORDS);
    const username = h.credentials.session('operator-77', SECRET);
    const session = await h.phone(transport, { user: 'operator-77', authUser: username, password: SECRET });
    const wrong = await h.phone(transport, { user: 'operator-77', password: 'пароль-78' });
    const [a, b] = [await session.register(), await wrong.register()];
    expect(a.status).toBe(403);
    expect(shape(a)).toEqual(shape(b));
    // The operator's desk phone, beside it, still registers there.
    const desk = await h.phone(transport, { user: 'operator-77', password: 'пароль-77' });
    expect((await desk.register()).status).toBe(200);
    expect(h.registrar.registeredPhones).toBe(1);
  });
});
