// Registrations that follow their connections, end to end: a phone registered to the edge over TCP
// or WebSocket whose connection closes is gone at once (not at its expiry, an hour later), and an
// operator with no other phone is then not rung: the edge, told to connect a caller to them by
// otvet's ACD, has nobody to ring.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { sipOperator, startTestEdge, TRUNK, type TestEdge } from '../../../test/support/edge.ts';
import type { Client } from '../../../test/support/http-client.ts';
import { hasRtpengine, reportMissingRtpengine } from '../../../test/support/rtpengine.ts';
import { TestPhone } from '../../../test/support/sip-phone.ts';
import { freeUdpPort, reportMissingSipp, runSipp, sippPath } from '../../../test/support/sipp.ts';
import { until } from '../../../test/support/until.ts';

reportMissingSipp('src/telephony/edge/edge-registrations.test.ts');
reportMissingRtpengine('src/telephony/edge/edge-registrations.test.ts');

const SIP_PASSWORD = 'phone-secret-77-flows';

describe.skipIf(!sippPath || !hasRtpengine)('registrations that follow their connections (otvet, rtpengine, SIPp)', () => {
  let app: TestApp;
  let running: TestEdge;
  let supervisor: Client;
  const operators: Record<'tcp' | 'ws', Client & { username: string; userId: number }> = {} as never;

  beforeAll(async () => {
    app = await startApp();
    supervisor = await app.as('supervisor', '77');
    for (const transport of ['tcp', 'ws'] as const) operators[transport] = await sipOperator(app, SIP_PASSWORD);
    running = await startTestEdge(app, { rtpengine: true, transports: ['udp', 'tcp', 'ws'] });
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
    await app?.close();
  });

  it.each(['tcp', 'ws'] as const)('a phone registered over %s whose connection closes is gone at once', async (transport) => {
    const { username } = operators[transport];
    const phone = await TestPhone.open(transport, running.sip(transport), { user: username, password: SIP_PASSWORD });
    expect((await phone.register()).status).toBe(200);
    expect(running.edge.registrar.contactsOf(username).map((c) => c.expiresInSeconds)).toEqual([3600]);
    const before = running.edge.registrar.registeredPhones;
    await phone.close();
    await until('the contact gone', () => (running.edge.registrar.contactsOf(username).length === 0 ? true : undefined), 2000);
    expect(running.edge.registrar.registeredPhones).toBe(before - 1);
  });

  it('an operator whose only phone’s connection closed is not rung when otvet connects a caller to them', async () => {
    const { username } = operators.tcp;
    expect(running.edge.registrar.contactsOf(username)).toEqual([]);
    expect((await operators.tcp.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    const caller = runSipp({
      scenario: 'caller-waits.xml',
      host: TRUNK,
      remote: `127.0.0.1:${running.sip('udp').port}`,
      service: '122',
      port: await freeUdpPort(false, TRUNK),
      mediaPort: await freeUdpPort(true, TRUNK),
    });
    try {
      const live = await until('otvet’s connect reaching the edge', () => [...running.edge.runner.calls.values()].find((c) => c.call.ring?.operator === username));
      expect(live.legs.size, 'INVITEs sent to the operator’s phones').toBe(0);
      const events = (await supervisor.get(`/api/v1/calls/${live.callId}`)).body.events as { id: string; type: string }[];
      expect(events.filter((e) => e.id.startsWith(`${live.callId}-`)).map((e) => e.type)).toEqual(['offered', 'ivr_choice', 'queued']);
    } finally {
      // The caller waits until the edge hangs up: it does as it stops.
      await running.edge.stop();
    }
    const result = await caller.done;
    expect(result.code, `the caller's scenario:\n${result.output}\n${result.trace.slice(-6000)}`).toBe(0);
  }, 60_000);
});
