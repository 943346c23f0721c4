import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logger.ts';
import { createHttpServer } from './server.ts';
import type { App } from './types.ts';

describe('text that PostgreSQL cannot store is refused at the door', () => {
  let app: App;
  beforeAll(async () => {
    app = await createHttpServer({ logger: createLogger({ level: 'silent', format: 'json' }), trustProxy: false, version: 'test' });
    const echo = async (req: { body: unknown }) => ({ ok: true, body: req.body });
    app.post('/guarded/:name', { schema: { params: z.object({ name: z.string() }), body: z.unknown() } }, echo);
    app.post('/own-checks', { config: { textGuard: false }, schema: { body: z.unknown() } }, echo);
    await app.ready();
  });
  afterAll(() => app.close());

  const post = (url: string, payload: string) => app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });

  it('says where a NUL character is, in the body, the query and the path', async () => {
    const r = await post('/guarded/a%00b?q=x%00', JSON.stringify({ events: [{}, {}, {}, { callId: 'c\u0000' }] }));
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = r.json();
    expect(body.code).toBe('request.invalid_text');
    expect(body.errors).toEqual([
      { path: 'path.name', message: 'contains a NUL character' },
      { path: 'query.q', message: 'contains a NUL character' },
      { path: 'body.events[3].callId', message: 'contains a NUL character' },
    ]);
    expect(body.detail).toContain('body.events[3].callId: contains a NUL character');
  });

  it('finds unpaired surrogates, alone or at either end, and in keys; a pair is fine', async () => {
    const r = await post('/guarded/x', '{"a":"\\ud800","b":["ok","x\\udc00"],"\\udbff":1,"emoji":"\\ud83d\\ude00"}');
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([
      { path: 'body', message: 'has a key that contains an unpaired UTF-16 surrogate' },
      { path: 'body.a', message: 'contains an unpaired UTF-16 surrogate' },
      { path: 'body.b[1]', message: 'contains an unpaired UTF-16 surrogate' },
    ]);
    expect((await post('/guarded/x', '{"emoji":"\\ud83d\\ude00","ru":"ёж"}')).statusCode).toBe(200);
  });

  it('walks deep nesting without running out of stack', async () => {
    const r = await post('/guarded/x', `${'['.repeat(20000)}"\\u0000"${']'.repeat(20000)}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].path).toBe(`body${'[0]'.repeat(20000)}`);
  });

  it('leaves a route that opted out to judge such text itself', async () => {
    const r = await post('/own-checks', JSON.stringify({ callId: 'c\u0000' }));
    expect(r.statusCode).toBe(200);
    expect(r.json().body).toEqual({ callId: 'c\u0000' });
  });
});
