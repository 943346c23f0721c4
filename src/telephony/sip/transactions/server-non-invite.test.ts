import { describe, expect, it } from 'vitest';
import { label, recorder, request, response } from '../../../../test/support/sip-messages.ts';
import { ManualClock } from './clock.ts';
import { ServerNonInviteTransaction } from './server-non-invite.ts';
import { timerConfig, timersFor } from './timers.ts';

function setup(reliable = false) {
  const clock = new ManualClock();
  const rec = recorder(clock);
  const options = request('OPTIONS');
  const tx = new ServerNonInviteTransaction(options, { clock, timers: timersFor(timerConfig(), reliable), send: rec.send });
  const events: string[] = [];
  tx.on('terminated', () => events.push(`terminated @${clock.now()}`));
  tx.start();
  const sent = () => rec.sent.map((s) => `${label(s.message)}@${s.at}`);
  return { clock, options, tx, events, sent };
}

describe('server non-INVITE transaction (§17.2.2)', () => {
  it('absorbs retransmissions while Trying, repeats the provisional while Proceeding and the final while Completed', () => {
    const { clock, tx, options, sent } = setup();
    tx.receive(options);
    clock.advance(100);
    tx.respond(response(options, 100));
    clock.advance(100);
    tx.receive(options);
    clock.advance(100);
    tx.respond(response(options, 200, 't'));
    clock.advance(100);
    tx.receive(options);
    expect(sent()).toEqual(['100@100', '100@200', '200@300', '200@400']);
  });

  it('refuses a second final response', () => {
    const { tx, options, sent } = setup();
    expect(tx.respond(response(options, 200, 't'))).toBe(true);
    expect(tx.respond(response(options, 500, 't'))).toBe(false);
    expect(sent()).toEqual(['200@0']);
    expect(tx.finalResponse?.status).toBe(200);
  });

  it('ends after Timer J: 64*T1 over UDP, at once over TCP', () => {
    const udp = setup();
    udp.clock.advance(50);
    udp.tx.respond(response(udp.options, 200, 't'));
    udp.clock.advance(60_000);
    expect(udp.events).toEqual(['terminated @32050']);
    const tcp = setup(true);
    tcp.tx.respond(response(tcp.options, 200, 't'));
    tcp.clock.advance(0);
    expect(tcp.events).toEqual(['terminated @0']);
  });

  it('waits for the TU without a timer of its own while it has not answered', () => {
    const { clock, tx } = setup();
    clock.advance(600_000);
    expect(tx.state).toBe('trying');
    expect(clock.size).toBe(0);
  });
});
