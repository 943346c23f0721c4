// A published catalogue's tag: a short hash of its questions, measures and order, the same on every
// node that runs the same publication. A step names it, and a client that holds the measures of
// another tag fetches them again (GET /api/v1/navigator/catalog, whose ETag it is).
import { createHash } from 'node:crypto';
import type { Navigator } from './engine.ts';

const tags = new WeakMap<Navigator, string>();

export function catalogTag(nav: Navigator): string {
  let tag = tags.get(nav);
  if (!tag) tags.set(nav, (tag = createHash('sha256').update(JSON.stringify(nav.catalog)).digest('base64url').slice(0, 16)));
  return tag;
}
