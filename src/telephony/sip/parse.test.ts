import { describe, expect, it } from 'vitest';
import { header, headers } from './message.ts';
import { PARSE_LIMITS, SipParseError, parseMessage } from './parse.ts';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

function reasonOf(data: Buffer, opts?: { stream?: boolean }): string {
  try {
    parseMessage(data, opts);
  } catch (e) {
    if (e instanceof SipParseError) return e.reason;
    throw e;
  }
  throw new Error('parsed');
}

const invite = [
  'INVITE sip:bob@example.com SIP/2.0',
  'Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds',
  'Max-Forwards: 70',
  'To: Bob <sip:bob@example.com>',
  'From: Alice <sip:alice@example.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.example.com',
  'CSeq: 314159 INVITE',
  'Contact: <sip:alice@pc33.example.com>',
  'Content-Type: text/plain',
  'Content-Length: 5',
  '',
  'hello',
];

describe('parseMessage', () => {
  it('reads a request: method, Request-URI, fields in order, body', () => {
    const m = parseMessage(crlf(invite));
    expect(m).toMatchObject({ kind: 'request', method: 'INVITE', uri: 'sip:bob@example.com' });
    expect(m.headers.map((h) => h.name)).toEqual(['Via', 'Max-Forwards', 'To', 'From', 'Call-ID', 'CSeq', 'Contact', 'Content-Type', 'Content-Length']);
    expect(m.body.toString()).toBe('hello');
  });

  it('reads a response with a reason phrase of several words, in UTF-8, or none', () => {
    const ok = parseMessage(crlf(['SIP/2.0 180 Ringing Now', 'Content-Length: 0', '', '']));
    expect(ok).toMatchObject({ kind: 'response', status: 180, reason: 'Ringing Now' });
    expect(parseMessage(crlf(['SIP/2.0 200 Всё хорошо', '', '']))).toMatchObject({ reason: 'Всё хорошо' });
    expect(parseMessage(crlf(['SIP/2.0 100 ', '', '']))).toMatchObject({ status: 100, reason: '' });
  });

  it('unfolds continuation lines, trims LWS around the colon, expands compact and case-insensitive names', () => {
    const m = parseMessage(crlf(['OPTIONS sip:a@b SIP/2.0', 'SUBJECT  :  one', '\t two', 'i:x@y', 'cSEQ: 1 OPTIONS', 'l: 0', '', '']));
    expect(header(m, 'Subject')).toBe('one two');
    expect(header(m, 'call-id')).toBe('x@y');
    expect(m.headers.map((h) => h.name)).toEqual(['Subject', 'Call-ID', 'CSeq', 'Content-Length']);
  });

  it('splits list headers at commas, but not inside quotes or <URIs>, and never Authorization, WWW-Authenticate or Date', () => {
    const m = parseMessage(
      crlf([
        'REGISTER sip:r SIP/2.0',
        'Via: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2',
        'Contact: "Smith, J" <sip:j@h;x=a,b>;q=0.5, <sip:k@h>',
        'Allow: INVITE, ACK,BYE',
        'Authorization: Digest username="a", realm="b", nonce="c"',
        'WWW-Authenticate: Digest realm="b", qop="auth,auth-int"',
        'Proxy-Authorization: Digest username="a", realm="b"',
        'Date: Sat, 13 Nov 2010 23:29:00 GMT',
        'X-Unknown: a, b',
        '',
        '',
      ]),
    );
    expect(headers(m, 'Via')).toEqual(['SIP/2.0/UDP a;branch=z9hG4bK1', 'SIP/2.0/UDP b;branch=z9hG4bK2']);
    expect(headers(m, 'Contact')).toEqual(['"Smith, J" <sip:j@h;x=a,b>;q=0.5', '<sip:k@h>']);
    expect(headers(m, 'Allow')).toEqual(['INVITE', 'ACK', 'BYE']);
    expect(headers(m, 'Authorization')).toEqual(['Digest username="a", realm="b", nonce="c"']);
    expect(headers(m, 'WWW-Authenticate')).toHaveLength(1);
    expect(headers(m, 'Proxy-Authorization')).toHaveLength(1);
    expect(header(m, 'Date')).toBe('Sat, 13 Nov 2010 23:29:00 GMT');
    expect(header(m, 'X-Unknown')).toBe('a, b');
  });

  it('keeps an empty list header as one empty field, and a BOM at the start of a value', () => {
    const m = parseMessage(crlf(['OPTIONS sip:a@b SIP/2.0', 'Supported:', 'X-Bom:\uFEFFv', '', '']));
    expect(headers(m, 'Supported')).toEqual(['']);
    expect(header(m, 'X-Bom')).toBe('\uFEFFv');
  });

  it('over UDP: no Content-Length means the rest of the datagram; bytes past it are dropped; fewer bytes than it is an error', () => {
    expect(parseMessage(crlf(['OPTIONS sip:a@b SIP/2.0', '', 'rest'])).body.toString()).toBe('rest');
    expect(parseMessage(crlf(['OPTIONS sip:a@b SIP/2.0', 'Content-Length: 2', '', 'rest'])).body.toString()).toBe('re');
    expect(reasonOf(crlf(['OPTIONS sip:a@b SIP/2.0', 'Content-Length: 9', '', 'rest']))).toMatch(/Content-Length is 9 but only 4 bytes/);
  });

  it('over a stream: Content-Length is mandatory and must match the frame exactly', () => {
    expect(reasonOf(crlf(['OPTIONS sip:a@b SIP/2.0', '', '']), { stream: true })).toMatch(/mandatory on a stream/);
    expect(reasonOf(crlf(['OPTIONS sip:a@b SIP/2.0', 'l: 1', '', 'ab']), { stream: true })).toMatch(/in this frame/);
    expect(parseMessage(crlf(['OPTIONS sip:a@b SIP/2.0', 'l: 2', '', 'ab']), { stream: true }).body.toString()).toBe('ab');
  });

  it('refuses a negative, non-numeric or conflicting Content-Length', () => {
    expect(reasonOf(crlf(['OPTIONS sip:a@b SIP/2.0', 'Content-Length: -1', '', '']))).toMatch(/Content-Length "-1"/);
    expect(reasonOf(crlf(['OPTIONS sip:a@b SIP/2.0', 'Content-Length: 99999999999', '', '']))).toMatch(/Content-Length/);
    expect(reasonOf(crlf(['OPTIONS sip:a@b SIP/2.0', 'Content-Length: 0', 'l: 1', '', 'x']))).toMatch(/disagree/);
  });

  it('accepts bare LF line ends and CRLFs before the start line', () => {
    const m = parseMessage(Buffer.from('\r\n\r\nOPTIONS sip:a@b SIP/2.0\nCall-ID: x\n\n'));
    expect(header(m, 'Call-ID')).toBe('x');
  });

  it.each([
    ['', /empty/],
    ['OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n', /does not end with an empty line/],
    ['OPTIONS  sip:a@b SIP/2.0\r\n\r\n', /line 1: a request line/],
    ['OPTIONS sip:a@b SIP/2.0 \r\n\r\n', /line 1: a request line/],
    ['OPTIONS <sip:a@b> SIP/2.0\r\n\r\n', /not an absolute URI/],
    ['OPT(IONS sip:a@b SIP/2.0\r\n\r\n', /not a token/],
    ['OPTIONS sip:a@b SIP/3.0\r\n\r\n', /version 3.0 is not supported/],
    ['OPTIONS sip:a@b HTTP/1.1\r\n\r\n', /not a SIP version/],
    ['SIP/2.0 4294967301 Big\r\n\r\n', /line 1: not a status line/],
    ['SIP/2.0 099 Low\r\n\r\n', /not between 100 and 699/],
    ['OPTIONS sip:a@b SIP/2.0\r\n folded: first\r\n\r\n', /line 2 starts with whitespace/],
    ['OPTIONS sip:a@b SIP/2.0\r\nNo colon here\r\n\r\n', /line 2: a header field needs a colon/],
    ['OPTIONS sip:a@b SIP/2.0\r\nBad Name: x\r\n\r\n', /line 2: "Bad Name" is not a header name/],
    ['OPTIONS sip:a@b SIP/2.0\r\nX: a\rb\r\n\r\n', /line 2 has a CR/],
    ['OPTIONS sip:a@b SIP/2.0\r\nContact: "open, <sip:a@b>\r\n\r\n', /line 2: Contact has a quoted string with no closing quote/],
  ])('refuses %j', (text, reason) => {
    expect(reasonOf(Buffer.from(text, 'utf8'))).toMatch(reason);
  });

  it('bounds what hostile input can cost: message size, line length, lines, fields', () => {
    const big = Buffer.alloc(PARSE_LIMITS.maxMessageBytes + 1, 'a');
    expect(reasonOf(big)).toMatch(/more than the limit/);
    expect(reasonOf(Buffer.from(`OPTIONS sip:a@b SIP/2.0\r\nX: ${'a'.repeat(PARSE_LIMITS.maxLineBytes)}\r\n\r\n`))).toMatch(/line 2 is longer than/);
    expect(reasonOf(Buffer.from(`OPTIONS sip:a@b SIP/2.0\r\n${'X: a\r\n'.repeat(PARSE_LIMITS.maxLines)}\r\n`))).toMatch(/more than 512 lines/);
    expect(reasonOf(Buffer.from(`OPTIONS sip:a@b SIP/2.0\r\nX: ${'a'.repeat(5000)}\r\n ${'b'.repeat(5000)}\r\n\r\n`))).toMatch(/line 2: the header field is longer than 8000 bytes/);
    expect(reasonOf(Buffer.from(`OPTIONS sip:a@b SIP/2.0\r\nAllow: ${'A,'.repeat(PARSE_LIMITS.maxFields + 1)}\r\n\r\n`))).toMatch(/more than 500 header fields/);
  });
});
