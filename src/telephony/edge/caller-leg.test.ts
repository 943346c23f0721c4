// The caller leg against a scripted trunk over real sockets (UDP and TCP): ring, answer, ACK, CANCEL,
// BYE both ways, re-INVITE (and an overlapping one), INFO with DTMF, OPTIONS in the dialog.
import { afterEach, describe, expect, it } from 'vitest';
import { CALLER_EVENTS, EventLog, startEdge, trunkInvite } from '../../../test/support/sip-legs.ts';
import { request } from '../../../test/support/sip-messages.ts';
import { SDP_A, SDP_B, ScriptedPeer, answer, field } from '../../../test/support/sip-peer.ts';
import { Dialog } from '../sip/dialog.ts';
import { dialogAck, dialogRequest } from '../sip/dialog-requests.ts';
import { headers } from '../sip/message.ts';
import type { Peer, SipResponse } from '../sip/message.ts';
import { cancelFor } from '../sip/outbound.ts';
import type { CallerLegOptions } from './caller-leg.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function setup(protocol: Peer['transport'], leg: CallerLegOptions = {}) {
  const edge = await startEdge(protocol, { leg });
  const trunk = await ScriptedPeer.start(protocol);
  open.push(edge, trunk);
  return { edge, trunk };
}

/** The trunk dials; the edge's leg rings and answers with SDP_B; the trunk ACKs. */
async function connected(protocol: Peer['transport'], options: { extra?: { name: string; value: string }[]; leg?: CallerLegOptions } = {}) {
  const { edge, trunk } = await setup(protocol, options.leg);
  const sent = trunk.send(trunkInvite(trunk.address, { extra: options.extra, sdp: SDP_A }), edge.address);
  const leg = await edge.legs.next();
  const events = new EventLog(leg, CALLER_EVENTS);
  leg.ring();
  expect(leg.answer(SDP_B)).toBe(true);
  const ok = await sent.status(200);
  const dialog = Dialog.uac(sent.tx.request, ok);
  await trunk.stack.sendStateless(dialogAck(dialog, 1), edge.address);
  await events.next('confirmed');
  return { edge, trunk, sent, leg, events, ok, dialog };
}

