// Completions while an operator types: frequent phrases of the answers ("кредитные каникулы",
// counted over documents and merged across word forms) and the questions themselves. The word
// being typed matches by its beginning, the words before it by stem.
import { latinToCyrillic, mayBeWrongLayout } from './keyboard-layout.ts';
import { stem } from './stem.ts';
import { isStopWord } from './stop-words.ts';
import { normalize, tokenize } from './text.ts';
import type { SearchDocument } from './types.ts';

interface Entry {
  kind: 'phrase' | 'question';
  words: string[];
  stems: string[];
  /** Surface forms as written, with how many documents use each. */
  forms: Map<string, number>;
  docs: number;
  /** For questions: the scopes and sections of the answers that ask them, for filtering. */
  owners: Map<string, number>;
}

/** Filters like search's: questions of other sections or regions (or any region, without one) are not offered. */
export interface SuggestFilter {
  section?: string;
  region?: string;
}

const ownerKey = (doc: SearchDocument) => `${doc.scope ?? 'federal'}\u0000${doc.section}`;

function allowed(e: Entry, filter: SuggestFilter): boolean {
  if (e.kind === 'phrase') return true;
  for (const key of e.owners.keys()) {
    const [scope, section] = key.split('\u0000');
    if ((filter.section === undefined || section === filter.section) && (scope === 'federal' || scope === filter.region)) return true;
  }
  return false;
}

/** A phrase is offered once this many answers use it; questions always are. */
const MIN_PHRASE_DOCS = 2;
const NGRAMS = [2, 3];
/** A phrase does not end on an adjective waiting for its noun ("оформить кредитные"). */
const DANGLING = /(?:ый|ая|яя|ое|ые|ых|ого|ому|ым|ую|юю)$/;

interface Candidate {
  text: string;
  words: string[];
}

function phrasesOf(text: string): Candidate[] {
  const out: Candidate[] = [];
  // Phrases do not cross sentence or list boundaries.
  for (const part of text.split(/[.!?;:()\n«»"—–]+|,\s/)) {
    const words = tokenize(part).filter((t) => /^\p{L}+$/u.test(t.norm));
    for (const n of NGRAMS) {
      for (let i = 0; i + n <= words.length; i++) {
        const slice = words.slice(i, i + n);
        if (isStopWord(slice[0]!.norm) || isStopWord(slice[n - 1]!.norm) || DANGLING.test(slice[n - 1]!.norm)) continue;
        out.push({ text: part.slice(slice[0]!.start, slice[n - 1]!.end).toLowerCase(), words: slice.map((t) => t.norm) });
      }
    }
  }
  return out;
}

const whole = (text: string): Candidate => ({ text, words: tokenize(text).map((t) => t.norm) });

export class Suggestions {
  private readonly entries = new Map<string, Entry>();
  private readonly byWord = new Map<string, Set<Entry>>();

  add(doc: SearchDocument): void {
    this.apply(doc, +1);
  }

  remove(doc: SearchDocument): void {
    this.apply(doc, -1);
  }

  private apply(doc: SearchDocument, delta: 1 | -1): void {
    const questions = new Set([doc.title, ...doc.alternatives].map((q) => q.trim()).filter(Boolean));
    const phrases = new Map<string, Candidate>();
    for (const c of [...doc.tags.map((t) => whole(t.toLowerCase())), ...[doc.title, ...doc.alternatives, doc.body].flatMap(phrasesOf)]) phrases.set(c.text, c);
    for (const q of questions) this.count('question', whole(q), delta, ownerKey(doc));
    for (const p of phrases.values()) this.count('phrase', p, delta, '');
  }

  private count(kind: Entry['kind'], { text, words }: Candidate, delta: 1 | -1, owner: string): void {
    if (!words.length) return;
    const stems = words.map(stem);
    const key = `${kind}:${kind === 'phrase' ? stems.join(' ') : normalize(text)}`;
    let e = this.entries.get(key);
    if (!e) {
      if (delta < 0) return;
      this.entries.set(key, (e = { kind, words, stems, forms: new Map(), docs: 0, owners: new Map() }));
      for (const w of words) {
        const set = this.byWord.get(w) ?? new Set();
        this.byWord.set(w, set.add(e));
      }
    }
    e.docs += delta;
    e.forms.set(text, (e.forms.get(text) ?? 0) + delta);
    if (!e.forms.get(text)) e.forms.delete(text);
    if (kind === 'question') e.owners.set(owner, (e.owners.get(owner) ?? 0) + delta);
    if (!e.owners.get(owner)) e.owners.delete(owner);
    if (e.docs > 0) return;
    this.entries.delete(key);
    for (const w of words) this.byWord.get(w)?.delete(e);
  }

  /** Up to `limit` completions of what the operator has typed so far. */
  suggest(prefix: string, limit = 5, filter: SuggestFilter = {}): string[] {
    const found = this.complete(prefix, limit, filter);
    return found.length || !mayBeWrongLayout(prefix) ? found : this.complete(latinToCyrillic(prefix), limit, filter);
  }

  private complete(prefix: string, limit: number, filter: SuggestFilter): string[] {
    const words = tokenize(prefix).map((t) => t.norm);
    if (!words.length || limit <= 0) return [];
    // The last word is still being typed unless the prefix ends with a space or punctuation.
    const typing = /[\p{L}\p{N}]$/u.test(prefix) ? words.pop()! : undefined;
    const before = words.map(stem);
    const candidates = new Set<Entry>();
    if (typing) for (const [w, entries] of this.byWord) if (w.startsWith(typing)) entries.forEach((e) => candidates.add(e));
    if (!typing) this.byWord.get(words.at(-1)!)?.forEach((e) => candidates.add(e));
    const ranked: { text: string; rank: number }[] = [];
    for (const e of candidates) {
      if ((e.kind === 'phrase' && e.docs < MIN_PHRASE_DOCS) || !allowed(e, filter)) continue;
      const at = position(e, before, typing);
      if (at < 0) continue;
      // Phrases that start with what was typed, the most used first; then questions that contain
      // it, earlier first; then phrases that contain it further on.
      const base = e.kind === 'phrase' ? (at === 0 ? 3 : 1) : 2 - at / 100;
      ranked.push({ text: [...e.forms].sort((a, b) => b[1] - a[1])[0]![0], rank: base + Math.min(e.docs, 50) / 1000 - e.stems.length / 10000 });
    }
    const texts = ranked.sort((a, b) => b.rank - a.rank).map((r) => r.text);
    return [...new Set(texts)].slice(0, limit);
  }
}

/** Where in the entry the typed words start (complete words by stem, the last one by its start), or -1. */
function position(e: Entry, before: string[], typing: string | undefined): number {
  const typed = typing ? [...before, typing] : before;
  for (let at = 0; at + typed.length <= e.stems.length; at++) {
    const ok = before.every((s, k) => e.stems[at + k] === s) && (!typing || e.words[at + before.length]!.startsWith(typing));
    if (ok) return at;
  }
  return -1;
}
