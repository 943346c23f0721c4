import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';

const answer = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  title: 'Как оформить пособие по уходу за ребёнком?',
  body: 'Пособие оформляют через работодателя или Социальный фонд.\n\nЧто нужно:\n- заявление;\n- свидетельство о рождении.',
  section: 'Больничные и пособия',
  tags: ['пособие', 'дети'],
  ...extra,
});

describe('answers: writing, review and publication', () => {
  let app: TestApp;
  let writer: Awaited<ReturnType<TestApp['as']>>;
  let reviewer: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await startApp();
    writer = await app.as('editor', 'federal');
    reviewer = await app.as('editor', 'federal');
  });
  afterAll(() => app.close());

  it('a draft is invisible to the public; after review by another editor it is published', async () => {
    const created = await writer.post('/api/v1/kb/answers', answer('child-care-benefit'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'child-care-benefit', status: 'draft', currentVersion: 1, publishedVersion: null });
    expect((await app.client().get('/api/v1/kb/answers/child-care-benefit')).status).toBe(404);

    expect((await writer.post('/api/v1/kb/answers/child-care-benefit/submit')).body.status).toBe('in_review');
    const self = await writer.post('/api/v1/kb/answers/child-care-benefit/approve');
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('kb.self_review');

    const approved = await reviewer.post('/api/v1/kb/answers/child-care-benefit/approve');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'published', publishedVersion: 1 });
    const pub = await app.client().get('/api/v1/kb/answers/child-care-benefit');
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ title: answer('x').title, version: 1, supplement: null });

    const audit = await (await app.as('admin', 'federal')).get('/api/v1/audit?action=kb.answer');
    const actions = audit.body.items
      .filter((e: { target: { id: string } }) => e.target.id === 'child-care-benefit')
      .map((e: { action: string; actor: { username: string } }) => `${e.action}:${e.actor.username}`);
    expect(actions).toEqual(expect.arrayContaining([`kb.answer.create:${writer.username}`, `kb.answer.submit:${writer.username}`, `kb.answer.publish:${reviewer.username}`]));
  });

  it('a change is a new version; the public keeps the published text until the change is approved', async () => {
    await writer.post('/api/v1/kb/answers', answer('benefit-change'));
    await writer.post('/api/v1/kb/answers/benefit-change/submit');
    await reviewer.post('/api/v1/kb/answers/benefit-change/approve');

    const edited = await writer.put('/api/v1/kb/answers/benefit-change', {
      ...answer('benefit-change'),
      body: 'Пособие оформляют через Социальный фонд России по заявлению.',
      baseVersion: 1,
      note: 'СФР вместо работодателя',
    });
    expect(edited.body).toMatchObject({ status: 'draft', currentVersion: 2, publishedVersion: 1 });
    expect((await app.client().get('/api/v1/kb/answers/benefit-change')).body.version).toBe(1);

    const stale = await writer.put('/api/v1/kb/answers/benefit-change', { ...answer('benefit-change'), body: 'Другой текст', baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('kb.version_conflict');

    const versions = await reviewer.get('/api/v1/kb/answers/benefit-change/versions');
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[0]).toMatchObject({ note: 'СФР вместо работодателя', createdBy: writer.username });

    const diff = await reviewer.get('/api/v1/kb/answers/benefit-change/diff?from=1&to=2');
    expect(diff.body.changes.map((c: { field: string }) => c.field)).toEqual(['body']);
    const ops = diff.body.changes[0].changes;
    expect(ops.some((c: { op: string; text: string }) => c.op === 'insert' && c.text.includes('России'))).toBe(true);
    expect(ops.some((c: { op: string; text: string }) => c.op === 'delete' && c.text.includes('работодателя'))).toBe(true);
    expect((await reviewer.get('/api/v1/kb/answers/benefit-change/diff?from=1&to=9')).body.code).toBe('kb.version_not_found');

    await writer.post('/api/v1/kb/answers/benefit-change/submit');
    const rejected = await reviewer.post('/api/v1/kb/answers/benefit-change/reject', { comment: 'Уточните срок' });
    expect(rejected.body).toMatchObject({ status: 'draft', reviewComment: 'Уточните срок' });
    await writer.post('/api/v1/kb/answers/benefit-change/submit');
    await (await app.as('coordinator', 'federal')).post('/api/v1/kb/answers/benefit-change/approve');
    const pub = await app.client().get('/api/v1/kb/answers/benefit-change');
    expect(pub.body).toMatchObject({ version: 2, body: 'Пособие оформляют через Социальный фонд России по заявлению.' });
  });

  it('keeps the responsible agency and the sources: in each version, published, compared, checked', async () => {
    const sources = [
      { title: 'Федеральный закон № 255-ФЗ', url: 'http://pravo.gov.ru/proxy/ips/?docbody=&nd=102104004' },
      { title: 'Социальный фонд России', url: 'https://sfr.gov.ru/grazhdanam/' },
    ];
    const created = await writer.post('/api/v1/kb/answers', answer('benefit-sources', { agency: 'Социальный фонд России', sources }));
    expect(created.status).toBe(201);
    expect(created.body.working).toMatchObject({ agency: 'Социальный фонд России', sources });
    await writer.post('/api/v1/kb/answers/benefit-sources/submit');
    await reviewer.post('/api/v1/kb/answers/benefit-sources/approve');
    expect((await app.client().get('/api/v1/kb/answers/benefit-sources')).body).toMatchObject({ agency: 'Социальный фонд России', sources });

    const edited = await writer.put('/api/v1/kb/answers/benefit-sources', { ...answer('benefit-sources'), agency: 'Минтруд России', sources: sources.slice(1), baseVersion: 1 });
    expect(edited.body.working).toMatchObject({ agency: 'Минтруд России', sources: sources.slice(1) });
    const diff = await reviewer.get('/api/v1/kb/answers/benefit-sources/diff?from=1&to=2');
    expect(diff.body.changes.map((c: { field: string }) => c.field)).toEqual(expect.arrayContaining(['agency', 'sources']));
    // the same content again is no new version
    const same = await writer.put('/api/v1/kb/answers/benefit-sources', { ...answer('benefit-sources'), agency: 'Минтруд России', sources: sources.slice(1), baseVersion: 2 });
    expect(same.body.currentVersion).toBe(2);

    for (const [extra, path] of [
      [{ sources: [{ title: 'Сайт', url: 'javascript:alert(1)' }] }, 'body.sources.0.url'],
      [{ sources: [{ title: '', url: 'https://sfr.gov.ru/' }] }, 'body.sources.0.title'],
      [{ agency: 'x'.repeat(201) }, 'body.agency'],
    ] as const) {
      const bad = await writer.post('/api/v1/kb/answers', answer('benefit-bad-source', extra));
      expect(bad.status, JSON.stringify(extra)).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('says what is wrong with an answer, and refuses impossible steps', async () => {
    const bad = await writer.post('/api/v1/kb/answers', { slug: 'Bad Slug', title: '', body: 'x', section: 's', related: ['NOPE'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.related.0', 'body.slug', 'body.title']);
    expect((await writer.post('/api/v1/kb/answers', answer('child-care-benefit'))).body.code).toBe('kb.slug_taken');
    await writer.post('/api/v1/kb/answers', answer('never-submitted'));
    expect((await reviewer.post('/api/v1/kb/answers/never-submitted/approve')).body.code).toBe('kb.invalid_transition');
    expect((await writer.post('/api/v1/kb/answers/no-such-answer/submit')).status).toBe(404);
  });

  it('only editors write; coordinators review; operators read what is published', async () => {
    const op = await app.as('operator', '77');
    expect((await op.post('/api/v1/kb/answers', answer('operator-try'))).status).toBe(403);
    expect((await op.get('/api/v1/kb/workspace')).status).toBe(403);
    const coord = await app.as('coordinator', 'federal');
    expect((await coord.post('/api/v1/kb/answers', answer('coord-try'))).status).toBe(403);
    expect((await app.client().get('/api/v1/kb/workspace')).status).toBe(401);
  });

  it("regional editors write only their region's supplements, shown under the federal answer there", async () => {
    const ed77 = await app.as('editor', '77');
    expect((await ed77.put('/api/v1/kb/answers/child-care-benefit', answer('child-care-benefit'))).status).toBe(403);
    const sup = await ed77.post('/api/v1/kb/answers', {
      ...answer('child-care-benefit-77'),
      scope: '77',
      parent: 'child-care-benefit',
      title: 'Пособие в Москве',
      body: 'В Москве заявление принимают также в центрах госуслуг «Мои документы».',
    });
    expect(sup.status).toBe(201);
    expect((await ed77.post('/api/v1/kb/answers', { ...answer('child-care-benefit-78'), scope: '78', parent: 'child-care-benefit' })).status).toBe(403);
    expect((await ed77.post('/api/v1/kb/answers', { ...answer('orphan-77'), scope: '77' })).body.code).toBe('kb.parent_required');
    await ed77.post('/api/v1/kb/answers/child-care-benefit-77/submit');
    expect((await reviewer.post('/api/v1/kb/answers/child-care-benefit-77/approve')).status).toBe(200);

    const in77 = await app.client().get('/api/v1/kb/answers/child-care-benefit?region=77');
    expect(in77.body.supplement).toMatchObject({ slug: 'child-care-benefit-77', region: '77', body: expect.stringContaining('Мои документы') });
    expect((await app.client().get('/api/v1/kb/answers/child-care-benefit?region=78')).body.supplement).toBeNull();

    const ed78 = await app.as('editor', '78');
    expect((await ed78.get('/api/v1/kb/answers/child-care-benefit-77/working')).status).toBe(404);
    const list78 = await ed78.get('/api/v1/kb/workspace?limit=200');
    expect(list78.body.items.map((x: { slug: string }) => x.slug)).not.toContain('child-care-benefit-77');
  });

  it('archiving withdraws the answer and its supplements; restoring brings back a draft', async () => {
    await writer.post('/api/v1/kb/answers', answer('to-archive'));
    await writer.post('/api/v1/kb/answers/to-archive/submit');
    await reviewer.post('/api/v1/kb/answers/to-archive/approve');
    expect((await app.client().get('/api/v1/kb/answers/to-archive')).status).toBe(200);
    const archived = await reviewer.post('/api/v1/kb/answers/to-archive/archive', { reason: 'мера отменена' });
    expect(archived.body.status).toBe('archived');
    expect((await app.client().get('/api/v1/kb/answers/to-archive')).status).toBe(404);
    expect((await writer.put('/api/v1/kb/answers/to-archive', answer('to-archive'))).body.code).toBe('kb.archived');
    const restored = await writer.post('/api/v1/kb/answers/to-archive/restore');
    expect(restored.body).toMatchObject({ status: 'draft', publishedVersion: null });
    expect((await app.client().get('/api/v1/kb/answers/to-archive')).status).toBe(404);
  });

  it('the publications feed counts answers sent to call centres, by section and day', async () => {
    const feed = await reviewer.get('/api/v1/kb/publications');
    expect(feed.status).toBe(200);
    expect(feed.body.totals.new).toBeGreaterThanOrEqual(3);
    expect(feed.body.totals.update).toBeGreaterThanOrEqual(1);
    expect(feed.body.totals.archive).toBeGreaterThanOrEqual(1);
    const section = feed.body.bySection.find((s: { section: string }) => s.section === 'Больничные и пособия');
    expect(section.new).toBeGreaterThanOrEqual(3);
    expect(feed.body.byDay).toHaveLength(1);
    expect(feed.body.items[0]).toMatchObject({ slug: expect.any(String), kind: expect.stringMatching(/new|update|archive/) });
    const empty = await reviewer.get('/api/v1/kb/publications?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z');
    expect(empty.body.totals).toEqual({ new: 0, update: 0, archive: 0 });
  });
});
