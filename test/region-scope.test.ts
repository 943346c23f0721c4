// A regional user can never read or change another region's data: proven here for every route in
// the OpenAPI document. A new route fails this test until it is listed with its own attempt (or a
// reason why it holds no region's data).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../src/platform/access/principal.ts';
import { PASSWORD, startApp, type TestApp } from './support/app.ts';
import type { Client, Response } from './support/http-client.ts';

interface Target {
  user78: { id: number; username: string };
  token78: { id: number; secret: string };
}

type Attempt = {
  /** Try to touch region 78's data. */
  run: (c: Client, t: Target) => Promise<Response>;
  /** Afterwards, region 78's data must be as it was. */
  unchanged?: (app: TestApp, t: Target) => Promise<void>;
};
type Case = Attempt | { noRegionData: string };

const cases: Record<string, Case> = {
  'GET /healthz': { noRegionData: 'process health' },
  'GET /readyz': { noRegionData: 'database readiness' },
  'POST /api/v1/auth/login': { noRegionData: 'signing in as oneself' },
  'POST /api/v1/auth/logout': { noRegionData: "ends the caller's own session" },
  'GET /api/v1/auth/session': { noRegionData: "the caller's own account" },
  'GET /api/v1/regions': { noRegionData: 'public reference list of regions' },
  'GET /api/v1/regions/{code}': { noRegionData: 'public reference data of a region' },
  'GET /api/v1/call-centre-defaults': { noRegionData: 'federal defaults, the same for every region' },
  'PUT /api/v1/call-centre-defaults': {
    run: async (c) => c.put('/api/v1/call-centre-defaults', (await c.get('/api/v1/call-centre-defaults')).body),
  },
  'GET /api/v1/users': { run: (c) => c.get('/api/v1/users?region=78') },
  'POST /api/v1/users': {
    run: (c) => c.post('/api/v1/users', { username: `sneaky-${Math.random().toString(36).slice(2, 8)}`, displayName: 'X', role: 'operator', region: '78' }),
    unchanged: async (app) => {
      const r = await app.db.query("SELECT 1 FROM users WHERE username LIKE 'sneaky-%'");
      expect(r.rowCount).toBe(0);
    },
  },
  'GET /api/v1/users/{id}': { run: (c, t) => c.get(`/api/v1/users/${t.user78.id}`) },
  'POST /api/v1/users/{id}/disable': {
    run: (c, t) => c.post(`/api/v1/users/${t.user78.id}/disable`),
    unchanged: async (app, t) => {
      expect((await app.client().post('/api/v1/auth/login', { username: t.user78.username, password: PASSWORD })).status).toBe(200);
    },
  },
  'POST /api/v1/users/{id}/enable': { run: (c, t) => c.post(`/api/v1/users/${t.user78.id}/enable`) },
  'POST /api/v1/users/{id}/password': {
    run: (c, t) => c.post(`/api/v1/users/${t.user78.id}/password`, { password: 'taken-over-password' }),
    unchanged: async (app, t) => {
      expect((await app.client().post('/api/v1/auth/login', { username: t.user78.username, password: PASSWORD })).status).toBe(200);
    },
  },
  'GET /api/v1/tokens': { run: (c) => c.get('/api/v1/tokens?region=78') },
  'POST /api/v1/tokens': { run: (c, t) => c.post('/api/v1/tokens', { userId: t.user78.id, name: 'stolen' }) },
  'DELETE /api/v1/tokens/{id}': {
    run: (c, t) => c.delete(`/api/v1/tokens/${t.token78.id}`),
    unchanged: async (app, t) => {
      const c = app.client();
      c.token = t.token78.secret;
      expect((await c.get('/api/v1/auth/session')).status).toBe(200);
    },
  },
  'GET /api/v1/audit': { run: (c) => c.get('/api/v1/audit?region=78') },
  'GET /api/v1/regions/{code}/settings': { run: (c) => c.get('/api/v1/regions/78/settings') },
  'PUT /api/v1/regions/{code}/settings': {
    run: (c) => c.put('/api/v1/regions/78/settings', { norms: { serviceLevelTarget: 0.1 } }),
    unchanged: async (app) => {
      const r = await app.db.query("SELECT 1 FROM region_settings WHERE region_code = '78' AND norms <> '{}'");
      expect(r.rowCount).toBe(0);
    },
  },
};

describe('region scope on every route', () => {
  let app: TestApp;
  let target: Target;
  /** Every role of region 77, signed in with a session and, separately, holding an API token. */
  const region77: { role: string; session: Client; token: Client }[] = [];
  beforeAll(async () => {
    app = await startApp();
    const user78 = await app.user('operator', '78');
    const admin = await app.as('admin', 'federal');
    const token = await admin.post('/api/v1/tokens', { userId: user78.id, name: 'edge 78' });
    target = { user78, token78: { id: token.body.token.id, secret: token.body.secret } };
    for (const role of roles) {
      const session = await app.as(role, '77');
      const t = await admin.post('/api/v1/tokens', { userId: session.userId, name: 'scope test' });
      const viaToken = app.client();
      viaToken.token = t.body.secret;
      region77.push({ role, session, token: viaToken });
    }
  });
  afterAll(() => app.close());

  it('lists every route of the API', async () => {
    const doc = (await app.client().get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.filter((op) => !(op in cases)), 'routes without a region-scope case').toEqual([]);
    expect(Object.keys(cases).filter((op) => !operations.includes(op)), 'cases for routes that no longer exist').toEqual([]);
  });

  for (const [operation, c] of Object.entries(cases)) {
    if ('noRegionData' in c) continue;
    it(`${operation}: refused to every role of region 77, and nothing changes`, async () => {
      for (const { role, session, token } of region77) {
        const r = await c.run(session, target);
        expect([403, 404], `${role}: ${r.status} ${r.text}`).toContain(r.status);
        const viaToken = await c.run(token, target);
        expect([403, 404], `${role} (API token): ${viaToken.status} ${viaToken.text}`).toContain(viaToken.status);
      }
      await c.unchanged?.(app, target);
    });
  }

  it('the same attempts succeed for region 78 itself, so the refusals above are about the region', async () => {
    const owner = await app.as('admin', '78');
    for (const [operation, c] of Object.entries(cases)) {
      if ('noRegionData' in c || operation.includes('call-centre-defaults') || operation.startsWith('DELETE')) continue;
      const r = await c.run(owner, target);
      expect(r.status, `${operation}: ${r.text}`).toBeLessThan(300);
    }
  });
});
