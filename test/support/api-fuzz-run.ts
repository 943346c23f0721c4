// The API fuzz as several callers send it (test/api-fuzz-*.test.ts, split so that the files run side
// by side): every operation of openapi/openapi.json with hostile input, and what went wrong, one line
// per request, enough to send it again by hand.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import type { Client } from './http-client.ts';
import { fuzzCases, operationsOf, type Case, type Operation } from './fuzz.ts';

export const spec = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../openapi/openapi.json'), 'utf8'));
export const operations: Operation[] = operationsOf(spec);

export interface Caller {
  who: string;
  client: Client | null;
  depth: (op: Operation) => 'full' | 'light';
}

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

/** Real resources to aim at, so handlers past validation run too. */
export async function realResources(app: TestApp): Promise<Record<string, string>> {
  const editor = await app.as('editor', 'federal');
  const created = await editor.post('/api/v1/kb/answers', { slug: 'fuzz-benefit', title: 'Как оформить пособие', body: 'Через портал.', section: 'Пособия' });
  expect(created.status).toBe(201);
  const synonyms = await editor.post('/api/v1/kb/synonyms', { terms: ['пособие', 'выплата'] });
  expect(synonyms.status).toBe(201);
  return { slug: created.body.slug as string, id: String(synonyms.body.id), code: '77' };
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

// Signing in answers the same whoever asks, and each try costs a password hash: the first caller of
// the whole fuzz (the admin) sends it; the others skip it.
const ONCE_ONLY = new Set(['POST /api/v1/auth/login']);

/**
 * Every caller sends every operation's hostile cases; then no 5xx, every 4xx from /api/ a problem
 * document, every /api/ answer `no-store`, and every operation given was hit.
 */
export async function fuzzAndCheck(app: TestApp, callers: Caller[], opts: { withLogin: boolean; real: Record<string, string> }): Promise<void> {
  const findings: Finding[] = [];
  const hit = new Set<string>();
  let sent = 0;
  const given = operations.filter((op) => opts.withLogin || !ONCE_ONLY.has(`${op.method} ${op.path}`));
  for (const [i, caller] of callers.entries()) {
    // Signing out last: it ends the session the other cases use.
    const ordered = given.filter((op) => i === 0 || !ONCE_ONLY.has(`${op.method} ${op.path}`)).sort((a, b) => Number(a.path === '/api/v1/auth/logout') - Number(b.path === '/api/v1/auth/logout'));
    const cases = ordered.flatMap((op) => fuzzCases(op, spec, { depth: caller.depth(op), real: opts.real }));
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

  expect(hit.size).toBe(given.length);
  const report = (kind: Finding['kind']) => findings.filter((f) => f.kind === kind).map((f) => `${f.who} ${f.method} ${f.url} [${f.input}] -> ${f.status} ${f.contentType} ${f.body}`);
  expect(report('5xx'), `answers with status >= 500, of ${sent} requests`).toEqual([]);
  expect(report('not a problem document'), `4xx answers from /api/ that are not application/problem+json, of ${sent} requests`).toEqual([]);
  expect(report('no Cache-Control: no-store'), `/api/ answers without Cache-Control: no-store, of ${sent} requests`).toEqual([]);
}

/** Everything where the caller works, a lighter set elsewhere. */
export const everywhere = () => 'full' as const;
export const light = () => 'light' as const;
