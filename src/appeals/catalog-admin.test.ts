// What the admin page asks of the catalogue over HTTP: every type with the inactive ones, a type's
// field codes checked across fields (a 400 at the field, not a failure inside), who is attached to
// which organisation (region by region), and attaching only agency officers who may work there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access/principal.ts';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';

describe('the appeals catalogue for admins', () => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    await app.services.appealsCatalog.loadDemo(systemActor());
    admin = await app.as('admin', 'federal');
  });
  afterAll(() => app.close());

  const typeBody = async (code: string) => {
    const { code: _code, ...rest } = (await app.client().get(`/api/v1/appeal-types/${code}`)).body;
    return rest;
  };

  it('lists the inactive types to admins only', async () => {
    const body = await typeBody('state-question');
    expect((await admin.put('/api/v1/appeal-types/state-question', { ...body, active: false })).status).toBe(200);
    const codes = (r: { body: { items: { code: string }[] } }) => r.body.items.map((t) => t.code);
    expect(codes(await app.client().get('/api/v1/appeal-types'))).not.toContain('state-question');
    const all = await admin.get('/api/v1/appeal-types?includeInactive=true');
    expect(all.status).toBe(200);
    expect(all.body.items.find((t: { code: string }) => t.code === 'state-question')).toMatchObject({ active: false, name: 'Вопрос в государственный орган' });
    expect((await app.client().get('/api/v1/appeal-types?includeInactive=true')).status).toBe(401);
    expect((await (await app.as('operator', '77')).get('/api/v1/appeal-types?includeInactive=true')).status).toBe(403);
    expect((await admin.put('/api/v1/appeal-types/state-question', { ...body, active: true })).status).toBe(200);
  });

  it("refuses a field that takes the appellant's own code, or one twice, at that field, and keeps the type", async () => {
    const body = await typeBody('volunteer');
    const extra = (code: string) => ({ code, label: 'Ещё поле', kind: 'text' });
    const own = await admin.put('/api/v1/appeal-types/volunteer', { ...body, fields: [...body.fields, extra('phone')] });
    expect(own.status, own.text).toBe(400);
    expect(own.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(own.body.errors).toEqual([{ path: `body.fields.${body.fields.length}.code`, message: '"phone" is the appellant\'s own field' }]);
    const twice = await admin.put('/api/v1/appeal-types/volunteer', { ...body, fields: [...body.fields, extra('birth_date')] });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([{ path: `body.fields.${body.fields.length}.code`, message: '"birth_date" twice' }]);
    expect((await typeBody('volunteer')).fields).toHaveLength(body.fields.length);
  });

  it('refuses a code a type or an organisation may not have as a 400 at the path, not a failure inside', async () => {
    const body = await typeBody('volunteer');
    const type = await admin.put('/api/v1/appeal-types/Bad_Code', body);
    expect([type.status, type.body.errors?.[0]?.path]).toEqual([400, 'path.code']);
    const org = await admin.put('/api/v1/organisations/Bad_Code', { name: 'Ведомство', region: '77' });
    expect([org.status, org.body.errors?.[0]?.path]).toEqual([400, 'path.code']);
    expect((await app.db.query("SELECT 1 FROM ap_organisations WHERE code = 'Bad_Code'")).rows).toEqual([]);
  });

  it('lists agency officers with their organisations: federal admins every region or one, a region’s admins theirs', async () => {
    const o77 = await app.user('agency_officer', '77', 'officer-list-77');
    const o78 = await app.user('agency_officer', '78', 'officer-list-78');
    const fed = await app.user('agency_officer', 'federal', 'officer-list-fed');
    expect((await admin.put(`/api/v1/appeal-officers/${o77.id}`, { organisation: 'volunteers-77' })).status).toBe(204);
    expect((await admin.put(`/api/v1/appeal-officers/${o78.id}`, { organisation: 'sfr-78' })).status).toBe(204);
    expect((await admin.put(`/api/v1/appeal-officers/${fed.id}`, { organisation: 'mil-federal' })).status).toBe(204);

    const all = await admin.get('/api/v1/appeal-officers');
    expect(all.status, all.text).toBe(200);
    expect(all.body.items).toEqual([
      {
        userId: fed.id,
        username: 'officer-list-fed',
        displayName: 'officer-list-fed',
        region: 'federal',
        organisation: { code: 'mil-federal', name: 'Министерство обороны Российской Федерации', region: null },
      },
      {
        userId: o78.id,
        username: 'officer-list-78',
        displayName: 'officer-list-78',
        region: '78',
        organisation: { code: 'sfr-78', name: 'Отделение Социального фонда — Санкт-Петербург', region: '78' },
      },
      {
        userId: o77.id,
        username: 'officer-list-77',
        displayName: 'officer-list-77',
        region: '77',
        organisation: { code: 'volunteers-77', name: 'Региональный центр добровольчества — Москва', region: '77' },
      },
    ]);
    const names = (r: { body: { items: { username: string }[] } }) => r.body.items.map((x) => x.username);
    expect(names(await admin.get('/api/v1/appeal-officers?region=78'))).toEqual(['officer-list-78']);
    expect(names(await admin.get('/api/v1/appeal-officers?region=federal'))).toEqual(['officer-list-fed']);

    const admin77 = await app.as('admin', '77');
    expect(names(await admin77.get('/api/v1/appeal-officers'))).toEqual(['officer-list-77']);
    expect((await admin77.get('/api/v1/appeal-officers?region=78')).status).toBe(403);
    expect((await (await app.as('agency_officer', '77')).get('/api/v1/appeal-officers')).status).toBe(403);
    expect((await app.client().get('/api/v1/appeal-officers')).status).toBe(401);
  });

  it('attaches only an agency officer of the organisation’s region (or federal), and says why not', async () => {
    const operator = await app.user('operator', '77');
    const o78 = await app.user('agency_officer', '78');
    const fed = await app.user('agency_officer', 'federal');
    const attach = (c: Client, id: number, organisation: string) => c.put(`/api/v1/appeal-officers/${id}`, { organisation });
    const attached = async (id: number) => (await app.db.query('SELECT 1 FROM ap_officers WHERE user_id = $1', [id])).rows.length;

    const unknown = await attach(admin, 987_654, 'volunteers-77');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'user.not_found']);
    const notOfficer = await attach(admin, operator.id, 'volunteers-77');
    expect([notOfficer.status, notOfficer.body.code]).toEqual([400, 'appeal_officer.not_an_officer']);
    const otherRegion = await attach(admin, o78.id, 'volunteers-77');
    expect([otherRegion.status, otherRegion.body.code]).toEqual([400, 'appeal_officer.other_region']);
    // a region's admin does not reach another region's accounts, even to their own organisation
    const admin77 = await app.as('admin', '77');
    expect((await attach(admin77, o78.id, 'volunteers-77')).status).toBe(404);
    expect((await attach(admin77, fed.id, 'volunteers-77')).status).toBe(404);
    for (const id of [987_654, operator.id, o78.id, fed.id]) expect(await attached(id)).toBe(0);

    // a federal officer may work for a region's organisation; a region's officer for a federal one
    expect((await attach(admin, fed.id, 'volunteers-77')).status).toBe(204);
    expect((await attach(admin, o78.id, 'mil-federal')).status).toBe(204);
    expect((await admin.put(`/api/v1/appeal-officers/${o78.id}`, { organisation: null })).status).toBe(204);
    expect(await attached(o78.id)).toBe(0);
  });
});
