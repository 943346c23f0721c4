import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { parseRegions, RegionsFileError } from './import-file.ts';

describe('regions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('lists the 85 regions with time zones, without signing in', async () => {
    const r = await app.client().get('/api/v1/regions');
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(85);
    const kamchatka = r.body.items.find((x: { code: string }) => x.code === '41');
    expect(kamchatka).toMatchObject({ timezone: 'Asia/Kamchatka', utcOffsetMinutes: 720 });
    expect(new Set(r.body.items.map((x: { utcOffsetMinutes: number }) => x.utcOffsetMinutes)).size).toBe(11);
    expect((await app.client().get('/api/v1/regions/77')).body.name).toBe('Москва');
    expect((await app.client().get('/api/v1/regions/99')).body.code).toBe('region.not_found');
    expect((await app.client().get('/api/v1/regions/moscow')).status).toBe(400);
  });

  it('a region follows the federal defaults until it overrides them', async () => {
    const sup = await app.as('supervisor', '78');
    const before = await sup.get('/api/v1/regions/78/settings');
    expect(before.body.effective.norms).toMatchObject({ serviceLevelTarget: 0.8, serviceLevelSeconds: 60, maxAbandonRate: 0.1, maxAsaSeconds: 45 });
    expect(before.body.overrides).toEqual({ hours: {}, norms: {} });

    const admin = await app.as('admin', '78');
    const put = await admin.put('/api/v1/regions/78/settings', { hours: { sun: null, sat: { open: '10:00', close: '18:00' } }, norms: { serviceLevelTarget: 0.85 } });
    expect(put.status).toBe(200);
    expect(put.body.effective.hours.sun).toBeNull();
    expect(put.body.effective.hours.mon).toEqual({ open: '09:00', close: '21:00' });
    expect(put.body.effective.norms).toMatchObject({ serviceLevelTarget: 0.85, maxAsaSeconds: 45 });
    expect(put.body.updatedBy).toBe(admin.username);

    const coordinator = await app.as('coordinator', 'federal');
    const defaults = (await coordinator.get('/api/v1/call-centre-defaults')).body;
    defaults.norms.maxAsaSeconds = 30;
    expect((await coordinator.put('/api/v1/call-centre-defaults', defaults)).status).toBe(200);
    const after = await sup.get('/api/v1/regions/78/settings');
    expect(after.body.effective.norms).toMatchObject({ serviceLevelTarget: 0.85, maxAsaSeconds: 30 });
  });

  it('says exactly what is wrong with settings, and changes nothing', async () => {
    const admin = await app.as('admin', '77');
    const bad = await admin.put('/api/v1/regions/77/settings', { hours: { mon: { open: '20:00', close: '08:00' }, xyz: 1 }, norms: { serviceLevelTarget: 80 } });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('body.hours.mon.close');
    expect(paths).toContain('body.norms.serviceLevelTarget');
    expect((await admin.get('/api/v1/regions/77/settings')).body.overrides.norms).toEqual({});
  });

  it('only federal coordinators and admins change the federal defaults', async () => {
    const admin77 = await app.as('admin', '77');
    const defaults = (await admin77.get('/api/v1/call-centre-defaults')).body;
    expect((await admin77.put('/api/v1/call-centre-defaults', defaults)).status).toBe(403);
    const supervisor = await app.as('supervisor', '77');
    expect((await supervisor.put('/api/v1/regions/77/settings', {})).status).toBe(403);
    expect((await app.client().get('/api/v1/regions/77/settings')).status).toBe(401);
  });
});

describe('regions file', () => {
  it('names the record and field of every problem', () => {
    const text = JSON.stringify([
      { code: '01', name: 'A', federal_district: 'F', timezone: 'Europe/Moscow', population: 1 },
      { code: '1', name: 'B', federal_district: 'F', timezone: 'Mars/Olympus', population: -5 },
      { code: '01', name: 'C', federal_district: 'F', timezone: 'Asia/Omsk', population: 3 },
    ]);
    let error: RegionsFileError | undefined;
    try {
      parseRegions(text, 'regions.json');
    } catch (e) {
      error = e as RegionsFileError;
    }
    expect(error).toBeInstanceOf(RegionsFileError);
    expect(error!.errors).toEqual([
      { record: 2, path: 'code', message: expect.stringMatching(/two-digit/) },
      { record: 2, path: 'timezone', message: expect.stringMatching(/IANA/) },
      { record: 2, path: 'population', message: expect.any(String) },
      { record: 3, path: 'code', message: 'code 01 repeats record 1' },
    ]);
    expect(error!.message).toMatch(/nothing imported/);
    expect(() => parseRegions('{"not": "an array"}')).toThrow(/JSON array/);
    expect(() => parseRegions('[{')).toThrow(/not valid JSON/);
  });
});
