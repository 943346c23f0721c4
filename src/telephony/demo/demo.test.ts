// `npm run telephony:demo` run as a person runs it (the script as a child process) against a test
// otvet: what it refuses and says (programs missing, other operators at work, a wrong password); a
// whole call answered on baresip with the account line the demo printed, ended and wrapped up on
// the workstation's API, after which the demo stops by itself; and Ctrl-C while the caller waits.
// Each run leaves no process behind and its token revoked.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startApp, type TestApp } from '../../../test/support/app.ts';
import { Baresip, baresipPath } from '../../../test/support/baresip.ts';
import type { Client } from '../../../test/support/http-client.ts';
import { hasRtpengine } from '../../../test/support/rtpengine.ts';
import { TestPhone } from '../../../test/support/sip-phone.ts';
import { sippPath } from '../../../test/support/sipp.ts';
import { until } from '../../../test/support/until.ts';
import { findPrograms, missingPrograms } from './programs.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface DemoRun {
  child: ChildProcess;
  output(): string;
  /** Resolves with what matched once its output matches (fails after `ms`, showing the output). */
  wait(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  exit: Promise<number | null>;
}

/** detached: in a process group of its own, as a terminal runs it (its Ctrl-C goes to the whole group). */
function runDemo(args: string[], env: NodeJS.ProcessEnv = process.env, detached = false): DemoRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/telephony-demo.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exit,
    wait: async (pattern, ms = 30_000) => {
      try {
        return await until(`the demo saying ${pattern}`, () => pattern.exec(out) ?? undefined, ms);
      } catch (e) {
        throw new Error(`${(e as Error).message}; it said:\n${out}`, { cause: e });
      }
    },
  };
}

/** Whether a process is still there. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pids the demo printed (rtpengine's, the caller's), gone once it has exited. */
const pidsOf = (out: string) => [...out.matchAll(/\(pid (\d+)\)|SIPp, pid (\d+)/g)].map((m) => Number(m[1] ?? m[2]));

/** After a failed test: the demo stopped as Ctrl-C stops it, else killed, and its children with it (they have process groups of their own). */
async function ensureStopped(demo: DemoRun): Promise<void> {
  if (demo.child.exitCode === null && demo.child.signalCode === null) {
    demo.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([demo.exit, new Promise((resolve) => (timer = setTimeout(resolve, 20_000)))]);
    clearTimeout(timer);
    demo.child.kill('SIGKILL');
  }
  for (const pid of pidsOf(demo.output()).filter(alive)) process.kill(pid, 'SIGKILL');
}

