import { describe, expect, it } from 'vitest';
import { label, recorder, request, response } from '../../../../test/support/sip-messages.ts';
import { header, headers } from '../message.ts';
import type { SipRequest } from '../message.ts';
import { ClientInviteTransaction } from './client-invite.ts';
import { ManualClock } from './clock.ts';
import { timerConfig, timersFor } from './timers.ts';

function setup(reliable = false, t1 = 500) {
  const clock = new ManualClock();
  const rec = recorder(clock);
  const invite = request('INVITE', { extra: [{ name: 'Route', value: '<sip:proxy.example.com;lr>' }] });
  const tx = new ClientInviteTransaction(invite, { clock, timers: timersFor(timerConfig({ t1 }), reliable), send: rec.send });
  const events: string[] = [];
  tx.on('provisional', (r) => events.push(`provisional ${r.status} @${clock.now()}`));
  tx.on('final', (r) => events.push(`final ${r.status} @${clock.now()}`));
  tx.on('timeout', () => events.push(`timeout @${clock.now()}`));
  tx.on('transportError', (e) => events.push(`transportError ${e.message}`));
  tx.on('terminated', () => events.push(`terminated @${clock.now()}`));
  tx.start();
  return { clock, rec, invite, tx, events };
}

describe('client INVITE transaction (§17.1.1)', () => {
  it('over UDP retransmits at 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s, then times out at Timer B = 64*T1', () => {
    const { clock, rec, events, tx } = setup();
    clock.advance(60_000);
    expect(rec.times()).toEqual([0, 500, 1500, 3500, 7500, 15500, 31500]);
    expect(rec.sent.every((s) => label(s.message) === 'INVITE')).toBe(true);
    expect(events).toEqual(['timeout @32000', 'terminated @32000']);
    expect(tx.state).toBe('terminated');
  });

  it('follows a configured T1', () => {
    const { clock, rec, events } = setup(false, 100);
    clock.advance(10_000);
    expect(rec.times()).toEqual([0, 100, 300, 700, 1500, 3100, 6300]);
    expect(events).toEqual(['timeout @6400', 'terminated @6400']);
  });

  it('over TCP sends once and still times out by Timer B', () => {
    const { clock, rec, events } = setup(true);
    clock.advance(60_000);
    expect(rec.times()).toEqual([0]);
    expect(events).toEqual(['timeout @32000', 'terminated @32000']);
  });

  it('stops retransmitting on a 1xx and then waits for the final response as long as the TU does (no Timer B)', () => {
    const { clock, rec, events, tx, invite } = setup();
    clock.advance(600);
    tx.receive(response(invite, 100));
    tx.receive(response(invite, 180, 'to-1'));
    clock.advance(300_000);
    expect(rec.times()).toEqual([0, 500]);
    expect(events).toEqual(['provisional 100 @600', 'provisional 180 @600']);
    expect(tx.state).toBe('proceeding');
  });

  it('ACKs a non-2xx final itself (§17.1.1.3), ACKs its retransmissions again without telling the TU, and ends after Timer D', () => {
    const { clock, rec, events, tx, invite } = setup();
    clock.advance(100);
    const busy = response(invite, 486, 'uas-tag');
    tx.receive(busy);
    expect(rec.sent.map((s) => label(s.message))).toEqual(['INVITE', 'ACK']);
    const ack = rec.sent[1]!.message as SipRequest;
    expect(ack.uri).toBe(invite.uri);
    expect(headers(ack, 'Via')).toEqual([header(invite, 'Via')]);
    expect(header(ack, 'To')).toBe(header(busy, 'To'));
    expect(header(ack, 'From')).toBe(header(invite, 'From'));
    expect(header(ack, 'Call-ID')).toBe(header(invite, 'Call-ID'));
    expect(header(ack, 'CSeq')).toBe('1 ACK');
    expect(headers(ack, 'Route')).toEqual(['<sip:proxy.example.com;lr>']);
    clock.advance(1000);
    tx.receive(busy);
    expect(rec.sent.map((s) => `${label(s.message)}@${s.at}`)).toEqual(['INVITE@0', 'ACK@100', 'ACK@1100']);
    clock.advance(40_000);
    expect(events).toEqual(['final 486 @100', 'terminated @32100']);
  });

  it('over TCP ends at once after ACKing a non-2xx (Timer D = 0)', () => {
    const { clock, events, tx, invite } = setup(true);
    tx.receive(response(invite, 603, 't'));
    clock.advance(0);
    expect(events).toEqual(['final 603 @0', 'terminated @0']);
  });

  it('passes a 2xx to the TU without ACKing it, and every later 2xx until Timer M (RFC 6026)', () => {
    const { clock, rec, events, tx, invite } = setup();
    clock.advance(700);
    const ok = response(invite, 200, 'uas-tag');
    tx.receive(ok);
    clock.advance(1000);
    tx.receive(ok);
    tx.receive(response(invite, 180, 'uas-tag'));
    clock.advance(40_000);
    tx.receive(ok);
    expect(rec.sent.map((s) => label(s.message))).toEqual(['INVITE', 'INVITE']);
    expect(events).toEqual(['final 200 @700', 'final 200 @1700', 'terminated @32700']);
  });

  it('tells the TU of a transport error while it waits, and ends', async () => {
    const clock = new ManualClock();
    const rec = recorder(clock);
    rec.fail(new Error('connection refused'));
    const tx = new ClientInviteTransaction(request('INVITE'), { clock, timers: timersFor(timerConfig(), true), send: rec.send });
    const events: string[] = [];
    tx.on('transportError', (e) => events.push(e.message));
    tx.on('terminated', () => events.push('terminated'));
    tx.start();
    await Promise.resolve();
    await Promise.resolve();
    expect(events).toEqual(['connection refused', 'terminated']);
    expect(clock.size).toBe(0);
  });
});
