// npm run bench:sip — real calls through the SIP edge (issue 14): SIPp callers through the trunk
// to 122, the IVR (key 2, RFC 4733), otvet's queue and ACD, to operators' phones (a SIPp UAS,
// every operator registered with digest), media anchored in rtpengine with the prompts and the hold
// music playing. The call rate is ramped until calls fail; then many callers hold at once with hold
// music; then a rate above the edge's EDGE_MAX_CPS, whose extra calls must get 503 while every call
// taken completes. In the same run, two baselines: SIPp calling SIPp directly (the signalling limit
// of this machine for these calls) and rtpengine relaying calls with no prompt, no edge, no otvet.
// otvet runs in this process (PGlite, or PostgreSQL with DATABASE_URL), the edge as its own process.
// BENCH_QUICK=1 runs every phase small (a test runs it so); the BENCH_* variables below size it.
import { findRtpengine } from '../src/telephony/media/rtpengine-daemon.ts';
import { relayOnly, sippDirect } from './sip-baselines.ts';
import { freeUdpPort, startEdgeProcess, startMedia, type Edge, type Media } from './sip-edge.ts';
import { operatorPhones, registerOperators } from './sip-operators.ts';
import { SIP_PASSWORD, startPlatform, type Platform } from './sip-platform.ts';
import { holdMany, overload, ramp, type Phases } from './sip-rounds.ts';
import { sippPath, type SippRun } from './sip-sipp.ts';

const quick = process.env.BENCH_QUICK === '1';
const num = (name: string, full: number, small: number) => Number(process.env[name] ?? (quick ? small : full));
const list = (name: string, full: number[], small: number[]) => (process.env[name] ? process.env[name].split(',').map(Number) : quick ? small : full);

const cfg = {
  operators: num('BENCH_OPERATORS', 400, 12),
  /** Each operator talks this long, then hangs up. */
  talkMs: num('BENCH_TALK_MS', 1000, 300),
  rates: list('BENCH_RATES', [20, 50, 80, 100, 120, 150, 200, 250], [8]),
  roundSeconds: num('BENCH_ROUND_SECONDS', 10, 2),
  directRates: list('BENCH_DIRECT_RATES', [100, 200, 400, 600, 800, 1000, 1200, 1500, 2000], [40]),
  directSeconds: num('BENCH_DIRECT_SECONDS', 5, 1),
  holdCalls: num('BENCH_HOLD_CALLS', 1000, 20),
  holdRate: num('BENCH_HOLD_RATE', 50, 20),
  holdSeconds: num('BENCH_HOLD_SECONDS', 30, 3),
  /** EDGE_MAX_CPS in the overload phase (default: 80 % of the rate found, in tens), offered at twice it. */
  overloadLimit: process.env.BENCH_OVERLOAD_LIMIT ? Number(process.env.BENCH_OVERLOAD_LIMIT) : undefined,
  overloadSeconds: num('BENCH_OVERLOAD_SECONDS', 10, 2),
};

const log = (line: string) => console.log(line);
const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

/** An edge with the operators' phones registered and answering, the operators ready. */
async function edgeWithPhones(platform: Platform, media: Media, limits: { maxCps: number; maxCalls: number }): Promise<{ edge: Edge; phones: SippRun; stop(): Promise<void> }> {
  const edge = await startEdgeProcess({ otvetUrl: platform.url, token: platform.edgeToken, media, ...limits });
  let phones: SippRun | undefined;
  try {
    const port = await freeUdpPort();
    await registerOperators({ edgePort: edge.sipPort, port, usernames: platform.operators, password: SIP_PASSWORD });
    phones = operatorPhones({ port, mediaPort: await freeUdpPort(), talkMs: cfg.talkMs });
    await platform.setState(platform.operators, 'ready');
    const f = await edge.metrics();
    if (f.registrations !== platform.operators.length) throw new Error(`${f.registrations} of ${platform.operators.length} operators' phones registered`);
  } catch (err) {
    phones?.stop();
    await edge.stop();
    throw err;
  }
  const running = phones;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    running.stop();
    await running.done;
    await edge.stop();
    await platform.setState(platform.operators, 'break');
  };
  // (stopped at the end of the run whatever happens: the edge and SIPp are processes of their own)
  cleanups.push(stop);
  return { edge, phones: running, stop };
}

/** What must stop however the run ends. */
const cleanups: (() => Promise<void>)[] = [];

