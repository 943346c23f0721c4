// Runs the real `otvet` command as a child process, as an administrator would (or in this process,
// for help and argument checks).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { testEnv } from './test-env.ts';

export const bin = fileURLToPath(new URL('../../bin/otvet.js', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child: no inherited DATABASE_URL etc., quiet logs, cheap password hashes, the given folder. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG'];
  return { ...Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]])), LOG_FORMAT: 'json', ...testEnv, ...extra };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/**
 * The `otvet` command in this process, with the given environment (cliEnv()): what a child would
 * print and its exit code, without starting node and loading the app each time. Spawn (runCli)
 * where the process itself matters: stdin, the real output streams, one test per command group.
 */
export async function cliInProcess(args: string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<Run> {
  const { runCli: run } = await import('../../src/cli/program.ts');
  let stdout = '';
  let stderr = '';
  const err = (t: string) => void (stderr += t);
  const code = await run(args, { out: (t) => void (stdout += t), err, progress: { isTTY: false, write: err }, env });
  return { code, stdout, stderr };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-cli-'));
}

/** A data folder already migrated (a copy of the global setup's): for tests of anything but migrating. */
export function migratedDir(): string {
  const dir = tempDir();
  fs.cpSync(inject('dataDirTemplate'), dir, { recursive: true });
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Server {
  child: ChildProcess;
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts `otvet serve` and resolves once /readyz answers 200 (a fresh demo start takes long on a loaded machine). */
export async function startServer(args: string[], env: NodeJS.ProcessEnv, port: number, timeoutMs = 150_000): Promise<Server> {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`otvet serve exited with ${child.exitCode}:\n${out}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`otvet serve not ready after ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    url,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