describe('npm run telephony:demo', () => {
  let app: TestApp;
  let admin: Client;
  let supervisor: Client;
  let operator: Client & { userId: number; username: string };
  let baseArgs: string[];

  beforeAll(async () => {
    app = await startApp();
    await app.user('admin', 'federal', 'demo-admin');
    admin = await app.client().login('demo-admin', PASSWORD);
    supervisor = await app.as('supervisor', '77');
    operator = await app.as('operator', '77', 'operator-77');
    baseArgs = ['--url', app.url, '--admin', 'demo-admin', '--admin-password', PASSWORD, '--sip-port', '0', '--ws-port', '0'];
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('names each missing program with its Debian package, and starts nothing', async () => {
    const env = { ...process.env, PATH: '/nonexistent', RTPENGINE_PATH: '' };
    const expected = missingPrograms(findPrograms(env).missing.filter((p) => p.required));
    const demo = runDemo(baseArgs, env);
    expect(await demo.exit, demo.output()).toBe(2);
    expect(expected).toMatch(/sip-tester/);
    expect(demo.output()).toContain(expected);
    expect(demo.output()).not.toMatch(/signed in/);
  }, 60_000);

  it('refuses a wrong password, and other operators at work (the simulated ones would take the call)', async () => {
    const wrong = runDemo([...baseArgs.slice(0, 4), '--admin-password', 'not-the-password', '--sip-port', '0']);
    expect(await wrong.exit, wrong.output()).toBe(2);
    expect(wrong.output()).toMatch(/otvet refused demo-admin's sign-in .*the password is the one `npm start` printed/);

    const other = await app.as('operator', '77', 'demo-op-77-001');
    expect((await other.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    try {
      const demo = runDemo(baseArgs);
      expect(await demo.exit, demo.output()).toBe(2);
      expect(demo.output()).toMatch(/1 other operator is at work for region 77 \(demo-op-77-001\).*npm start -- --no-simulation.*--with-others/s);
      expect(demo.output()).not.toMatch(/rtpengine:/);
    } finally {
      await other.post('/api/v1/agent/state', { state: 'offline' });
    }
  }, 60_000);

  it.skipIf(!sippPath || !hasRtpengine || !baresipPath)(
    'a call answered on baresip with the printed account, ended and wrapped up on the workstation: the demo tells it and stops by itself',
    async () => {
      const demo = runDemo(baseArgs);
      let phone: Baresip | undefined;
      try {
        // The account line it printed, as a person pastes it (auto-answer added, as it suggests).
        const [, account] = await demo.wait(/^ {7}(<sip:operator-77@127\.0\.0\.1:\d+;transport=udp>;auth_pass=\S+;regint=300)$/m);
        expect(demo.output()).toMatch(/baresip -f \S+otvet-telephony-demo-\w+\/baresip/);
        expect(demo.output()).toContain(`${app.url}/operator`);
        expect(demo.output()).toContain(`${app.url}/wallboard`);
        phone = Baresip.start({ accounts: [`${account};answermode=auto`], autoAnswer: true, maxSeconds: 120 });
        await demo.wait(/operator-77's phone registered \(baresip/);
        // (nobody dials while operator-77 is offline: otvet would send the call to the federal reserve)
        expect(demo.output()).toMatch(/operator-77 on the workstation: offline/);
        expect(demo.output()).not.toMatch(/The caller \(SIPp/);

        // The operator at the workstation: ready (F2); the caller dials, the call rings the phone, which answers.
        expect((await operator.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
        await demo.wait(/operator-77 on the workstation: ready/);
        await demo.wait(/talking with operator-77/, 40_000);
        const { callId } = (await operator.get('/api/v1/agent')).body as { callId: string };
        const told = demo
          .output()
          .split('\n')
          .filter((l) => l.startsWith(`Call ${callId}: `));
        expect(told.map((l) => l.slice(`Call ${callId}: `.length))).toEqual([
          'the edge answered: the greeting and the menu of topics play',
          expect.stringMatching(/^the caller pressed a key: topic «.+»$/),
          'waiting in the queue, with hold music',
          "otvet's ACD chose operator-77",
          "operator-77's phone rings",
          'talking with operator-77',
        ]);
        await phone.until(/incoming rtp for 'audio' established/);

        // F8, then the wrap-up: the demo tells both and stops.
        expect((await operator.post(`/api/v1/agent/calls/${callId}/hangup`)).status).toBe(204);
        await demo.wait(/operator-77 wraps it up on the workstation now/);
        expect(demo.output()).toMatch(/operator-77 ended the call on the workstation/);
        await demo.wait(/The caller was hung up and has left/);
        expect((await operator.post(`/api/v1/agent/calls/${callId}/wrap-up`, { outcome: 'answered', topics: [] })).status).toBe(204);
        expect(await demo.exit, demo.output()).toBe(0);
        expect(demo.output()).toMatch(/wrapped up \(answered\): the call's record is closed/);
        const [, fromCaller, fromPhone] = /rtpengine relayed (\d+) packets from the caller, (\d+) from the operator's phone/.exec(demo.output()) ?? [];
        expect(Number(fromCaller), 'caller → operator').toBeGreaterThan(0);
        expect(Number(fromPhone), 'operator → caller').toBeGreaterThan(0);
        expect(demo.output()).toMatch(/Stopped: the caller, the edge and rtpengine are gone/);

        const call = (await supervisor.get(`/api/v1/calls/${callId}`)).body as { state: string; events: { id: string; type: string }[] };
        expect(call.state).toBe('ended');
        expect(call.events.filter((e) => e.id.startsWith(`${callId}-`)).map((e) => e.type)).toEqual(['offered', 'ivr_choice', 'queued', 'ringing', 'answered', 'ended']);
        expect(pidsOf(demo.output())).toHaveLength(2);
        expect(pidsOf(demo.output()).filter(alive)).toEqual([]);
        const tokens = (await admin.get('/api/v1/tokens?includeRevoked=true')).body.items as { name: string; revokedAt: string | null }[];
        expect(tokens.filter((t) => t.name === 'telephony demo').every((t) => t.revokedAt !== null)).toBe(true);
      } finally {
        await ensureStopped(demo);
        await phone?.stop();
      }
    },
    120_000,
  );

  it.skipIf(!sippPath || !hasRtpengine)(
    'Ctrl-C while the caller waits: exit 0, the caller hung up (abandoned in otvet), nothing left running, the token revoked',
    async () => {
      // operator-77 at work but on a break: the caller stays in the region's queue
      expect((await operator.post('/api/v1/agent/state', { state: 'break' })).status).toBe(200);
      const demo = runDemo(baseArgs, process.env, true);
      let phone: TestPhone | undefined;
      try {
        // a phone registers with the account the demo printed (our scripted one: it never rings here)
        const [, port, password] = await demo.wait(/<sip:operator-77@127\.0\.0\.1:(\d+);transport=udp>;auth_pass=(\S+);regint=300/);
        phone = await TestPhone.open('udp', { transport: 'udp', address: '127.0.0.1', port: Number(port) }, { user: 'operator-77', password: password! });
        expect((await phone.register()).status).toBe(200);
        await demo.wait(/operator-77 on the workstation: break/);
        const [, callId] = await demo.wait(/Call (\S+): waiting in the queue/, 40_000);
        expect(demo.output()).toMatch(/pressed a key: topic/);
        const pids = pidsOf(demo.output());
        expect(pids).toHaveLength(2);
        // Ctrl-C as a terminal sends it: to the demo's process group. The caller and rtpengine are in
        // groups of their own: the caller stays to be hung up by the edge, and answers its BYE.
        process.kill(-demo.child.pid!, 'SIGINT');
        expect(await demo.exit, demo.output()).toBe(0);
        expect(demo.output()).toMatch(/SIGINT: stopping/);
        expect(demo.output()).toMatch(/The caller was hung up and has left \(SIPp answered the BYE\)/);
        expect(demo.output()).not.toMatch(/^edge: |did not leave cleanly|failed/m);
        expect(demo.output()).toMatch(/Stopped: the caller, the edge and rtpengine are gone/);
        expect(pids.filter(alive)).toEqual([]);
        const call = (await supervisor.get(`/api/v1/calls/${callId}`)).body as { state: string; events: { id: string; type: string; data: Record<string, unknown> }[] };
        expect(call.state).toBe('abandoned');
        expect(call.events.find((e) => e.type === 'abandoned')?.data.reason).toBe('edge_stopped');
        // (the edge's reports; otvet's ACD may add its own, an overflow with nobody at work)
        expect(call.events.filter((e) => e.id.startsWith(`${callId}-`)).map((e) => e.type)).toEqual(['offered', 'ivr_choice', 'queued', 'abandoned']);
        const tokens = (await admin.get('/api/v1/tokens?includeRevoked=true')).body.items as { name: string; revokedAt: string | null }[];
        expect(tokens.filter((t) => t.name === 'telephony demo').length).toBeGreaterThan(0);
        expect(tokens.filter((t) => t.name === 'telephony demo' && t.revokedAt === null)).toEqual([]);
      } finally {
        await ensureStopped(demo);
        await phone?.close();
        await operator.post('/api/v1/agent/state', { state: 'offline' });
      }
    },
    90_000,
  );
});
