import { describe, expect, it } from 'vitest';
import { audioSdp } from '../../../test/support/rtp.ts';
import { audioPort, mediaSummary, placeholderAnswer } from './runner-media.ts';

describe('the media of a call', () => {
  it('answers the caller’s offer from nobody: its audio formats, at the discard port', () => {
    const answer = placeholderAnswer(audioSdp(40000, 1));
    expect(answer).toMatch(/^m=audio 9 RTP\/AVP 8 0 101\r$/m);
    expect(answer).toMatch(/^a=rtpmap:8 PCMA\/8000\r$/m);
    expect(answer).toMatch(/^a=fmtp:101 0-16\r$/m);
    expect(answer).toMatch(/^c=IN IP4 127.0.0.1\r$/m);
    expect(audioPort(answer)).toBe(9);
    // formats the offer does not list are not answered
    expect(placeholderAnswer('v=0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n')).not.toMatch(/PCMA/);
  });

  it('sums rtpengine’s figures each way: the caller’s tag against everyone else’s', () => {
    const leg = (tag: string, packets: number) => ({ tag, rtp: { packets, bytes: packets * 172, errors: 0 }, rtcp: { packets: 0, bytes: 0, errors: 0 }, lastPacketAt: 0 });
    const stats = {
      createdAt: 0,
      totals: { rtp: { packets: 0, bytes: 0, errors: 2 }, rtcp: { packets: 0, bytes: 0, errors: 0 } },
      legs: [leg('caller', 10), leg('edge-ivr', 0), leg('operator-1', 7)],
    };
    expect(mediaSummary(stats, 'caller')).toEqual({ callerToOperator: { packets: 10, bytes: 1720 }, operatorToCaller: { packets: 7, bytes: 1204 }, errors: 2 });
  });
});
