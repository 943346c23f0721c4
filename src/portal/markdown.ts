// Answer bodies are Markdown written by editors. markdown-it with raw HTML off escapes whatever
// markup an editor types, so the result is safe to put into a page.
import MarkdownIt from 'markdown-it';
import { raw, type Html } from './html.ts';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

// Links in answers lead elsewhere; they must not pass on the reader's place (nor rank spam).
const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]!.attrGet('href') ?? '');
  if (/^https?:/i.test(href)) tokens[idx]!.attrSet('rel', 'noopener nofollow');
  return defaultLink(tokens, idx, options, env, self);
};

export function markdown(text: string): Html {
  return raw(md.render(text));
}

/** Plain text of a Markdown body, for descriptions, feeds and structured data. */
export function plainText(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*[-*+]\s+/gm, '— ')
    .replace(/^#+\s*/gm, '')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first sentences of a body, at most `max` characters, cut at a word. */
export function excerpt(text: string, max = 200): string {
  const plain = plainText(text);
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}
