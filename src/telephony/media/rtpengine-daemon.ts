// rtpengine (Debian's rtpengine-daemon) run as a child process, for the demo and the tests: userspace
// forwarding only (no kernel module, no root), no config file, its ng control port and a media port
// range of its own, optionally its key presses sent to a listener. Started, waited for until it
// answers ping, stopped with SIGTERM (SIGKILL if it lingers). Its output is kept for error messages.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Rtpengine } from './rtpengine.ts';

/**
 * The binary: RTPENGINE_PATH, else `rtpengine` on PATH or in /usr/sbin, /sbin (older packages put it
 * there, and a user's PATH may lack them). Undefined when there is none.
 */
export function findRtpengine(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.RTPENGINE_PATH) return fs.existsSync(env.RTPENGINE_PATH) ? env.RTPENGINE_PATH : undefined;
  const dirs = [...(env.PATH ?? '').split(path.delimiter).filter(Boolean), '/usr/sbin', '/sbin'];
  return dirs.map((d) => path.join(d, 'rtpengine')).find((p) => fs.existsSync(p));
}

export interface RtpengineDaemonOptions {
  binary: string;
  /** The address it relays media on and listens for ng commands (default 127.0.0.1). */
  address?: string;
  ngPort: number;
  /** Its media ports, inclusive. */
  portMin: number;
  portMax: number;
  /** Where it sends key presses (RFC 4733 events) as JSON: the edge's EDGE_DTMF. */
  dtmfLogDest?: { host: string; port: number };
  /** In a process group of its own, so a terminal's Ctrl-C reaches only whoever started it (who stops it in order). */
  detached?: boolean;
  /** How long to wait for its first pong (default 10 s). */
  readyWithinMs?: number;
  /** Worker threads relaying media (default 2). */
  threads?: number;
  /** Threads playing media: prompts and hold music (default 1). */
  mediaThreads?: number;
  /** Its log level, syslog's 0–7 (default: rtpengine's own, 6, a few lines per call); 4 logs only warnings and worse. */
  logLevel?: number;
}

export interface RtpengineDaemon {
  readonly pid: number | undefined;
  /** A client on its ng port. */
  readonly client: Rtpengine;
  /** The last of what it wrote. */
  log(): string;
  /** Whether it has exited (by itself or stopped). */
  readonly exited: boolean;
  stop(): Promise<void>;
}

const KEEP_OUTPUT = 20_000;

export function rtpengineArgs(o: RtpengineDaemonOptions): string[] {
  const address = o.address ?? '127.0.0.1';
  return [
    '--config-file=none',
    '--foreground',
    '--log-stderr',
    // userspace forwarding: no kernel table, so no root
    '--table=-1',
    `--interface=${address}`,
    `--listen-ng=${address}:${o.ngPort}`,
    `--port-min=${o.portMin}`,
    `--port-max=${o.portMax}`,
    `--num-threads=${o.threads ?? 2}`,
    `--media-num-threads=${o.mediaThreads ?? 1}`,
    '--delete-delay=0',
    ...(o.logLevel === undefined ? [] : [`--log-level=${o.logLevel}`]),
    ...(o.dtmfLogDest ? [`--dtmf-log-dest=${o.dtmfLogDest.host}:${o.dtmfLogDest.port}`] : []),
  ];
}

/** Resolves when the child has exited, or could not be started at all (then no 'exit' comes). */
function exitOf(child: ChildProcess): { done: Promise<void>; readonly over: boolean } {
  let over = false;
  const done = new Promise<void>((resolve) => {
    const end = () => {
      over = true;
      resolve();
    };
    child.once('exit', end);
    child.once('error', end);
  });
  return {
    done,
    get over() {
      return over;
    },
  };
}

/** Starts it and waits until it answers ping; fails with its output when it exits or stays silent. */
export async function startRtpengineDaemon(o: RtpengineDaemonOptions): Promise<RtpengineDaemon> {
  const address = o.address ?? '127.0.0.1';
  const child = spawn(o.binary, rtpengineArgs(o), { stdio: ['ignore', 'pipe', 'pipe'], detached: o.detached ?? false });
  let output = '';
  const keep = (d: Buffer | string) => {
    output = (output + d.toString()).slice(-KEEP_OUTPUT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('error', (e) => keep(`\n${e.message}`));
  const exit = exitOf(child);

  const probe = await Rtpengine.open({ host: address, port: o.ngPort, timeoutMs: 200, retries: 0 });
  const kill = async () => {
    if (!exit.over) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit.done;
      clearTimeout(killer);
    }
  };
  const deadline = Date.now() + (o.readyWithinMs ?? 10_000);
  try {
    while (Date.now() < deadline && !exit.over) {
      try {
        await probe.ping();
        const client = await Rtpengine.open({ host: address, port: o.ngPort });
        return {
          pid: child.pid,
          client,
          log: () => output,
          get exited() {
            return exit.over;
          },
          stop: async () => {
            await client.close();
            await kill();
          },
        };
      } catch {
        // not listening yet
      }
    }
  } finally {
    await probe.close();
  }
  await kill();
  throw new Error(`rtpengine did not answer ping on ${address}:${o.ngPort} (${exit.over ? `exit ${child.exitCode ?? child.signalCode ?? 'at start'}` : 'no answer'}): ${output.slice(-2000)}`);
}
