// How messages find their transaction. Client side (§17.1.3): the top Via's branch and the CSeq method.
// Server side (§17.2.3): branch (with the magic cookie), sent-by and method, an ACK counting as its
// INVITE; a CANCEL has a key of its own, and cancelTarget() names the INVITE it cancels. A request
// from an RFC 2543 peer (no magic cookie) falls back to its dialog fields and top Via.
import type { SipMessage, SipRequest } from '../message.ts';
import { header } from '../message.ts';
import { BRANCH_COOKIE, cseqOf, tagOf, topVia } from './fields.ts';

/** The client transaction a response (or the request that creates it) belongs to; undefined when unreadable. */
export function clientKey(message: SipMessage): string | undefined {
  const branch = topVia(message)?.branch;
  const cseq = cseqOf(message);
  if (!branch || !cseq) return undefined;
  return `${branch}|${cseq.method}`;
}

/** The server transaction a request belongs to, as if its method were `method` (default: its own; ACK → INVITE). */
export function serverKey(request: SipRequest, method = request.method): string | undefined {
  const via = topVia(request);
  const cseq = cseqOf(request);
  if (!via || !cseq) return undefined;
  const m = method === 'ACK' ? 'INVITE' : method;
  if (via.branch?.startsWith(BRANCH_COOKIE)) return `${via.branch}|${via.host.toLowerCase()}:${via.port ?? ''}|${m}`;
  // RFC 2543 peers: Request-URI, From tag, Call-ID, CSeq number and top Via (the To tag is left out: the ACK's differs from the INVITE's).
  const callId = header(request, 'Call-ID');
  if (!callId) return undefined;
  return `2543|${request.uri}|${tagOf(header(request, 'From')) ?? ''}|${callId}|${cseq.seq}|${header(request, 'Via')}|${m}`;
}

/** The key of the INVITE server transaction a CANCEL cancels (§9.2: same as the CANCEL's, method INVITE). */
export function cancelTarget(cancel: SipRequest): string | undefined {
  return serverKey(cancel, 'INVITE');
}
