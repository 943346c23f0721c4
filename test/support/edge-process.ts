// `otvet edge` as a child process, started as an operator would (bin/otvet.js, configured by its
// environment), for tests that kill it: its JSON log lines kept, ready once it logs so, stopped by
// a signal of the test's choosing.
import { spawn, type ChildProcess } from 'node:child_process';
import { bin, cliEnv } from './cli.ts';

export interface EdgeProcess {
  child: ChildProcess;
  /** Every JSON line it has logged so far. */
  lines: Record<string, unknown>[];
  /** What it wrote that was not JSON (a crash's stack trace), for a failing test's message. */
  output(): string;
  /** Where its SIP listens, per transport, as it logged when ready. */
  sip: string[];
  /** Sends the signal and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `otvet edge` with these EDGE_* and OTVET_* variables; resolves when it says it is ready. */
export async function startEdgeProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<EdgeProcess> {
  const child = spawn(process.execPath, [bin, 'edge'], { env: cliEnv({ LOG_LEVEL: 'info', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let text = '';
  let partial = '';
  const take = (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    const complete = partial.split('\n');
    partial = complete.pop()!;
    for (const l of complete) {
      try {
        lines.push(JSON.parse(l) as Record<string, unknown>);
      } catch {
        text += `${l}\n`;
      }
    }
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = lines.find((l) => l.msg === 'the SIP edge is ready');
    if (ready) return { child, lines, output: () => text + partial, sip: ready.sip as string[], kill };
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await kill('SIGKILL');
      throw new Error(`otvet edge did not start (exit ${child.exitCode ?? child.signalCode}):\n${text}${partial}\n${JSON.stringify(lines.slice(-20), null, 1)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
