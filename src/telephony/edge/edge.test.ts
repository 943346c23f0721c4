// The edge end to end with real peers: a real otvet in-process (its ACD routing), a real rtpengine,
// the edge on 127.0.0.1, an operator's phone registered with digest and answering by itself (SIPp),
// and a SIPp caller through the trunk (127.0.0.2) who presses 2 in the IVR (RFC 4733 in its RTP),
// waits, talks and hangs up. Then otvet's record of the call, and rtpengine's final figures as the
// edge logged them. Also: who may call (403, 404), OPTIONS, /metrics and /healthz.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callIds, newCallIn, registerPhone, startEdgeHarness, TRUNK, trunkCaller, type EdgeHarness } from '../../../test/support/edge-harness.ts';
import { hasRtpengine, reportMissingRtpengine } from '../../../test/support/rtpengine.ts';
import { freeUdpPort, reportMissingSipp, runSipp, sippFailure, sippPath } from '../../../test/support/sipp.ts';
import { ask } from '../../../test/support/sip-trunk.ts';
import { until } from '../../../test/support/until.ts';

reportMissingSipp('src/telephony/edge/edge.test.ts');
reportMissingRtpengine('src/telephony/edge/edge.test.ts');

describe.skipIf(!sippPath || !hasRtpengine)('the SIP edge end to end (otvet, rtpengine, SIPp)', () => {
  let h: EdgeHarness;

  beforeAll(async () => {
    h = await startEdgeHarness();
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('a caller dials 122, presses 2, waits, talks to the operator who answers, hangs up: the call in otvet and audio both ways', async () => {
    const { edge, operator, supervisor, logLines } = h;

    // The operator's phone registers (digest) from the port the SIPp phone then listens on.
    const phonePort = await registerPhone(h);
    expect(edge.registrar.contactsOf(operator.username).map((c) => c.target.port)).toEqual([phonePort]);

    const phoneSipp = runSipp({ scenario: 'operator.xml', port: phonePort, mediaPort: await freeUdpPort(true), timeoutSeconds: 60 });
    // Ready as the ACD expects: signed in, then ready.
    expect((await operator.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);

    // (trunks put the caller's number in the Call-ID: it must not reach the logs either)
    const caller = await trunkCaller(h, 'caller.xml');
    const callerResult = await caller.done;
    // (a failed caller leaves the phone waiting for its timeout)
    if (callerResult.code !== 0) phoneSipp.kill();
    const phoneResult = await phoneSipp.done;
    expect(callerResult.code, sippFailure("the caller's scenario", callerResult)).toBe(0);
    expect(phoneResult.code, sippFailure("the operator's phone", phoneResult)).toBe(0);

    // otvet's record: the edge's events in order, the topic of the menu's key 2.
    const menu = (await supervisor.get('/api/v1/regions/77/ivr-menu')).body as { items: { digit: string; section: string }[] };
    const topic = menu.items.find((i) => i.digit === '2')!.section;
    const calls = (await supervisor.get('/api/v1/calls?region=77')).body.items as { callId: string }[];
    expect(calls).toHaveLength(1);
    const callId = calls[0]!.callId;
    type Event = { id: string; type: string; source: string; data: Record<string, unknown> };
    const events = await until('the call ended in otvet', async () => {
      const r = await supervisor.get(`/api/v1/calls/${callId}`);
      const mine = (r.body.events as Event[]).filter((e) => e.id.startsWith(`${callId}-`));
      return mine.some((e) => e.type === 'ended') ? mine : undefined;
    });
    expect(events.map((e) => e.type)).toEqual(['offered', 'ivr_choice', 'queued', 'ringing', 'answered', 'ended']);
    expect(events[1]!.data.topic).toBe(topic);
    expect(events[0]!.data).toMatchObject({ region: '77', dialled: '122', callerMasked: '+7 916 ***-**-12' });
    expect(events[3]!.data.operatorId).toBe(operator.userId);
    expect(events[4]!.data.operatorId).toBe(operator.userId);

    // rtpengine's final figures, as logged when the call's media was deleted: audio both ways.
    const media = await until(
      'the media figures',
      () => logLines.find((l) => l.msg === 'call media ended' && l.callId === callId)?.media as Record<string, { packets: number; bytes: number }> | undefined,
    );
    expect(media.callerToOperator!.packets, 'caller → operator').toBeGreaterThan(0);
    expect(media.operatorToCaller!.packets, 'operator → caller').toBeGreaterThan(0);
    // Nothing failed on the way, and no caller's number in any log line.
    expect(logLines.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(JSON.stringify(logLines)).not.toMatch(/79161234512|9161234512/);
  }, 120_000);

  it('refuses INVITEs from addresses that are no trunk (403) and to numbers it does not answer (404); answers OPTIONS', async () => {
    const { sip } = h;
    expect((await ask(sip, '127.0.0.1', 'INVITE', '122')).status).toBe(403);
    expect((await ask(sip, TRUNK, 'INVITE', '123')).status).toBe(404);
    expect((await ask(sip, '127.0.0.1', 'OPTIONS', '122')).status).toBe(200);
  });

  it('serves /metrics and /healthz', async () => {
    const { edge } = h;
    const health = await (await fetch(`${edge.httpUrl}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', otvetOnline: true, calls: expect.any(Number), registrations: expect.any(Number) });
    const metrics = await (await fetch(`${edge.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/^otvet_edge_otvet_online 1$/m);
    expect(metrics).toMatch(/^otvet_edge_sip_responses_total\{code="403"\} [1-9]/m);
    expect(metrics).toMatch(/^otvet_edge_calls_total [1-9]/m);
    expect((await fetch(`${edge.httpUrl}/other`)).status).toBe(404);
  });

  it('stops with a caller in the queue: the caller is hung up and otvet hears the call abandoned because the edge stopped', async () => {
    const { edge, supervisor } = h;
    const before = await callIds(h);
    // (the operator is in wrap-up after the first call: nobody takes this one)
    const caller = await trunkCaller(h, 'caller-waits.xml');
    const callId = await newCallIn(h, before, 'waiting');
    await edge.stop();
    const result = await caller.done;
    expect(result.code, sippFailure("the caller's scenario", result)).toBe(0);
    const r = await supervisor.get(`/api/v1/calls/${callId}`);
    expect(r.body.state).toBe('abandoned');
    expect(r.body.closeReason).toBe('edge_stopped');
    expect((r.body.events as { id: string; type: string }[]).filter((e) => e.id.startsWith(`${callId}-`)).map((e) => e.type)).toEqual(['offered', 'ivr_choice', 'queued', 'abandoned']);
  }, 60_000);
});
