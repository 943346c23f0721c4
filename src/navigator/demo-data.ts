// The demo catalogue shipped in data/demo/navigator (copied verbatim from the shared data).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCatalog, type NavigatorCatalog } from './catalog-schema.ts';

export const demoNavigatorDir = fileURLToPath(new URL('../../data/demo/navigator/', import.meta.url));

/** The demo's questions and measures, checked; throws CatalogError naming the path of any problem. */
export function readDemoNavigator(): NavigatorCatalog {
  const read = (name: string): unknown => JSON.parse(fs.readFileSync(`${demoNavigatorDir}${name}`, 'utf8'));
  return parseCatalog(read('navigator_questions.json'), read('support_measures.json'));
}
