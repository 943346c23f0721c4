import { describe, expect, it } from 'vitest';
import { SipParseError } from './errors.ts';
import { formatNameAddr, parseNameAddr, tagOf } from './name-addr.ts';

describe('parseNameAddr', () => {
  it('reads a quoted display name, the URI in <> and header parameters', () => {
    expect(parseNameAddr('"Alice \\"A\\" Smith" <sip:alice@example.com;transport=tcp>;tag=1928301774;expires=60')).toEqual({
      displayName: 'Alice "A" Smith',
      uri: 'sip:alice@example.com;transport=tcp',
      params: new Map([
        ['tag', '1928301774'],
        ['expires', '60'],
      ]),
    });
  });

  it('reads an unquoted display name of tokens, with or without LWS before <', () => {
    expect(parseNameAddr('A. Bell <sip:a.g.bell@example.com>;tag=qweoiqpe').displayName).toBe('A. Bell');
    expect(parseNameAddr('caller<sip:caller@example.com>;tag=323')).toMatchObject({ displayName: 'caller', uri: 'sip:caller@example.com' });
    expect(parseNameAddr('<sip:a@b>').displayName).toBeUndefined();
  });

  it('gives the parameters after a bare addr-spec to the header, not the URI', () => {
    expect(parseNameAddr('sip:caller@example.net;tag=134161461246')).toEqual({ uri: 'sip:caller@example.net', params: new Map([['tag', '134161461246']]) });
  });

  it('takes SWS around ; and = (RFC 4475 §3.1.1.1) and parameters without a value', () => {
    const na = parseNameAddr('"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam = newvalue ; secondparam ; q = 0.33');
    expect(na.displayName).toBe('Quoted string ""');
    expect([...na.params]).toEqual([
      ['newparam', 'newvalue'],
      ['secondparam', null],
      ['q', '0.33'],
    ]);
  });

  it('takes URIs of other schemes (RFC 4475 §3.3.2)', () => {
    expect(parseNameAddr('isbn:2983792873').uri).toBe('isbn:2983792873');
    expect(parseNameAddr('<http://www.example.com>;tag=3234233').uri).toBe('http://www.example.com');
  });

  it.each([
    ['"Mr. J. User <sip:j.user@example.com>', /does not close/],
    ['Bell, Alexander <sip:a.g.bell@example.com>;tag=43', /must be quoted/],
    ['"Watson, Thomas" < sip:t.watson@example.org >', /is not a URI/],
    ['sip:user@example.com?Route=%3Csip:sip.example.com%3E', /must be enclosed in <>/],
    ['"Joe" <sip:joe@example.org>;;;;', /empty parameter/],
    ['<sip:a@b', /no closing >/],
    ['"x" sip:a@b', /followed by <URI>/],
    ['<sip:a@b>;tag=1;tag=2', /appears twice/],
    ['<sip:a@b>;tag=a b', /not a token, host or quoted string/],
    ['<sip:a@b>junk', /not a list of ;parameters/],
    ['<sip:a b@c>', /is not a URI/],
    ['', /empty/],
  ])('refuses %j', (text, reason) => {
    let error: unknown;
    try {
      parseNameAddr(text, 'To');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SipParseError);
    expect((error as SipParseError).reason).toMatch(reason);
  });
});

describe('formatNameAddr and tagOf', () => {
  it('always writes <>, quoting the display name', () => {
    expect(formatNameAddr(parseNameAddr('Bob <sip:bob@b>;tag=9'))).toBe('"Bob" <sip:bob@b>;tag=9');
    expect(formatNameAddr(parseNameAddr('sip:bob@b;tag=9'))).toBe('<sip:bob@b>;tag=9');
    expect(formatNameAddr({ displayName: 'a"b\\', uri: 'sip:x@y', params: new Map() })).toBe('"a\\"b\\\\" <sip:x@y>');
  });

  it('finds the tag, or undefined', () => {
    expect(tagOf('<sip:a@b>;tag=xyz')).toBe('xyz');
    expect(tagOf('<sip:a@b;tag=uri-param>')).toBeUndefined();
    expect(tagOf('"broken')).toBeUndefined();
    expect(tagOf(undefined)).toBeUndefined();
  });
});
