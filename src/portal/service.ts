// The portal: pages built from the in-memory catalog and served from the page cache; search
// through the knowledge base's engine; views and votes counted without personal data.
import type { PublishedRecord } from '../knowledge/index.ts';
import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logger.ts';
import type { Hours } from '../regions/index.ts';
import { answerPage, type Flash } from './answer-page.ts';
import { Catalog, type PublishedSource } from './catalog.ts';
import { atomFeed, sitemap } from './feeds.ts';
import type { CentreHours } from './hotline-page.ts';
import { hotlinePage } from './hotline-page.ts';
import type { Visitor } from './layout.ts';
import { openState, openText } from './open-now.ts';
import { PageCache, render, type Rendered } from './page-cache.ts';
import { errorPage, homePage, regionPage, searchPage, sectionPage, type SearchHit } from './pages.ts';
import { mayBePersonal } from './personal-data.ts';
import { SearchCache, searchText } from './search-cache.ts';
import { ViewCounter } from './views.ts';
import { VoteReasons } from './vote-reasons.ts';
import { Votes } from './votes.ts';

const HTML = 'text/html; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
const XML = 'application/xml; charset=utf-8';

export interface PortalDeps {
  db: Db;
  log: Logger;
  answers: PublishedSource;
  /** Searching counts the query in the statistics (what people look for, what finds nothing). */
  search: { search(q: string, options: { limit: number; region?: string }): { items: SearchHit[]; corrected?: string } };
  /**
   * Counts a search answered from the cache, as the engine would have: without it search pages are
   * not cached at all, so that no search goes uncounted.
   */
  queryStats?: { count(query: string, found: number): void };
  regions: { callCentres(): Promise<Map<string, { name: string; timezone: string; hours: Hours }>> };
  publicUrl: string;
  /** Today, for counting one view per reader and day (tests move it). */
  clock?: () => Date;
}

/** Most visitors chose nothing: one shared object for them. */
const ANONYMOUS: Visitor = Object.freeze({ region: null, large: false });

export class PortalService {
  readonly catalog: Catalog;
  readonly views: ViewCounter;
  readonly votes: Votes;
  readonly reasons: VoteReasons;
  private readonly cache: PageCache;
  private readonly searches = new SearchCache();
  private readonly origin: string;
  private centres: CentreHours[] = [];
  private regionNames = new Map<string, string>();
  private loaded = false;
  private queued: string[] = [];

  constructor(private readonly deps: PortalDeps) {
    this.origin = deps.publicUrl;
    this.cache = new PageCache(() => this.now().getTime());
    this.catalog = new Catalog(deps.answers);
    this.views = new ViewCounter(deps.db, deps.log, deps.clock);
    this.votes = new Votes(deps.db);
    this.reasons = new VoteReasons(deps.db);
    this.views.onPopularChange = () => this.cache.drop('home|');
  }

  /** An answer was published or withdrawn (heard on the bus); waits until load() has run. */
  async changed(slug: string): Promise<void> {
    if (!this.loaded) {
      this.queued.push(slug);
      return;
    }
    await this.catalog.refresh(slug);
    this.cache.clear();
    this.searches.clear();
  }

  /** The engine's synonyms changed (heard after the index has them): searches may find otherwise. */
  searchChanged(): void {
    this.searches.clear();
  }

  async load(): Promise<void> {
    await this.catalog.load();
    await this.loadCentres();
    await this.views.loadPopular();
    this.loaded = true;
    for (const slug of this.queued.splice(0)) await this.changed(slug);
    this.cache.clear();
    this.searches.clear();
  }

  start(): void {
    this.views.start();
  }

  async stop(): Promise<void> {
    await this.views.stop();
  }

  /** The call centres' names and hours, read again when the regions change. */
  async loadCentres(): Promise<void> {
    const all = await this.deps.regions.callCentres();
    this.centres = [...all.entries()].map(([code, c]) => ({ code, name: c.name, timezone: c.timezone, hours: c.hours })).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    this.regionNames = new Map(this.centres.map((c) => [c.code, c.name]));
    this.cache.drop('hotline|');
  }

  /** The visitor as their cookies describe them; anything unknown is ignored. */
  visitor(regionCookie: string | undefined, fontCookie: string | undefined): Visitor {
    if (regionCookie === undefined && fontCookie === undefined) return ANONYMOUS;
    const name = regionCookie ? this.regionNames.get(regionCookie) : undefined;
    return { region: name ? { code: regionCookie!, name } : null, large: fontCookie === 'large' };
  }

  regions(): { code: string; name: string }[] {
    return this.centres.map((c) => ({ code: c.code, name: c.name }));
  }

  isRegion(code: string): boolean {
    return this.regionNames.has(code);
  }

  /**
   * The cache key of a page for a visitor. Only pages whose content depends on the region carry it
   * (an answer with supplements, the hotline), so the rest are built once for everyone.
   */
  private key(page: string, v: Visitor): string {
    const regional = page === 'hotline' || (page.startsWith('answer:') && this.catalog.hasSupplements(page.slice(7)));
    return `${page}|${regional ? (v.region?.code ?? '-') : '*'}|${v.large ? 'L' : 'n'}`;
  }

  /** A page already built for this visitor (home, answer:<slug>, section:<slug>), or undefined. */
  cachedPage(page: string, v: Visitor): Rendered | undefined {
    return this.cache.peek(this.key(page, v));
  }

  home(v: Visitor): Rendered {
    return this.cache.get(this.key('home', v), () => {
      const popular = this.views
        .popular()
        .flatMap((s) => this.catalog.answer(s) ?? [])
        .slice(0, 8);
      return render(homePage(this.origin, this.catalog, popular, v), HTML, this.catalog.lastModified());
    });
  }

