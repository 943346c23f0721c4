// Registrations that follow their connections, end to end: a phone registered to the edge over TCP
// whose connection closes is gone at once (not at its expiry, an hour later), and an
// operator with no other phone is then not rung: the edge, told to connect a caller to them by
// otvet's ACD, has nobody to ring.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIP_PASSWORD, startEdgeHarness, trunkCaller, type EdgeHarness } from '../../../test/support/edge-harness.ts';
import { hasRtpengine, reportMissingRtpengine } from '../../../test/support/rtpengine.ts';
import { TestPhone } from '../../../test/support/sip-phone.ts';
import { reportMissingSipp, sippFailure, sippPath } from '../../../test/support/sipp.ts';
import { until } from '../../../test/support/until.ts';

reportMissingSipp('src/telephony/edge/edge-registrations.test.ts');
reportMissingRtpengine('src/telephony/edge/edge-registrations.test.ts');

describe.skipIf(!sippPath || !hasRtpengine)('registrations that follow their connections (otvet, rtpengine, SIPp)', () => {
  let h: EdgeHarness;

  beforeAll(async () => {
    // (TCP and WS on: the harness gives each a port the system picks)
    h = await startEdgeHarness({ EDGE_SIP_TCP: '127.0.0.1:5060', EDGE_SIP_WS: '127.0.0.1:5066' });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  // (over WS only a browser session's credential registers, ADR 0015: registrar-browser.test.ts;
  // a WS flow closing is registrar.test.ts's)
  it('an operator’s own SIP password is refused over WebSocket (403), as browsers get session credentials', async () => {
    const { username } = h.operator;
    const phone = await TestPhone.open(
      'ws',
      h.edge.sip.find((a) => a.transport === 'ws')!,
      { user: username, password: SIP_PASSWORD, algorithm: 'MD5' },
    );
    try {
      expect((await phone.register()).status).toBe(403);
      expect(h.edge.registrar.contactsOf(username)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('a phone registered over TCP whose connection closes is gone at once', async () => {
    const { username } = h.operator;
    const phone = await TestPhone.open(
      'tcp',
      h.edge.sip.find((a) => a.transport === 'tcp')!,
      { user: username, password: SIP_PASSWORD },
    );
    expect((await phone.register()).status).toBe(200);
    expect(h.edge.registrar.contactsOf(username).map((c) => c.expiresInSeconds)).toEqual([3600]);
    await phone.close();
    await until('the contact gone', () => (h.edge.registrar.contactsOf(username).length === 0 ? true : undefined), 2000);
    expect(h.edge.registrar.registeredPhones).toBe(0);
  });

  it('an operator whose only phone’s connection closed is not rung when otvet connects a caller to them', async () => {
    const { username } = h.operator;
    expect(h.edge.registrar.contactsOf(username)).toEqual([]);
    expect((await h.operator.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    const caller = await trunkCaller(h, 'caller-waits.xml');
    try {
      const live = await until('otvet’s connect reaching the edge', () => [...h.edge.runner.calls.values()].find((c) => c.call.ring?.operator === username));
      expect(live.legs.size, 'INVITEs sent to the operator’s phones').toBe(0);
      const events = (await h.supervisor.get(`/api/v1/calls/${live.callId}`)).body.events as { id: string; type: string }[];
      expect(events.filter((e) => e.id.startsWith(`${live.callId}-`)).map((e) => e.type)).toEqual(['offered', 'ivr_choice', 'queued']);
    } finally {
      // The caller waits until the edge hangs up: it does as it stops.
      await h.edge.stop();
    }
    const result = await caller.done;
    expect(result.code, sippFailure("the caller's scenario", result)).toBe(0);
  }, 60_000);
});
