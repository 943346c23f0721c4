// The small tools under search: keyboard layout, edit distance, typo candidates, word splitting.
import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance.ts';
import { FuzzyVocabulary } from './fuzzy-vocabulary.ts';
import { cyrillicToLatin, latinToCyrillic, mayBeWrongLayout } from './keyboard-layout.ts';
import { stem } from './stem.ts';
import { normalize, tokenize } from './text.ts';

describe('keyboard layout', () => {
  it('maps every key of the English layout to its Russian letter', () => {
    expect(latinToCyrillic('ghbdtn')).toBe('привет');
    expect(latinToCyrillic(",.;'[]`")).toBe('бюжэхъё');
    expect(latinToCyrillic('{}:"<>~')).toBe('ХЪЖЭБЮЁ');
    expect(cyrillicToLatin('съёмка')).toBe('c]`vrf');
  });

  it('suspects only Latin text', () => {
    expect(mayBeWrongLayout('rhtlbn')).toBe(true);
    expect(mayBeWrongLayout('кредит')).toBe(false);
    expect(mayBeWrongLayout('2024')).toBe(false);
  });
});

describe('text', () => {
  it('lower-cases, treats ё as е and keeps offsets into the original', () => {
    expect(normalize('Ёлка ЁЖИК')).toBe('елка ежик');
    expect(tokenize('Учёт, ИТ-специалист!')).toEqual([
      { norm: 'учет', start: 0, end: 4 },
      { norm: 'ит', start: 6, end: 8 },
      { norm: 'специалист', start: 9, end: 19 },
    ]);
  });

  it('stems Russian word forms to one stem', () => {
    expect(new Set(['кредитные', 'кредитных', 'кредитным'].map(stem)).size).toBe(1);
    expect(stem('covid')).toBe('covid');
  });
});

describe('edit distance', () => {
  it('counts substitutions, insertions, deletions and swaps of neighbours', () => {
    expect(editDistance('отсрочка', 'отсрочка', 2)).toBe(0);
    expect(editDistance('отсрчока', 'отсрочка', 2)).toBe(1);
    expect(editDistance('кридит', 'кредит', 2)).toBe(1);
    expect(editDistance('кредит', 'кредиты', 2)).toBe(1);
    expect(editDistance('пенсия', 'песня', 2)).toBe(2);
    expect(editDistance('пенсия', 'банк', 2)).toBe(3); // more than max: max + 1
  });
});

describe('fuzzy vocabulary', () => {
  it('proposes known terms within the allowed distance, nearest first', () => {
    const v = new FuzzyVocabulary();
    ['отсрочк', 'отсрочен', 'повестк', 'пособ'].forEach((t) => v.add(t));
    expect(v.corrections('отсрчок', 2).map((c) => c.term)[0]).toBe('отсрочк');
    expect(v.corrections('повестк', 2).map((c) => c.term)).not.toContain('повестк');
    expect(v.corrections('пасоб', 1)).toEqual([{ term: 'пособ', distance: 1 }]);
    expect(v.corrections('пасоб', 0)).toEqual([]);
  });

  it('forgets a term when its last holder goes', () => {
    const v = new FuzzyVocabulary();
    v.add('пособ');
    v.add('пособ');
    v.remove('пособ');
    expect(v.corrections('пасоб', 1)).toHaveLength(1);
    v.remove('пособ');
    expect(v.corrections('пасоб', 1)).toEqual([]);
    expect(v.has('пособ')).toBe(false);
  });
});
