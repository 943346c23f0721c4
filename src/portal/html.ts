// HTML built with a tagged template: every interpolated value is escaped unless it is already Html
// (made here, or by the Markdown renderer). See docs/adr/0010-portal-server-rendering.md.
import { escapeHtml } from '../platform/http/escape-html.ts';

/** A piece of markup that is safe to put into a page as it is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks trusted markup (from this module or a sanitising renderer) as safe. */
export function raw(markup: string): Html {
  return new Html(markup);
}

type Value = Html | string | number | null | undefined | false | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}
