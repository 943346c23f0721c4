// What search engines, newsrooms and social networks read: canonical links, cards for shared
// links, FAQPage data, the sitemap and Atom feeds.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { jsonLd, publish, publishDemo } from '../../test/support/portal.ts';

const PUBLIC = 'https://122.example.ru';
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'url', 'category'].includes(name) });
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type AtomLink = { '@rel'?: string; '@href': string };
type AtomEntry = { id: string; title: string; updated: string; link: AtomLink[]; summary?: string; content?: { '#text': string; '@type': string } };

/** The rules of RFC 4287 a reader relies on: ids, titles, dates, links, an author. */
function checkAtom(xml: string): AtomEntry[] {
  expect(() => new XMLParser().parse(xml, true)).not.toThrow();
  const feed = parser.parse(xml).feed;
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  expect(feed.id).toMatch(/^https?:\/\//);
  expect(String(feed.title).length).toBeGreaterThan(0);
  expect(feed.updated).toMatch(RFC3339);
  expect(feed.author?.name).toBeTruthy();
  expect(feed.link.some((l: AtomLink) => l['@rel'] === 'self')).toBe(true);
  const entries = (feed.entry ?? []) as AtomEntry[];
  for (const e of entries) {
    expect(e.id).toMatch(/^https:\/\/122\.example\.ru\/answers\//);
    expect(String(e.title).length).toBeGreaterThan(0);
    expect(e.updated).toMatch(RFC3339);
    expect(e.link.some((l) => l['@rel'] === 'alternate' && l['@href'] === e.id)).toBe(true);
    expect(e.summary || e.content).toBeTruthy();
  }
  expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  return entries;
}

describe('portal reach', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ publicUrl: PUBLIC }, { acd: false });
    await publishDemo(app);
  });
  afterAll(() => app.close());

  it('an answer page has its canonical link, OpenGraph and Twitter cards, and FAQPage JSON-LD with the full answer', async () => {
    const a = await app.services.answers.published('mob-who-is-called-up');
    const r = await app.client().get('/answers/mob-who-is-called-up');
    expect(r.text).toContain(`<link rel="canonical" href="${PUBLIC}/answers/mob-who-is-called-up">`);
    expect(r.text).toContain(`<meta property="og:url" content="${PUBLIC}/answers/mob-who-is-called-up">`);
    expect(r.text).toContain(`<meta property="og:title" content="${a.title}">`);
    expect(r.text).toMatch(/<meta property="og:description" content="[^"]{50,}">/);
    expect(r.text).toContain('<meta property="og:type" content="article">');
    expect(r.text).toContain('<meta name="twitter:card" content="summary">');
    const [data] = jsonLd(r.text) as Record<string, any>[];
    expect(data).toMatchObject({ '@context': 'https://schema.org', '@type': 'FAQPage' });
    expect(data!.mainEntity).toHaveLength(1);
    const q = data!.mainEntity[0];
    expect(q).toMatchObject({ '@type': 'Question', name: a.title, acceptedAnswer: { '@type': 'Answer' } });
    expect(q.acceptedAnswer.text).toContain('При частичной мобилизации на военную службу призываются граждане');
    expect(q.acceptedAnswer.text.length).toBeGreaterThan(a.body.length * 0.9);
  });

  it('JSON-LD cannot break out of its script element', async () => {
    await publish(app, [{ slug: 'script-in-title', section: 'Проверка', title: 'Что делать, если </script><script>alert(1)</script>?', body: 'Ничего & никогда.' }]);
    const r = await app.client().get('/answers/script-in-title');
    expect(r.text).not.toContain('</script><script>alert(1)');
    expect((jsonLd(r.text)[0] as any).mainEntity[0].name).toBe('Что делать, если </script><script>alert(1)</script>?');
  });

  it('a section page is a collection of its questions (JSON-LD) and offers its feed', async () => {
    const home = await app.client().get('/');
    const href = /href="(\/sections\/[a-z0-9-]+)">Вакцинация</.exec(home.text)![1]!;
    const r = await app.client().get(href);
    const [data] = jsonLd(r.text) as Record<string, any>[];
    expect(data).toMatchObject({ '@type': 'CollectionPage', name: 'Вакцинация' });
    expect(data!.mainEntity.itemListElement).toHaveLength(15);
    expect(r.text).toContain(`<link rel="alternate" type="application/atom+xml" title="Лента раздела «Вакцинация» (Atom)" href="${href}/feed.xml">`);
  });

  it('the Atom feed lists new and updated answers, newest first, and validates as Atom', async () => {
    await publish(app, [{ slug: 'feed-newest', section: 'Вакцинация', title: 'Самый новый ответ', body: 'Текст **нового** ответа.' }]);
    const r = await app.client().get('/feed.xml');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const entries = checkAtom(r.text);
    expect(entries).toHaveLength(50);
    expect(entries[0]!.title).toBe('Самый новый ответ');
    expect(entries[0]!.content!['#text']).toContain('<strong>нового</strong>');
    const dates = entries.map((e) => e.updated);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('each section has its own feed; an unknown one is a 404', async () => {
    const home = await app.client().get('/');
    const href = /href="(\/sections\/[a-z0-9-]+)">Вакцинация</.exec(home.text)![1]!;
    const r = await app.client().get(`${href}/feed.xml`);
    const entries = checkAtom(r.text);
    expect(entries.length).toBe(16);
    expect(entries[0]!.title).toBe('Самый новый ответ');
    expect((await app.client().get('/sections/no-such/feed.xml')).status).toBe(404);
  });

  it('the sitemap lists home, hotline, every section and every answer with public addresses', async () => {
    const r = await app.client().get('/sitemap.xml');
    const urls = parser.parse(r.text).urlset.url as { loc: string; lastmod?: string }[];
    const locs = urls.map((u) => u.loc);
    expect(locs).toContain(`${PUBLIC}/`);
    expect(locs).toContain(`${PUBLIC}/hotline`);
    expect(locs).toContain(`${PUBLIC}/answers/mob-who-is-called-up`);
    expect(locs.filter((l) => l.includes('/answers/')).length).toBe(app.services.portal.catalog.size);
    expect(locs.filter((l) => l.includes('/sections/')).length).toBe(app.services.portal.catalog.sections().length);
    expect((await app.client().get('/robots.txt')).text).toContain(`Sitemap: ${PUBLIC}/sitemap.xml`);
  });
});
