// A real soft phone: baresip registers as operator-77 with digest authentication over UDP and TCP;
// with a wrong password it gets 403 and no binding. Skipped, saying so, without baresip.
import { afterEach, describe, expect, it } from 'vitest';
import { Baresip, baresipMissing, baresipPath } from '../../../test/support/baresip.ts';
import { registrarHarness } from '../../../test/support/registrar-harness.ts';
import type { Harness } from '../../../test/support/registrar-harness.ts';

if (!baresipPath) console.warn(`registrar.baresip.test.ts: ${baresipMissing}`);

let h: Harness | undefined;
let phone: Baresip | undefined;
afterEach(async () => {
  await phone?.stop();
  await h?.close();
  phone = h = undefined;
});

const PASSWORD = 'Пароль-оператора-77';

function account(h: Harness, transport: 'udp' | 'tcp', password: string): string {
  return `<sip:operator-77@127.0.0.1:${h.peer(transport).port};transport=${transport}>;auth_pass=${password};regint=300`;
}

/** The failure message shows what baresip said. */
const withOutput = (p: Baresip) => `baresip said:\n${p.output.slice(-4000)}`;

describe.skipIf(!baresipPath)('Registrar with baresip', () => {
  it.each(['udp', 'tcp'] as const)('registers baresip as operator-77 over %s: the registrar shows its contact', async (transport) => {
    h = await registrarHarness({ 'operator-77': PASSWORD });
    const registered = new Promise<string>((resolve) => h!.registrar.once('registered', resolve));
    phone = Baresip.start({ accounts: [account(h, transport, PASSWORD)] });
    expect(await registered, withOutput(phone)).toBe('operator-77');
    const [contact] = h.registrar.contactsOf('operator-77');
    expect(contact?.uri, withOutput(phone)).toMatch(transport === 'udp' ? /^sip:operator-77[^@]*@127\.0\.0\.1:\d+$/ : /^sip:operator-77[^@]*@127\.0\.0\.1:\d+;transport=tcp$/);
    expect(contact?.target.transport).toBe(transport);
    expect(contact?.expiresInSeconds).toBe(300);
    expect(contact?.userAgent).toMatch(/^baresip/);
    // baresip read the 200 and found its own contact among the bindings listed.
    await phone.until(new RegExp(`\\{0/${transport.toUpperCase()}/v4\\} 200 OK .*\\[1 binding\\]`));
  });

  it('a wrong password gets 403 and no binding', async () => {
    h = await registrarHarness({ 'operator-77': PASSWORD });
    const refused = new Promise<number>((resolve) => h!.registrar.once('refused', (r) => resolve(r.status)));
    phone = Baresip.start({ accounts: [account(h, 'udp', 'not-the-password')] });
    expect(await refused, withOutput(phone)).toBe(403);
    await phone.until(/reg: .* 403 Forbidden/);
    expect(h.registrar.contactsOf('operator-77')).toEqual([]);
    expect(h.registrar.registeredOperators).toBe(0);
  });
});
