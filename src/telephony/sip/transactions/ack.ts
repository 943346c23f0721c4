// The ACK a client INVITE transaction sends for a non-2xx final response (§17.1.1.3): the same
// Request-URI, Call-ID, From, CSeq number and single top Via as the INVITE, its Route set, and the
// response's To (with the tag the UAS chose). It is part of the INVITE's transaction, not one of its own.
import type { HeaderField, SipRequest, SipResponse } from '../message.ts';
import { header, headers } from '../message.ts';
import { cseqOf } from './fields.ts';

/**
 * A request that travels with an INVITE's own transaction hop by hop (§9.1, §17.1.1.3): the
 * INVITE's Request-URI, top Via (same branch), Route set, From, Call-ID and CSeq number.
 */
export function sameHopAs(invite: SipRequest, method: 'ACK' | 'CANCEL', to: string | undefined): SipRequest {
  const fields: HeaderField[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined) fields.push({ name, value });
  };
  add('Via', header(invite, 'Via'));
  for (const route of headers(invite, 'Route')) add('Route', route);
  add('Max-Forwards', '70');
  add('From', header(invite, 'From'));
  add('To', to);
  add('Call-ID', header(invite, 'Call-ID'));
  add('CSeq', `${cseqOf(invite)?.seq ?? 0} ${method}`);
  add('Content-Length', '0');
  return { kind: 'request', method, uri: invite.uri, headers: fields, body: Buffer.alloc(0) };
}

/** The ACK of a non-2xx final response: the To of the response (with its tag). */
export function ackForNon2xx(invite: SipRequest, response: SipResponse): SipRequest {
  return sameHopAs(invite, 'ACK', header(response, 'To'));
}
