import { describe, expect, it } from 'vitest';
import { count, plural, type PluralForms } from './russian.ts';

const calls: PluralForms = ['звонок', 'звонка', 'звонков'];

describe('Russian plural forms', () => {
  it('takes the form the number asks for: 1 and 21 one, 2–4 and 22 few, 5–20, 25 and 111 many', () => {
    const cases: [number, string][] = [
      [1, 'звонок'],
      [2, 'звонка'],
      [5, 'звонков'],
      [11, 'звонков'],
      [21, 'звонок'],
      [22, 'звонка'],
      [25, 'звонков'],
      [111, 'звонков'],
      [0, 'звонков'],
      [12, 'звонков'],
      [14, 'звонков'],
      [101, 'звонок'],
      [104, 'звонка'],
      [1000, 'звонков'],
    ];
    expect(cases.map(([n]) => [n, plural(n, calls)])).toEqual(cases);
  });

  it('takes the three forms as a list or as three arguments alike', () => {
    for (const n of [1, 2, 5, 11, 21, 22, 25, 111]) expect(plural(n, 'день', 'дня', 'дней')).toBe(plural(n, ['день', 'дня', 'дней']));
  });

  it('gives a fraction the "few" form, and a negative number the form of its size', () => {
    expect(plural(1.5, calls)).toBe('звонка');
    expect(plural(-1, calls)).toBe('звонок');
    expect(plural(-5, calls)).toBe('звонков');
  });

  it('writes the number with its noun', () => {
    expect([1, 2, 5, 21, 111].map((n) => count(n, ['ответ', 'ответа', 'ответов']))).toEqual(['1 ответ', '2 ответа', '5 ответов', '21 ответ', '111 ответов']);
  });
});
