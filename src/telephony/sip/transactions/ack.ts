// The ACK a client INVITE transaction sends for a non-2xx final response (§17.1.1.3): the same
// Request-URI, Call-ID, From, CSeq number and single top Via as the INVITE, its Route set, and the
// response's To (with the tag the UAS chose). It is part of the INVITE's transaction, not one of its own.
import type { HeaderField, SipRequest, SipResponse } from '../message.ts';
import { header, headers } from '../message.ts';
import { cseqOf } from './fields.ts';

export function ackForNon2xx(invite: SipRequest, response: SipResponse): SipRequest {
  const fields: HeaderField[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined) fields.push({ name, value });
  };
  add('Via', header(invite, 'Via'));
  for (const route of headers(invite, 'Route')) add('Route', route);
  add('Max-Forwards', '70');
  add('From', header(invite, 'From'));
  add('To', header(response, 'To'));
  add('Call-ID', header(invite, 'Call-ID'));
  add('CSeq', `${cseqOf(invite)?.seq ?? 0} ACK`);
  add('Content-Length', '0');
  return { kind: 'request', method: 'ACK', uri: invite.uri, headers: fields, body: Buffer.alloc(0) };
}
