import { describe, expect, it } from 'vitest';
import { canonicalName, header, headers } from './message.ts';
import type { SipMessage } from './message.ts';

describe('header names', () => {
  it.each([
    ['via', 'Via'],
    ['VIA', 'Via'],
    ['Via', 'Via'],
    ['v', 'Via'],
    ['I', 'Call-ID'],
    ['call-id', 'Call-ID'],
    ['CSEQ', 'CSeq'],
    ['www-authenticate', 'WWW-Authenticate'],
    ['x-custom-thing', 'X-Custom-Thing'],
    ['rseq', 'RSeq'],
    ['min-se', 'Min-SE'],
    ['a', 'A'],
    ['C%6Fntact', 'C%6fntact'],
  ])('%s is spelt %s', (name, canonical) => {
    expect(canonicalName(name)).toBe(canonical);
    expect(canonicalName(canonical)).toBe(canonical);
  });

  it('header() and headers() find fields by any spelling', () => {
    const m: SipMessage = {
      kind: 'response',
      status: 200,
      reason: 'OK',
      headers: [
        { name: 'Via', value: 'a' },
        { name: 'To', value: 't' },
        { name: 'Via', value: 'b' },
      ],
      body: Buffer.alloc(0),
    };
    expect(header(m, 'v')).toBe('a');
    expect(headers(m, 'VIA')).toEqual(['a', 'b']);
    expect(header(m, 'From')).toBeUndefined();
  });
});
