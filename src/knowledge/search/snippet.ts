// The extract shown under an answer's title: the body sentence that covers most of the query
// (with its neighbours while short), matched words in <mark>, everything else HTML-escaped.
import { stem } from './stem.ts';
import { isStopWord } from './stop-words.ts';
import { tokenize, type Token } from './text.ts';
import { escapeHtml } from '../../platform/http/escape-html.ts';

export const SNIPPET_MAX = 220;
const SNIPPET_MIN = 100;

/** What to mark: single stems, and phrases whose words count only together ("военный билет"). */
export interface Highlights {
  stems: ReadonlyMap<string, number>;
  phrases: readonly { stems: string[]; weight: number }[];
}

/** A body split once into words (with stems; '' for stop words) and sentences; kept per answer. */
export interface PreparedText {
  text: string;
  tokens: Token[];
  stems: string[];
  /** Sentences (list items and lines end one too) as text offsets and token ranges. */
  sentences: { start: number; end: number; from: number; to: number }[];
}

export function prepareText(text: string): PreparedText {
  const tokens = tokenize(text);
  const stems = tokens.map((t) => (isStopWord(t.norm) ? '' : stem(t.norm)));
  const sentences: PreparedText['sentences'] = [];
  let t = 0;
  for (const line of text.matchAll(/[^\n]+/g)) {
    const bullet = /^\s*[-*•]\s+/.exec(line[0])?.[0].length ?? 0;
    for (const s of line[0].slice(bullet).matchAll(/[^.!?…]+(?:[.!?…]+|$)/g)) {
      const start = line.index + bullet + s.index + (s[0].length - s[0].trimStart().length);
      const end = line.index + bullet + s.index + s[0].trimEnd().length;
      if (end <= start) continue;
      while (t < tokens.length && tokens[t]!.start < start) t++;
      let k = t;
      while (k < tokens.length && tokens[k]!.end <= end) k++;
      sentences.push({ start, end, from: t, to: k });
      t = k;
    }
  }
  return { text, tokens, stems, sentences };
}

/** Which of the tokens `from`..`to` match, and the summed weight of the distinct stems and phrases found. */
function match(p: PreparedText, from: number, to: number, h: Highlights): { marked: Set<number>; weight: number } {
  const content: number[] = [];
  for (let i = from; i < to; i++) if (p.stems[i]) content.push(i);
  const marked = new Set<number>();
  const found = new Map<string, number>();
  for (const i of content) {
    const w = h.stems.get(p.stems[i]!);
    if (w === undefined) continue;
    marked.add(i);
    found.set(p.stems[i]!, w);
  }
  for (const ph of h.phrases) {
    for (let k = 0; k + ph.stems.length <= content.length; k++) {
      if (!ph.stems.every((s, j) => p.stems[content[k + j]!] === s)) continue;
      ph.stems.forEach((_, j) => marked.add(content[k + j]!));
      found.set(ph.stems.join(' '), ph.weight);
    }
  }
  let weight = 0;
  for (const w of found.values()) weight += w;
  return { marked, weight };
}

/** `text[start, end)` as HTML with the marked tokens in <mark>. */
function render(p: PreparedText, start: number, end: number, marked: Set<number>): string {
  let html = '';
  let at = start;
  for (const i of [...marked].sort((a, b) => a - b)) {
    const t = p.tokens[i]!;
    if (t.start < start || t.end > end) continue;
    html += `${escapeHtml(p.text.slice(at, t.start))}<mark>${escapeHtml(p.text.slice(t.start, t.end))}</mark>`;
    at = t.end;
  }
  return html + escapeHtml(p.text.slice(at, end));
}

/** `text` as HTML with its matched words marked. */
export function markUp(text: string, h: Highlights): string {
  const p = prepareText(text);
  return render(p, 0, text.length, match(p, 0, p.tokens.length, h).marked);
}

interface Sentence {
  start: number;
  end: number;
  weight: number;
  firstMatch: number;
}

function scoreSentences(p: PreparedText, h: Highlights): Sentence[] {
  return p.sentences.map((s) => {
    const m = match(p, s.from, s.to, h);
    const first = m.marked.size ? Math.min(...m.marked) : -1;
    return { start: s.start, end: s.end, weight: m.weight, firstMatch: first < 0 ? -1 : p.tokens[first]!.start };
  });
}

interface Window {
  start: number;
  end: number;
  /** Whether the window starts or ends inside a sentence (shown with "…"). */
  cutStart: boolean;
  cutEnd: boolean;
}

function window(text: string, list: Sentence[], best: number): Window {
  const s = list[best]!;
  let { start, end } = s;
  for (let k = best + 1; end - start < SNIPPET_MIN && k < list.length && list[k]!.end - start <= SNIPPET_MAX; k++) end = list[k]!.end;
  if (end - start <= SNIPPET_MAX) return { start, end, cutStart: false, cutEnd: false };
  // A long sentence: start a little before its first match, on a word boundary.
  const from = Math.max(start, (s.firstMatch >= 0 ? s.firstMatch : start) - 40);
  start = from === s.start ? from : text.indexOf(' ', from) + 1 || from;
  end = Math.min(s.end, start + SNIPPET_MAX);
  const lastSpace = text.lastIndexOf(' ', end);
  if (end < s.end && lastSpace > start) end = lastSpace;
  return { start, end, cutStart: start > s.start, cutEnd: end < s.end };
}

/** Lines of a list become one line of text. */
const flatten = (html: string) => html.replace(/\s*\n\s*(?:[-*•]\s+)?/g, ' ');

/** A snippet of the body for the query; the title when the body has no match. */
export function buildSnippet(title: string, body: PreparedText | string, h: Highlights): string {
  const p = typeof body === 'string' ? prepareText(body) : body;
  const list = scoreSentences(p, h);
  let best = -1;
  list.forEach((s, i) => {
    if (s.weight > 0 && (best < 0 || s.weight > list[best]!.weight)) best = i;
  });
  if (best < 0) {
    const t = prepareText(title);
    const inTitle = match(t, 0, t.tokens.length, h);
    if (inTitle.weight > 0 || !list.length) return render(t, 0, title.length, inTitle.marked);
    best = 0;
  }
  const w = window(p.text, list, best);
  const html = render(p, w.start, w.end, match(p, 0, p.tokens.length, h).marked);
  return `${w.cutStart ? '…' : ''}${flatten(html)}${w.cutEnd ? '…' : ''}`;
}
