// Region-scope cases for the contact centre: region 78's calls, operators, queues and decisions.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { openStream } from '../support/sse.ts';
import type { Case, Target } from './types.ts';

const callState = async (app: TestApp, t: Target) => (await app.db.query<{ state: string; events: number }>('SELECT state, events FROM cc_calls WHERE call_id = $1', [t.cc.callId])).rows[0];
const unchangedCall = async (app: TestApp, t: Target) => expect(await callState(app, t)).toEqual({ state: 'ringing', events: 3 });
const sipHa1 = async (app: TestApp, t: Target) => (await app.db.query<{ ha1_md5: string | null }>('SELECT ha1_md5 FROM cc_sip_credentials WHERE user_id = $1', [t.user78.id])).rows[0]?.ha1_md5;
const unchangedSip = async (app: TestApp, t: Target) => expect(await sipHa1(app, t)).toBe(createHash('md5').update(`${t.user78.username}:otvet:sip-secret-of-78`).digest('hex'));
const ivrMenu78 = async (app: TestApp) => (await app.db.query('SELECT 1 FROM cc_ivr_menus WHERE region_code = $1', ['78'])).rows;
const agentState = async (app: TestApp, t: Target) => (await app.db.query<{ state: string; skills: string[] }>('SELECT state, skills FROM cc_agents WHERE user_id = $1', [t.cc.operatorId])).rows[0];

