import { describe, expect, it } from 'vitest';
import { SipParseError } from './errors.ts';
import { formatParams, parseParams } from './params.ts';

describe('header parameters', () => {
  it('reads names (lower case), values as written, flags, SWS around ; and =', () => {
    const p = parseParams(' ; Tag = abc ;lr; q=0.5;x="a;b";maddr=[2001:db8::1];received=2001:db8::2', 'X');
    expect([...p]).toEqual([
      ['tag', 'abc'],
      ['lr', null],
      ['q', '0.5'],
      ['x', '"a;b"'],
      ['maddr', '[2001:db8::1]'],
      ['received', '2001:db8::2'],
    ]);
    expect(formatParams(p)).toBe(';tag=abc;lr;q=0.5;x="a;b";maddr=[2001:db8::1];received=2001:db8::2');
    expect(parseParams('', 'X').size).toBe(0);
  });

  it.each(['junk', ';;', ';a=', ';a=b c', ';a b=c', ';a="open', ';a=1;A=2', ';a=<x>'])('refuses %j', (text) => {
    expect(() => parseParams(text, 'X')).toThrow(SipParseError);
  });
});
