// The registrar's bindings over real sockets (RFC 3261 §10.3): devices, expiry, removal, ordering,
// and where each phone is reached. Phones authenticate as in registrar-auth.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { registrarHarness } from '../../../test/support/registrar-harness.ts';
import type { Harness } from '../../../test/support/registrar-harness.ts';
import type { TestPhone } from '../../../test/support/sip-phone.ts';
import { header, headers } from '../sip/message.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const PASSWORDS = { 'operator-77': 'пароль-77', 'operator-12': 'secret-12' };
const uris = (username: string) => h.registrar.contactsOf(username).map((c) => c.uri);

/** A phone of operator-77 already past its first challenge: each REGISTER after this carries fresh credentials (over WS a browser's, with a session credential). */
async function phone77(transport: 'udp' | 'tcp' | 'ws' = 'udp'): Promise<TestPhone & { reg: TestPhone['send'] }> {
  const credentials = transport === 'ws' ? { authUser: h.credentials.session('operator-77', 'session-secret'), password: 'session-secret', algorithm: 'MD5' as const } : { password: 'пароль-77' };
  const p = await h.phone(transport, { user: 'operator-77', ...credentials });
  let nc = 0;
  let challenge = await p.send({ contacts: [] });
  const reg: TestPhone['send'] = async (shape = {}) => {
    const res = await p.send({ ...shape, authorization: p.answer(challenge, (++nc).toString(16).padStart(8, '0')) });
    if (res.status === 401) {
      challenge = res;
      nc = 0;
    }
    return res;
  };
  return Object.assign(p, { reg });
}

describe('Registrar: bindings', () => {
  it('keeps several devices per operator; each 200 lists every current contact with its own expiry', async () => {
    h = await registrarHarness(PASSWORDS);
    const desk = await phone77();
    const soft = await phone77('tcp');
    expect((await desk.reg({ expires: 3600 })).status).toBe(200);
    h.clock.advance(100_000);
    const res = await soft.reg({ expires: 120 });
    expect(res.status).toBe(200);
    expect(headers(res, 'Contact')).toEqual([`<${soft.contact}>;expires=120`, `<${desk.contact}>;expires=3500`]);
    expect(uris('operator-77')).toEqual([soft.contact, desk.contact]);
    expect(h.registrar.registeredOperators).toBe(1);
    expect(h.registrar.registeredPhones).toBe(2);
  });

  it('grants the Contact expires parameter over the Expires header, the default without either, the maximum above it', async () => {
    h = await registrarHarness(PASSWORDS, { expires: { min: 60, max: 1800, default: 900 } });
    const p = await phone77();
    const a = `sip:operator-77@127.0.0.1:${p.port};line=a`;
    const b = `sip:operator-77@127.0.0.1:${p.port};line=b`;
    const c = `sip:operator-77@127.0.0.1:${p.port};line=c`;
    const res = await p.reg({ contacts: [`<${a}>;expires=300`, b], expires: 7200 });
    expect(headers(res, 'Contact').sort()).toEqual([`<${a}>;expires=300`, `<${b}>;expires=1800`]);
    const res2 = await p.reg({ contacts: [c] });
    expect(headers(res2, 'Contact')).toContain(`<${c}>;expires=900`);
  });

  it('refuses an expiry below the minimum with 423 and Min-Expires, binding nothing of that REGISTER', async () => {
    h = await registrarHarness(PASSWORDS);
    const p = await phone77();
    const other = `sip:operator-77@127.0.0.1:${p.port};line=2`;
    const res = await p.reg({ contacts: [p.contact, `<${other}>;expires=30`], expires: 600 });
    expect([res.status, res.reason, header(res, 'Min-Expires')]).toEqual([423, 'Interval Too Brief', '60']);
    expect(uris('operator-77')).toEqual([]);
  });

  it('removes one contact with Expires: 0, all with Contact: * (which needs Expires: 0, else 400); the operator goes once', async () => {
    h = await registrarHarness(PASSWORDS);
    const gone: string[] = [];
    h.registrar.on('unregistered', (u, cause) => gone.push(`${u}:${cause}`));
    const p = await phone77();
    // Lines told apart by a parameter both URIs have (§19.1.4: one only in one URI would not count).
    const [one, two, three] = [1, 2, 3].map((n) => `sip:operator-77@127.0.0.1:${p.port};line=${n}`) as [string, string, string];
    await p.reg({ contacts: [one, two, three] });
    const res = await p.reg({ contacts: [two], expires: 0 });
    expect(
      headers(res, 'Contact')
        .map((c) => c.replace(/;expires=\d+$/, ''))
        .sort(),
    ).toEqual([`<${one}>`, `<${three}>`].sort());
    expect((await p.reg({ contacts: '*' })).status).toBe(400);
    expect((await p.reg({ contacts: '*', expires: 5 })).status).toBe(400);
    expect(uris('operator-77')).toHaveLength(2);
    const cleared = await p.reg({ contacts: '*', expires: 0 });
    expect([cleared.status, headers(cleared, 'Contact')]).toEqual([200, []]);
    expect(uris('operator-77')).toEqual([]);
    expect(gone).toEqual(['operator-77:removed']);
  });

  it('refuses a REGISTER whose CSeq is not above the one that set the binding under the same Call-ID (§10.3 step 7), changing nothing', async () => {
    h = await registrarHarness(PASSWORDS);
    const p = await phone77();
    await p.reg({ expires: 600 });
    const late = p.cseq - 1; // an older REGISTER arriving after a newer one
    const two = `sip:operator-77@127.0.0.1:${p.port};line=2`;
    const res = await p.reg({ cseq: late, contacts: [p.contact, two], expires: 0 });
    expect(res.status).toBe(400);
    expect(uris('operator-77')).toEqual([p.contact]);
    // Another Call-ID (the phone restarted) may change it whatever its CSeq.
    expect((await p.reg({ cseq: 1, callId: 'after-restart@127.0.0.1', expires: 0 })).status).toBe(200);
    expect(uris('operator-77')).toEqual([]);
  });

  it('answers a REGISTER without Contact with the current bindings, changing nothing', async () => {
    h = await registrarHarness(PASSWORDS);
    const p = await phone77();
    await p.reg({ expires: 600 });
    h.clock.advance(10_000);
    const res = await p.reg({ contacts: [] });
    expect([res.status, headers(res, 'Contact')]).toEqual([200, [`<${p.contact}>;expires=590`]]);
  });

  it('lets bindings expire on the clock: the remaining time shrinks, then the contact goes and the operator with it', async () => {
    h = await registrarHarness(PASSWORDS);
    const events: string[] = [];
    h.registrar.on('registered', (u) => events.push(`+${u}`));
    h.registrar.on('unregistered', (u, cause) => events.push(`-${u}:${cause}`));
    const p = await phone77();
    const other = await phone77();
    await p.reg({ expires: 300 });
    await other.reg({ expires: 120 });
    h.clock.advance(119_500);
    expect(h.registrar.contactsOf('operator-77').map((c) => c.expiresInSeconds)).toEqual(expect.arrayContaining([1, 181]));
    h.clock.advance(500);
    expect(uris('operator-77')).toEqual([p.contact]);
    expect(events).toEqual(['+operator-77']);
    h.clock.advance(180_000);
    expect(uris('operator-77')).toEqual([]);
    expect(events).toEqual(['+operator-77', '-operator-77:expired']);
    expect(h.registrar.registeredOperators).toBe(0);
  });

  it('a refreshed binding keeps its new expiry (the old timer does not remove it)', async () => {
    h = await registrarHarness(PASSWORDS);
    const p = await phone77();
    await p.reg({ expires: 120 });
    h.clock.advance(60_000);
    await p.reg({ expires: 120 });
    h.clock.advance(61_000);
    expect(h.registrar.contactsOf('operator-77').map((c) => c.expiresInSeconds)).toEqual([59]);
  });

  it('replaces the device refreshed longest ago when an operator has more than the devices allowed', async () => {
    h = await registrarHarness(PASSWORDS, { maxDevices: 2 });
    const p = await phone77();
    for (const line of [1, 2, 3]) {
      await p.reg({ contacts: [`sip:operator-77@127.0.0.1:${p.port};line=${line}`] });
      h.clock.advance(1000);
    }
    expect(uris('operator-77')).toEqual([3, 2].map((l) => `sip:operator-77@127.0.0.1:${p.port};line=${l}`));
  });
});

