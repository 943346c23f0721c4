// The navigator's routes of the API. Its questions and measures are federal: every regional
// account may read the editors' view (the same for every region) and none may change them.
import { expect } from 'vitest';
import type { TestApp } from '../support/app.ts';
import type { Client } from '../support/http-client.ts';
import type { Case } from './types.ts';

/** A published demo question and measure: what region 77 tries to change. */
const QUESTION = 'has_loan';
const MEASURE = 'sm-federal-lump-sum';

const state = async (app: TestApp, kind: string, key: string) =>
  (await app.db.query<{ status: string; current_version: number }>('SELECT status, current_version FROM nv_entries WHERE kind = $1 AND key = $2', [kind, key])).rows[0];

/** A write of the federal catalogue: refused to every role of 77, nothing changes, and no region may (owner: false). */
const federalWrite = (kind: 'question' | 'measure', run: (c: Client, key: string) => Promise<{ status: number; text: string }>): Case => {
  const key = kind === 'question' ? QUESTION : MEASURE;
  return {
    run: (c) => run(c, key) as never,
    unchanged: async (app) => {
      expect(await state(app, kind, key)).toEqual({ status: 'published', current_version: 1 });
      expect((await app.db.query("SELECT 1 FROM nv_entries WHERE key LIKE 'intruder%'")).rowCount).toBe(0);
    },
    owner: false,
  };
};

const demoQuestion = { var: QUESTION, question: 'Чужая правка?', type: 'boolean' };
const demoMeasure = {
  id: MEASURE,
  title: 'Чужая правка',
  summary: 'Чужая правка.',
  provider: 'Минобороны',
  category: 'выплаты',
  eligibility: { var: 'status', eq: 'mobilized' },
  how_to_apply: 'Никак.',
};

function editingCases(): Record<string, Case> {
  const cases: Record<string, Case> = {};
  for (const kind of ['question', 'measure'] as const) {
    const base = `/api/v1/navigator/${kind}s`;
    const content = kind === 'question' ? { ...demoQuestion, var: 'intruder' } : { ...demoMeasure, id: 'intruder' };
    const own = kind === 'question' ? demoQuestion : demoMeasure;
    cases[`POST ${base}`] = federalWrite(kind, (c) => c.post(base, { content }));
    cases[`PUT ${base}/{key}`] = federalWrite(kind, (c, key) => c.put(`${base}/${key}`, { content: own, baseVersion: 1 }));
    for (const act of ['submit', 'approve', 'archive', 'restore']) cases[`POST ${base}/{key}/${act}`] = federalWrite(kind, (c, key) => c.post(`${base}/${key}/${act}`));
    cases[`POST ${base}/{key}/reject`] = federalWrite(kind, (c, key) => c.post(`${base}/${key}/reject`, { comment: 'нет' }));
    cases[`GET ${base}/{key}`] = { noRegionData: `a ${kind} of the federal catalogue, the same for every region (editors and coordinators of any region read it)` };
    cases[`GET ${base}/{key}/versions`] = { noRegionData: `the versions of a ${kind} of the federal catalogue` };
  }
  return cases;
}

export const navigatorCases: Record<string, Case> = {
  'GET /api/v1/navigator/hsds/services': { noRegionData: 'the catalogue of support measures as HSDS (public, the same for every region)' },
  'GET /api/v1/navigator/hsds/services/{id}': { noRegionData: 'one support measure of the catalogue as HSDS (public, the same for every region)' },
  // counts of region 78's visitors, operators and calls: its staff's, and federal staff's
  'GET /api/v1/navigator/report': { run: (c) => c.get('/api/v1/navigator/report?region=78'), owner: 'supervisor' },
  'POST /api/v1/navigator/step': { noRegionData: 'a step of the navigator over the answers in the body (public, nothing stored, the same for every region)' },
  'GET /api/v1/navigator/catalog': { noRegionData: 'the published measures’ titles, providers and answers (public, the same for every region)' },
  'GET /api/v1/navigator/entries': { noRegionData: 'the editors’ list of the federal catalogue’s questions and measures, the same for every region' },
  ...editingCases(),
  'PUT /api/v1/navigator/question-order': {
    run: (c) => c.put('/api/v1/navigator/question-order', { order: [QUESTION] }),
    unchanged: async (app) => expect((await app.db.query("SELECT 1 FROM nv_entries WHERE kind = 'question' AND key = $1 AND position = 1", [QUESTION])).rowCount).toBe(0),
    owner: false,
  },
};
