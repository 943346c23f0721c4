import { describe, expect, it } from 'vitest';
import { header, headers } from './message.ts';
import type { SipRequest, SipResponse } from './message.ts';
import { parseMessage } from './parse.ts';
import { reasonPhrase, responseTo, validateRequest, validateResponse } from './validate.ts';

const request = (lines: string[]) => parseMessage(Buffer.from([...lines, '', ''].join('\r\n'))) as SipRequest;
const response = (lines: string[]) => parseMessage(Buffer.from([...lines, '', ''].join('\r\n'))) as SipResponse;

const good = [
  'INVITE sip:bob@example.com SIP/2.0',
  'Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds',
  'Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bK1;received=192.0.2.1',
  'Max-Forwards: 70',
  'To: Bob <sip:bob@example.com>',
  'From: Alice <sip:alice@example.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.example.com',
  'CSeq: 314159 INVITE',
  'Contact: <sip:alice@pc33.example.com>;expires=60',
  'Timestamp: 54',
];
const without = (name: string) => good.filter((l) => !l.startsWith(`${name}:`));

describe('validateRequest', () => {
  it('passes a request with what RFC 3261 §8.2 requires', () => {
    expect(validateRequest(request(good))).toBeUndefined();
  });

  it.each(['To', 'From', 'Call-ID', 'CSeq', 'Via', 'Max-Forwards'])('needs %s', (name) => {
    expect(validateRequest(request(without(name)))).toBe(`no ${name} header field`);
  });

  it.each([
    [['To: <sip:other@example.com>'], /more than one To/],
    [['Call-ID: two@x'], /more than one Call-ID/],
    [['Via: SIP/2.0/UDP 192.0.2.15;;'], /empty parameter/],
    [['Contact: sip:a@b?x=y'], /must be enclosed in <>/],
    [['Contact: <sip:a@b>;expires=99999999999'], /expires/],
    [['Date: Fri, 01 Jan 2010 16:00:00 EST'], /not an RFC 1123 date in GMT/],
    [['Route: <sip:p1@example.com;lr>, junk'], /Route/],
    [['Expires: -1'], /Expires/],
  ])('refuses a request with %j', (extra, reason) => {
    expect(validateRequest(request([...good, ...extra]))).toMatch(reason);
  });

  it.each([
    ['CSeq: 1 BYE', /CSeq method "BYE" is not the request's method "INVITE"/],
    ['CSeq: 2147483648 INVITE', /not below 2\^31/],
    ['Max-Forwards: 256', /Max-Forwards "256"/],
  ])('refuses a request with %j instead', (line, reason) => {
    expect(validateRequest(request([...without(line.slice(0, line.indexOf(':'))), line]))).toMatch(reason);
  });

  it('refuses headers in the Request-URI, and a bad Call-ID', () => {
    expect(validateRequest(request([good[0]!.replace('bob@example.com', 'bob@example.com?Route=%3Csip:x%3E'), ...good.slice(1)]))).toMatch(/Request-URI must not have headers/);
    expect(validateRequest(request([...without('Call-ID'), 'Call-ID: a;b']))).toMatch(/Call-ID "a;b"/);
  });

  it('lets other URI schemes through (the UAS answers 416), and Contact: * on REGISTER', () => {
    expect(validateRequest(request(['OPTIONS tel:+74951234567 SIP/2.0', ...good.slice(1, 7), 'CSeq: 1 OPTIONS']))).toBeUndefined();
    expect(validateRequest(request(['REGISTER sip:example.com SIP/2.0', ...good.slice(1, 7), 'CSeq: 2 REGISTER', 'Contact: *', 'Expires: 0']))).toBeUndefined();
    expect(validateRequest(request(['OPTIONS sip:example.com SIP/2.0', ...good.slice(1, 7), 'CSeq: 2 OPTIONS', 'Contact: *']))).toMatch(/Contact/);
  });
});

describe('validateResponse', () => {
  const ok = ['SIP/2.0 200 OK', 'Via: SIP/2.0/UDP h;branch=z9hG4bK1', 'To: <sip:a@b>;tag=1', 'From: <sip:c@d>;tag=2', 'Call-ID: x@y', 'CSeq: 1 INVITE'];
  it('passes a well-formed response and refuses overlarge scalars (RFC 4475 §3.1.2.5)', () => {
    expect(validateResponse(response(ok))).toBeUndefined();
    expect(validateResponse(response([...ok, 'Warning: 1812 overture "In Progress"']))).toMatch(/Warning/);
    expect(validateResponse(response([...ok, 'Retry-After: 949302838503028349304023988']))).toMatch(/Retry-After/);
    expect(validateResponse(response(ok.filter((l) => !l.startsWith('Via'))))).toBe('no Via header field');
  });
});

describe('responseTo', () => {
  it('copies Via (all, in order), From, To, Call-ID, CSeq; tags To when asked; appends extra fields and body', () => {
    const req = request(good);
    const res = responseTo(req, 486, 'Busy Here', { toTag: 'b7', headers: [{ name: 'Retry-After', value: '30' }], body: Buffer.from('x') });
    expect(res).toMatchObject({ kind: 'response', status: 486, reason: 'Busy Here' });
    expect(res.headers).toEqual([
      { name: 'Via', value: 'SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds' },
      { name: 'Via', value: 'SIP/2.0/TCP proxy.example.com;branch=z9hG4bK1;received=192.0.2.1' },
      { name: 'From', value: 'Alice <sip:alice@example.com>;tag=1928301774' },
      { name: 'To', value: 'Bob <sip:bob@example.com>;tag=b7' },
      { name: 'Call-ID', value: 'a84b4c76e66710@pc33.example.com' },
      { name: 'CSeq', value: '314159 INVITE' },
      { name: 'Retry-After', value: '30' },
    ]);
    expect(res.body.toString()).toBe('x');
  });

  it('keeps a To tag already there, tags a bare addr-spec To correctly, and copies Timestamp into a 100', () => {
    const inDialog = request([...without('To'), 'To: <sip:bob@example.com>;tag=old']);
    expect(header(responseTo(inDialog, 200, 'OK', { toTag: 'new' }), 'To')).toBe('<sip:bob@example.com>;tag=old');
    const bare = request([...without('To'), 'To: sip:bob@example.com']);
    expect(header(responseTo(bare, 200, 'OK', { toTag: 't' }), 'To')).toBe('sip:bob@example.com;tag=t');
    expect(header(responseTo(request(good), 100, 'Trying'), 'Timestamp')).toBe('54');
    expect(headers(responseTo(request(good), 180, 'Ringing'), 'Timestamp')).toEqual([]);
    expect(header(responseTo(request(good), 100, 'Trying'), 'To')).toBe('Bob <sip:bob@example.com>');
  });

  it('makes a validation reason a safe reason phrase', () => {
    expect(reasonPhrase('Via "a\u0000b" <x>')).toBe("Via 'a b' 'x'");
    expect(reasonPhrase('x'.repeat(300))).toHaveLength(200);
  });
});
