// A regional user can never read or change another region's data: proven here for every route in
// the OpenAPI document (and the HTML pages that could reach a region's data, listed apart). A new
// route of the API fails this test until it is listed with its own attempt (or a reason why it
// holds no region's data).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../src/platform/access/principal.ts';
import { startApp, type TestApp } from './support/app.ts';
import type { Client } from './support/http-client.ts';
import { buildTarget } from './region-scope/fixture.ts';
import { knowledgeCases } from './region-scope/knowledge-cases.ts';
import { contactCenterCases } from './region-scope/contact-center-cases.ts';
import { platformCases } from './region-scope/platform-cases.ts';
import { monitoringCases } from './region-scope/monitoring-cases.ts';
import { staffingCases } from './region-scope/staffing-cases.ts';
import { portalCases } from './region-scope/portal-cases.ts';
import { appealsCases, appealsPageCases } from './region-scope/appeals-cases.ts';
import { navigatorCases } from './region-scope/navigator-cases.ts';
import type { Case, Target } from './region-scope/types.ts';

const cases: Record<string, Case> = { ...platformCases, ...knowledgeCases, ...contactCenterCases, ...monitoringCases, ...staffingCases, ...portalCases, ...appealsCases, ...navigatorCases };
/** Pages (HTML, not in the OpenAPI document) that could reach a region's data: tried like the API's routes. */
const pageCases: Record<string, Case> = { ...appealsPageCases };

describe('region scope on every route', () => {
  let app: TestApp;
  let target: Target;
  /** Every role of region 77, signed in with a session and, separately, holding an API token. */
  const region77: { role: string; session: Client; token: Client }[] = [];
  beforeAll(async () => {
    app = await startApp();
    target = await buildTarget(app);
    const admin = await app.as('admin', 'federal');
    for (const role of roles) {
      const session = await app.as(role, '77');
      const t = await admin.post('/api/v1/tokens', { userId: session.userId, name: 'scope test' });
      // (an officer with an organisation of their own region: refused region 78's appeals for the region's sake)
      if (role === 'agency_officer') await admin.put(`/api/v1/appeal-officers/${session.userId}`, { organisation: 'volunteers-77' });
      const viaToken = app.client();
      viaToken.token = t.body.secret;
      region77.push({ role, session, token: viaToken });
    }
  });
  afterAll(() => app.close());

  it('lists every route of the API', async () => {
    const doc = (await app.client().get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(
      operations.filter((op) => !(op in cases)),
      'routes without a region-scope case',
    ).toEqual([]);
    expect(
      Object.keys(cases).filter((op) => !operations.includes(op)),
      'cases for routes that no longer exist',
    ).toEqual([]);
  });

  for (const [operation, c] of Object.entries({ ...cases, ...pageCases })) {
    if ('filtered' in c) {
      it(`${operation}: answers every role of region 77 without region 78's data`, async () => {
        for (const { session, token } of region77) {
          await c.filtered(session, target);
          await c.filtered(token, target);
        }
      });
      continue;
    }
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
    const owners = new Map<string, Client>();
    for (const [operation, c] of Object.entries(cases)) {
      if (!('run' in c) || c.owner === false) continue;
      const role = c.owner ?? 'admin';
      if (!owners.has(role)) owners.set(role, await app.as(role, '78'));
      const r = await c.run(owners.get(role)!, target);
      expect(r.status, `${operation} as ${role} of 78: ${r.text}`).toBeLessThan(300);
    }
  });
});
