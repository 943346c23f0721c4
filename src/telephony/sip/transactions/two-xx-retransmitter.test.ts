import { describe, expect, it } from 'vitest';
import { request, response } from '../../../../test/support/sip-messages.ts';
import { ManualClock } from './clock.ts';
import { timerConfig } from './timers.ts';
import { TwoXxRetransmitter } from './two-xx-retransmitter.ts';

function setup() {
  const clock = new ManualClock();
  const retransmitter = new TwoXxRetransmitter(clock, timerConfig());
  const sent: number[] = [];
  const events: string[] = [];
  const ok = response(request('INVITE', { cseq: 5 }), 200, 'uas-1');
  retransmitter.start(
    ok,
    () => sent.push(clock.now()),
    () => events.push(`no ack @${clock.now()}`),
  );
  return { clock, retransmitter, sent, events };
}

describe('2xx retransmission by the UAS core (§13.3.1.4)', () => {
  it('sends the 2xx again at T1 doubling up to T2 and gives up at 64*T1, telling the TU', () => {
    const { clock, sent, events, retransmitter } = setup();
    clock.advance(60_000);
    expect(sent).toEqual([500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    expect(events).toEqual(['no ack @32000']);
    expect(retransmitter.size).toBe(0);
  });

  it('stops at the ACK with the same Call-ID, CSeq number and tags', () => {
    const { clock, sent, events, retransmitter } = setup();
    clock.advance(2000);
    expect(retransmitter.ack(request('ACK', { cseq: 4, toTag: 'uas-1', branch: 'z9hG4bK-ack' }))).toBe(false);
    expect(retransmitter.ack(request('ACK', { cseq: 5, toTag: 'other', branch: 'z9hG4bK-ack' }))).toBe(false);
    expect(retransmitter.ack(request('ACK', { cseq: 5, toTag: 'uas-1', branch: 'z9hG4bK-ack' }))).toBe(true);
    clock.advance(60_000);
    expect(sent).toEqual([500, 1500]);
    expect(events).toEqual([]);
    expect(clock.size).toBe(0);
  });
});
