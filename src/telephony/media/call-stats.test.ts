import { describe, expect, it } from 'vitest';
import { readCallStats } from './call-stats.ts';
import type { NgDict } from './ng-message.ts';

const stream = (flags: string[], packets: number, bytes: number, extra: NgDict = {}): NgDict => ({
  flags,
  stats: { packets, bytes, errors: 0 },
  'last packet': 1402064124,
  ...extra,
});

// The shape of a query reply (rtpengine's documentation, trimmed), one tag per participant.
const reply: NgDict = {
  result: 'ok',
  created: 1402064111,
  totals: { RTP: { packets: 705, bytes: 100287, errors: 0 }, RTCP: { packets: 22, bytes: 2244, errors: 0 } },
  tags: {
    cs6kn1rloc: {
      tag: 'cs6kn1rloc',
      label: 'caller',
      medias: [
        {
          index: 1,
          type: 'audio',
          codec: 'PCMA',
          streams: [
            stream(['RTP', 'filled', 'confirmed'], 343, 56950, { 'local port': 30018, endpoint: { family: 'IPv4', address: '10.0.0.7', port: 57370 } }),
            stream(['RTCP', 'filled'], 2, 164, { 'local port': 30019 }),
          ],
        },
      ],
    },
    '0f0d2e18': {
      tag: '0f0d2e18',
      medias: [{ index: 1, type: 'audio', streams: [stream(['RTP'], 362, 43337, { 'local port': 30016 }), stream(['RTCP'], 20, 2080)] }],
    },
  },
};

describe('readCallStats', () => {
  it('reads each participant: what rtpengine received from it, its port, endpoint and codec', () => {
    const s = readCallStats(reply)!;
    expect(s.createdAt).toBe(1402064111);
    expect(s.totals).toEqual({ rtp: { packets: 705, bytes: 100287, errors: 0 }, rtcp: { packets: 22, bytes: 2244, errors: 0 } });
    expect(s.legs).toEqual([
      {
        tag: 'cs6kn1rloc',
        label: 'caller',
        rtp: { packets: 343, bytes: 56950, errors: 0 },
        rtcp: { packets: 2, bytes: 164, errors: 0 },
        localPort: 30018,
        endpoint: { address: '10.0.0.7', port: 57370 },
        codec: 'PCMA',
        lastPacketAt: 1402064124,
      },
      { tag: '0f0d2e18', rtp: { packets: 362, bytes: 43337, errors: 0 }, rtcp: { packets: 20, bytes: 2080, errors: 0 }, localPort: 30016, lastPacketAt: 1402064124 },
    ]);
  });

  it('has nothing to say about a reply without figures (a delete of an unknown call)', () => {
    expect(readCallStats({ result: 'ok', warning: "Call-ID not found or tags didn't match" })).toBeUndefined();
  });

  it('survives missing and odd fields (a participant that never sent, numbers as strings)', () => {
    const s = readCallStats({ result: 'ok', created: '17', tags: { x: { medias: [{ streams: [{ flags: ['RTP'] }] }] }, y: 'odd' } })!;
    expect(s.createdAt).toBe(17);
    expect(s.legs).toEqual([{ tag: 'x', rtp: { packets: 0, bytes: 0, errors: 0 }, rtcp: { packets: 0, bytes: 0, errors: 0 }, lastPacketAt: 0 }]);
  });
});
