// A registrar on its own SipStack (UDP, TCP and WS on 127.0.0.1, port 0) with operators' credentials
// held in memory, time on a ManualClock (bindings) and a wall clock the test moves (nonces), and
// phones that register to it. Everything opened is closed by close().
import { storedHa1, DigestServer } from '../../src/telephony/sip/digest.ts';
import type { Peer } from '../../src/telephony/sip/message.ts';
import { SipStack } from '../../src/telephony/sip/stack.ts';
import { ManualClock } from '../../src/telephony/sip/transactions/clock.ts';
import { responseTo } from '../../src/telephony/sip/validate.ts';
import { CredentialsUnavailable } from '../../src/telephony/edge/credentials.ts';
import type { CredentialsSource, Ha1Record } from '../../src/telephony/edge/credentials.ts';
import { PhoneAuth } from '../../src/telephony/edge/phone-auth.ts';
import { Registrar } from '../../src/telephony/edge/registrar.ts';
import type { RegistrarOptions } from '../../src/telephony/edge/registrar.ts';
import { TestPhone } from './sip-phone.ts';
import type { PhoneOptions } from './sip-phone.ts';

export const REALM = 'otvet';

/** Operators' credentials in memory: username → password, kept only as HA1s; browser sessions' added by session(). */
export class FakeCredentials implements CredentialsSource {
  readonly table = new Map<string, Ha1Record>();
  unavailable = false;
  lookups: string[] = [];

  constructor(passwords: Record<string, string>, realm = REALM) {
    for (const [user, password] of Object.entries(passwords)) {
      const h = storedHa1(user, realm, password);
      this.table.set(user, { ha1Md5: h.md5, ha1Sha256: h.sha256, realm, operator: user, kind: 'password', expiresAt: null });
    }
  }

  /** A browser session's credential of `operator` (as otvet gives one at sign-in): its digest username. */
  session(operator: string, secret: string, suffix = '0123456789abcdef', realm = REALM): string {
    const username = `${operator}~${suffix}`;
    const h = storedHa1(username, realm, secret);
    this.table.set(username, { ha1Md5: h.md5, ha1Sha256: h.sha256, realm, operator, kind: 'session', expiresAt: Date.UTC(2026, 11, 5, 20) });
    return username;
  }

  async ha1For(username: string): Promise<Ha1Record | undefined> {
    this.lookups.push(username);
    if (this.unavailable) throw new CredentialsUnavailable('not loaded yet');
    return this.table.get(username);
  }
}

export interface Harness {
  registrar: Registrar;
  credentials: FakeCredentials;
  clock: ManualClock;
  /** Moves the digest server's wall clock (nonce ages). */
  advanceWall(ms: number): void;
  server: SipStack;
  peer(transport: Peer['transport']): Peer;
  phone(transport: Peer['transport'], opts: PhoneOptions): Promise<TestPhone>;
  close(): Promise<void>;
}

export async function registrarHarness(passwords: Record<string, string>, opts: Partial<RegistrarOptions> = {}): Promise<Harness> {
  const clock = new ManualClock();
  let wall = Date.UTC(2026, 11, 5, 12);
  const digest = new DigestServer({ realm: REALM, key: Buffer.alloc(32, 5), now: () => wall, nonceTtlMs: 60_000 });
  const credentials = new FakeCredentials(passwords);
  const registrar = new Registrar({ auth: new PhoneAuth(digest, credentials), clock, now: () => wall, ...opts });
  const server = await SipStack.listen({ udp: 0, tcp: 0, ws: 0 });
  server.onRequest((tx, req, source) => {
    if (req.method === 'REGISTER') registrar.handle(tx, req, source);
    else tx.respond(responseTo(req, 405, 'Method Not Allowed', { headers: [{ name: 'Allow', value: 'REGISTER' }] }));
  });
  const phones: TestPhone[] = [];
  const peer = (transport: Peer['transport']) => server.addresses.find((a) => a.transport === transport)!;
  return {
    registrar,
    credentials,
    clock,
    advanceWall: (ms) => void (wall += ms),
    server,
    peer,
    async phone(transport, phoneOpts) {
      const p = await TestPhone.open(transport, peer(transport), phoneOpts);
      phones.push(p);
      return p;
    },
    async close() {
      await Promise.all(phones.map((p) => p.close()));
      registrar.close();
      await server.close();
    },
  };
}
