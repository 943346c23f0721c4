// Popularity without personal data: views counted per answer and day in memory (one per reader's
// address, answer and day; addresses never written), flushed in one statement; popular = the last
// 7 days; editors and coordinators read the counts; votes from the "did this help?" form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { postForm, publishDemo, visibleText } from '../../test/support/portal.ts';

/** A reader of its own (an address given by the trusted proxy in front). */
let readers = 0;
const reader = (app: TestApp) => app.client(`192.0.2.${++readers}`);

describe('portal views and votes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ trustProxy: { addresses: ['127.0.0.1'] } }, { acd: false });
    await publishDemo(app);
  });
  afterAll(() => app.close());

  it('counts views in memory and writes them in one batch, keeping nothing about the reader', async () => {
    for (let i = 0; i < 5; i++) await reader(app).get('/answers/vac-where');
    for (let i = 0; i < 2; i++) await reader(app).get('/answers/mob-who-is-called-up');
    // a conditional request is a view too; a thank-you page after a vote is not
    await reader(app).get('/answers/mob-who-is-called-up', { 'if-none-match': '"x"' });
    await reader(app).get('/answers/mob-who-is-called-up?voted=yes');
    const before = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM portal_views');
    expect(before.rows[0]!.n).toBe(0);
    await app.services.portal.views.flush();
    const rows = await app.db.query<{ slug: string; views: number }>('SELECT slug, views::int AS views FROM portal_views ORDER BY slug');
    expect(rows.rows).toEqual([
      { slug: 'mob-who-is-called-up', views: 3 },
      { slug: 'vac-where', views: 5 },
    ]);
    // the table has no column that could hold an address, a cookie or an agent
    const columns = await app.db.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'portal_views' ORDER BY 1");
    expect(columns.rows.map((c) => c.column_name)).toEqual(['day', 'slug', 'views']);
  });

  it('the home page shows the most read answers of the last 7 days, most read first', async () => {
    await app.db.query("INSERT INTO portal_views (day, slug, views) VALUES (current_date - 30, 'cov-isolation-duration', 1000000)");
    await app.services.portal.views.flush();
    const home = visibleText((await app.client().get('/')).text);
    const popular = home.slice(home.indexOf('Популярное'));
    const vac = (await app.services.answers.published('vac-where')).title;
    const mob = (await app.services.answers.published('mob-who-is-called-up')).title;
    expect(popular).toContain(vac);
    expect(popular.indexOf(vac)).toBeLessThan(popular.indexOf(mob));
    // old views do not count
    expect(app.services.portal.views.popular().includes('cov-isolation-duration')).toBe(false);
  });

  it('"did this help?" is a plain form: the vote is counted and the reader is sent back with thanks', async () => {
    const r = await postForm(app, '/answers/vac-where/feedback', { helped: 'yes' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/answers/vac-where?voted=yes#feedback');
    const thanks = await app.client().get('/answers/vac-where?voted=yes');
    expect(visibleText(thanks.text)).toContain('Спасибо! Ваш ответ учтён.');
    expect(thanks.headers.get('cache-control')).toBe('private, no-store');
    await postForm(app, '/answers/vac-where/feedback', { helped: 'no' });
    expect((await postForm(app, '/answers/no-such-answer/feedback', { helped: 'yes' })).status).toBe(404);
    const editor = await app.as('editor', 'federal');
    const report = await editor.get('/api/v1/portal/views');
    expect(report.status).toBe(200);
    expect(report.body.items.find((x: { slug: string }) => x.slug === 'vac-where')).toEqual({ slug: 'vac-where', views: 5, helped: 1, notHelped: 1 });
  });

  it('GET /api/v1/portal/views: editors and coordinators, not operators nor the public', async () => {
    const coordinator = await app.as('coordinator', 'federal');
    const r = await coordinator.get('/api/v1/portal/views?days=7&limit=1');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ days: 7, total: 8, items: [{ slug: 'vac-where', views: 5 }] });
    expect(r.body.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await coordinator.get('/api/v1/portal/views?days=0')).status).toBe(400);
    expect((await (await app.as('operator', '77')).get('/api/v1/portal/views')).status).toBe(403);
    expect((await app.client().get('/api/v1/portal/views')).status).toBe(401);
  });

  it("the year's summary counts the year's views of every answer (federal only)", async () => {
    await reader(app).get('/answers/vac-where'); // not yet written: the summary writes it first
    const year = Number((await app.db.query<{ y: number }>("SELECT extract(year FROM (now() AT TIME ZONE 'Europe/Moscow'))::int AS y")).rows[0]!.y);
    const coordinator = await app.as('coordinator', 'federal');
    const r = await coordinator.get(`/api/v1/reports/year?year=${year}`);
    expect(r.status, r.text).toBe(200);
    // eight counted above and this one; and the million of 30 days ago when that was this year too
    const sameYear = (await app.db.query<{ same: boolean }>('SELECT extract(year FROM current_date - 30) = $1 AS same', [year])).rows[0]!.same;
    expect(r.body.portalViews).toBe(9 + (sameYear ? 1_000_000 : 0));
    const supervisor = await app.as('supervisor', '77');
    expect((await supervisor.get(`/api/v1/reports/year?year=${year}`)).body.portalViews).toBeNull();
  });
});

describe('views per reader', () => {
  let app: TestApp;
  let now = Date.now();
  beforeAll(async () => {
    app = await startApp({ trustProxy: { hops: 1 } }, { acd: false, clock: () => new Date(now) });
    await publishDemo(app);
  });
  afterAll(() => app.close());

  const views = async (slug: string) => {
    await app.services.portal.views.flush();
    const r = await app.db.query<{ n: number }>('SELECT coalesce(sum(views), 0)::int AS n FROM portal_views WHERE slug = $1', [slug]);
    return r.rows[0]!.n;
  };

  it('one view per address, answer and day: reloading (from the page cache too) or forging X-Forwarded-For adds nothing', async () => {
    // (the first request builds the page; the others are served from the cache before the framework)
    for (let i = 0; i < 5; i++) await app.client().get('/answers/vac-where', { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` });
    for (let i = 0; i < 3; i++) await app.client().get('/answers/vac-where', { 'x-forwarded-for': '203.0.113.7', 'if-none-match': '"x"' });
    expect(await views('vac-where')).toBe(1);
    // another reader, another answer: counted
    await app.client().get('/answers/vac-where', { 'x-forwarded-for': '203.0.113.8' });
    await app.client().get('/answers/mob-who-is-called-up', { 'x-forwarded-for': '203.0.113.7' });
    expect(await views('vac-where')).toBe(2);
    expect(await views('mob-who-is-called-up')).toBe(1);
    // the next day the same reader counts again
    now += 24 * 3600_000;
    await app.client().get('/answers/vac-where', { 'x-forwarded-for': '203.0.113.7' });
    expect(await views('vac-where')).toBe(3);
  });
});
