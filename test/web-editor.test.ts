// The editors' app's pure parts: the list's filters the API does not apply (validity ending soon or
// over, last change, title words with ё as е), an answer's form round trip and what counts as a
// change, a navigator entry's diff for the reviewer, and the API's refusals put at their fields
// with the path inside a rule.
import { describe, expect, it } from 'vitest';
import { changed, contentOf, draftOf, sourceOf, type Version } from '../web/editor/answers/draft.ts';
import { applyFilters, noFilters, today, validityOf, type Listed } from '../web/editor/answers/filters.ts';
import { entryDiff } from '../web/editor/navigator/entry-diff.ts';
import { entryErrors } from '../web/editor/navigator/problems.ts';

const now = new Date('2026-12-06T12:00:00Z');
const version = (over: Partial<Version> = {}): Version => ({
  version: 1,
  title: 'Кого призывают?',
  body: 'Текст.',
  section: 'Мобилизация',
  tags: ['призыв', 'запас'],
  audience: null,
  alternatives: ['Кто подлежит призыву'],
  related: [],
  validFrom: null,
  validUntil: null,
  agency: null,
  sources: [],
  note: null,
  createdAt: now.toISOString(),
  createdBy: 'editor-a',
  ...over,
});
const listed = (slug: string, title: string, updatedAt: string, validUntil: string | null) => ({ slug, title, updatedAt, working: version({ title, validUntil }) }) as unknown as Listed;

describe('the list’s own filters', () => {
  const items = [
    listed('a', 'Отсрочка для студентов', '2026-12-06T08:00:00Z', '2026-12-20'),
    listed('b', 'Выплаты семьям', '2026-11-20T08:00:00Z', '2026-12-01'),
    listed('c', 'Ещё о выплатах', '2026-10-01T08:00:00Z', '2027-06-01'),
    listed('d', 'Без срока', '2026-12-05T08:00:00Z', null),
  ];
  const slugs = (f: Partial<typeof noFilters>) => applyFilters(items, { ...noFilters, ...f }, now).map((a) => a.slug);

  it('validity: ending within 30 days, or over, by Moscow’s calendar day', () => {
    expect(today(new Date('2026-12-06T22:00:00Z'))).toBe('2026-12-07');
    expect(validityOf(items[0]!, now)).toBe('soon');
    expect(validityOf(items[1]!, now)).toBe('over');
    expect(validityOf(items[2]!, now)).toBeNull();
    expect(slugs({ validity: 'soon' })).toEqual(['a']);
    expect(slugs({ validity: 'over' })).toEqual(['b']);
  });

  it('last change within a day, a week, 30 days; title words in any order, ё as е', () => {
    expect(slugs({ updated: 'day' })).toEqual(['a']);
    expect(slugs({ updated: 'week' })).toEqual(['a', 'd']);
    expect(slugs({ updated: 'month' })).toEqual(['a', 'b', 'd']);
    expect(slugs({ text: 'выплат' })).toEqual(['b', 'c']);
    expect(slugs({ text: 'ЕЩЁ выплатах' })).toEqual(['c']);
    expect(slugs({ text: 'еще' })).toEqual(['c']);
    expect(slugs({})).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('an answer’s form', () => {
  it('gives back what it was given, and a note alone is no change', () => {
    const sources = [
      { title: 'Указ № 647', url: 'http://publication.pravo.gov.ru/Document/View/0001202209210001' },
      { title: 'https://sfr.gov.ru/', url: 'https://sfr.gov.ru/' },
    ];
    const v = version({ related: ['mob-age-limits'], validUntil: '2027-01-01', agency: 'Минобороны России', sources });
    const d = draftOf(v);
    const { note: _n, ...content } = contentOf(d);
    expect(content).toEqual({
      title: v.title,
      body: v.body,
      section: v.section,
      tags: v.tags,
      audience: null,
      alternatives: v.alternatives,
      related: v.related,
      validFrom: null,
      validUntil: '2027-01-01',
      agency: 'Минобороны России',
      sources,
    });
    expect(changed({ ...d, note: 'почему' }, d)).toBe(false);
    expect(changed({ ...d, tags: 'призыв,  запас ' }, d)).toBe(false);
    expect(changed({ ...d, body: 'Другой текст.' }, d)).toBe(true);
    expect(contentOf({ ...d, note: ' почему ' }).note).toBe('почему');
  });

  it('reads a source a line: the address its last word, the title before it (a dash or none between)', () => {
    expect(sourceOf('Федеральный закон № 31-ФЗ — https://www.consultant.ru/document/cons_doc_LAW_2592/')).toEqual({
      title: 'Федеральный закон № 31-ФЗ',
      url: 'https://www.consultant.ru/document/cons_doc_LAW_2592/',
    });
    expect(sourceOf('СФР https://sfr.gov.ru/')).toEqual({ title: 'СФР', url: 'https://sfr.gov.ru/' });
    expect(sourceOf('https://sfr.gov.ru/')).toEqual({ title: 'https://sfr.gov.ru/', url: 'https://sfr.gov.ru/' });
    // no address: sent as it is, for the API to refuse at its line
    expect(sourceOf('Закон о мобилизации')).toEqual({ title: 'Закон о мобилизации', url: '' });
  });
});

describe('a navigator entry for the reviewer', () => {
  it('compares texts word by word and the rest as before → after', () => {
    const diff = entryDiff(
      { id: 'm', title: 'Выплата участникам', eligibility: { all: [] }, answer_ids: ['x'] },
      { id: 'm', title: 'Выплата участникам СВО', eligibility: { any: [] }, answer_ids: ['x'], legalBasis: 'Указ' },
    );
    expect(diff.map((d) => d.field)).toEqual(['title', 'eligibility', 'legalBasis']);
    expect(diff[0]!.changes!.filter((c) => c.op === 'insert').map((c) => c.text.trim())).toEqual(['СВО']);
    expect(diff[1]).toEqual({ field: 'eligibility', before: '{"all":[]}', after: '{"any":[]}' });
    expect(diff[2]!.changes).toEqual([{ op: 'insert', text: 'Указ' }]);
  });

  it('puts the API’s problems at their field, with the path inside the rule', () => {
    const e = entryErrors({
      ok: false,
      status: 400,
      code: 'navigator.invalid_content',
      message: '',
      body: {
        errors: [
          { path: 'body.content.eligibility.all.1.in.0', message: 'У вопроса «status» нет варианта «x».' },
          { path: 'body.content.title', message: 'Too small: expected string to have >=1 characters' },
        ],
      },
    });
    expect(e.at.get('eligibility')).toEqual(['eligibility.all.1.in.0: У вопроса «status» нет варианта «x».']);
    expect(e.at.get('title')).toEqual(['Заполните это поле.']);
    const whole = entryErrors({ ok: false, status: 409, code: 'navigator.catalog_invalid', message: 'x', body: { errors: [{ path: 'measures.m.eligibility', message: 'Нет вопроса «y».' }] } });
    expect(whole.general).toBe('Каталог с этой версией не сходится:');
    expect(whole.list).toEqual(['measures.m.eligibility: Нет вопроса «y».']);
  });
});
