// A day by 15 minutes (GET /api/v1/monitoring/intraday): a region's local day or the country's by
// Moscow time, each interval's calls offered and answered and its service level, beside the same
// weekday a week before; intervals yet to come are null; a regional supervisor sees their region.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { edgeClient, event, offered } from '../../test/support/telephony.ts';
import type { Client } from '../../test/support/http-client.ts';

describe('GET /api/v1/monitoring/intraday', () => {
  let app: TestApp;
  let edge: Client;
  let coordinator: Client;
  // 13:20 in Vladivostok (UTC+10) yesterday: "today" does not roll over during the test
  const d = new Date();
  const now = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - 1, 3, 20));
  const at = (msAgo: number) => new Date(now.getTime() - msAgo);

  beforeAll(async () => {
    app = await startApp({}, { acd: false, clock: () => now });
    edge = await edgeClient(app);
    coordinator = await app.as('coordinator', 'federal');
    const op = await app.user('operator', '25');
    const events = [];
    // today in Primorye: 3 calls at 13:05 local (two answered in 5 s, one after 2 min), 1 abandoned at 10:10
    for (let i = 0; i < 3; i++) {
      const id = `intraday-today-${i}`;
      const t = at(15 * 60_000);
      events.push(
        offered(id, '25', t),
        event(id, 'queued', t),
        event(id, 'answered', new Date(t.getTime() + (i < 2 ? 5000 : 120_000)), { operator: op.username }),
        event(id, 'ended', new Date(t.getTime() + 180_000)),
      );
    }
    const lost = at(3 * 3_600_000 + 10 * 60_000);
    events.push(offered('intraday-lost', '25', lost), event('intraday-lost', 'queued', lost), event('intraday-lost', 'abandoned', new Date(lost.getTime() + 90_000)));
    // a week ago at 13:05 local: 2 calls, both answered at once
    for (let i = 0; i < 2; i++) {
      const id = `intraday-week-${i}`;
      const t = at(7 * 86_400_000 + 15 * 60_000);
      events.push(offered(id, '25', t), event(id, 'queued', t), event(id, 'answered', new Date(t.getTime() + 3000), { operator: op.username }), event(id, 'ended', new Date(t.getTime() + 60_000)));
    }
    const sent = await edge.post('/api/v1/telephony/events', { events });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body.results.every((x: { status: string }) => x.status === 'accepted')).toBe(true);
  }, 60_000);
  afterAll(() => app?.close());

  it('gives a region’s local day by 15 minutes beside the same weekday a week before', async () => {
    const r = await coordinator.get('/api/v1/monitoring/intraday?region=25');
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ region: '25', timezone: 'Asia/Vladivostok', intervalMinutes: 15 });
    const local = new Date(now.getTime() + 10 * 3_600_000);
    expect(r.body.date).toBe(local.toISOString().slice(0, 10));
    expect(r.body.comparedDate).toBe(new Date(local.getTime() - 7 * 86_400_000).toISOString().slice(0, 10));
    expect(r.body.points).toHaveLength(96);
    const point = (hhmm: string) => r.body.points.find((p: { time: string }) => p.time === hhmm);
    expect(point('13:00')).toMatchObject({ today: { offered: 3, answered: 3 }, lastWeek: { offered: 2, answered: 2, serviceLevel: 1 } });
    expect(point('13:00').today.serviceLevel).toBeCloseTo(2 / 3, 5);
    expect(point('10:00').today).toMatchObject({ offered: 1, answered: 0, serviceLevel: 0 });
    expect(point('12:45').today).toEqual({ offered: 0, answered: 0, serviceLevel: null });
    // the interval now runs in is shown; those to come are not
    expect(point('13:15').today).not.toBeNull();
    expect(point('13:30').today).toBeNull();
    expect(point('13:30').lastWeek).toEqual({ offered: 0, answered: 0, serviceLevel: null });
  });

  it('the country by Moscow time; a regional supervisor sees their own region only', async () => {
    const national = await coordinator.get('/api/v1/monitoring/intraday');
    expect(national.body).toMatchObject({ region: null, timezone: 'Europe/Moscow' });
    const sum = (k: 'today' | 'lastWeek') => national.body.points.reduce((s: number, p: Record<string, { offered: number } | null>) => s + (p[k]?.offered ?? 0), 0);
    expect(sum('today')).toBe(4);
    expect(sum('lastWeek')).toBe(2);
    // 13:05 in Vladivostok is 06:05 in Moscow
    expect(national.body.points.find((p: { time: string }) => p.time === '06:00').today.offered).toBe(3);

    const sup = await app.as('supervisor', '25');
    expect((await sup.get('/api/v1/monitoring/intraday')).body.region).toBe('25');
    expect((await sup.get('/api/v1/monitoring/intraday?region=77')).status).toBe(403);
    expect((await (await app.as('operator', '25')).get('/api/v1/monitoring/intraday')).status).toBe(403);
    const bad = await coordinator.get('/api/v1/monitoring/intraday?region=999');
    expect(bad.status).toBe(400);
    expect((await coordinator.get('/api/v1/monitoring/intraday?region=98')).status).toBe(404);
  });
});
