import { describe, expect, it } from 'vitest';
import { SipParseError } from './errors.ts';
import { parseDeltaSeconds, parseMaxForwards, parseRetryAfter } from './numbers.ts';

describe('numeric fields', () => {
  it('read within their ranges, leading zeros allowed', () => {
    expect(parseMaxForwards('0068')).toBe(68);
    expect(parseMaxForwards('255')).toBe(255);
    expect(parseDeltaSeconds('4294967295')).toBe(4294967295);
    expect(parseRetryAfter('120 (I am in a meeting);duration=3600')).toBe(120);
  });

  it('refuse overlarge and malformed values (RFC 4475 §3.1.2.4-5)', () => {
    expect(() => parseMaxForwards('300')).toThrow(SipParseError);
    expect(() => parseDeltaSeconds('1'.repeat(100))).toThrow(SipParseError);
    expect(() => parseDeltaSeconds('4294967296')).toThrow(SipParseError);
    expect(() => parseRetryAfter('949302838503028349304023988')).toThrow(SipParseError);
    expect(() => parseMaxForwards('-1')).toThrow(SipParseError);
    expect(() => parseMaxForwards('')).toThrow(/Max-Forwards "" is not a whole number from 0 to 255/);
  });
});
