// Requests on their way out: this stack's Via on top (a fresh branch with the magic cookie, `rport`
// asked for, RFC 3581) unless the TU already put one there (a CANCEL carries its INVITE's, §9.1), and
// the CANCEL of an INVITE built per §9.1.
import { randomBytes } from 'node:crypto';
import type { HeaderField, SipRequest } from './message.ts';
import { header, headers } from './message.ts';
import { BRANCH_COOKIE, cseqOf, topVia } from './transactions/fields.ts';

export function newBranch(): string {
  return `${BRANCH_COOKIE}${randomBytes(9).toString('base64url')}`;
}

/** A To or From tag (§19.3: at least 32 bits of randomness). */
export function newTag(): string {
  return randomBytes(6).toString('hex');
}

/** `request` with this stack's Via on top, unless its top Via already has a branch with the magic cookie. */
export function withOwnVia(request: SipRequest, transport: string, sentBy: string): SipRequest {
  if (topVia(request)?.branch?.startsWith(BRANCH_COOKIE)) return request;
  const via: HeaderField = { name: 'Via', value: `SIP/2.0/${transport.toUpperCase()} ${sentBy};branch=${newBranch()};rport` };
  return { ...request, headers: [via, ...request.headers] };
}

/** The CANCEL of `invite` (§9.1): its Request-URI, top Via, Route set, From, To, Call-ID and CSeq number. */
export function cancelFor(invite: SipRequest): SipRequest {
  const fields: HeaderField[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined) fields.push({ name, value });
  };
  add('Via', header(invite, 'Via'));
  for (const route of headers(invite, 'Route')) add('Route', route);
  add('Max-Forwards', '70');
  add('From', header(invite, 'From'));
  add('To', header(invite, 'To'));
  add('Call-ID', header(invite, 'Call-ID'));
  add('CSeq', `${cseqOf(invite)?.seq ?? 0} CANCEL`);
  return { kind: 'request', method: 'CANCEL', uri: invite.uri, headers: fields, body: Buffer.alloc(0) };
}
