// The in-memory search index: documents in, ranked answers out. It is kept fresh one document at
// a time (upsert/remove touch only that document's words), so publishing stays cheap at any size.
import { accept } from './acceptance.ts';
import { analyzeDocument } from './analyze-document.ts';
import type { Lexicon } from './lexicon.ts';
import { Postings } from './postings.ts';
import { proximityBonus } from './proximity.ts';
import { planQuery, type QueryPlan } from './query-plan.ts';
import { queryWords, typedWords, type QueryWord } from './query-words.ts';
import { scoreDocuments, type DocMatch } from './score.ts';
import { buildSnippet, prepareText, type Highlights } from './snippet.ts';
import { StemVocabulary } from './stem-vocabulary.ts';
import { Suggestions } from './suggest.ts';
import { SynonymDictionary } from './synonym-dictionary.ts';
import { WordForms } from './word-forms.ts';
import type { SearchDocument, SearchHit, SearchOptions, SearchResult, SynonymEntry } from './types.ts';

/** A boost of 1 raises an answer's score by this share; boosts are clamped to [0, 1]. */
export const MAX_BOOST = 0.2;
/** Candidates that get the (costlier) proximity pass. */
const RERANK = 50;

export interface SearchIndex {
  readonly size: number;
  upsert(doc: SearchDocument): void;
  remove(slug: string): boolean;
  setSynonyms(entries: readonly SynonymEntry[]): void;
  search(query: string, options?: SearchOptions): SearchResult;
  /** Up to `limit` (default 5) completions; `options` keeps questions to a section or region. */
  suggest(prefix: string, limit?: number, options?: Pick<SearchOptions, 'section' | 'region'>): string[];
  /** For tuning and support: how the query was read and the best candidates before the cut. */
  explain(query: string, options?: SearchOptions): Explanation;
}

export interface Explanation {
  words: string[];
  units: { known: boolean; stems: string[]; importance: number }[];
  candidates: { slug: string; score: number; coverage: number; headCoverage: number; shown: boolean; cover: number[] }[];
}

