// The outgoing leg against a scripted phone over real sockets (UDP and TCP): INVITE to the registered
// contact through its flow, provisional and final answers, CANCEL, BYE both ways, a second 200 from
// behind the contact, a 200 crossing our CANCEL, 422, a re-INVITE from the phone, a 200 that comes again.
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from '../../../test/support/sip-messages.ts';
import { OPERATOR_EVENTS, EventLog, startEdge } from '../../../test/support/sip-legs.ts';
import { Mailbox, SDP_A, SDP_B, ScriptedPeer, answer, field } from '../../../test/support/sip-peer.ts';
import type { Received } from '../../../test/support/sip-peer.ts';
import { Dialog } from '../sip/dialog.ts';
import { dialogAck, dialogRequest } from '../sip/dialog-requests.ts';
import { headers } from '../sip/message.ts';
import type { HeaderField, Peer, SipRequest } from '../sip/message.ts';
import { parseMessage } from '../sip/parse.ts';
import { serializeMessage } from '../sip/serialize.ts';
import { tagOf } from '../sip/name-addr.ts';
import { responseTo } from '../sip/validate.ts';
import { OutgoingLeg } from './outgoing-leg.ts';
import type { OutgoingLegOptions } from './outgoing-leg.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function ring(protocol: Peer['transport'], options: Partial<OutgoingLegOptions> = {}) {
  const edge = await startEdge(protocol);
  const phone = await ScriptedPeer.start(protocol);
  open.push(edge, phone);
  const transport = protocol === 'udp' ? '' : `;transport=${protocol}`;
  const contact = `<sip:op77@127.0.0.1:${phone.address.port}${transport}>`;
  // The registered contact names an address of the phone's own network; the flow is where its REGISTER came from.
  const leg = new OutgoingLeg(edge.core, { target: 'sip:op77@192.0.2.77:5060', flow: phone.address, from: '"122" <sip:122@127.0.0.1>', sdp: SDP_B, ...options });
  const events = new EventLog(leg, OPERATOR_EVENTS);
  await leg.start();
  const invite = await phone.next('INVITE');
  return { edge, phone, leg, events, invite, contact: { name: 'Contact', value: contact } };
}

/** The phone answers 200 with its Contact and SDP; the edge's ACK arrives. */
async function pickUp(phone: ScriptedPeer, invite: Received, contact: HeaderField, extra: HeaderField[] = []) {
  answer(invite, 200, [contact, ...extra], { type: 'application/sdp', data: SDP_A });
  const ack = await phone.next('ACK');
  return { ack, dialog: Dialog.uas(invite.request, 'peer-tag') };
}

