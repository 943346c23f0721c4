// What a server adds to the top Via of a request it receives (RFC 3261 §18.2.1, RFC 3581): `received`
// with the source address when sent-by names another host (or rport was asked for), and the source
// port in an empty `rport`. Responses then find the way back through NATs (response-route.ts).
import type { Peer, SipRequest } from './message.ts';
import { formatVia, parseVia } from './via.ts';
import type { Via } from './via.ts';

export function stampReceived(request: SipRequest, source: Peer): void {
  const index = request.headers.findIndex((h) => h.name === 'Via');
  const field = request.headers[index];
  if (!field) return;
  let via: Via;
  try {
    via = parseVia(field.value);
  } catch {
    return;
  }
  const rport = via.rport !== undefined;
  const host = via.host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (!rport && host === source.address.toLowerCase()) return;
  via.received = source.address;
  if (rport) via.rport = source.port;
  request.headers[index] = { name: 'Via', value: formatVia(via) };
}
