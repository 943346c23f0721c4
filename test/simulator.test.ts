// The simulator end to end: an accelerated run against the real app, through its public API only,
// whose calls as otvet recorded them match what the simulator counted; and the CLI's checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBehaviour, defaultOptions, defaultStaffing, runSimulation, SimClock, simulatorToken, type Summary } from '../src/simulator/index.ts';
import { startApp, type TestApp } from './support/app.ts';
import { cliEnv, cliInProcess, runCli, tempDir } from './support/cli.ts';

const SPEED = 60;
const DURATION = 8 * 60_000;
const DRAIN = 4 * 60_000;

describe('otvet simulate, in-process and accelerated', () => {
  let app: TestApp;
  let summary: Summary;
  // Simulated time runs in the past, so the events API never sees an event from the future.
  const start = Math.floor((Date.now() - DURATION - DRAIN - 2 * 60_000) / 60_000) * 60_000;
  const clock = new SimClock(start, SPEED);
  const o = defaultOptions({
    seed: 'e2e',
    start: new Date(start),
    durationMs: DURATION,
    drainMs: DRAIN,
    speed: SPEED,
    regions: ['77', '78'],
    // about five calls a minute between the two regions, day or night
    callsPerDay: 7200,
    volumeOf: 'selected',
    curve: new Array<number>(24).fill(1),
    // two operators a region for that load, and impatient callers: some hang up
    behaviour: { ...defaultBehaviour, patienceSeconds: 25, talkSeconds: 60, wrapUpSeconds: 10, acceptCallback: 0 },
    staffing: { ...defaultStaffing, fixed: 2, reserve: 1, breaks: false },
    callPrefix: 'sim-e2e',
    operatorPrefix: 'sim-e2e',
  });

  beforeAll(async () => {
    app = await startApp({}, { clock: () => clock.now(), acd: false });
    // The ACD's timers run on simulated time, driven by the run.
    await app.services.cc.acd.start(24 * 3600_000);
    const token = await simulatorToken(app.services, 'simulator', o.tokenName);
    summary = await runSimulation(o, { url: app.url, token: token.secret, acdTick: () => app.services.cc.acd.tick() }, clock, { statusEveryMs: 0 });
  }, 60_000);
  afterAll(async () => app?.close());

  it('makes calls whose records match the summary and the simulator’s own count', async () => {
    const admin = await app.as('admin', 'federal');
    const { items } = (await admin.get(`/api/v1/calls?limit=1000`)).body as {
      items: { callId: string; state: string; region: string; answeredAt: string | null; wrappedAt: string | null; overflowed: boolean }[];
    };
    const calls = items.filter((c) => c.callId.startsWith('sim-e2e-'));
    const l = summary.ledger;
    const t = summary.totals;
    expect(calls.length).toBeGreaterThan(20);
    expect(calls.length).toBe(t.offered);
    expect(calls.length).toBe(l.offered);
    const abandoned = calls.filter((c) => c.state === 'abandoned').length;
    const answered = calls.filter((c) => c.answeredAt).length;
    expect(abandoned).toBeGreaterThan(0);
    expect(answered).toBeGreaterThan(0);
    expect(abandoned).toBe(t.abandoned);
    expect(abandoned).toBe(l.abandoned);
    expect(answered).toBe(t.answered);
    expect(answered).toBe(l.answered);
    expect(answered + abandoned).toBe(calls.length);
    expect(calls.filter((c) => c.overflowed).length).toBe(t.overflowed);
    // Every call closed, every answered call wrapped up by its operator.
    expect(calls.filter((c) => !['ended', 'abandoned'].includes(c.state))).toEqual([]);
    expect(calls.filter((c) => c.answeredAt && !c.wrappedAt)).toEqual([]);
    expect(l.wrapUps).toBe(answered);
    // By region: both regions, Moscow (13 million) with more calls than Saint Petersburg (5.6 million).
    const by = new Map(summary.byRegion.map((r) => [r.region, r]));
    expect(by.get('77')!.offered).toBe(calls.filter((c) => c.region === '77').length);
    expect(by.get('77')!.offered).toBeGreaterThan(by.get('78')!.offered);
    expect(Object.fromEntries(l.errors)).toEqual({});
  });

  it('leaves operators signed out and its tokens revoked', async () => {
    const admin = await app.as('admin', 'federal');
    const { items } = (await admin.get('/api/v1/operators')).body as { items: { username: string; state: string }[] };
    const ours = items.filter((a) => a.username.startsWith('sim-e2e-'));
    expect(ours).toHaveLength(5);
    expect(ours.filter((a) => a.state !== 'offline')).toEqual([]);
    const tokens = (await admin.get('/api/v1/tokens?includeRevoked=true')).body as { items: { name: string; user: { username: string }; revokedAt: string | null }[] };
    const operators = tokens.items.filter((x) => x.name === o.tokenName && x.user.username.startsWith('sim-e2e-'));
    expect(operators).toHaveLength(5);
    expect(operators.filter((x) => !x.revokedAt)).toEqual([]);
  });
});

describe('otvet simulate, the command', () => {
  it('checks its options before starting anything, one clear message each', async () => {
    const cases: [string[], RegExp][] = [
      [['--duration', 'soon'], /--duration: "soon" is not a duration/],
      [['--regions', '77,99'], /--regions: no region 99/],
      [['--surge', 'topic=Погода,x=3'], /--surge: unknown topic "Погода"/],
    ];
    for (const [args, message] of cases) {
      const r = await cliInProcess(['simulate', ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });

  it('a spawned `otvet simulate` refuses a bad option the same way', async () => {
    const r = await runCli(['simulate', '--regions', '77,99'], cliEnv({ OTVET_DATA_DIR: tempDir() }));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^otvet: --regions: no region 99 \(two-digit codes/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  }, 60_000);
});
