// The demo's caller: SIPp playing test/sipp/caller-talks.xml (the scenario the soft-phone test runs)
// from the trunk's address: it dials 122, presses 2, talks until the edge hangs up, and answers
// that BYE. In a process group of its own, so a terminal's Ctrl-C reaches only the demo, which
// hangs the call up through the edge first. Its screen and errors are kept for the message.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const CALLER_SCENARIO = path.resolve(import.meta.dirname, '../../../test/sipp/caller-talks.xml');

export interface CallerOptions {
  sipp: string;
  /** The edge's SIP address (UDP). */
  edge: { host: string; port: number };
  /** The trunk's address the caller sends from, and its SIP and RTP ports. */
  host: string;
  port: number;
  mediaPort: number;
  /** Where SIPp writes its error log. */
  dir: string;
  /** The caller gives up after this long (SIPp's -timeout; default an hour). */
  timeoutSeconds?: number;
}

export interface RunningCaller {
  readonly pid: number | undefined;
  /** SIPp's exit code (0: the call went as the scenario says) and the last of what it said. */
  done: Promise<{ code: number | null; output: string }>;
  kill(): void;
}

export function startCaller(o: CallerOptions): RunningCaller {
  const errors = path.join(o.dir, 'sipp-errors.log');
  const args = [
    `${o.edge.host}:${o.edge.port}`,
    '-sf',
    CALLER_SCENARIO,
    '-s',
    '122',
    '-i',
    o.host,
    '-p',
    String(o.port),
    '-mi',
    o.host,
    '-mp',
    String(o.mediaPort),
    '-m',
    '1',
    '-timeout',
    `${o.timeoutSeconds ?? 3600}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_err',
    '-error_file',
    errors,
  ];
  const child = spawn(o.sipp, args, { cwd: o.dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-6000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const done = new Promise<{ code: number | null; output: string }>((resolve) => {
    child.once('error', (e) => resolve({ code: null, output: e.message }));
    child.once('exit', (code) => {
      let logged = '';
      try {
        logged = fs.readFileSync(errors, 'utf8').slice(-3000);
      } catch {
        // no errors written
      }
      resolve({ code, output: `${output.slice(-3000)}\n${logged}`.trim() });
    });
  });
  return {
    pid: child.pid,
    done,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
