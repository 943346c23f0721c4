// People type phone numbers into search ("мне звонили с 8 916 …, это мошенники?"). The number must
// reach neither the query statistics (and the reports built on them) nor "this helped" marks nor
// the request log; a mask keeps the query readable.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { createLogger } from '../platform/logger.ts';

/** The ways of typing one number (+7 916 123-45-67), each in a query that finds no answer. */
const typed = ['звонили с номера +7 916 123-45-67 мошенники', 'чей номер 89161234567', 'перезвоните мне 8 (916) 123 45 67'];
const MASK = '+7 *** ***-**-67';

/** True when the text holds the number in any form: its ten digits with whatever stands between them. */
const holdsNumber = (text: string) => /9\D{0,6}1\D{0,6}6\D{0,6}1\D{0,6}2\D{0,6}3\D{0,6}4\D{0,6}5\D{0,6}6\D{0,6}7/.test(text);

describe('phone numbers typed into search', () => {
  let app: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await startApp({}, { logger: createLogger({ level: 'info', format: 'json' }, stream) });
  });
  afterAll(() => app.close());

  it('the check itself finds the number however it is typed', () => {
    for (const q of typed) expect(holdsNumber(q), q).toBe(true);
    expect(holdsNumber(MASK)).toBe(false);
  });

  it("are counted masked: the stored statistics, the editors' report and the trends hold the mask only", async () => {
    for (const q of typed) expect((await app.client().get(`/api/v1/kb/search?q=${encodeURIComponent(q)}`)).status).toBe(200);
    expect((await app.client().get(`/search?q=${encodeURIComponent('номер 8-916-123-45-67')}`)).status).toBe(200);
    await app.services.queryStats.flush();

    const stored = await app.db.query<{ normalized_query: string; sample_query: string }>('SELECT normalized_query, sample_query FROM kb_query_stats');
    expect(stored.rows.length).toBeGreaterThanOrEqual(4);
    for (const row of stored.rows) {
      expect(holdsNumber(row.normalized_query), row.normalized_query).toBe(false);
      expect(holdsNumber(row.sample_query), row.sample_query).toBe(false);
    }

    const editor = await app.as('editor', 'federal');
    const report = await editor.get('/api/v1/kb/queries?period=day&kind=unanswered');
    expect(report.status).toBe(200);
    const reported = report.body.items.map((i: { query: string }) => i.query);
    expect(reported).toEqual(expect.arrayContaining([`чей номер ${MASK}`, `перезвоните мне ${MASK}`, `звонили с номера ${MASK} мошенники`, 'номер +7 *** ***-**-67']));
    expect(reported.filter(holdsNumber)).toEqual([]);

    const trends = await (await app.as('coordinator', 'federal')).get('/api/v1/monitoring/trends?window=day');
    expect(trends.status).toBe(200);
    const unanswered = trends.body.unansweredSearches.map((i: { query: string }) => i.query);
    expect(unanswered).toContain(`чей номер ${MASK}`);
    expect(unanswered.filter(holdsNumber)).toEqual([]);
  });

  it('"this helped" marks keep the query masked', async () => {
    const editor = await app.as('editor', 'federal');
    const created = await editor.post('/api/v1/kb/answers', { slug: 'fraud-calls', title: 'Что делать, если звонят мошенники?', body: 'Положите трубку.', section: 'Безопасность' });
    expect(created.status).toBe(201);
    expect((await editor.post('/api/v1/kb/feedback', { query: 'звонят с 8 916 123 45 67', slug: 'fraud-calls' })).status).toBe(204);
    const marks = await app.db.query<{ query: string; normalized_query: string }>('SELECT query, normalized_query FROM kb_feedback');
    expect(marks.rows.map((m) => m.query)).toEqual([`звонят с ${MASK}`]);
    expect(holdsNumber(marks.rows[0]!.normalized_query)).toBe(false);
    const stats = await app.db.query<{ sample_query: string }>('SELECT sample_query FROM kb_query_stats WHERE helped > 0');
    expect(stats.rows.map((s) => s.sample_query)).toEqual([`звонят с ${MASK}`]);
  });

  it('are masked in the request log: the public and staff search, suggestions and the portal', async () => {
    lines.length = 0;
    const op = await app.as('operator', '77');
    const urls = [
      `/api/v1/kb/search?q=${encodeURIComponent('+7 916 123-45-67')}`,
      '/api/v1/kb/search?q=%D0%BD%D0%BE%D0%BC%D0%B5%D1%80+8+(916)+123+45+67&limit=5',
      '/api/v1/kb/suggest?q=89161234567',
      `/search?q=${encodeURIComponent('звонили 8 916 123 45 67')}`,
    ];
    for (const url of urls) expect((await app.client().get(url)).status).toBe(200);
    expect((await op.get('/api/v1/kb/search?q=9161234567')).status).toBe(200);

    const logged = lines.map((l) => JSON.parse(l) as { req?: { url?: string } }).flatMap((e) => (e.req?.url ? [e.req.url] : []));
    const searches = logged.filter((u) => /^\/(api\/v1\/kb\/(search|suggest)|search)\?/.test(u));
    expect(searches.length).toBeGreaterThanOrEqual(urls.length + 1);
    for (const url of searches) {
      const q = new URL(url, 'http://x').searchParams.get('q')!;
      expect(holdsNumber(decodeURIComponent(url)), url).toBe(false);
      expect(q, url).toContain('***-**-67');
    }
    expect(
      new URL(
        searches.find((u) => u.includes('limit'))!,
        'http://x',
      ).searchParams.get('limit'),
    ).toBe('5');
    expect(lines.filter(holdsNumber)).toEqual([]);
  });
});
