// Region-scope cases for the coordination centre: region 78's figures (its calls and its citizens'
// appeals), alerts and subscribers.
import { expect } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { openStream } from '../support/sse.ts';
import type { Case, Target } from './types.ts';

const hookAlive = async (app: TestApp, t: Target) =>
  expect((await app.db.query('SELECT disabled_at FROM mon_webhooks WHERE id = $1', [t.monitoring.webhookId])).rows[0]).toEqual({ disabled_at: null });

export const monitoringCases: Record<string, Case> = {
  // federal figures only: no regional account may read them, so no region-78 owner either
  'GET /metrics': { run: (c) => c.get('/metrics'), owner: false },
  'GET /api/v1/monitoring/wallboard': {
    filtered: async (c) => {
      const r = await c.get('/api/v1/monitoring/wallboard');
      if (r.status === 403) return;
      expect(r.body.regions.map((x: { code: string }) => x.code)).toEqual(['77']);
    },
  },
  'GET /api/v1/monitoring/events': {
    filtered: async (c) => {
      let stream;
      try {
        stream = await openStream(c, '/api/v1/monitoring/events');
      } catch (e) {
        expect(String(e)).toMatch(/: 403 /);
        return;
      }
      for (let i = 0; i < 50 && !stream.events.length; i++) await new Promise((r) => setTimeout(r, 20));
      stream.close();
      expect(stream.events[0]!.data.regions.map((x: { code: string }) => x.code)).toEqual(['77']);
    },
  },
  'GET /api/v1/reports/calls': { run: (c) => c.get('/api/v1/reports/calls?region=78'), owner: 'supervisor' },
  'GET /api/v1/reports/topics': { run: (c) => c.get('/api/v1/reports/topics?region=78'), owner: 'supervisor' },
  'GET /api/v1/reports/compliance': { run: (c) => c.get('/api/v1/reports/compliance?region=78'), owner: 'supervisor' },
  'GET /api/v1/reports/year': { run: (c) => c.get('/api/v1/reports/year?year=2026&region=78'), owner: 'supervisor' },
  'GET /api/v1/reports/regions': {
    filtered: async (c) => {
      const r = await c.get('/api/v1/reports/regions');
      if (r.status === 403) return;
      expect(r.body.items.map((x: { region: string }) => x.region)).toEqual(['77']);
      expect((await c.get('/api/v1/reports/regions?region=78')).status).toBe(403);
    },
  },
  // region 78's appeal (target.appeals) is counted in its figures; region 77's users never see them
  'GET /api/v1/reports/appeals': {
    filtered: async (c) => {
      const r = await c.get('/api/v1/reports/appeals');
      if (r.status === 403) return;
      expect(r.body.regions.map((x: { region: string }) => x.region)).toEqual(['77']);
      expect(r.body.organisations.map((o: { region: string | null }) => o.region)).not.toContain('78');
      expect((await c.get('/api/v1/reports/appeals?region=78')).status).toBe(403);
    },
  },
  'GET /api/v1/monitoring/regions/{code}/appeals': { run: (c) => c.get('/api/v1/monitoring/regions/78/appeals'), owner: 'supervisor' },
  'GET /api/v1/monitoring/history': { noRegionData: "the demo history's months written: the same for every region, counts of months only" },
  'GET /api/v1/monitoring/intraday': { run: (c) => c.get('/api/v1/monitoring/intraday?region=78'), owner: 'supervisor' },
  'GET /api/v1/monitoring/trends': { run: (c) => c.get('/api/v1/monitoring/trends?region=78'), owner: 'editor' },
  'GET /api/v1/monitoring/alerts': { run: (c) => c.get('/api/v1/monitoring/alerts?region=78'), owner: 'supervisor' },
  'GET /api/v1/monitoring/webhooks': {
    filtered: async (c, t) => {
      const r = await c.get('/api/v1/monitoring/webhooks');
      if (r.status === 403) return;
      expect(r.body.items.map((w: { id: number }) => w.id)).not.toContain(t.monitoring.webhookId);
    },
  },
  'POST /api/v1/monitoring/webhooks': { run: (c) => c.post('/api/v1/monitoring/webhooks', { url: 'https://alerts.example.org/intruder', region: '78' }), owner: 'coordinator' },
  'DELETE /api/v1/monitoring/webhooks/{id}': { run: (c, t) => c.delete(`/api/v1/monitoring/webhooks/${t.monitoring.webhookId}`), unchanged: hookAlive, owner: false },
};
