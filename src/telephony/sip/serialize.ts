// A SipMessage to bytes: the start line, each header field on its own line in order, Content-Length
// from the body (whatever the fields said), an empty line, the body. A value holding a line break
// would let one field smuggle others in, so it is refused (a programming error, not the peer's).

import type { SipMessage } from './message.ts';
import { TOKEN } from './lexical.ts';

export function serializeMessage(m: SipMessage): Buffer {
  let head: string;
  if (m.kind === 'request') {
    if (!TOKEN.test(m.method)) throw new TypeError(`SIP method ${JSON.stringify(m.method)} is not a token`);
    if (/[\s]/.test(m.uri) || m.uri === '') throw new TypeError(`Request-URI ${JSON.stringify(m.uri)} has whitespace or is empty`);
    head = `${m.method} ${m.uri} SIP/2.0\r\n`;
  } else {
    if (!Number.isInteger(m.status) || m.status < 100 || m.status > 699) throw new TypeError(`SIP status ${m.status} is not between 100 and 699`);
    if (/[\r\n]/.test(m.reason)) throw new TypeError('the reason phrase has a line break');
    head = `SIP/2.0 ${m.status} ${m.reason}\r\n`;
  }
  for (const h of m.headers) {
    if (h.name === 'Content-Length') continue;
    if (!TOKEN.test(h.name)) throw new TypeError(`header name ${JSON.stringify(h.name)} is not a token`);
    if (/[\r\n]/.test(h.value)) throw new TypeError(`header ${h.name} has a line break in its value`);
    head += `${h.name}: ${h.value}\r\n`;
  }
  head += `Content-Length: ${m.body.length}\r\n\r\n`;
  return m.body.length > 0 ? Buffer.concat([Buffer.from(head, 'utf8'), m.body]) : Buffer.from(head, 'utf8');
}
