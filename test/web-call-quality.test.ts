// The workstation's call quality figures: what a stats report gives, and the MOS estimate's shape
// (a clean LAN line near the top of G.711's scale, loss and delay bringing it down as G.107 does).
import { describe, expect, it } from 'vitest';
import { callQuality, mosEstimate, sampleOf } from '../web/operator/call-quality.ts';

const report = (rows: Record<string, unknown>[]) => new Map(rows.map((r, i) => [String(i), r])) as unknown as RTCStatsReport;

describe('call quality', () => {
  it('reads the audio figures of a stats report, the remote round trip before the candidate pair’s', () => {
    const s = sampleOf(
      report([
        { type: 'inbound-rtp', kind: 'audio', packetsReceived: 500, packetsLost: 5, jitter: 0.012, bytesReceived: 86000 },
        { type: 'inbound-rtp', kind: 'video', packetsReceived: 9999, packetsLost: 999, jitter: 1, bytesReceived: 1 },
        { type: 'outbound-rtp', kind: 'audio', bytesSent: 85000 },
        { type: 'candidate-pair', nominated: true, currentRoundTripTime: 0.2 },
        { type: 'remote-inbound-rtp', roundTripTime: 0.04 },
      ]),
    );
    expect(s).toEqual({ packetsReceived: 500, packetsLost: 5, jitter: 0.012, rtt: 0.04, bytesReceived: 86000, bytesSent: 85000 });
    expect(sampleOf(report([{ type: 'candidate-pair', nominated: true, currentRoundTripTime: 0.2 }])).rtt).toBe(0.2);
    expect(sampleOf(report([])).rtt).toBeUndefined();
  });

  it('estimates MOS: a clean line near 4.4, loss and delay lower it, never out of 1–4.5', () => {
    const clean = mosEstimate({ rttMs: 20, jitterMs: 2, lossPct: 0 });
    expect(clean).toBeGreaterThan(4.3);
    expect(clean).toBeLessThanOrEqual(4.5);
    const lossy = mosEstimate({ rttMs: 20, jitterMs: 2, lossPct: 5 });
    expect(lossy).toBeLessThan(clean);
    expect(lossy).toBeLessThan(4);
    expect(mosEstimate({ rttMs: 20, jitterMs: 2, lossPct: 15 })).toBeLessThan(3.2);
    expect(mosEstimate({ rttMs: 600, jitterMs: 2, lossPct: 0 })).toBeLessThan(mosEstimate({ rttMs: 300, jitterMs: 2, lossPct: 0 }));
    expect(mosEstimate({ rttMs: 5000, jitterMs: 500, lossPct: 100 })).toBe(1);
  });

  it('folds the last reading into the wrap-up’s figures: milliseconds, no negative loss', () => {
    const q = callQuality({ packetsReceived: 1000, packetsLost: -2, jitter: 0.0034, rtt: undefined, bytesReceived: 172000, bytesSent: 171000 }, 20.04);
    expect(q).toEqual({ mos: q.mos, packetsReceived: 1000, packetsLost: 0, jitterMs: 3.4, rttMs: null, bytesReceived: 172000, bytesSent: 171000, durationSeconds: 20 });
    expect(q.mos).toBeGreaterThan(4.3);
  });
});
