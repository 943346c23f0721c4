// The staffing plan over HTTP: next week's calls per interval forecast from the region's own
// rollups, the agents they need, and who may ask for which region.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';

const MSK = 3 * 3_600_000;
/** Wednesday noon in Moscow: the week to plan starts on Monday 30 November. */
const now = new Date('2026-11-25T09:00:00Z');

describe('GET /api/v1/staffing/plan', () => {
  let app: TestApp;
  let inserted = 0;
  beforeAll(async () => {
    app = await startApp({}, { acd: false, clock: () => now });
    // Five weeks of history up to next Monday, 30 November: 20 calls per quarter hour 10:00–18:00
    // Moscow time on weekdays, 4 at weekends, nothing at night; 200 s of talk and wrap-up per answered
    // call. Region 77 has every week whole (the week in progress too, as if it were over); region 78
    // the same, but its week in progress only up to now (Wednesday noon), as it really is.
    const rows: unknown[] = [];
    const start = Date.parse('2026-10-26T00:00:00Z') - MSK; // Monday 26 October, Moscow midnight
    for (let i = 0; i < 5 * 7 * 96; i++) {
      const at = start + i * 900_000;
      const local = new Date(at + MSK);
      const hour = local.getUTCHours();
      const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
      const calls = hour >= 10 && hour < 18 ? (weekend ? 4 : 20) : 0;
      if (!calls) continue;
      inserted += calls;
      rows.push({ region: '77', interval_start: new Date(at).toISOString(), offered: calls, answered: calls, talk: calls * 170, wrap: calls * 30 });
      if (at < now.getTime()) rows.push({ region: '78', interval_start: new Date(at).toISOString(), offered: calls, answered: calls, talk: calls * 170, wrap: calls * 30 });
    }
    await app.db.query(
      `INSERT INTO mon_rollups (region_code, queue_id, interval_start, offered, answered, talk_seconds, wrap_seconds, answered_within, abandoned_within)
       SELECT region, 0, interval_start, offered, answered, talk, wrap, ARRAY[0,0,0,0,0,0,0,0,0,0], ARRAY[0,0,0,0,0,0]
         FROM json_to_recordset($1::json) AS x(region text, interval_start timestamptz, offered int, answered int, talk float8, wrap float8)`,
      [JSON.stringify(rows)],
    );
  });
  afterAll(() => app.close());

  it("forecasts next week from the region's weeks before and staffs every quarter hour", async () => {
    const r = await (await app.as('supervisor', '77')).get('/api/v1/staffing/plan');
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({
      region: '77',
      week: { monday: '2026-11-30', from: '2026-11-29T21:00:00.000Z', to: '2026-12-06T21:00:00.000Z' },
      // the four whole weeks before this Monday (23 November); the week in progress is not read
      history: { weeks: 4, calls: (inserted / 5) * 4, weeksWithCalls: 4, from: '2026-10-25T21:00:00.000Z', to: '2026-11-22T21:00:00.000Z' },
      target: { ahtFrom: 'history', maxOccupancy: 0.85, shrinkage: 0.3 },
    });
    expect(r.body.target.ahtSeconds).toBeCloseTo(200, 6);
    expect(r.body.intervals).toHaveLength(7 * 96);
    const at = (iso: string) => r.body.intervals.find((i: { start: string }) => i.start === iso);
    // Monday 11:00 Moscow: 20 calls, as every weekday before; 3:00 at night: none, nobody needed.
    expect(at('2026-11-30T08:00:00.000Z')).toMatchObject({ calls: 20 });
    expect(at('2026-11-30T08:00:00.000Z').agents).toBeGreaterThanOrEqual(5);
    expect(at('2026-11-30T00:00:00.000Z')).toMatchObject({ calls: 0, agents: 0, scheduled: 0 });
    // Saturday afternoon: the weekend's 4.
    expect(at('2026-12-05T10:00:00.000Z').calls).toBe(4);
    expect(r.body.peak.calls).toBe(20);
    expect(r.body.totals.calls).toBe(5 * 32 * 20 + 2 * 32 * 4);
    expect(r.body.intervals[0].scheduled).toBeGreaterThanOrEqual(r.body.intervals[0].agents);
  });

  it('takes the targets and the handle time asked for, and a given Monday', async () => {
    const coordinator = await app.as('coordinator', 'federal');
    const r = await coordinator.get('/api/v1/staffing/plan?region=77&week=2026-12-07&ahtSeconds=400&targetSl=0.9&targetSeconds=20&shrinkage=0');
    expect(r.status, r.text).toBe(200);
    expect(r.body.week.monday).toBe('2026-12-07');
    expect(r.body.target).toMatchObject({ ahtSeconds: 400, ahtFrom: 'query', targetSl: 0.9, targetSeconds: 20, shrinkage: 0 });
    // The week after next is forecast from the same whole weeks, one week further ahead.
    expect(r.body.history).toMatchObject({ weeks: 4, calls: (inserted / 5) * 4, weeksWithCalls: 4, to: '2026-11-22T21:00:00.000Z' });
    expect(r.body.intervals.find((i: { start: string }) => i.start === '2026-12-07T08:00:00.000Z').calls).toBe(20);
  });

  it('does not take the week in progress for a week: its calls so far are no zeros for the days to come', async () => {
    const r = await (await app.as('supervisor', '78')).get('/api/v1/staffing/plan');
    expect(r.status, r.text).toBe(200);
    const at = (iso: string) => r.body.intervals.find((i: { start: string }) => i.start === iso);
    // Thursday and Saturday of next week: as every Thursday and Saturday before, though this week's are still to come
    expect(at('2026-12-03T08:00:00.000Z').calls).toBe(20);
    expect(at('2026-12-05T10:00:00.000Z').calls).toBe(4);
    expect(r.body.totals.calls).toBe(5 * 32 * 20 + 2 * 32 * 4);
  });

  it('says how many of the history weeks had calls: a region with none has none', async () => {
    const coordinator = await app.as('coordinator', 'federal');
    expect((await coordinator.get('/api/v1/staffing/plan?region=77')).body.history).toMatchObject({ weeks: 4, weeksWithCalls: 4 });
    expect((await coordinator.get('/api/v1/staffing/plan?region=77&weeks=6')).body.history).toMatchObject({ weeks: 6, weeksWithCalls: 4 });
    const empty = await coordinator.get('/api/v1/staffing/plan?region=25');
    expect(empty.status, empty.text).toBe(200);
    expect(empty.body.history).toMatchObject({ weeks: 4, calls: 0, weeksWithCalls: 0 });
  });

  it('says what is wrong: no region, not a Monday, an unknown region, another region', async () => {
    const coordinator = await app.as('coordinator', 'federal');
    const none = await coordinator.get('/api/v1/staffing/plan');
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([{ path: 'query.region', message: expect.any(String) }]);
    const tuesday = await coordinator.get('/api/v1/staffing/plan?region=77&week=2026-12-01');
    expect(tuesday.status).toBe(400);
    expect(JSON.stringify(tuesday.body)).toContain('must be a Monday');
    expect((await coordinator.get('/api/v1/staffing/plan?region=999')).status).toBe(404);
    expect((await coordinator.get('/api/v1/staffing/plan?region=77&weeks=2')).status).toBe(400);
    expect((await (await app.as('supervisor', '78')).get('/api/v1/staffing/plan?region=77')).status).toBe(403);
    expect((await (await app.as('operator', '77')).get('/api/v1/staffing/plan')).status).toBe(403);
    // 30 February is no date (JavaScript would read it as 2 March, a Monday)
    const february = await coordinator.get('/api/v1/staffing/plan?region=77&week=2026-02-30');
    expect(february.status).toBe(400);
    expect(february.body.errors[0].path).toBe('query.week');
  });

  it('plans a region whose norm asks for no service level at all', async () => {
    const admin = await app.as('admin', 'federal');
    expect((await admin.put('/api/v1/regions/79/settings', { norms: { serviceLevelTarget: 0 } })).status).toBe(200);
    const r = await (await app.as('supervisor', '79')).get('/api/v1/staffing/plan');
    expect(r.status, r.text).toBe(200);
    expect(r.body.target.targetSl).toBeGreaterThan(0);
  });
});
