// The shapes the search library takes and returns. Plain data: the index keeps no database handle.

/** One answer as the index sees it. `slug` is its identity: upserting the same slug replaces it. */
export interface SearchDocument {
  slug: string;
  /** The question, as people ask it. Weighted highest. */
  title: string;
  /** Other ways people ask the same question. Weighted like the title. */
  alternatives: string[];
  /** Plain text or light Markdown: paragraphs split by a blank line, bullets start with "- ". */
  body: string;
  section: string;
  tags: string[];
  /** `federal` (the default) or the two-digit code of the region a supplement belongs to. */
  scope?: string;
}

/** Terms that mean the same: words, abbreviations or phrases (["мфц", "многофункциональный центр"]). */
export type SynonymEntry = string[];

export interface SearchOptions {
  /** How many items to return, best first (default 10). */
  limit?: number;
  /** Only answers of this section (exact section name). */
  section?: string;
  /**
   * A region code: federal answers and that region's supplements. Without it only federal answers
   * are searched, since a supplement means nothing outside its region.
   */
  region?: string;
  /**
   * "This answer helped for this query" signals, slug -> strength in [0, 1] (clamped). The caller
   * computes decay and per-user caps. A boost can reorder answers that already fit the query, by
   * at most `MAX_BOOST` of their score; it never brings in an answer that does not fit.
   */
  boosts?: ReadonlyMap<string, number>;
}

export interface SearchHit {
  slug: string;
  title: string;
  section: string;
  /** HTML: a short extract with matches in <mark>…</mark>, everything else escaped. */
  snippet: string;
  score: number;
}

export interface SearchResult {
  items: SearchHit[];
  /** How many answers fit the query well enough (before `limit`). */
  total: number;
  /**
   * The query as it was read, when that differs from what was typed (a typing error corrected, the
   * keyboard layout converted, words joined or separated) and something was found: in lower case.
   */
  corrected?: string;
}
