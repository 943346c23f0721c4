// npm run bench:search-quality — every judged query of the dev set through the real search API,
// and in the same run the same figures for plain PostgreSQL full-text search as a baseline.
// `-- --misses` also lists the queries whose first item is not an answer (or, for queries without
// an answer, that returned anything).
import { demoQueries, summarize, type Evaluation, type JudgedQuery } from '../src/knowledge/search/index.ts';
import { demoAnswers, round, startBenchApp } from './support.ts';

const queries: JudgedQuery[] = demoQueries();
const app = await startBenchApp(demoAnswers());
try {
  const ours: string[][] = [];
  for (const { q } of queries) {
    const r = await fetch(`${app.url}/api/v1/kb/search?q=${encodeURIComponent(q)}&limit=10`);
    ours.push(((await r.json()) as { items: { slug: string }[] }).items.map((i) => i.slug));
  }
  // The baseline: websearch_to_tsquery('russian', q) ranked by ts_rank_cd over title (A) and body (B).
  const baseline: string[][] = [];
  for (const { q } of queries) {
    const r = await app.db.query<{ slug: string }>(
      `WITH d AS (
         SELECT a.slug, setweight(to_tsvector('russian', v.title), 'A') || setweight(to_tsvector('russian', v.body), 'B') AS doc
           FROM kb_answers a JOIN kb_versions v ON v.answer_id = a.id AND v.version = a.published_version
          WHERE a.archived_at IS NULL)
       SELECT slug FROM d, websearch_to_tsquery('russian', $1) query
        WHERE doc @@ query ORDER BY ts_rank_cd(doc, query) DESC, slug LIMIT 10`,
      [q],
    );
    baseline.push(r.rows.map((x) => x.slug));
  }
  const a = summarize(queries, ours);
  const b = summarize(queries, baseline);

  const row = (name: string, e: Evaluation) =>
    `${name.padEnd(24)} nDCG@10 ${e.overall.ndcg10.toFixed(3)}  MRR ${e.overall.mrr.toFixed(3)}  hit@1 ${e.overall.hit1.toFixed(3)}  ` +
    `hit@5 ${e.overall.hit5.toFixed(3)}  no-answer rejected ${e.noAnswerRejected.toFixed(3)}  answerable non-empty ${e.answerableNonEmpty.toFixed(3)}`;
  console.log(`search quality on ${queries.length} dev queries (${a.overall.queries} answerable), through GET /api/v1/kb/search`);
  console.log(row('otvet search', a));
  console.log(row('PostgreSQL FTS baseline', b));
  console.log('\nper kind               otvet nDCG@10 / hit@1    baseline nDCG@10 / hit@1');
  for (const [kind, m] of Object.entries(a.byKind)) {
    const n = b.byKind[kind]!;
    console.log(`  ${kind.padEnd(12)} (${String(m.queries).padStart(2)})    ${m.ndcg10.toFixed(3)} / ${m.hit1.toFixed(3)}          ${n.ndcg10.toFixed(3)} / ${n.hit1.toFixed(3)}`);
  }
  if (process.argv.includes('--misses')) {
    console.log('\nmisses (kind | query | top 3 | answers):');
    queries.forEach((q, i) => {
      const answers = Object.keys(q.relevant).filter((s) => q.relevant[s] === 2);
      const top = ours[i]!;
      if (answers.length ? !answers.includes(top[0] ?? '') : top.length > 0) console.log(`  ${q.kind} | ${q.q} | ${top.slice(0, 3).join(', ') || '—'} | ${answers.join(', ') || 'none'}`);
    });
  }
  const figures = (e: Evaluation) => ({
    ndcg10: round(e.overall.ndcg10),
    hit1: round(e.overall.hit1),
    hit5: round(e.overall.hit5),
    mrr: round(e.overall.mrr),
    noAnswerRejected: round(e.noAnswerRejected),
    answerableNonEmpty: round(e.answerableNonEmpty),
    perKind: Object.fromEntries(Object.entries(e.byKind).map(([k, m]) => [k, { ndcg10: round(m.ndcg10), hit1: round(m.hit1) }])),
  });
  console.log(JSON.stringify({ ...figures(a), baseline: figures(b) }));
} finally {
  await app.close();
}
