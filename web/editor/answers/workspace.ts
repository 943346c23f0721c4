// Reading the editors' workspace (GET /api/v1/kb/workspace) whole, a page of 200 at a time: the
// list filters it further here, and the editor names related answers and offers sections from it.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../shared/api.ts';
import type { Listed } from './filters.ts';

const PAGE = 200;
/** At most this many pages are read (the whole knowledge base is a few thousand answers). */
const MAX_PAGES = 25;

export async function loadWorkspace(q: { status?: Listed['status']; section?: string } = {}): Promise<{ items: Listed[] } | { error: string }> {
  const items: Listed[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await get('/api/v1/kb/workspace', { query: { limit: PAGE, offset: page * PAGE, ...q } });
    if (!r.ok) return { error: r.message };
    items.push(...r.body.items);
    if (r.body.items.length < PAGE) break;
  }
  return { items };
}

/** Every answer's title by slug and every section's name, for the editor (null while loading). */
export function useWorkspaceIndex(): { titles: Map<string, string>; sections: string[]; items: Listed[] } | null {
  const [index, setIndex] = useState<{ titles: Map<string, string>; sections: string[]; items: Listed[] } | null>(null);
  useEffect(() => {
    void loadWorkspace().then((r) => {
      if ('error' in r) return;
      setIndex({
        titles: new Map(r.items.map((a) => [a.slug, a.title])),
        sections: [...new Set(r.items.map((a) => a.working.section))].sort((a, b) => a.localeCompare(b, 'ru')),
        items: r.items,
      });
    });
  }, []);
  return index;
}
