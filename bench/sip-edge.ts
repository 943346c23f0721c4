// bench:sip's media and edge: rtpengine (userspace, a port range for a thousand calls, more
// threads, warnings only) hearing keys for the edge, and `otvet edge` as a child process started as
// an operator would (bin/otvet.js, configured by its environment), on 127.0.0.1 with ports the
// system picks, the trunk 127.0.0.2 for region 77, the bench's admission limits. Its warnings and
// errors are kept; /metrics is read for the calls it holds and what it refused.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRtpengine, startRtpengineDaemon, type RtpengineDaemon } from '../src/telephony/media/rtpengine-daemon.ts';

export const TRUNK = '127.0.0.2';
const bin = fileURLToPath(new URL('../bin/otvet.js', import.meta.url));

export async function freeUdpPort(host = '127.0.0.1'): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, host, resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function freeTcpPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether none of these UDP ports is taken now (a quick probe of a few). */
async function udpPortsFree(ports: number[]): Promise<boolean> {
  for (const port of ports) {
    const s = dgram.createSocket('udp4');
    const ok = await new Promise<boolean>((resolve) => {
      s.once('error', () => resolve(false));
      s.bind(port, '127.0.0.1', () => resolve(true));
    });
    await new Promise<void>((resolve) => s.close(() => resolve()));
    if (!ok) return false;
  }
  return true;
}

export interface Media {
  daemon: RtpengineDaemon;
  ngPort: number;
  dtmfPort: number;
  portMin: number;
  portMax: number;
  stop(): Promise<void>;
}

/**
 * rtpengine for up to ~2,500 calls: 10,000 media ports (four per call on the IVR's way in, two more
 * per operator's leg) in a block below Linux's ephemeral range, probed free; relaying on both cores.
 */
export async function startMedia(opts: { dtmf: boolean }): Promise<Media> {
  const binary = findRtpengine();
  if (!binary) throw new Error('rtpengine is not installed (Debian package rtpengine-daemon)');
  const dtmfPort = opts.dtmf ? await freeUdpPort() : 0;
  let lastError: Error | undefined;
  for (const portMin of [20000, 10000, 22000]) {
    const portMax = portMin + 9999;
    if (!(await udpPortsFree([portMin, portMin + 1, portMin + 5000, portMax - 1]))) continue;
    const ngPort = await freeUdpPort();
    try {
      const daemon = await startRtpengineDaemon({
        binary,
        ngPort,
        portMin,
        portMax,
        threads: Number(process.env.BENCH_RTPENGINE_THREADS ?? 2),
        mediaThreads: Number(process.env.BENCH_RTPENGINE_MEDIA_THREADS ?? 2),
        logLevel: 4,
        ...(opts.dtmf ? { dtmfLogDest: { host: '127.0.0.1', port: dtmfPort } } : {}),
      });
      return { daemon, ngPort, dtmfPort, portMin, portMax, stop: () => daemon.stop() };
    } catch (err) {
      lastError = err as Error;
    }
  }
  throw lastError ?? new Error('no free block of 10,000 UDP ports for rtpengine');
}

export interface Edge {
  pid: number | undefined;
  /** The edge's SIP (UDP) port on 127.0.0.1. */
  sipPort: number;
  metricsUrl: string;
  /** Its log lines at warn and above (JSON), and what it wrote that was not JSON. */
  problems(): string[];
  /** The figures of /metrics this bench reads. */
  metrics(): Promise<EdgeFigures>;
  stop(): Promise<void>;
}

export interface EdgeFigures {
  activeCalls: number;
  calls: number;
  refusedRate: number;
  refusedBusy: number;
  registrations: number;
  /** SIP responses sent, by code. */
  responses: Record<string, number>;
  rtpengineErrors: number;
  eventsPending: number;
}

export function readEdgeMetrics(text: string): EdgeFigures {
  const value = (re: RegExp) => text.split('\n').reduce((sum, line) => (re.test(line) ? sum + Number(line.split(' ').pop()) : sum), 0);
  const responses: Record<string, number> = {};
  for (const m of text.matchAll(/^otvet_edge_sip_responses_total\{code="(\d+)"\} (\S+)$/gm)) responses[m[1]!] = Number(m[2]);
  return {
    activeCalls: value(/^otvet_edge_active_calls /),
    calls: value(/^otvet_edge_calls_total /),
    refusedRate: value(/^otvet_edge_calls_refused_total\{reason="rate"\} /),
    refusedBusy: value(/^otvet_edge_calls_refused_total\{reason="busy"\} /),
    registrations: value(/^otvet_edge_registrations /),
    responses,
    rtpengineErrors: value(/^otvet_edge_rtpengine_errors_total\{/),
    eventsPending: value(/^otvet_edge_events_pending /),
  };
}

export async function startEdgeProcess(o: { otvetUrl: string; token: string; media: Media; maxCps: number; maxCalls: number }): Promise<Edge> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-bench-edge-'));
  const sipPort = await freeUdpPort();
  const metricsPort = await freeTcpPort();
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG'];
  const env = {
    ...Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]])),
    LOG_LEVEL: process.env.BENCH_EDGE_LOG ?? 'warn',
    LOG_FORMAT: 'json',
    OTVET_URL: o.otvetUrl,
    OTVET_TOKEN: o.token,
    EDGE_TRUNKS: `${TRUNK}=77`,
    EDGE_SIP_UDP: `127.0.0.1:${sipPort}`,
    EDGE_SIP_TCP: 'off',
    EDGE_SIP_WS: 'off',
    EDGE_RTPENGINE: `127.0.0.1:${o.media.ngPort}`,
    EDGE_DTMF: `127.0.0.1:${o.media.dtmfPort}`,
    EDGE_DATA_DIR: dataDir,
    EDGE_METRICS: `127.0.0.1:${metricsPort}`,
    EDGE_MAX_CPS: String(o.maxCps),
    EDGE_MAX_CALLS: String(o.maxCalls),
  };
  // (BENCH_EDGE_NODE_ARGS="--cpu-prof --cpu-prof-dir=…", say, to see where the edge spends its time)
  const nodeArgs = process.env.BENCH_EDGE_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, bin, 'edge'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const problems: string[] = [];
  let ready = false;
  let partial = '';
  const take = (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    const lines = partial.split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        const l = JSON.parse(line) as { level?: number; msg?: string };
        if (l.msg === 'the SIP edge is ready') ready = true;
        else if ((l.level ?? 0) >= 40) problems.push(line);
      } catch {
        problems.push(line);
      }
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async () => {
    if (!gone()) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const deadline = Date.now() + 60_000;
  // Ready when it says so (at LOG_LEVEL info) or /healthz has otvet and the decisions stream.
  while (!ready) {
    if (gone() || Date.now() > deadline) {
      await stop();
      throw new Error(`otvet edge did not start (exit ${child.exitCode ?? child.signalCode}):\n${problems.join('\n')}\n${partial}`);
    }
    try {
      const r = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
      const h = (await r.json()) as { otvetOnline?: boolean; decisionsConnected?: boolean };
      if (h.otvetOnline && h.decisionsConnected) ready = true;
    } catch {
      // not listening yet
    }
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
  const metrics = async (): Promise<EdgeFigures> => {
    // (a kept-alive connection the server has just closed fails once: asked again on a new one)
    for (let attempt = 1; ; attempt++) {
      try {
        return readEdgeMetrics(await (await fetch(metricsUrl, { headers: { connection: 'close' } })).text());
      } catch (err) {
        if (attempt >= 3) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  return { pid: child.pid, sipPort, metricsUrl, problems: () => [...problems], metrics, stop };
}
