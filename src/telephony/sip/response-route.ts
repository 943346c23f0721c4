// Where a response goes (RFC 3261 §18.2.2, RFC 3581 §4), read from the request's top Via as stamped
// on arrival (via-received.ts). TCP and WS: back over the connection the request came on; a closed
// TCP connection is opened again to received (or sent-by) and the sent-by port. UDP: to received and
// rport when the client asked for it, else the sent-by port (5060 when none).
import type { Peer, SipRequest } from './message.ts';
import { header } from './message.ts';
import { readVia } from './transactions/fields.ts';
import type { Address } from './transport.ts';

export function responseDestination(request: SipRequest, source: Peer, connected: (to: Address) => boolean): Address | undefined {
  if (source.transport !== 'udp' && connected(source)) return { address: source.address, port: source.port };
  if (source.transport === 'ws') return undefined; // a browser cannot be called back
  const value = header(request, 'Via');
  const via = value === undefined ? undefined : readVia(value);
  if (!via) return undefined;
  const address = via.params.get('received') || via.host.replace(/^\[(.*)\]$/, '$1');
  const rport = Number(via.params.get('rport'));
  const port = source.transport === 'udp' && Number.isInteger(rport) && rport > 0 ? rport : (via.port ?? 5060);
  return { address, port };
}
