// bench:sip's baselines, measured in the same run. SIPp calling SIPp directly: the same caller
// scenario (caller.xml) to the same phone scenario (operator.xml) with nothing between them, the rate
// ramped until calls fail or SIPp cannot keep the rate: this machine's signalling limit for these
// calls. rtpengine relaying only: calls straight from a SIPp caller to a SIPp phone with their media
// anchored in rtpengine by the bench (ng offer and answer, as the edge does it), the caller
// streaming audio through it, no prompt, no edge, no otvet: how many calls it holds at once.
import type { Rtpengine } from '../src/telephony/media/rtpengine.ts';
import { freeUdpPort } from './sip-edge.ts';
import { KEPT } from './sip-rounds.ts';
import { runSipp, type SippFigures } from './sip-sipp.ts';
import { percentile, round } from './support.ts';

const HOST = '127.0.0.1';
/** caller.xml's time before its key: 1 s of greeting, the key's 140 ms of RTP, and some. */
const IVR_MS = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DirectRound {
  rate: number;
  calls: number;
  achievedCps: number;
  failed: number;
  setupP99Ms: number;
}

function achieved(setups: { at: number; ms: number }[]): number {
  const at = setups.map((s) => s.at).sort((a, b) => a - b);
  const span = at.length > 1 ? (at[at.length - 1]! - at[0]!) / 1000 : 0;
  return span > 0 ? round((at.length - 1) / span, 1) : 0;
}

/** The highest rate SIPp calls SIPp with no failed call, SIPp still keeping the rate (KEPT of it). */
export async function sippDirect(o: { rates: number[]; seconds: number; talkMs: number }, log: (line: string) => void): Promise<{ best: DirectRound | undefined; rounds: DirectRound[] }> {
  const phonePort = await freeUdpPort();
  // (the phone answers at once and talks while the caller would be in the IVR too: its key comes at 1 s)
  const phones = runSipp({ scenario: 'operator.xml', host: HOST, port: phonePort, mediaPort: await freeUdpPort(), pauseMs: o.talkMs + IVR_MS, recvTimeoutMs: 30_000, timeoutSeconds: 24 * 3600 });
  const rounds: DirectRound[] = [];
  let best: DirectRound | undefined;
  try {
    await sleep(300);
    for (const rate of o.rates) {
      const before: SippFigures = phones.now();
      const calls = Math.round(rate * o.seconds);
      const run = runSipp({
        scenario: 'caller.xml',
        host: HOST,
        port: await freeUdpPort(),
        mediaPort: await freeUdpPort(),
        remote: `${HOST}:${phonePort}`,
        service: 'direct',
        rate,
        calls,
        recvTimeoutMs: 30_000,
        timeoutSeconds: o.seconds + 60,
        rtt: true,
      });
      const r = await run.done;
      await sleep(1500);
      const phonesFailed = phones.now().failed - before.failed;
      const failed = Math.max(r.figures.failed, calls - r.figures.created) + phonesFailed;
      const ms = r.setups.map((s) => s.ms).sort((a, b) => a - b);
      const round: DirectRound = { rate, calls: r.figures.created, achievedCps: achieved(r.setups), failed, setupP99Ms: percentile(ms, 99) };
      rounds.push(round);
      const kept = round.achievedCps >= KEPT * rate;
      const why = [
        ...(r.figures.failed ? [`callers: ${Object.entries(r.figures.failures).map(([k, v]) => `${k} ${v}`)}`] : []),
        ...(phonesFailed ? [`phones: ${phonesFailed}`] : []),
        ...(calls > r.figures.created ? [`SIPp made ${r.figures.created} of ${calls} calls: ${r.errors.slice(0, 300)}`] : []),
      ];
      log(
        `  ${String(rate).padStart(5)} calls/s × ${o.seconds} s: ${round.calls} calls, ${round.achievedCps} set up/s, setup p99 ${round.setupP99Ms} ms, ${failed} failed${why.length ? ` (${why.join('; ')})` : ''}${kept ? '' : ' (SIPp did not keep the rate)'}`,
      );
      if (failed || !kept) break;
      best = round;
    }
  } finally {
    phones.stop();
    await phones.done;
  }
  return { best, rounds };
}

export interface RelayResult {
  /** Calls SIPp's caller held at once (its statistics, every second). */
  peakCalls: number;
  failed: number;
  /** rtpengine's relayed packets per second at the most, and per call held then. */
  peakPacketRate: number;
  why: string[];
}

