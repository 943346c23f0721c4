// The portal's pages through HTTP, as a browser without JavaScript reads them: complete answers,
// valid HTML, the visitor's region, search, errors in the site's style, caching headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { htmlProblems, postForm, publish, publishDemo, visibleText } from '../../test/support/portal.ts';
import { systemActor } from '../platform/access/principal.ts';
import { plainText } from './markdown.ts';

describe('portal pages', () => {
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
    ]);
  });
  afterAll(() => app.close());

  it('serves the home page at / with sections, recent answers, search and the hotline number; it validates', async () => {
    const r = await app.client().get('/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const text = visibleText(r.text);
    expect(text).toContain('Частичная мобилизация');
    expect(text).toContain('Актуальное');
    expect(text).toContain('122');
    expect(r.text).toContain('<form class="search" role="search" action="/search" method="get">');
    expect(r.text).not.toContain('<script src');
    expect(await htmlProblems(r.text)).toEqual([]);
  });

  it('an answer page holds the full answer text without JavaScript, with its date and related answers; it validates', async () => {
    const a = await app.services.answers.published('mob-who-is-called-up');
    const r = await app.client().get('/answers/mob-who-is-called-up');
    expect(r.status).toBe(200);
    const text = visibleText(r.text);
    expect(text).toContain(a.title);
    // every sentence of the body, as plain text, is on the page
    for (const line of a.body.split('\n').filter(Boolean)) expect(text).toContain(plainText(line).replace(/^— /, ''));
    expect(text).toContain('Обновлено');
    expect(text).toContain('Связанные ответы');
    expect(text).toContain('Этот ответ помог?');
    expect(await htmlProblems(r.text)).toEqual([]);
  });

  it('an answer says who answers for it and what it rests on: the agency and the sources, linked', async () => {
    await publish(app, [
      {
        slug: 'sources-check',
        section: 'Проверка',
        title: 'Как получить отсрочку?',
        body: 'Подайте заявление.',
        agency: 'Министерство обороны Российской Федерации',
        sources: [
          { title: 'Указ Президента № 647 <b>', url: 'http://publication.pravo.gov.ru/Document/View/0001202209210001' },
          { title: 'Федеральный закон № 31-ФЗ', url: 'https://www.consultant.ru/document/cons_doc_LAW_2592/?a=1&b=2' },
        ],
      },
    ]);
    const r = await app.client().get('/answers/sources-check');
    const text = visibleText(r.text);
    expect(text).toContain('Отвечает за сведения: Министерство обороны Российской Федерации');
    expect(text).toContain('Источники');
    expect(r.text).toContain('<a href="http://publication.pravo.gov.ru/Document/View/0001202209210001" rel="noopener">Указ Президента № 647 &lt;b&gt;</a>');
    expect(r.text).toContain('href="https://www.consultant.ru/document/cons_doc_LAW_2592/?a=1&amp;b=2"');
    expect(await htmlProblems(r.text)).toEqual([]);
    // without them, nothing is said
    expect(visibleText((await app.client().get('/answers/mob-who-is-called-up')).text)).not.toContain('Отвечает за сведения');
  });

  it('escapes what editors type: markup in an answer is shown as text, never run', async () => {
    await publish(app, [{ slug: 'escape-check', section: 'Проверка', title: 'Вопрос <script>alert(1)</script>', body: 'Ответ <img src=x onerror=alert(1)> и [ссылка](javascript:alert(1)).' }]);
    const r = await app.client().get('/answers/escape-check');
    expect(r.text).not.toContain('<script>alert');
    expect(r.text).not.toContain('<img src=x');
    expect(r.text).not.toContain('href="javascript:');
    expect(r.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('a section page lists its answers and validates', async () => {
    const home = await app.client().get('/');
    const href = /href="(\/sections\/[a-z0-9-]+)">Коронавирус</.exec(home.text)![1]!;
    const r = await app.client().get(href);
    expect(r.status).toBe(200);
    expect(visibleText(r.text)).toContain('Коронавирус');
    expect(r.text.match(/href="\/answers\//g)!.length).toBe(20);
    expect(await htmlProblems(r.text)).toEqual([]);
  });

  it('search finds answers with the knowledge base engine; an empty result offers 122', async () => {
    const r = await app.client().get(`/search?q=${encodeURIComponent('отсрочка от мобилизации')}`);
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/href="\/answers\/mob-[a-z-]+"/);
    expect(r.text).toContain('<mark>');
    expect(await htmlProblems(r.text)).toEqual([]);
    const none = await app.client().get(`/search?q=${encodeURIComponent('зззкккщщщ')}`);
    expect(none.status).toBe(200);
    expect(visibleText(none.text)).toContain('Ответ не найден');
    expect(none.text).toContain('href="tel:122"');
    expect(await htmlProblems(none.text)).toEqual([]);
  });

  it('a search page is a public page, unless what a citizen typed may be personal (a phone number, say): then nobody keeps it', async () => {
    const r = await app.client().get(`/search?q=${encodeURIComponent('пособие +7 916 123-45-67')}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    const plain = await app.client().get(`/search?q=${encodeURIComponent('пособие на ребёнка')}`);
    expect(plain.headers.get('cache-control')).toBe('public, no-cache');
    expect(plain.headers.get('etag')).toMatch(/^"[\w-]+"$/);
  });

  it("the region is remembered in a cookie holding only its code; the answer then shows that region's supplement", async () => {
    const c = app.client();
    const chooser = await c.get('/region');
    expect(chooser.status).toBe(200);
    expect(await htmlProblems(chooser.text)).toEqual([]);
    const set = await postForm(app, '/region', { code: '77', back: '/answers/mob-who-is-called-up' });
    expect(set.status).toBe(303);
    const cookie = set.headers.getSetCookie().find((x) => x.startsWith('otvet_region='))!;
    expect(cookie).toMatch(/^otvet_region=77; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(set.headers.get('location')).toBe('/region?saved=set&back=%2Fanswers%2Fmob-who-is-called-up');
    const withRegion = await c.get('/answers/mob-who-is-called-up', { cookie: 'otvet_region=77' });
    expect(visibleText(withRegion.text)).toContain('военный комиссариат города Москвы');
    expect(visibleText(withRegion.text)).toContain('Дополнение для региона: Москва');
    const elsewhere = await c.get('/answers/mob-who-is-called-up', { cookie: 'otvet_region=78' });
    expect(elsewhere.text).not.toContain('военный комиссариат города Москвы');
    expect(elsewhere.headers.get('etag')).not.toBe(withRegion.headers.get('etag'));
    // a cookie that is not a known region is ignored
    const junk = await c.get('/answers/mob-who-is-called-up', { cookie: 'otvet_region=%3Cscript%3E' });
    expect(junk.status).toBe(200);
    expect(junk.text).not.toContain('военный комиссариат города Москвы');
    // an unknown region or a foreign return address is refused or ignored
    expect((await postForm(app, '/region', { code: '00' })).status).toBe(400);
    const offsite = await postForm(app, '/region', { code: '78', back: '//evil.example/' });
    expect(offsite.headers.get('location')).toBe('/region?saved=set&back=%2F');
  });

  it('pages that do not depend on the region are the same page for every region', async () => {
    const home77 = await app.client().get('/', { cookie: 'otvet_region=77', 'accept-encoding': 'identity' });
    const home = await app.client().get('/', { 'accept-encoding': 'identity' });
    expect(home77.headers.get('etag')).toBe(home.headers.get('etag'));
    const plain77 = await app.client().get('/answers/vac-where', { cookie: 'otvet_region=77', 'accept-encoding': 'identity' });
    const plain = await app.client().get('/answers/vac-where', { 'accept-encoding': 'identity' });
    expect(plain77.headers.get('etag')).toBe(plain.headers.get('etag'));
  });

  it("the hotline page shows how 122 works and each region's hours; it validates", async () => {
    const r = await app.client().get('/hotline', { cookie: 'otvet_region=78' });
    expect(r.status).toBe(200);
    const text = visibleText(r.text);
    expect(text).toContain('Часы работы по регионам');
    expect(text).toContain('Ваш регион — Санкт-Петербург');
    expect(await htmlProblems(r.text)).toEqual([]);
  });

  it("a region's new hours are on the hotline page once its settings are saved", async () => {
    const coordinator = await app.as('coordinator', 'federal');
    expect((await coordinator.put('/api/v1/regions/78/settings', { hours: { sat: { open: '10:00', close: '16:30' } } })).status).toBe(200);
    let text = '';
    for (let i = 0; i < 50 && !text.includes('16:30'); i++) {
      text = visibleText((await app.client().get('/hotline', { cookie: 'otvet_region=78' })).text);
      if (!text.includes('16:30')) await new Promise((r) => setTimeout(r, 100));
    }
    expect(text).toMatch(/Ваш регион — Санкт-Петербург: будни [^.]*суббота 10:00–16:30/);
    expect((await coordinator.put('/api/v1/regions/78/settings', {})).status).toBe(200);
  });

  it('the large-font mode is a form and a cookie, no JavaScript', async () => {
    const r = await postForm(app, '/settings/font', { size: 'large', back: '/hotline' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/hotline');
    expect(r.headers.getSetCookie()[0]).toMatch(/^otvet_font=large;/);
    expect((await app.client().get('/', { cookie: 'otvet_font=large' })).text).toContain('<html lang="ru" class="large">');
  });

  it("errors are pages in the site's style with the right status, never a stack trace", async () => {
    for (const [path, status, headline] of [
      ['/answers/no-such-answer', 404, 'Страница не найдена'],
      ['/answers/NOT_A_SLUG', 404, 'Страница не найдена'],
      ['/no/such/page', 404, 'Страница не найдена'],
      [`/search?q=${'я'.repeat(300)}`, 400, 'Неверный запрос'],
    ] as const) {
      const r = await app.client().get(path, { accept: 'text/html' });
      expect(r.status, path).toBe(status);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(visibleText(r.text)).toContain(headline);
      expect(r.text).not.toMatch(/at .*\.ts:\d+/);
      expect(await htmlProblems(r.text)).toEqual([]);
    }
    // an API client still gets a problem document
    expect((await app.client().get('/api/v1/nothing', { accept: 'text/html' })).headers.get('content-type')).toContain('application/problem+json');
    const bad = await postForm(app, '/answers/mob-who-is-called-up/feedback', { helped: 'maybe' });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.text)).toContain('Неверный запрос');
  });

  it('a failure while building a page is a 500 page with the request id, never the error itself', async () => {
    const portal = app.services.portal;
    const original = portal.hotline.bind(portal);
    portal.hotline = () => {
      throw new Error('secret internal detail at /srv/x.ts:1');
    };
    try {
      const r = await app.client().get('/hotline');
      expect(r.status).toBe(500);
      expect(visibleText(r.text)).toContain('Что-то пошло не так');
      expect(r.text).toContain(r.headers.get('x-request-id')!);
      expect(r.text).not.toContain('secret internal detail');
      expect(await htmlProblems(r.text)).toEqual([]);
    } finally {
      portal.hotline = original;
    }
  });

  it('a burst of votes from one address is held back with a page saying so', async () => {
    let last = 0;
    let text = '';
    for (let i = 0; i < 25 && last !== 429; i++) {
      const r = await postForm(app, '/answers/vac-where/feedback', { helped: 'yes' });
      last = r.status;
      text = r.text;
    }
    expect(last).toBe(429);
    expect(visibleText(text)).toContain('Слишком много запросов');
  });

  it('the staff apps keep their addresses', async () => {
    for (const path of ['/operator', '/supervisor', '/wallboard', '/reports']) expect((await app.client().get(path)).status, path).toBe(200);
  });

  it('sends ETag, Last-Modified and Cache-Control, and 304 to a conditional request', async () => {
    const r = await app.client().get('/answers/mob-who-is-called-up', { 'accept-encoding': 'identity' });
    const etag = r.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(r.headers.get('cache-control')).toBe('public, no-cache');
    expect(r.headers.get('vary')).toBe('Cookie, Accept-Encoding');
    const a = await app.services.answers.published('mob-who-is-called-up');
    expect(r.headers.get('last-modified')).toBe(new Date(a.publishedAt!).toUTCString());
    expect((await app.client().get('/answers/mob-who-is-called-up', { 'if-none-match': etag, 'accept-encoding': 'identity' })).status).toBe(304);
    expect((await app.client().get('/answers/mob-who-is-called-up', { 'if-modified-since': r.headers.get('last-modified')!, 'accept-encoding': 'identity' })).status).toBe(304);
    const gz = await fetch(`${app.url}/answers/mob-who-is-called-up`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('etag')).toBe(`${etag.slice(0, -1)}-gz"`);
    expect(await gz.text()).toBe(r.text);
  });

  it('a page built by the framework and the same page served from the cache before it are sent alike', async () => {
    await publish(app, [{ slug: 'cache-path-check', section: 'Проверка', title: 'Проверка пути из кэша', body: 'Текст.' }]);
    const headersOf = (r: Response) =>
      Object.fromEntries(
        ['content-type', 'content-length', 'content-security-policy', 'etag', 'last-modified', 'cache-control', 'vary', 'x-content-type-options', 'referrer-policy', 'content-encoding'].map((h) => [
          h,
          r.headers.get(h),
        ]),
      );
    for (const encoding of ['identity', 'gzip']) {
      await publish(app, [{ slug: 'cache-path-check', section: 'Проверка', title: 'Проверка пути из кэша', body: `Текст для ${encoding}.` }]);
      const built = await fetch(`${app.url}/answers/cache-path-check`, { headers: { 'accept-encoding': encoding, cookie: 'otvet_region=77' } });
      const builtBody = await built.arrayBuffer();
      expect(built.headers.get('x-request-id')).not.toBeNull(); // through Fastify
      const cached = await fetch(`${app.url}/answers/cache-path-check`, { headers: { 'accept-encoding': encoding, cookie: 'otvet_region=77' } });
      expect(cached.headers.get('x-request-id')).toBeNull(); // before it
      expect(headersOf(cached)).toEqual(headersOf(built));
      expect(Buffer.from(await cached.arrayBuffer()).equals(Buffer.from(builtBody))).toBe(true);
      const again = await fetch(`${app.url}/answers/cache-path-check`, { headers: { 'accept-encoding': encoding, cookie: 'otvet_region=77', 'if-none-match': built.headers.get('etag')! } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(built.headers.get('etag'));
    }
    const head = await fetch(`${app.url}/answers/cache-path-check`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('a published change shows at the next request: events invalidate the cache', async () => {
    const before = await app.client().get('/');
    expect(before.text).not.toContain('Новый ответ о проверке свежести');
    await publish(app, [{ slug: 'freshness-check', section: 'Коронавирус', title: 'Новый ответ о проверке свежести', body: 'Первая редакция.' }]);
    const after = await app.client().get('/');
    expect(after.text).toContain('Новый ответ о проверке свежести');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    await publish(app, [{ slug: 'freshness-check', section: 'Коронавирус', title: 'Новый ответ о проверке свежести', body: 'Вторая редакция.' }]);
    expect(visibleText((await app.client().get('/answers/freshness-check')).text)).toContain('Вторая редакция.');
    await app.services.answers.archive(systemActor(), 'freshness-check');
    await app.services.events.drain();
    expect((await app.client().get('/answers/freshness-check')).status).toBe(404);
    expect((await app.client().get('/')).text).not.toContain('Новый ответ о проверке свежести');
  });
});
