import { describe, expect, it } from 'vitest';
import { cookieMaker, decodeNgMessage, encodeNgMessage, NgFormatError, ngCookie } from './ng-message.ts';

describe('ng messages on the wire', () => {
  it('is the cookie, one space and the bencoded dictionary (the documented ping)', () => {
    expect(encodeNgMessage('5323_1', { command: 'ping' }).toString()).toBe('5323_1 d7:command4:pinge');
    expect(decodeNgMessage(Buffer.from('5323_1 d6:result4:ponge'))).toEqual({ cookie: '5323_1', dict: { result: 'pong' } });
  });

  it('leaves out undefined options and writes lists, integers, nested dictionaries and bytes', () => {
    const wire = encodeNgMessage('c', {
      command: 'offer',
      'call-id': 'abc',
      label: undefined,
      flags: ['trust address'],
      'repeat-times': 2,
      codec: { strip: ['all'], offer: undefined },
      blob: new Uint8Array([0, 255]),
    });
    expect(wire.toString('latin1')).toBe('c d4:blob2:\x00\xff7:call-id3:abc5:codecd5:stripl3:allee7:command5:offer5:flagsl13:trust addresse12:repeat-timesi2ee');
  });

  it('counts a string by its UTF-8 bytes and decodes replies to text throughout', () => {
    const sdp = 'v=0\r\ns=Звонок\r\n';
    const wire = encodeNgMessage('k', { command: 'answer', sdp });
    expect(wire.toString()).toContain(`3:sdp${Buffer.byteLength(sdp)}:${sdp}`);
    const reply = Buffer.from(`k d6:result2:ok3:sdp${Buffer.byteLength(sdp)}:${sdp}4:tagsd1:ad6:medias1:xeee`);
    expect(decodeNgMessage(reply).dict).toEqual({ result: 'ok', sdp, tags: { a: { medias: 'x' } } });
  });

  it('keeps integers as numbers and lists as arrays', () => {
    expect(decodeNgMessage(Buffer.from('k d6:result2:ok5:statsd7:packetsi705e5:bytesi100287ee5:flagsl3:RTP6:filledee')).dict).toEqual({
      result: 'ok',
      stats: { packets: 705, bytes: 100287 },
      flags: ['RTP', 'filled'],
    });
  });

  it('refuses what is not a message', () => {
    expect(() => decodeNgMessage(Buffer.from('d6:result2:oke'))).toThrow(NgFormatError);
    expect(() => decodeNgMessage(Buffer.from('k l2:oke'))).toThrow(/not a bencoded dictionary/);
    expect(() => decodeNgMessage(Buffer.from('k d6:result'))).toThrow(NgFormatError);
    expect(() => encodeNgMessage('has space', { command: 'ping' })).toThrow(NgFormatError);
    expect(ngCookie(Buffer.from('abc_1 garbage'))).toBe('abc_1');
    expect(ngCookie(Buffer.from('nospace'))).toBeUndefined();
  });

  it('makes cookies no other process makes (rtpengine answers a known cookie from its cache)', () => {
    const a = cookieMaker();
    const b = cookieMaker();
    const first = a();
    expect(a()).not.toBe(first);
    expect(b()).not.toBe(first);
    expect(first).toMatch(/^[0-9a-f]{12}_1$/);
  });
});
