// The SIP edge for end-to-end tests, against an otvet started by the test: configured as `otvet edge`
// is (loadEdgeConfig), then on 127.0.0.1 with ports the system picks for each transport asked for and
// for /metrics, the trunk on 127.0.0.2 for region 77, a data folder of its own, a real rtpengine of
// its own when asked (else an ng port nothing answers on); every log line kept (as JSON) for the
// test to read. Ready once otvet is reachable from it. stop() stops the edge and rtpengine and
// removes the folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/platform/logger.ts';
import { loadEdgeConfig } from '../../src/telephony/edge/config.ts';
import { startEdge, type RunningEdge } from '../../src/telephony/edge/edge.ts';
import type { Peer } from '../../src/telephony/sip/message.ts';
import type { TestApp } from './app.ts';
import type { Client } from './http-client.ts';
import { startRtpengine, type RunningRtpengine } from './rtpengine.ts';
import { freeUdpPort } from './sipp.ts';
import { edgeClient } from './telephony.ts';
import { until } from './until.ts';

/** The trunk's address: another of this machine's loopback addresses, so 127.0.0.1 is no trunk. */
export const TRUNK = '127.0.0.2';

export interface TestEdgeOptions {
  /** A real rtpengine for the edge, its key presses sent to the edge (default: an ng port nothing answers on). */
  rtpengine?: boolean;
  /** SIP transports to listen on (default UDP only). */
  transports?: Peer['transport'][];
  /** More EDGE_* variables (EDGE_MAX_CPS…). */
  env?: Record<string, string>;
  logLevel?: 'debug' | 'info';
}

export interface TestEdge {
  edge: RunningEdge;
  engine?: RunningRtpengine;
  /** Where the edge takes SIP on this transport. */
  sip(transport?: Peer['transport']): Peer;
  logLines: Record<string, unknown>[];
  dataDir: string;
  stop(): Promise<void>;
}

/** An operator of region 77 with a SIP password (set before the edge starts: it loads the credentials then). */
export async function sipOperator(app: TestApp, password: string): Promise<Client & { username: string; userId: number }> {
  const operator = await app.as('operator', '77');
  const r = await operator.put(`/api/v1/operators/${operator.username}/sip-password`, { password });
  if (r.status !== 204) throw new Error(`the SIP password was not set: ${r.status} ${r.text}`);
  return operator;
}

export async function startTestEdge(app: TestApp, o: TestEdgeOptions = {}): Promise<TestEdge> {
  const token = (await edgeClient(app, '77')).token!;
  const dtmfPort = await freeUdpPort();
  const engine = o.rtpengine ? await startRtpengine({ dtmfLogPort: dtmfPort }) : undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-edge-'));
  const transports = o.transports ?? ['udp'];
  const loaded = loadEdgeConfig({
    OTVET_URL: app.url,
    OTVET_TOKEN: token,
    EDGE_TRUNKS: `${TRUNK}=77`,
    EDGE_RTPENGINE: `127.0.0.1:${engine?.ngPort ?? (await freeUdpPort())}`,
    EDGE_DTMF: `127.0.0.1:${dtmfPort}`,
    EDGE_DATA_DIR: dataDir,
    ...o.env,
  });
  // (ports the system picks: nothing fixed)
  const on = (t: Peer['transport']) => (transports.includes(t) ? { host: '127.0.0.1', port: 0 } : null);
  const config = { ...loaded, listen: { udp: on('udp'), tcp: on('tcp'), ws: on('ws') }, metrics: { host: '127.0.0.1', port: 0 } };
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: o.logLevel ?? 'debug', format: 'json' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  let edge: RunningEdge | undefined;
  const stop = async () => {
    await edge?.stop();
    await engine?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    edge = await startEdge(config, logger);
    const started = edge;
    await until('otvet reachable from the edge', () => (started.reporter.online ? true : undefined));
    return { edge, ...(engine ? { engine } : {}), sip: (transport = 'udp') => started.sip.find((a) => a.transport === transport)!, logLines, dataDir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
