// The knowledge base's search engine: a pure, in-memory library (no database, no HTTP). The
// caller loads the published answers, keeps the index fresh from answer and synonym events, and
// serves search and suggest from it.
//
//   const index = createSearchIndex({ synonyms });       // groups of equivalent terms
//   index.upsert({ slug, title, alternatives, body, section, tags, scope });  // ~0.6 ms, live
//   index.remove(slug);
//   index.setSynonyms(groups);                            // when editors change the dictionary
//   index.search('кредитные каникулы', { limit: 10, section, region, boosts });
//     -> { items: [{ slug, title, section, snippet, score }], total }   // empty: no answer fits
//   index.suggest('кредитн');                             // -> ['кредитные каникулы', ...]
//
// What search understands: Russian word forms (Snowball stemmer, ё = е), typing errors (1–2
// edits, merged and split words), text typed on the English layout, the synonym dictionary,
// stop words, title and alternative phrasings above the body, words standing close together.
// When no answer covers enough of the query, it returns no items rather than junk.
//
// `score` is relative to the query (about 0–1.3): compare items of one result, not across queries.
// `total` counts the answers that fit, among the best 50 candidates.
// `boosts` (slug -> [0, 1]) is the feedback hook: "this answer helped for this query"; it raises
// an answer that already fits by at most MAX_BOOST of its score and never admits one that does not.
//
// Quality on the demo knowledge base: npm run bench:search-quality (add -- --misses for the misses)
// Speed, also on a 10x corpus: npm run bench:search-speed
export { createSearchIndex, MAX_BOOST } from './search-index.ts';
export type { SearchIndex, Explanation } from './search-index.ts';
export type { SearchDocument, SearchHit, SearchOptions, SearchResult, SynonymEntry } from './types.ts';
export { evaluate, summarize, ndcgAt10 } from './evaluate.ts';
export type { Evaluation, JudgedQuery, Metrics } from './evaluate.ts';
export { demoDocuments, demoQueries, demoSynonyms } from './demo-corpus.ts';
