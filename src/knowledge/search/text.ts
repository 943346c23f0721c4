// Turning text into comparable words: lower case, ё = е, words of letters and digits with their
// offsets in the original text (snippets highlight the original, not the normalized copy).

export interface Token {
  /** Normalized word: lower case, ё replaced by е. */
  norm: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function normalize(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

/** Words of `text` in order. Hyphens and punctuation separate words ("covid-19" -> covid, 19). */
export function tokenize(text: string): Token[] {
  const lower = normalize(text);
  // Lower-casing keeps offsets for Cyrillic and Latin; for the rare letters it does not, go slow.
  const same = lower.length === text.length;
  const out: Token[] = [];
  for (const m of (same ? lower : text).matchAll(WORD)) {
    out.push({ norm: same ? m[0] : normalize(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export const isNumber = (word: string) => /^\p{N}+$/u.test(word);
export const isCyrillic = (word: string) => /\p{Script=Cyrillic}/u.test(word);
