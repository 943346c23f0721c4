import { describe, expect, it } from 'vitest';
import { request, response } from '../../../test/support/sip-messages.ts';
import { Dialog, keyAsUac, keyAsUas } from './dialog.ts';
import { dialogAck, dialogRequest, nextHop } from './dialog-requests.ts';
import { header, headers } from './message.ts';
import type { SipResponse } from './message.ts';

const invite = request('INVITE', {
  cseq: 7,
  extra: [
    { name: 'Contact', value: '<sip:trunk@192.0.2.10:5070;transport=tcp>' },
    { name: 'Record-Route', value: '<sip:p2.example.com;lr>' },
    { name: 'Record-Route', value: '<sip:p1.example.com;lr>;x=1' },
  ],
});

function ok(extra: { name: string; value: string }[], toTag = 'phone-tag'): SipResponse {
  const r = response(invite, 200, toTag);
  r.headers.push(...extra);
  return r;
}

describe('Dialog, UAS side (§12.1.1)', () => {
  const d = Dialog.uas(invite, 'edge-tag');

  it('takes Call-ID, the tags, the remote target from Contact, the remote CSeq, and the route set in Record-Route order', () => {
    expect(d.callId).toBe('call-1@192.0.2.10');
    expect([d.localTag, d.remoteTag]).toEqual(['edge-tag', 'from-1']);
    expect(d.remoteTarget).toBe('sip:trunk@192.0.2.10:5070;transport=tcp');
    expect(d.remoteSeq).toBe(7);
    expect(d.localSeq).toBeUndefined();
    expect(d.routeSet).toEqual(['<sip:p2.example.com;lr>', '<sip:p1.example.com;lr>;x=1']);
    expect(d.localParty).toBe('<sip:122@example.com>;tag=edge-tag');
    expect(d.remoteParty).toBe('"Caller" <sip:caller@example.com>;tag=from-1');
  });

  it('is filed under the key its in-dialog requests carry (To tag ours, From tag theirs)', () => {
    const bye = request('BYE', { cseq: 8, toTag: 'edge-tag' });
    expect(keyAsUas(bye)).toBe(d.key);
    expect(keyAsUas(request('BYE', { cseq: 8 }))).toBeUndefined();
  });

  it('builds a BYE: loose routing keeps the target as Request-URI and the routes as Route; CSeq starts at random and then counts up', () => {
    const d2 = Dialog.uas(invite, 'edge-tag');
    const bye = dialogRequest(d2, 'BYE');
    expect(bye.uri).toBe('sip:trunk@192.0.2.10:5070;transport=tcp');
    expect(headers(bye, 'Route')).toEqual(['<sip:p2.example.com;lr>', '<sip:p1.example.com;lr>;x=1']);
    expect(header(bye, 'From')).toBe('<sip:122@example.com>;tag=edge-tag');
    expect(header(bye, 'To')).toBe('"Caller" <sip:caller@example.com>;tag=from-1');
    const first = Number(header(bye, 'CSeq')!.split(' ')[0]);
    expect(first).toBeGreaterThan(0);
    expect(header(dialogRequest(d2, 'INFO'), 'CSeq')).toBe(`${first + 1} INFO`);
    expect(nextHop(d2)).toBe('sip:p2.example.com;lr');
  });

  it('refuses a request whose CSeq is below the last (500) and takes a higher one', () => {
    const d2 = Dialog.uas(invite, 'edge-tag');
    expect(d2.receive(request('INFO', { cseq: 6, toTag: 'edge-tag' }))).toMatchObject({ status: 500 });
    expect(d2.receive(request('INFO', { cseq: 9, toTag: 'edge-tag' }))).toBeUndefined();
    expect(d2.remoteSeq).toBe(9);
    expect(d2.receive(request('BYE', { cseq: 8, toTag: 'edge-tag' }))).toMatchObject({ status: 500 });
  });

  it('refuses an INVITE while another of the peer’s is unanswered with 500 and a Retry-After of 0 to 10 s (§14.2); 491 while ours is pending', () => {
    const d2 = Dialog.uas(invite, 'edge-tag');
    expect(d2.admitInvite(request('INVITE', { cseq: 8, toTag: 'edge-tag' }))).toBeUndefined();
    expect(d2.canInvite).toBe(false);
    const overlap = d2.admitInvite(request('INVITE', { cseq: 9, toTag: 'edge-tag' }));
    expect(overlap?.status).toBe(500);
    const retry = Number(overlap?.headers?.find((h) => h.name === 'Retry-After')?.value);
    expect(retry).toBeGreaterThanOrEqual(0);
    expect(retry).toBeLessThanOrEqual(10);
    d2.inviteAnswered();
    d2.invitePending = true;
    expect(d2.admitInvite(request('INVITE', { cseq: 10, toTag: 'edge-tag' }))?.status).toBe(491);
    d2.invitePending = false;
    expect(d2.canInvite).toBe(true);
  });

  it('moves the remote target on a target refresh', () => {
    const d2 = Dialog.uas(invite, 'edge-tag');
    d2.refreshTarget(request('INVITE', { cseq: 8, extra: [{ name: 'Contact', value: '<sip:trunk@192.0.2.11:5080>' }] }));
    expect(dialogRequest(d2, 'BYE').uri).toBe('sip:trunk@192.0.2.11:5080');
  });
});

