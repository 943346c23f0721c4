// A document split into the fields search weighs differently, each a list of stemmed words with
// their positions. Stop words are left out but keep their places, so distances stay true.
import { stem } from './stem.ts';
import { isStopWord } from './stop-words.ts';
import { tokenize } from './text.ts';
import type { SearchDocument } from './types.ts';

export const FIELDS = ['title', 'alternatives', 'tags', 'section', 'body'] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD = { title: 0, alternatives: 1, tags: 2, section: 3, body: 4 } as const;

export interface FieldWord {
  stem: string;
  norm: string;
  position: number;
}

/** Positions between separate strings of one field (two alternatives, two tags): never "near". */
const GAP = 100;

function analyzeField(parts: string[]): { words: FieldWord[]; length: number } {
  const words: FieldWord[] = [];
  let position = 0;
  let length = 0;
  for (const part of parts) {
    for (const t of tokenize(part)) {
      if (!isStopWord(t.norm)) words.push({ stem: stem(t.norm), norm: t.norm, position });
      position++;
      length++;
    }
    position += GAP;
  }
  return { words, length };
}

export interface AnalyzedDocument {
  /** Per field, in FIELDS order. */
  fields: { words: FieldWord[]; length: number }[];
}

export function analyzeDocument(doc: SearchDocument): AnalyzedDocument {
  return {
    fields: [analyzeField([doc.title]), analyzeField(doc.alternatives), analyzeField(doc.tags), analyzeField([doc.section]), analyzeField([doc.body])],
  };
}