describe('Registrar: where a phone is reached', () => {
  it.each(['tcp', 'ws'] as const)('over %s: the connection the phone registered on (its ephemeral port), not the Contact', async (transport) => {
    h = await registrarHarness(PASSWORDS);
    const p = await phone77(transport);
    await p.reg();
    const [c] = h.registrar.contactsOf('operator-77');
    expect(c?.uri).toBe(p.contact);
    expect(c?.target.transport).toBe(transport);
    expect(c?.target.address).toBe('127.0.0.1');
    expect(c?.target.port).not.toBe(p.port); // the phone's side of the connection, not where it listens
    h.registrar.connectionClosed(c!.target);
    expect(uris('operator-77')).toEqual([]);
  });

  it('over UDP behind a NAT: the address and port the REGISTER came from, and the binding says natted', async () => {
    h = await registrarHarness(PASSWORDS);
    const p = await phone77();
    const privateContact = 'sip:operator-77@192.168.1.20:5060';
    await p.reg({ contacts: [`<${privateContact}>;+sip.instance="<urn:uuid:00000000-0000-1000-8000-000A95A0E128>";q=0.7`] });
    expect(h.registrar.contactsOf('operator-77')).toEqual([
      {
        uri: privateContact,
        target: { transport: 'udp', address: '127.0.0.1', port: p.port },
        natted: true,
        expiresInSeconds: 3600,
        q: 0.7,
        instance: '<urn:uuid:00000000-0000-1000-8000-000A95A0E128>',
      },
    ]);
    // A UDP binding stays when a connection closes somewhere: UDP has none.
    h.registrar.connectionClosed({ transport: 'tcp', address: '127.0.0.1', port: p.port });
    expect(uris('operator-77')).toEqual([privateContact]);
  });
});
