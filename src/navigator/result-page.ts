// The wizard's result: the measures grouped as eligible, possibly eligible (still open, or with
// conditions only a person can judge) and not eligible, each with the engine's reasons, its
// provider, how to apply, the knowledge base's answers about it and the appeal form; the answers
// given, each with a link to change it. Printable: the print stylesheet drops the links to change.
import { html, type Html } from '../portal/index.ts';
import type { Measure, NavigatorCatalog } from './catalog-schema.ts';
import type { Explanation, MeasureResult } from './engine.ts';
import { answersList, crumbs, type PageBody } from './pages.ts';
import { ws } from './page-strings.ts';
import type { WizardState } from './wizard.ts';

export const APPEAL_FORM = '/appeals/new/support-request';

/** The published answers' titles by slug (an answer not published is not linked). */
export type AnswerTitle = (slug: string) => string | undefined;

/** The visitor's region (the portal's cookie), for the measures' regional variants. */
export type Region = { code: string; name: string };

export type Group = 'eligible' | 'possibly' | 'not';

/** Where a measure's result belongs: conditions a person must judge make a "yes" a "possibly". */
export function groupOf(r: MeasureResult): Group {
  if (r.truth === 'no') return 'not';
  return r.truth === 'yes' && r.explanation.judged.length === 0 ? 'eligible' : 'possibly';
}

function reasons(e: Explanation, group: Group): Html {
  const kinds: [string, string[]][] =
    group === 'not'
      ? [[ws.failed, e.failed]]
      : [
          [ws.held, e.held],
          [ws.open, e.open],
          [ws.judged, e.judged],
        ];
  const lines = kinds.flatMap(([label, items]) => items.map((sentence) => html`<li><strong>${label}</strong> ${sentence}</li>`));
  return html`<ul class="nav-why">${lines}</ul>`;
}

/** What differs in the visitor's region (a variant is shown, not evaluated). */
function regional(m: Measure, region: Region | null): Html | '' {
  const v = region ? m.regional?.find((x) => x.region === region.code) : undefined;
  if (!v || !region) return '';
  const parts = [v.title, v.summary, v.provider ? `${ws.provider}: ${v.provider}.` : undefined, v.how_to_apply].filter((p): p is string => Boolean(p));
  return html`<div class="supplement"><h4>${ws.inRegion(region.name)}</h4>${parts.map((p) => html`<p>${p}</p>`)}</div>`;
}

function measureCard(m: Measure, r: MeasureResult, group: Group, titleOf: AnswerTitle, region: Region | null): Html {
  const links = m.answer_ids.flatMap((slug) => {
    const title = titleOf(slug);
    return title ? [{ slug, title }] : [];
  });
  if (group === 'not') {
    return html`<li class="measure" id="m-${m.id}"><h3>${m.title}</h3>
<p class="muted">${m.provider}</p>
${reasons(r.explanation, group)}</li>`;
  }
  return html`<li class="measure" id="m-${m.id}"><h3>${m.title}</h3>
<p>${m.summary}</p>
<dl class="facts">
<div><dt>${ws.provider}</dt><dd>${m.provider}</dd></div>
<div><dt>${ws.why}</dt><dd>${reasons(r.explanation, group)}</dd></div>
<div><dt>${ws.howToApply}</dt><dd>${m.how_to_apply}</dd></div>
${m.legalBasis ? html`<div><dt>${ws.legalBasis}</dt><dd>${m.legalBasis}</dd></div>` : ''}
${links.length ? html`<div><dt>${ws.answersAbout}</dt><dd><ul class="nav-links">${links.map((l) => html`<li><a href="/answers/${l.slug}">${l.title}</a></li>`)}</ul></dd></div>` : ''}
</dl>
${regional(m, region)}
<p class="no-print"><a href="${APPEAL_FORM}">${ws.appeal}<span class="visually-hidden">${ws.appealWhat(m.title)}</span></a></p>
</li>`;
}

function group(id: Group, title: string, intro: string, items: Html[], empty?: string): Html | '' {
  if (!items.length && !empty) return '';
  return html`<section class="nav-group nav-${id}" aria-labelledby="group-${id}">
<h2 id="group-${id}">${title} <span class="nav-count">(${items.length})</span></h2>
${
  items.length
    ? html`<p class="muted">${intro}</p>
<ul class="measures">${items}</ul>`
    : html`<p>${empty}</p>`
}
</section>`;
}

/** The result: state.current is null (nothing left to ask). */
export function resultPage(catalog: NavigatorCatalog, state: WizardState, titleOf: AnswerTitle, region: Region | null): PageBody {
  const byId = new Map(catalog.measures.map((m) => [m.id, m]));
  const cards: Record<Group, Html[]> = { eligible: [], possibly: [], not: [] };
  for (const r of state.step.results) {
    const m = byId.get(r.id);
    if (!m) continue;
    const g = groupOf(r);
    cards[g].push(measureCard(m, r, g, titleOf, region));
  }
  const found = state.step.results.filter((r) => byId.has(r.id) && groupOf(r) !== 'not');
  const content = html`${crumbs(true)}
<h1>${ws.resultTitle}</h1>
<p>${catalog.measures.length ? ws.resultCounts(cards.eligible.length, cards.possibly.length) : ws.noMeasures}</p>
${found.length ? html`<ul class="nav-links no-print">${found.map((r) => html`<li><a href="#m-${r.id}">${byId.get(r.id)!.title}</a>${groupOf(r) === 'possibly' ? html` <span class="muted">(${ws.possiblyShort})</span>` : ''}</li>`)}</ul>` : ''}
<p class="muted">${ws.notAdvice}</p>
${catalog.measures.length ? group('eligible', ws.eligible, ws.eligibleIntro, cards.eligible, ws.eligibleNone(cards.possibly.length)) : ''}
${group('possibly', ws.possibly, ws.possiblyIntro, cards.possibly)}
${group('not', ws.notEligible, ws.notEligibleIntro, cards.not)}
${answersList(state.path)}
<p class="muted no-print">${ws.printNote}</p>
<p class="muted">${ws.byPhone}</p>`;
  return { title: ws.resultTitle, content };
}
