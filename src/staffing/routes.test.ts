// The staffing API over HTTP: the published examples, overload, who may ask, and bad parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';

describe('/api/v1/staffing', () => {
  let app: TestApp;
  let coordinator: Client;
  beforeAll(async () => {
    app = await startApp();
    coordinator = await app.as('coordinator', 'federal');
  });
  afterAll(() => app.close());

  const traffic = 'calls=100&intervalSeconds=1800&ahtSeconds=180&targetSeconds=20';

  it('Erlang C: the published example for 12 agents', async () => {
    const r = await coordinator.get(`/api/v1/staffing/erlang-c?${traffic}&agents=12`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ erlangs: 10, overloaded: false });
    expect(r.body.pWait).toBeCloseTo(0.4493882, 6);
    expect(r.body.sl).toBeCloseTo(0.640158, 6);
    expect(r.body.asa).toBeCloseTo(40.4449, 3);
    expect(r.body.occupancy).toBeCloseTo(0.8333333, 6);
  });

  it('Erlang C with no more agents than the load: limits, null ASA and a note, not an error', async () => {
    const r = await coordinator.get(`/api/v1/staffing/erlang-c?${traffic}&agents=10`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ pWait: 1, sl: 0, asa: null, occupancy: 1, overloaded: true });
    expect(r.body.note).toMatch(/grows without end/);
  });

  it('required: the published staffing examples, with defaults for occupancy and shrinkage', async () => {
    const a = await coordinator.get(`/api/v1/staffing/required?${traffic}&targetSl=0.8&maxOccupancy=0.85&shrinkage=0.3`);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ agents: 14, scheduled: 20 });
    expect(a.body.sl).toBeCloseTo(0.88835, 5);
    expect((await coordinator.get(`/api/v1/staffing/required?${traffic}&targetSl=0.8&maxOccupancy=0.7&shrinkage=0.3`)).body).toMatchObject({ agents: 15, scheduled: 22 });
    expect((await coordinator.get(`/api/v1/staffing/required?${traffic}&targetSl=0.8`)).body).toMatchObject({ agents: 14, scheduled: 14 });
  });

  it('Erlang A: abandonment, and near Erlang C for patient callers', async () => {
    const r = await coordinator.get(`/api/v1/staffing/erlang-a?${traffic}&agents=10&patienceSeconds=60`);
    expect(r.status).toBe(200);
    expect(r.body.pWait).toBeCloseTo(0.42342, 4);
    expect(r.body.pAbandon).toBeCloseTo(0.15753, 4);
    expect(r.body.sl).toBeGreaterThan(0.5);
    const patient = await coordinator.get(`/api/v1/staffing/erlang-a?${traffic}&agents=12&patienceSeconds=3600`);
    expect(patient.body.pWait).toBeGreaterThan(0.4);
    expect(patient.body.pWait).toBeLessThan(0.4493882); // Erlang C's, which no hang-up ever relieves
  });

  it('names the parameter that is missing or out of range', async () => {
    const cases: [string, string][] = [
      ['/api/v1/staffing/erlang-c?calls=100&intervalSeconds=1800&ahtSeconds=180&targetSeconds=20', 'query.agents'],
      [`/api/v1/staffing/erlang-c?${traffic}&agents=-1`, 'query.agents'],
      [`/api/v1/staffing/erlang-c?${traffic}&agents=2.5`, 'query.agents'],
      ['/api/v1/staffing/erlang-c?calls=abc&intervalSeconds=1800&ahtSeconds=180&targetSeconds=20&agents=12', 'query.calls'],
      ['/api/v1/staffing/erlang-c?calls=100&intervalSeconds=0&ahtSeconds=180&targetSeconds=20&agents=12', 'query.intervalSeconds'],
      [`/api/v1/staffing/required?${traffic}&targetSl=1`, 'query.targetSl'],
      [`/api/v1/staffing/required?${traffic}&targetSl=0.8&shrinkage=1.2`, 'query.shrinkage'],
      [`/api/v1/staffing/required?${traffic}&targetSl=0.8&maxOccupancy=0`, 'query.maxOccupancy'],
      [`/api/v1/staffing/erlang-a?${traffic}&agents=10`, 'query.patienceSeconds'],
      [`/api/v1/staffing/erlang-a?${traffic}&agents=0&patienceSeconds=60`, 'query.agents'],
    ];
    for (const [url, path] of cases) {
      const r = await coordinator.get(url);
      expect(r.status, url).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(r.body.code).toBe('request.invalid');
      expect(
        r.body.errors.map((e: { path: string }) => e.path),
        url,
      ).toContain(path);
      expect(r.body.detail).toContain(path);
    }
  });

  it('refuses loads beyond what it computes, saying why', async () => {
    const r = await coordinator.get('/api/v1/staffing/required?calls=1000000&intervalSeconds=60&ahtSeconds=7200&targetSeconds=20&targetSl=0.8');
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('staffing.load_too_large');
  });

  it('is for the people who plan staff: supervisors, coordinators, admins', async () => {
    const url = `/api/v1/staffing/erlang-c?${traffic}&agents=12`;
    expect((await app.client().get(url)).status).toBe(401);
    for (const role of ['operator', 'editor', 'agency_officer'] as const) expect((await (await app.as(role, '77')).get(url)).status, role).toBe(403);
    for (const role of ['supervisor', 'admin'] as const) expect((await (await app.as(role, '77')).get(url)).status, role).toBe(200);
  });
});
