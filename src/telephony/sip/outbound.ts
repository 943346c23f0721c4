// Requests on their way out: this stack's Via on top (a fresh branch with the magic cookie, `rport`
// asked for, RFC 3581) unless the TU already put one there (a CANCEL carries its INVITE's, §9.1), and
// the CANCEL of an INVITE built per §9.1.
import { randomBytes } from 'node:crypto';
import type { HeaderField, SipRequest } from './message.ts';
import { header } from './message.ts';
import { sameHopAs } from './transactions/ack.ts';
import { BRANCH_COOKIE, topVia } from './transactions/fields.ts';

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
  return sameHopAs(invite, 'CANCEL', header(invite, 'To'));
}
