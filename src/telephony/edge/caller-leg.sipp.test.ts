// A real peer: SIPp dials the caller leg with a strict scenario (test/sipp/caller-refresh.xml) — the
// leg rings and answers, SIPp refreshes the session with a re-INVITE and hangs up. Skipped, saying so,
// when sipp is not installed (CI installs sip-tester).
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CALLER_EVENTS, EventLog, startEdge } from '../../../test/support/sip-legs.ts';
import { SDP_B } from '../../../test/support/sip-peer.ts';
import type { CallerLeg } from './caller-leg.ts';

const scenario = fileURLToPath(new URL('../../../test/sipp/caller-refresh.xml', import.meta.url));

function hasSipp(): boolean {
  try {
    execFileSync('sipp', ['-v'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // sipp -v exits non-zero on some versions but still runs; only a missing binary says ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

const sipp = hasSipp();
if (!sipp) console.log('caller-leg.sipp.test.ts: sipp is not installed (apt install sip-tester): skipped');

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

/** Runs SIPp against `port`; resolves with its exit code and, on failure, its error log. */
function runSipp(port: number, transport: 'u1' | 't1'): Promise<{ code: number; log: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipp-'));
  const args = [`127.0.0.1:${port}`, '-sf', scenario, '-m', '1', '-i', '127.0.0.1', '-t', transport, '-nostdin', '-timeout', '20s', '-timeout_error', '-trace_err'];
  return new Promise((resolve) => {
    execFile('sipp', args, { cwd: dir }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      const logs = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.log'))
        .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code: typeof code === 'number' ? code : 1, log: code === 0 ? '' : [stderr, ...logs].join('\n').slice(-4000) });
    });
  });
}

describe.skipIf(!sipp).each([
  ['udp', 'u1'],
  ['tcp', 't1'],
] as const)('CallerLeg and a SIPp caller over %s', (protocol, mode) => {
  it('answers, takes the session refresh, and ends on the caller’s BYE; SIPp checks every response', async () => {
    let leg: CallerLeg | undefined;
    let events: EventLog | undefined;
    const edge = await startEdge(protocol, {
      onLeg: (l) => {
        leg = l;
        events = new EventLog(l, CALLER_EVENTS);
        l.ring();
        l.answer(SDP_B);
      },
    });
    open.push(edge);
    const result = await runSipp(edge.address.port, mode);
    expect(result.log).toBe('');
    expect(result.code).toBe(0);
    expect(leg?.state).toBe('ended');
    // (the refresh repeats the caller's SDP: answered at once, no new offer for rtpengine)
    expect(events!.names).toEqual(['confirmed', 'refreshed', 'ended']);
    expect(events!.box.all.at(-1)!.args[0]).toEqual({ reason: 'bye', by: 'remote' });
  });
});
