// Cache hits served before the framework. A page already built is a map look-up and one write, so
// Fastify's per-request work (hooks, schema checks, a log line, metrics) would cost many times the
// page itself: measured in bench/portal.ts, the answer page went from about 10 000 to over 30 000
// requests/s. Search pages too (a repeated query: from about 900 to over 10 000). Anything else (a
// miss, another query string, a form, an odd header) goes to Fastify, which builds the page and
// fills the cache. See docs/adr/0010-portal-server-rendering.md.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ifNoneMatchHits } from '../platform/http/conditional.ts';
import { CSP, REVALIDATE } from './http-cache.ts';
import type { Rendered } from './page-cache.ts';
import { searchText } from './search-cache.ts';
import type { PortalService } from './service.ts';

const ANSWER = /^\/answers\/([a-z0-9][a-z0-9-]{1,119})$/;
const SECTION = /^\/sections\/([a-z0-9][a-z0-9-]{1,119})$/;
const REGION = /(?:^|;\s*)otvet_region=([0-9]{2})(?:;|$)/;
const LARGE = /(?:^|;\s*)otvet_font=large(?:;|$)/;
const SEARCH = /^\/search\?q=([^&#]*)$/;
/** The route's limit on a query (routes.ts), after trimming. */
const MAX_QUERY = 200;

/**
 * The query of /search?q=… as the route reads it (as searchText makes it), or null for anything the
 * route would read otherwise or refuse (other parameters, a bad escape, too long): Fastify decides.
 */
function searchQuery(url: string): string | null {
  const m = SEARCH.exec(url);
  if (!m) return null;
  let q: string;
  try {
    q = decodeURIComponent(m[1]!.replace(/\+/g, ' ')).trim();
  } catch {
    return null;
  }
  return q.length > MAX_QUERY ? null : searchText(q);
}

/** The headers of a 304 and a 200 alike (RFC 9110 §15.4.5), as a flat list for writeHead. */
function validators(page: Rendered, etag: string): string[] {
  const h = [
    'cache-control',
    REVALIDATE,
    'vary',
    'Cookie, Accept-Encoding',
    'content-security-policy',
    CSP,
    'etag',
    etag,
    'x-content-type-options',
    'nosniff',
    'referrer-policy',
    'strict-origin-when-cross-origin',
  ];
  if (page.lastModified) h.push('last-modified', page.lastModified);
  return h;
}

interface Prepared {
  etag: string;
  /** For a 304. */
  validators: string[];
  /** For a 200: the validators, type, length and encoding. */
  full: string[];
  body: Buffer;
}

/** Each page's two representations with their header lists, made once per page and kept with it. */
const prepared = new WeakMap<Rendered, { identity: Prepared; gzip: Prepared }>();

function prepare(page: Rendered): { identity: Prepared; gzip: Prepared } {
  let p = prepared.get(page);
  if (p) return p;
  const one = (gzip: boolean): Prepared => {
    const etag = gzip ? `${page.etag.slice(0, -1)}-gz"` : page.etag;
    const body = gzip ? page.gzip : page.body;
    const v = validators(page, etag);
    return { etag, validators: v, full: [...v, 'content-type', page.type, 'content-length', String(body.length), ...(gzip ? ['content-encoding', 'gzip'] : [])], body };
  };
  p = { identity: one(false), gzip: one(true) };
  prepared.set(page, p);
  return p;
}

/**
 * Returns true when it answered the request. clientOf gives the reader's address by the same
 * TRUST_PROXY rule as Fastify's req.ip (one view per address, answer and day).
 */
export function portalFastPath(portal: PortalService, clientOf: (req: IncomingMessage) => string): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url || req.headers['if-modified-since']) return false;
    const url = req.url;
    const query = url.startsWith('/search?') ? searchQuery(url) : undefined;
    if (query === null || (query === undefined && url.includes('?'))) return false;
    let page: Rendered | undefined;
    let viewed: string | undefined;
    const cookie = req.headers.cookie ?? '';
    const visitor = cookie ? portal.visitor(REGION.exec(cookie)?.[1], LARGE.test(cookie) ? 'large' : undefined) : portal.visitor(undefined, undefined);
    let m: RegExpExecArray | null;
    if (query !== undefined) page = portal.cachedSearch(query, visitor);
    else if (url === '/') page = portal.cachedPage('home', visitor);
    else if ((m = ANSWER.exec(url))) {
      page = portal.cachedPage(`answer:${m[1]}`, visitor);
      viewed = m[1];
    } else if ((m = SECTION.exec(url))) page = portal.cachedPage(`section:${m[1]}`, visitor);
    if (!page) return false;
    const both = prepare(page);
    const p = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') ? both.gzip : both.identity;
    if (viewed && req.method === 'GET') portal.countView(viewed, clientOf(req));
    const inm = req.headers['if-none-match'];
    if (ifNoneMatchHits(inm, p.etag)) {
      res.writeHead(304, p.validators);
      res.end();
      return true;
    }
    res.writeHead(200, p.full);
    res.end(req.method === 'HEAD' ? undefined : p.body);
    return true;
  };
}
