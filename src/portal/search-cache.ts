// Search result pages kept as built, like answer pages: a repeated query costs a map look-up instead
// of the engine and a page build (about 2 ms). Bounded in pages and bytes (the least recently used
// go first), so a flood of distinct queries cannot grow it; emptied when the knowledge base
// publishes; each page also expires after a minute, which bounds what no event announces (the
// ranking's "helped" marks, answers whose validity starts at midnight). A query that may hold
// personal data is never kept (personal-data.ts).
import type { Rendered } from './page-cache.ts';

/** A built page and the number of answers it lists (a hit is counted in the query statistics). */
export interface SearchEntry {
  page: Rendered;
  found: number;
}

interface Kept extends SearchEntry {
  expires: number;
}

export const SEARCH_TTL_MS = 60_000;
const MAX_PAGES = 1000;
const MAX_BYTES = 24 * 1024 * 1024;

/**
 * The query as the page shows it and the cache keys it: Unicode NFC, spaces collapsed, trimmed. Case
 * and punctuation stay: the page repeats the query in its title and search box as it was typed.
 */
export function searchText(q: string): string {
  return q.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export class SearchCache {
  private readonly entries = new Map<string, Kept>();
  private bytes = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = SEARCH_TTL_MS,
  ) {}

  /** The entry if it is kept and fresh (it becomes the most recently used); never builds. */
  peek(key: string): SearchEntry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (e.expires <= this.now()) {
      this.bytes -= e.page.body.length;
      return undefined;
    }
    this.entries.set(key, e);
    return e;
  }

  put(key: string, entry: SearchEntry): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.page.body.length;
    }
    this.entries.set(key, { ...entry, expires: this.now() + this.ttlMs });
    this.bytes += entry.page.body.length;
    while (this.entries.size > MAX_PAGES || this.bytes > MAX_BYTES) {
      const [oldest, e] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.bytes -= e.page.body.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
