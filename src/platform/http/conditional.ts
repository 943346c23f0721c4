// Conditional requests: whether an If-None-Match header names a representation's ETag, so that it
// can be answered 304 Not Modified.

/** Weak comparison (RFC 9110 §13.1.2): a W/ prefix does not matter; `*` matches any. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
