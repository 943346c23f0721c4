// Answer bodies are Markdown written by editors. markdown-it with raw HTML off escapes whatever
// markup an editor types, so the result is safe to put into a page.
import MarkdownIt from 'markdown-it';
import { HOTLINE, hotlineNumbers } from './hotline-link.ts';
import { raw, type Html } from './html.ts';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

// Links in answers lead elsewhere; they must not pass on the reader's place (nor rank spam).
const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]!.attrGet('href') ?? '');
  if (/^https?:/i.test(href)) tokens[idx]!.attrSet('rel', 'noopener nofollow');
  return defaultLink(tokens, idx, options, env, self);
};

// The hotline's number in an answer's text dials it (not inside a link the editor made).
md.core.ruler.push('hotline_links', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let inLink = 0;
    const out: (typeof block.children)[number][] = [];
    for (const token of block.children) {
      if (token.type === 'link_open') inLink++;
      if (token.type === 'link_close') inLink--;
      const at = token.type === 'text' && !inLink ? hotlineNumbers(token.content) : [];
      if (!at.length) {
        out.push(token);
        continue;
      }
      let from = 0;
      const text = (content: string) => Object.assign(new state.Token('text', '', 0), { content });
      for (const i of at) {
        if (i > from) out.push(text(token.content.slice(from, i)));
        const open = new state.Token('link_open', 'a', 1);
        open.attrSet('href', `tel:${HOTLINE}`);
        out.push(open, text(HOTLINE), new state.Token('link_close', 'a', -1));
        from = i + HOTLINE.length;
      }
      if (from < token.content.length) out.push(text(token.content.slice(from)));
    }
    block.children = out;
  }
});

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
