import { describe, expect, it } from 'vitest';
import { SipParseError } from './errors.ts';
import { formatCSeq, parseCSeq } from './cseq.ts';

describe('parseCSeq', () => {
  it('reads the number (leading zeros allowed) and the method', () => {
    expect(parseCSeq('0009 INVITE')).toEqual({ seq: 9, method: 'INVITE' });
    expect(parseCSeq('2147483647 RE%47IST%45R')).toEqual({ seq: 2147483647, method: 'RE%47IST%45R' });
    expect(formatCSeq({ seq: 1, method: 'BYE' })).toBe('1 BYE');
  });

  it.each(['2147483648 INVITE', '36893488147419103232 REGISTER', 'INVITE', '1', '-1 BYE', '1 IN(VITE', '1 A B'])('refuses %j', (text) => {
    expect(() => parseCSeq(text)).toThrow(SipParseError);
  });
});