export const contactCenterCases: Record<string, Case> = {
  'GET /api/v1/agent': { noRegionData: "the caller's own seat" },
  'POST /api/v1/agent/state': { noRegionData: "changes the caller's own state" },
  'POST /api/v1/agent/test-call': { noRegionData: 'rings the caller’s own seat with a test call (demo mode only)' },
  'POST /api/v1/agent/sip-session': { noRegionData: "a SIP credential for the caller's own web session" },
  'DELETE /api/v1/agent/sip-session': { noRegionData: "revokes the caller's own web session's SIP credential" },
  'GET /api/v1/agent/events': { noRegionData: "the caller's own calls and state" },
  'GET /api/v1/agent/today': { noRegionData: "the caller's own figures and their own region's waiting callers" },
  'GET /api/v1/agent/topic-answers': { noRegionData: "counts of answers used on the caller's own region's calls (slugs of federal answers, no call)" },
  'GET /api/v1/agent/calls/{callId}/ring': { run: (c, t) => c.get(`/api/v1/agent/calls/${t.cc.callId}/ring`), owner: false },
  'POST /api/v1/telephony/events': {
    filtered: async (c, t) => {
      const r = await c.post('/api/v1/telephony/events', { events: [{ id: `intrude-${Math.random()}`, callId: t.cc.callId, type: 'abandoned', at: new Date().toISOString() }] });
      if (r.status === 403) return;
      expect(r.status).toBe(200);
      expect(r.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/belongs to region 78/) });
    },
  },
  'GET /api/v1/telephony/decisions': {
    filtered: async (c, t) => {
      let stream;
      try {
        stream = await openStream(c, '/api/v1/telephony/decisions', { 'last-event-id': '0' });
      } catch (e) {
        expect(String(e)).toMatch(/: 403 /);
        return;
      }
      await new Promise((r) => setTimeout(r, 200));
      stream.close();
      expect(stream.events.filter((e) => e.data.callId === t.cc.callId)).toEqual([]);
    },
  },
  'GET /api/v1/calls': {
    filtered: async (c, t) => {
      const r = await c.get('/api/v1/calls?limit=1000');
      if (r.status === 403) return;
      expect(r.text).not.toContain(t.cc.callId);
      const asked = await c.get('/api/v1/calls?region=78');
      if (asked.status !== 403) expect(asked.text).not.toContain(t.cc.callId);
    },
  },
  'GET /api/v1/calls/{callId}': { run: (c, t) => c.get(`/api/v1/calls/${t.cc.callId}`), owner: 'supervisor' },
  'GET /api/v1/calls/{callId}/caller-history': { run: (c, t) => c.get(`/api/v1/calls/${t.cc.callId}/caller-history`), owner: 'supervisor' },
  'POST /api/v1/agent/calls/{callId}/answer': { run: (c, t) => c.post(`/api/v1/agent/calls/${t.cc.callId}/answer`), unchanged: unchangedCall, owner: false },
  'POST /api/v1/agent/calls/{callId}/hangup': { run: (c, t) => c.post(`/api/v1/agent/calls/${t.cc.callId}/hangup`), unchanged: unchangedCall, owner: false },
  'GET /api/v1/agent/calls/{callId}/transfer-targets': { run: (c, t) => c.get(`/api/v1/agent/calls/${t.cc.callId}/transfer-targets`), owner: false },
  'POST /api/v1/agent/calls/{callId}/transfer': {
    run: (c, t) => c.post(`/api/v1/agent/calls/${t.cc.callId}/transfer`, { queue: 'general', region: '78' }),
    unchanged: unchangedCall,
    owner: false,
  },
  'POST /api/v1/agent/calls/{callId}/wrap-up': { run: (c, t) => c.post(`/api/v1/agent/calls/${t.cc.callId}/wrap-up`, { outcome: 'answered' }), unchanged: unchangedCall, owner: false },
  'GET /api/v1/supervisor/overview': { run: (c) => c.get('/api/v1/supervisor/overview?region=78'), owner: 'supervisor' },
  'GET /api/v1/supervisor/events': { run: (c) => c.get('/api/v1/supervisor/events?region=78'), owner: false },
  'GET /api/v1/supervisor/call-quality': { run: (c) => c.get('/api/v1/supervisor/call-quality?region=78'), owner: 'supervisor' },
  'GET /api/v1/operators': { run: (c) => c.get('/api/v1/operators?region=78'), owner: 'supervisor' },
  'POST /api/v1/operators/{id}/state': {
    run: (c, t) => c.post(`/api/v1/operators/${t.cc.operatorId}/state`, { state: 'offline' }),
    unchanged: async (app, t) => expect((await agentState(app, t))!.state).toBe('ringing'),
    owner: false, // the operator has a call ringing
  },
  'PUT /api/v1/operators/{id}/skills': {
    run: (c, t) => c.put(`/api/v1/operators/${t.cc.operatorId}/skills`, { skills: ['taken-over'] }),
    unchanged: async (app, t) => expect((await agentState(app, t))!.skills).toEqual([]),
    owner: false,
  },
  'GET /api/v1/queues': { run: (c) => c.get('/api/v1/queues?region=78'), owner: 'supervisor' },
  'PUT /api/v1/operators/{username}/sip-password': {
    run: (c, t) => c.put(`/api/v1/operators/${t.user78.username}/sip-password`, { password: 'taken-over-by-77' }),
    unchanged: unchangedSip,
  },
  'DELETE /api/v1/operators/{username}/sip-password': { run: (c, t) => c.delete(`/api/v1/operators/${t.user78.username}/sip-password`), unchanged: unchangedSip },
  'GET /api/v1/telephony/sip-credentials': {
    filtered: async (c, t) => {
      for (const url of ['/api/v1/telephony/sip-credentials', '/api/v1/telephony/sip-credentials?since=0']) {
        const r = await c.get(url);
        if (r.status === 403) return;
        expect(r.status).toBe(200);
        expect(r.text).not.toContain(t.user78.username);
      }
    },
  },
  'GET /api/v1/telephony/calls/{callId}/wait': { run: (c, t) => c.get(`/api/v1/telephony/calls/${t.cc.callId}/wait`) },
  'GET /api/v1/regions/{code}/ivr-menu': { run: (c) => c.get('/api/v1/regions/78/ivr-menu'), owner: 'supervisor' },
  'PUT /api/v1/regions/{code}/ivr-menu': {
    run: (c) => c.put('/api/v1/regions/78/ivr-menu', { items: [{ digit: '1', section: 'Госуслуги и обращения' }] }),
    unchanged: async (app) => expect(await ivrMenu78(app)).toEqual([]),
  },
  'PUT /api/v1/queues/{id}': {
    run: (c, t) => c.put(`/api/v1/queues/${t.cc.queueId}`, { callbackThresholdSeconds: 1 }),
    unchanged: async (app, t) => expect(app.services.cc.queues.get(t.cc.queueId)!.callbackThresholdSeconds).toBe(300),
    owner: false,
  },
};
