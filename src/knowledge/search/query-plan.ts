// What a query asks for, as weighted groups of alternatives. Each meaningful word becomes a unit
// that any of its readings satisfies: the word itself, its typo corrections (weighted down by
// distance) and indexed stems of the same root. Words that form a dictionary term also get the
// group's other terms as one more way to satisfy them all ("мфц" ~ "многофункциональный центр").
import { editDistance } from './edit-distance.ts';
import { idf, type Lexicon } from './lexicon.ts';
import { maxEdits, type QueryWord } from './query-words.ts';
import { stem } from './stem.ts';
import { isNumber } from './text.ts';
import { looksLikeVerbOrAdverb } from './word-class.ts';

export interface Alternative {
  /** One stem, or a phrase of stems that must appear close together and in order. */
  stems: string[];
  /** 1 for the word as typed; less for corrections, related stems and synonyms. */
  weight: number;
}

export interface Unit {
  alternatives: Alternative[];
  /** How much this unit matters in the query (inverse document frequency). */
  importance: number;
  /** Its share in coverage: the importance, less for words no answer contains (see WEIGHTS). */
  coverageWeight: number;
  /** Position among the query's meaningful words, for proximity. */
  order: number;
}

export interface Group {
  words: Unit[];
  /** The group said with other dictionary terms; satisfies all `words` at once. */
  synonyms?: Unit;
  importance: number;
  coverageWeight: number;
}

export interface QueryPlan {
  groups: Group[];
  /** Every unit, word units first in query order, then synonym units. */
  units: Unit[];
  importance: number;
  coverageWeight: number;
  /** Typed word -> the indexed word form its typing error was corrected to. */
  corrections: ReadonlyMap<string, string>;
}

export const WEIGHTS = {
  /** Another stem of the same root ("мобилизуют" for "мобилизации"). */
  relatedStem: 0.7,
  /** A synonym counts as much as the words it replaces. */
  synonym: 1,
  /** Numbers ("52", "2023") say little about which answer fits. */
  numberImportance: 0.3,
  maxCorrections: 3,
  /** Importance is idf to this power: in a small knowledge base idf is noisy, so it is damped. */
  idfPower: 0.5,
  /**
   * In coverage every meaningful word counts the same (importance ** 0), including a word no
   * answer contains: it may be what the query is about ("погода")...
   */
  unknownCoverage: 1,
  /** ...unless it looks like a verb or adverb, mostly chatter around the topic (word-class.ts). */
  unknownVerbCoverage: 0.15,
  coveragePower: 0,
  /** A correction's weight falls by this much per edit and letter (see correctionWeight). */
  correctionSlope: 2,
  /** Typing errors rarely hit the first letter; a "correction" that changes it is usually another word. */
  keepFirstLetter: true,
  /**
   * A correction is told to the reader ("results for «повестка»") only when its weight, counted on
   * the words as written, is at least this. Any word no answer uses is read as a possible typo, so
   * "можем" searches "мужем" too; saying so would mislead, while one letter in seven is a typo.
   */
  toldCorrection: 0.7,
};

/** A correction is trusted less the larger the share of the word it changes. */
export const correctionWeight = (distance: number, length: number) => Math.max(0.3, 1 - (WEIGHTS.correctionSlope * distance) / Math.max(length, 1));

interface Reading {
  /** The stem synonyms are looked up by: as typed if known, else the best correction. */
  primary: string | undefined;
  alternatives: Alternative[];
  /** The word form a typing error was corrected to. */
  corrected?: string | undefined;
}

function readWord(lexicon: Lexicon, norm: string): Reading {
  const s = stem(norm);
  const indexed = (t: string) => lexicon.docFrequency(t) > 0;
  if (indexed(s) || isNumber(norm)) return { primary: s, alternatives: withRelated(lexicon, [{ stems: [s], weight: 1 }]) };
  // A dictionary term is no typo; but its other forms may be indexed ("доброволец" / "добровольц").
  if (lexicon.isKnownStem(s)) {
    const forms = lexicon.relatedStems(s).filter((r) => r.length >= s.length - 1);
    return { primary: s, alternatives: forms.map((r) => ({ stems: [r], weight: WEIGHTS.relatedStem })) };
  }
  const found = lexicon.corrections(s, maxEdits(norm.length)).filter((c) => !WEIGHTS.keepFirstLetter || c.term[0] === s[0]);
  const nearest = found.filter((c) => c.distance === found[0]?.distance);
  nearest.sort((a, b) => lexicon.docFrequency(b.term) - lexicon.docFrequency(a.term));
  const chosen = nearest.slice(0, WEIGHTS.maxCorrections);
  const alternatives = chosen.filter((c) => indexed(c.term)).map((c) => ({ stems: [c.term], weight: correctionWeight(c.distance, norm.length) }));
  // An unknown form may still share its root with indexed words ("мобилизуют" / "мобилизац").
  const related = lexicon.relatedStems(s).map((r) => ({ stems: [r], weight: WEIGHTS.relatedStem }));
  const shown = alternatives[0] && lexicon.nearestForm(alternatives[0].stems[0]!, norm);
  // A word the answers use, typed with an ending the stemmer cut otherwise ("ветеранам": stem
  // "ветеран", itself a word, shown as "ветерана"): only the ending would change, no typing error.
  const form = shown && !(norm.startsWith(shown) && lexicon.isKnownWord(s)) ? shown : undefined;
  const corrected = form && correctionWeight(editDistance(norm, form, maxEdits(norm.length)), norm.length) >= WEIGHTS.toldCorrection ? form : undefined;
  return { primary: chosen[0]?.term ?? related[0]?.stems[0], alternatives: withRelated(lexicon, [...alternatives, ...related]), corrected };
}

