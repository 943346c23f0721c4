// The edge end to end with real peers: a real otvet in-process (its ACD routing), a real rtpengine,
// the edge on 127.0.0.1, an operator's phone registered with digest and answering by itself (SIPp),
// and a SIPp caller through the trunk (127.0.0.2) who presses 2 in the IVR (RFC 4733 in its RTP),
// waits, talks and hangs up. Then otvet's record of the call, and rtpengine's final figures as the
// edge logged them. Also: who may call (403, 404), OPTIONS, /metrics and /healthz.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import type { Client } from '../../../test/support/http-client.ts';
import { hasRtpengine, reportMissingRtpengine, startRtpengine, type RunningRtpengine } from '../../../test/support/rtpengine.ts';
import { TestPhone } from '../../../test/support/sip-phone.ts';
import { freeUdpPort, reportMissingSipp, runSipp, sippPath } from '../../../test/support/sipp.ts';
import { ask } from '../../../test/support/sip-trunk.ts';
import { until } from '../../../test/support/until.ts';
import { edgeClient } from '../../../test/support/telephony.ts';
import { loadEdgeConfig } from './config.ts';
import { startEdge, type RunningEdge } from './edge.ts';

reportMissingSipp('src/telephony/edge/edge.test.ts');
reportMissingRtpengine('src/telephony/edge/edge.test.ts');

const SIP_PASSWORD = 'phone-secret-77-edge';
/** The trunk's address: another of this machine's loopback addresses, so 127.0.0.1 is no trunk. */
const TRUNK = '127.0.0.2';

