// The HSDS 3.0 export: every answer valid against Open Referral's published schemas (and inventing
// no field they do not list), ids that stay the same, pages with their edges, errors as problems.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../platform/http/server.ts';
import type { App } from '../platform/http/types.ts';
import { createLogger } from '../platform/logger.ts';
import { startApp } from '../../test/support/app.ts';
import { pageFields, serviceErrors, servicePageErrors } from '../../test/support/hsds.ts';
import type { Measure, NavigatorCatalog } from './catalog-schema.ts';
import { readDemoNavigator } from './demo-data.ts';
import { HSDS_NAMESPACE, HsdsExport, hsdsOrganizationId, hsdsServiceId } from './hsds.ts';
import { HSDS_PER_PAGE, HSDS_PER_PAGE_MAX, navigatorHsdsRoutes } from './hsds-routes.ts';

const PUBLIC_URL = 'https://otvet.example.ru';
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const demo = readDemoNavigator();

/** A catalogue of n made-up measures (two providers), for pages of any length. */
function catalogOf(n: number): NavigatorCatalog {
  const base = demo.measures[0]!;
  const measures: Measure[] = Array.from({ length: n }, (_, i) => ({ ...base, id: `sm-test-${i}`, title: `Мера ${i}`, provider: i % 2 ? 'СФР' : 'регион' }));
  return { ...demo, measures };
}

async function serve(catalog: NavigatorCatalog): Promise<App> {
  const http = await createHttpServer({ logger: createLogger({ level: 'silent', format: 'json' }), trustProxy: false, version: 'test' });
  navigatorHsdsRoutes(http, { catalog: () => catalog, publicUrl: PUBLIC_URL });
  await http.ready();
  return http;
}

