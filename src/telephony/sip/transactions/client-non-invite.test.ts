import { describe, expect, it } from 'vitest';
import { recorder, request, response } from '../../../../test/support/sip-messages.ts';
import { ClientNonInviteTransaction } from './client-non-invite.ts';
import { ManualClock } from './clock.ts';
import { timerConfig, timersFor } from './timers.ts';

function setup(reliable = false) {
  const clock = new ManualClock();
  const rec = recorder(clock);
  const bye = request('BYE', { toTag: 'to-1' });
  const tx = new ClientNonInviteTransaction(bye, { clock, timers: timersFor(timerConfig(), reliable), send: rec.send });
  const events: string[] = [];
  tx.on('provisional', (r) => events.push(`provisional ${r.status} @${clock.now()}`));
  tx.on('final', (r) => events.push(`final ${r.status} @${clock.now()}`));
  tx.on('timeout', () => events.push(`timeout @${clock.now()}`));
  tx.on('terminated', () => events.push(`terminated @${clock.now()}`));
  tx.start();
  return { clock, rec, bye, tx, events };
}

describe('client non-INVITE transaction (§17.1.2)', () => {
  it('over UDP retransmits at T1, doubling up to T2 (0.5, 1.5, 3.5, 7.5, 11.5 … 31.5 s), and times out at Timer F', () => {
    const { clock, rec, events } = setup();
    clock.advance(60_000);
    expect(rec.times()).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    expect(events).toEqual(['timeout @32000', 'terminated @32000']);
  });

  it('after a 1xx retransmits every T2', () => {
    const { clock, rec, events, tx, bye } = setup();
    clock.advance(600);
    tx.receive(response(bye, 100));
    clock.advance(60_000);
    expect(rec.times()).toEqual([0, 500, 1500, 5500, 9500, 13500, 17500, 21500, 25500, 29500]);
    expect(events).toEqual(['provisional 100 @600', 'timeout @32000', 'terminated @32000']);
  });

  it('passes the final response once, absorbs its copies for Timer K (T4), and ends', () => {
    const { clock, rec, events, tx, bye } = setup();
    clock.advance(200);
    const ok = response(bye, 200);
    tx.receive(ok);
    clock.advance(1000);
    tx.receive(ok);
    clock.advance(10_000);
    expect(rec.times()).toEqual([0]);
    expect(events).toEqual(['final 200 @200', 'terminated @5200']);
  });

  it('over TCP sends once, ends at once after the final response (K = 0), and still has Timer F', () => {
    const a = setup(true);
    a.tx.receive(response(a.bye, 481));
    a.clock.advance(0);
    expect(a.events).toEqual(['final 481 @0', 'terminated @0']);
    const b = setup(true);
    b.clock.advance(60_000);
    expect(b.rec.times()).toEqual([0]);
    expect(b.events).toEqual(['timeout @32000', 'terminated @32000']);
  });
});
