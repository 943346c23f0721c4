// The navigator's JSON step over HTTP: a profile walked question by question to the result, the
// answers checked (a 400 naming body.answers.<var>), nothing stored and the answers never logged.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.ts';
import { startApp, type TestApp } from '../../test/support/app.ts';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString());
    done();
  },
});

describe('POST /api/v1/navigator/step', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { acd: false, logger: createLogger({ level: 'debug', format: 'json' }, sink) });
  }, 60_000);
  afterAll(() => app?.close());
  const step = (body: unknown) => app.client().post('/api/v1/navigator/step', body);

  it('asks one question after another until nothing open can change, then gives every measure with why', async () => {
    const first = await step({ answers: {} });
    expect(first.status).toBe(200);
    expect(first.body.asked).toEqual([]);
    expect(first.body.next).toMatchObject({ var: expect.any(String), question: expect.any(String) });
    expect(first.body.results.length).toBe(app.services.navigator.catalog.measures.length);
    expect(first.body.results.every((r: { truth: string }) => r.truth === 'unknown')).toBe(true);

    // a mobilised serviceman, injured, with a loan, no children …: answer whatever is asked
    const profile: Record<string, string | number | boolean> = { status: 'mobilized', applicant: 'serviceman', is_injured: true, has_loan: true, children_under_16_count: 0, age: 30 };
    const answers: Record<string, string | number | boolean> = {};
    let r = first;
    for (let i = 0; r.body.next && i < 30; i++) {
      const q = r.body.next;
      answers[q.var] = profile[q.var] ?? (q.type === 'boolean' ? false : q.type === 'number' ? 0 : q.options[q.options.length - 1].value);
      r = await step({ answers });
      expect(r.status).toBe(200);
      expect(r.body.asked).toEqual(Object.keys(answers).filter((v) => r.body.asked.includes(v)));
    }
    expect(r.body.next).toBeNull();
    const byId = new Map(r.body.results.map((x: { id: string }) => [x.id, x]));
    const injury = byId.get('sm-injury-payments') as { truth: string; explanation: { held: string[] } };
    expect(injury.truth).toBe('yes');
    expect(injury.explanation.held.length).toBeGreaterThan(0);
    // a refused measure's why only when asked for
    const refused = r.body.results.find((x: { truth: string }) => x.truth === 'no') as { id: string; explanation?: unknown };
    expect(refused.explanation).toBeUndefined();
    const asked = await step({ answers, explain: [refused.id] });
    const why = asked.body.results.find((x: { id: string }) => x.id === refused.id);
    expect(why.explanation.failed.length).toBeGreaterThan(0);
    const all = await step({ answers: {}, explain: 'all' });
    expect(all.body.results.every((x: { explanation?: { open: string[] } }) => x.explanation && x.explanation.open.length > 0)).toBe(true);
  });

  it('names its catalogue, whose measures GET /api/v1/navigator/catalog tells once, revalidated by ETag', async () => {
    const s = await step({ answers: {} });
    const m = await app.client().get('/api/v1/navigator/catalog');
    expect(m.status).toBe(200);
    expect(m.body.catalog).toBe(s.body.catalog);
    expect(m.headers.get('etag')).toBe(`"${s.body.catalog}"`);
    expect(m.body.measures.map((x: { id: string }) => x.id)).toEqual(s.body.results.map((x: { id: string }) => x.id));
    expect(m.body.measures.find((x: { id: string }) => x.id === 'sm-injury-payments')).toMatchObject({
      title: expect.any(String),
      provider: expect.any(String),
      category: expect.any(String),
      answerIds: ['vol-injury-support'],
    });
    const again = await app.client().get('/api/v1/navigator/catalog', { 'if-none-match': `"${s.body.catalog}"` });
    expect(again.status).toBe(304);
    expect((await app.client().get('/api/v1/navigator/catalog', { 'if-none-match': '"another"' })).status).toBe(200);
  });

  it('refuses an unknown question and impossible values with a problem naming body.answers.<var>', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ no_such_question: true }, 'body.answers.no_such_question'],
      [{ status: 'general' }, 'body.answers.status'],
      [{ is_injured: 'yes' }, 'body.answers.is_injured'],
      [{ age: 'thirty' }, 'body.answers.age'],
      [{ age: 30.5 }, 'body.answers.age'],
      [{ age: -1 }, 'body.answers.age'],
      [{ has_loan: null }, 'body.answers.has_loan'],
    ];
    for (const [answers, path] of cases) {
      const r = await step({ answers });
      expect(r.status, JSON.stringify(answers)).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await step({ answers: [] })).status).toBe(400);
    for (const [explain, path] of [
      [['sm-injury-payments', 'sm-nothing'], 'body.explain.1'],
      ['some', 'body.explain'],
    ] as const) {
      const r = await step({ answers: {}, explain });
      expect(r.status, JSON.stringify(explain)).toBe(400);
      expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('stores nothing and logs no answer', async () => {
    const before = await app.db.query<{ n: number }>('select count(*)::int as n from audit_log');
    lines.length = 0;
    const r = await step({ answers: { status: 'volunteer', is_pregnant: true, low_income: true } });
    expect(r.status).toBe(200);
    const after = await app.db.query<{ n: number }>('select count(*)::int as n from audit_log');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    const logged = lines.join('');
    expect(logged).toContain('/api/v1/navigator/step');
    expect(logged).not.toMatch(/is_pregnant|low_income|volunteer/);
  });

  it('is in the OpenAPI document under the navigator tag, public', async () => {
    const doc = (await app.client().get('/api/openapi.json')).body;
    const op = doc.paths['/api/v1/navigator/step'].post;
    expect(op.tags).toEqual(['navigator']);
    expect(op.security).toEqual([]);
  });
});
