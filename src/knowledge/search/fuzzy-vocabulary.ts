// The words the index knows, for correcting typos. Candidates come from a deletion neighbourhood
// (SymSpell): every known term is filed under itself and each one-letter deletion of it; a query
// word looks itself and its one- and two-letter deletions up there, and each candidate is checked
// with the real edit distance. Adding a term costs a dozen map writes, so live upserts stay cheap.
import { editDistance } from './edit-distance.ts';

export interface Correction {
  term: string;
  distance: number;
}

function deletions(word: string, depth: number, into: Set<string>): Set<string> {
  into.add(word);
  if (depth === 0 || word.length <= 2) return into;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) deletions(shorter, depth - 1, into);
  }
  return into;
}

export class FuzzyVocabulary {
  private readonly counts = new Map<string, number>();
  private readonly filed = new Set<string>();
  private readonly byDeletion = new Map<string, string[]>();

  get size(): number {
    return this.counts.size;
  }

  has(term: string): boolean {
    return this.counts.has(term);
  }

  add(term: string): void {
    this.counts.set(term, (this.counts.get(term) ?? 0) + 1);
    if (this.filed.has(term)) return; // a term that comes back after removal is still filed
    this.filed.add(term);
    for (const d of deletions(term, 1, new Set())) {
      const list = this.byDeletion.get(d);
      if (list) list.push(term);
      else this.byDeletion.set(d, [term]);
    }
  }

  remove(term: string): void {
    const n = this.counts.get(term);
    if (n === undefined) return;
    if (n <= 1) this.counts.delete(term);
    else this.counts.set(term, n - 1);
  }

  /** Known terms within `maxEdits` of `word` (not `word` itself), nearest first. */
  corrections(word: string, maxEdits: number): Correction[] {
    if (maxEdits <= 0) return [];
    const found = new Map<string, number>();
    for (const d of deletions(word, maxEdits, new Set())) {
      for (const term of this.byDeletion.get(d) ?? []) {
        if (term === word || found.has(term) || !this.counts.has(term)) continue;
        const distance = editDistance(word, term, maxEdits);
        if (distance <= maxEdits) found.set(term, distance);
      }
    }
    return [...found].map(([term, distance]) => ({ term, distance })).sort((a, b) => a.distance - b.distance);
  }
}
