// Search result pages through HTTP: a repeated query is answered from the cache (the same bytes and
// headers, before the framework, still counted in the query statistics); a publication, a
// withdrawal or new synonyms show at the next search; the region is part of what is kept; a query
// that may hold personal data is kept by nobody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { publish, publishDemo, visibleText } from '../../test/support/portal.ts';
import { systemActor } from '../platform/access/principal.ts';

const HEADERS = ['content-type', 'content-length', 'content-security-policy', 'etag', 'cache-control', 'vary', 'x-content-type-options', 'referrer-policy', 'content-encoding'];

describe('portal search pages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await publishDemo(app);
    await publish(app, [
      {
        slug: 'mob-who-is-called-up-77',
        scope: '77',
        parent: 'mob-who-is-called-up',
        section: 'Частичная мобилизация',
        title: 'Москва: куда обращаться',
        body: 'В Москве вопросы о призыве принимает **военный комиссариат города Москвы**.',
      },
      { slug: 'vac-where-77', scope: '77', parent: 'vac-where', section: 'Коронавирус', title: 'Москва: прививочные пункты', body: 'В Москве работает капибарный прививочный пункт.' },
    ]);
  });
  afterAll(() => app.close());

  const search = (q: string, headers: Record<string, string> = {}) => fetch(`${app.url}/search?q=${encodeURIComponent(q)}`, { headers: { 'accept-encoding': 'identity', ...headers } });
  const headersOf = (r: Response) => Object.fromEntries(HEADERS.map((h) => [h, r.headers.get(h)]));

  it('a repeated search is the same page, served from the cache with the same headers, and revalidates with 304', async () => {
    for (const encoding of ['identity', 'gzip']) {
      const q = `отсрочка от мобилизации ${encoding}`;
      const built = await search(q, { 'accept-encoding': encoding });
      expect(built.status).toBe(200);
      expect(built.headers.get('x-request-id')).not.toBeNull(); // built through Fastify
      const body = Buffer.from(await built.arrayBuffer());
      const again = await search(q, { 'accept-encoding': encoding });
      expect(again.headers.get('x-request-id')).toBeNull(); // answered before it, from the cache
      expect(headersOf(again)).toEqual(headersOf(built));
      expect(Buffer.from(await again.arrayBuffer()).equals(body)).toBe(true);
      expect(built.headers.get('cache-control')).toBe('public, no-cache');
      const conditional = await search(q, { 'accept-encoding': encoding, 'if-none-match': built.headers.get('etag')! });
      expect(conditional.status).toBe(304);
    }
    // the same query typed with other spaces is the same page
    const spaced = await fetch(`${app.url}/search?q=${encodeURIComponent('  отсрочка   от мобилизации identity ')}`, { headers: { 'accept-encoding': 'identity' } });
    expect(spaced.headers.get('x-request-id')).toBeNull();
    expect(visibleText(await spaced.text())).toContain('Поиск: отсрочка от мобилизации identity');
    // as a browser sends the form: + for a space
    const form = await fetch(`${app.url}/search?q=${['отсрочка', 'от', 'мобилизации', 'identity'].map(encodeURIComponent).join('+')}`, { headers: { 'accept-encoding': 'identity' } });
    expect(form.headers.get('x-request-id')).toBeNull();
    expect(form.headers.get('etag')).toBe(spaced.headers.get('etag'));
    // a + typed in the query is not a space
    expect(visibleText(await (await search('a+b')).text())).toContain('Поиск: a+b');
  });

  it('says which query it showed results for when it corrected the layout or a typing error, on the cached page too', async () => {
    for (const [q, read] of [
      ['gjdtcnrf', 'повестка'],
      ['электронаня повестка', 'электронная повестка'],
    ]) {
      for (let i = 0; i < 2; i++) {
        const text = visibleText(await (await search(q!)).text());
        expect(text).toMatch(new RegExp(`Показаны результаты по запросу «\\s*${read}\\s*»`));
      }
    }
    expect(visibleText(await (await search('повестка')).text())).not.toContain('Показаны результаты по запросу');
  });

  it('a publication changes the results at the next search: a new answer, a new title, a withdrawal', async () => {
    const q = 'кенгуру в городском парке';
    const first = await search(q);
    expect(visibleText(await first.text())).toContain('Ответ не найден');
    expect((await search(q)).headers.get('x-request-id')).toBeNull(); // kept
    await publish(app, [{ slug: 'kangaroo-park', section: 'Проверка', title: 'Можно ли гулять с кенгуру в городском парке?', body: 'Кенгуру в парке — только на поводке.' }]);
    const found = await search(q);
    const text = visibleText(await found.text());
    expect(text).toContain('Можно ли гулять с кенгуру в городском парке?');
    expect(found.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect((await search(q)).headers.get('x-request-id')).toBeNull();
    await publish(app, [{ slug: 'kangaroo-park', section: 'Проверка', title: 'Кенгуру в городском парке: правила прогулок', body: 'Кенгуру в парке — только на поводке.' }]);
    const renamed = visibleText(await (await search(q)).text());
    expect(renamed).toContain('Кенгуру в городском парке: правила прогулок');
    expect(renamed).not.toContain('Можно ли гулять с кенгуру');
    await app.services.answers.archive(systemActor(), 'kangaroo-park');
    await app.services.events.drain();
    expect(visibleText(await (await search(q)).text())).toContain('Ответ не найден');
  });

  it('new synonyms show at the next search', async () => {
    const q = 'вомбатокс';
    expect(visibleText(await (await search(q)).text())).toContain('Ответ не найден');
    expect((await search(q)).headers.get('x-request-id')).toBeNull();
    await app.services.synonyms.create(systemActor(), ['вомбатокс', 'отсрочка']);
    await app.services.events.drain();
    expect(visibleText(await (await search(q)).text())).not.toContain('Ответ не найден');
  });

  it("the visitor's region is part of what is kept: its supplement is found for that region only", async () => {
    const q = 'капибарный';
    const title = (await app.services.answers.published('vac-where')).title;
    const moscow = visibleText(await (await search(q, { cookie: 'otvet_region=77' })).text());
    expect(moscow).toContain(title);
    const cachedMoscow = await search(q, { cookie: 'otvet_region=77' });
    expect(cachedMoscow.headers.get('x-request-id')).toBeNull();
    const elsewhere = await search(q, { cookie: 'otvet_region=78' });
    expect(elsewhere.headers.get('x-request-id')).not.toBeNull();
    expect(visibleText(await elsewhere.text())).toContain('Ответ не найден');
  });

  it('a query that may hold personal data is built each time and kept by no cache', async () => {
    for (const q of ['пособие +7 916 123-45-67', 'справка ivanov@example.ru']) {
      const r = await search(q);
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('private, no-store');
      const again = await search(q);
      expect(again.headers.get('x-request-id')).not.toBeNull();
      expect(again.headers.get('cache-control')).toBe('private, no-store');
    }
  });

  it('a search answered from the cache is counted in the query statistics like any other', async () => {
    const q = 'жирафий налоговый вычет';
    for (let i = 0; i < 3; i++) expect((await search(q)).status).toBe(200);
    await app.services.queryStats.flush();
    const report = await app.services.queryStats.report(systemActor(), 'day', 'unanswered', 100);
    expect(report.items.find((x) => x.query === q)).toMatchObject({ searches: 3, empty: 3 });
  });

  it('another parameter, a repeated q or an overlong query goes to the framework, which reads or refuses it', async () => {
    const q = encodeURIComponent('отсрочка от мобилизации identity');
    const extra = await fetch(`${app.url}/search?q=${q}&utm_source=mail`);
    expect(extra.status).toBe(200);
    expect(extra.headers.get('x-request-id')).not.toBeNull();
    expect((await fetch(`${app.url}/search?q=${q}&q=x`)).status).toBe(400);
    expect((await fetch(`${app.url}/search?q=${'%D1%8F'.repeat(201)}`)).status).toBe(400);
    const undecodable = await fetch(`${app.url}/search?q=%E0%A4%A`);
    expect(undecodable.headers.get('x-request-id')).not.toBeNull();
  });
});
