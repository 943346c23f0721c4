// One key for all the ways of typing the same query, so statistics and feedback add up:
// lower case, ё = е, no punctuation, words stemmed, order ignored. Phone numbers typed into a query
// are masked first: neither the key nor the query as kept may hold one.
import { stemmer } from '@orama/stemmers/russian';
import { maskPhoneNumbers } from '../platform/phone-numbers.ts';

const WORD = /[\p{L}\p{N}]+/gu;

export function normalizeQuery(q: string): string {
  return (q.toLowerCase().replaceAll('ё', 'е').match(WORD) ?? []).join(' ');
}

/** A query as it may be kept (statistics, marks): trimmed, phone numbers masked, at most 500 characters. */
export function storedQuery(q: string): string {
  return maskPhoneNumbers(q.trim()).slice(0, 500);
}

export function queryKey(q: string): string {
  const words = normalizeQuery(maskPhoneNumbers(q)).split(' ').filter(Boolean);
  const stems = words.map((w) => (/[а-я]/.test(w) && w.length > 2 ? stemmer(w) : w));
  return [...new Set(stems)].sort().join(' ').slice(0, 500);
}
