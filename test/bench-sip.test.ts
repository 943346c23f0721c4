// bench:sip in its quickest form (BENCH_QUICK=1: every phase, a few calls each): it runs to its end
// and its last line is the JSON the issue names, every figure a number, no call failed, and every
// phase measured something. The figures themselves are the benchmark's, not the test's.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasRtpengine, reportMissingRtpengine } from './support/rtpengine.ts';
import { reportMissingSipp, sippPath } from './support/sipp.ts';

reportMissingSipp('test/bench-sip.test.ts');
reportMissingRtpengine('test/bench-sip.test.ts');

const root = path.resolve(import.meta.dirname, '..');

function runBench(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    // (PGlite, whatever the test run's database: the bench makes its own)
    const env: NodeJS.ProcessEnv = { ...process.env, BENCH_QUICK: '1' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sip.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe.skipIf(!sippPath || !hasRtpengine)('npm run bench:sip (BENCH_QUICK=1)', () => {
  it('runs every phase and ends with the figures as one line of JSON, no call failed', async () => {
    const { code, out } = await runBench();
    expect(code, out).toBe(0);
    const last = out.trim().split('\n').pop()!;
    const figures = JSON.parse(last) as Record<string, unknown>;
    expect(Object.keys(figures).sort()).toEqual(['concurrent', 'cps', 'failed', 'relayOnlyConcurrent', 'setupP99Ms', 'sippDirectCps'].sort());
    for (const [key, value] of Object.entries(figures)) expect(typeof value, key).toBe('number');
    expect(figures.failed, out).toBe(0);
    // Each phase measured something: a round made calls (whether it kept its rate, which a loaded
    // machine decides, is the benchmark's figure), calls were held, both baselines ran.
    expect(Number(/calls\/s × \d+ s: (\d+) calls/.exec(out.split('Through the edge')[1] ?? '')?.[1] ?? 0), out).toBeGreaterThan(0);
    expect(figures.concurrent, out).toBeGreaterThan(0);
    expect(figures.sippDirectCps, out).toBeGreaterThan(0);
    expect(figures.relayOnlyConcurrent, out).toBeGreaterThan(0);
  }, 120_000);
});
