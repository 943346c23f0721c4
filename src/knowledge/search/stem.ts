// Russian morphology through the Snowball Russian stemmer: "кредитные", "кредитных", "кредитным"
// all become "кредитн". Stemming is the hot path of indexing and querying, so results are cached.
import { stemmer } from '@orama/stemmers/russian';

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000; // queries bring endless misspellings; don't let them grow memory forever

/** The stem of a normalized word (lower case, ё already replaced). Latin words and numbers stay. */
export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = word.length <= 2 ? word : stemmer(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, s);
  }
  return s;
}