describe.each(['udp', 'tcp'] as const)('OutgoingLeg over %s', (protocol) => {
  it('INVITEs the registered contact through its flow, with our Contact, timer support and SDP; 180 → provisional; 200 → ACK and answered', async () => {
    const { phone, leg, events, invite, contact, edge } = await ring(protocol);
    const req = invite.request;
    expect(req.uri).toBe('sip:op77@192.0.2.77:5060');
    expect(field(req, 'To')).toBe('<sip:op77@192.0.2.77:5060>');
    expect(field(req, 'From')).toBe(`"122" <sip:122@127.0.0.1>;tag=${leg.localTag}`);
    expect(field(req, 'Contact')).toBe(`<${edge.core.contact(protocol)}>`);
    expect(field(req, 'CSeq')).toBe('1 INVITE');
    expect(headers(req, 'Supported')).toEqual(['timer']);
    expect([field(req, 'Session-Expires'), field(req, 'Min-SE')]).toEqual(['1800', '90']);
    expect(req.body.toString()).toBe(SDP_B);
    answer(invite, 180);
    expect((await events.next('provisional')).args).toEqual([180, undefined]);
    const { ack } = await pickUp(phone, invite, contact);
    expect((await events.next('answered')).args).toEqual([SDP_A]);
    expect(ack.request.uri).toBe(contact.value.slice(1, -1));
    expect(field(ack.request, 'CSeq')).toBe('1 ACK');
    expect(tagOf(field(ack.request, 'To'))).toBe('peer-tag');
    expect(leg.state).toBe('confirmed');
    expect(leg.sdp).toEqual({ local: SDP_B, remote: SDP_A });
  });

  it('a 183 with early media’s SDP is a provisional too', async () => {
    const { invite, events } = await ring(protocol);
    answer(invite, 183, [], { type: 'application/sdp', data: SDP_A });
    expect((await events.next('provisional')).args).toEqual([183, SDP_A]);
  });

  it('486 → failed (rejected)', async () => {
    const { invite, events, leg } = await ring(protocol);
    answer(invite, 486);
    expect((await events.next('failed')).args).toEqual([486, 'rejected']);
    expect(leg.state).toBe('ended');
  });

  it('cancel() after a 180: the phone gets CANCEL, answers 487, the leg fails cancelled', async () => {
    const { invite, events, leg } = await ring(protocol);
    const cancelled = new Promise<void>((resolve) => invite.tx!.once('cancelled', () => resolve()));
    answer(invite, 180);
    await events.next('provisional');
    leg.cancel();
    await cancelled;
    answer(invite, 487);
    expect((await events.next('failed')).args).toEqual([487, 'cancelled']);
  });

  it('cancel() before any provisional waits for one (§9.1), then CANCELs', async () => {
    const { invite, events, leg, phone, edge } = await ring(protocol);
    let seen = false;
    const cancelled = new Promise<void>((resolve) => invite.tx!.once('cancelled', () => resolve()));
    void cancelled.then(() => (seen = true));
    leg.cancel();
    // A round trip on the same path: a CANCEL sent at once would be here by its end.
    expect((await phone.send(request('OPTIONS', { noVia: true, callId: 'ping' }), edge.address).final()).status).toBe(200);
    expect(seen).toBe(false);
    answer(invite, 180);
    await cancelled;
    answer(invite, 487);
    expect((await events.next('failed')).args).toEqual([487, 'cancelled']);
  });

  it('BYE from the phone: 200, ended (bye, remote); hangup() on another call sends BYE to the phone’s Contact', async () => {
    const first = await ring(protocol);
    const { dialog } = await pickUp(first.phone, first.invite, first.contact);
    await first.events.next('answered');
    expect((await first.phone.send(dialogRequest(dialog, 'BYE'), first.edge.address).final()).status).toBe(200);
    expect((await first.events.next('ended')).args[0]).toEqual({ reason: 'bye', by: 'remote' });

    const second = await ring(protocol);
    await pickUp(second.phone, second.invite, second.contact);
    await second.events.next('answered');
    second.leg.hangup();
    const bye = await second.phone.next('BYE');
    expect(bye.request.uri).toBe(second.contact.value.slice(1, -1));
    expect(field(bye.request, 'CSeq')).toBe('2 BYE');
    answer(bye, 200);
    expect((await second.events.next('ended')).args[0]).toEqual({ reason: 'hangup', by: 'local' });
  });

  it('a second 200 with another To tag (a fork behind the contact) is ACKed and hung up; the first stays', async () => {
    const { phone, invite, contact, events, leg } = await ring(protocol);
    await pickUp(phone, invite, contact);
    await events.next('answered');
    invite.tx!.respond(responseTo(invite.request, 200, 'OK', { toTag: 'other-fork', headers: [contact] }));
    const ack = await phone.next('ACK');
    expect(tagOf(field(ack.request, 'To'))).toBe('other-fork');
    const bye = await phone.next('BYE');
    expect(tagOf(field(bye.request, 'To'))).toBe('other-fork');
    answer(bye, 200);
    expect(leg.state).toBe('confirmed');
    expect(events.names).toEqual(['answered']);
  });

  it('a 200 that crosses our CANCEL is ACKed and hung up; the leg fails cancelled', async () => {
    const { phone, invite, contact, events, leg } = await ring(protocol);
    answer(invite, 180);
    await events.next('provisional');
    const cancelled = new Promise<void>((resolve) => invite.tx!.once('cancelled', () => resolve()));
    leg.cancel();
    await cancelled;
    answer(invite, 200, [contact], { type: 'application/sdp', data: SDP_A });
    await phone.next('ACK');
    answer(await phone.next('BYE'), 200);
    expect((await events.next('failed')).args).toEqual([487, 'cancelled']);
    expect(events.names).not.toContain('answered');
  });

  it('422: tries once more with the phone’s Min-SE, same Call-ID and tag, the next CSeq', async () => {
    const { phone, invite, leg, events, contact } = await ring(protocol);
    answer(invite, 422, [{ name: 'Min-SE', value: '2000' }]);
    const again = await phone.next('INVITE');
    expect(field(again.request, 'CSeq')).toBe('2 INVITE');
    expect(field(again.request, 'Call-ID')).toBe(leg.callId);
    expect([field(again.request, 'Session-Expires'), field(again.request, 'Min-SE')]).toEqual(['2000', '2000']);
    const { ack } = await pickUp(phone, again, contact);
    expect(field(ack.request, 'CSeq')).toBe('2 ACK');
    await events.next('answered');
  });

  it('answers the phone’s re-INVITE with the current SDP and reports its offer', async () => {
    const { phone, invite, contact, events, edge } = await ring(protocol);
    const { dialog } = await pickUp(phone, invite, contact);
    await events.next('answered');
    const held = SDP_A.replace('m=audio', 'a=sendonly\r\nm=audio');
    const ok = await phone.send(dialogRequest(dialog, 'INVITE', { contact: contact.value.slice(1, -1), body: { type: 'application/sdp', data: held } }), edge.address).final();
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).toBe(SDP_B);
    expect((await events.next('offer')).args[0]).toBe(held);
    await phone.stack.sendStateless(dialogAck(dialog, dialog.localSeq!), edge.address);
  });
});

