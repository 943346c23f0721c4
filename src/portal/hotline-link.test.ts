// The hotline's number as a link to dial it: which "122"s are the hotline, in text and in answers' Markdown.
import { describe, expect, it } from 'vitest';
import { hotlineNumbers, linkHotlineInMarkup, withHotlineLinks } from './hotline-link.ts';
import { markdown } from './markdown.ts';

const TEL = '<a href="tel:122">122</a>';

describe('the hotline number as a link', () => {
  it('finds 122 standing alone, not in longer numbers, codes or law references', () => {
    expect(hotlineNumbers('Звоните 122 — бесплатно')).toEqual([8]);
    expect(hotlineNumbers('122')).toEqual([0]);
    expect(hotlineNumbers('по короткому номеру 122')).toEqual([20]);
    expect(hotlineNumbers('(122), «122».')).toEqual([1, 8]);
    for (const text of ['1122', '1220', '122-ФЗ', '1.22', '12,122', 'статья 122 УК РФ', 'ст. 122', 'ч. 122', 'пункт 122', '№ 122', 'закон 122', 'A122', '122a', '2/122'])
      expect(hotlineNumbers(text), text).toEqual([]);
  });

  it('escapes text and links the number', () => {
    expect(withHotlineLinks('Позвоните <b>122</b>').value).toBe(`Позвоните &lt;b&gt;${TEL}&lt;/b&gt;`);
    expect(linkHotlineInMarkup('по телефону <mark>122</mark> или 122.')).toBe(`по телефону <mark>${TEL}</mark> или ${TEL}.`);
  });

  it("links the number in an answer's Markdown, but not inside an editor's link nor in code", () => {
    expect(markdown('Подробнее — по телефону 122 или на портале.').value).toBe(`<p>Подробнее — по телефону ${TEL} или на портале.</p>\n`);
    expect(markdown('**122** и *звоните 122*').value).toBe(`<p><strong>${TEL}</strong> и <em>звоните ${TEL}</em></p>\n`);
    expect(markdown('[портал и 122](https://example.org)').value).not.toContain('tel:');
    expect(markdown('`122`').value).not.toContain('tel:');
    expect(markdown('По статье 122 УК РФ').value).not.toContain('tel:');
  });
});
