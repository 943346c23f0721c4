// Region-scope cases for appeals: region 78's volunteer enrolment, its organisations, routes and
// officers. Region 77's agency officer is attached to the same kind of organisation of region 77
// (volunteers-77): the refusals are about the region, not about lacking an organisation.
import { expect } from 'vitest';
import type { TestApp } from '../support/app.ts';
import type { Case, Target } from './types.ts';

const appealState = async (app: TestApp, t: Target) =>
  (
    await app.db.query<{ status: string; organisation: string }>('SELECT a.status, o.code AS organisation FROM ap_appeals a JOIN ap_organisations o ON o.id = a.organisation_id WHERE number = $1', [
      t.appeals.number,
    ])
  ).rows[0];
const unchangedAppeal = async (app: TestApp, t: Target) => expect(await appealState(app, t)).toEqual({ status: 'registered', organisation: 'volunteers-78' });
const organisation78 = async (app: TestApp) => (await app.db.query('SELECT name, region_code FROM ap_organisations WHERE code = $1', ['volunteers-78'])).rows[0];
const route78 = async (app: TestApp) =>
  (await app.db.query<{ code: string }>("SELECT o.code FROM ap_routes r JOIN ap_organisations o ON o.id = r.organisation_id WHERE type_code = 'volunteer' AND r.region_code = '78'")).rows[0]?.code;

export const appealsCases: Record<string, Case> = {
  'GET /api/v1/appeal-types': { noRegionData: 'the public list of appeal types' },
  'GET /api/v1/appeal-types/{code}': { noRegionData: 'a public appeal type' },
  'PUT /api/v1/appeal-types/{code}': {
    run: (c) => c.put('/api/v1/appeal-types/volunteer', { name: 'Изменено', consentText: 'Согласие на обработку персональных данных (152-ФЗ).' }),
    unchanged: async (app) => expect((await app.db.query<{ name: string }>("SELECT name FROM ap_types WHERE code = 'volunteer'")).rows[0]!.name).toBe('Запись в добровольцы'),
    // (types are the whole country's: only a federal admin changes them)
    owner: false,
  },
  'GET /api/v1/organisations': { noRegionData: 'the public list of organisations' },
  'PUT /api/v1/organisations/{code}': {
    run: (c) => c.put('/api/v1/organisations/volunteers-78', { name: 'Захвачено', region: '77' }),
    unchanged: async (app) => expect(await organisation78(app)).toEqual({ name: 'Региональный центр добровольчества — Санкт-Петербург', region_code: '78' }),
    owner: false,
  },
  'GET /api/v1/appeal-routes': { noRegionData: 'the public routing table' },
  'PUT /api/v1/appeal-routes': {
    run: (c) => c.put('/api/v1/appeal-routes', { type: 'volunteer', region: '78', organisation: 'volunteers-77' }),
    unchanged: async (app) => expect(await route78(app)).toBe('volunteers-78'),
    owner: false,
  },
  'GET /api/v1/appeal-officers': {
    filtered: async (c, t) => {
      for (const path of ['/api/v1/appeal-officers', '/api/v1/appeal-officers?region=78']) {
        const r = await c.get(path);
        if (r.status === 403) continue;
        // (region 77's admin: their own region's officers only, and 78 asked for by name is refused)
        expect(path, r.text).toBe('/api/v1/appeal-officers');
        expect(r.status, r.text).toBe(200);
        expect((r.body.items as { userId: number; organisation: { region: string | null } }[]).filter((o) => o.userId === t.appeals.officerId || o.organisation.region !== '77')).toEqual([]);
      }
    },
  },
  'PUT /api/v1/appeal-officers/{userId}': {
    run: (c, t) => c.put(`/api/v1/appeal-officers/${t.appeals.officerId}`, { organisation: null }),
    unchanged: async (app, t) => expect((await app.db.query('SELECT 1 FROM ap_officers WHERE user_id = $1', [t.appeals.officerId])).rows).toHaveLength(1),
    owner: false,
  },
  'POST /api/v1/appeals': { noRegionData: 'files a new appeal' },
  'POST /api/v1/appeals/status': { noRegionData: "the citizen's look-up with the number and the secret code" },
  // (public: the number and the code are the key; without the code, region 78's answer's files are refused to anyone)
  'POST /api/v1/appeals/status/files/{fileId}': { run: (c, t) => c.post('/api/v1/appeals/status/files/1', { number: t.appeals.number, code: 'WRONG234' }), owner: false },
  'GET /api/v1/appeals': {
    filtered: async (c, t) => {
      const r = await c.get('/api/v1/appeals?limit=200');
      if ([403, 404].includes(r.status)) return;
      expect(r.status).toBe(200);
      expect(r.text).not.toContain(t.appeals.number);
    },
  },
  'GET /api/v1/appeals/{number}': { run: (c, t) => c.get(`/api/v1/appeals/${t.appeals.number}`), owner: false },
  'GET /api/v1/appeals/{number}/files/{fileId}': { run: (c, t) => c.get(`/api/v1/appeals/${t.appeals.number}/files/1`), owner: false },
  'POST /api/v1/appeals/{number}/actions': { run: (c, t) => c.post(`/api/v1/appeals/${t.appeals.number}/actions`, { action: 'take' }), unchanged: unchangedAppeal, owner: false },
  'GET /api/v1/appeal-figures': {
    filtered: async (c) => {
      const r = await c.get('/api/v1/appeal-figures');
      if (r.status === 403) return;
      expect(r.status).toBe(200);
      expect((r.body.items as { region: string }[]).filter((x) => x.region === '78')).toEqual([]);
    },
  },
};

/**
 * The citizen's appeal pages (HTML, outside the OpenAPI document): public, and looked up without a
 * session, so a staff member's sign-in reaches no region's data through them. Region 78's appeal is
 * shown only with its code, to anyone who has it; without, region 77's users get the one refusal.
 */
export const appealsPageCases: Record<string, Case> = {
  'GET /appeals': { noRegionData: 'the public list of appeal types' },
  'GET /appeals/new/{type}': { noRegionData: 'a public appeal form' },
  'POST /appeals/new/{type}': { noRegionData: 'files a new appeal as the portal, whoever is signed in' },
  'GET /appeals/status': { noRegionData: 'the public status form' },
  'POST /appeals/status': {
    run: async (c, t) => {
      const r = await c.post('/appeals/status', { number: t.appeals.number, code: 'WRONG234' });
      expect(r.text).not.toContain('Санкт-Петербург');
      return r;
    },
    owner: false,
  },
  // (an answer's file by number and code: without the code, refused like the status)
  'POST /appeals/status/file': { run: (c, t) => c.post('/appeals/status/file', { number: t.appeals.number, code: 'WRONG234', file: '1' }), owner: false },
};
