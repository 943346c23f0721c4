// Session timers (RFC 4028) on the caller leg, over real sockets with the edge on a manual clock: the
// peer refreshes (or the leg ends with a BYE when it does not), or the edge refreshes itself.
import { afterEach, describe, expect, it } from 'vitest';
import { CALLER_EVENTS, EventLog, startEdge, trunkInvite } from '../../../test/support/sip-legs.ts';
import { SDP_A, SDP_B, ScriptedPeer, answer, field } from '../../../test/support/sip-peer.ts';
import { Dialog } from '../sip/dialog.ts';
import { dialogAck, dialogRequest } from '../sip/dialog-requests.ts';
import { headers } from '../sip/message.ts';
import type { HeaderField } from '../sip/message.ts';
import { ManualClock } from '../sip/transactions/clock.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

const supported = { name: 'Supported', value: 'timer' };

async function call(extra: HeaderField[]) {
  const clock = new ManualClock();
  const edge = await startEdge('tcp', { clock });
  const trunk = await ScriptedPeer.start('tcp');
  open.push(edge, trunk);
  const sent = trunk.send(trunkInvite(trunk.address, { extra, sdp: SDP_A }), edge.address);
  const leg = await edge.legs.next();
  const events = new EventLog(leg, CALLER_EVENTS);
  leg.answer(SDP_B);
  const ok = await sent.status(200);
  const dialog = Dialog.uac(sent.tx.request, ok);
  await trunk.stack.sendStateless(dialogAck(dialog, 1), edge.address);
  await events.next('confirmed');
  return { clock, edge, trunk, leg, events, ok, dialog, seconds: (s: number) => clock.advance(s * 1000) };
}

describe('CallerLeg session timer: the caller refreshes', () => {
  it('honours Session-Expires with refresher=uac (Require: timer in the 200), takes refreshes, and BYEs when one does not come', async () => {
    const { ok, leg, trunk, edge, dialog, events, seconds } = await call([supported, { name: 'Session-Expires', value: '90;refresher=uac' }, { name: 'Min-SE', value: '90' }]);
    expect(field(ok, 'Session-Expires')).toBe('90;refresher=uac');
    expect(headers(ok, 'Require')).toEqual(['timer']);
    seconds(59);
    expect(leg.state).toBe('confirmed');
    const refresh = trunk.send(dialogRequest(dialog, 'INVITE', { headers: [supported, { name: 'Session-Expires', value: '90;refresher=uac' }] }), edge.address);
    const refreshed = await refresh.final();
    expect(refreshed.status).toBe(200);
    expect(field(refreshed, 'Session-Expires')).toBe('90;refresher=uac');
    expect(refreshed.body.toString()).toBe(SDP_B);
    await trunk.stack.sendStateless(dialogAck(dialog, dialog.localSeq!), edge.address);
    expect((await events.next('refreshed')).args[0]).toBe(90);
    // An OPTIONS round trip on the same connection: the ACK has been taken by then (else its 200 would time out on the manual clock).
    expect((await trunk.send(dialogRequest(dialog, 'OPTIONS'), edge.address).final()).status).toBe(200);
    seconds(59); // 118 s since the call began, 59 since the refresh
    expect(leg.state).toBe('confirmed');
    seconds(1);
    expect(leg.state).toBe('ended');
    expect((await events.next('ended')).args[0]).toEqual({ reason: 'session_expired', by: 'local' });
    const bye = await trunk.next('BYE');
    expect(field(bye.request, 'Call-ID')).toBe(leg.callId);
  });

  it('takes an UPDATE as a refresh: 200 with Session-Expires and no body', async () => {
    const { trunk, edge, dialog, events, seconds, leg } = await call([supported, { name: 'Session-Expires', value: '120' }]);
    seconds(70);
    const update = await trunk.send(dialogRequest(dialog, 'UPDATE', { headers: [supported, { name: 'Session-Expires', value: '120;refresher=uac' }] }), edge.address).final();
    expect(update.status).toBe(200);
    expect(field(update, 'Session-Expires')).toBe('120;refresher=uac');
    expect(update.body.length).toBe(0);
    await events.next('refreshed');
    seconds(70); // 140 s in, 70 after the refresh: before 120 - 32
    expect(leg.state).toBe('confirmed');
  });

  it('a refresh with an interval below our Min-SE is refused 422 and the running timer is kept', async () => {
    const { trunk, edge, dialog, leg, seconds } = await call([supported, { name: 'Session-Expires', value: '90;refresher=uac' }]);
    const res = await trunk.send(dialogRequest(dialog, 'INVITE', { headers: [supported, { name: 'Session-Expires', value: '30' }] }), edge.address).final();
    expect([res.status, field(res, 'Min-SE')]).toEqual([422, '90']);
    seconds(60);
    expect(leg.state).toBe('ended');
  });

  it('no timer when the caller neither asks for one nor supports them', async () => {
    const { ok, leg, seconds } = await call([]);
    expect(field(ok, 'Session-Expires')).toBeUndefined();
    seconds(100_000);
    expect(leg.state).toBe('confirmed');
  });
});

