// What comes first and what is not shown: title over body, words close together, the "no answer"
// rule, filters, live updates and feedback boosts.
import { describe, expect, it } from 'vitest';
import { createSearchIndex, MAX_BOOST } from './search-index.ts';
import { testDocuments, testSynonyms } from './test-corpus.ts';
import type { SearchDocument } from './types.ts';

function buildIndex(docs: SearchDocument[] = testDocuments) {
  const index = createSearchIndex({ synonyms: testSynonyms });
  for (const d of docs) index.upsert(d);
  return index;
}
const index = buildIndex();
const slugs = (q: string, options = {}) => index.search(q, options).items.map((i) => i.slug);

describe('field weights', () => {
  it('ranks an answer whose question has the words above one that has them in its text', () => {
    const base = { section: 'Налоги', alternatives: [], tags: [] };
    const inTitle = { ...base, slug: 'in-title', title: 'Налог на теплицу', body: 'Ответ про постройки на участке.' };
    const inBody = { ...base, slug: 'in-body', title: 'Постройки на участке', body: 'Ответ про налог на теплицу.' };
    // The same words and lengths in both: only the field weights can tell them apart.
    for (const order of [
      [inTitle, inBody],
      [inBody, inTitle],
    ]) {
      expect(
        buildIndex(order)
          .search('теплица')
          .items.map((i) => i.slug),
      ).toEqual(['in-title', 'in-body']);
    }
    expect(slugs('налог на теплицу')[0]).toBe('greenhouse-tax');
  });

  it('uses alternative phrasings like the title', () => {
    expect(slugs('государство помогает платить за квартиру')[0]).toBe('housing-subsidy');
  });
});

describe('proximity', () => {
  it('ranks words standing together above the same words apart', () => {
    const base = { section: 'ЖКХ', title: 'Объявление', alternatives: [], tags: [] };
    // The same words, one order each: only proximity can tell them apart.
    const near = { ...base, slug: 'near', body: 'Горячую воду летом отключат на две недели, сообщила компания в объявлении.' };
    const far = { ...base, slug: 'far', body: 'Горячую летом отключат на две недели, сообщила компания в объявлении воду.' };
    for (const order of [
      [near, far],
      [far, near],
    ]) {
      expect(
        buildIndex(order)
          .search('горячая вода')
          .items.map((i) => i.slug),
      ).toEqual(['near', 'far']);
    }
  });
});

describe('no answer', () => {
  it('returns nothing when no answer fits the query', () => {
    for (const q of ['рецепт борща со сметаной', 'курс биткоина на сегодня', 'фывапролджэ', 'zxcvbnm qwerty', '']) {
      expect(index.search(q)).toEqual({ items: [], total: 0 });
    }
  });

  it('still answers a query that is mostly chatter around a known topic', () => {
    expect(slugs('здравствуйте, подскажите пожалуйста, куда мне пойти жаловаться на управляющую компанию, они вообще ничего не делают')[0]).toBe('management-company');
  });
});

describe('filters', () => {
  it('keeps to one section', () => {
    const items = index.search('льготы многодетным', { section: 'Семья' }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.section === 'Семья')).toBe(true);
    expect(index.search('водительское удостоверение', { section: 'Семья' }).items).toEqual([]);
  });

  it("shows a region's supplement only in that region", () => {
    expect(slugs('парковочное разрешение многодетным')).not.toContain('moscow-parking-permit');
    expect(slugs('парковочное разрешение многодетным', { region: '77' })[0]).toBe('moscow-parking-permit');
    expect(slugs('парковочное разрешение многодетным', { region: '50' })).not.toContain('moscow-parking-permit');
  });

  it('honours the limit and counts every fitting answer in total', () => {
    const all = index.search('материнский капитал');
    const one = index.search('материнский капитал', { limit: 1 });
    expect(all.total).toBeGreaterThan(1);
    expect(one.items).toHaveLength(1);
    expect(one.total).toBe(all.total);
  });
});

describe('live updates', () => {
  it('reflects upsert and remove immediately', () => {
    const own = buildIndex();
    const snow = { slug: 'snow-removal', section: 'ЖКХ', title: 'Кто убирает снег во дворе?', alternatives: [], tags: ['снегоуборка'], body: 'Снег во дворе убирает управляющая компания.' };
    expect(own.search('уборка снега во дворе').items).toEqual([]);
    own.upsert(snow);
    expect(own.size).toBe(testDocuments.length + 1);
    expect(own.search('уборка снега во дворе').items[0]?.slug).toBe('snow-removal');
    own.upsert({ ...snow, title: 'Кто чистит крыши от сосулек?', tags: [], body: 'Крыши чистит управляющая компания.' });
    expect(own.size).toBe(testDocuments.length + 1);
    expect(own.search('уборка снега во дворе').items.map((i) => i.slug)).not.toContain('snow-removal');
    expect(own.search('сосульки на крыше').items[0]?.slug).toBe('snow-removal');
    expect(own.remove('snow-removal')).toBe(true);
    expect(own.remove('snow-removal')).toBe(false);
    expect(own.search('сосульки на крыше').items).toEqual([]);
  });
});

describe('feedback boosts', () => {
  const q = 'материнский капитал';
  const plain = index.search(q).items;
  const second = plain[1]!;

  it('raise an answer by at most MAX_BOOST of its score', () => {
    const boosted = index.search(q, { boosts: new Map([[second.slug, 1]]) }).items.find((i) => i.slug === second.slug)!;
    expect(boosted.score).toBeGreaterThan(second.score);
    expect(boosted.score).toBeLessThanOrEqual(second.score * (1 + MAX_BOOST) + 0.001);
  });

  it('are clamped to [0, 1]', () => {
    const huge = index.search(q, { boosts: new Map([[second.slug, 1000]]) }).items;
    const one = index.search(q, { boosts: new Map([[second.slug, 1]]) }).items;
    expect(huge).toEqual(one);
    expect(index.search(q, { boosts: new Map([[second.slug, -5]]) }).items).toEqual(plain);
  });

  it('never bring in an answer that does not fit', () => {
    const items = index.search(q, { boosts: new Map([['school-enrollment', 1]]) }).items;
    expect(items.map((i) => i.slug)).not.toContain('school-enrollment');
    expect(index.search('рецепт борща', { boosts: new Map([['school-enrollment', 1]]) }).items).toEqual([]);
  });
});