const sdp = (port: number) =>
  ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 8`, 'a=rtpmap:8 PCMA/8000', 'a=ptime:20', 'a=sendrecv', ''].join('\r\n');
const audioPort = (s: string) => Number(/^m=audio (\d+)/m.exec(s)?.[1]);

/** `target` calls at `rate`, each streaming audio through rtpengine for `holdSeconds`. */
export async function relayOnly(rtpengine: Rtpengine, o: { target: number; rate: number; holdSeconds: number }): Promise<RelayResult> {
  const callerMedia = await freeUdpPort();
  const phoneMedia = await freeUdpPort();
  const phonePort = await freeUdpPort();
  const flags: ('trust address' | 'port latching')[] = ['trust address', 'port latching'];
  // Each call anchored as the edge anchors a caller and a phone: offer with the caller's SDP, answer with the phone's.
  const lines: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < o.target; i += 50) {
    const batch = Array.from({ length: Math.min(50, o.target - i) }, (_, k) => `bench-relay-${i + k}-${Date.now()}`);
    const ports = await Promise.all(
      batch.map(async (callId) => {
        const toPhone = await rtpengine.offer({ callId, fromTag: 'caller', sdp: sdp(callerMedia), flags, replace: ['origin', 'session connection'], ice: 'remove' });
        const toCaller = await rtpengine.answer({ callId, fromTag: 'caller', toTag: 'phone', sdp: sdp(phoneMedia), flags, replace: ['origin', 'session connection'], ice: 'remove' });
        return `${audioPort(toPhone.sdp)};${audioPort(toCaller.sdp)}`;
      }),
    );
    lines.push(...ports);
    ids.push(...batch);
  }
  const rampSeconds = o.target / o.rate;
  const timeoutSeconds = Math.ceil(rampSeconds + o.holdSeconds + 120);
  const phone = runSipp({ scenario: 'relay-phone.xml', host: HOST, port: phonePort, mediaPort: phoneMedia, recvTimeoutMs: 60_000, timeoutSeconds: 24 * 3600 });
  try {
    await sleep(300);
    const caller = runSipp({
      scenario: 'relay-caller.xml',
      host: HOST,
      port: await freeUdpPort(),
      mediaPort: callerMedia,
      remote: `${HOST}:${phonePort}`,
      service: 'relay',
      rate: o.rate,
      calls: o.target,
      pauseMs: o.holdSeconds * 1000,
      inf: 'relay.csv',
      files: { 'relay.csv': Buffer.from(`SEQUENTIAL\n${lines.join('\n')}\n`), 'relay-audio.alaw': Buffer.alloc(8000, 0xd5) },
      recvTimeoutMs: 30_000,
      timeoutSeconds,
    });
    let peakPacketRate = 0;
    let over = false;
    const watching = (async () => {
      while (!over) {
        try {
          peakPacketRate = Math.max(peakPacketRate, (await rtpengine.statistics()).rates.packets);
        } catch {
          // (missed: the next one counts)
        }
        await sleep(500);
      }
    })();
    const r = await caller.done;
    over = true;
    await watching;
    await sleep(1500);
    const phoneFailed = phone.now().failed;
    const why = [
      ...(r.figures.failed ? [`callers: ${r.figures.failed} failed (${Object.entries(r.figures.failures).map(([k, v]) => `${k} ${v}`)})`] : []),
      ...(phoneFailed ? [`phones: ${phoneFailed} failed`] : []),
      ...(r.figures.created !== o.target ? [`SIPp made ${r.figures.created} of ${o.target} calls: ${r.errors.slice(0, 300)}`] : []),
      // (50 packets a second each; a relay that falls behind shows here)
      ...(peakPacketRate < 0.8 * 50 * r.figures.peakCalls ? [`rtpengine relayed ${peakPacketRate} packets/s at the most for ${r.figures.peakCalls} calls`] : []),
    ];
    return {
      peakCalls: r.figures.peakCalls,
      failed: Math.max(r.figures.failed, o.target - r.figures.created) + phoneFailed + (why.length && !r.figures.failed && !phoneFailed ? 1 : 0),
      peakPacketRate,
      why,
    };
  } finally {
    phone.stop();
    await phone.done;
    for (let i = 0; i < ids.length; i += 100) await Promise.all(ids.slice(i, i + 100).map((callId) => rtpengine.delete({ callId, fromTag: 'caller' }).catch(() => undefined)));
  }
}
