// The edge refusing calls it cannot carry, with a real otvet and a real SIP stack but no rtpengine
// (nothing listens on its port): the rtpengine offer fails, so the caller gets 503 and otvet hears
// the call offered and abandoned for the media (`media_unavailable`); above the rate of new calls
// the next INVITE gets 503 at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { startTestEdge, TRUNK, type TestEdge } from '../../../test/support/edge-harness.ts';
import type { Client } from '../../../test/support/http-client.ts';
import { freeUdpPort } from '../../../test/support/sipp.ts';
import { ask } from '../../../test/support/sip-trunk.ts';
import { until } from '../../../test/support/until.ts';
import { edgeClient } from '../../../test/support/telephony.ts';
import { header } from '../sip/message.ts';
import { loadEdgeConfig } from './config.ts';
import { startEdge, type RunningEdge } from './edge.ts';

describe('the edge refuses what it cannot carry', () => {
  let app: TestApp;
  let running: TestEdge;
  let edge: RunningEdge;
  let supervisor: Client;
  let dataDir: string;
  let logLines: Record<string, unknown>[];

  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    const token = (await edgeClient(app, '77')).token!;
    supervisor = await app.as('supervisor', '77');
    running = await startTestEdge(
      {
        OTVET_URL: app.url,
        OTVET_TOKEN: token,
        // (a port nothing answers on: every rtpengine request times out)
        EDGE_RTPENGINE: `127.0.0.1:${await freeUdpPort()}`,
        EDGE_DTMF: `127.0.0.1:${await freeUdpPort()}`,
        EDGE_MAX_CPS: '1',
      },
      'info',
    );
    ({ edge, dataDir, logLines } = running);
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
    await app?.close();
  });

  it('a second edge on the same data folder is refused', async () => {
    const config = loadEdgeConfig({ OTVET_URL: app.url, OTVET_TOKEN: 'otvet_x', EDGE_TRUNKS: `${TRUNK}=77`, EDGE_DATA_DIR: dataDir });
    await expect(startEdge(config, createLogger({ level: 'silent', format: 'json' }))).rejects.toThrow(/data folder .* is in use by edge process/);
  });

  it('rtpengine does not answer: the caller gets 503, otvet hears the call offered and abandoned; the next call above the rate gets 503 at once', async () => {
    const sip = edge.sip.find((a) => a.transport === 'udp')!;
    // (two INVITEs at once: one is admitted and refused when rtpengine fails, the other refused for the rate)
    const responses = await Promise.all([ask(sip, TRUNK, 'INVITE', '122'), ask(sip, TRUNK, 'INVITE', '122')]);
    expect(responses.map((r) => r.status)).toEqual([503, 503]);
    expect(responses.map((r) => header(r, 'Retry-After')).sort()).toEqual(['1', '5']);

    const call = await until('the refused call in otvet', async () => {
      const items = (await supervisor.get('/api/v1/calls?region=77')).body.items as { callId: string }[];
      if (items.length !== 1) return undefined;
      const body = (await supervisor.get(`/api/v1/calls/${items[0]!.callId}`)).body as { closeReason: string | null; events: { type: string }[] };
      // (the call's row and its events are read by two statements: on PostgreSQL the events may be
      // seen a moment before the row that the same commit wrote)
      return body.events.some((e) => e.type === 'abandoned') && body.closeReason !== null ? body : undefined;
    });
    expect(call.events.map((e) => e.type)).toEqual(['offered', 'abandoned']);
    // (not the caller's hang-up: otvet keeps why)
    expect(call.closeReason).toBe('media_unavailable');
    expect(logLines.some((l) => l.msg === 'rtpengine could not take the call: refused 503')).toBe(true);
    const metrics = await (await fetch(`${edge.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/^otvet_edge_calls_refused_total\{reason="rate"\} 1$/m);
    expect(metrics).toMatch(/^otvet_edge_sip_responses_total\{code="503"\} 2$/m);
  }, 30_000);
});