describe.each(['udp', 'tcp'] as const)('CallerLeg over %s', (protocol) => {
  it('rings, then answers with its SDP, its Contact, the INVITE’s Record-Route and the same To tag; the ACK confirms it', async () => {
    const rr = { name: 'Record-Route', value: '<sip:127.0.0.1:9;lr>' };
    const { sent, leg, ok, edge } = await connected(protocol, { extra: [rr] });
    const ringing = await sent.status(180);
    expect(field(ringing, 'To')).toBe(field(ok, 'To'));
    expect(field(ok, 'To')).toMatch(new RegExp(`;tag=${leg.localTag}$`));
    expect(headers(ok, 'Record-Route')).toEqual(['<sip:127.0.0.1:9;lr>']);
    expect(field(ok, 'Contact')).toBe(`<${edge.core.contact(protocol)}>`);
    expect(field(ok, 'Contact')).toMatch(protocol === 'udp' ? /^<sip:127\.0\.0\.1:\d+>$/ : /^<sip:127\.0\.0\.1:\d+;transport=tcp>$/);
    expect(field(ok, 'Content-Type')).toBe('application/sdp');
    expect(ok.body.toString()).toBe(SDP_B);
    expect(headers(ok, 'Allow')).toContain('UPDATE');
    expect(headers(ok, 'Supported')).toContain('timer');
    expect(leg.state).toBe('confirmed');
    expect(leg.remoteSdp).toBe(SDP_A);
  });

  it('CANCEL before the answer: 487 to the INVITE, the leg ends cancelled, and it can no longer answer', async () => {
    const { edge, trunk } = await setup(protocol);
    const invite = trunk.send(trunkInvite(trunk.address), edge.address);
    const leg = await edge.legs.next();
    const events = new EventLog(leg, CALLER_EVENTS);
    leg.ring();
    await invite.status(180);
    const cancel = trunk.send(cancelFor(invite.tx.request), edge.address);
    expect((await cancel.final()).status).toBe(200);
    expect((await invite.final()).status).toBe(487);
    expect((await events.next('ended')).args[0]).toEqual({ reason: 'cancelled', by: 'remote' });
    expect(leg.answer(SDP_B)).toBe(false);
    expect(leg.state).toBe('ended');
  });

  it('BYE from the caller: 200, the leg ends (bye, remote), and the dialog is gone (481 after)', async () => {
    const { edge, trunk, events, dialog, leg } = await connected(protocol);
    const bye = trunk.send(dialogRequest(dialog, 'BYE'), edge.address);
    expect((await bye.final()).status).toBe(200);
    expect((await events.next('ended')).args[0]).toEqual({ reason: 'bye', by: 'remote' });
    expect(leg.state).toBe('ended');
    const info = trunk.send(dialogRequest(dialog, 'INFO'), edge.address);
    expect((await info.final()).status).toBe(481);
    expect(edge.core.size).toBe(0);
  });

  it('hangs up with a BYE to the trunk’s Contact, routed by the Record-Route it copied', async () => {
    const { trunk, leg, events } = await connected(protocol, { extra: [{ name: 'Record-Route', value: '<sip:127.0.0.1:9;lr>' }] });
    leg.hangup();
    expect((await events.next('ended')).args[0]).toEqual({ reason: 'hangup', by: 'local' });
    const bye = await trunk.next('BYE');
    expect(bye.request.uri).toBe(field(leg.invite, 'Contact')!.slice(1, -1));
    expect(headers(bye.request, 'Route')).toEqual(['<sip:127.0.0.1:9;lr>']);
    expect(field(bye.request, 'From')).toMatch(new RegExp(`;tag=${leg.localTag}$`));
    expect(field(bye.request, 'To')).toBe(field(leg.invite, 'From'));
    answer(bye, 200);
  });

  it('answers a re-INVITE (hold) with the current SDP, reports the offer, takes its ACK; an overlapping re-INVITE gets 500 with Retry-After', async () => {
    let release: (sdp: string) => void = () => {};
    const held = new Promise<string>((resolve) => (release = resolve));
    let asked: () => void = () => {};
    const answering = new Promise<void>((resolve) => (asked = resolve));
    const { edge, trunk, dialog, events } = await connected(protocol, {
      leg: {
        answerOffer: () => {
          asked();
          return held;
        },
      },
    });
    const hold = SDP_A.replace('m=audio', 'a=sendonly\r\nm=audio');
    const first = trunk.send(dialogRequest(dialog, 'INVITE', { body: { type: 'application/sdp', data: hold } }), edge.address);
    await answering;
    const second = trunk.send(dialogRequest(dialog, 'INVITE', { body: { type: 'application/sdp', data: hold } }), edge.address);
    const refused = await second.final();
    expect(refused.status).toBe(500);
    expect(Number(field(refused, 'Retry-After'))).toBeLessThanOrEqual(10);
    release('answer-sdp');
    const ok = (await first.final()) as SipResponse;
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).toBe('answer-sdp');
    expect((await events.next('offer')).args[0]).toBe(hold);
    await trunk.stack.sendStateless(dialogAck(dialog, dialog.localSeq! - 1), edge.address);
  });

  it('a refresh that offers the same SDP again (same o= line, same body) is answered with the current SDP, the answerer not asked; an UPDATE with new SDP asks it', async () => {
    const offers: string[] = [];
    const { edge, trunk, dialog, events } = await connected(protocol, {
      leg: {
        answerOffer: (offer) => {
          offers.push(offer);
          return `answer-${offers.length}`;
        },
      },
    });
    // (line endings as another stack writes them: the same SDP)
    const refresh = trunk.send(dialogRequest(dialog, 'INVITE', { body: { type: 'application/sdp', data: SDP_A.replace(/\r\n/g, '\n') } }), edge.address);
    const ok = await refresh.final();
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).toBe(SDP_B);
    await trunk.stack.sendStateless(dialogAck(dialog, dialog.localSeq!), edge.address);
    expect(offers).toEqual([]);

    const moved = SDP_A.replace('o=trunk 1 1', 'o=trunk 1 2').replace('m=audio 40000', 'm=audio 40002');
    const update = await trunk.send(dialogRequest(dialog, 'UPDATE', { body: { type: 'application/sdp', data: moved } }), edge.address).final();
    expect(update.status).toBe(200);
    expect(update.body.toString()).toBe('answer-1');
    expect(offers).toEqual([moved]);
    expect((await events.next('offer')).args[0]).toBe(moved);

    // The new SDP is now the one a refresh repeats.
    const again = await trunk.send(dialogRequest(dialog, 'UPDATE', { body: { type: 'application/sdp', data: moved } }), edge.address).final();
    expect(again.body.toString()).toBe('answer-1');
    expect(offers).toHaveLength(1);
  });

  it('an offer-less re-INVITE (a plain refresh) is answered with the current SDP', async () => {
    const { edge, trunk, dialog } = await connected(protocol);
    const refresh = trunk.send(dialogRequest(dialog, 'INVITE'), edge.address);
    const ok = await refresh.final();
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).toBe(SDP_B);
    await trunk.stack.sendStateless(dialogAck(dialog, dialog.localSeq!, { body: { type: 'application/sdp', data: SDP_A } }), edge.address);
  });

  it('INFO: dtmf-relay and dtmf give digits; another type 415; OPTIONS in the dialog 200 with Allow, Accept, Supported', async () => {
    const { edge, trunk, dialog, events } = await connected(protocol);
    const relay = trunk.send(dialogRequest(dialog, 'INFO', { body: { type: 'application/dtmf-relay', data: 'Signal=5\r\nDuration=160\r\n' } }), edge.address);
    expect((await relay.final()).status).toBe(200);
    expect((await events.next('digit')).args[0]).toEqual({ digit: '5', durationMs: 160 });
    const plain = trunk.send(dialogRequest(dialog, 'INFO', { body: { type: 'application/dtmf', data: '#' } }), edge.address);
    expect((await plain.final()).status).toBe(200);
    expect((await events.next('digit')).args[0]).toEqual({ digit: '#' });
    const other = await trunk.send(dialogRequest(dialog, 'INFO', { body: { type: 'text/plain', data: 'hello' } }), edge.address).final();
    expect(other.status).toBe(415);
    expect(headers(other, 'Accept')).toContain('application/dtmf-relay');
    const options = await trunk.send(dialogRequest(dialog, 'OPTIONS'), edge.address).final();
    expect(options.status).toBe(200);
    expect(headers(options, 'Allow')).toEqual(['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'INFO', 'UPDATE']);
    expect(headers(options, 'Accept')).toContain('application/sdp');
    expect(headers(options, 'Supported')).toEqual(['timer']);
  });

  it('an offer-less INVITE: the 200 offers our SDP, the ACK’s answer confirms the call', async () => {
    const { edge, trunk } = await setup(protocol);
    const sent = trunk.send(trunkInvite(trunk.address, { sdp: '' }), edge.address);
    const leg = await edge.legs.next();
    const events = new EventLog(leg, CALLER_EVENTS);
    expect(leg.remoteSdp).toBeUndefined();
    leg.answer(SDP_B);
    const ok = await sent.status(200);
    expect(ok.body.toString()).toBe(SDP_B);
    await trunk.stack.sendStateless(dialogAck(Dialog.uac(sent.tx.request, ok), 1, { body: { type: 'application/sdp', data: SDP_A } }), edge.address);
    expect((await events.next('confirmed')).args[0]).toBe(SDP_A);
    expect(leg.sdp).toEqual({ local: SDP_B, remote: SDP_A });
  });

  it('ping() sends OPTIONS in the dialog and returns the answer’s status', async () => {
    const { trunk, leg } = await connected(protocol);
    const pong = leg.ping();
    const options = await trunk.next('OPTIONS');
    expect(options.request.uri).toBe(field(leg.invite, 'Contact')!.slice(1, -1));
    answer(options, 200);
    expect((await pong).status).toBe(200);
  });

  it('a request with a CSeq below the last is refused 500 and changes nothing', async () => {
    const { edge, trunk, dialog, leg } = await connected(protocol);
    const later = dialogRequest(dialog, 'OPTIONS');
    expect((await trunk.send(later, edge.address).final()).status).toBe(200);
    const earlier = { ...later, headers: later.headers.map((h) => (h.name === 'CSeq' ? { name: 'CSeq', value: '1 OPTIONS' } : h)) };
    expect((await trunk.send(earlier, edge.address).final()).status).toBe(500);
    expect(leg.state).toBe('confirmed');
  });

  it('reject() before the answer: the final status with Retry-After, the leg ended (rejected)', async () => {
    const { edge, trunk } = await setup(protocol);
    const invite = trunk.send(trunkInvite(trunk.address), edge.address);
    const leg = await edge.legs.next();
    const events = new EventLog(leg, CALLER_EVENTS);
    leg.reject(503, 'Service Unavailable', 7);
    const res = await invite.final();
    expect([res.status, field(res, 'Retry-After')]).toEqual([503, '7']);
    expect((await events.next('ended')).args[0]).toEqual({ reason: 'rejected', by: 'local' });
  });
});

