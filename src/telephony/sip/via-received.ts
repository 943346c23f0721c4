// What a server adds to the top Via of a request it receives (RFC 3261 §18.2.1, RFC 3581): `received`
// with the source address when sent-by names another host (or rport was asked for), and the source
// port in an empty `rport`. Responses then find the way back through NATs (response-route.ts).
import type { Peer, SipRequest } from './message.ts';
import { readVia } from './transactions/fields.ts';

export function stampReceived(request: SipRequest, source: Peer): void {
  const index = request.headers.findIndex((h) => h.name === 'Via');
  const field = request.headers[index];
  if (!field) return;
  const via = readVia(field.value);
  if (!via) return;
  const rport = via.params.has('rport');
  const host = via.host.replace(/^\[(.*)\]$/, '$1');
  if (!rport && host === source.address.toLowerCase()) return;
  const [sentBy, ...params] = field.value.split(';');
  const kept = params.filter((p) => !/^\s*received\s*(=|$)/i.test(p)).map((p) => (/^\s*rport\s*(=|$)/i.test(p) ? `rport=${source.port}` : p));
  request.headers[index] = { name: 'Via', value: [sentBy, ...kept, `received=${source.address}`].join(';') };
}
