// The answers suggested for a call's topic: first those most used on the topic's calls (GET
// /api/v1/agent/topic-answers), then the section's best matches for its name, to fill the list.
import { get } from '../shared/api.ts';
import type { Answer } from '../shared/api-types.ts';

export type Hit = Answer<'/api/v1/kb/search'>['items'][number] & { /** calls of the topic it was used on */ calls?: number };

const SHOWN = 8;

export async function topicSuggestions(topic: string, region: string): Promise<{ items: Hit[]; error?: string }> {
  const [used, found] = await Promise.all([get('/api/v1/agent/topic-answers', { query: { topic, limit: 5 } }), get('/api/v1/kb/search', { query: { q: topic, section: topic, limit: SHOWN } })]);
  if (!found.ok) return { items: [], error: found.message };
  const bySlug = new Map(found.body.items.map((h) => [h.slug, h]));
  const top: Hit[] = [];
  // (a used answer the search did not bring is read for its title; one withdrawn since is left out)
  for (const u of used.ok ? used.body.items : []) {
    const hit = bySlug.get(u.slug);
    if (hit) top.push({ ...hit, calls: u.calls });
    else {
      const a = await get('/api/v1/kb/answers/{slug}', { path: { slug: u.slug }, query: { region } });
      if (a.ok) top.push({ slug: a.body.slug, title: a.body.title, section: a.body.section, snippet: '', score: 0, calls: u.calls });
    }
  }
  const rest = found.body.items.filter((h) => !top.some((x) => x.slug === h.slug));
  return { items: [...top, ...rest].slice(0, SHOWN) };
}
