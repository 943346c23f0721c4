// What query analysis may ask about the indexed words: is a stem known, how common is it, which
// known stems are near a misspelled one or share its root. The search index implements it.
import type { Correction } from './fuzzy-vocabulary.ts';
import type { SynonymDictionary } from './synonym-dictionary.ts';

export interface Lexicon {
  /** Number of stored documents. */
  readonly documentCount: number;
  /** Documents that contain the stem (0 when unknown to the index). */
  docFrequency(stem: string): number;
  /** Known to the index or to the synonym dictionary. */
  isKnownStem(stem: string): boolean;
  /** The exact word form occurs in some document or dictionary term. */
  isKnownWord(norm: string): boolean;
  /** The indexed word form of `stem` nearest to the `typed` word: how a correction is shown. */
  nearestForm(stem: string, typed: string): string | undefined;
  /** Known stems within `maxEdits` of `stem`, nearest first. */
  corrections(stem: string, maxEdits: number): Correction[];
  /** Indexed stems of the same root: one is a short extension of the other ("мобилиз" / "мобилизац"). */
  relatedStems(stem: string): string[];
  readonly synonyms: SynonymDictionary;
}

/** Inverse document frequency (BM25 form); an unknown stem counts as the rarest possible. */
export function idf(lexicon: Lexicon, stem: string): number {
  const n = lexicon.documentCount;
  const df = lexicon.docFrequency(stem);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
