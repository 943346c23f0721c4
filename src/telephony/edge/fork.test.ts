// Ringing several contacts at once, each a scripted phone over real sockets: the first 200 wins, the
// others are cancelled; a late 200 is hung up; all failing is one 'failed'.
import { afterEach, describe, expect, it } from 'vitest';
import { EventLog, startEdge } from '../../../test/support/sip-legs.ts';
import { SDP_A, SDP_B, ScriptedPeer, answer, field } from '../../../test/support/sip-peer.ts';
import type { Received } from '../../../test/support/sip-peer.ts';
import { Fork } from './fork.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function ringTwo() {
  const edge = await startEdge('udp');
  const phones = [await ScriptedPeer.start('udp'), await ScriptedPeer.start('udp')];
  open.push(edge, ...phones);
  const targets = phones.map((p, i) => ({ target: `sip:op77-${i}@127.0.0.1:${p.address.port}`, flow: p.address }));
  const fork = new Fork(edge.core, targets, { from: '<sip:122@127.0.0.1>', sdp: SDP_B });
  const events = new EventLog(fork, ['provisional', 'answered', 'failed']);
  await fork.start();
  const invites = await Promise.all(phones.map((p) => p.next('INVITE')));
  const cancelled = invites.map((inv) => new Promise<void>((resolve) => inv.tx!.once('cancelled', () => resolve())));
  return { edge, phones, fork, events, invites, cancelled };
}

const pickUp = (invite: Received, port: number) => answer(invite, 200, [{ name: 'Contact', value: `<sip:op77@127.0.0.1:${port}>` }], { type: 'application/sdp', data: SDP_A });

describe('Fork', () => {
  it('rings every contact; the first 200 wins and the others get CANCEL', async () => {
    const { phones, fork, events, invites, cancelled } = await ringTwo();
    expect(invites.map((i) => i.request.uri)).toEqual([`sip:op77-0@127.0.0.1:${phones[0]!.address.port}`, `sip:op77-1@127.0.0.1:${phones[1]!.address.port}`]);
    answer(invites[0]!, 180);
    answer(invites[1]!, 180);
    await events.next('provisional');
    await events.next('provisional');
    pickUp(invites[1]!, phones[1]!.address.port);
    const won = await events.next('answered');
    expect(won.args[0]).toBe(fork.legs[1]);
    expect(fork.winner).toBe(fork.legs[1]);
    await phones[1]!.next('ACK');
    await cancelled[0];
    answer(invites[0]!, 487);
    await new Promise<void>((resolve) => fork.legs[0]!.once('failed', () => resolve()));
    expect(fork.legs.map((l) => l.state)).toEqual(['ended', 'confirmed']);
    expect(events.names).toEqual(['provisional', 'provisional', 'answered']);
  });

  it('a 200 from the other phone after the winner’s is ACKed and hung up', async () => {
    const { phones, events, invites, cancelled } = await ringTwo();
    answer(invites[0]!, 180);
    answer(invites[1]!, 180);
    pickUp(invites[0]!, phones[0]!.address.port);
    await events.next('answered');
    await cancelled[1];
    pickUp(invites[1]!, phones[1]!.address.port); // answered anyway, as the CANCEL crossed
    await phones[1]!.next('ACK');
    const bye = await phones[1]!.next('BYE');
    expect(field(bye.request, 'Call-ID')).toBe(field(invites[1]!.request, 'Call-ID'));
    answer(bye, 200);
    expect(events.names).toEqual(['provisional', 'provisional', 'answered']);
  });

  it('fails once, with every leg’s status, when no phone answers', async () => {
    const { events, invites } = await ringTwo();
    answer(invites[0]!, 486);
    answer(invites[1]!, 603);
    const failed = await events.next('failed');
    expect(new Set((failed.args[0] as { status: number }[]).map((f) => f.status))).toEqual(new Set([486, 603]));
  });

  it('cancel() stops every leg that is still ringing', async () => {
    const { fork, invites, cancelled, events } = await ringTwo();
    answer(invites[0]!, 180);
    answer(invites[1]!, 180);
    await events.next('provisional');
    await events.next('provisional');
    fork.cancel();
    await Promise.all(cancelled);
    invites.forEach((inv) => answer(inv, 487));
    const failed = await events.next('failed');
    expect((failed.args[0] as { reason: string }[]).map((f) => f.reason)).toEqual(['cancelled', 'cancelled']);
  });
});