describe('CallerLeg session timer: the edge refreshes', () => {
  it('with refresher=uas, re-INVITEs at half the interval (same SDP, refresher=uac) and ACKs the 200', async () => {
    const { ok, trunk, events, seconds, leg } = await call([supported, { name: 'Session-Expires', value: '120;refresher=uas' }]);
    expect(field(ok, 'Session-Expires')).toBe('120;refresher=uas');
    expect(headers(ok, 'Require')).toEqual([]);
    seconds(60);
    const reinvite = await trunk.next('INVITE');
    expect(field(reinvite.request, 'Session-Expires')).toBe('120;refresher=uac');
    expect(reinvite.request.body.toString()).toBe(SDP_B);
    expect(reinvite.request.uri).toBe(field(leg.invite, 'Contact')!.slice(1, -1));
    answer(
      reinvite,
      200,
      [
        { name: 'Contact', value: field(leg.invite, 'Contact')! },
        { name: 'Session-Expires', value: '120;refresher=uac' },
      ],
      { type: 'application/sdp', data: SDP_A },
    );
    const ack = await trunk.next('ACK');
    expect(field(ack.request, 'CSeq')).toBe(`${field(reinvite.request, 'CSeq')!.split(' ')[0]} ACK`);
    expect((await events.next('refreshed')).args[0]).toBe(120);
  });

  it('refreshes with UPDATE (no SDP) when the caller allows it', async () => {
    const { trunk, seconds } = await call([supported, { name: 'Allow', value: 'INVITE, ACK, BYE, CANCEL, UPDATE' }, { name: 'Session-Expires', value: '120;refresher=uas' }]);
    seconds(60);
    const update = await trunk.next('UPDATE');
    expect(update.request.body.length).toBe(0);
    expect(field(update.request, 'Session-Expires')).toBe('120;refresher=uac');
    answer(update, 200, [{ name: 'Session-Expires', value: '120;refresher=uac' }]);
  });

  it('a refresh answered 481 ends the leg (the dialog is gone); one never answered ends it with a BYE', async () => {
    const gone = await call([supported, { name: 'Session-Expires', value: '120;refresher=uas' }]);
    gone.seconds(60);
    answer(await gone.trunk.next('INVITE'), 481);
    expect((await gone.events.next('ended')).args[0]).toEqual({ reason: 'refresh_failed', by: 'remote' });

    const silent = await call([supported, { name: 'Session-Expires', value: '120;refresher=uas' }]);
    silent.seconds(60);
    await silent.trunk.next('INVITE');
    silent.seconds(32); // Timer B (64*T1) before the session's end (at 120 s: the refresher's)
    expect((await silent.events.next('ended')).args[0]).toEqual({ reason: 'refresh_failed', by: 'local' });
    await silent.trunk.next('BYE');
  });
});
