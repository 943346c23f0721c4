// The line's quality as the operator's browser measured it: WebRTC statistics read during the call
// folded into the figures sent with the wrap-up, and a MOS estimate from them by the ITU-T G.107
// E-model, simplified as VoIP monitors do (G.711 with packet-loss concealment, which WebRTC's
// jitter buffer does).
import type { Schema } from '../shared/api-types.ts';

/** What goes with the wrap-up (POST …/wrap-up, `quality`). */
export type CallQuality = Schema<'CallQualityInput'>;

/** One reading of RTCPeerConnection.getStats(), the parts that matter. */
export interface StatsSample {
  packetsReceived: number;
  packetsLost: number;
  /** Seconds, as the inbound-rtp report gives it. */
  jitter: number;
  /** Seconds, from remote-inbound-rtp or the selected candidate pair; undefined when not measured yet. */
  rtt: number | undefined;
  bytesReceived: number;
  bytesSent: number;
}

/** Reads the audio figures out of a stats report. */
export function sampleOf(report: RTCStatsReport): StatsSample {
  const s: StatsSample = { packetsReceived: 0, packetsLost: 0, jitter: 0, rtt: undefined, bytesReceived: 0, bytesSent: 0 };
  let pairRtt: number | undefined;
  report.forEach((r: Record<string, unknown>) => {
    const num = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : 0);
    if (r.type === 'inbound-rtp' && r.kind === 'audio') {
      s.packetsReceived += num('packetsReceived');
      s.packetsLost += num('packetsLost');
      s.jitter = Math.max(s.jitter, num('jitter'));
      s.bytesReceived += num('bytesReceived');
    } else if (r.type === 'outbound-rtp' && r.kind === 'audio') {
      s.bytesSent += num('bytesSent');
    } else if (r.type === 'remote-inbound-rtp' && typeof r.roundTripTime === 'number') {
      s.rtt = r.roundTripTime;
    } else if (r.type === 'candidate-pair' && r.nominated === true && typeof r.currentRoundTripTime === 'number') {
      pairRtt = r.currentRoundTripTime;
    }
  });
  s.rtt ??= pairRtt;
  return s;
}

/**
 * MOS (1–5) from one-way delay, jitter and loss. R = 93.2 − Id − Ie,eff; the delay counts half the
 * round trip, a jitter buffer of twice the jitter and 10 ms of packetisation; G.711's Ie is 0 and
 * its loss robustness Bpl 25.1 (with concealment, G.113 Appendix I).
 */
export function mosEstimate(f: { rttMs: number | null; jitterMs: number; lossPct: number }): number {
  const d = (f.rttMs ?? 0) / 2 + 2 * f.jitterMs + 10;
  const id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
  const loss = Math.min(100, Math.max(0, f.lossPct));
  const ie = (95 * loss) / (loss + 25.1);
  const r = 93.2 - id - ie;
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  const mos = 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
  return Math.round(Math.min(4.5, Math.max(1, mos)) * 100) / 100;
}

/** The figures of a call from its last reading (getStats counts from the start of the call). */
export function callQuality(last: StatsSample, durationSeconds: number): CallQuality {
  // (WebRTC may report negative loss when duplicates arrive: none lost then)
  const lost = Math.max(0, Math.round(last.packetsLost));
  const received = Math.max(0, Math.round(last.packetsReceived));
  const lossPct = received + lost > 0 ? (lost / (received + lost)) * 100 : 0;
  const rttMs = last.rtt === undefined ? null : Math.round(last.rtt * 10000) / 10;
  const jitterMs = Math.round(last.jitter * 10000) / 10;
  return {
    mos: mosEstimate({ rttMs, jitterMs, lossPct }),
    packetsReceived: received,
    packetsLost: lost,
    jitterMs,
    rttMs,
    bytesReceived: Math.max(0, Math.round(last.bytesReceived)),
    bytesSent: Math.max(0, Math.round(last.bytesSent)),
    durationSeconds: Math.max(0, Math.round(durationSeconds * 10) / 10),
  };
}