function withRelated(lexicon: Lexicon, alternatives: Alternative[]): Alternative[] {
  const out = [...alternatives];
  const seen = new Set(alternatives.map((a) => a.stems[0]!));
  for (const a of alternatives) {
    for (const r of lexicon.relatedStems(a.stems[0]!)) {
      if (seen.has(r)) continue;
      seen.add(r);
      out.push({ stems: [r], weight: a.weight * WEIGHTS.relatedStem });
    }
  }
  return out.sort((a, b) => b.weight - a.weight);
}

const sum = <T>(list: T[], pick: (x: T) => number) => list.reduce((total, x) => total + pick(x), 0);

/** A phrase is as telling as its rarest word. */
const phraseIdf = (lexicon: Lexicon, stems: string[]) => Math.max(...stems.map((s) => idf(lexicon, s)));
const indexed = (lexicon: Lexicon, stems: string[]) => stems.every((s) => lexicon.docFrequency(s) > 0);

export function planQuery(lexicon: Lexicon, words: QueryWord[]): QueryPlan {
  // A repeated word adds nothing to what is asked.
  const meaningful = words.filter((w, i) => !w.stop && words.findIndex((x) => x.norm === w.norm) === i);
  const readings = meaningful.map((w) => readWord(lexicon, w.norm));
  const primaries = readings.map((r) => r.primary ?? '');
  const groups: Group[] = [];
  for (let i = 0; i < meaningful.length;) {
    const matches = lexicon.synonyms.matchesAt(primaries, i);
    const length = matches[0]?.length ?? 1;
    const phrases = matches.filter((m) => m.length === length).flatMap((m) => m.alternatives);
    const synonymAlternatives = phrases.filter((p) => indexed(lexicon, p)).map((stems) => ({ stems, weight: WEIGHTS.synonym }));
    const fallbackImportance = synonymAlternatives.length ? Math.min(...synonymAlternatives.map((a) => phraseIdf(lexicon, a.stems))) : idf(lexicon, '');
    const units: Unit[] = [];
    for (let k = i; k < i + length; k++) {
      const r = readings[k]!;
      const best = r.alternatives[0];
      let importance = (best ? idf(lexicon, best.stems[0]!) : fallbackImportance) ** WEIGHTS.idfPower;
      if (isNumber(meaningful[k]!.norm)) importance *= WEIGHTS.numberImportance;
      const known = r.alternatives.length > 0 || synonymAlternatives.length > 0;
      const unknownShare = looksLikeVerbOrAdverb(meaningful[k]!.norm) ? WEIGHTS.unknownVerbCoverage : WEIGHTS.unknownCoverage;
      const base = importance ** WEIGHTS.coveragePower;
      units.push({ alternatives: r.alternatives, importance, coverageWeight: known ? base : base * unknownShare, order: k });
    }
    const importance = sum(units, (u) => u.importance);
    const coverageWeight = sum(units, (u) => u.coverageWeight);
    const group: Group = { words: units, importance, coverageWeight };
    if (synonymAlternatives.length) group.synonyms = { alternatives: synonymAlternatives, importance, coverageWeight, order: i };
    groups.push(group);
    i += length;
  }
  const units = [...groups.flatMap((g) => g.words), ...groups.flatMap((g) => (g.synonyms ? [g.synonyms] : []))];
  const corrections = new Map<string, string>();
  readings.forEach((r, i) => r.corrected && corrections.set(meaningful[i]!.norm, r.corrected));
  return { groups, units, importance: sum(groups, (g) => g.importance), coverageWeight: sum(groups, (g) => g.coverageWeight), corrections };
}
