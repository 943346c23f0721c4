// baresip (Debian's package) as a real soft phone in tests: headless, a config folder of its own
// (no audio device: the aubridge module stands in for player and source; no UI module reads a
// terminal), SIP on 127.0.0.1, its output kept for assertions and for the failure message.
// Tests that need it skip, saying so, when the program is missing (CI installs it with apt).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** baresip's path, or undefined when it is not installed. */
export const baresipPath: string | undefined = (() => {
  const found = spawnSync('sh', ['-c', 'command -v baresip'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
})();

export const baresipMissing = 'SKIPPED: no baresip on PATH (apt-get install baresip)';

export interface BaresipOptions {
  /** Lines of the accounts file, e.g. `<sip:operator-77@127.0.0.1:5060>;auth_pass=…;regint=300`. */
  accounts: string[];
  /** More lines for the config file. */
  config?: string[];
  /** Loads the menu module, which answers calls by itself for accounts with `;answermode=auto`. */
  autoAnswer?: boolean;
  /** baresip quits by itself after this many seconds, should a test fail to stop it (default 60). */
  maxSeconds?: number;
}

export class Baresip {
  /** Everything it wrote (stdout and stderr), with -s: every SIP message. */
  output = '';
  private readonly waiters: { test: (out: string) => boolean; resolve: () => void }[] = [];
  private exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly dir: string,
  ) {
    const take = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      for (const w of this.waiters.filter((x) => x.test(this.output))) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static start(opts: BaresipOptions): Baresip {
    if (!baresipPath) throw new Error(baresipMissing);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-baresip-'));
    const config = [
      'poll_method epoll',
      'sip_listen 127.0.0.1:0',
      'audio_player aubridge,nil',
      'audio_source aubridge,nil',
      'audio_alert aubridge,nil',
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module aubridge.so',
      'module_app account.so',
      ...(opts.autoAnswer ? ['module_app menu.so'] : []),
      ...(opts.config ?? []),
    ];
    fs.writeFileSync(path.join(dir, 'config'), `${config.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'accounts'), `${opts.accounts.join('\n')}\n`);
    // -f: this folder only; -s: trace SIP; -t: quit after a while whatever happens; stdin closed (no UI).
    // Through stdbuf (coreutils; it execs baresip, same process): its stdout to a pipe would
    // otherwise be block-buffered, and a last line ("… terminated") would wait for more output.
    const child = spawn('stdbuf', ['-oL', baresipPath, '-4', '-s', '-f', dir, '-t', String(opts.maxSeconds ?? 60)], { stdio: ['ignore', 'pipe', 'pipe'] });
    return new Baresip(child, dir);
  }

  /** Resolves once its output matches; fails after `ms` with what it said. */
  until(pattern: RegExp, ms = 30_000): Promise<void> {
    if (pattern.test(this.output)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { test: (out: string) => pattern.test(out), resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`baresip did not say ${pattern} within ${ms} ms; it said:\n${this.output.slice(-4000)}`));
      }, ms);
      this.waiters.push(waiter);
    });
  }

  /** Stops it (SIGTERM, then SIGKILL if it lingers) and removes its folder. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      await this.exited;
      clearTimeout(timer);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
