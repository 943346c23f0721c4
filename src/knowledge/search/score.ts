// BM25F over the query's units. Each field counts with its own weight and length normalization;
// a unit's match in a document is the best of its alternatives (saturated, in [0, 1]) times the
// alternative's weight. A group scores the sum of its words or its synonym, whichever is more.
// Coverage, the share of the query's importance a document answers, is what decides whether it
// fits at all; score orders those that do.
import { FIELD } from './analyze-document.ts';
import type { Posting, Postings } from './postings.ts';
import type { Alternative, QueryPlan, Unit } from './query-plan.ts';

export const BM25F = {
  /** title, alternatives, tags, section, body: the question outweighs the answer's text. */
  weights: [3, 3, 1.5, 0.5, 1],
  /** Length normalization per field. */
  b: [0.3, 0.3, 0, 0, 0.75],
  k1: 1.2,
};
/** Words of a phrase may stand this far apart (a stop word between them is fine). */
const PHRASE_SLACK = 3;

export interface DocMatch {
  slot: number;
  /** Per unit: saturated, weighted match strength in [0, 1]. */
  match: Float64Array;
  /** Per unit: weight of the best alternative found, in [0, 1], however often it occurs. */
  cover: Float64Array;
  /** The same, counting only the question fields (title, alternatives, tags). */
  headCover: Float64Array;
  score: number;
  coverage: number;
  /** Coverage by the question fields alone: the answer is *about* what was asked. */
  headCoverage: number;
}

/** Per field, how often the phrase occurs: each next stem within PHRASE_SLACK after the previous. */
function phraseFrequency(parts: Posting[]): number[] {
  return parts[0]!.positions.map((starts, f) => {
    let count = 0;
    for (const start of starts) {
      let at = start;
      const ok = parts.slice(1).every((p) => {
        const next = p.positions[f]!.find((x) => x > at && x <= at + PHRASE_SLACK);
        if (next === undefined) return false;
        at = next;
        return true;
      });
      if (ok) count++;
    }
    return count;
  });
}

const inHead = (tf: ArrayLike<number>) => tf[FIELD.title]! + tf[FIELD.alternatives]! + tf[FIELD.tags]! > 0;

/** Calls `found` for each document the alternative occurs in (a phrase: all its stems, near). */
function forEachMatch(postings: Postings, alt: Alternative, found: (slot: number, tf: ArrayLike<number>) => void): void {
  const lists = alt.stems.map((s) => postings.postings(s));
  if (lists.some((l) => !l)) return;
  if (lists.length === 1) {
    lists[0]!.forEach((p, slot) => found(slot, p.tf));
    return;
  }
  const rarest = lists.reduce((a, b) => (a!.size <= b!.size ? a : b))!;
  for (const slot of rarest.keys()) {
    const parts = lists.map((l) => l!.get(slot));
    if (parts.some((p) => !p)) continue;
    const tf = phraseFrequency(parts as Posting[]);
    if (tf.some((x) => x > 0)) found(slot, tf);
  }
}

/** Sums per-unit values over the query: a group counts its words, or its synonym if that is more. */
function combine(plan: QueryPlan, at: Map<Unit, number>, values: Float64Array, base: number, weight: (u: Unit) => number): number {
  let total = 0;
  for (const g of plan.groups) {
    let words = 0;
    for (const w of g.words) words += weight(w) * values[base + at.get(w)!]!;
    total += Math.max(words, g.synonyms ? weight(g.synonyms) * values[base + at.get(g.synonyms)!]! : 0);
  }
  return total;
}

/**
 * The `keep` best-scoring documents among those `admit` lets through, best first. Per-document
 * values live in flat arrays indexed by slot, so a query touching every document stays cheap.
 */
export function scoreDocuments(postings: Postings, plan: QueryPlan, admit: (slot: number) => boolean, keep: number): DocMatch[] {
  const n = plan.units.length;
  const slots = postings.docs.length;
  const match = new Float64Array(slots * n);
  const cover = new Float64Array(slots * n);
  const head = new Float64Array(slots * n);
  const state = new Uint8Array(slots); // 0 not seen, 1 admitted, 2 filtered out
  const touched: number[] = [];
  const fields = BM25F.weights.length;
  const averages = BM25F.weights.map((_, f) => postings.averageLength(f) || 1);
  const norms = new Float64Array(slots * fields);
  plan.units.forEach((unit, u) => {
    for (const alt of unit.alternatives) {
      forEachMatch(postings, alt, (slot, tf) => {
        if (state[slot] === 0) {
          state[slot] = admit(slot) ? 1 : 2;
          if (state[slot] === 1) {
            touched.push(slot);
            const lengths = postings.docs[slot]!.lengths;
            for (let f = 0; f < fields; f++) norms[slot * fields + f] = 1 / (1 - BM25F.b[f]! + (BM25F.b[f]! * lengths[f]!) / averages[f]!);
          }
        }
        if (state[slot] !== 1) return;
        let weighted = 0;
        for (let f = 0; f < fields; f++) if (tf[f]) weighted += BM25F.weights[f]! * tf[f]! * norms[slot * fields + f]!;
        const i = slot * n + u;
        const strength = (alt.weight * weighted) / (BM25F.k1 + weighted);
        if (strength > match[i]!) match[i] = strength;
        if (alt.weight > cover[i]!) cover[i] = alt.weight;
        if (alt.weight > head[i]! && inHead(tf)) head[i] = alt.weight;
      });
    }
  });
  const at = new Map(plan.units.map((u, i) => [u, i]));
  const scores = new Float64Array(slots);
  for (const slot of touched) scores[slot] = combine(plan, at, match, slot * n, (u) => u.importance);
  const best = touched.sort((a, b) => scores[b]! - scores[a]!).slice(0, keep);
  const total = plan.coverageWeight || 1;
  return best.map((slot) => ({
    slot,
    match: match.slice(slot * n, slot * n + n),
    cover: cover.slice(slot * n, slot * n + n),
    headCover: head.slice(slot * n, slot * n + n),
    score: scores[slot]!,
    coverage: combine(plan, at, cover, slot * n, (u) => u.coverageWeight) / total,
    headCoverage: combine(plan, at, head, slot * n, (u) => u.coverageWeight) / total,
  }));
}
