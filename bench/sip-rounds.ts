// bench:sip's phases through the edge. A round: SIPp callers at a fixed rate for some seconds
// through the IVR (key 2) and the queue to the operators' phones, each call checked three ways —
// SIPp's callers and phones (every message as the scenario expects), the edge's /metrics (no 503),
// and otvet's record (each call offered, a topic chosen, answered by an operator, over). The ramp
// goes up until a round fails. The hold: operators on a break, many callers waiting at once with
// hold music (a few of them heard by the bench), counted by the edge. The overload: a rate above
// the edge's EDGE_MAX_CPS, the 503s counted, every call taken carried through.
import dgram from 'node:dgram';
import type { CallSummary, Platform } from './sip-platform.ts';
import { freeUdpPort, TRUNK, type Edge, type EdgeFigures } from './sip-edge.ts';
import { runSipp, type SippFigures, type SippRun } from './sip-sipp.ts';
import { percentile, round } from './support.ts';

export interface Phases {
  platform: Platform;
  edge: Edge;
  /** The operators' phones (their SIPp UAS), whose failures count. */
  phones: SippRun;
}

/** A round keeps its rate when calls are set up at this share of it at least. */
export const KEPT = 0.95;

export interface RoundResult {
  rate: number;
  /** Calls were set up at the rate they came (KEPT of it at least). */
  kept: boolean;
  calls: number;
  /** Calls set up per second: 200s received over the time they took to come. */
  achievedCps: number;
  failed: number;
  setupP50Ms: number;
  setupP99Ms: number;
  /** Calls the edge held at once (its /metrics, every half second). */
  peakCalls: number;
  /** Why calls failed, when any did. */
  why: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The edge's figures every half second while `work` runs: the most calls it held. */
async function watchEdge<T>(edge: Edge, work: Promise<T>, onSample?: (f: EdgeFigures) => Promise<void> | void): Promise<{ result: T; peak: number }> {
  let peak = 0;
  let over = false;
  const watching = (async () => {
    while (!over) {
      try {
        const f = await edge.metrics();
        peak = Math.max(peak, f.activeCalls);
        await onSample?.(f);
      } catch {
        // (a scrape missed: the next one counts)
      }
      await sleep(500);
    }
  })();
  try {
    return { result: await work, peak };
  } finally {
    over = true;
    await watching;
  }
}

/** otvet's record once no call offered since `since` is still live (or `ms` have passed). */
async function settled(platform: Platform, since: Date, expected: number, ms = 20_000): Promise<CallSummary> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = await platform.calls(since);
    if ((s.total >= expected && s.live === 0) || Date.now() > deadline) return s;
    await sleep(250);
  }
}

/** SIPp's first complaint about a call, on one line. */
function firstError(errors: string): string {
  const entries = errors.split(/(?=\d{4}-\d\d-\d\d\t\d\d:\d\d:\d\d\.\d+\t\d+\.\d+: )/).map((e) => e.replace(/^[^:]*:[^:]*:[^:]*: /, ''));
  // (a dead call's message is SIPp's note on a retransmission after a call's end, not a failure)
  const aboutCall = entries.find((e) => /^Aborting call/.test(e)) ?? entries.find((e) => /call/i.test(e) && !/open files|^Dead call/.test(e)) ?? entries[0] ?? '';
  // (SIPp's folder, which it names for the rest, is gone by now)
  return aboutCall
    .replace(/ There were more errors, see '[^']*' file/, '')
    .replace(/\s+/g, ' ')
    .slice(0, 500);
}

const reasons = (f: SippFigures) =>
  Object.entries(f.failures)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

const delta = (a: SippFigures, b: SippFigures) => ({
  failed: b.failed - a.failed,
  failures: Object.entries(b.failures).flatMap(([k, v]) => (v - (a.failures[k] ?? 0) > 0 ? [`${k} ${v - (a.failures[k] ?? 0)}`] : [])),
});

