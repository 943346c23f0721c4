import { describe, expect, it } from 'vitest';
import { audioSdp } from '../../../test/support/rtp.ts';
import { answerDirection, answerFitting, directionOf } from './sdp-direction.ts';

const withDirection = (sdp: string, d: string) => sdp.replace('a=sendrecv', `a=${d}`);

describe('media direction in SDP', () => {
  it('reads the first audio stream’s attribute, else the session’s, else sendrecv', () => {
    expect(directionOf(audioSdp(4000, 1))).toBe('sendrecv');
    expect(directionOf(withDirection(audioSdp(4000, 1), 'sendonly'))).toBe('sendonly');
    expect(directionOf('v=0\r\ns=-\r\na=inactive\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n')).toBe('inactive');
    expect(directionOf('v=0\r\ns=-\r\na=inactive\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\na=recvonly\r\n')).toBe('recvonly');
    expect(directionOf('v=0\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n')).toBe('sendrecv');
  });

  it('answers as RFC 3264 §6.1 allows: a hold (sendonly) recvonly, recvonly sendonly, inactive inactive, and never more than the answerer wants', () => {
    expect(answerDirection('sendrecv', 'sendrecv')).toBe('sendrecv');
    expect(answerDirection('sendonly', 'sendrecv')).toBe('recvonly');
    expect(answerDirection('recvonly', 'sendrecv')).toBe('sendonly');
    expect(answerDirection('inactive', 'sendrecv')).toBe('inactive');
    expect(answerDirection('sendrecv', 'sendonly')).toBe('sendonly');
    expect(answerDirection('sendonly', 'sendonly')).toBe('inactive');
    expect(answerDirection('sendrecv', 'inactive')).toBe('inactive');
  });

  it('makes the other side’s current SDP an answer that fits the offer: unchanged when it does, else its direction replaced on each stream', () => {
    const current = audioSdp(5000, 2);
    expect(answerFitting(audioSdp(4000, 1), current)).toBe(current);
    const hold = answerFitting(withDirection(audioSdp(4000, 1), 'sendonly'), current);
    expect(directionOf(hold)).toBe('recvonly');
    expect(hold.match(/^a=(sendrecv|sendonly|recvonly|inactive)\r$/gm)).toEqual(['a=recvonly\r']);
    expect(hold.replace('a=recvonly\r\n', '')).toBe(current.replace('a=sendrecv\r\n', ''));
    const two = answerFitting('v=0\r\nm=audio 1 RTP/AVP 8\r\na=inactive\r\n', 'v=0\r\na=sendrecv\r\nm=audio 2 RTP/AVP 8\r\nm=video 3 RTP/AVP 96\r\na=sendonly\r\n');
    expect(two).toBe('v=0\r\nm=audio 2 RTP/AVP 8\r\na=inactive\r\nm=video 3 RTP/AVP 96\r\na=inactive\r\n');
  });
});
