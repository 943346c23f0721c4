// Sending a built page: the gzipped bytes when the client takes them, a strong ETag per
// representation, Last-Modified, and 304 Not Modified for a matching conditional request, so a
// browser, nginx or a CDN in front can cache and revalidate cheaply.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ifNoneMatchHits } from '../platform/http/conditional.ts';
import type { Rendered } from './page-cache.ts';

/** Pages may be stored anywhere but are checked with us on every use: a publication shows at once. */
export const REVALIDATE = 'public, no-cache';
/** Pages run no script at all (JSON-LD is data, not run); styles and images from this site only. */
export const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Personal pages (a thank-you, a chosen region's confirmation): not stored by anyone. */
export const PRIVATE = 'private, no-store';

export function sendPage(req: FastifyRequest, reply: FastifyReply, page: Rendered, cacheControl = REVALIDATE, status = 200): FastifyReply {
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const etag = gzip ? `${page.etag.slice(0, -1)}-gz"` : page.etag;
  reply.header('cache-control', cacheControl).header('vary', 'Cookie, Accept-Encoding').header('content-security-policy', CSP);
  if (status === 200) {
    reply.header('etag', etag);
    if (page.lastModified) reply.header('last-modified', page.lastModified);
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const fresh = inm !== undefined ? ifNoneMatchHits(inm, etag) : !!(ims && page.lastModified && Date.parse(ims) >= Date.parse(page.lastModified));
    if (fresh) return reply.code(304).send();
  }
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply
    .code(status)
    .type(page.type)
    .send(gzip ? page.gzip : page.body);
}