function setupFigures(setups: { at: number; ms: number }[]) {
  const ms = setups.map((s) => s.ms).sort((a, b) => a - b);
  const at = setups.map((s) => s.at).sort((a, b) => a - b);
  const span = at.length > 1 ? (at[at.length - 1]! - at[0]!) / 1000 : 0;
  return { achievedCps: span > 0 ? round((at.length - 1) / span, 1) : 0, p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

/** Callers of a scenario from the trunk's address, to 122 at the edge. */
async function callers(edge: Edge, o: { scenario: string; rate: number; calls: number; pauseMs?: number; keys?: Record<string, number>; timeoutSeconds: number }): Promise<SippRun> {
  return runSipp({
    scenario: o.scenario,
    host: TRUNK,
    port: await freeUdpPort(TRUNK),
    mediaPort: await freeUdpPort(TRUNK),
    remote: `127.0.0.1:${edge.sipPort}`,
    service: '122',
    rate: o.rate,
    calls: o.calls,
    ...(o.pauseMs ? { pauseMs: o.pauseMs } : {}),
    ...(o.keys ? { keys: o.keys } : {}),
    recvTimeoutMs: 30_000,
    timeoutSeconds: o.timeoutSeconds,
    rtt: true,
  });
}

/** Calls through the IVR, the queue and an operator at `rate` for `seconds`. */
export async function callRound(p: Phases, rate: number, seconds: number): Promise<RoundResult> {
  const calls = Math.round(rate * seconds);
  const since = new Date();
  const edge0 = await p.edge.metrics();
  const phones0 = p.phones.now();
  const run = await callers(p.edge, { scenario: 'caller.xml', rate, calls, timeoutSeconds: seconds + 120 });
  const { result, peak } = await watchEdge(p.edge, run.done);
  const record = await settled(p.platform, since, result.figures.created);
  await sleep(1500); // (the phones' statistics are written every second)
  const phones = delta(phones0, p.phones.now());
  const edge1 = await p.edge.metrics();
  const refused = (edge1.responses['503'] ?? 0) - (edge0.responses['503'] ?? 0);
  const notAnswered = result.figures.created - record.answered;
  const noTopic = record.total - record.withTopic;
  const unmade = calls - result.figures.created;
  const why = [
    ...(result.figures.failed ? [`callers: ${result.figures.failed} failed (${reasons(result.figures)}; the first: ${firstError(result.errors)})`] : []),
    ...(phones.failed ? [`operators' phones: ${phones.failed} failed (${phones.failures.join(', ')}; the first: ${firstError(p.phones.errorsNow())})`] : []),
    ...(refused ? [`the edge answered 503 ${refused} times`] : []),
    ...(notAnswered ? [`otvet: ${notAnswered} of ${result.figures.created} calls not answered by an operator (${JSON.stringify(record.byState)})`] : []),
    ...(noTopic ? [`otvet: ${noTopic} calls without the IVR's topic`] : []),
    ...(unmade ? [`SIPp made ${result.figures.created} of ${calls} calls (exit ${result.code}): ${result.errors.slice(0, 300)}`] : []),
  ];
  const s = setupFigures(result.setups);
  // (no call failed, but the calls were set up slower than they came: the edge did not keep the rate)
  const behind = s.achievedCps < KEPT * rate;
  if (behind) why.push(`calls set up at ${s.achievedCps}/s, below ${KEPT * 100} % of ${rate}/s`);
  return {
    rate,
    kept: !behind,
    calls: result.figures.created,
    achievedCps: s.achievedCps,
    // (one call can fail in several of these ways at once: the most of them, and the phones' own)
    failed: Math.max(result.figures.failed, notAnswered, refused, noTopic, unmade) + phones.failed,
    setupP50Ms: s.p50,
    setupP99Ms: s.p99,
    peakCalls: peak,
    why,
  };
}

/** Rounds at each rate until one fails or falls behind its rate; the last passing one is the result. */
export async function ramp(p: Phases, rates: number[], seconds: number, log: (line: string) => void): Promise<{ passed: RoundResult | undefined; rounds: RoundResult[] }> {
  const rounds: RoundResult[] = [];
  let passed: RoundResult | undefined;
  for (const rate of rates) {
    const r = await callRound(p, rate, seconds);
    rounds.push(r);
    log(
      `  ${String(rate).padStart(4)} calls/s × ${seconds} s: ${r.calls} calls, ${r.achievedCps} set up/s, setup p50 ${r.setupP50Ms} ms p99 ${r.setupP99Ms} ms, ${r.peakCalls} held at most, ${r.failed} failed${r.why.length ? `: ${r.why.join('; ')}` : ''}`,
    );
    if (r.failed || !r.kept) break;
    passed = r;
    await sleep(2000);
  }
  return { passed, rounds };
}

export interface HoldResult {
  /** The most calls the edge held at once (its /metrics). */
  peakCalls: number;
  /** otvet's calls waiting in the queue at that moment. */
  waitingInOtvet: number;
  failed: number;
  why: string[];
  /** The listening callers: packets of audio each received per second on hold (the least of them). */
  leastAudioPerSecond: number;
  listeners: number;
}

/** A socket of the bench's that callers name in their SDP: RTP packets by sender (each call's rtpengine port). */
async function audioListener(): Promise<{ port: number; packets: Map<string, number>; close(): Promise<void> }> {
  const socket = dgram.createSocket('udp4');
  const packets = new Map<string, number>();
  socket.on('message', (_m, from) => {
    const k = `${from.address}:${from.port}`;
    packets.set(k, (packets.get(k) ?? 0) + 1);
  });
  await new Promise<void>((resolve) => socket.bind(0, TRUNK, resolve));
  return { port: socket.address().port, packets, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

/**
 * `target` callers at `rate`, each holding `holdSeconds` in the queue with hold music (the
 * operators on a break), then hanging up. A few of them (caller-listens.xml) send their audio to
 * the bench, which checks it kept coming.
 */
export async function holdMany(p: Phases, o: { target: number; rate: number; holdSeconds: number }): Promise<HoldResult> {
  await p.platform.setState(p.platform.operators, 'break');
  const listener = await audioListener();
  try {
    const since = new Date();
    const listeners = Math.max(2, Math.min(10, Math.round(o.target / 50)));
    const rampSeconds = o.target / o.rate;
    const timeoutSeconds = Math.ceil(rampSeconds + o.holdSeconds + 120);
    const main = await callers(p.edge, {
      scenario: 'caller-holds.xml',
      rate: o.rate * ((o.target - listeners) / o.target),
      calls: o.target - listeners,
      pauseMs: o.holdSeconds * 1000,
      timeoutSeconds,
    });
    // (spread over the same ramp, so some of them hold while the edge holds the most)
    const heard = await callers(p.edge, {
      scenario: 'caller-listens.xml',
      rate: listeners / rampSeconds,
      calls: listeners,
      pauseMs: o.holdSeconds * 1000,
      keys: { listen_port: listener.port },
      timeoutSeconds,
    });
    let waitingInOtvet = 0;
    let peakSeen = 0;
    const { result, peak } = await watchEdge(p.edge, Promise.all([main.done, heard.done]), async (f) => {
      if (f.activeCalls >= peakSeen) {
        peakSeen = f.activeCalls;
        waitingInOtvet = (await p.platform.calls(since)).byState.waiting ?? 0;
      }
    });
    const [a, b] = result;
    const record = await settled(p.platform, since, a.figures.created + b.figures.created);
    const unmade = o.target - a.figures.created - b.figures.created;
    const failed = a.figures.failed + b.figures.failed + unmade;
    // Each listener's audio from the key on (greeting and menu before it): ~50 packets a second.
    const perCall = [...listener.packets.values()];
    const least = perCall.length === listeners ? Math.min(...perCall) / (o.holdSeconds + 1) : 0;
    const why = [
      ...(unmade ? [`SIPp made ${o.target - unmade} of ${o.target} calls: ${a.errors.slice(0, 200)} ${b.errors.slice(0, 200)}`] : []),
      ...(a.figures.failed ? [`holding callers: ${a.figures.failed} failed (${reasons(a.figures)})`] : []),
      ...(b.figures.failed ? [`listening callers: ${b.figures.failed} failed (${reasons(b.figures)})`] : []),
      ...(perCall.length !== listeners ? [`audio reached ${perCall.length} of ${listeners} listening callers`] : []),
      ...(least < 40 ? [`a listening caller heard ${round(least, 1)} packets/s (50 expected; packets by rtpengine port: ${[...listener.packets].map(([from, n]) => `${from} ${n}`).join(', ')})`] : []),
      ...(record.withTopic < record.total ? [`otvet: ${record.total - record.withTopic} calls without the IVR's topic`] : []),
    ];
    return { peakCalls: peak, waitingInOtvet, failed: failed + (failed ? 0 : why.length), why, leastAudioPerSecond: round(least, 1), listeners };
  } finally {
    await listener.close();
    await p.platform.setState(p.platform.operators, 'ready');
  }
}

export interface OverloadResult {
  rate: number;
  limit: number;
  offered: number;
  refused: number;
  taken: number;
  failed: number;
  why: string[];
}

/** Callers at `rate` (above the edge's limit) for `seconds`: each refused with 503 or carried through to an operator. */
export async function overload(p: Phases, o: { rate: number; limit: number; seconds: number }): Promise<OverloadResult> {
  const since = new Date();
  const edge0 = await p.edge.metrics();
  const phones0 = p.phones.now();
  const calls = Math.round(o.rate * o.seconds);
  const run = await callers(p.edge, { scenario: 'caller-overload.xml', rate: o.rate, calls, timeoutSeconds: o.seconds + 120 });
  const { result } = await watchEdge(p.edge, run.done);
  const edge1 = await p.edge.metrics();
  const refused = (edge1.responses['503'] ?? 0) - (edge0.responses['503'] ?? 0);
  const taken = result.figures.created - refused;
  const record = await settled(p.platform, since, taken);
  await sleep(1500);
  const phones = delta(phones0, p.phones.now());
  const notAnswered = taken - record.answered;
  const unmade = calls - result.figures.created;
  const why = [
    ...(unmade ? [`SIPp made ${result.figures.created} of ${calls} calls (exit ${result.code}): ${result.errors.slice(0, 300)}`] : []),
    ...(result.figures.failed ? [`callers: ${result.figures.failed} failed (${reasons(result.figures)}; the first: ${firstError(result.errors)})`] : []),
    ...(phones.failed ? [`operators' phones: ${phones.failed} failed (${phones.failures.join(', ')}; the first: ${firstError(p.phones.errorsNow())})`] : []),
    ...(record.total !== taken ? [`otvet heard of ${record.total} calls, the edge took ${taken}`] : []),
    ...(notAnswered ? [`otvet: ${notAnswered} taken calls not answered by an operator (${JSON.stringify(record.byState)})`] : []),
    ...(edge1.refusedRate - edge0.refusedRate !== refused ? [`503s: ${refused}, of which for the rate ${edge1.refusedRate - edge0.refusedRate}`] : []),
  ];
  return { rate: o.rate, limit: o.limit, offered: result.figures.created, refused, taken, failed: Math.max(result.figures.failed, notAnswered, unmade) + phones.failed, why };
}
