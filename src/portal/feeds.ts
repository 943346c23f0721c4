// Atom feeds of new and updated answers (whole site and per section) for newsrooms and social
// channels, and the sitemap for search engines. Both are XML built from the catalog.
import type { PublishedRecord } from '../knowledge/index.ts';
import { answerPath } from './answer-page.ts';
import type { Catalog, Section } from './catalog.ts';
import { escapeHtml } from '../platform/http/escape-html.ts';
import { excerpt, markdown } from './markdown.ts';
import { t } from './strings.ts';

/** Escaping for XML text and attributes is the same as for HTML (&, <, >, quotes). */
const x = escapeHtml;
const FEED_SIZE = 50;
const EPOCH = '1970-01-01T00:00:00.000Z';

function entry(origin: string, a: PublishedRecord): string {
  const url = origin + answerPath(a.slug);
  return `<entry>
<id>${x(url)}</id>
<title>${x(a.title)}</title>
<link rel="alternate" type="text/html" href="${x(url)}"/>
<updated>${a.publishedAt ?? EPOCH}</updated>
${a.firstPublishedAt ? `<published>${a.firstPublishedAt}</published>\n` : ''}<category term="${x(a.section)}"/>
<summary>${x(excerpt(a.body, 300))}</summary>
<content type="html">${x(markdown(a.body).value)}</content>
</entry>`;
}

export function atomFeed(origin: string, catalog: Catalog, section?: Section): string {
  const path = section ? `/sections/${section.slug}/feed.xml` : '/feed.xml';
  const items = catalog.newest(FEED_SIZE, section?.name);
  const updated = items[0]?.publishedAt ?? EPOCH;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">
<id>${x(origin + path)}</id>
<title>${x(section ? `${t.feedTitle}: ${section.name}` : t.feedTitle)}</title>
<link rel="self" type="application/atom+xml" href="${x(origin + path)}"/>
<link rel="alternate" type="text/html" href="${x(origin + (section ? `/sections/${section.slug}` : '/'))}"/>
<updated>${updated}</updated>
<author><name>${x(t.siteName)}</name></author>
${items.map((a) => entry(origin, a)).join('\n')}
</feed>
`;
}

export function sitemap(origin: string, catalog: Catalog): string {
  const url = (path: string, lastmod: string | null) => `<url><loc>${x(origin + path)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
  const sections = catalog.sections();
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${[
  url('/', catalog.lastModified()),
  url('/hotline', null),
  ...sections.map((s) => url(`/sections/${s.slug}`, s.updatedAt || null)),
  ...sections.flatMap((s) => s.answers.map((a) => url(answerPath(a.slug), a.publishedAt))),
].join('\n')}
</urlset>
`;
}
