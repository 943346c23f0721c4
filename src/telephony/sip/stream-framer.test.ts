import { describe, expect, it } from 'vitest';
import { header } from './message.ts';
import { SipParseError } from './errors.ts';
import { StreamFramer } from './stream-framer.ts';

const msg = (callId: string, body = '') => `OPTIONS sip:a@b SIP/2.0\r\nCall-ID: ${callId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('StreamFramer', () => {
  it('cuts messages out of a stream however it is chunked, one byte at a time included', () => {
    const stream = Buffer.from(msg('one', 'body-1') + msg('two') + msg('three', 'тело'));
    for (const size of [1, 2, 7, 64, stream.length]) {
      const framer = new StreamFramer();
      const got: string[] = [];
      for (let i = 0; i < stream.length; i += size) {
        for (const m of framer.push(stream.subarray(i, i + size)).messages) got.push(`${header(m, 'Call-ID')}:${m.body.toString()}`);
      }
      expect(got, `chunks of ${size}`).toEqual(['one:body-1', 'two:', 'three:тело']);
      expect(framer.buffered).toBe(0);
    }
  });

  it('counts CRLFCRLF keep-alive pings between messages (RFC 5626), even split across chunks, and ignores a lone CRLF', () => {
    const framer = new StreamFramer();
    expect(framer.push(Buffer.from('\r\n\r\n'))).toEqual({ messages: [], pings: 1 });
    expect(framer.push(Buffer.from('\r\n')).pings).toBe(0);
    expect(framer.push(Buffer.from('\r\n')).pings).toBe(1);
    expect(framer.push(Buffer.from('\r\n')).pings).toBe(0);
    const r = framer.push(Buffer.from(msg('x') + '\r\n\r\n\r\n\r\n'));
    expect(r.messages).toHaveLength(1);
    expect(r.pings).toBe(2);
  });

  it('throws SipParseError on a frame without Content-Length, and on every push after', () => {
    const framer = new StreamFramer();
    expect(() => framer.push(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n'))).toThrow(/mandatory on a stream/);
    expect(() => framer.push(Buffer.from(msg('y')))).toThrow(SipParseError);
  });

  it('throws on a malformed head as soon as it is complete', () => {
    expect(() => new StreamFramer().push(Buffer.from('GARBAGE\r\n\r\n'))).toThrow(SipParseError);
  });

  it('bounds the buffer: a head that never ends, or a Content-Length past the limit, is refused early', () => {
    const framer = new StreamFramer(1024);
    framer.push(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\n'));
    expect(() => {
      for (let i = 0; i < 100; i++) framer.push(Buffer.from('X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'));
    }).toThrow(/no end of the header section within 1024 bytes/);
    expect(() => new StreamFramer(1024).push(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 5000\r\n\r\n'))).toThrow(/more than 1024/);
  });

  it('holds a partial body until the rest comes', () => {
    const framer = new StreamFramer();
    const text = msg('x', 'abcdef');
    expect(framer.push(Buffer.from(text.slice(0, -3))).messages).toEqual([]);
    const done = framer.push(Buffer.from(text.slice(-3)));
    expect(done.messages[0]!.body.toString()).toBe('abcdef');
  });
});
