import { describe, expect, it } from 'vitest';
import { excerpt, hasControl, quoteString, quotedStringEnd, splitOutsideQuotes, trimLws, unquote } from './lexical.ts';

describe('lexical pieces', () => {
  it('trims only SP and HTAB', () => {
    expect(trimLws(' \t a b \t')).toBe('a b');
    expect(trimLws('\uFEFFx\u00a0')).toBe('\uFEFFx\u00a0');
  });

  it('finds control characters', () => {
    expect(hasControl('abc')).toBe(false);
    expect(hasControl('a\u0000')).toBe(true);
    expect(hasControl('a\u007f')).toBe(true);
  });

  it('splits outside quoted strings, honouring quoted-pairs; null when a quote is open', () => {
    expect(splitOutsideQuotes('a;b="x;\\";y";c', ';')).toEqual(['a', 'b="x;\\";y"', 'c']);
    expect(splitOutsideQuotes('a;"b', ';')).toBeNull();
  });

  it('finds where a quoted string ends, refusing raw controls', () => {
    expect(quotedStringEnd('"a\\"b" rest', 0)).toBe(6);
    expect(quotedStringEnd('"a\\\u0007"', 0)).toBe(5);
    expect(quotedStringEnd('"a\u0007"', 0)).toBe(-1);
    expect(quotedStringEnd('"open', 0)).toBe(-1);
    expect(quotedStringEnd('"a\\', 0)).toBe(-1);
  });

  it('quotes and unquotes', () => {
    expect(unquote('"a \\"b\\" \\\\"')).toBe('a "b" \\');
    expect(unquote('token')).toBe('token');
    expect(quoteString('a "b" \\')).toBe('"a \\"b\\" \\\\"');
    expect(unquote(quoteString('x"\\y'))).toBe('x"\\y');
  });

  it('cuts excerpts for error messages', () => {
    expect(excerpt('a"b')).toBe('"a\\"b"');
    expect(excerpt('x'.repeat(500))).toHaveLength(83);
  });
});
