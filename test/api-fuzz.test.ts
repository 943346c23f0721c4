// Every operation of openapi/openapi.json is sent hostile input, as several kinds of caller: malformed
// and misshapen JSON, wrong types in each field, 1 MB strings, NUL and lone surrogates, numbers far
// out of range, path traversal. Nothing may answer 5xx, and every 4xx from /api/ must be a problem
// document (application/problem+json). Inputs are fixed (no randomness), so a failure reproduces.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './support/app.ts';
import type { Client } from './support/http-client.ts';
import { fuzzCases, operationsOf, type Case, type Operation } from './support/fuzz.ts';

const spec = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../openapi/openapi.json'), 'utf8'));

interface Finding {
  kind: '5xx' | 'not a problem document' | 'no Cache-Control: no-store';
  who: string;
  method: string;
  url: string;
  input: string;
  status: number;
  contentType: string;
  body: string;
}

/** One request; a streaming answer is cut off once its headers are in. */
async function send(base: string, auth: Client | null, c: Case): Promise<{ status: number; contentType: string; cacheControl: string; body: string }> {
  const headers: Record<string, string> = { ...c.headers };
  if (auth?.cookie) headers.cookie = auth.cookie;
  if (auth?.csrf && c.method !== 'GET') headers['x-csrf-token'] = auth.csrf;
  const abort = new AbortController();
  const res = await fetch(base + c.url, { method: c.method, headers, signal: abort.signal, ...(c.body === undefined ? {} : { body: c.body }) });
  const contentType = res.headers.get('content-type') ?? '';
  const cacheControl = res.headers.get('cache-control') ?? '';
  if (contentType.startsWith('text/event-stream')) {
    abort.abort();
    return { status: res.status, contentType, cacheControl, body: '' };
  }
  return { status: res.status, contentType, cacheControl, body: await res.text() };
}

/** Runs the cases `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

describe('API fuzz: hostile input never gives a 5xx or a non-problem error', () => {
  let app: TestApp;
  const operations: Operation[] = operationsOf(spec);
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
  }, 60_000);
  afterAll(() => app?.close());

  it('covers every operation of openapi.json', () => {
    const documented = Object.values(spec.paths as Record<string, object>).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(operations.length).toBe(documented);
    expect(documented).toBeGreaterThanOrEqual(86);
  });

  it('as a federal admin, a federal editor, regional staff and without signing in', async () => {
    // Real resources to aim at, so handlers past validation run too.
    const editor = await app.as('editor', 'federal');
    const created = await editor.post('/api/v1/kb/answers', { slug: 'fuzz-benefit', title: 'Как оформить пособие', body: 'Через портал.', section: 'Пособия' });
    expect(created.status).toBe(201);
    const synonyms = await editor.post('/api/v1/kb/synonyms', { terms: ['пособие', 'выплата'] });
    expect(synonyms.status).toBe(201);
    const real = { slug: created.body.slug as string, id: String(synonyms.body.id), code: '77' };

    // Everything as the admin; the editor fully where editors work (the admin may not write
    // answers); the others a lighter set each, so role and region checks run on hostile input too.
    const everywhere = () => 'full' as const;
    const light = () => 'light' as const;
    const callers: { who: string; client: Client | null; depth: (op: Operation) => 'full' | 'light' }[] = [
      { who: 'admin/federal', client: await app.as('admin', 'federal'), depth: everywhere },
      { who: 'editor/federal', client: editor, depth: (op) => (/\/(kb|portal)\//.test(op.path) ? 'full' : 'light') },
      { who: 'supervisor/77', client: await app.as('supervisor', '77'), depth: light },
      { who: 'operator/77', client: await app.as('operator', '77'), depth: light },
      { who: 'coordinator/77', client: await app.as('coordinator', '77'), depth: light },
      { who: 'anonymous', client: null, depth: light },
    ];

    const findings: Finding[] = [];
    const hit = new Set<string>();
    let sent = 0;
    // Signing in answers the same whoever asks, and each try costs a password hash: once is enough.
    const onceOnly = new Set(['POST /api/v1/auth/login']);
    for (const [i, caller] of callers.entries()) {
      // Signing out last: it ends the session the other cases use.
      const ordered = operations
        .filter((op) => i === 0 || !onceOnly.has(`${op.method} ${op.path}`))
        .sort((a, b) => Number(a.path === '/api/v1/auth/logout') - Number(b.path === '/api/v1/auth/logout'));
      const cases = ordered.flatMap((op) => fuzzCases(op, spec, { depth: caller.depth(op), real }));
      const logout = cases.filter((c) => c.url.startsWith('/api/v1/auth/logout'));
      const rest = cases.filter((c) => !c.url.startsWith('/api/v1/auth/logout'));
      for (const batch of [rest, logout]) {
        await pool(batch, 6, async (c) => {
          const r = await send(app.url, caller.client, c);
          sent++;
          hit.add(`${c.method} ${c.operation}`);
          const api = c.url.startsWith('/api/');
          const problem = r.contentType.startsWith('application/problem+json');
          const kind: Finding['kind'] | undefined =
            r.status >= 500 ? '5xx' : api && r.status >= 400 && !problem ? 'not a problem document' : api && !/\bno-store\b/.test(r.cacheControl) ? 'no Cache-Control: no-store' : undefined;
          if (kind) findings.push({ kind, who: caller.who, method: c.method, url: c.url.slice(0, 200), input: c.label, status: r.status, contentType: r.contentType, body: r.body.slice(0, 200) });
        });
      }
    }

    expect(hit.size).toBe(operations.length);
    // One line per request that went wrong, enough to send it again by hand.
    const report = (kind: Finding['kind']) => findings.filter((f) => f.kind === kind).map((f) => `${f.who} ${f.method} ${f.url} [${f.input}] -> ${f.status} ${f.contentType} ${f.body}`);
    expect(report('5xx'), `answers with status >= 500, of ${sent} requests`).toEqual([]);
    expect(report('not a problem document'), `4xx answers from /api/ that are not application/problem+json, of ${sent} requests`).toEqual([]);
    expect(report('no Cache-Control: no-store'), `/api/ answers without Cache-Control: no-store, of ${sent} requests`).toEqual([]);
  }, 240_000);
});