export function createSearchIndex(options: { synonyms?: readonly SynonymEntry[] } = {}): SearchIndex {
  const postings = new Postings();
  const stems = new StemVocabulary();
  const suggestions = new Suggestions();
  const forms = new WordForms();
  let synonyms = new SynonymDictionary();

  const lexicon: Lexicon = {
    get documentCount() {
      return postings.count;
    },
    get synonyms() {
      return synonyms;
    },
    docFrequency: (s) => postings.docFrequency(s),
    isKnownStem: (s) => postings.docFrequency(s) > 0 || synonyms.stems.has(s),
    isKnownWord: (w) => forms.has(w) || synonyms.words.has(w),
    nearestForm: (s, typed) => forms.nearest(s, typed),
    corrections: (s, maxEdits) => stems.corrections(s, maxEdits),
    relatedStems: (s) => stems.related(s).filter((r) => postings.docFrequency(r) > 0),
  };

  function remove(slug: string): boolean {
    const stored = postings.remove(slug);
    if (!stored) return false;
    stored.stems.forEach((s) => stems.remove(s));
    stored.words.forEach((w) => forms.remove(w));
    suggestions.remove(stored.doc);
    return true;
  }

  function upsert(doc: SearchDocument): void {
    remove(doc.slug);
    const copy: SearchDocument = { ...doc, alternatives: [...doc.alternatives], tags: [...doc.tags], scope: doc.scope ?? 'federal' };
    const stored = postings.add(copy, analyzeDocument(copy));
    stored.stems.forEach((s) => stems.add(s));
    stored.words.forEach((w) => forms.add(w));
    suggestions.add(copy);
  }

  function setSynonyms(entries: readonly SynonymEntry[]): void {
    synonyms.stems.forEach((s) => stems.remove(s));
    synonyms = new SynonymDictionary(entries);
    synonyms.stems.forEach((s) => stems.add(s));
  }

  function admitter(options: SearchOptions): (slot: number) => boolean {
    return (slot) => {
      const doc = postings.docs[slot]!.doc;
      if (options.section !== undefined && doc.section !== options.section) return false;
      return doc.scope === 'federal' || (options.region !== undefined && doc.scope === options.region);
    };
  }

  function highlights(plan: QueryPlan, m: DocMatch): Highlights {
    const stems = new Map<string, number>();
    const phrases: Highlights['phrases'][number][] = [];
    plan.units.forEach((unit, u) => {
      if (!m.cover[u]) return;
      for (const alt of unit.alternatives) {
        if (!alt.stems.every((s) => postings.postings(s)?.has(m.slot))) continue;
        if (alt.stems.length > 1) phrases.push({ stems: alt.stems, weight: unit.importance });
        else stems.set(alt.stems[0]!, Math.max(stems.get(alt.stems[0]!) ?? 0, unit.importance));
      }
    });
    return { stems, phrases };
  }

  function rank(query: string, options: SearchOptions) {
    const words = queryWords(lexicon, query);
    const plan = planQuery(lexicon, words);
    if (!plan.groups.length) return { words, plan, head: [], shown: [] };
    const head = scoreDocuments(postings, plan, admitter(options), RERANK);
    for (const m of head) m.score += proximityBonus(postings, plan, m);
    head.sort((a, b) => b.score - a.score);
    return {
      words,
      plan,
      head,
      shown: accept(
        head,
        plan.groups.reduce((n, g) => n + g.words.length, 0),
      ),
    };
  }

  function explain(query: string, options: SearchOptions = {}): Explanation {
    const { words, plan, head, shown } = rank(query, options);
    return {
      words: words.map((w) => (w.stop ? `(${w.norm})` : w.norm)),
      units: plan.units.map((u) => ({ known: u.alternatives.length > 0, stems: u.alternatives.map((a) => `${a.stems.join('+')}:${a.weight.toFixed(2)}`), importance: u.importance })),
      candidates: head.slice(0, 10).map((m) => ({
        slug: postings.docs[m.slot]!.doc.slug,
        score: m.score / plan.importance,
        coverage: m.coverage,
        headCoverage: m.headCoverage,
        shown: shown.includes(m),
        cover: [...m.cover],
      })),
    };
  }

  /** The query as read, or undefined when it was read as typed. */
  function readAs(query: string, words: QueryWord[], plan: QueryPlan): string | undefined {
    const read = words.map((w) => plan.corrections.get(w.norm) ?? w.norm).join(' ');
    return read === typedWords(query).join(' ') ? undefined : read;
  }

  function search(query: string, options: SearchOptions = {}): SearchResult {
    const { words, plan, shown } = rank(query, options);
    if (!plan.groups.length) return { items: [], total: 0 };
    for (const m of shown) {
      const boost = Math.min(1, Math.max(0, options.boosts?.get(postings.docs[m.slot]!.doc.slug) ?? 0));
      m.score *= 1 + MAX_BOOST * (Number.isFinite(boost) ? boost : 0);
    }
    shown.sort((a, b) => b.score - a.score);
    const items: SearchHit[] = shown.slice(0, options.limit ?? 10).map((m) => {
      const stored = postings.docs[m.slot]!;
      const doc = stored.doc;
      stored.snippetText ??= prepareText(doc.body);
      return {
        slug: doc.slug,
        title: doc.title,
        section: doc.section,
        snippet: buildSnippet(doc.title, stored.snippetText, highlights(plan, m)),
        score: Math.round((m.score / plan.importance) * 1000) / 1000,
      };
    });
    const corrected = items.length ? readAs(query, words, plan) : undefined;
    return { items, total: shown.length, ...(corrected ? { corrected } : {}) };
  }

  if (options.synonyms) setSynonyms(options.synonyms);
  return {
    get size() {
      return postings.count;
    },
    upsert,
    remove,
    setSynonyms,
    search,
    explain,
    suggest: (prefix, limit = 5, filter = {}) => suggestions.suggest(prefix, Math.max(0, Math.min(limit, 20)), filter),
  };
}