describe('HSDS 3.0 export of the navigator', () => {
  let demoApp: App;
  const GET = async (url: string, app = demoApp) => {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, type: r.headers['content-type'], body: r.json() };
  };
  beforeAll(async () => {
    demoApp = await serve(demo);
  });
  afterAll(() => demoApp.close());

  it('gives every demo measure as a service valid against HSDS 3.0, and nothing the schemas do not list', async () => {
    const list = await GET(`/api/v1/navigator/hsds/services?per_page=${HSDS_PER_PAGE_MAX}`);
    expect(list.status).toBe(200);
    expect(servicePageErrors(list.body)).toEqual([]);
    expect(Object.keys(list.body).sort()).toEqual([...pageFields, 'contents'].sort());
    expect(list.body.contents.map((s: { name: string }) => s.name)).toEqual(demo.measures.map((m) => m.title));
    for (const item of list.body.contents) {
      const one = await GET(`/api/v1/navigator/hsds/services/${item.id}`);
      expect(one.status).toBe(200);
      expect(serviceErrors(one.body), item.name).toEqual([]);
      // the list item is the service without its one-to-many fields
      const { attributes, ...rest } = one.body;
      expect(rest).toEqual(item);
      expect(attributes.length).toBeGreaterThan(0);
    }
  });

  it('maps a measure field by field: title, summary, how to apply, provider, category, answers', async () => {
    const m = demo.measures.find((x) => x.answer_ids.length >= 2)!;
    const s = (await GET(`/api/v1/navigator/hsds/services/${hsdsServiceId(m.id)}`)).body;
    expect(s).toMatchObject({
      id: hsdsServiceId(m.id),
      name: m.title,
      description: m.summary,
      status: 'active',
      application_process: m.how_to_apply,
      url: `${PUBLIC_URL}/answers/${m.answer_ids[0]}`,
      organization_id: hsdsOrganizationId(m.provider),
      organization: { id: hsdsOrganizationId(m.provider), name: m.provider },
    });
    expect(s.organization.description).toContain(m.title);
    const byType = (t: string) => s.attributes.filter((a: { link_type: string }) => a.link_type === t);
    expect(byType('category').map((a: any) => a.taxonomy_term.name)).toEqual([m.category]);
    expect(byType('knowledge_answer').map((a: any) => a.taxonomy_term.term_uri)).toEqual(m.answer_ids.map((id) => `${PUBLIC_URL}/answers/${id}`));
    for (const a of s.attributes) expect(a).toMatchObject({ link_id: s.id, link_entity: 'service', taxonomy_term_id: a.taxonomy_term.id });
  });

  it('makes the same UUID v5 on every run, one per measure, one per provider', () => {
    // Pinned: a changed namespace or name scheme would give every consumer new records.
    expect(HSDS_NAMESPACE).toBe('4d5c2092-1de0-4d99-8291-cb54c81b4d5e');
    expect(hsdsServiceId('sm-federal-lump-sum')).toBe(new HsdsExport(demo, PUBLIC_URL).services[0]!.id);
    // (the values as Python's uuid.uuid5(namespace, 'service:sm-federal-lump-sum') makes them)
    expect(hsdsServiceId('sm-federal-lump-sum')).toBe('2686063e-6678-53c1-a0da-c1731424b8bf');
    expect(hsdsOrganizationId('СФР')).toBe('683f7d23-6a00-55d1-bb42-93deeb5c0be4');
    const a = new HsdsExport(readDemoNavigator(), PUBLIC_URL).services;
    const b = new HsdsExport(readDemoNavigator(), 'https://other.example.ru').services;
    expect(a.map((s) => s.id)).toEqual(b.map((s) => s.id));
    const ids = a.flatMap((s) => [s.id, ...s.attributes.map((x) => x.id)]);
    for (const id of ids) expect(id).toMatch(UUID_V5);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(a.map((s) => s.id)).size).toBe(demo.measures.length);
    expect(new Set(a.map((s) => s.organization.id)).size).toBe(new Set(demo.measures.map((m) => m.provider)).size);
    // (a measure and a provider of the same name are not the same record)
    expect(hsdsServiceId('СФР')).not.toBe(hsdsOrganizationId('СФР'));
  });

  it('pages: the default size, the first, a middle, the last and past the last page, each valid', async () => {
    const app = await serve(catalogOf(7));
    try {
      const page = async (q: string) => {
        const r = await GET(`/api/v1/navigator/hsds/services${q}`, app);
        expect(r.status).toBe(200);
        expect(servicePageErrors(r.body)).toEqual([]);
        const { contents, ...rest } = r.body;
        return { ...rest, names: contents.map((s: { name: string }) => s.name) };
      };
      const head = { total_items: 7, total_pages: 3 };
      expect(await page('')).toMatchObject({ total_items: 7, total_pages: 1, page_number: 1, size: 7, first_page: true, last_page: true, empty: false });
      expect(await page('?per_page=3')).toEqual({ ...head, page_number: 1, size: 3, first_page: true, last_page: false, empty: false, names: ['Мера 0', 'Мера 1', 'Мера 2'] });
      expect(await page('?per_page=3&page=2')).toEqual({ ...head, page_number: 2, size: 3, first_page: false, last_page: false, empty: false, names: ['Мера 3', 'Мера 4', 'Мера 5'] });
      expect(await page('?per_page=3&page=3')).toEqual({ ...head, page_number: 3, size: 1, first_page: false, last_page: true, empty: false, names: ['Мера 6'] });
      expect(await page('?per_page=3&page=4')).toEqual({ ...head, page_number: 4, size: 0, first_page: false, last_page: true, empty: true, names: [] });
      expect(await page('?per_page=3&page=2147483647')).toMatchObject({ page_number: 2147483647, size: 0, empty: true, last_page: true });
      expect(await page('?per_page=7')).toMatchObject({ total_pages: 1, size: 7, first_page: true, last_page: true });
    } finally {
      await app.close();
    }
    const big = await serve(catalogOf(HSDS_PER_PAGE_MAX + 1));
    try {
      expect((await GET('/api/v1/navigator/hsds/services', big)).body).toMatchObject({ size: HSDS_PER_PAGE, total_pages: Math.ceil((HSDS_PER_PAGE_MAX + 1) / HSDS_PER_PAGE) });
      expect((await GET(`/api/v1/navigator/hsds/services?per_page=${HSDS_PER_PAGE_MAX}&page=2`, big)).body).toMatchObject({ size: 1, total_pages: 2, last_page: true });
    } finally {
      await big.close();
    }
    const none = await serve(catalogOf(0));
    try {
      const r = await GET('/api/v1/navigator/hsds/services', none);
      expect(servicePageErrors(r.body)).toEqual([]);
      expect(r.body).toEqual({ total_items: 0, total_pages: 0, page_number: 1, size: 0, first_page: true, last_page: true, empty: true, contents: [] });
    } finally {
      await none.close();
    }
  });

  it('filters by organization_id and taxonomy_term_id as the HSDS API reference says, counting and paging what is left', async () => {
    const all = (await GET(`/api/v1/navigator/hsds/services?per_page=${HSDS_PER_PAGE_MAX}`)).body.contents as { id: string; organization_id: string }[];
    const sfr = hsdsOrganizationId('СФР');
    const bySfr = await GET(`/api/v1/navigator/hsds/services?organization_id=${sfr}&per_page=2`);
    expect(servicePageErrors(bySfr.body)).toEqual([]);
    const expected = demo.measures.filter((m) => m.provider === 'СФР').map((m) => hsdsServiceId(m.id));
    expect(expected.length).toBeGreaterThan(2);
    expect(bySfr.body).toMatchObject({ total_items: expected.length, total_pages: Math.ceil(expected.length / 2), size: 2 });
    expect(bySfr.body.contents.map((s: { id: string }) => s.id)).toEqual(expected.slice(0, 2));
    // a category's term, taken from a service's attributes
    const one = (await GET(`/api/v1/navigator/hsds/services/${all[0]!.id}`)).body;
    const term = one.attributes.find((a: { link_type: string }) => a.link_type === 'category').taxonomy_term;
    const byTerm = await GET(`/api/v1/navigator/hsds/services?taxonomy_term_id=${term.id}&per_page=${HSDS_PER_PAGE_MAX}`);
    expect(byTerm.body.contents.map((s: { id: string }) => s.id)).toEqual(demo.measures.filter((m) => m.category === term.name).map((m) => hsdsServiceId(m.id)));
    // both at once: what both allow; an id nobody has: nothing
    const both = await GET(`/api/v1/navigator/hsds/services?taxonomy_term_id=${term.id}&organization_id=${all[0]!.organization_id}&per_page=${HSDS_PER_PAGE_MAX}`);
    expect(both.body.contents.map((s: { id: string }) => s.id)).toEqual(
      demo.measures.filter((m) => m.category === term.name && hsdsOrganizationId(m.provider) === all[0]!.organization_id).map((m) => hsdsServiceId(m.id)),
    );
    const nobody = await GET(`/api/v1/navigator/hsds/services?organization_id=${hsdsOrganizationId('нет такого')}`);
    expect(nobody.body).toEqual({ total_items: 0, total_pages: 0, page_number: 1, size: 0, first_page: true, last_page: true, empty: true, contents: [] });
    for (const q of ['organization_id=СФР', 'taxonomy_term_id=1']) expect((await GET(`/api/v1/navigator/hsds/services?${q}`)).status, q).toBe(400);
  });

  it('refuses a bad page or page size with a problem, and an unknown id with a 404 problem', async () => {
    for (const q of ['page=0', 'page=-1', 'page=1.5', 'page=x', 'page=2147483648', 'per_page=0', `per_page=${HSDS_PER_PAGE_MAX + 1}`, 'per_page=ten']) {
      const r = await GET(`/api/v1/navigator/hsds/services?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.type, q).toMatch(/^application\/problem\+json/);
    }
    const unknown = await GET(`/api/v1/navigator/hsds/services/${hsdsServiceId('sm-no-such-measure')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.type).toMatch(/^application\/problem\+json/);
    expect(unknown.body.code).toBe('navigator.hsds_service_not_found');
    const notUuid = await GET('/api/v1/navigator/hsds/services/sm-federal-lump-sum');
    expect(notUuid.status).toBe(400);
    expect(notUuid.type).toMatch(/^application\/problem\+json/);
    // (the same UUID in capitals is the same service)
    expect((await GET(`/api/v1/navigator/hsds/services/${hsdsServiceId(demo.measures[0]!.id).toUpperCase()}`)).status).toBe(200);
  });
});

describe('HSDS export in the app', () => {
  it('is served without signing in, with the demo catalogue and the portal’s address, and in the OpenAPI document under navigator', async () => {
    const app = await startApp({ publicUrl: PUBLIC_URL });
    try {
      const c = app.client();
      const list = await c.get(`/api/v1/navigator/hsds/services?per_page=${HSDS_PER_PAGE_MAX}`);
      expect(list.status).toBe(200);
      expect(servicePageErrors(list.body)).toEqual([]);
      expect(list.body.total_items).toBe(demo.measures.length);
      const one = await c.get(`/api/v1/navigator/hsds/services/${list.body.contents[0].id}`);
      expect(serviceErrors(one.body)).toEqual([]);
      expect(one.body.url.startsWith(`${PUBLIC_URL}/answers/`)).toBe(true);
      const doc = (await c.get('/api/openapi.json')).body;
      for (const path of ['/api/v1/navigator/hsds/services', '/api/v1/navigator/hsds/services/{id}']) {
        expect(doc.paths[path].get.tags, path).toEqual(['navigator']);
        expect(doc.paths[path].get.security, path).toEqual([]);
      }
    } finally {
      await app.close();
    }
  });
});
