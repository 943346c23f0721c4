// A real rtpengine (Debian's rtpengine-daemon) for one test file: userspace forwarding only (no
// kernel module), on 127.0.0.1, its ng port free at start, a media port range of its own, and
// optionally sending DTMF events to a listener. Started, waited for until it answers ping, stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { DtmfListener, type DtmfEvent } from '../../src/telephony/media/dtmf-listener.ts';
import { Rtpengine } from '../../src/telephony/media/rtpengine.ts';

function findBinary(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/usr/local/bin'];
  return dirs.map((d) => path.join(d, name)).find((p) => fs.existsSync(p));
}

const wanted = process.env.RTPENGINE_PATH ?? findBinary('rtpengine');
export const rtpenginePath = wanted && fs.existsSync(wanted) ? wanted : undefined;
export const hasRtpengine = rtpenginePath !== undefined;

/** Says plainly why a file's tests do not run (call at the top of a describe.skipIf file). */
export function reportMissingRtpengine(what: string): void {
  if (!hasRtpengine) console.warn(`SKIPPED ${what}: rtpengine is not installed (Debian package rtpengine-daemon; or set RTPENGINE_PATH)`);
}

export interface RunningRtpengine {
  client: Rtpengine;
  ngPort: number;
  portMin: number;
  portMax: number;
  /** What the daemon wrote (stderr), for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/**
 * Media ports: a block of 100 below Linux's ephemeral range (32768+), picked at random so that
 * test files running at once rarely share one (a port in use is skipped by rtpengine anyway).
 */
export async function startRtpengine(options: { dtmfLogPort?: number } = {}): Promise<RunningRtpengine> {
  if (!rtpenginePath) throw new Error('rtpengine is not installed');
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const ngPort = await freeUdpPort();
    const portMin = 20000 + Math.floor(Math.random() * 120) * 100;
    const portMax = portMin + 99;
    const args = [
      '--config-file=none',
      '--foreground',
      '--log-stderr',
      '--table=-1',
      '--interface=127.0.0.1',
      `--listen-ng=127.0.0.1:${ngPort}`,
      `--port-min=${portMin}`,
      `--port-max=${portMax}`,
      '--num-threads=2',
      '--media-num-threads=1',
      '--delete-delay=0',
      ...(options.dtmfLogPort ? [`--dtmf-log-dest=127.0.0.1:${options.dtmfLogPort}`] : []),
    ];
    const child = spawn(rtpenginePath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (e) => (output += `\n${e.message}`));
    const probe = await Rtpengine.open({ host: '127.0.0.1', port: ngPort, timeoutMs: 200, retries: 0 });
    const stop = async () => {
      await probe.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited(child);
        clearTimeout(killer);
      }
    };
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        await probe.ping();
        const client = await Rtpengine.open({ host: '127.0.0.1', port: ngPort });
        const stopAll = async () => {
          await client.close();
          await stop();
        };
        return { client, ngPort, portMin, portMax, log: () => output, stop: stopAll };
      } catch {
        // not listening yet
      }
    }
    await stop();
    lastError = new Error(`rtpengine did not answer ping (exit ${child.exitCode}): ${output.slice(-2000)}`);
  }
  throw lastError!;
}

/** rtpengine with a DtmfListener hearing its key presses (kept in `keys`); stop() closes both. */
export async function startRtpengineHearingKeys(): Promise<RunningRtpengine & { keys: DtmfEvent[] }> {
  const keys: DtmfEvent[] = [];
  const dtmf = await DtmfListener.open({ onEvent: (e) => keys.push(e) });
  try {
    const engine = await startRtpengine({ dtmfLogPort: dtmf.port });
    return {
      ...engine,
      keys,
      stop: async () => {
        await engine.stop();
        await dtmf.close();
      },
    };
  } catch (err) {
    await dtmf.close();
    throw err;
  }
}
