import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../test/support/app.ts';

describe('HTTP basics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('/healthz answers and /readyz reports a migrated database', async () => {
    const c = app.client();
    expect((await c.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await c.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', database: app.db.kind });
  });

  it('unknown routes are 404 problem+json with a stable code', async () => {
    const r = await app.client().get('/api/v1/no-such-thing?x=1');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, code: 'route.not_found', instance: '/api/v1/no-such-thing' });
    expect(r.body.detail).toContain('GET /api/v1/no-such-thing');
  });

  it('gives every response a request id, keeping a sane one the client sent', async () => {
    const c = app.client();
    const generated = await c.get('/healthz');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await c.get('/api/v1/nowhere', { 'x-request-id': 'pbx-77.call-42' });
    expect(kept.headers.get('x-request-id')).toBe('pbx-77.call-42');
    expect(kept.body.requestId).toBe('pbx-77.call-42');
    const replaced = await c.get('/healthz', { 'x-request-id': '<script>' });
    expect(replaced.headers.get('x-request-id')).not.toBe('<script>');
  });

  it('says which fields of a request are wrong and where', async () => {
    const r = await app.client().post('/api/v1/auth/login', { username: 42 });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('request.invalid');
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.password', 'body.username']);
    expect(r.body.detail).toMatch(/body\.username/);
  });

  it('answers even an unreadable HTTP request with a problem document', async () => {
    const net = await import('node:net');
    const { port } = new URL(app.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GET /api/v1/kb/suggest?q=\u043a\u0440 HTTP/1.1\r\nHost: x\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1.1 400/);
    expect(raw).toMatch(/application\/problem\+json/);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)).code).toBe('request.malformed');
  });

  it('rejects malformed JSON clearly', async () => {
    const r = await app.client().request('POST', '/api/v1/auth/login', '{"username": ', { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('request.malformed_json');
  });

  it('answers what the router itself refuses with problem documents', async () => {
    const c = app.client();
    const badUrl = await c.get('/api/v1/kb/answers/%E0%A4%A');
    expect(badUrl.status).toBe(400);
    expect(badUrl.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(badUrl.body).toMatchObject({ code: 'request.bad_url', status: 400 });
    expect(badUrl.headers.get('x-request-id')).toBe(badUrl.body.requestId);
    const long = await c.get(`/api/v1/kb/answers/${'a'.repeat(600)}`);
    expect(long.status).toBe(414);
    expect(long.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(long.body.code).toBe('request.param_too_long');
    // a parameter the schema would refuse still gets the schema's message, not the router's
    const slug = await c.get(`/api/v1/kb/answers/${'a'.repeat(130)}`);
    expect(slug.status).toBe(400);
    expect(slug.body.errors[0].path).toBe('path.slug');
  });

  it('refuses text with NUL characters or lone surrogates with a 400 saying where', async () => {
    const c = app.client();
    const r = await c.post('/api/v1/auth/login', { username: 'a\u0000b', password: 'x' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'request.invalid_text', errors: [{ path: 'body.username', message: 'contains a NUL character' }] });
    const admin = await app.as('admin', 'federal');
    expect((await admin.get('/api/v1/calls/a%00b')).body.errors).toEqual([{ path: 'path.callId', message: 'contains a NUL character' }]);
    const token = await admin.request('POST', '/api/v1/tokens', `{"userId":${admin.userId},"name":"x\\udc00"}`);
    expect(token.status).toBe(400);
    expect(token.body.errors).toEqual([{ path: 'body.name', message: 'contains an unpaired UTF-16 surrogate' }]);
  });

  it("gives the portal's visitors its 400 page for such text, not an error", async () => {
    for (const url of ['/search?q=a%00b', '/answers/a%00b']) {
      const r = await app.client().get(url, { accept: 'text/html' });
      expect(r.status, url).toBe(400);
      expect(r.headers.get('content-type'), url).toMatch(/^text\/html/);
    }
  });

  it('refuses ids beyond the database integer with a 400, not a database error', async () => {
    const admin = await app.as('admin', 'federal');
    const r = await admin.get('/api/v1/users/2147483648');
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toBe('path.id');
    expect((await admin.get('/api/v1/users/2147483647')).status).toBe(404);
  });

  it('tells caches not to keep API answers, and leaves the public pages their own caching', async () => {
    const c = app.client();
    const admin = await app.as('admin', 'federal');
    for (const r of [
      await c.get('/api/v1/regions'),
      await c.get('/api/v1/nowhere'),
      await c.get('/api/openapi.json'),
      await admin.get('/api/v1/reports/regions?format=csv'),
      await c.get('/api/v1/kb/answers/%E0%A4%A'),
    ]) {
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
    const page = await c.get('/', { accept: 'text/html' });
    expect(page.headers.get('cache-control')).not.toContain('no-store');
  });

  it('never shows internals when something breaks', async () => {
    const broken = await startApp();
    const admin = await broken.as('admin', 'federal');
    await broken.db.close(); // the database goes away under a running server
    const r = await admin.get('/api/v1/users');
    expect(r.status).toBe(500);
    expect(r.body.code).toBe('internal');
    expect(r.body.detail).toContain(r.headers.get('x-request-id'));
    expect(r.text).not.toMatch(/\.ts:\d+|stack|pool|PGlite|closed|SELECT/i);
    expect((await admin.get('/readyz')).status).toBe(503);
    await broken.close().catch(() => {});
  });

  it('serves the OpenAPI document and a human-readable page for it', async () => {
    const c = app.client();
    const doc = await c.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/regions');
    const page = await c.get('/api/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
  });
});
