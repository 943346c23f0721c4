import { describe, expect, it } from 'vitest';
import { label, recorder, request, response } from '../../../../test/support/sip-messages.ts';
import { header } from '../message.ts';
import { ManualClock } from './clock.ts';
import { ServerInviteTransaction } from './server-invite.ts';
import { timerConfig, timersFor } from './timers.ts';

function setup(reliable = false, trying = 200) {
  const clock = new ManualClock();
  const rec = recorder(clock);
  const invite = request('INVITE');
  const tx = new ServerInviteTransaction(invite, { clock, timers: timersFor(timerConfig({ trying }), reliable), send: rec.send });
  const events: string[] = [];
  tx.on('ack', () => events.push(`ack @${clock.now()}`));
  tx.on('cancelled', () => events.push(`cancelled @${clock.now()}`));
  tx.on('timeout', () => events.push(`timeout @${clock.now()}`));
  tx.on('terminated', () => events.push(`terminated @${clock.now()}`));
  tx.start();
  const sent = () => rec.sent.map((s) => `${label(s.message)}@${s.at}`);
  return { clock, rec, invite, tx, events, sent };
}

describe('server INVITE transaction (§17.2.1)', () => {
  it('sends 100 Trying when the TU has not answered within 200 ms, with the request’s Via, From, To, Call-ID and CSeq', () => {
    const { clock, rec, invite, sent } = setup();
    clock.advance(1000);
    expect(sent()).toEqual(['100@200']);
    const trying = rec.sent[0]!.message;
    for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) expect(header(trying, name)).toBe(header(invite, name));
  });

  it('sends no 100 Trying when the TU answers within 200 ms; a retransmitted INVITE gets the latest provisional again', () => {
    const { clock, tx, invite, sent } = setup();
    clock.advance(50);
    tx.respond(response(invite, 180, 't1'));
    clock.advance(1000);
    tx.receive(invite);
    expect(sent()).toEqual(['180@50', '180@1050']);
  });

  it('answers a retransmitted INVITE with 100 Trying at once when nothing was sent yet', () => {
    const { clock, tx, invite, sent } = setup();
    clock.advance(100);
    tx.receive(invite);
    clock.advance(1000);
    expect(sent()).toEqual(['100@100']);
  });

  it('with trying = 0 sends 100 Trying at once', () => {
    const { sent } = setup(false, 0);
    expect(sent()).toEqual(['100@0']);
  });

  it('over UDP retransmits a non-2xx final at T1 doubling up to T2 until Timer H (10 retransmissions), then tells the TU', () => {
    const { clock, tx, invite, rec, events } = setup();
    clock.advance(100);
    tx.respond(response(invite, 486, 't1'));
    clock.advance(60_000);
    const finals = rec.sent.filter((s) => label(s.message) === '486').map((s) => s.at - 100);
    expect(finals).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    expect(events).toEqual(['timeout @32100', 'terminated @32100']);
  });

  it('answers a retransmitted INVITE in Completed with the final response', () => {
    const { clock, tx, invite, sent } = setup(true);
    tx.respond(response(invite, 404, 't1'));
    clock.advance(10);
    tx.receive(invite);
    expect(sent()).toEqual(['404@0', '404@10']);
  });

  it('on the ACK stops retransmitting, tells the TU once, absorbs later ACKs, and ends after Timer I (T4)', () => {
    const { clock, tx, invite, sent, events } = setup();
    tx.respond(response(invite, 486, 't1'));
    clock.advance(600);
    const ack = request('ACK', { toTag: 't1' });
    tx.receive(ack);
    clock.advance(1000);
    tx.receive(ack);
    clock.advance(10_000);
    expect(sent()).toEqual(['486@0', '486@500']);
    expect(events).toEqual(['ack @600', 'terminated @5600']);
  });

  it('over TCP sends the final once, still waits Timer H for the ACK, and ends at the ACK (I = 0)', () => {
    const a = setup(true);
    a.tx.respond(response(a.invite, 486, 't1'));
    a.clock.advance(60_000);
    expect(a.sent()).toEqual(['486@0']);
    expect(a.events).toEqual(['timeout @32000', 'terminated @32000']);
    const b = setup(true);
    b.tx.respond(response(b.invite, 486, 't1'));
    b.tx.receive(request('ACK', { toTag: 't1' }));
    b.clock.advance(0);
    expect(b.events).toEqual(['ack @0', 'terminated @0']);
  });

  it('after a 2xx (Accepted, RFC 6026) absorbs a retransmitted INVITE, sends the TU’s 2xx retransmissions, refuses other responses, and ends after Timer L', () => {
    const { clock, tx, invite, sent, events } = setup();
    const ok = response(invite, 200, 't1');
    expect(tx.respond(ok)).toBe(true);
    clock.advance(300);
    tx.receive(invite);
    expect(tx.respond(ok)).toBe(true);
    expect(tx.respond(response(invite, 486, 't1'))).toBe(false);
    clock.advance(40_000);
    expect(sent()).toEqual(['200@0', '200@300']);
    expect(events).toEqual(['terminated @32000']);
    expect(tx.respond(ok)).toBe(false);
  });

  it('tells the TU of a CANCEL only while no final response has gone, and keeps its To tag for the CANCEL’s 200', () => {
    const { tx, invite, events } = setup();
    tx.respond(response(invite, 180, 'uas-7'));
    tx.cancel(request('CANCEL'));
    expect(tx.toTag).toBe('uas-7');
    tx.respond(response(invite, 487, 'uas-7'));
    tx.cancel(request('CANCEL'));
    expect(events).toEqual(['cancelled @0']);
  });
});
