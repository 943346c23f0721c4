// Where a response goes (RFC 3261 §18.2.2, RFC 3581 §4), read from the request's top Via as stamped
// on arrival (via-received.ts). TCP and WS: back over the connection the request came on; a closed
// TCP connection is opened again to received (or sent-by) and the sent-by port. UDP: to received and
// rport when the client asked for it, else the sent-by port (5060 when none).
import type { Peer, SipRequest } from './message.ts';
import { topVia } from './transactions/fields.ts';
import type { Address } from './transport.ts';

export function responseDestination(request: SipRequest, source: Peer, connected: (to: Address) => boolean): Address | undefined {
  if (source.transport !== 'udp' && connected(source)) return { address: source.address, port: source.port };
  if (source.transport === 'ws') return undefined; // a browser cannot be called back
  const via = topVia(request);
  if (!via) return undefined;
  const address = (via.received ?? via.host).replace(/^\[(.*)\]$/, '$1');
  const port = source.transport === 'udp' && typeof via.rport === 'number' ? via.rport : (via.port ?? 5060);
  return { address, port };
}
