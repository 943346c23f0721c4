// Search quality on judged queries: graded nDCG@10, MRR, hit@1 and hit@5 per query kind and
// overall, and how the "no answer" rule behaves on both sides.
import type { SearchIndex } from './search-index.ts';

export interface JudgedQuery {
  q: string;
  kind: string;
  /** slug -> grade: 2 answers the query, 1 is useful. Empty: the knowledge base has no answer. */
  relevant: Record<string, number>;
}

export interface Metrics {
  queries: number;
  ndcg10: number;
  mrr: number;
  /** Share of queries whose top item has grade 2. */
  hit1: number;
  /** Share of queries with a grade-2 item among the top 5. */
  hit5: number;
}

export interface Evaluation {
  overall: Metrics;
  byKind: Record<string, Metrics>;
  /** Share of no-answer queries that returned no items. */
  noAnswerRejected: number;
  /** Share of answerable queries that returned at least one item. */
  answerableNonEmpty: number;
}

const K = 10;

/** nDCG@10 with gain 2^grade − 1 and log2 discount, against the ideal ordering of the judgments. */
export function ndcgAt10(ranked: string[], relevant: Record<string, number>): number {
  const dcg = (grades: number[]) => grades.slice(0, K).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(relevant).sort((a, b) => b - a));
  return ideal ? dcg(ranked.map((s) => relevant[s] ?? 0)) / ideal : 0;
}

function perQuery(ranked: string[], relevant: Record<string, number>) {
  const firstRelevant = ranked.findIndex((s) => (relevant[s] ?? 0) > 0);
  const firstAnswer = ranked.findIndex((s) => relevant[s] === 2);
  return {
    ndcg10: ndcgAt10(ranked, relevant),
    mrr: firstRelevant >= 0 ? 1 / (firstRelevant + 1) : 0,
    hit1: firstAnswer === 0 ? 1 : 0,
    hit5: firstAnswer >= 0 && firstAnswer < 5 ? 1 : 0,
  };
}

function mean(rows: ReturnType<typeof perQuery>[]): Metrics {
  const avg = (pick: (r: ReturnType<typeof perQuery>) => number) => (rows.length ? rows.reduce((s, r) => s + pick(r), 0) / rows.length : 0);
  return { queries: rows.length, ndcg10: avg((r) => r.ndcg10), mrr: avg((r) => r.mrr), hit1: avg((r) => r.hit1), hit5: avg((r) => r.hit5) };
}

/**
 * Figures for rankings already made (slugs best first, one list per query, in the same order):
 * ranking metrics over answerable queries (per kind and overall); the no-answer kind is measured
 * by `noAnswerRejected` instead. The benchmark uses this with rankings fetched over HTTP.
 */
export function summarize(queries: JudgedQuery[], rankings: string[][]): Evaluation {
  const rows = new Map<string, ReturnType<typeof perQuery>[]>();
  let noAnswer = 0;
  let rejected = 0;
  let answerable = 0;
  let nonEmpty = 0;
  queries.forEach((q, i) => {
    const ranked = rankings[i]!.slice(0, K);
    if (!Object.keys(q.relevant).length) {
      noAnswer++;
      if (!ranked.length) rejected++;
      return;
    }
    answerable++;
    if (ranked.length) nonEmpty++;
    const list = rows.get(q.kind) ?? [];
    list.push(perQuery(ranked, q.relevant));
    rows.set(q.kind, list);
  });
  return {
    overall: mean([...rows.values()].flat()),
    byKind: Object.fromEntries([...rows].map(([kind, list]) => [kind, mean(list)])),
    noAnswerRejected: noAnswer ? rejected / noAnswer : 1,
    answerableNonEmpty: answerable ? nonEmpty / answerable : 1,
  };
}

/** Runs every query through the index and summarizes. */
export function evaluate(index: SearchIndex, queries: JudgedQuery[]): Evaluation {
  return summarize(
    queries,
    queries.map((q) => index.search(q.q, { limit: K }).items.map((i) => i.slug)),
  );
}
