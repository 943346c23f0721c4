// The search API as operators and the portal use it, over answers published through the workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 2000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('knowledge search API', () => {
  let app: TestApp;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await startApp();
    editor = await app.as('editor', 'federal');
    const reviewer = await app.as('coordinator', 'federal');
    const publish = async (a: Record<string, unknown>) => {
      expect((await editor.post('/api/v1/kb/answers', a)).status).toBe(201);
      await editor.post(`/api/v1/kb/answers/${a.slug}/submit`);
      expect((await reviewer.post(`/api/v1/kb/answers/${a.slug}/approve`)).status).toBe(200);
    };
    await publish({
      slug: 'pension-recalc',
      title: 'Как пересчитать пенсию после увольнения?',
      body: 'Пенсию пересчитывают автоматически с 1 августа.\n\nЗаявление подавать не нужно.',
      section: 'Пенсии',
      tags: ['пенсия'],
    });
    await publish({
      slug: 'passport-replace',
      title: 'Когда менять паспорт?',
      body: 'Паспорт гражданина меняют в 20 и 45 лет. Подать заявление можно через госуслуги.',
      section: 'Документы',
      tags: ['паспорт'],
    });
    await publish({
      slug: 'passport-replace-77',
      scope: '77',
      parent: 'passport-replace',
      title: 'Замена паспорта в Москве',
      body: 'В Москве паспорт меняют в центрах «Мои документы» без записи.',
      section: 'Документы',
    });
    await publish({
      slug: 'expired-measure',
      title: 'Выплата на школьную форму в 2020 году',
      body: 'Выплату на школьную форму платили до конца 2020 года.',
      section: 'Пенсии',
      validUntil: '2020-12-31',
    });
    await publish({ slug: 'future-measure', title: 'Выплата на школьную форму с 2099 года', body: 'Выплата на школьную форму начнётся в 2099 году.', section: 'Пенсии', validFrom: '2099-01-01' });
    await editor.post('/api/v1/kb/answers', { slug: 'draft-only', title: 'Черновик про пенсию по инвалидности', body: 'Не опубликовано.', section: 'Пенсии' });
    await eventually(
      () => app.client().get('/api/v1/kb/search?q=паспорт'),
      (r) => r.body.items.length > 0,
    );
  });
  afterAll(() => app.close());

  it('finds published answers in any word form, with the matches marked, and never drafts', async () => {
    const r = await app.client().get('/api/v1/kb/search?q=пенсии после увольнений');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: expect.any(Number), tookMs: expect.any(Number) });
    expect(r.body.items[0]).toMatchObject({ slug: 'pension-recalc', section: 'Пенсии', title: 'Как пересчитать пенсию после увольнения?' });
    expect(r.body.items[0].snippet).toMatch(/<mark>Пенси[юя]<\/mark>/i);
    const drafts = await app.client().get('/api/v1/kb/search?q=пенсия по инвалидности черновик');
    expect(drafts.body.items.map((i: { slug: string }) => i.slug)).not.toContain('draft-only');
  });

  it('says how it read a query it corrected, and only then', async () => {
    const typo = await app.client().get(`/api/v1/kb/search?q=${encodeURIComponent('пересчитать пеннсию')}`);
    expect(typo.body.items[0]?.slug).toBe('pension-recalc');
    expect(typo.body.corrected).toBe('пересчитать пенсию');
    const layout = await app.client().get(`/api/v1/kb/search?q=${encodeURIComponent('gfcgjhn')}`);
    expect(layout.body.items[0]?.slug).toBe('passport-replace');
    expect(layout.body.corrected).toBe('паспорт');
    const asTyped = await app.client().get(`/api/v1/kb/search?q=${encodeURIComponent('Паспорт')}`);
    expect(asTyped.body.items[0]?.slug).toBe('passport-replace');
    expect(asTyped.body).not.toHaveProperty('corrected');
  });

  it('keeps answers out of results outside their validity dates, but readable by link', async () => {
    const r = await app.client().get('/api/v1/kb/search?q=выплата на школьную форму');
    expect(r.body.items.map((i: { slug: string }) => i.slug)).toEqual([]);
    expect((await app.client().get('/api/v1/kb/answers/expired-measure')).body.validUntil).toBe('2020-12-31');
  });

  it("searches a region's supplements only for that region", async () => {
    const q = '/api/v1/kb/search?q=паспорт Мои документы без записи';
    expect((await app.client().get(`${q}&region=77`)).body.items.map((i: { slug: string }) => i.slug)).toContain('passport-replace-77');
    expect((await app.client().get(`${q}&region=78`)).body.items.map((i: { slug: string }) => i.slug)).not.toContain('passport-replace-77');
    // a signed-in operator searches their own region by default
    const op = await app.as('operator', '77');
    expect((await op.get('/api/v1/kb/search?q=паспорт Мои документы без записи')).body.items.map((i: { slug: string }) => i.slug)).toContain('passport-replace-77');
  });

  it('filters by section and validates its input', async () => {
    expect((await app.client().get('/api/v1/kb/search?q=заявление&section=Пенсии')).body.items.every((i: { section: string }) => i.section === 'Пенсии')).toBe(true);
    const empty = await app.client().get('/api/v1/kb/search?q=');
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('query.q');
    expect((await app.client().get('/api/v1/kb/search?q=паспорт&limit=500')).status).toBe(400);
  });

  it('returns nothing rather than junk, and editors see what found no answer', async () => {
    const r = await app.client().get('/api/v1/kb/search?q=расписание электричек до Звенигорода');
    expect(r.body.items).toEqual([]);
    await app.services.queryStats.flush();
    const report = await editor.get('/api/v1/kb/queries?period=day&kind=unanswered');
    expect(report.status).toBe(200);
    expect(report.body.items.map((i: { query: string }) => i.query)).toContain('расписание электричек до Звенигорода');
    expect((await (await app.as('operator', '77')).get('/api/v1/kb/queries')).status).toBe(403);
  });

  it('suggests at most five questions as an operator types', async () => {
    const r = await app.client().get('/api/v1/kb/suggest?q=паспор');
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(0);
    expect(r.body.items.length).toBeLessThanOrEqual(5);
    expect(r.body.items).toContain('Когда менять паспорт?');
    expect((await app.client().get('/api/v1/kb/suggest?q=')).body.items).toEqual([]);
  });

  it('uses the synonyms editors add, at once', async () => {
    const before = await app.client().get('/api/v1/kb/search?q=удостоверение личности менять');
    expect(before.body.items.map((i: { slug: string }) => i.slug)).not.toContain('passport-replace');
    const added = await editor.post('/api/v1/kb/synonyms', { terms: ['Паспорт', 'удостоверение личности', 'паспорт'] });
    expect(added.status).toBe(201);
    expect(added.body.terms).toEqual(['паспорт', 'удостоверение личности']);
    const after = await eventually(
      () => app.client().get('/api/v1/kb/search?q=удостоверение личности менять'),
      (r) => r.body.items.length > 0,
    );
    expect(after.body.items[0].slug).toBe('passport-replace');
    expect((await editor.post('/api/v1/kb/synonyms', { terms: ['одно'] })).status).toBe(400);
    expect((await (await app.as('editor', '77')).post('/api/v1/kb/synonyms', { terms: ['а', 'б'] })).status).toBe(403);
    expect((await editor.delete(`/api/v1/kb/synonyms/${added.body.id}`)).status).toBe(204);
  });

  it('records "this helped" from operators', async () => {
    const op = await app.as('operator', '78');
    expect((await op.post('/api/v1/kb/feedback', { query: 'когда менять паспорт', slug: 'passport-replace' })).status).toBe(204);
    expect((await op.post('/api/v1/kb/feedback', { query: 'x', slug: 'no-such-answer' })).status).toBe(404);
    expect((await app.client().post('/api/v1/kb/feedback', { query: 'x', slug: 'passport-replace' })).status).toBe(401);
    await eventually(
      async () => app.services.feedback.boosts('Когда менять паспорт?'),
      (b) => b.size > 0,
    );
    expect(app.services.feedback.boosts('паспорт менять когда').get('passport-replace')).toBeGreaterThan(0);
    const report = await editor.get('/api/v1/kb/queries?period=day&kind=poorly_answered');
    expect(report.status).toBe(200);
  });
});
