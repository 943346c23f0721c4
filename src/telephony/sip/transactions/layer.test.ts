import { describe, expect, it } from 'vitest';
import { label, recorder, request, response } from '../../../../test/support/sip-messages.ts';
import { ClientInviteTransaction } from './client-invite.ts';
import { ManualClock } from './clock.ts';
import { TransactionLayer } from './layer.ts';
import { ServerInviteTransaction } from './server-invite.ts';

function setup() {
  const clock = new ManualClock();
  const layer = new TransactionLayer({ clock });
  const rec = recorder(clock);
  return { clock, layer, rec };
}

describe('transaction layer: client matching (§17.1.3)', () => {
  it('routes a response by the top Via branch and the CSeq method', () => {
    const { layer, rec } = setup();
    const invite = request('INVITE', { branch: 'z9hG4bK-a' });
    const cancel = request('CANCEL', { branch: 'z9hG4bK-a' });
    const inviteTx = layer.createClient(invite, rec.send, false);
    const cancelTx = layer.createClient(cancel, rec.send, false);
    expect(inviteTx).toBeInstanceOf(ClientInviteTransaction);
    expect(layer.receiveResponse(response(cancel, 200, 't'))).toBe(cancelTx);
    expect(layer.receiveResponse(response(invite, 487, 't'))).toBe(inviteTx);
    expect(layer.receiveResponse(response(request('INVITE', { branch: 'z9hG4bK-other' }), 200, 't'))).toBeUndefined();
    expect(layer.size).toEqual({ client: 2, server: 0 });
  });

  it('refuses a second transaction with the same branch and method, an ACK, and a request without a branch', () => {
    const { layer, rec } = setup();
    layer.createClient(request('OPTIONS'), rec.send, false);
    expect(() => layer.createClient(request('OPTIONS'), rec.send, false)).toThrow(/already running/);
    expect(() => layer.createClient(request('ACK'), rec.send, false)).toThrow(/without a transaction/);
    const noBranch = request('OPTIONS');
    noBranch.headers[0] = { name: 'Via', value: 'SIP/2.0/UDP 192.0.2.10' };
    expect(() => layer.createClient(noBranch, rec.send, false)).toThrow(/branch/);
  });

  it('forgets a transaction once it ends', () => {
    const { layer, rec, clock } = setup();
    const options = request('OPTIONS');
    layer.createClient(options, rec.send, true);
    layer.receiveResponse(response(options, 200, 't'));
    clock.advance(0);
    expect(layer.size.client).toBe(0);
    expect(layer.receiveResponse(response(options, 200, 't'))).toBeUndefined();
  });
});

describe('transaction layer: server matching (§17.2.3)', () => {
  it('absorbs a retransmitted INVITE into its transaction', () => {
    const { layer, rec } = setup();
    const first = layer.receiveRequest(request('INVITE'), rec.send, false);
    expect(first.kind).toBe('new');
    const again = layer.receiveRequest(request('INVITE'), rec.send, false);
    expect(again).toEqual({ kind: 'absorbed', tx: first.kind === 'new' ? first.tx : undefined });
    expect(rec.sent.map((s) => label(s.message))).toEqual(['100']);
    expect(layer.size.server).toBe(1);
  });

  it('tells apart the same branch from another sent-by, and another method', () => {
    const { layer, rec } = setup();
    expect(layer.receiveRequest(request('INVITE'), rec.send, false).kind).toBe('new');
    expect(layer.receiveRequest(request('INVITE', { sentBy: '192.0.2.11:5060' }), rec.send, false).kind).toBe('new');
    expect(layer.receiveRequest(request('INVITE', { sentBy: '192.0.2.10' }), rec.send, false).kind).toBe('new');
    expect(layer.receiveRequest(request('OPTIONS'), rec.send, false).kind).toBe('new');
    expect(layer.size.server).toBe(4);
  });

  it('gives an ACK with the INVITE’s branch to the INVITE transaction, and an ACK with a new branch (a 2xx’s) to the TU', () => {
    const { layer, rec } = setup();
    const invite = request('INVITE');
    const made = layer.receiveRequest(invite, rec.send, false);
    if (made.kind !== 'new') throw new Error('expected a new transaction');
    const acks: string[] = [];
    made.tx.on('ack', () => acks.push('ack'));
    made.tx.respond(response(invite, 486, 't'));
    expect(layer.receiveRequest(request('ACK', { toTag: 't' }), rec.send, false)).toEqual({ kind: 'absorbed', tx: made.tx });
    expect(acks).toEqual(['ack']);
    expect(layer.receiveRequest(request('ACK', { branch: 'z9hG4bK-2xx-ack', toTag: 't' }), rec.send, false)).toEqual({ kind: 'ack' });
  });

  it('matches a CANCEL to its INVITE transaction as a transaction of its own', () => {
    const { layer, rec } = setup();
    const made = layer.receiveRequest(request('INVITE'), rec.send, false);
    const cancel = layer.receiveRequest(request('CANCEL'), rec.send, false);
    expect(cancel.kind).toBe('cancel');
    if (cancel.kind !== 'cancel' || made.kind !== 'new') throw new Error('unexpected');
    expect(cancel.invite).toBe(made.tx);
    expect(cancel.tx).not.toBe(made.tx);
    expect(layer.receiveRequest(request('CANCEL'), rec.send, false)).toEqual({ kind: 'absorbed', tx: cancel.tx });
    const stray = layer.receiveRequest(request('CANCEL', { branch: 'z9hG4bK-nothing' }), rec.send, false);
    expect(stray.kind === 'cancel' && stray.invite).toBeUndefined();
  });

  it('matches requests of RFC 2543 peers (no magic cookie) by their dialog fields and top Via', () => {
    const { layer, rec } = setup();
    const invite = request('INVITE', { branch: 'old-1' });
    const made = layer.receiveRequest(invite, rec.send, false);
    expect(made.kind).toBe('new');
    expect(layer.receiveRequest(request('INVITE', { branch: 'old-1' }), rec.send, false).kind).toBe('absorbed');
    expect(layer.receiveRequest(request('INVITE', { branch: 'old-1', cseq: 2 }), rec.send, false).kind).toBe('new');
    if (made.kind === 'new') made.tx.respond(response(invite, 486, 't'));
    expect(layer.receiveRequest(request('ACK', { branch: 'old-1', toTag: 't' }), rec.send, false).kind).toBe('absorbed');
  });

  it('cannot key a request without Via or CSeq', () => {
    const { layer, rec } = setup();
    const bad = request('INVITE');
    bad.headers = bad.headers.filter((h) => h.name !== 'CSeq');
    expect(layer.receiveRequest(bad, rec.send, false)).toEqual({ kind: 'unkeyed' });
  });

  it('terminateAll ends every transaction', () => {
    const { layer, rec, clock } = setup();
    const made = layer.receiveRequest(request('INVITE'), rec.send, false);
    layer.createClient(request('OPTIONS', { branch: 'z9hG4bK-c' }), rec.send, false);
    layer.terminateAll();
    expect(layer.size).toEqual({ client: 0, server: 0 });
    expect(made.kind === 'new' && made.tx).toBeInstanceOf(ServerInviteTransaction);
    expect(clock.size).toBe(0);
  });
});
