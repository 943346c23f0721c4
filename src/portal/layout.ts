// The frame of every portal page: head (title, description, canonical, cards for shared links,
// structured data), skip link, header with search and region, footer.
import { HOTLINE, hotlineLink, withHotlineLinks } from './hotline-link.ts';
import { html, raw, type Html } from './html.ts';
import { t } from './strings.ts';
import { stylesheet } from './style.ts';

/**
 * What a page knows of the visitor: their region and whether they want large type. Nothing else.
 * The frame shows no region, so that pages which do not depend on it are one page for everyone.
 */
export interface Visitor {
  region: { code: string; name: string } | null;
  large: boolean;
}

export interface PageMeta {
  title: string;
  description: string;
  /** The page's own path, for canonical and shared links; null for pages not to be indexed. */
  path: string | null;
  type?: 'website' | 'article';
  /** schema.org data, serialised into a script element. */
  jsonLd?: object;
  /** The Atom feed this page offers (besides the site's). */
  feed?: { href: string; title: string };
  /** The search box in the header (not on pages that have their own). */
  headerSearch?: boolean;
  query?: string;
  /** Where the font switch returns to (default: the page's path). */
  back?: string;
  /** false: no font switch (a page a POST returned, which the switch would leave for good). */
  fontSwitch?: boolean;
}

/** JSON inside a script element must not be able to close it. */
function jsonForScript(data: object): Html {
  return raw(JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
}

export function searchForm(id: string, query = ''): Html {
  return html`<form class="search" role="search" action="/search" method="get">
<label for="${id}">${t.searchLabel}</label>
<input id="${id}" name="q" type="search" value="${query}" placeholder="${t.searchPlaceholder}" maxlength="200" autocomplete="off" required>
<button type="submit">${t.searchButton}</button>
</form>`;
}

export function page(origin: string, visitor: Visitor, meta: PageMeta, content: Html): string {
  const canonical = meta.path === null ? null : origin + meta.path;
  const title = meta.path === '/' ? t.siteName : `${meta.title} — ${t.siteShort}`;
  return html`<!DOCTYPE html>
<html lang="ru"${visitor.large ? raw(' class="large"') : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${meta.description}">
${canonical ? html`<link rel="canonical" href="${canonical}">` : html`<meta name="robots" content="noindex">`}
<link rel="stylesheet" href="/static/${stylesheet.name}">
<link rel="icon" href="data:,">
<link rel="alternate" type="application/atom+xml" title="${t.feed}" href="/feed.xml">
${meta.feed ? html`<link rel="alternate" type="application/atom+xml" title="${meta.feed.title}" href="${meta.feed.href}">` : ''}
${
  canonical
    ? html`<meta property="og:type" content="${meta.type ?? 'website'}">
<meta property="og:site_name" content="${t.siteName}">
<meta property="og:locale" content="ru_RU">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${canonical}">
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${meta.title}">
<meta name="twitter:description" content="${meta.description}">`
    : ''
}
${meta.jsonLd ? html`<script type="application/ld+json">${jsonForScript(meta.jsonLd)}</script>` : ''}
</head>
<body>
<a class="skip" href="#main">${t.skipLink}</a>
<header class="site">
<div class="wrap">
<span class="brand"><a href="/">${t.siteShort}</a>${hotlineLink(HOTLINE, 'tel')}</span>
<nav class="main" aria-label="${t.navMain}">
<ul>
<li><a href="/">${t.navHome}</a></li>
<li><a href="/hotline">${t.navHotline}</a></li>
<li><a href="/appeals">${t.navAppeals}</a></li>
<li><a href="/navigator">${t.navNavigator}</a></li>
<li><a href="/region">${t.regionTitle}</a></li>
${meta.fontSwitch === false ? '' : html`<li><form action="/settings/font" method="post"><input type="hidden" name="back" value="${meta.back ?? meta.path ?? '/'}"><input type="hidden" name="size" value="${visitor.large ? 'normal' : 'large'}"><button class="linkish" type="submit">${visitor.large ? t.fontNormal : t.fontLarge}</button></form></li>`}
</ul>
</nav>
</div>
</header>
<main id="main" tabindex="-1">
<div class="wrap">
${meta.headerSearch ? searchForm('q-top', meta.query) : ''}
${content}
</div>
</main>
<footer class="site">
<div class="wrap">
<p>${t.footerAbout} ${withHotlineLinks(t.footerCall)}</p>
<ul>
<li><a href="/hotline">${t.navHotline}</a></li>
<li><a href="/feed.xml">${t.feed}</a></li>
<li><a href="/sitemap.xml">${t.sitemap}</a></li>
<li><a href="/staff" rel="nofollow">${t.staffSignIn}</a></li>
</ul>
</div>
</footer>
</body>
</html>
`.value;
}
