// The SIP edge for end-to-end tests, against an otvet started by the test: configured as `otvet edge`
// is (loadEdgeConfig), then on 127.0.0.1 with ports the system picks for each transport asked for and
// for /metrics, the trunk on 127.0.0.2 for region 77, a data folder of its own; every log line kept
// (as JSON) for the test to read. stop() stops the edge and removes the folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/platform/logger.ts';
import { loadEdgeConfig } from '../../src/telephony/edge/config.ts';
import { startEdge, type RunningEdge } from '../../src/telephony/edge/edge.ts';
import type { Peer } from '../../src/telephony/sip/message.ts';
import type { TestApp } from './app.ts';
import { freeUdpPort } from './sipp.ts';
import { edgeClient } from './telephony.ts';

/** The trunk's address: another of this machine's loopback addresses, so 127.0.0.1 is no trunk. */
export const TRUNK = '127.0.0.2';

export interface TestEdgeOptions {
  /** rtpengine's ng port (default: one nothing answers on). */
  ngPort?: number;
  /** Where rtpengine sends key presses (its --dtmf-log-dest; default: a free port). */
  dtmfPort?: number;
  /** SIP transports to listen on (default UDP only). */
  transports?: Peer['transport'][];
  /** More EDGE_* variables (EDGE_MAX_CPS…). */
  env?: Record<string, string>;
  logLevel?: 'debug' | 'info';
}

export interface TestEdge {
  edge: RunningEdge;
  /** Where the edge takes SIP on this transport. */
  sip(transport?: Peer['transport']): Peer;
  logLines: Record<string, unknown>[];
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestEdge(app: TestApp, o: TestEdgeOptions = {}): Promise<TestEdge> {
  const token = (await edgeClient(app, '77')).token!;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-edge-'));
  const transports = o.transports ?? ['udp'];
  const loaded = loadEdgeConfig({
    OTVET_URL: app.url,
    OTVET_TOKEN: token,
    EDGE_TRUNKS: `${TRUNK}=77`,
    EDGE_RTPENGINE: `127.0.0.1:${o.ngPort ?? (await freeUdpPort())}`,
    EDGE_DTMF: `127.0.0.1:${o.dtmfPort ?? (await freeUdpPort())}`,
    EDGE_DATA_DIR: dataDir,
    ...o.env,
  });
  // (ports the system picks: nothing fixed)
  const on = (t: Peer['transport']) => (transports.includes(t) ? { host: '127.0.0.1', port: 0 } : null);
  const config = { ...loaded, listen: { udp: on('udp'), tcp: on('tcp'), ws: on('ws') }, metrics: { host: '127.0.0.1', port: 0 } };
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: o.logLevel ?? 'debug', format: 'json' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  let edge: RunningEdge;
  try {
    edge = await startEdge(config, logger);
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    edge,
    sip: (transport = 'udp') => edge.sip.find((a) => a.transport === transport)!,
    logLines,
    dataDir,
    async stop() {
      await edge.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
