// SIPp (Debian's sip-tester) for the edge's tests: one scenario of test/sipp/ run to its end, on
// 127.0.0.1 with the ports given, with its unexpected messages and its SIP trace kept for the failure
// message. SIPp exits 0 when every call of the run succeeded, non-zero otherwise. Tests that need it
// skip, saying so, when the program is missing (CI installs it with apt).
import { spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const sippPath: string | undefined = (() => {
  const found = spawnSync('sh', ['-c', 'command -v sipp'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
})();

export const SCENARIOS = path.resolve(import.meta.dirname, '../sipp');

/** Says plainly why a file's tests do not run. */
export function reportMissingSipp(what: string): void {
  if (!sippPath) console.warn(`SKIPPED ${what}: SIPp is not installed (Debian package sip-tester)`);
}

/** A UDP port free now (even, for RTP). */
export async function freeUdpPort(even = false, host = '127.0.0.1'): Promise<number> {
  for (;;) {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => s.bind(0, host, resolve));
    const port = s.address().port;
    await new Promise<void>((resolve) => s.close(() => resolve()));
    if (!even || (port % 2 === 0 && port < 65000)) return port;
  }
}

export interface SippResult {
  code: number | null;
  /** SIPp's screen and its unexpected messages. */
  output: string;
  /** Every SIP message it sent and received. */
  trace: string;
}

export interface SippRun {
  done: Promise<SippResult>;
  kill(): void;
}

export interface SippOptions {
  scenario: string;
  /** The local address for SIP and media (default 127.0.0.1; any 127.x.y.z is this machine too). */
  host?: string;
  /** Where to send (a UAC); none for a UAS, which waits. */
  remote?: string;
  port: number;
  mediaPort: number;
  /** The Request-URI's user (-s). */
  service?: string;
  /** Calls before it stops (default 1). */
  calls?: number;
  /** SIPp's Call-ID pattern (-cid_str; default %u-%p@%s). */
  callIdFormat?: string;
  /** Global timeout, seconds (default 60): reaching it is a failure. */
  timeoutSeconds?: number;
}

/** A failed run for an assertion's message: who it was, SIPp's screen and errors, the end of its trace. */
export function sippFailure(who: string, r: SippResult): string {
  return `${who}:\n${r.output}\n${r.trace.slice(-6000)}`;
}

export function runSipp(o: SippOptions): SippRun {
  if (!sippPath) throw new Error('SIPp is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-sipp-'));
  const errors = path.join(dir, 'errors.log');
  const messages = path.join(dir, 'messages.log');
  const args = [
    ...(o.remote ? [o.remote] : []),
    '-sf',
    path.join(SCENARIOS, o.scenario),
    ...(o.service ? ['-s', o.service] : []),
    ...(o.callIdFormat ? ['-cid_str', o.callIdFormat] : []),
    '-i',
    o.host ?? '127.0.0.1',
    '-p',
    String(o.port),
    '-mi',
    o.host ?? '127.0.0.1',
    '-mp',
    String(o.mediaPort),
    '-m',
    String(o.calls ?? 1),
    '-timeout',
    `${o.timeoutSeconds ?? 60}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_err',
    '-error_file',
    errors,
    '-trace_msg',
    '-message_file',
    messages,
  ];
  const child = spawn(sippPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const done = new Promise<SippResult>((resolve) => {
    child.once('exit', (code) => {
      // (the screen's last page and the errors; the whole trace separately)
      const result = { code, output: `${output.slice(-3000)}\n${read(errors)}`, trace: read(messages) };
      fs.rmSync(dir, { recursive: true, force: true });
      resolve(result);
    });
  });
  return {
    done,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
