// Pages built once and served as bytes: each with its gzipped form and a strong ETag computed when
// it is built, so a request costs a map look-up. The cache forgets everything when the catalog
// changes (a publication can change lists, related answers and titles anywhere), and holds at most
// MAX pages (the oldest go first). A page that says what time it is (the hotline open now) expires.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface Rendered {
  body: Buffer;
  /** Compressed on first use (a search page asked for without gzip never is). */
  readonly gzip: Buffer;
  etag: string;
  /** HTTP date, or null when the page has no meaningful modification time. */
  lastModified: string | null;
  type: string;
  /** Epoch ms after which the page is out of date (one that says what time it is); none: until a change. */
  expires?: number;
}

const MAX = 5000;

export function render(text: string, type: string, lastModified: string | null): Rendered {
  const body = Buffer.from(text);
  const hash = createHash('sha1').update(body).digest('base64url').slice(0, 22);
  let gzip: Buffer | undefined;
  return {
    body,
    get gzip() {
      return (gzip ??= gzipSync(body, { level: 6 }));
    },
    etag: `"${hash}"`,
    lastModified: lastModified ? new Date(lastModified).toUTCString() : null,
    type,
  };
}

export class PageCache {
  private readonly pages = new Map<string, Rendered>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string, build: () => Rendered): Rendered {
    const hit = this.peek(key);
    if (hit) return hit;
    const page = build();
    if (this.pages.size >= MAX) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, page);
    return page;
  }

  /** The page if it is built and not out of date; never builds. */
  peek(key: string): Rendered | undefined {
    const page = this.pages.get(key);
    if (page?.expires !== undefined && page.expires <= this.now()) {
      this.pages.delete(key);
      return undefined;
    }
    return page;
  }

  clear(): void {
    this.pages.clear();
  }

  /** Forgets the pages whose key starts with prefix (e.g. the home pages when popularity changes). */
  drop(prefix: string): void {
    for (const key of this.pages.keys()) if (key.startsWith(prefix)) this.pages.delete(key);
  }

  get size(): number {
    return this.pages.size;
  }
}
