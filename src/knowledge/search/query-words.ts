// The words a query really means, before any scoring: text typed on the wrong keyboard layout is
// converted back, a word split by a stray space is joined ("кредит ные"), and two words typed
// without a space are separated ("кредитныеканикулы"). Decisions are made by asking the lexicon
// which reading consists of known words; nothing here is specific to one corpus.
import { cyrillicToLatin, latinToCyrillic, mayBeWrongLayout } from './keyboard-layout.ts';
import type { Lexicon } from './lexicon.ts';
import { stem } from './stem.ts';
import { isStopWord } from './stop-words.ts';
import { isNumber, tokenize } from './text.ts';

export interface QueryWord {
  norm: string;
  stop: boolean;
}

/** How many typing errors a word of this many letters may carry. */
export function maxEdits(length: number): number {
  // Past LONGEST_WORD a "word" is pasted noise; its deletion neighbourhood would be huge.
  return length <= 4 || length > LONGEST_WORD ? 0 : length <= 7 ? 1 : 2;
}

const LONGEST_WORD = 40;
/** A query is read up to this many characters and words; operators type questions, not essays. */
const QUERY_CHARS = 1000;
const QUERY_CHUNKS = 60;

const isKnown = (lexicon: Lexicon, norm: string) => isStopWord(norm) || isNumber(norm) || lexicon.isKnownStem(stem(norm));
const isIndexed = (lexicon: Lexicon, norm: string) => lexicon.docFrequency(stem(norm)) > 0;

/** 1 for a known word, ½ for a correctable one, 0 for gibberish; averaged over the words. */
function plausibility(lexicon: Lexicon, words: string[]): number {
  if (!words.length) return 0;
  let sum = 0;
  for (const w of words) {
    if (isKnown(lexicon, w)) sum += 1;
    else if (lexicon.corrections(stem(w), maxEdits(w.length)).length) sum += 0.5;
  }
  return sum / words.length;
}

const words = (text: string) => tokenize(text).map((t) => t.norm);

type Reading = { words: string[]; layout: 'kept' | 'converted' | 'undecided'; converted: string[] };

/** One whitespace-separated chunk, read on the layout that makes sense of it. */
function readChunk(lexicon: Lexicon, chunk: string): Reading {
  const asTyped = words(chunk);
  if (mayBeWrongLayout(chunk)) {
    // A trailing comma or full stop is usually punctuation, though on the other layout it is б or ю.
    const readings = [words(latinToCyrillic(chunk)), words(latinToCyrillic(chunk.replace(/[,.]+$/, '')))];
    const [converted] = readings.map((r) => ({ r, p: plausibility(lexicon, r) })).sort((a, b) => b.p - a.p);
    const kept = plausibility(lexicon, asTyped);
    if (kept > 0 && kept >= converted!.p) return { words: asTyped, layout: 'kept', converted: converted!.r };
    if (converted!.p > kept) return { words: converted!.r, layout: 'converted', converted: converted!.r };
    return { words: asTyped, layout: 'undecided', converted: converted!.r };
  }
  // The other way round: a Latin term typed on the Russian layout ("сщмшв" = "covid").
  if (asTyped.length === 1 && !isKnown(lexicon, asTyped[0]!)) {
    const latin = words(cyrillicToLatin(chunk));
    if (latin.length === 1 && /[a-z]/.test(latin[0]!) && isKnown(lexicon, latin[0]!)) return { words: latin, layout: 'converted', converted: latin };
  }
  return { words: asTyped, layout: 'kept', converted: asTyped };
}

/** Joins neighbours that only make a known word together ("отсро чка"). */
function joinSplitWords(lexicon: Lexicon, list: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const b = list[i + 1];
    if (b !== undefined && !isNumber(a) && !isNumber(b) && (!isKnown(lexicon, a) || !isKnown(lexicon, b))) {
      const joined = a + b;
      if (joined.length >= 5 && !isStopWord(joined) && isIndexed(lexicon, joined)) {
        out.push(joined);
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

/**
 * Splits an unknown word into two word forms that occur as such ("кредитныеканикулы"), the most
 * even split preferred. Only content words of 3+ letters: "погода" is not "по" + "года".
 */
function splitMergedWord(lexicon: Lexicon, word: string): string[] | undefined {
  if (word.length < 7 || word.length > LONGEST_WORD || isKnown(lexicon, word) || isNumber(word)) return undefined;
  let best: string[] | undefined;
  for (let k = 3; k <= word.length - 3; k++) {
    const parts = [word.slice(0, k), word.slice(k)];
    if (parts.some((p) => isStopWord(p) || !lexicon.isKnownWord(p) || !isIndexed(lexicon, p))) continue;
    if (!best || Math.min(k, word.length - k) > Math.min(best[0]!.length, best[1]!.length)) best = parts;
  }
  return best;
}

const chunksOf = (query: string) => query.slice(0, QUERY_CHARS).split(/\s+/).filter(Boolean).slice(0, QUERY_CHUNKS);

/** The words as typed, in the part of the query that is read: what a reading is compared with. */
export const typedWords = (query: string): string[] => chunksOf(query).flatMap(words);

export function queryWords(lexicon: Lexicon, query: string): QueryWord[] {
  const chunks = chunksOf(query);
  const readings = chunks.map((chunk) => readChunk(lexicon, chunk));
  // A query typed on the wrong layout is usually wholly so: unreadable chunks follow the majority.
  const converted = readings.filter((r) => r.layout === 'converted').length;
  const kept = readings.filter((r) => r.layout === 'kept' && mayBeWrongLayout(r.words.join(''))).length;
  const flat = readings.flatMap((r) => (r.layout === 'undecided' && converted > kept ? r.converted : r.words));
  return joinSplitWords(lexicon, flat)
    .flatMap((w) => splitMergedWord(lexicon, w) ?? [w])
    .map((norm) => ({ norm, stop: isStopWord(norm) }));
}
