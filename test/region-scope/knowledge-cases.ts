// Region-scope cases for the knowledge base: region 78's supplements, drafts and reviews are out
// of reach of region 77; published answers are public by design.
import { expect } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { openStream } from '../support/sse.ts';
import type { Case, Target } from './types.ts';

async function status(app: TestApp, slug: string) {
  const r = await app.db.query<{ status: string; current_version: number }>('SELECT status, current_version FROM kb_answers WHERE slug = $1', [slug]);
  return r.rows[0];
}

const unchangedState =
  (pick: (t: Target) => string, expected: string, version = 1) =>
  async (app: TestApp, t: Target) => {
    expect(await status(app, pick(t))).toEqual({ status: expected, current_version: version });
  };

const body = (t: Target, slug: string) => ({ title: 'Переписано', body: 'Чужой текст', section: 'Госуслуги и обращения', scope: '78', parent: t.kb.parent, slug });

export const knowledgeCases: Record<string, Case> = {
  'GET /api/v1/kb/search': { noRegionData: 'published answers are public (the portal shows them)' },
  'GET /api/v1/kb/suggest': { noRegionData: 'published answers are public' },
  'GET /api/v1/kb/answers/{slug}': { noRegionData: 'published answers are public' },
  'GET /api/v1/kb/sections': { noRegionData: 'public list of sections' },
  'GET /api/v1/kb/synonyms': { noRegionData: 'the federal synonym dictionary, public' },
  'POST /api/v1/kb/feedback': {
    // a mark on another region's draft would reveal that it exists (published answers are public)
    run: (c, t) => c.post('/api/v1/kb/feedback', { query: 'чужой черновик', slug: t.kb.draft }),
    unchanged: async (app, t) => expect((await app.db.query('SELECT 1 FROM kb_feedback f JOIN kb_answers a ON a.id = f.answer_id WHERE a.slug = $1', [t.kb.draft])).rowCount).toBe(0),
    owner: 'editor',
  },
  'GET /api/v1/kb/queries': { noRegionData: 'counts of queries, kept without region' },
  'POST /api/v1/kb/synonyms': { run: (c) => c.post('/api/v1/kb/synonyms', { terms: ['чужое', 'слово'] }), owner: false },
  'PUT /api/v1/kb/synonyms/{id}': { run: (c) => c.put('/api/v1/kb/synonyms/1', { terms: ['чужое', 'слово'] }), owner: false },
  'DELETE /api/v1/kb/synonyms/{id}': { run: (c) => c.delete('/api/v1/kb/synonyms/1'), owner: false },
  'GET /api/v1/kb/workspace': { run: (c) => c.get('/api/v1/kb/workspace?scope=78'), owner: 'editor' },
  'POST /api/v1/kb/answers': {
    run: (c, t) => c.post('/api/v1/kb/answers', body(t, `intruder-${Math.random().toString(36).slice(2, 8)}`)),
    unchanged: async (app) => expect((await app.db.query("SELECT 1 FROM kb_answers WHERE slug LIKE 'intruder-%'")).rowCount).toBe(0),
    owner: false, // tried below as PUT on an existing supplement
  },
  'GET /api/v1/kb/answers/{slug}/working': { run: (c, t) => c.get(`/api/v1/kb/answers/${t.kb.live}/working`), owner: 'editor' },
  'GET /api/v1/kb/answers/{slug}/versions': { run: (c, t) => c.get(`/api/v1/kb/answers/${t.kb.live}/versions`), owner: 'editor' },
  'GET /api/v1/kb/answers/{slug}/diff': { run: (c, t) => c.get(`/api/v1/kb/answers/${t.kb.live}/diff?from=1&to=1`), owner: 'editor' },
  'PUT /api/v1/kb/answers/{slug}': {
    run: (c, t) => c.put(`/api/v1/kb/answers/${t.kb.draft}`, body(t, t.kb.draft)),
    unchanged: unchangedState((t) => t.kb.draft, 'draft'),
    owner: false, // the control would move the draft on; submit below is its control
  },
  'POST /api/v1/kb/answers/{slug}/submit': { run: (c, t) => c.post(`/api/v1/kb/answers/${t.kb.draft}/submit`), unchanged: unchangedState((t) => t.kb.draft, 'draft'), owner: 'editor' },
  'POST /api/v1/kb/answers/{slug}/approve': { run: (c, t) => c.post(`/api/v1/kb/answers/${t.kb.inReview}/approve`), unchanged: unchangedState((t) => t.kb.inReview, 'in_review'), owner: 'editor' },
  'POST /api/v1/kb/answers/{slug}/reject': {
    run: (c, t) => c.post(`/api/v1/kb/answers/${t.kb.inReview2}/reject`, { comment: 'нет' }),
    unchanged: unchangedState((t) => t.kb.inReview2, 'in_review'),
    owner: 'editor',
  },
  'POST /api/v1/kb/answers/{slug}/archive': { run: (c, t) => c.post(`/api/v1/kb/answers/${t.kb.live}/archive`), unchanged: unchangedState((t) => t.kb.live, 'published'), owner: 'editor' },
  'POST /api/v1/kb/answers/{slug}/restore': { run: (c, t) => c.post(`/api/v1/kb/answers/${t.kb.archived}/restore`), unchanged: unchangedState((t) => t.kb.archived, 'archived'), owner: 'editor' },
  'GET /api/v1/kb/publications': {
    filtered: async (c, t) => {
      const r = await c.get('/api/v1/kb/publications?limit=1000');
      if (r.status === 403) return; // roles that do not read the feed at all
      expect(r.status).toBe(200);
      expect(r.text).not.toContain(t.kb.live);
    },
  },
  'GET /api/v1/kb/events': {
    filtered: async (c, t) => {
      const stream = await openStream(c, '/api/v1/kb/events', { 'last-event-id': '0' });
      await stream.next((e) => e.data.slug === t.kb.parent, 2000);
      await new Promise((r) => setTimeout(r, 50));
      stream.close();
      expect(stream.events.map((e) => e.data.slug)).not.toContain(t.kb.live);
    },
  },
};
