// Region-scope cases for the platform's and the regions module's routes.
import { expect } from 'vitest';
import { PASSWORD } from '../support/app.ts';
import type { Case } from './types.ts';

export const platformCases: Record<string, Case> = {
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
    owner: false, // federal data: no region may change it
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
  'PUT /api/v1/users/{id}': {
    run: (c, t) => c.put(`/api/v1/users/${t.user78.id}`, { displayName: 'Taken over', role: 'operator', region: '78' }),
    unchanged: async (app, t) => {
      const r = await app.db.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [t.user78.id]);
      expect(r.rows[0]!.display_name).not.toBe('Taken over');
    },
  },
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
    owner: false, // the fixture's token must stay valid
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
