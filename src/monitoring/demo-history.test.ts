// Demo mode's year of history at a small scale, through the real database and the reports API:
// February the peak, the total as asked, a run broken off and resumed counting nothing twice, and
// today's real calls left as they were. A year is 35 040 intervals a region whatever the scale:
// for all 85 regions a fill took a minute or more, so the year is written for four regions here,
// the westernmost and the easternmost among them (the same code and SQL, a twentieth of the rows).
// That every region gets its share is regionWeights' test (demo-model.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { edgeClient, event, offered } from '../../test/support/telephony.ts';
import type { Db, Queryable } from '../platform/db/database.ts';
import { createLogger } from '../platform/logger.ts';
import { DemoHistory } from './demo-history.ts';

const log = createLogger({ level: 'silent', format: 'json' });

const NOW = new Date('2026-12-06T09:00:00Z'); // Moscow's 6 December: the year is 2025-12-06 … 2026-12-05
const CALLS = 240_000;
const REGIONS = ['39', '41', '54', '77'];
const byMonth = '/api/v1/reports/calls?from=2025-12-01&to=2026-12-31&by=month';

type Month = { period: string; offered: number; peak: boolean };
const sums = async (db: Queryable) =>
  (
    await db.query<Record<string, string>>(
      `SELECT (SELECT sum(offered) FROM mon_rollups) AS rollups, (SELECT sum(offered) FROM mon_daily) AS daily,
              (SELECT sum(offered) FROM mon_monthly) AS monthly, (SELECT sum(offered) FROM mon_national_daily) AS national`,
    )
  ).rows[0]!;

/** A database whose n-th write of national days fails: a step broken off in the middle of its transaction. */
function failingAt(db: Db, n: number): Db {
  let seen = 0;
  const wrap = (q: Queryable): Queryable => ({
    query: async (text, params) => {
      if (text.includes('INSERT INTO mon_national_daily') && ++seen === n) throw new Error('interrupted');
      return q.query(text, params);
    },
    exec: (sql) => q.exec(sql),
  });
  return { ...db, query: db.query.bind(db), exec: db.exec.bind(db), transaction: (fn, o) => db.transaction((tx) => fn(wrap(tx)), o) };
}

