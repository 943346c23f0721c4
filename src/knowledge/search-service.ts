// Search over the published answers, kept fresh by events: every node holds the index in memory,
// loads it at start and applies each publication, change and withdrawal as it is committed.
import type { Db } from '../platform/db/database.ts';
import type { EventOf } from '../platform/events/bus.ts';
import type { Logger } from '../platform/logger.ts';
import * as q from './answers-queries.ts';
import type { KnowledgeTopics } from './events.ts';
import type { FeedbackService } from './feedback.ts';
import type { QueryStats } from './query-stats.ts';
import type { SearchDocument, SearchHit, SearchOptions, SearchResult } from './search/types.ts';
import type { SynonymsService } from './synonyms.ts';

/** What the service needs of the search library. */
export interface SearchIndex {
  readonly size: number;
  upsert(doc: SearchDocument): void;
  remove(slug: string): void;
  setSynonyms(groups: string[][]): void;
  search(query: string, options?: SearchOptions): SearchResult;
  suggest(prefix: string, limit?: number, options?: SearchOptions): string[];
}

export interface SearchResponse {
  items: SearchHit[];
  total: number;
  /** The query as it was read, when a correction was applied (see SearchResult). */
  corrected?: string;
  tookMs: number;
}

function toDocument(r: q.PublishedRow): SearchDocument {
  return { slug: r.slug, title: r.title, alternatives: r.alternatives, body: r.body, section: r.section, tags: r.tags, scope: r.scope };
}

/** Today in the federal centre's calendar, as YYYY-MM-DD. */
/** What changes the index: an answer published or withdrawn, the synonyms. */
export type SearchEvent = EventOf<KnowledgeTopics, 'kb.answer.published' | 'kb.answer.archived' | 'kb.synonyms.changed'>;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());

export class KnowledgeSearch {
  private loaded = false;
  /** Answers valid only from/until a date: kept out of results outside that window. */
  private readonly validity = new Map<string, { from: string | null; until: string | null }>();
  private queued: SearchEvent[] = [];

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly index: SearchIndex,
    private readonly synonyms: SynonymsService,
    private readonly stats: QueryStats,
    private readonly feedback: FeedbackService,
  ) {}

  /** Applies a change heard on the bus (subscribed before it starts); waits until load() has run. */
  async apply(e: SearchEvent): Promise<void> {
    if (this.loaded) await this.update(e);
    else this.queued.push(e);
  }

  async load(): Promise<void> {
    const started = Date.now();
    this.index.setSynonyms((await this.synonyms.all()).map((g) => g.terms));
    for (const row of await q.publishedAnswers(this.db)) this.put(row);
    this.loaded = true;
    for (const e of this.queued.splice(0)) await this.update(e);
    this.log.info({ answers: this.index.size, ms: Date.now() - started }, 'search index loaded');
  }

  private async update(e: SearchEvent): Promise<void> {
    if (e.topic === 'kb.synonyms.changed') {
      this.index.setSynonyms((await this.synonyms.all()).map((g) => g.terms));
      return;
    }
    const { slug } = e.payload;
    // Read the row as it is now: events may come late or twice, the table is the truth.
    const row = await q.publishedBySlug(this.db, slug);
    if (row) this.put(row);
    else {
      this.index.remove(slug);
      this.validity.delete(slug);
    }
  }

  private put(row: q.PublishedRow) {
    this.index.upsert(toDocument(row));
    if (row.valid_from || row.valid_until) this.validity.set(row.slug, { from: row.valid_from, until: row.valid_until });
    else this.validity.delete(row.slug);
  }

  private valid(slug: string, day: string): boolean {
    const v = this.validity.get(slug);
    return !v || ((!v.from || v.from <= day) && (!v.until || day <= v.until));
  }

  search(query: string, options: SearchOptions = {}): SearchResponse {
    return this.run(query, options, true);
  }

  /**
   * Answers for a citizen's own words (an appeal being written on the portal): the same search, but
   * not counted in the query statistics, which keep what people search for in plain text for
   * editors and coordinators. An appeal's text is personal data (the appeals module keeps it sealed).
   */
  searchUncounted(text: string, options: SearchOptions = {}): SearchResponse {
    return this.run(text, options, false);
  }

  private run(query: string, options: SearchOptions, counted: boolean): SearchResponse {
    const started = performance.now();
    const limit = options.limit ?? 10;
    const r = this.index.search(query, { ...options, limit: limit + Math.min(this.validity.size, 50), boosts: this.feedback.boosts(query) });
    const day = today();
    const items = this.validity.size ? r.items.filter((i) => this.valid(i.slug, day)) : r.items;
    if (counted) this.stats.count(query, items.length);
    return {
      items: items.slice(0, limit),
      total: r.total - (r.items.length - items.length),
      ...(r.corrected && items.length ? { corrected: r.corrected } : {}),
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  suggest(prefix: string, options: SearchOptions = {}): string[] {
    return this.index.suggest(prefix, 5, options);
  }

  get size(): number {
    return this.index.size;
  }
}