describe('Dialog, UAC side (§12.1.2)', () => {
  it('reverses the 2xx’s Record-Route, takes the target from its Contact and our CSeq from the INVITE', () => {
    const res = ok([
      { name: 'Contact', value: '<sip:op@198.51.100.7:5062>' },
      { name: 'Record-Route', value: '<sip:p2.example.com;lr>' },
      { name: 'Record-Route', value: '<sip:p1.example.com;lr>' },
    ]);
    const d = Dialog.uac(invite, res);
    expect([d.localTag, d.remoteTag]).toEqual(['from-1', 'phone-tag']);
    expect(d.routeSet).toEqual(['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
    expect(d.localSeq).toBe(7);
    expect(keyAsUac(res)).toBe(d.key);
    const bye = dialogRequest(d, 'BYE');
    expect(header(bye, 'CSeq')).toBe('8 BYE');
    expect(header(bye, 'To')).toBe('<sip:122@example.com>;tag=phone-tag');
    expect(headers(bye, 'Route')).toEqual(['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
  });

  it('ACKs a 2xx with the INVITE’s CSeq number and method ACK, routed like any request, without using up a number', () => {
    const d = Dialog.uac(invite, ok([{ name: 'Contact', value: '<sip:op@198.51.100.7:5062>' }]));
    const ack = dialogAck(d, 7);
    expect(ack.method).toBe('ACK');
    expect(ack.uri).toBe('sip:op@198.51.100.7:5062');
    expect(header(ack, 'CSeq')).toBe('7 ACK');
    expect(header(dialogRequest(d, 'BYE'), 'CSeq')).toBe('8 BYE');
  });

  it('a strict router (no lr) becomes the Request-URI, and the remote target goes last in Route', () => {
    const d = Dialog.uac(
      invite,
      ok([
        { name: 'Contact', value: '<sip:op@198.51.100.7:5062>' },
        { name: 'Record-Route', value: '<sip:p2.example.com>' },
        { name: 'Record-Route', value: '<sip:p1.example.com;maddr=192.0.2.1>' },
      ]),
    );
    const bye = dialogRequest(d, 'BYE', { contact: 'sip:edge@192.0.2.5' });
    expect(bye.uri).toBe('sip:p1.example.com;maddr=192.0.2.1');
    expect(headers(bye, 'Route')).toEqual(['<sip:p2.example.com>', '<sip:op@198.51.100.7:5062>']);
    expect(header(bye, 'Contact')).toBe('<sip:edge@192.0.2.5>');
  });

  it('each forked 2xx (another To tag) is a dialog of its own', () => {
    const a = Dialog.uac(invite, ok([{ name: 'Contact', value: '<sip:a@198.51.100.7>' }], 'tag-a'));
    const b = Dialog.uac(invite, ok([{ name: 'Contact', value: '<sip:b@198.51.100.8>' }], 'tag-b'));
    expect(a.key).not.toBe(b.key);
    expect(dialogRequest(b, 'BYE').uri).toBe('sip:b@198.51.100.8');
  });

  it('puts a body with its Content-Type after the dialog’s fields', () => {
    const d = Dialog.uac(invite, ok([{ name: 'Contact', value: '<sip:op@198.51.100.7:5062>' }]));
    const info = dialogRequest(d, 'INFO', { body: { type: 'application/dtmf-relay', data: 'Signal=5\r\n' } });
    expect(header(info, 'Content-Type')).toBe('application/dtmf-relay');
    expect(info.body.toString()).toBe('Signal=5\r\n');
  });
});

describe('Dialog kept as plain data', () => {
  it('its state survives JSON and makes the same requests, CSeq counting on from where it was', () => {
    const res = ok([
      { name: 'Contact', value: '<sip:op@198.51.100.7:5062>' },
      { name: 'Record-Route', value: '<sip:p1.example.com;lr>' },
    ]);
    const d = Dialog.uac(invite, res);
    d.receive(request('INFO', { cseq: 3, toTag: 'from-1' }));
    const restored = Dialog.restore(JSON.parse(JSON.stringify(d.state())) as ReturnType<Dialog['state']>);
    expect(restored.key).toBe(d.key);
    expect(restored.role).toBe('uac');
    expect(restored.remoteSeq).toBe(3);
    const a = dialogRequest(d, 'BYE');
    const b = dialogRequest(restored, 'BYE');
    expect(b).toEqual(a);
    expect(header(b, 'CSeq')).toBe('8 BYE');
  });
});
