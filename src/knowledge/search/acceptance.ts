// Whether answers fit the query well enough to be shown. Operators must not be shown junk, so the
// rule looks at coverage (the share of the query's meaningful words an answer holds, see
// query-plan.ts), not at raw scores, whose scale changes with the query and the corpus. Coverage by
// the question fields (title, alternatives, tags) counts half: an answer that is *about* what was
// asked beats one that mentions the same words in passing.
import type { DocMatch } from './score.ts';

export const ACCEPTANCE = {
  /** Evidence needed for a query of up to 3 meaningful words... */
  short: 0.36,
  /** ...less per further word, since long questions carry more words no answer repeats... */
  perWord: 0.04,
  /** ...but never less than this. */
  floor: 0.15,
  /** Other answers are shown while their own evidence reaches this share of the bar... */
  others: 0.8,
  /** ...and they score at least this fraction of the best. */
  relativeScore: 0.25,
};

/** How well one answer fits: coverage and question-field coverage, averaged. */
export const evidence = (m: DocMatch) => (m.coverage + m.headCoverage) / 2;

/** The evidence a query of `words` meaningful words needs. */
export function requiredEvidence(words: number): number {
  const { short, perWord, floor } = ACCEPTANCE;
  return Math.max(floor, Math.min(short, short - perWord * (words - 3)));
}

/** The answers to show, best first, from candidates sorted by score. */
export function accept(sorted: DocMatch[], words: number): DocMatch[] {
  const bar = requiredEvidence(words);
  if (!sorted.some((m) => evidence(m) >= bar)) return [];
  const top = sorted[0]!;
  return sorted.filter((m) => m === top || (evidence(m) >= ACCEPTANCE.others * bar && m.score >= ACCEPTANCE.relativeScore * top.score));
}
