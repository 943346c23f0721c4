// The hotline's number is a link that dials it (tel:122) wherever a page shows it: in the site's own
// words and in answers' text. A tap on a phone calls; a computer offers its calling app.
import { escapeHtml } from '../platform/http/escape-html.ts';
import { html, raw, type Html } from './html.ts';
import { t } from './strings.ts';

export const HOTLINE = t.hotlineNumber;
const HREF = `tel:${HOTLINE}`;

/**
 * 122 standing alone: not part of a longer number, a code (122-ФЗ, 1.22) or a word; and not an
 * article, item or number of a law ("статья 122", "ч. 122", "№ 122", "закон 122").
 */
const NUMBER = /(?<![\p{L}\p{N}\-–.,/№])122(?![\p{L}\p{N}]|[-–.,/][\p{L}\p{N}])/gu;
const NOT_A_PHONE = /(?:стать\p{L}*|ст\.|пункт\p{L}*|п\.|част\p{L}*|ч\.|№|закон\p{L}*)\s*$/iu;

/** The link to dial the hotline; text: what it shows (the number by default). */
export function hotlineLink(text: string = HOTLINE, className?: string): Html {
  return className ? html`<a class="${className}" href="${HREF}">${text}</a>` : html`<a href="${HREF}">${text}</a>`;
}

/** Where in plain text the hotline's number stands: start offsets. */
export function hotlineNumbers(text: string): number[] {
  const at: number[] = [];
  for (const m of text.matchAll(NUMBER)) if (!NOT_A_PHONE.test(text.slice(Math.max(0, m.index - 30), m.index))) at.push(m.index);
  return at;
}

function linked(text: string, escape: (s: string) => string): string {
  let out = '';
  let from = 0;
  for (const at of hotlineNumbers(text)) {
    out += escape(text.slice(from, at)) + hotlineLink().value;
    from = at + HOTLINE.length;
  }
  return out + escape(text.slice(from));
}

/** Plain text as HTML, escaped, with the hotline's number a link to dial it. */
export function withHotlineLinks(text: string): Html {
  return raw(linked(text, escapeHtml));
}

/** Markup of text and tags only (a search engine's snippet): the number in its text made a link. */
export function linkHotlineInMarkup(markup: string): string {
  return markup
    .split(/(<[^>]*>)/)
    .map((part, i) => (i % 2 === 1 ? part : linked(part, (s) => s)))
    .join('');
}

/** "The hotline's one number: 122. Free from any region." as the pages show it. */
export function callBox(): Html {
  return html`<p class="call">${t.hotlineCall}: <strong>${hotlineLink()}</strong>. ${t.hotlineFree}.</p>`;
}
