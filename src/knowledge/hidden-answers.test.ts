// An answer a user may not see must answer them exactly as an answer that does not exist: same
// status, same code, same body (but for the slug), so no route reveals that it exists. Published
// answers are public; drafts, reviews and archived answers are seen only by those who may read
// drafts in the answer's scope (federal answers: every editor; a region's: its own and federal).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client, Response } from '../../test/support/http-client.ts';

const MISSING = 'no-such-answer';

const content = (slug: string, extra: Record<string, unknown> = {}) => ({ slug, title: `Ответ ${slug}`, body: `Текст ответа ${slug}.`, section: 'Госуслуги и обращения', ...extra });

/** What a response tells about the answer, with the slug itself (which the caller knows) taken out. */
function told(r: Response, slug: string) {
  if (r.status < 300) return { status: r.status };
  const { requestId: _id, ...body } = r.body as Record<string, unknown>;
  return JSON.parse(JSON.stringify(body).replaceAll(slug, '<slug>'));
}

async function expectSameAsMissing(c: Client, hidden: string, request: (c: Client, slug: string) => Promise<Response>) {
  const [h, m] = [await request(c, hidden), await request(c, MISSING)];
  expect(told(h, hidden), `${hidden}: ${h.status} ${h.text}`).toEqual(told(m, MISSING));
}

const feedback = (c: Client, slug: string) => c.post('/api/v1/kb/feedback', { query: 'как получить справку', slug });

describe('answers a user may not see answer as if they did not exist', () => {
  let app: TestApp;
  const s = { parent: 'hid-parent', fedDraft: 'hid-fed-draft', draft: 'hid-78-draft', review: 'hid-78-review', live: 'hid-78-live', archived: 'hid-78-archived' };
  const ok = (r: Response) => {
    if (r.status >= 300) throw new Error(`fixture: ${r.status} ${r.text}`);
  };
  let op77: Client, editor77: Client, coordinator77: Client, editor78: Client, editorFed: Client;
  beforeAll(async () => {
    app = await startApp();
    editorFed = await app.as('editor', 'federal');
    const coordinatorFed = await app.as('coordinator', 'federal');
    editor78 = await app.as('editor', '78');
    ok(await editorFed.post('/api/v1/kb/answers', content(s.parent)));
    ok(await editorFed.post(`/api/v1/kb/answers/${s.parent}/submit`));
    ok(await coordinatorFed.post(`/api/v1/kb/answers/${s.parent}/approve`));
    ok(await editorFed.post('/api/v1/kb/answers', content(s.fedDraft)));
    for (const slug of [s.draft, s.review, s.live, s.archived]) {
      ok(await editor78.post('/api/v1/kb/answers', content(slug, { scope: '78', parent: s.parent })));
      if (slug !== s.draft) ok(await editor78.post(`/api/v1/kb/answers/${slug}/submit`));
      if (slug === s.live || slug === s.archived) ok(await coordinatorFed.post(`/api/v1/kb/answers/${slug}/approve`));
      if (slug === s.archived) ok(await coordinatorFed.post(`/api/v1/kb/answers/${slug}/archive`));
    }
    op77 = await app.as('operator', '77');
    editor77 = await app.as('editor', '77');
    coordinator77 = await app.as('coordinator', '77');
  });
  afterAll(() => app.close());

  const marksOn = async (slug: string) =>
    (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM kb_feedback f JOIN kb_answers a ON a.id = f.answer_id WHERE a.slug = $1', [slug])).rows[0]!.n;

  it('feedback on an answer the actor may not see: as for a missing answer, and nothing recorded', async () => {
    for (const c of [op77, editor77, coordinator77]) {
      for (const hidden of [s.draft, s.review, s.archived]) await expectSameAsMissing(c, hidden, feedback);
    }
    // operators do not read drafts at all, not even federal ones
    await expectSameAsMissing(op77, s.fedDraft, feedback);
    for (const hidden of [s.draft, s.review, s.archived, s.fedDraft]) expect(await marksOn(hidden)).toBe(0);
    expect((await feedback(op77, MISSING)).body.code).toBe('kb.answer_not_found');
  });

  it('feedback on what the actor may see is recorded: published answers, and drafts in their own scope', async () => {
    const before = await marksOn(s.draft);
    expect((await feedback(op77, s.live)).status).toBe(204);
    expect((await feedback(op77, s.parent)).status).toBe(204);
    expect((await feedback(editor77, s.fedDraft)).status).toBe(204);
    expect((await feedback(editor78, s.draft)).status).toBe(204);
    expect((await feedback(editorFed, s.review)).status).toBe(204);
    expect(await marksOn(s.draft)).toBe(before + 1);
  });

  it("the editors' routes and the public reading answer another region's drafts as missing ones", async () => {
    const reads = [
      (c: Client, slug: string) => c.get(`/api/v1/kb/answers/${slug}/working`),
      (c: Client, slug: string) => c.get(`/api/v1/kb/answers/${slug}/versions`),
      (c: Client, slug: string) => c.get(`/api/v1/kb/answers/${slug}/diff?from=1&to=2`),
      (c: Client, slug: string) => c.get(`/api/v1/kb/answers/${slug}?region=78`),
    ];
    const writes = [
      (c: Client, slug: string) => c.put(`/api/v1/kb/answers/${slug}`, content(slug, { scope: '78' })),
      (c: Client, slug: string) => c.post(`/api/v1/kb/answers/${slug}/submit`),
      (c: Client, slug: string) => c.post(`/api/v1/kb/answers/${slug}/approve`),
      (c: Client, slug: string) => c.post(`/api/v1/kb/answers/${slug}/reject`, { comment: 'нет' }),
      (c: Client, slug: string) => c.post(`/api/v1/kb/answers/${slug}/archive`),
      (c: Client, slug: string) => c.post(`/api/v1/kb/answers/${slug}/restore`),
    ];
    for (const c of [op77, editor77, coordinator77, app.client()]) {
      for (const request of [...reads, ...writes]) {
        for (const hidden of [s.draft, s.review, s.archived]) await expectSameAsMissing(c, hidden, request);
      }
    }
    const r = await app.db.query<{ slug: string; status: string; current_version: number }>("SELECT slug, status, current_version FROM kb_answers WHERE slug LIKE 'hid-78-%' ORDER BY slug");
    expect(r.rows).toEqual([
      { slug: s.archived, status: 'archived', current_version: 1 },
      { slug: s.draft, status: 'draft', current_version: 1 },
      { slug: s.live, status: 'published', current_version: 1 },
      { slug: s.review, status: 'in_review', current_version: 1 },
    ]);
  });
});