describe.skipIf(!sippPath || !hasRtpengine)('the SIP edge end to end (otvet, rtpengine, SIPp)', () => {
  let app: TestApp;
  let engine: RunningRtpengine;
  let edge: RunningEdge;
  let supervisor: Client;
  let operator: Client & { username: string; userId: number };
  let dataDir: string;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    app = await startApp();
    const token = (await edgeClient(app, '77')).token!;
    supervisor = await app.as('supervisor', '77');
    operator = await app.as('operator', '77');
    // The SIP password first: the edge loads the credentials as it starts.
    expect((await operator.put(`/api/v1/operators/${operator.username}/sip-password`, { password: SIP_PASSWORD })).status).toBe(204);

    const dtmfPort = await freeUdpPort();
    engine = await startRtpengine({ dtmfLogPort: dtmfPort });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-edge-'));
    const loaded = loadEdgeConfig({
      OTVET_URL: app.url,
      OTVET_TOKEN: token,
      EDGE_TRUNKS: `${TRUNK}=77`,
      EDGE_SIP_UDP: '127.0.0.1:5060',
      EDGE_SIP_TCP: 'off',
      EDGE_SIP_WS: 'off',
      EDGE_RTPENGINE: `127.0.0.1:${engine.ngPort}`,
      EDGE_DTMF: `127.0.0.1:${dtmfPort}`,
      EDGE_DATA_DIR: dataDir,
    });
    // (ports the system picks: nothing fixed)
    const config = { ...loaded, listen: { ...loaded.listen, udp: { host: '127.0.0.1', port: 0 } }, metrics: { host: '127.0.0.1', port: 0 } };
    const logger = createLogger({ level: 'debug', format: 'json' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
    edge = await startEdge(config, logger);
    await until('otvet reachable from the edge', () => (edge.reporter.online ? true : undefined));
  }, 60_000);

  afterAll(async () => {
    await edge?.stop();
    await engine?.stop();
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a caller dials 122, presses 2, waits, talks to the operator who answers, hangs up: the call in otvet and audio both ways', async () => {
    const sip = edge.sip.find((a) => a.transport === 'udp')!;

    // The operator's phone registers (digest) from the port the SIPp phone then listens on.
    const phone = await TestPhone.open('udp', sip, { user: operator.username, password: SIP_PASSWORD });
    const registered = await phone.register();
    expect(registered.status).toBe(200);
    const phonePort = phone.port;
    await phone.close();
    expect(edge.registrar.contactsOf(operator.username).map((c) => c.target.port)).toEqual([phonePort]);

    const phoneSipp = runSipp({ scenario: 'operator.xml', port: phonePort, mediaPort: await freeUdpPort(true), timeoutSeconds: 60 });
    // Ready as the ACD expects: signed in, then ready.
    expect((await operator.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);

    const caller = runSipp({
      scenario: 'caller.xml',
      host: TRUNK,
      remote: `127.0.0.1:${sip.port}`,
      service: '122',
      // (trunks do this: the caller's number in the Call-ID; it must not reach the logs either)
      callIdFormat: '79161234512-%u-%p@%s',
      port: await freeUdpPort(false, TRUNK),
      mediaPort: await freeUdpPort(true, TRUNK),
      timeoutSeconds: 60,
    });
    const callerResult = await caller.done;
    // (a failed caller leaves the phone waiting for its timeout)
    if (callerResult.code !== 0) phoneSipp.kill();
    const phoneResult = await phoneSipp.done;
    expect(callerResult.code, `the caller's scenario:\n${callerResult.output}\n${callerResult.trace.slice(-6000)}`).toBe(0);
    expect(phoneResult.code, `the operator's phone:\n${phoneResult.output}\n${phoneResult.trace.slice(-6000)}`).toBe(0);

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
    const sip = edge.sip.find((a) => a.transport === 'udp')!;
    expect((await ask(sip, '127.0.0.1', 'INVITE', '122')).status).toBe(403);
    expect((await ask(sip, TRUNK, 'INVITE', '123')).status).toBe(404);
    expect((await ask(sip, '127.0.0.1', 'OPTIONS', '122')).status).toBe(200);
  });

  it('serves /metrics and /healthz', async () => {
    const health = await (await fetch(`${edge.httpUrl}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', otvetOnline: true, calls: expect.any(Number), registrations: expect.any(Number) });
    const metrics = await (await fetch(`${edge.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/^otvet_edge_otvet_online 1$/m);
    expect(metrics).toMatch(/^otvet_edge_sip_responses_total\{code="403"\} [1-9]/m);
    expect(metrics).toMatch(/^otvet_edge_calls_total [1-9]/m);
    expect((await fetch(`${edge.httpUrl}/other`)).status).toBe(404);
  });

  it('stops with a caller in the queue: the caller is hung up and otvet hears the call abandoned because the edge stopped', async () => {
    const sip = edge.sip.find((a) => a.transport === 'udp')!;
    const before = new Set(((await supervisor.get('/api/v1/calls?region=77')).body.items as { callId: string }[]).map((c) => c.callId));
    // (the operator is in wrap-up after the first call: nobody takes this one)
    const caller = runSipp({
      scenario: 'caller-waits.xml',
      host: TRUNK,
      remote: `127.0.0.1:${sip.port}`,
      service: '122',
      port: await freeUdpPort(false, TRUNK),
      mediaPort: await freeUdpPort(true, TRUNK),
    });
    const callId = await until('the caller waiting in otvet', async () => {
      const items = (await supervisor.get('/api/v1/calls?region=77')).body.items as { callId: string; state: string }[];
      return items.find((c) => !before.has(c.callId) && c.state === 'waiting')?.callId;
    });
    await edge.stop();
    const result = await caller.done;
    expect(result.code, `the caller's scenario:\n${result.output}\n${result.trace.slice(-6000)}`).toBe(0);
    const r = await supervisor.get(`/api/v1/calls/${callId}`);
    expect(r.body.state).toBe('abandoned');
    expect(r.body.closeReason).toBe('edge_stopped');
    expect((r.body.events as { id: string; type: string }[]).filter((e) => e.id.startsWith(`${callId}-`)).map((e) => e.type)).toEqual(['offered', 'ivr_choice', 'queued', 'abandoned']);
  }, 60_000);
});
