// Completions as an operator types.
import { describe, expect, it } from 'vitest';
import { createSearchIndex } from './search-index.ts';
import { testDocuments, testSynonyms } from './test-corpus.ts';

const index = createSearchIndex({ synonyms: testSynonyms });
for (const d of testDocuments) index.upsert(d);

describe('suggest', () => {
  it('completes the word being typed from frequent phrases and questions', () => {
    const items = index.suggest('материнск');
    expect(items[0]).toBe('материнский капитал'); // a phrase two answers use
    expect(items).toContain('На что можно потратить материнский капитал?');
    expect(items.length).toBeLessThanOrEqual(5);
  });

  it('matches the words before the last by stem', () => {
    expect(index.suggest('заменить водительск')).toContain('Как заменить водительское удостоверение, если истёк срок?');
    expect(index.suggest('заменить водительск').every((s) => /водительск/i.test(s))).toBe(true);
  });

  it('reads a prefix typed on the English layout', () => {
    expect(index.suggest('vfnthbycr')).toEqual(index.suggest('материнск'));
  });

  it('offers at most the limit, and nothing for nothing', () => {
    expect(index.suggest('как', 2).length).toBeLessThanOrEqual(2);
    expect(index.suggest('')).toEqual([]);
    expect(index.suggest('щщщщ')).toEqual([]);
  });

  it("keeps questions to the caller's region and section", () => {
    expect(index.suggest('парковочн')).not.toContain('Как получить парковочное разрешение многодетной семье в Москве?');
    expect(index.suggest('парковочн', 5, { region: '77' })).toContain('Как получить парковочное разрешение многодетной семье в Москве?');
    expect(index.suggest('водительск', 5, { section: 'Семья' })).not.toContain('Как заменить водительское удостоверение, если истёк срок?');
  });

  it('follows upserts and removals', () => {
    const own = createSearchIndex();
    own.upsert({ slug: 'a', title: 'Кто вывозит снегоуборочной техникой снег?', alternatives: [], body: 'Снегоуборочная техника работает ночью.', section: 'ЖКХ', tags: [] });
    expect(own.suggest('снегоубор')).toContain('Кто вывозит снегоуборочной техникой снег?');
    own.remove('a');
    expect(own.suggest('снегоубор')).toEqual([]);
  });
});
