import { describe, expect, it } from 'vitest';
import { formatAuthValue, parseAuthValue } from './auth-params.ts';
import { SipParseError } from './errors.ts';

describe('auth values', () => {
  it('read the scheme and comma-separated parameters, unquoting values', () => {
    const v = parseAuthValue('Digest realm="a, b", qop="auth,auth-int", algorithm=SHA-256, nonce="x\\"y"');
    expect(v.scheme).toBe('Digest');
    expect([...v.params]).toEqual([
      ['realm', 'a, b'],
      ['qop', 'auth,auth-int'],
      ['algorithm', 'SHA-256'],
      ['nonce', 'x"y'],
    ]);
    expect(parseAuthValue('NoOneKnowsThisScheme opaque-data=here').params.get('opaque-data')).toBe('here');
    expect(parseAuthValue('Basic').params.size).toBe(0);
  });

  it('write tokens bare and the rest quoted', () => {
    expect(
      formatAuthValue(
        'Digest',
        [
          ['realm', 'r"1'],
          ['algorithm', 'MD5'],
        ],
        new Set(['algorithm']),
      ),
    ).toBe('Digest realm="r\\"1", algorithm=MD5');
  });

  it.each(['', 'Digest realm', 'Digest realm="open', 'Digest a=1,,b=2', 'Digest a=b c', 'Digest a=1, A=2'])('refuse %j', (text) => {
    expect(() => parseAuthValue(text)).toThrow(SipParseError);
  });
});
