// How queries find answers: word forms, ё, typos, merged and split words, keyboard layout,
// synonyms and stop words. Every query here is written for these tests.
import { describe, expect, it } from 'vitest';
import { createSearchIndex } from './search-index.ts';
import { testDocuments, testSynonyms } from './test-corpus.ts';
import type { SearchOptions } from './types.ts';

function buildIndex() {
  const index = createSearchIndex({ synonyms: testSynonyms });
  for (const d of testDocuments) index.upsert(d);
  return index;
}
const index = buildIndex();
const top = (q: string, options?: SearchOptions) => index.search(q, options).items[0]?.slug;

describe('morphology', () => {
  it('finds an answer whatever the word forms', () => {
    expect(top('субсидии на оплату жилья')).toBe('housing-subsidy');
    expect(top('заменить водительские удостоверения')).toBe('driving-licence');
    expect(top('записали в первые классы')).toBe('school-enrollment');
  });
});

describe('ё and е', () => {
  it('treats them as one letter, in queries and in answers', () => {
    expect(top('учет в центре занятости')).toBe('unemployment-registration');
    expect(top('учёт в центре занятости')).toBe('unemployment-registration');
    expect(top('показания счетчиков')).toBe('meter-readings');
    // Not merely found as a typo: exactly the same result, scores included.
    expect(index.search('учет в центре занятости')).toEqual(index.search('учёт в центре занятости'));
  });
});

describe('typing errors', () => {
  it('corrects one or two edits per word', () => {
    expect(top('субсидя на жилье')).toBe('housing-subsidy'); // a missing letter
    expect(top('водительское удостовернеие')).toBe('driving-licence'); // two letters swapped
    expect(top('матиринский капитал')).toBe('maternity-capital'); // a wrong letter
  });

  it('separates merged words and joins split ones', () => {
    expect(top('материнскийкапитал')).toBe('maternity-capital');
    expect(top('удосто верение водительское')).toBe('driving-licence');
  });
});

describe('keyboard layout', () => {
  it('reads a query typed on the English layout', () => {
    expect(top('pfvtybnm djlbntkmcrjt eljcnjdthtybt')).toBe('driving-licence'); // заменить водительское удостоверение
  });

  it('maps the punctuation keys that are Russian letters', () => {
    expect(top('j,;fkjdfnm inhfa')).toBe('traffic-fine-appeal'); // обжаловать штраф: , = б, ; = ж
    expect(top('ce,cblbz yf ;bkm`')).toBe('housing-subsidy'); // субсидия на жильё: ` = ё
  });

  it('decides per word when the query mixes layouts', () => {
    expect(top('обжаловать inhfa')).toBe('traffic-fine-appeal');
  });
});

describe('synonyms and abbreviations', () => {
  it('finds an answer that says the same with other words', () => {
    expect(top('гаи')).toMatch(/^(driving-licence|traffic-fine-appeal)$/);
    expect(top('штраф госавтоинспекции')).toBe('traffic-fine-appeal');
    expect(top('субсидия на квартплату')).toBe('housing-subsidy');
  });

  it('follows the dictionary when editors change it', () => {
    const own = buildIndex();
    expect(own.search('гаи').items.length).toBeGreaterThan(0);
    own.setSynonyms([]);
    expect(own.search('гаи').items).toEqual([]);
    own.setSynonyms([['гаи', 'гибдд']]);
    expect(own.search('гаи').items.length).toBeGreaterThan(0);
  });
});

describe('stop words', () => {
  it('do not match anything by themselves', () => {
    expect(index.search('как и где').items).toEqual([]);
  });

  it('do not get in the way of the words that matter', () => {
    expect(top('а что там с налогом на теплицу')).toBe('greenhouse-tax');
  });
});

describe('what the query was read as', () => {
  const readAs = (q: string) => index.search(q).corrected;

  it('says so when a typing error was corrected, in a word form answers use', () => {
    expect(readAs('матиринский капитал')).toBe('материнский капитал');
    expect(readAs('водительское удостовернеие')).toBe('водительское удостоверение');
  });

  it('says so when the keyboard layout was wrong', () => {
    expect(readAs('pfvtybnm djlbntkmcrjt eljcnjdthtybt')).toBe('заменить водительское удостоверение');
    expect(readAs('обжаловать inhfa')).toBe('обжаловать штраф');
  });

  it('says so when words were joined or separated', () => {
    expect(readAs('материнскийкапитал')).toBe('материнский капитал');
    expect(readAs('удосто верение водительское')).toBe('удостоверение водительское');
  });

  it('says nothing when the query was read as typed', () => {
    expect(readAs('Материнский капитал!')).toBeUndefined();
    expect(readAs('учёт в центре занятости')).toBeUndefined();
    // Another form of a known root is no correction.
    expect(readAs('субсидии на оплату жилья')).toBeUndefined();
  });

  it('says nothing of a correction it is not sure of: a real word no answer uses', () => {
    // "переехал" is searched as "передал" too, but it is no typo.
    expect(index.explain('переехал учет в центре занятости').units[0]!.stems[0]).toMatch(/^переда/);
    expect(readAs('переехал учет в центре занятости')).toBeUndefined();
  });

  it('says nothing when nothing was found', () => {
    const elsewhere = index.search('матиринский капитал', { section: 'Образование' });
    expect(elsewhere.items).toEqual([]);
    expect(elsewhere.corrected).toBeUndefined();
  });
});
