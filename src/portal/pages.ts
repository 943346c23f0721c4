// The portal's other pages: home, a section, search results, the region chooser, errors.
import type { PublishedRecord } from '../knowledge/index.ts';
import { answerPath } from './answer-page.ts';
import type { Catalog, Section } from './catalog.ts';
import { callBox, hotlineLink, linkHotlineInMarkup, withHotlineLinks } from './hotline-link.ts';
import { html, raw, type Html } from './html.ts';
import { page, searchForm, type Visitor } from './layout.ts';
import { dateRu, t } from './strings.ts';

export interface SearchHit {
  slug: string;
  title: string;
  section: string;
  /** HTML from the search engine: the text escaped, matches in <mark>. */
  snippet: string;
}

function answerList(items: PublishedRecord[], withDate: boolean): Html {
  return html`<ol class="list">${items.map(
    (a) =>
      html`<li><a href="${answerPath(a.slug)}">${a.title}</a>${withDate && a.publishedAt ? html` <span class="muted">— <time datetime="${a.publishedAt}">${dateRu(a.publishedAt)}</time></span>` : ''}</li>`,
  )}</ol>`;
}

/**
 * Recent answers come first (what changed is what most come for), then the sections to browse:
 * that is the reading order and the order on a small screen; on a wide one the sections stand on
 * the left beside it (style.ts, .home).
 */
export function homePage(origin: string, catalog: Catalog, popular: PublishedRecord[], visitor: Visitor): string {
  const content = html`<h1>${t.tagline}</h1>
${searchForm('q-home')}
${callBox()}
<div class="home">
<section class="recent" aria-labelledby="recent-title">
<h2 id="recent-title">${t.recent}</h2>
<p class="muted">${t.recentIntro}</p>
${answerList(catalog.newest(8), true)}
</section>
<section class="sections" aria-labelledby="sections-title">
<h2 id="sections-title">${t.sections}</h2>
<ul class="cards">${catalog.sections().map((s) => html`<li><a href="/sections/${s.slug}">${s.name}</a><br><span class="muted">${t.answersInSection(s.answers.length)}</span></li>`)}</ul>
</section>
${
  popular.length
    ? html`<section class="popular" aria-labelledby="popular-title">
<h2 id="popular-title">${t.popular}</h2>
<p class="muted">${t.popularIntro}</p>
${answerList(popular, false)}
</section>`
    : ''
}
</div>`;
  return page(origin, visitor, { title: t.siteName, description: t.tagline, path: '/' }, content);
}

/** A section lists questions without their answers, so it is a collection, not an FAQ page. */
function listJsonLd(origin: string, s: Section, path: string): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    name: s.name,
    url: origin + path,
    inLanguage: 'ru',
    mainEntity: { '@type': 'ItemList', itemListElement: s.answers.map((a, i) => ({ '@type': 'ListItem', position: i + 1, url: origin + answerPath(a.slug), name: a.title })) },
  };
}

export function sectionPage(origin: string, s: Section, visitor: Visitor): string {
  const path = `/sections/${s.slug}`;
  const content = html`<nav class="crumbs" aria-label="${t.breadcrumbs}"><ol><li><a href="/">${t.navHome}</a></li></ol></nav>
<h1>${s.name}</h1>
<p class="muted">${t.answersInSection(s.answers.length)}${s.updatedAt ? html` · ${t.updatedOn} <time datetime="${s.updatedAt}">${dateRu(s.updatedAt)}</time>` : ''} · <a href="${path}/feed.xml">${t.feedSection(s.name)}</a></p>
${answerList(s.answers, false)}
${callBox()}`;
  return page(
    origin,
    visitor,
    {
      title: s.name,
      description: `${s.name}: ${t.answersInSection(s.answers.length)}. ${t.tagline}.`,
      path,
      headerSearch: true,
      jsonLd: listJsonLd(origin, s, path),
      feed: { href: `${path}/feed.xml`, title: t.feedSection(s.name) },
    },
    content,
  );
}

/** corrected: the query as the search read it, when it corrected a typing error or the keyboard layout. */
export function searchPage(origin: string, query: string, hits: SearchHit[], visitor: Visitor, corrected?: string): string {
  const back = `/search?q=${encodeURIComponent(query)}`;
  if (!query) {
    return page(
      origin,
      visitor,
      { title: t.searchLabel, description: t.tagline, path: null, back: '/search' },
      html`<h1>${t.searchLabel}</h1>${searchForm('q-main')}<p>${t.searchHint}</p>${callBox()}`,
    );
  }
  const results = hits.length
    ? html`${corrected ? html`<p>${t.searchReadAs} «<a href="/search?q=${encodeURIComponent(corrected)}">${corrected}</a>»</p>` : ''}
<p role="status">${t.searchFound(hits.length)}</p>
<ol class="list">${hits.map((h) => html`<li><a href="${answerPath(h.slug)}">${h.title}</a> <span class="muted">(${h.section})</span><br>${raw(linkHotlineInMarkup(h.snippet))}</li>`)}</ol>`
    : html`<section aria-labelledby="empty-title">
<h2 id="empty-title" role="status">${t.searchEmptyTitle}</h2>
<p>${withHotlineLinks(t.searchEmptyText)}</p>
<p>${hotlineLink(t.searchEmptyCall, 'button')} <a href="/hotline">${t.searchAsk}</a></p>
</section>`;
  return page(origin, visitor, { title: t.searchTitle(query), description: t.tagline, path: null, back }, html`<h1>${t.searchTitle(query)}</h1>${searchForm('q-main', query)}${results}`);
}

/** openNow: the chosen region's call centre open now or not, in words (after the region is saved). */
export function regionPage(origin: string, regions: { code: string; name: string }[], visitor: Visitor, back: string, saved: 'set' | 'cleared' | null, openNow: string | null = null): string {
  const content = html`<h1>${t.regionTitle}</h1>
${saved ? html`<p class="notice" role="status">${saved === 'set' && visitor.region ? t.regionSaved(visitor.region.name) : t.regionCleared}${openNow ? html` ${withHotlineLinks(t.regionHotlineNow(openNow))}` : ''} <a href="${back}">${t.backLink}</a></p>` : ''}
<p>${t.regionIntro}</p>
<form action="/region" method="post">
<input type="hidden" name="back" value="${back}">
<p><label for="region-code">${t.region}</label><br>
<select id="region-code" name="code">
<option value="">${t.regionNone}</option>
${regions.map((r) => html`<option value="${r.code}"${r.code === visitor.region?.code ? raw(' selected') : ''}>${r.name}</option>`)}
</select></p>
<p><button type="submit">${t.regionSave}</button></p>
</form>`;
  return page(origin, visitor, { title: t.regionTitle, description: t.regionIntro, path: null, back: '/region' }, content);
}

export function errorPage(origin: string, visitor: Visitor, status: number, requestId: string): string {
  const [title, text] =
    status === 404
      ? [t.notFoundTitle, t.notFoundText]
      : status === 429
        ? [t.tooManyTitle, t.tooManyText]
        : status < 500
          ? [t.badRequestTitle, t.badRequestText]
          : [t.errorTitle, t.errorText(requestId)];
  return page(
    origin,
    visitor,
    { title, description: text, path: null, back: '/' },
    html`<h1>${title}</h1><p>${withHotlineLinks(text)}</p>${searchForm('q-error')}<p><a href="/">${t.toHome}</a></p>${callBox()}`,
  );
}
