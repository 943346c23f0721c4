import { describe, expect, it } from 'vitest';
import { feminineNumberWords, minutesText, pressKeyText, promptTexts } from './prompt-texts.ts';

describe('Russian numbers in prompts', () => {
  it('writes numbers in words, in the feminine that «минута» asks for', () => {
    expect([1, 2, 3, 10, 11, 14, 20, 21, 22, 29, 30, 99].map(feminineNumberWords)).toEqual([
      'одна',
      'две',
      'три',
      'десять',
      'одиннадцать',
      'четырнадцать',
      'двадцать',
      'двадцать одна',
      'двадцать две',
      'двадцать девять',
      'тридцать',
      'девяносто девять',
    ]);
    expect(() => feminineNumberWords(0)).toThrow(RangeError);
    expect(() => feminineNumberWords(1.5)).toThrow(RangeError);
  });

  it('announces every wait from 1 to 30 minutes correctly', () => {
    expect(minutesText(1)).toBe('одна минута.');
    expect(minutesText(2)).toBe('две минуты.');
    expect(minutesText(4)).toBe('четыре минуты.');
    expect(minutesText(5)).toBe('пять минут.');
    expect(minutesText(11)).toBe('одиннадцать минут.');
    expect(minutesText(12)).toBe('двенадцать минут.');
    expect(minutesText(21)).toBe('двадцать одна минута.');
    expect(minutesText(23)).toBe('двадцать три минуты.');
    expect(minutesText(30)).toBe('тридцать минут.');
  });

  it('names keys as said on a keypad', () => {
    expect(pressKeyText(0)).toBe('нажмите ноль');
    expect(pressKeyText(1)).toBe('нажмите один');
    expect(pressKeyText(2)).toBe('нажмите два');
    expect(() => pressKeyText(10)).toThrow(RangeError);
  });

  it('writes no digits in what the synthesizer reads (it would read them in the wrong form)', () => {
    expect(Object.values(promptTexts).filter((t) => /\d/.test(t))).toEqual([]);
  });
});
