// Citizens' appeals in the coordination centre's figures, through HTTP: appeals filed through
// POST /api/v1/appeals in Moscow (UTC+3) and Primorye (UTC+10), some answered on time, one late, one
// left open past its due date as the clock moves; the period report by type, region, organisation,
// the region's local day and channel, the year's summary, a region's open and overdue appeals for
// the wallboard, CSV; a regional supervisor sees their region only, and nobody sees content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/principal.ts';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import type { Client } from '../../../test/support/http-client.ts';

describe('appeals in the reports', () => {
  let app: TestApp;
  let coordinator: Client;
  let now = Date.parse('2026-03-10T09:00:00Z');
  const clock = () => new Date(now);
  let seq = 0;
  /** Files an appeal as a citizen (channel api) or as `by` (an operator: channel operator); its number. */
  async function file(type: string, region: string, values: Record<string, unknown>, by?: Client): Promise<string> {
    const n = ++seq;
    const body = { type, region, name: `Заявитель Номер${n}`, email: `person${n}@example.ru`, text: `Обращение номер ${n}: прошу рассмотреть мой вопрос.`, consent: true, values };
    const r = await (by ?? app.client()).post('/api/v1/appeals', body);
    expect(r.status, r.text).toBe(201);
    return r.body.number as string;
  }
  const volunteer = { birth_date: '1990-05-17', directions: ['Помощь пожилым'] };
  const question = { subject: 'Благоустройство двора' };
  const support = { measure: 'Единое пособие на детей' };

  beforeAll(async () => {
    app = await startApp({}, { clock, acd: false });
    await app.services.appealsCatalog.loadDemo(systemActor());
    const admin = await app.as('admin', 'federal');
    coordinator = await app.as('coordinator', 'federal');
    const officer = async (region: string, organisation: string) => {
      const c = await app.as('agency_officer', region);
      expect((await admin.put(`/api/v1/appeal-officers/${c.userId}`, { organisation })).status).toBe(204);
      return c;
    };
    const answer = async (o: Client, number: string) => expect((await o.post(`/api/v1/appeals/${number}/actions`, { action: 'answer', text: 'Ответ по существу вопроса.' })).status).toBe(204);
    const volunteers77 = await officer('77', 'volunteers-77');
    const volunteers25 = await officer('25', 'volunteers-25');

    // 10 March, 12:00 in Moscow, 19:00 in Vladivostok: three in Moscow (due 9 April)
    const a1 = await file('volunteer', '77', volunteer);
    const a2 = await file('volunteer', '77', volunteer);
    await file('state-question', '77', question); // left open: overdue after 9 April
    // 15:30 UTC: still 10 March in Moscow, already 11 March 01:30 in Vladivostok
    now = Date.parse('2026-03-10T15:30:00Z');
    const a4 = await file('volunteer', '25', volunteer);
    // 12 March: answered on time
    now = Date.parse('2026-03-12T10:00:00Z');
    await answer(volunteers77, a1);
    await answer(volunteers25, a4);
    // 15 April: a1's neighbour answered late; two new ones, open and not yet due
    now = Date.parse('2026-04-15T10:00:00Z');
    await answer(volunteers77, a2);
    await file('support-request', '77', support, await app.as('operator', '77'));
    await file('state-question', '25', question);
  });
  afterAll(() => app.close());

  it('counts appeals by type, region, organisation, local day and channel, with answers on time and the open and overdue now', async () => {
    const r = await coordinator.get('/api/v1/reports/appeals?from=2026-03-01&to=2026-04-30');
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ from: '2026-03-01', to: '2026-04-30', region: null, at: '2026-04-15T10:00:00.000Z' });
    expect(r.body.totals).toEqual({ filed: 6, answered: 3, answeredOnTime: 2, answeredOnTimeShare: 2 / 3, open: 3, overdue: 1, overdueShare: 1 / 3 });
    expect(r.body.types).toEqual([
      { type: 'volunteer', name: 'Запись в добровольцы', filed: 3 },
      { type: 'state-question', name: 'Вопрос в государственный орган', filed: 2 },
      { type: 'support-request', name: 'Запрос о мерах поддержки', filed: 1 },
    ]);
    expect(r.body.regions).toHaveLength(85);
    const by = new Map((r.body.regions as { region: string }[]).map((x) => [x.region, x]));
    expect(by.get('77')).toEqual({
      region: '77',
      name: 'Москва',
      filed: 4,
      types: { volunteer: 2, 'state-question': 1, 'support-request': 1 },
      answered: 2,
      answeredOnTime: 1,
      answeredOnTimeShare: 0.5,
      open: 2,
      overdue: 1,
      overdueShare: 0.5,
    });
    expect(by.get('25')).toEqual({
      region: '25',
      name: 'Приморский край',
      filed: 2,
      types: { volunteer: 1, 'state-question': 1 },
      answered: 1,
      answeredOnTime: 1,
      answeredOnTimeShare: 1,
      open: 1,
      overdue: 0,
      overdueShare: 0,
    });
    expect(by.get('78')).toMatchObject({ filed: 0, types: {}, open: 0, overdueShare: null, answeredOnTimeShare: null });
    expect(r.body.organisations.map((o: { organisation: string; filed: number; region: string }) => [o.organisation, o.region, o.filed])).toEqual([
      ['volunteers-77', '77', 2],
      ['gov-25', '25', 1],
      ['gov-77', '77', 1],
      ['sfr-77', '77', 1],
      ['volunteers-25', '25', 1],
    ]);
    // Primorye's appeal of 15:30 UTC on 10 March is of its 11 March
    expect(r.body.days).toEqual([
      { day: '2026-03-10', filed: 3 },
      { day: '2026-03-11', filed: 1 },
      { day: '2026-04-15', filed: 2 },
    ]);
    expect(r.body.channels).toEqual([
      { channel: 'api', filed: 5 },
      { channel: 'operator', filed: 1 },
    ]);
    expect(JSON.stringify(r.body)).not.toMatch(/Заявитель|example\.ru|прошу/);
  });

  it("takes each region's own local days for the span", async () => {
    // 10 March alone: Moscow's three; Primorye's was filed on its 11th
    const day = await coordinator.get('/api/v1/reports/appeals?from=2026-03-10&to=2026-03-10');
    expect(day.body.totals).toMatchObject({ filed: 3, answered: 0, open: 3, overdue: 1 });
    expect(day.body.days).toEqual([{ day: '2026-03-10', filed: 3 }]);
    const next = await coordinator.get('/api/v1/reports/appeals?from=2026-03-11&to=2026-03-12');
    expect(next.body.totals).toMatchObject({ filed: 1, answered: 2, answeredOnTime: 2 });
    expect(next.body.regions.find((x: { region: string }) => x.region === '25')).toMatchObject({ filed: 1, types: { volunteer: 1 }, answered: 1 });
  });

  it('gives the regions as CSV, a column per type', async () => {
    const r = await coordinator.get('/api/v1/reports/appeals?from=2026-03-01&to=2026-04-30&format=csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = r.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Код,Регион,Подано обращений,Запись в добровольцы,Вопрос в государственный орган,Запрос о мерах поддержки,Дан ответ,Из них в срок,"Доля ответов в срок, %",На рассмотрении,Просрочено,"Доля просроченных, %"',
    );
    expect(lines).toContain('77,Москва,4,2,1,1,2,1,50,2,1,50');
    expect(lines).toContain('25,Приморский край,2,1,1,0,1,1,100,1,0,0');
  });

  it("sums up the year's appeals by type and channel beside the calls", async () => {
    const y = await coordinator.get('/api/v1/reports/year?year=2026');
    expect(y.status, y.text).toBe(200);
    expect(y.body.calls).toBe(0);
    expect(y.body.appeals).toEqual({
      filed: 6,
      types: [
        { type: 'volunteer', name: 'Запись в добровольцы', filed: 3 },
        { type: 'state-question', name: 'Вопрос в государственный орган', filed: 2 },
        { type: 'support-request', name: 'Запрос о мерах поддержки', filed: 1 },
      ],
      channels: [
        { channel: 'api', filed: 5 },
        { channel: 'operator', filed: 1 },
      ],
    });
    expect((await coordinator.get('/api/v1/reports/year?year=2025')).body.appeals).toEqual({ filed: 0, types: [], channels: [] });
  });

  it("gives a region's open and overdue appeals now, for the wallboard's detail", async () => {
    expect((await coordinator.get('/api/v1/monitoring/regions/77/appeals')).body).toEqual({ region: '77', at: '2026-04-15T10:00:00.000Z', open: 2, overdue: 1, overdueShare: 0.5 });
    expect((await coordinator.get('/api/v1/monitoring/regions/78/appeals')).body).toMatchObject({ open: 0, overdue: 0, overdueShare: null });
    // ten days on, the two of 15 April are not due yet; after 15 May all three are overdue
    now = Date.parse('2026-05-20T10:00:00Z');
    try {
      expect((await coordinator.get('/api/v1/monitoring/regions/77/appeals')).body).toMatchObject({ open: 2, overdue: 2, overdueShare: 1 });
      expect((await coordinator.get('/api/v1/reports/appeals?from=2026-03-01&to=2026-04-30')).body.totals).toMatchObject({ open: 3, overdue: 3, overdueShare: 1 });
    } finally {
      now = Date.parse('2026-04-15T10:00:00Z');
    }
  });

  it("keeps a regional supervisor to their region's appeals", async () => {
    const sup = await app.as('supervisor', '25');
    const r = await sup.get('/api/v1/reports/appeals?from=2026-03-01&to=2026-04-30');
    expect(r.status, r.text).toBe(200);
    expect(r.body.region).toBe('25');
    expect(r.body.regions.map((x: { region: string }) => x.region)).toEqual(['25']);
    expect(r.body.totals).toEqual({ filed: 2, answered: 1, answeredOnTime: 1, answeredOnTimeShare: 1, open: 1, overdue: 0, overdueShare: 0 });
    expect(r.body.types.map((t: { type: string }) => t.type)).toEqual(['state-question', 'volunteer']);
    expect(r.body.organisations.map((o: { organisation: string }) => o.organisation)).toEqual(['gov-25', 'volunteers-25']);
    expect(r.body.days).toEqual([
      { day: '2026-03-11', filed: 1 },
      { day: '2026-04-15', filed: 1 },
    ]);
    expect((await sup.get('/api/v1/reports/year?year=2026')).body.appeals).toMatchObject({ filed: 2, channels: [{ channel: 'api', filed: 2 }] });
    expect((await sup.get('/api/v1/monitoring/regions/25/appeals')).body).toMatchObject({ open: 1, overdue: 0 });
    expect((await sup.get('/api/v1/reports/appeals?region=77')).status).toBe(403);
    expect((await sup.get('/api/v1/monitoring/regions/77/appeals')).status).toBe(403);
    expect((await (await app.as('operator', '77')).get('/api/v1/reports/appeals')).status).toBe(403);
    expect((await (await app.as('agency_officer', '77')).get('/api/v1/monitoring/regions/77/appeals')).status).toBe(403);
  });
});
