// The stems the index holds, counted by documents, with the two look-ups query analysis needs
// beyond "is it there": near misspellings (fuzzy) and stems of the same root (prefix buckets).
import { FuzzyVocabulary, type Correction } from './fuzzy-vocabulary.ts';

/**
 * Whether two stems are of one root. The Snowball stemmer cuts "кредит" to "кред" but "кредита"
 * to "кредит", "мобилизовали" to "мобилизова" but "мобилизации" to "мобилизац", and keeps the
 * fleeting vowel of "ребёнок" ("ребенок") that "ребёнка" ("ребенк") has lost. So: one stem may
 * extend the other by a few letters, or both may part after a long common beginning.
 */
export const ROOTS = { min: 4, extensionMax: 4, shortExtensionMax: 3, partedMin: 5, slack: 2, partedShare: 0.75 };
const ROOT_MIN = ROOTS.min;

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export function sameRoot(a: string, b: string): boolean {
  const p = commonPrefix(a, b);
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (p === short.length) return p >= ROOTS.min && long.length - p <= (p > ROOTS.min ? ROOTS.extensionMax : ROOTS.shortExtensionMax);
  return p >= ROOTS.partedMin && p >= short.length - ROOTS.slack && p >= ROOTS.partedShare * short.length && long.length - p <= ROOTS.slack + 1;
}

export class StemVocabulary {
  private readonly fuzzy = new FuzzyVocabulary();
  private readonly byRoot = new Map<string, Set<string>>();

  /** Count one more document (or dictionary term) holding `stem`. */
  add(stem: string): void {
    if (!this.fuzzy.has(stem) && stem.length >= ROOT_MIN) {
      const key = stem.slice(0, ROOT_MIN);
      this.byRoot.set(key, (this.byRoot.get(key) ?? new Set()).add(stem));
    }
    this.fuzzy.add(stem);
  }

  remove(stem: string): void {
    this.fuzzy.remove(stem);
    if (!this.fuzzy.has(stem)) this.byRoot.get(stem.slice(0, ROOT_MIN))?.delete(stem);
  }

  has(stem: string): boolean {
    return this.fuzzy.has(stem);
  }

  corrections(stem: string, maxEdits: number): Correction[] {
    return this.fuzzy.corrections(stem, maxEdits);
  }

  /** Known stems of the same root as `stem` (see `sameRoot`). */
  related(stem: string): string[] {
    if (stem.length < ROOT_MIN) return [];
    const out: string[] = [];
    for (const other of this.byRoot.get(stem.slice(0, ROOT_MIN)) ?? []) if (other !== stem && sameRoot(stem, other)) out.push(other);
    return out;
  }
}