  /** The answer's page, or a redirect target (a supplement's slug leads to its answer), or null. */
  answer(slug: string, v: Visitor, flash: Flash): Rendered | { redirect: string } | null {
    const a = this.catalog.answer(slug);
    if (!a) {
      const parent = this.catalog.resolve(slug);
      return parent ? { redirect: `/answers/${parent.slug}` } : null;
    }
    const build = () => render(answerPage(this.origin, a, this.catalog, v, flash), HTML, lastOf(a, this.catalog.supplement(slug, v.region?.code)));
    return flash ? build() : this.cache.get(this.key(`answer:${slug}`, v), build);
  }

  /** client: the reader's address (TRUST_PROXY's rule, platform/client-address.ts). */
  countView(slug: string, client: string): void {
    this.views.count(slug, client);
  }

  section(slug: string, v: Visitor): Rendered | null {
    const s = this.catalog.section(slug);
    if (!s) return null;
    return this.cache.get(this.key(`section:${slug}`, v), () => render(sectionPage(this.origin, s, v), HTML, s.updatedAt || null));
  }

  private searchKey(text: string, v: Visitor): string {
    return `${v.region?.code ?? '-'}|${v.large ? 'L' : 'n'}|${text}`;
  }

  /**
   * A search page already built for this query (as searchText makes it) and visitor, counted in the
   * query statistics as the engine counts a search; or undefined.
   */
  cachedSearch(text: string, v: Visitor): Rendered | undefined {
    if (!this.deps.queryStats) return undefined;
    const hit = this.searches.peek(this.searchKey(text, v));
    if (!hit) return undefined;
    this.deps.queryStats.count(text, hit.found);
    return hit.page;
  }

  /**
   * The results page for a query. personal: the query may hold personal data, so the page is kept by
   * no cache. Others are kept (see search-cache.ts) and served again until a publication.
   */
  search(query: string, v: Visitor): { page: Rendered; personal: boolean } {
    const text = searchText(query);
    const personal = mayBePersonal(text);
    const shared = !personal && this.deps.queryStats !== undefined;
    if (shared) {
      const page = this.cachedSearch(text, v);
      if (page) return { page, personal };
    }
    const hits: SearchHit[] = [];
    // (what the engine found, as it counted it: a hit is counted the same)
    let found = 0;
    let corrected: string | undefined;
    if (text) {
      const seen = new Set<string>();
      const r = this.deps.search.search(text, { limit: 20, ...(v.region ? { region: v.region.code } : {}) });
      const items = r.items;
      found = items.length;
      corrected = r.corrected;
      for (const h of items) {
        // A region's supplement is shown on its answer's page: list that answer once.
        const a = this.catalog.resolve(h.slug);
        if (!a || seen.has(a.slug)) continue;
        seen.add(a.slug);
        hits.push({ ...h, slug: a.slug, title: a.title, section: a.section });
      }
    }
    const page = render(searchPage(this.origin, text, hits.slice(0, 10), v, corrected), HTML, null);
    if (shared) this.searches.put(this.searchKey(text, v), { page, found });
    return { page, personal };
  }

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  /** The visitor's region's call centre open now or not, in words, and until when that holds. */
  private openNow(v: Visitor): { text: string; validUntil: Date } | null {
    const c = v.region && this.centres.find((x) => x.code === v.region!.code);
    if (!c) return null;
    const { state, validUntil } = openState(c.hours, c.timezone, this.now());
    return { text: openText(state), validUntil };
  }

  hotline(v: Visitor): Rendered {
    return this.cache.get(this.key('hotline', v), () => {
      const now = this.openNow(v);
      const page = render(hotlinePage(this.origin, this.centres, v, now?.text ?? null), HTML, null);
      // (says what time it is: built again when the centre opens or closes, or the day changes)
      if (now) page.expires = now.validUntil.getTime();
      return page;
    });
  }

  regionChooser(v: Visitor, back: string, saved: 'set' | 'cleared' | null): Rendered {
    return render(regionPage(this.origin, this.regions(), v, back, saved, saved === 'set' ? (this.openNow(v)?.text ?? null) : null), HTML, null);
  }

  feed(sectionSlug?: string): Rendered | null {
    const s = sectionSlug === undefined ? undefined : this.catalog.section(sectionSlug);
    if (sectionSlug !== undefined && !s) return null;
    return this.cache.get(`feed:${sectionSlug ?? ''}`, () => render(atomFeed(this.origin, this.catalog, s), ATOM, s ? s.updatedAt || null : this.catalog.lastModified()));
  }

  sitemap(): Rendered {
    return this.cache.get('sitemap', () => render(sitemap(this.origin, this.catalog), XML, this.catalog.lastModified()));
  }

  error(v: Visitor, status: number, requestId: string): Rendered {
    return render(errorPage(this.origin, v, status, requestId), HTML, null);
  }

  get sitemapUrl(): string {
    return `${this.origin}/sitemap.xml`;
  }

  answerExists(slug: string): boolean {
    return this.catalog.answer(slug) !== undefined;
  }

  /** A published answer's title (the navigator links its measures to answers that are live). */
  answerTitle(slug: string): string | undefined {
    return this.catalog.answer(slug)?.title;
  }
}

function lastOf(a: PublishedRecord, s: PublishedRecord | undefined): string | null {
  const dates = [a.publishedAt, s?.publishedAt].filter((d): d is string => !!d).sort();
  return dates.at(-1) ?? null;
}
