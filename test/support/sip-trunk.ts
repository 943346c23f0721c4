// A SIP trunk for the edge's tests: one request from an address of this machine (127.0.0.1 or
// another loopback address, so the edge can tell trunks from strangers), its final response.
import { once } from 'node:events';
import type { Peer, SipResponse } from '../../src/telephony/sip/message.ts';
import { SipStack } from '../../src/telephony/sip/stack.ts';
import { audioSdp } from './rtp.ts';
import { request } from './sip-messages.ts';
import { uid } from './telephony.ts';

/** One request from `host` to the edge for `user` (an INVITE carries an SDP offer); its final response. */
export async function ask(edgeAt: Peer, host: string, method: string, user: string): Promise<SipResponse> {
  const stack = await SipStack.listen({ host, udp: 0 });
  try {
    const base = request(method, {
      noVia: true,
      uri: `sip:${user}@127.0.0.1:${edgeAt.port}`,
      callId: uid('sip'),
      extra: [{ name: 'Contact', value: `<sip:trunk@${host}:${stack.addresses[0]!.port}>` }],
    });
    const offer = method === 'INVITE';
    const req = offer
      ? { ...base, headers: [...base.headers.filter((h) => h.name !== 'Content-Length'), { name: 'Content-Type', value: 'application/sdp' }], body: Buffer.from(audioSdp(40000, 1)) }
      : base;
    const tx = stack.sendRequest(req, edgeAt);
    const [response] = (await once(tx, 'final')) as [SipResponse];
    return response;
  } finally {
    await stack.close();
  }
}