describe('OutgoingLeg over UDP: a 200 that comes again', () => {
  /** A phone on a plain socket: every datagram it receives, as bytes. */
  async function rawPhone() {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const datagrams = new Mailbox<Buffer>();
    socket.on('message', (msg) => datagrams.push(msg));
    open.push({ close: () => new Promise<void>((resolve) => socket.close(() => resolve())) });
    const send = (data: Buffer, to: Peer) => new Promise<void>((resolve, reject) => socket.send(data, to.port, to.address, (e) => (e ? reject(e) : resolve())));
    const next = (method: string) => datagrams.next((d) => d.toString('latin1').startsWith(`${method} `));
    return { port: socket.address().port, send, next };
  }

  /** The leg up with a phone on a plain socket; `ok(request)`: the phone's 200 to a request, as bytes. */
  async function answered() {
    const edge = await startEdge('udp');
    open.push(edge);
    const phone = await rawPhone();
    const leg = new OutgoingLeg(edge.core, {
      target: `sip:op77@127.0.0.1:${phone.port}`,
      flow: { transport: 'udp', address: '127.0.0.1', port: phone.port },
      from: '"122" <sip:122@127.0.0.1>',
      sdp: SDP_B,
    });
    const events = new EventLog(leg, OPERATOR_EVENTS);
    await leg.start();
    const ok = (request: Buffer) =>
      serializeMessage(
        responseTo(parseMessage(request) as SipRequest, 200, 'OK', {
          toTag: 'phone-tag',
          headers: [
            { name: 'Contact', value: `<sip:op77@127.0.0.1:${phone.port}>` },
            { name: 'Content-Type', value: 'application/sdp' },
          ],
          body: Buffer.from(SDP_A),
        }),
      );
    return { edge, phone, leg, events, ok };
  }

  it('to the INVITE is ACKed with the same ACK, byte for byte (its Via branch too: §13.2.2.4, the ACK is sent again, not made again)', async () => {
    const { edge, phone, events, ok } = await answered();
    const response = ok(await phone.next('INVITE'));
    await phone.send(response, edge.address);
    const first = await phone.next('ACK');
    await events.next('answered');
    // The phone did not hear the ACK and sends its 200 again (§13.3.1.4), twice.
    await phone.send(response, edge.address);
    const second = await phone.next('ACK');
    await phone.send(response, edge.address);
    const third = await phone.next('ACK');
    expect(second.toString('latin1')).toBe(first.toString('latin1'));
    expect(third.equals(first)).toBe(true);
    expect(events.names).toEqual(['answered']);
  });

  it('to our re-INVITE is ACKed with the same ACK, byte for byte', async () => {
    const { edge, phone, leg, events, ok } = await answered();
    await phone.send(ok(await phone.next('INVITE')), edge.address);
    await phone.next('ACK');
    await events.next('answered');
    const reinvited = leg.reinvite();
    const response = ok(await phone.next('INVITE'));
    await phone.send(response, edge.address);
    const first = await phone.next('ACK');
    expect((await reinvited).status).toBe(200);
    await phone.send(response, edge.address);
    const second = await phone.next('ACK');
    expect(first.toString('latin1')).toMatch(/^CSeq: 2 ACK\r$/m);
    expect(second.toString('latin1')).toBe(first.toString('latin1'));
  });
});

describe('OutgoingLeg over UDP: no answer', () => {
  it('fails with timeout when the phone never answers at all (Timer B)', async () => {
    const edge = await startEdge('udp', { timers: { t1: 5 } });
    const dead = dgram.createSocket('udp4'); // takes the INVITEs and says nothing
    await new Promise<void>((resolve) => dead.bind(0, '127.0.0.1', resolve));
    open.push(edge, { close: () => new Promise<void>((resolve) => dead.close(() => resolve())) });
    const leg = new OutgoingLeg(edge.core, { target: 'sip:op77@192.0.2.77', flow: { transport: 'udp', address: '127.0.0.1', port: dead.address().port }, from: '<sip:122@127.0.0.1>', sdp: SDP_B });
    const events = new EventLog(leg, OPERATOR_EVENTS);
    await leg.start();
    expect((await events.next('failed')).args).toEqual([408, 'timeout']);
  });

  it('fails with transport_error when the target cannot be resolved', async () => {
    const edge = await startEdge('udp');
    open.push(edge);
    const leg = new OutgoingLeg(edge.core, { target: 'sips:op77@127.0.0.1', from: '<sip:122@127.0.0.1>', sdp: SDP_B });
    const events = new EventLog(leg, OPERATOR_EVENTS);
    await leg.start();
    expect((await events.next('failed')).args).toEqual([503, 'transport_error']);
  });
});
