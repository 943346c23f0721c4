import { describe, expect, it } from 'vitest';
import { findUnsafeText } from './unsafe-text.ts';

describe('text that cannot be stored', () => {
  it('finds NUL and unpaired surrogates, and says where', () => {
    expect(findUnsafeText({ a: [{ b: 'ok' }, { c: 'x\u0000y' }] })).toEqual({ path: 'a[1].c', message: 'contains a NUL character' });
    expect(findUnsafeText({ t: 'end \uD800' })?.path).toBe('t');
    expect(findUnsafeText({ t: '\uDC00 start' })?.message).toMatch(/surrogate/);
    expect(findUnsafeText({ ['k\u0000']: 1 })?.message).toMatch(/key/);
  });

  it('lets every real character through, paired surrogates (emoji) included', () => {
    expect(findUnsafeText({ t: 'Здравствуйте 👋 ё — 122', n: 5, b: true, z: null, list: ['a', 'б'] })).toBeNull();
  });
});
