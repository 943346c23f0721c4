import { describe, expect, it } from 'vitest';
import { resolveTarget } from './resolve-target.ts';

describe('resolveTarget', () => {
  it('takes an address as it is, the transport parameter (UDP without one) and the port (5060 without one)', async () => {
    expect(await resolveTarget('sip:op77@192.0.2.7:5070;transport=TCP')).toEqual({ transport: 'tcp', address: '192.0.2.7', port: 5070 });
    expect(await resolveTarget('sip:192.0.2.7')).toEqual({ transport: 'udp', address: '192.0.2.7', port: 5060 });
    expect(await resolveTarget('sip:op@[2001:db8::7]:5062;transport=ws')).toEqual({ transport: 'ws', address: '2001:db8::7', port: 5062 });
    expect(await resolveTarget('sip:op@example.invalid;maddr=192.0.2.9')).toMatchObject({ address: '192.0.2.9' });
  });

  it('asks the system’s resolver for a name', async () => {
    expect((await resolveTarget('sip:op@localhost:5080')).address).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  it('refuses what the edge cannot reach: sips, TLS, SCTP', async () => {
    await expect(resolveTarget('sips:op@192.0.2.7')).rejects.toThrow(/TLS/);
    await expect(resolveTarget('sip:op@192.0.2.7;transport=tls')).rejects.toThrow(/tls/);
    await expect(resolveTarget('sip:op@192.0.2.7;transport=sctp')).rejects.toThrow(/sctp/);
  });
});
