// SIPp (Debian's sip-tester) for bench:sip: one scenario of bench/sipp/ run in a folder of its own,
// at a call rate, with SIPp's statistics every second (-trace_stat: calls created, succeeded,
// failed and why, calls at once) and, when asked, every call's setup time (-trace_rtt: INVITE sent
// to 200 received, the scenario's rtd "setup"). Its screen is not kept; its errors file's start is.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const sippPath: string | undefined = (() => {
  const found = spawnSync('sh', ['-c', 'command -v sipp'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
})();

const SCENARIOS = path.resolve(import.meta.dirname, 'sipp');

export interface SippSpec {
  /** A file of bench/sipp/. */
  scenario: string;
  /** Local address for SIP and media (any 127.x.y.z is this machine). */
  host: string;
  port: number;
  mediaPort: number;
  /** Where a UAC sends; none for a UAS. */
  remote?: string;
  /** The Request-URI's user (-s). */
  service?: string;
  /** New calls per second (a UAC). */
  rate?: number;
  /** Calls before it stops; a UAS without it runs until stopped. */
  calls?: number;
  /** The scenario's plain <pause/> (-d), milliseconds. */
  pauseMs?: number;
  keys?: Record<string, string | number>;
  /** An injection file (-inf). */
  inf?: string;
  /** Every recv waits at most this long (a call waiting longer fails). */
  recvTimeoutMs?: number;
  /** The whole run's limit: reaching it fails the run. */
  timeoutSeconds: number;
  /** Keep every call's setup time. */
  rtt?: boolean;
  /** Files the scenario names, written into SIPp's folder (its working directory). */
  files?: Record<string, Buffer>;
}

export interface SippFigures {
  created: number;
  successful: number;
  failed: number;
  /** The failure columns that are not zero: FailedTimeoutOnRecv, FailedUnexpectedMessage… */
  failures: Record<string, number>;
  /** Calls at once, the most in any second's line. */
  peakCalls: number;
  retransmissions: number;
}

export interface SippResult {
  code: number | null;
  figures: SippFigures;
  /** Each call's setup: when (ms since the run began) and how long (ms). */
  setups: { at: number; ms: number }[];
  /** The start of SIPp's errors file and its own output, for a message. */
  errors: string;
}

export interface SippRun {
  /** The figures of the lines written so far (every second). */
  now(): SippFigures;
  /** The start of its errors file so far. */
  errorsNow(): string;
  done: Promise<SippResult>;
  /** Ends it (SIGINT): its calls are dropped, its figures written. */
  stop(): void;
}

function readStats(file: string): SippFigures {
  const zero: SippFigures = { created: 0, successful: 0, failed: 0, failures: {}, peakCalls: 0, retransmissions: 0 };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return zero;
  }
  const lines = text.split('\n').filter((l) => l.includes(';'));
  if (lines.length < 2) return zero;
  const names = lines[0]!.split(';');
  const rows = lines.slice(1).map((l) => l.split(';'));
  const last = rows[rows.length - 1]!;
  const at = (row: string[], name: string) => Number(row[names.indexOf(name)] ?? 0) || 0;
  const failures: Record<string, number> = {};
  names.forEach((n, i) => {
    if (n.startsWith('Failed') && n.endsWith('(C)') && n !== 'FailedCall(C)' && Number(last[i]) > 0) failures[n.slice(0, -3)] = Number(last[i]);
  });
  return {
    created: at(last, 'TotalCallCreated'),
    successful: at(last, 'SuccessfulCall(C)'),
    failed: at(last, 'FailedCall(C)'),
    failures,
    peakCalls: Math.max(...rows.map((r) => at(r, 'CurrentCall'))),
    retransmissions: at(last, 'Retransmissions(C)'),
  };
}

function readSetups(dir: string): { at: number; ms: number }[] {
  const file = fs.readdirSync(dir).find((f) => f.endsWith('_rtt.csv'));
  if (!file) return [];
  return fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(';'))
    .map(([at, ms]) => ({ at: Number(at), ms: Number(ms) }))
    .filter((s) => Number.isFinite(s.at) && Number.isFinite(s.ms));
}

export function runSipp(s: SippSpec): SippRun {
  if (!sippPath) throw new Error('SIPp is not installed (Debian package sip-tester)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-bench-sipp-'));
  const stats = path.join(dir, 'stats.csv');
  const errors = path.join(dir, 'errors.log');
  for (const [name, data] of Object.entries(s.files ?? {})) fs.writeFileSync(path.join(dir, name), data);
  const args = [
    ...(s.remote ? [s.remote] : []),
    '-sf',
    path.join(SCENARIOS, s.scenario),
    ...(s.service ? ['-s', s.service] : []),
    ...(s.inf ? ['-inf', s.inf] : []),
    ...Object.entries(s.keys ?? {}).flatMap(([name, value]) => ['-key', name, String(value)]),
    '-i',
    s.host,
    '-p',
    String(s.port),
    '-mi',
    s.host,
    '-mp',
    String(s.mediaPort),
    ...(s.rate ? ['-r', String(s.rate)] : []),
    ...(s.calls ? ['-m', String(s.calls)] : []),
    ...(s.pauseMs ? ['-d', String(s.pauseMs)] : []),
    ...(s.recvTimeoutMs ? ['-recv_timeout', String(s.recvTimeoutMs)] : []),
    // (calls at once: SIPp's own default limit is far too low for a thousand held calls; with media
    // it wants fewer than its open files, 20,000 here)
    '-l',
    '10000',
    '-timeout',
    `${s.timeoutSeconds}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_stat',
    '-stf',
    stats,
    '-fd',
    '1',
    '-trace_err',
    '-error_file',
    errors,
    ...(s.rtt ? ['-trace_rtt', '-rtt_freq', '1'] : []),
  ];
  const child = spawn(sippPath, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const head = (file: string) => {
    try {
      const fd = fs.openSync(file, 'r');
      const buf = Buffer.alloc(6000);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      fs.closeSync(fd);
      return buf.subarray(0, n).toString('utf8');
    } catch {
      return '';
    }
  };
  const done = new Promise<SippResult>((resolve) => {
    const finish = (code: number | null) => {
      const result = { code, figures: readStats(stats), setups: readSetups(dir), errors: `${head(errors)}\n${output}`.trim() };
      fs.rmSync(dir, { recursive: true, force: true });
      resolve(result);
    };
    child.once('exit', (code, signal) => finish(code ?? (signal ? -1 : null)));
    child.once('error', (err) => {
      output += err.message;
      finish(null);
    });
  });
  return {
    now: () => readStats(stats),
    errorsNow: () => head(errors),
    done,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    },
  };
}