async function main(): Promise<number> {
  if (!sippPath || !findRtpengine()) {
    console.error(`bench:sip needs ${[!sippPath && 'SIPp (Debian package sip-tester)', !findRtpengine() && 'rtpengine (Debian package rtpengine-daemon)'].filter(Boolean).join(' and ')}`);
    return 2;
  }
  const t0 = performance.now();
  const platform = await startPlatform({ operators: cfg.operators });
  let media: Media | undefined;
  const problems: string[] = [];
  try {
    media = await startMedia({ dtmf: true });
    log(
      `bench:sip${quick ? ' (quick)' : ''}: otvet on ${platform.engine} in this process, ${cfg.operators} operators of region 77; rtpengine (ports ${media.portMin}–${media.portMax}); the edge as a child process (${seconds(t0)} s to start)`,
    );

    log(`SIPp calling SIPp directly (caller.xml → operator.xml, no edge), ${cfg.directSeconds} s a round:`);
    const direct = await sippDirect({ rates: cfg.directRates, seconds: cfg.directSeconds, talkMs: cfg.talkMs }, log);

    // The edge with no limit of its own to speak of: the ramp finds the limit.
    const first = await edgeWithPhones(platform, media, { maxCps: 10_000, maxCalls: Math.max(5000, cfg.holdCalls + 100) });
    let phases: Phases = { platform, edge: first.edge, phones: first.phones };
    log(`Through the edge (IVR key 2, queue, ACD, an operator's phone; operators talk ${cfg.talkMs} ms), ${cfg.roundSeconds} s a round:`);
    const { passed } = await ramp(phases, cfg.rates, cfg.roundSeconds, log);
    log(`Holding: ${cfg.holdCalls} callers at ${cfg.holdRate}/s, each ${cfg.holdSeconds} s in the queue with hold music (operators on a break):`);
    const hold = await holdMany(phases, { target: cfg.holdCalls, rate: cfg.holdRate, holdSeconds: cfg.holdSeconds });
    log(
      `  held at once: ${hold.peakCalls} (otvet: ${hold.waitingInOtvet} waiting then), ${hold.failed} failed; ${hold.listeners} callers heard ${hold.leastAudioPerSecond} audio packets/s at the least${hold.why.length ? `: ${hold.why.join('; ')}` : ''}`,
    );
    problems.push(...first.edge.problems());
    await first.stop();

    const cps = passed?.rate ?? 0;
    const limit = cfg.overloadLimit ?? Math.max(quick ? 2 : 10, Math.floor((0.8 * (cps || 10)) / 10) * 10);
    const second = await edgeWithPhones(platform, media, { maxCps: limit, maxCalls: 1000 });
    phases = { platform, edge: second.edge, phones: second.phones };
    log(`Overload: EDGE_MAX_CPS=${limit}, callers at ${2 * limit}/s for ${cfg.overloadSeconds} s:`);
    const over = await overload(phases, { rate: 2 * limit, limit, seconds: cfg.overloadSeconds });
    log(`  ${over.offered} offered: ${over.refused} answered 503, ${over.taken} taken, ${over.failed} of those failed${over.why.length ? `: ${over.why.join('; ')}` : ''}`);
    problems.push(...second.edge.problems());
    await second.stop();

    log(`rtpengine relaying only (no edge, no prompts): ${cfg.holdCalls} calls at ${cfg.holdRate}/s, each streaming audio ${cfg.holdSeconds} s:`);
    const relay = await relayOnly(media.daemon.client, { target: cfg.holdCalls, rate: cfg.holdRate, holdSeconds: cfg.holdSeconds });
    log(`  held at once: ${relay.peakCalls}, ${relay.failed} failed, rtpengine relayed ${relay.peakPacketRate} packets/s at the most${relay.why.length ? `: ${relay.why.join('; ')}` : ''}`);

    const figures = {
      cps,
      failed: (passed?.failed ?? 0) + over.failed + hold.failed,
      setupP99Ms: passed?.setupP99Ms ?? 0,
      concurrent: hold.failed ? 0 : hold.peakCalls,
      sippDirectCps: direct.best?.achievedCps ?? 0,
      relayOnlyConcurrent: relay.failed ? 0 : relay.peakCalls,
    };
    log('');
    log(
      `Through the IVR, the queue and the ACD: ${cps} new calls/s with 0 failed (setup p99 ${figures.setupP99Ms} ms); SIPp to SIPp directly: ${figures.sippDirectCps}/s (${direct.best ? Math.round((cps / figures.sippDirectCps) * 100) : 0} % of it)`,
    );
    log(`Held at once with hold music: ${figures.concurrent}; rtpengine relaying only: ${figures.relayOnlyConcurrent}`);
    log(`Above EDGE_MAX_CPS=${limit} at ${2 * limit}/s: ${over.refused} answered 503, ${over.taken} taken, ${over.failed} of them failed`);
    if (problems.length) log(`The edge logged ${problems.length} warnings or errors; the first: ${problems.slice(0, 3).join(' | ')}`);
    log(`(${seconds(t0)} s in all)`);
    console.log(JSON.stringify(figures));
    return 0;
  } finally {
    for (const stop of cleanups.splice(0).reverse()) await stop().catch((err: unknown) => console.error(`bench:sip: stopping: ${String(err)}`));
    await media?.stop();
    await platform.close();
  }
}

process.exitCode = await main();
