// Requests inside a dialog (RFC 3261 §12.2.1.1): To, From and Call-ID from the dialog, the next local
// CSeq (an ACK of a 2xx keeps its INVITE's, §13.2.2.4), and the route set as Route. Loose routing: the
// remote target is the Request-URI and every route a Route; a strict router (no `lr`) takes the
// Request-URI itself, and the remote target goes last in Route. The stack puts our Via on top.
import type { Dialog } from './dialog.ts';
import type { HeaderField, SipRequest } from './message.ts';
import { parseNameAddr } from './name-addr.ts';
import { parseUri, uriScheme } from './uri.ts';

export interface DialogRequestParts {
  /** Our Contact URI: sent on target refresh requests (INVITE, UPDATE), §12.2.1.1. */
  contact?: string;
  /** After the dialog's fields, before the body's. */
  headers?: HeaderField[];
  body?: { type: string; data: string | Buffer };
}

/** A new request in `dialog` (its CSeq number is the dialog's next). */
export function dialogRequest(dialog: Dialog, method: string, parts: DialogRequestParts = {}): SipRequest {
  return build(dialog, method, dialog.nextLocalSeq(), parts);
}

/** The ACK of a 2xx to our INVITE with CSeq number `seq` (§13.2.2.4): the INVITE's number, a body only when the INVITE had no offer. */
export function dialogAck(dialog: Dialog, seq: number, parts: Omit<DialogRequestParts, 'contact'> = {}): SipRequest {
  return build(dialog, 'ACK', seq, parts);
}

/** The URI to send a dialog's requests to (§8.1.2): the first route, else the remote target. */
export function nextHop(dialog: Dialog): string {
  const first = dialog.routeSet[0];
  return first === undefined ? dialog.remoteTarget : parseNameAddr(first, 'Route').uri;
}

/** Request-URI and Route values for the dialog's route set (§12.2.1.1). */
export function routing(routeSet: string[], remoteTarget: string): { uri: string; routes: string[] } {
  const first = routeSet[0];
  if (first === undefined) return { uri: remoteTarget, routes: [] };
  const firstUri = parseNameAddr(first, 'Route').uri;
  if (isLooseRouter(firstUri)) return { uri: remoteTarget, routes: routeSet };
  // A strict router: its URI, stripped of what a Request-URI may not carry, is the Request-URI.
  return { uri: requestUriOf(firstUri), routes: [...routeSet.slice(1), `<${remoteTarget}>`] };
}

function isLooseRouter(uri: string): boolean {
  const scheme = uriScheme(uri);
  return (scheme === 'sip' || scheme === 'sips') && parseUri(uri).params.has('lr');
}

/** §19.1.1 (Table 1): method and headers may not appear in a Request-URI. */
function requestUriOf(uri: string): string {
  return uri.replace(/\?.*$/, '').replace(/;method=[^;?]*/i, '');
}

function build(dialog: Dialog, method: string, seq: number, parts: DialogRequestParts): SipRequest {
  const { uri, routes } = routing(dialog.routeSet, dialog.remoteTarget);
  const fields: HeaderField[] = [
    ...routes.map((value) => ({ name: 'Route', value })),
    { name: 'Max-Forwards', value: '70' },
    { name: 'From', value: dialog.localParty },
    { name: 'To', value: dialog.remoteParty },
    { name: 'Call-ID', value: dialog.callId },
    { name: 'CSeq', value: `${seq} ${method}` },
  ];
  if (parts.contact !== undefined) fields.push({ name: 'Contact', value: `<${parts.contact}>` });
  fields.push(...(parts.headers ?? []));
  let body: Buffer = Buffer.alloc(0);
  if (parts.body) {
    fields.push({ name: 'Content-Type', value: parts.body.type });
    body = Buffer.isBuffer(parts.body.data) ? parts.body.data : Buffer.from(parts.body.data, 'utf8');
  }
  return { kind: 'request', method, uri, headers: fields, body };
}
