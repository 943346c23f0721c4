// The search pages' cache: which queries may be kept, the key's form of a query, its bounds and expiry.
import { describe, expect, it } from 'vitest';
import { render } from './page-cache.ts';
import { mayBePersonal as personalQuery } from './personal-data.ts';
import { SearchCache, searchText } from './search-cache.ts';

const page = (text: string) => ({ page: render(text, 'text/html; charset=utf-8', null), found: 1 });

describe('search pages cache', () => {
  it('a query is shown and keyed with its spaces collapsed, its case and words as typed', () => {
    expect(searchText('  Отсрочка \t от   мобилизации ')).toBe('Отсрочка от мобилизации');
    // the same letter composed or not is one query
    expect(searchText('й')).toBe(searchText('и\u0306'));
    expect(searchText('Пенсия МВД?')).toBe('Пенсия МВД?');
  });

  it('queries with a phone, document or account number or an e-mail address are personal', () => {
    for (const q of ['пособие +7 916 123-45-67', 'паспорт 45 06 123456', 'снилс 123-456-789 01', 'ivanov@example.ru справка', '89161234567']) expect(personalQuery(q), q).toBe(true);
    for (const q of ['отсрочка от мобилизации', 'закон 44-ФЗ', 'пенсия в 2026 году', 'выплата 10000 рублей', 'приказ от 12.03.2022', 'горячая линия 122']) expect(personalQuery(q), q).toBe(false);
  });

  it('keeps at most a thousand pages, the least recently used going first', () => {
    const cache = new SearchCache();
    for (let i = 0; i < 1000; i++) cache.put(`q${i}`, page(`<p>${i}</p>`));
    expect(cache.peek('q0')).toBeDefined(); // used: now the newest
    cache.put('q1000', page('<p>1000</p>'));
    expect(cache.size).toBe(1000);
    expect(cache.peek('q0')).toBeDefined();
    expect(cache.peek('q1')).toBeUndefined();
    expect(cache.peek('q1000')?.page.body.toString()).toBe('<p>1000</p>');
  });

  it('keeps fewer, larger pages within its bytes', () => {
    const cache = new SearchCache();
    const big = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 30; i++) cache.put(`q${i}`, page(big));
    expect(cache.size).toBe(24);
    expect(cache.peek('q5')).toBeUndefined();
    expect(cache.peek('q6')).toBeDefined();
  });

  it('a page expires after its time and on clear()', () => {
    let now = 1_000_000;
    const cache = new SearchCache(() => now, 60_000);
    cache.put('a', page('<p>a</p>'));
    now += 59_999;
    expect(cache.peek('a')).toBeDefined();
    now += 1;
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.put('b', page('<p>b</p>'));
    cache.clear();
    expect(cache.peek('b')).toBeUndefined();
  });
});
