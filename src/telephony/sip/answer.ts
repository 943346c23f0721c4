// A response built by the stack itself (the CANCEL's 200 or 481, 503 with no TU, 500 when the TU threw):
// the request's Via, From, To (with a tag), Call-ID and CSeq (§8.2.6.2).
import { randomBytes } from 'node:crypto';
import type { HeaderField, SipRequest, SipResponse } from './message.ts';
import { tagOf } from './transactions/fields.ts';

export function answer(request: SipRequest, status: number, reason: string, toTag?: string): SipResponse {
  const fields: HeaderField[] = [];
  for (const h of request.headers) {
    if (h.name === 'To') {
      const tag = tagOf(h.value) ?? toTag ?? randomBytes(6).toString('hex');
      fields.push({ name: 'To', value: tagOf(h.value) ? h.value : `${h.value};tag=${tag}` });
    } else if (['Via', 'From', 'Call-ID', 'CSeq', 'Timestamp'].includes(h.name)) {
      fields.push(h);
    }
  }
  return { kind: 'response', status, reason, headers: fields, body: Buffer.alloc(0) };
}
