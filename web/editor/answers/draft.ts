// An answer as its form holds it (lists as text, one item a line or comma-separated) and back into
// what the API takes. Comparing the two tells whether there are unsaved changes.
import type { Schema } from '../../shared/api-types.ts';

export type EditorAnswer = Schema<'EditorAnswer'>;
export type Version = Schema<'AnswerVersion'>;

export interface Draft {
  title: string;
  body: string;
  section: string;
  tags: string;
  audience: string;
  alternatives: string;
  related: string;
  validFrom: string;
  validUntil: string;
  agency: string;
  /** One source a line: «Название — https://адрес». */
  sources: string;
  note: string;
}

export const emptyDraft: Draft = { title: '', body: '', section: '', tags: '', audience: '', alternatives: '', related: '', validFrom: '', validUntil: '', agency: '', sources: '', note: '' };

export function draftOf(v: Version): Draft {
  return {
    title: v.title,
    body: v.body,
    section: v.section,
    tags: v.tags.join(', '),
    audience: v.audience ?? '',
    alternatives: v.alternatives.join('\n'),
    related: v.related.join('\n'),
    validFrom: v.validFrom ?? '',
    validUntil: v.validUntil ?? '',
    agency: v.agency ?? '',
    sources: v.sources.map((x) => `${x.title} — ${x.url}`).join('\n'),
    // (the note is about one save: a new one starts empty)
    note: '',
  };
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * A source's line as the API takes it: the address is the line's last word when it starts with
 * http(s)://, the rest (without a dash before it) the title. A line without an address goes as it
 * is, and the API's refusal names its line (sources.N.url).
 */
export function sourceOf(line: string): { title: string; url: string } {
  const m = /^(.*?)[\s—–-]*(https?:\/\/\S+)$/.exec(line);
  if (!m) return { title: line, url: '' };
  return { title: m[1]!.trim() || m[2]!, url: m[2]! };
}

/** The content the API stores (the note only when written). */
export function contentOf(d: Draft) {
  return {
    title: d.title,
    body: d.body,
    section: d.section,
    tags: d.tags
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    audience: d.audience.trim() || null,
    alternatives: lines(d.alternatives),
    related: lines(d.related),
    validFrom: d.validFrom || null,
    validUntil: d.validUntil || null,
    agency: d.agency.trim() || null,
    sources: lines(d.sources).map(sourceOf),
    ...(d.note.trim() ? { note: d.note.trim() } : {}),
  };
}

/** True when the form differs from the saved version (a note alone is no change). */
export function changed(d: Draft, saved: Draft): boolean {
  const { note: _a, ...mine } = contentOf(d);
  const { note: _b, ...theirs } = contentOf(saved);
  return JSON.stringify(mine) !== JSON.stringify(theirs);
}
