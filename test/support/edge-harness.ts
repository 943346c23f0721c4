// The SIP edge end to end for a test file: a real otvet in-process (its ACD routing), a real rtpengine
// hearing DTMF for the edge, the edge on 127.0.0.1 (ports the system picks) with one trunk, 127.0.0.2,
// for region 77, its log lines kept; a supervisor and an operator of region 77 with a SIP password.
// registerPhone() registers the operator's phone from the port a SIPp phone then listens on;
// trunkCaller() dials 122 through the trunk with a SIPp scenario. startTestEdge() is the edge alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/platform/logger.ts';
import { loadEdgeConfig } from '../../src/telephony/edge/config.ts';
import { startEdge, type RunningEdge } from '../../src/telephony/edge/edge.ts';
import type { Peer } from '../../src/telephony/sip/message.ts';
import { startApp, type TestApp } from './app.ts';
import type { Client } from './http-client.ts';
import { startRtpengine, type RunningRtpengine } from './rtpengine.ts';
import { TestPhone } from './sip-phone.ts';
import { freeUdpPort, runSipp, type SippOptions, type SippRun } from './sipp.ts';
import { edgeClient } from './telephony.ts';
import { until } from './until.ts';

/** The trunk's address: another of this machine's loopback addresses, so 127.0.0.1 is no trunk. */
export const TRUNK = '127.0.0.2';
export const SIP_PASSWORD = 'phone-secret-77-edge';

export interface EdgeHarness {
  app: TestApp;
  engine: RunningRtpengine;
  edge: RunningEdge;
  /** The edge's UDP listener. */
  sip: Peer;
  supervisor: Client;
  operator: Client & { username: string; userId: number };
  /** Every line the edge logged, parsed. */
  logLines: Record<string, unknown>[];
  close(): Promise<void>;
}

export interface TestEdge {
  edge: RunningEdge;
  /** Every line the edge logged, parsed. */
  logLines: Record<string, unknown>[];
  dataDir: string;
  /** The edge stopped and its data folder removed. */
  stop(): Promise<void>;
}

/**
 * An edge with the trunk 127.0.0.2 for region 77, UDP only unless `env` turns TCP or WS on (each
 * listener on a port the system picks, but those `keepPorts` names, e.g. ['EDGE_SIP_WS'], on the
 * port `env` gives), its own data folder; `env` names otvet and rtpengine.
 */
export async function startTestEdge(env: Record<string, string>, logLevel = 'debug', keepPorts: string[] = []): Promise<TestEdge> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-edge-'));
  const loaded = loadEdgeConfig({ EDGE_TRUNKS: `${TRUNK}=77`, EDGE_SIP_UDP: '127.0.0.1:5060', EDGE_SIP_TCP: 'off', EDGE_SIP_WS: 'off', EDGE_DATA_DIR: dataDir, ...env });
  // A port the system picks, unless `keepPorts` names the listener (a browser must know the WebSocket's before the edge starts).
  const free = (on: { port: number } | null, name: string) => (on ? { host: '127.0.0.1', port: keepPorts.includes(name) ? on.port : 0 } : null);
  const listen = { udp: free(loaded.listen.udp, 'EDGE_SIP_UDP'), tcp: free(loaded.listen.tcp, 'EDGE_SIP_TCP'), ws: free(loaded.listen.ws, 'EDGE_SIP_WS') };
  const config = { ...loaded, listen, metrics: { host: '127.0.0.1', port: 0 } };
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: logLevel, format: 'json' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  try {
    const edge = await startEdge(config, logger);
    const stop = async () => {
      await edge.stop();
      removeDir();
    };
    return { edge, logLines, dataDir, stop };
  } catch (err) {
    removeDir();
    throw err;
  }
}

/** Starts it all; `env` adds to (or overrides) the edge's variables; `operator` names the operator (the demo's `operator-77`, say). */
export async function startEdgeHarness(env: Record<string, string> = {}, opts: { operator?: string } = {}): Promise<EdgeHarness> {
  const app = await startApp();
  const parts: { engine?: RunningRtpengine; edge?: TestEdge } = {};
  const close = async () => {
    await parts.edge?.stop();
    await parts.engine?.stop();
    await app.close();
  };
  try {
    const token = (await edgeClient(app, '77')).token!;
    const supervisor = await app.as('supervisor', '77');
    const operator = await app.as('operator', '77', opts.operator);
    // The SIP password first: the edge loads the credentials as it starts.
    const set = await operator.put(`/api/v1/operators/${operator.username}/sip-password`, { password: SIP_PASSWORD });
    if (set.status !== 204) throw new Error(`the operator's SIP password: ${set.status} ${set.text}`);

    const dtmfPort = await freeUdpPort();
    const engine = (parts.engine = await startRtpengine({ dtmfLogPort: dtmfPort }));
    const { edge, logLines } = (parts.edge = await startTestEdge({
      OTVET_URL: app.url,
      OTVET_TOKEN: token,
      EDGE_RTPENGINE: `127.0.0.1:${engine.ngPort}`,
      EDGE_DTMF: `127.0.0.1:${dtmfPort}`,
      ...env,
    }));
    await until('otvet reachable from the edge', () => (edge.reporter.online ? true : undefined));
    const sip = edge.sip.find((a) => a.transport === 'udp')!;
    return { app, engine, edge, sip, supervisor, operator, logLines, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The operator's phone registered (digest) from a port that is then free for a SIPp phone to listen on. */
export async function registerPhone(h: EdgeHarness): Promise<number> {
  const phone = await TestPhone.open('udp', h.sip, { user: h.operator.username, password: SIP_PASSWORD });
  try {
    const registered = await phone.register();
    if (registered.status !== 200) throw new Error(`the phone's REGISTER: ${registered.status}`);
    return phone.port;
  } finally {
    await phone.close();
  }
}

/** A SIPp caller through the trunk dialling 122, its number (79161234512) in its Call-ID as trunks put it there (it must reach no log line); `keys` for the scenario's [name]s. */
export async function trunkCaller(h: EdgeHarness, scenario: string, keys?: SippOptions['keys']): Promise<SippRun> {
  return runSipp({
    scenario,
    ...(keys ? { keys } : {}),
    host: TRUNK,
    remote: `127.0.0.1:${h.sip.port}`,
    service: '122',
    callIdFormat: '79161234512-%u-%p@%s',
    port: await freeUdpPort(false, TRUNK),
    mediaPort: await freeUdpPort(true, TRUNK),
    timeoutSeconds: 60,
  });
}

/** The ids of region 77's calls now. */
export async function callIds(h: EdgeHarness): Promise<Set<string>> {
  return new Set(((await h.supervisor.get('/api/v1/calls?region=77')).body.items as { callId: string }[]).map((c) => c.callId));
}

/** A call not among `before` once it is in `state` in otvet. */
export function newCallIn(h: EdgeHarness, before: Set<string>, state: string): Promise<string> {
  return until(`a new call ${state} in otvet`, async () => {
    const items = (await h.supervisor.get('/api/v1/calls?region=77')).body.items as { callId: string; state: string }[];
    return items.find((c) => !before.has(c.callId) && c.state === state)?.callId;
  });
}