describe('CallerLeg over UDP: the 200 and its ACK', () => {
  it('sends the 200 again until the ACK comes', async () => {
    const edge = await startEdge('udp', { timers: { t1: 20 } });
    const trunk = await ScriptedPeer.start('udp');
    open.push(edge, trunk);
    const sent = trunk.send(trunkInvite(trunk.address), edge.address);
    const leg = await edge.legs.next();
    const events = new EventLog(leg, CALLER_EVENTS);
    leg.answer(SDP_B);
    const ok = await sent.status(200);
    await sent.status(200); // the same 200, sent again: no ACK yet
    await trunk.stack.sendStateless(dialogAck(Dialog.uac(sent.tx.request, ok), 1), edge.address);
    await events.next('confirmed');
    expect(leg.state).toBe('confirmed');
  });

  it('ends the leg with a BYE when the 200 is never acknowledged (64*T1)', async () => {
    const edge = await startEdge('udp', { timers: { t1: 5 } });
    const trunk = await ScriptedPeer.start('udp');
    open.push(edge, trunk);
    trunk.send(trunkInvite(trunk.address), edge.address);
    const leg = await edge.legs.next();
    const events = new EventLog(leg, CALLER_EVENTS);
    leg.answer(SDP_B);
    expect((await events.next('ended')).args[0]).toEqual({ reason: 'no_ack', by: 'local' });
    const bye = await trunk.next('BYE');
    expect(field(bye.request, 'Call-ID')).toBe(leg.callId);
  });

  it('a hang-up before the ACK waits for it, then sends the BYE (§15)', async () => {
    const edge = await startEdge('udp');
    const trunk = await ScriptedPeer.start('udp');
    open.push(edge, trunk);
    const sent = trunk.send(trunkInvite(trunk.address), edge.address);
    const leg = await edge.legs.next();
    leg.answer(SDP_B);
    const ok = await sent.status(200);
    leg.hangup();
    expect(leg.state).toBe('ended');
    // A round trip on the same path: a BYE sent at the hang-up would be here by its end.
    expect((await trunk.send(request('OPTIONS', { noVia: true, callId: 'ping' }), edge.address).final()).status).toBe(200);
    expect(trunk.requests.peek((r) => r.request.method === 'BYE')).toEqual([]);
    await trunk.stack.sendStateless(dialogAck(Dialog.uac(sent.tx.request, ok), 1), edge.address);
    const bye = await trunk.next('BYE');
    expect(field(bye.request, 'CSeq')).toMatch(/ BYE$/);
  });
});
