// The user agent core over real sockets: what it answers itself, out of any dialog or for one it does not know.
import { afterEach, describe, expect, it } from 'vitest';
import { request } from '../../../test/support/sip-messages.ts';
import { ScriptedPeer, field } from '../../../test/support/sip-peer.ts';
import { startEdge, trunkInvite } from '../../../test/support/sip-legs.ts';
import { headers } from './message.ts';
import { tagOf } from './name-addr.ts';
import { SipStack } from './stack.ts';
import { UserAgentCore, reply } from './ua-core.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function pair() {
  const edge = await startEdge('udp');
  const peer = await ScriptedPeer.start('udp');
  open.push(edge, peer);
  return { edge, peer, send: (m: Parameters<ScriptedPeer['send']>[0]) => peer.send(m, edge.address).final() };
}

describe('UserAgentCore', () => {
  it('answers OPTIONS out of dialog: 200 with a To tag, Allow, Accept and Supported', async () => {
    const { send } = await pair();
    const res = await send(request('OPTIONS', { noVia: true }));
    expect(res.status).toBe(200);
    expect(tagOf(field(res, 'To'))).toBeDefined();
    expect(headers(res, 'Allow')).toEqual(['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'INFO', 'UPDATE']);
    expect(headers(res, 'Accept')).toEqual(['application/sdp', 'application/dtmf-relay', 'application/dtmf']);
    expect(headers(res, 'Supported')).toEqual(['timer']);
  });

  it('481 for a request naming a dialog it does not have, and for BYE, INFO or UPDATE outside any', async () => {
    const { edge, send } = await pair();
    expect((await send(request('INFO', { noVia: true, toTag: 'nobody' }))).status).toBe(481);
    expect((await send(request('INVITE', { noVia: true, toTag: 'nobody', extra: [{ name: 'Contact', value: '<sip:x@127.0.0.1>' }] }))).status).toBe(481);
    expect((await send(request('BYE', { noVia: true }))).status).toBe(481);
    expect(edge.core.unknownDialogs).toBe(2);
  });

  it('405 with Allow for a method it knows but does not serve, 501 for one it does not know; a handled method is served and listed', async () => {
    const { edge, send } = await pair();
    const register = await send(request('REGISTER', { noVia: true }));
    expect(register.status).toBe(405);
    expect(headers(register, 'Allow')).not.toContain('REGISTER');
    expect((await send(request('FROBNICATE', { noVia: true }))).status).toBe(501);
    edge.core.handle('REGISTER', (tx, req) => reply(tx, req, 200, 'OK'));
    expect((await send(request('REGISTER', { noVia: true, callId: 'r2' }))).status).toBe(200);
    expect(headers(await send(request('OPTIONS', { noVia: true, callId: 'o2' })), 'Allow')).toContain('REGISTER');
  });

  it('420 with Unsupported for a Require it does not know (timer it does)', async () => {
    const { send } = await pair();
    const res = await send(request('OPTIONS', { noVia: true, extra: [{ name: 'Require', value: '100rel, timer' }] }));
    expect(res.status).toBe(420);
    expect(headers(res, 'Unsupported')).toEqual(['100rel']);
  });

  it('refuses an INVITE without Contact (400), with a session interval below its Min-SE (422 with Min-SE), and without a handler (503)', async () => {
    const { peer, edge } = await pair();
    const noContact = request('INVITE', { noVia: true, callId: 'c1' });
    expect((await peer.send(noContact, edge.address).final()).status).toBe(400);
    const short = trunkInvite(peer.address, {
      callId: 'c2',
      extra: [
        { name: 'Supported', value: 'timer' },
        { name: 'Session-Expires', value: '60' },
      ],
    });
    const refused = await peer.send(short, edge.address).final();
    expect([refused.status, field(refused, 'Min-SE')]).toEqual([422, '90']);
    const bare = await SipStack.listen({ udp: 0 });
    open.push(bare);
    new UserAgentCore(bare);
    expect((await peer.send(trunkInvite(peer.address, { callId: 'c3' }), bare.addresses[0]!).final()).status).toBe(503);
  });

  it('refuses a session timer policy below RFC 4028’s floor', async () => {
    const stack = await SipStack.listen({ udp: 0 });
    open.push(stack);
    expect(() => new UserAgentCore(stack, { sessionTimer: { interval: 60, minSE: 30 } })).toThrow(RangeError);
  });
});
