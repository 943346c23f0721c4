// The difference between two versions of an answer, field by field, word by word.
import { diffWords } from 'diff';
import type { AnswerContent } from './schema.ts';

export interface FieldDiff {
  field: keyof AnswerContent;
  before: unknown;
  after: unknown;
  /** For text fields: runs of unchanged, inserted and deleted text. */
  changes?: { op: 'equal' | 'insert' | 'delete'; text: string }[];
}

// Words as Russian has them (the default tokenizer knows only Latin letters).
const segmenter = new Intl.Segmenter('ru', { granularity: 'word' });

const textFields = ['title', 'body', 'section', 'audience', 'agency'] as const;
const listFields = ['tags', 'alternatives', 'related', 'sources'] as const;

export function diffContent(before: AnswerContent, after: AnswerContent): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of textFields) {
    const a = before[field] ?? '';
    const b = after[field] ?? '';
    if (a === b) continue;
    out.push({
      field,
      before: before[field],
      after: after[field],
      changes: diffWords(a, b, { intlSegmenter: segmenter }).map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value })),
    });
  }
  for (const field of listFields) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) out.push({ field, before: before[field], after: after[field] });
  }
  for (const field of ['validFrom', 'validUntil'] as const) {
    if (before[field] !== after[field]) out.push({ field, before: before[field], after: after[field] });
  }
  return out;
}