describe('demo history', () => {
  let whole: TestApp;
  let broken: TestApp;
  beforeAll(async () => {
    [whole, broken] = await Promise.all([startApp({}, { acd: false, clock: () => NOW }), startApp({}, { acd: false, clock: () => NOW })]);
  });
  afterAll(async () => {
    await whole?.close();
    await broken?.close();
  });

  it('fills a year ending yesterday: February the peak, about twice an ordinary month, the total as asked', async () => {
    const history = new DemoHistory(whole.db, log, () => NOW, REGIONS);
    await history.plan(CALLS);
    expect(await history.progress()).toEqual({ months: 12, written: 0, filling: true });
    await history.fill({ stepDays: 7 });
    expect(await history.progress()).toEqual({ months: 12, written: 12, filling: false });

    const c = await whole.as('coordinator', 'federal');
    const r = await c.get(byMonth);
    expect(r.status, r.text).toBe(200);
    const months = r.body.items as Month[];
    expect(months.map((m) => m.period)).toEqual(['2025-12', ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`), '2026-12']);
    expect(months.find((m) => m.peak)?.period).toBe('2026-02');
    const of = (p: string) => months.find((m) => m.period === p)!.offered;
    expect(of('2026-02') / of('2026-04')).toBeGreaterThan(1.7);
    expect(of('2026-02') / of('2026-04')).toBeLessThan(2.1);
    expect(Math.abs(r.body.totals.offered - CALLS) / CALLS).toBeLessThan(0.01);
    // every table holds the same calls (the days, months and national days summed from the intervals written)
    const written = await whole.db.query<{ region_code: string }>('SELECT DISTINCT region_code FROM mon_daily ORDER BY 1');
    expect(written.rows.map((x) => x.region_code)).toEqual(REGIONS);
    const s = await sums(whole.db);
    expect(new Set(Object.values(s).map(Number))).toEqual(new Set([r.body.totals.offered]));
    // the history ends yesterday in every region: Kamchatka's (UTC+12) and Kaliningrad's (UTC+2) own midnights
    const days = await c.get('/api/v1/reports/calls?from=2026-12-04&to=2026-12-06&by=day');
    expect(days.body.items.map((x: { period: string }) => x.period)).toEqual(['2026-12-04', '2026-12-05']);
    const last = await whole.db.query<{ region_code: string; last: Date }>("SELECT region_code, max(interval_start) AS last FROM mon_rollups WHERE region_code IN ('39', '41') GROUP BY 1 ORDER BY 1");
    expect(last.rows.map((x) => [x.region_code, x.last.toISOString() < { '39': '2026-12-05T22:00:00.000Z', '41': '2026-12-05T12:00:00.000Z' }[x.region_code]!])).toEqual([
      ['39', true],
      ['41', true],
    ]);

    const year = await c.get('/api/v1/reports/year?year=2026');
    expect(year.status, year.text).toBe(200);
    expect(year.body.peakMonth.month).toBe('2026-02');
    expect(year.body.months).toHaveLength(12);

    // a database with calls before today (a history of its own) gets no generated year
    await whole.db.query('DELETE FROM mon_demo_history');
    expect(await new DemoHistory(whole.db, log, () => NOW, REGIONS).plan(CALLS)).toBe(false);
    expect((await whole.db.query('SELECT * FROM mon_demo_history')).rows).toEqual([]);
  }, 300_000);

  it('resumes after a step broken off, counting nothing twice; today’s real calls stay as they were', async () => {
    // today's real calls, before the history: Moscow's morning and Kamchatka's evening
    const edge = await edgeClient(broken);
    const at = (iso: string) => new Date(iso);
    const events = [
      offered('real-77', '77', at('2026-12-06T06:00:00Z')),
      event('real-77', 'abandoned', at('2026-12-06T06:00:40Z')),
      offered('real-41', '41', at('2026-12-06T08:30:00Z')),
      event('real-41', 'abandoned', at('2026-12-06T08:31:00Z')),
    ];
    expect((await edge.post('/api/v1/telephony/events', { events })).status).toBe(200);
    const c = await broken.as('coordinator', 'federal');
    const today = async () => (await c.get('/api/v1/reports/calls?from=2026-12-06&to=2026-12-06&by=day')).body.totals;
    const realToday = await today();
    expect(realToday.offered).toBe(2);
    const realRows = (await broken.db.query("SELECT * FROM mon_rollups WHERE interval_start >= '2026-12-05T22:00:00Z' ORDER BY region_code, interval_start")).rows;
    expect(realRows.map((x) => x.region_code)).toEqual(['41', '77']);

    const first = new DemoHistory(failingAt(broken.db, 20), log, () => NOW, REGIONS);
    expect(await first.plan(CALLS)).toBe(true);
    await expect(first.fill({ stepDays: 7 })).rejects.toThrow('interrupted');
    const halfway = await first.progress();
    expect(halfway.written).toBeGreaterThan(0);
    expect(halfway.filling).toBe(true);
    // what is counted is exactly what the steps marked written hold: nothing of the broken step
    const partial = await sums(broken.db);
    expect(new Set(Object.values(partial).map(Number)).size).toBe(1);

    // the next start: a new writer goes on from the plan's marks
    const again = new DemoHistory(broken.db, log, () => NOW, REGIONS);
    await again.fill({ stepDays: 7 });
    expect(await again.progress()).toEqual({ months: 12, written: 12, filling: false });
    const wholeMonths = (await (await whole.as('coordinator', 'federal')).get(byMonth)).body.items as Month[];
    const resumed = (await c.get(byMonth)).body.items as Month[];
    // the same months as the run never broken off, plus today's two real calls in December
    expect(resumed.map((m) => [m.period, m.offered])).toEqual(wholeMonths.map((m) => [m.period, m.offered + (m.period === '2026-12' ? 2 : 0)]));
    expect(await today()).toEqual(realToday);
    expect((await broken.db.query("SELECT * FROM mon_rollups WHERE interval_start >= '2026-12-05T22:00:00Z' ORDER BY region_code, interval_start")).rows).toEqual(realRows);
  }, 300_000);
});
