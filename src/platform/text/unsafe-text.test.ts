import { describe, expect, it } from 'vitest';
import { badText } from './unsafe-text.ts';

describe('text that cannot be stored', () => {
  it('finds NUL and unpaired surrogates, and says where', () => {
    expect(badText({ a: [{ b: 'ok' }, { c: 'x\u0000y' }] }, 'body')).toEqual([{ path: 'body.a[1].c', message: 'contains a NUL character' }]);
    expect(badText({ t: 'end \uD800' }, 'body')[0]?.path).toBe('body.t');
    expect(badText({ t: '\uDC00 start' }, 'body')[0]?.message).toMatch(/surrogate/);
    expect(badText({ ['k\u0000']: 1 }, 'body')[0]?.message).toMatch(/key/);
  });

  it('lets every real character through, paired surrogates (emoji) included', () => {
    expect(badText({ t: 'Здравствуйте 👋 ё — 122', n: 5, b: true, z: null, list: ['a', 'б'] }, 'body')).toEqual([]);
  });

  it('walks a value nested far deeper than the call stack would allow', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(badText(deep, 'body')).toHaveLength(1);
  });
});
