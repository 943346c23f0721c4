import { describe, expect, it } from 'vitest';
import { SipParseError } from './errors.ts';
import { formatUri, parseUri } from './uri.ts';

describe('parseUri', () => {
  it('reads every part of a SIP URI', () => {
    const u = parseUri('sips:alice:secret@Example.COM:5061;transport=tcp;lr?subject=project%20x&priority=urgent');
    expect(u).toEqual({
      scheme: 'sips',
      user: 'alice',
      password: 'secret',
      host: 'Example.COM',
      port: 5061,
      params: new Map([
        ['transport', 'tcp'],
        ['lr', null],
      ]),
      headers: [
        ['subject', 'project x'],
        ['priority', 'urgent'],
      ],
    });
  });

  it('reads hosts without a user: names, IPv4, IPv6 references', () => {
    const v4 = parseUri('sip:192.0.2.4');
    expect([v4.host, v4.port, v4.user]).toEqual(['192.0.2.4', undefined, undefined]);
    expect(parseUri('sip:[2001:db8::10]:5070;maddr=[::1]')).toMatchObject({ host: '[2001:db8::10]', port: 5070, params: new Map([['maddr', '[::1]']]) });
    expect(parseUri('SIP:host.example.com.')).toMatchObject({ scheme: 'sip', host: 'host.example.com.' });
  });

  it('unescapes user, password and parameters once (RFC 4475 §3.1.1.3), %00 included', () => {
    expect(parseUri('sip:sips%3Auser%40example.com@example.net').user).toBe('sips:user@example.com');
    const c = parseUri('sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31');
    expect(c.user).toBe('caller');
    expect([...c.params]).toEqual([
      ['lr', null],
      ['name', 'value%41'],
    ]);
    expect(parseUri('sip:null-%00-null@example.com').user).toBe('null-\0-null');
    expect(parseUri('sip:%D0%B8%D0%B2@h').user).toBe('ив');
  });

  it("takes ';' '?' and '/' in the user part (RFC 4475 §3.1.1.2, §3.1.1.9)", () => {
    const u = parseUri("sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com");
    expect(u.user).toBe("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    expect(u.password).toBe("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    expect(u.host).toBe('example.com');
    expect(parseUri('sip:user;par=u%40example.net@example.com').user).toBe('user;par=u@example.net');
  });

  it.each([
    'tel:+74951234567',
    'sip:',
    'sip:user@',
    'sip:@host',
    'sip:a@b@c',
    'sip:us er@host',
    'sip:user@ho st',
    'sip:user@host:99999',
    'sip:user@host:port',
    'sip:user@[2001:db8::zz]',
    'sip:user@[::1]x',
    'sip:user@host;;lr',
    'sip:user@host;a=1;a=2',
    'sip:user@host?novalue',
    'sip:user%4@host',
    'sip:user@1.2.3.999',
    'sip:user@-host',
  ])('refuses %j with a SipParseError', (text) => {
    expect(() => parseUri(text)).toThrow(SipParseError);
  });
});

describe('formatUri', () => {
  it('escapes what each part may not hold, so format and parse agree', () => {
    const u = parseUri('sip:sips%3Auser%40example.com:p%40ss@example.net:5060;n%61me=a%20b?h=%3Csip:x%3E');
    const text = formatUri(u);
    expect(text).toBe('sip:sips%3Auser%40example.com:p%40ss@example.net:5060;name=a%20b?h=%3Csip:x%3E');
    expect(parseUri(text)).toEqual(u);
  });

  it('writes UTF-8 and NUL as %-escapes', () => {
    const u = parseUri('sip:h');
    u.user = 'ив\0';
    expect(formatUri(u)).toBe('sip:%D0%B8%D0%B2%00@h');
  });
});
