// An answer's page: the question, the full answer (no JavaScript needed), the supplement for the
// visitor's region, dates, related answers, "did this help?", and FAQPage data for search engines.
import type { PublishedRecord } from '../knowledge/index.ts';
import type { Catalog } from './catalog.ts';
import { callBox, withHotlineLinks } from './hotline-link.ts';
import { html, type Html } from './html.ts';
import { page, type Visitor } from './layout.ts';
import { excerpt, markdown, plainText } from './markdown.ts';
import { dateRu, t } from './strings.ts';

export type Flash = 'helped' | 'not-helped' | 'told' | null;

export function answerPath(slug: string): string {
  return `/answers/${slug}`;
}

export function faqJsonLd(origin: string, answers: PublishedRecord[], path: string): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    url: origin + path,
    inLanguage: 'ru',
    mainEntity: answers.map((a) => ({
      '@type': 'Question',
      name: a.title,
      url: origin + answerPath(a.slug),
      ...(a.publishedAt ? { dateModified: a.publishedAt } : {}),
      acceptedAnswer: { '@type': 'Answer', text: plainText(a.body), url: origin + answerPath(a.slug) },
    })),
  };
}

function supplementBlock(a: PublishedRecord, catalog: Catalog, visitor: Visitor): Html {
  const s = catalog.supplement(a.slug, visitor.region?.code);
  if (s) {
    return html`<section class="supplement" aria-labelledby="supplement-title">
<h2 id="supplement-title">${t.supplementTitle(visitor.region!.name)}</h2>
${s.title !== a.title ? html`<p><strong>${s.title}</strong></p>` : ''}
${markdown(s.body)}
<p class="muted">${s.publishedAt ? html`${t.updatedOn} <time datetime="${s.publishedAt}">${dateRu(s.publishedAt)}</time>. ` : ''}<a href="/region?back=${encodeURIComponent(answerPath(a.slug))}">${t.regionChange}</a></p>
</section>`;
  }
  if (!catalog.hasSupplements(a.slug)) return html``;
  return html`<p class="supplement">${visitor.region ? t.supplementNone(visitor.region.name) : t.supplementChoose} <a href="/region?back=${encodeURIComponent(answerPath(a.slug))}">${visitor.region ? t.regionChange : t.regionChoose}</a></p>`;
}

/** Who answers for what the answer says, and the laws and pages it rests on (editors fill them in). */
function sourcesBlock(a: PublishedRecord): Html | string {
  if (!a.agency && !a.sources.length) return '';
  return html`<footer class="sources">
${a.agency ? html`<p>${t.agency} <strong>${a.agency}</strong></p>` : ''}
${a.sources.length ? html`<h2>${t.sources}</h2><ul>${a.sources.map((x) => html`<li><a href="${x.url}" rel="noopener">${x.title}</a></li>`)}</ul>` : ''}
</footer>`;
}

function feedbackBlock(a: PublishedRecord, flash: Flash): Html {
  if (flash === 'not-helped')
    return html`<form class="feedback" id="feedback" action="${answerPath(a.slug)}/missing" method="post">
<p class="notice" role="status">${withHotlineLinks(t.helpedThanksNo)}</p>
<label for="missing-text">${t.missingQuestion}</label>
<p class="hint" id="missing-hint">${t.missingHint}</p>
<textarea id="missing-text" name="text" rows="3" maxlength="1000" required aria-describedby="missing-hint"></textarea>
<button type="submit">${t.missingSend}</button>
</form>`;
  if (flash) return html`<div class="feedback" id="feedback"><p class="notice" role="status">${withHotlineLinks(flash === 'helped' ? t.helpedThanks : t.missingThanks)}</p></div>`;
  return html`<form class="feedback" id="feedback" action="${answerPath(a.slug)}/feedback" method="post">
<fieldset>
<legend>${t.helpedQuestion}</legend>
<button type="submit" name="helped" value="yes">${t.helpedYes}</button>
<button type="submit" name="helped" value="no" class="secondary">${t.helpedNo}</button>
</fieldset>
</form>`;
}

export function answerPage(origin: string, a: PublishedRecord, catalog: Catalog, visitor: Visitor, flash: Flash): string {
  const section = catalog.sectionOf(a);
  const listed = catalog.related(a);
  // Without related answers chosen by an editor, the newest of the same section stand in.
  const related = listed.length ? listed : (section?.answers ?? []).filter((x) => x.slug !== a.slug).slice(0, 5);
  const path = answerPath(a.slug);
  const content = html`<nav class="crumbs" aria-label="${t.breadcrumbs}"><ol>
<li><a href="/">${t.navHome}</a></li>
${section ? html`<li><a href="/sections/${section.slug}">${section.name}</a></li>` : ''}
</ol></nav>
<article>
<h1>${a.title}</h1>
<p class="muted">${a.publishedAt ? html`${t.updatedOn} <time datetime="${a.publishedAt}">${dateRu(a.publishedAt)}</time>` : ''}${a.firstPublishedAt && a.firstPublishedAt !== a.publishedAt ? html` · ${t.publishedOn} <time datetime="${a.firstPublishedAt}">${dateRu(a.firstPublishedAt)}</time>` : ''}</p>
<div class="answer">
${markdown(a.body)}
</div>
${supplementBlock(a, catalog, visitor)}
${sourcesBlock(a)}
</article>
${feedbackBlock(a, flash)}
${callBox()}
${
  related.length
    ? html`<section aria-labelledby="related-title">
<h2 id="related-title">${t.related}</h2>
<ul class="list">${related.map((r) => html`<li><a href="${answerPath(r.slug)}">${r.title}</a></li>`)}</ul>
</section>`
    : ''
}`;
  return page(
    origin,
    visitor,
    {
      title: a.title,
      description: excerpt(a.body),
      path,
      type: 'article',
      headerSearch: true,
      jsonLd: faqJsonLd(origin, [a], path),
      ...(section ? { feed: { href: `/sections/${section.slug}/feed.xml`, title: t.feedSection(section.name) } } : {}),
    },
    content,
  );
}
