// Reports through HTTP, from calls sent as telephony events: by month with the peak, by region
// against the norms, compliance, topics, the year, CSV; and a regional supervisor's scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import type { Client } from '../../../test/support/http-client.ts';
import { edgeClient, event, offered } from '../../../test/support/telephony.ts';

describe('reports', () => {
  let app: TestApp;
  let coordinator: Client;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    const edge = await edgeClient(app);
    coordinator = await app.as('coordinator', 'federal');
    const op77 = await app.user('operator', '77');
    const op78 = await app.user('operator', '78');
    const call = (id: string, region: string, at: string, topic: string, end: { answeredAfter?: number; abandonedAfter?: number; operator?: string }) => {
      const t = new Date(at);
      const later = (s: number) => new Date(t.getTime() + s * 1000);
      return [
        offered(id, region, t, { topic }),
        event(id, 'queued', t),
        ...(end.answeredAfter !== undefined ? [event(id, 'answered', later(end.answeredAfter), { operator: end.operator }), event(id, 'ended', later(end.answeredAfter + 100))] : []),
        ...(end.abandonedAfter !== undefined ? [event(id, 'abandoned', later(end.abandonedAfter))] : []),
      ];
    };
    const events = [
      ...call('feb-1', '77', '2026-02-10T07:00:00Z', 'Пенсии', { answeredAfter: 10, operator: op77.username }),
      ...call('feb-2', '77', '2026-02-10T07:05:00Z', 'Пенсии', { answeredAfter: 15, operator: op77.username }),
      ...call('feb-3', '77', '2026-02-11T08:00:00Z', 'Паспорт', { abandonedAfter: 30 }),
      ...call('feb-4', '77', '2026-02-11T08:00:00Z', 'Паспорт', { abandonedAfter: 2 }), // a short abandon: not counted
      ...call('mar-1', '78', '2026-03-05T10:00:00Z', 'Пенсии', { answeredAfter: 120, operator: op78.username }),
    ];
    const r = await edge.post('/api/v1/telephony/events', { events });
    expect(r.status, r.text).toBe(200);
    expect(r.body.results.filter((x: { status: string }) => x.status !== 'accepted')).toEqual([]);
  });
  afterAll(() => app.close());

  it('counts calls by month and marks the peak', async () => {
    const r = await coordinator.get('/api/v1/reports/calls?from=2026-01-01&to=2026-03-31&by=month');
    expect(r.status, r.text).toBe(200);
    expect(r.body.items.map((x: { period: string; offered: number; peak: boolean }) => [x.period, x.offered, x.peak])).toEqual([
      ['2026-02', 4, true],
      ['2026-03', 1, false],
    ]);
    const feb = r.body.items[0];
    expect(feb.serviceLevel).toBeCloseTo(2 / 3, 6); // 2 answered in time of 3 (the short abandon left out)
    expect(feb.asa).toBeCloseTo(12.5, 6);
    expect(feb.abandonRate).toBeCloseTo(1 / 3, 6);
    expect(r.body.totals.offered).toBe(5);
    const days = await coordinator.get('/api/v1/reports/calls?from=2026-02-09&to=2026-02-12&by=day');
    expect(days.body.items.map((x: { period: string; offered: number }) => [x.period, x.offered])).toEqual([
      ['2026-02-10', 2],
      ['2026-02-11', 2],
    ]);
  });

  it('sums a span that cuts through months from whole months and the days at its edges alike', async () => {
    // 2026-02-11 … 2026-03-31: February's 11th alone (not the whole month), March whole
    const edge = await coordinator.get('/api/v1/reports/calls?from=2026-02-11&to=2026-03-31&by=month');
    expect(edge.body.items.map((x: { period: string; offered: number }) => [x.period, x.offered])).toEqual([
      ['2026-02', 2],
      ['2026-03', 1],
    ]);
    const cut = await coordinator.get('/api/v1/reports/calls?from=2026-01-20&to=2026-03-04&by=month');
    expect(cut.body.totals.offered).toBe(4); // March's call came on the 5th
    const topics = await coordinator.get('/api/v1/reports/topics?from=2026-02-11&to=2026-12-31');
    expect(topics.body.items).toEqual([
      { topic: 'Паспорт', calls: 2 },
      { topic: 'Пенсии', calls: 1 },
    ]);
    const regions = await coordinator.get('/api/v1/reports/regions?from=2026-01-01&to=2026-02-10');
    expect(regions.body.items.find((x: { region: string }) => x.region === '77')).toMatchObject({ offered: 2 });
  });

  it('gives CSV that a spreadsheet opens', async () => {
    const r = await coordinator.get('/api/v1/reports/calls?from=2026-01-01&to=2026-03-31&by=month&format=csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = r.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Месяц,Поступило,Отвечено/);
    // shares as percent, the title saying so
    expect(lines[0]).toContain(',"Уровень обслуживания, %",');
    expect(lines[1]).toMatch(/^2026-02,4,2,2,66\.67,/);
    expect(lines[1]).toMatch(/,пик$/);
  });

  it('judges each region against its norms, and by month', async () => {
    const r = await coordinator.get('/api/v1/reports/regions?from=2026-02-01&to=2026-03-31');
    expect(r.body.items).toHaveLength(85);
    const by = new Map(r.body.items.map((x: { region: string }) => [x.region, x]));
    expect(by.get('77')).toMatchObject({ offered: 4, meetsNorms: false });
    expect(by.get('78')).toMatchObject({ offered: 1, serviceLevel: 0, meetsNorms: false });
    expect(by.get('01')).toMatchObject({ offered: 0, meetsNorms: null });
    const c = await coordinator.get('/api/v1/reports/compliance?from=2026-02-01&to=2026-03-31&by=month');
    expect(c.body.periods).toEqual(['2026-02', '2026-03']);
    const moscow = c.body.items.find((x: { region: string }) => x.region === '77');
    expect(moscow).toMatchObject({ met: 0, judged: 1 });
    expect(moscow.periods[1]).toMatchObject({ period: '2026-03', meets: null });
    const days = await coordinator.get('/api/v1/reports/compliance?from=2026-02-09&to=2026-02-12&by=day');
    expect(days.body.periods).toEqual(['2026-02-10', '2026-02-11']);
    const moscowDays = days.body.items.find((x: { region: string }) => x.region === '77');
    expect(moscowDays.periods).toEqual([
      { period: '2026-02-10', serviceLevel: 1, meets: true },
      { period: '2026-02-11', serviceLevel: 0, meets: false },
    ]);
    expect(moscowDays).toMatchObject({ met: 1, judged: 2 });
  });

  it('measures each region by its own norm', async () => {
    // region 78 counts answers within 120 s as in time; Moscow keeps the federal 60 s
    const put = await coordinator.put('/api/v1/regions/78/settings', { norms: { serviceLevelSeconds: 120 } });
    expect(put.status, put.text).toBe(200);
    const r = await coordinator.get('/api/v1/reports/regions?from=2026-02-01&to=2026-03-31');
    const by = new Map(r.body.items.map((x: { region: string }) => [x.region, x]));
    expect(by.get('78')).toMatchObject({ serviceLevel: 1 });
    expect((by.get('77') as { serviceLevel: number }).serviceLevel).toBeCloseTo(2 / 3, 6);
    const months = await coordinator.get('/api/v1/reports/calls?from=2026-01-01&to=2026-03-31&by=month');
    expect(months.body.items[1]).toMatchObject({ period: '2026-03', serviceLevel: 1 });
    // by day too (regions at different thresholds: summed region by region, not from the national rows)
    const days = await coordinator.get('/api/v1/reports/calls?from=2026-03-01&to=2026-03-31&by=day');
    expect(days.body.items.find((x: { period: string }) => x.period === '2026-03-05')).toMatchObject({ offered: 1, serviceLevel: 1 });
    expect((await coordinator.put('/api/v1/regions/78/settings', { norms: {} })).status).toBe(200);
  });

  it('lists topics and sums up the year', async () => {
    const t = await coordinator.get('/api/v1/reports/topics?from=2026-01-01&to=2026-12-31');
    expect(t.body.items).toEqual([
      { topic: 'Пенсии', calls: 3 },
      { topic: 'Паспорт', calls: 2 },
    ]);
    const y = await coordinator.get('/api/v1/reports/year?year=2026');
    expect(y.status, y.text).toBe(200);
    expect(y.body).toMatchObject({
      year: 2026,
      calls: 5,
      sinceLaunch: 5,
      firstDay: '2026-02-10',
      peakMonth: { month: '2026-02', calls: 4 },
      peakDay: { day: '2026-02-10', calls: 2 },
      regionsWithCalls: 2,
      regionsMeetingNorms: 0,
      portalViews: 0,
    });
    expect(y.body.months).toHaveLength(2);
  });

  it('keeps regional supervisors to their region and says what is wrong with a span', async () => {
    const sup = await app.as('supervisor', '78');
    const r = await sup.get('/api/v1/reports/calls?from=2026-01-01&to=2026-03-31&by=month');
    expect(r.body.items.map((x: { period: string; offered: number }) => [x.period, x.offered])).toEqual([['2026-03', 1]]);
    expect((await sup.get('/api/v1/reports/regions?from=2026-01-01&to=2026-03-31')).body.items.map((x: { region: string }) => x.region)).toEqual(['78']);
    expect((await sup.get('/api/v1/reports/calls?region=77')).status).toBe(403);
    const bad = await coordinator.get('/api/v1/reports/calls?from=2026-03-01&to=2026-02-01');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/from \(2026-03-01\) must not be after to \(2026-02-01\)/);
    const long = await coordinator.get('/api/v1/reports/calls?from=2020-01-01&to=2026-02-01&by=day');
    expect(long.status).toBe(400);
    expect(long.body.code).toBe('request.span_too_long');
    expect((await coordinator.get('/api/v1/reports/calls?from=02.02.2026')).body.detail).toMatch(/from/);
    // a date of year 0 (a typo) is the client's mistake, not a database error
    for (const q of ['to=0000-01-01', 'from=0001-01-01&to=0001-01-31', 'to=9999-12-31']) {
      const far = await coordinator.get(`/api/v1/reports/calls?${q}`);
      expect(far.status, q).toBe(400);
      expect(far.body.code, q).toBe('request.invalid');
    }
    expect((await (await app.as('operator', '77')).get('/api/v1/reports/year?year=2026')).status).toBe(403);
  });
});
