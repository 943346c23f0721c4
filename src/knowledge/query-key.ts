// One key for all the ways of typing the same query, so statistics and feedback add up:
// lower case, ё = е, no punctuation, words stemmed, order ignored.
import { stemmer } from '@orama/stemmers/russian';

const WORD = /[\p{L}\p{N}]+/gu;

export function normalizeQuery(q: string): string {
  return (q.toLowerCase().replaceAll('ё', 'е').match(WORD) ?? []).join(' ');
}

export function queryKey(q: string): string {
  const words = normalizeQuery(q).split(' ').filter(Boolean);
  const stems = words.map((w) => (/[а-я]/.test(w) && w.length > 2 ? stemmer(w) : w));
  return [...new Set(stems)].sort().join(' ').slice(0, 500);
}
