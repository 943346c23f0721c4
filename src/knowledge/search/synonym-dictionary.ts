// The editors' dictionary of equivalent terms, compiled for matching: each term becomes the stem
// sequence of its meaningful words, so "многофункционального центра" in a query finds the group
// ["мфц", "многофункциональный центр"] whatever the word forms.
import { stem } from './stem.ts';
import { isStopWord } from './stop-words.ts';
import { tokenize } from './text.ts';
import type { SynonymEntry } from './types.ts';

export interface SynonymTerm {
  stems: string[];
  group: number;
}

export interface SynonymMatch {
  /** How many query words the matched term spans. */
  length: number;
  /** The other terms of its group (different stem sequences), as alternatives for those words. */
  alternatives: string[][];
}

export const termStems = (text: string): string[] =>
  tokenize(text)
    .filter((t) => !isStopWord(t.norm))
    .map((t) => stem(t.norm));

export class SynonymDictionary {
  private readonly groups: SynonymTerm[][] = [];
  private readonly byFirstStem = new Map<string, SynonymTerm[]>();
  /** Every stem that appears in some term: the query corrector must treat these as known words. */
  readonly stems = new Set<string>();
  /** Every word form written in some term. */
  readonly words = new Set<string>();

  constructor(entries: readonly SynonymEntry[] = []) {
    for (const entry of entries) {
      const seen = new Set<string>();
      const terms: SynonymTerm[] = [];
      for (const text of entry) {
        tokenize(text).forEach((t) => this.words.add(t.norm));
        const stems = termStems(text);
        const key = stems.join(' ');
        if (!stems.length || seen.has(key)) continue;
        seen.add(key);
        terms.push({ stems, group: this.groups.length });
      }
      if (terms.length < 2) continue;
      this.groups.push(terms);
      for (const t of terms) {
        t.stems.forEach((s) => this.stems.add(s));
        const list = this.byFirstStem.get(t.stems[0]!) ?? [];
        list.push(t);
        this.byFirstStem.set(t.stems[0]!, list);
      }
    }
  }

  get size(): number {
    return this.groups.length;
  }

  /** Terms that start at `words[at]`, longest first. */
  matchesAt(words: readonly string[], at: number): SynonymMatch[] {
    const out: SynonymMatch[] = [];
    for (const term of this.byFirstStem.get(words[at]!) ?? []) {
      if (!term.stems.every((s, k) => words[at + k] === s)) continue;
      const alternatives = this.groups[term.group]!.filter((t) => t !== term).map((t) => t.stems);
      out.push({ length: term.stems.length, alternatives });
    }
    return out.sort((a, b) => b.length - a.length);
  }
}
