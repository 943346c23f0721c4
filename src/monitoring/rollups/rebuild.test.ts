// The rollups kept as events arrive equal a rebuild from raw events — also when the events came
// shuffled and duplicated — and equal the rollups of the same events sent in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { day, prng, send, shuffledWithDuplicates } from '../../../test/support/day-of-calls.ts';
import { edgeClient } from '../../../test/support/telephony.ts';

async function snapshot(app: TestApp) {
  await app.services.monitoring.folder.catchUp();
  const rows = await app.db.query(
    `SELECT region_code, queue_id, interval_start, offered, answered, abandoned, overflow_out, overflow_in, callbacks,
            round(wait_seconds::numeric, 3) AS wait, round(max_wait_seconds::numeric, 3) AS max_wait, round(talk_seconds::numeric, 3) AS talk,
            round(wrap_seconds::numeric, 3) AS wrap, answered_within, abandoned_within
       FROM mon_rollups WHERE offered <> 0 OR answered <> 0 OR abandoned <> 0 OR overflow_in <> 0 ORDER BY 1, 2, 3`,
  );
  const topics = await app.db.query('SELECT region_code, interval_start, topic, calls FROM mon_topic_rollups WHERE calls <> 0 ORDER BY 1, 2, 3');
  // (operators' time from now on follows the wall clock, which differs between the two apps)
  const agents = await app.db.query(
    'SELECT region_code, interval_start, state, round(seconds::numeric, 3) AS seconds FROM mon_agent_time WHERE seconds <> 0 AND interval_start < $1 ORDER BY 1, 2, 3',
    [new Date('2026-11-29T00:00:00Z')],
  );
  const daily = await app.db.query(
    `SELECT region_code, local_date::text, offered, answered, abandoned, overflow_out, overflow_in, callbacks, round(wait_seconds::numeric, 3) AS wait,
            round(max_wait_seconds::numeric, 3) AS max_wait, round(talk_seconds::numeric, 3) AS talk, round(wrap_seconds::numeric, 3) AS wrap, answered_within, abandoned_within
       FROM mon_daily WHERE offered <> 0 OR answered <> 0 OR abandoned <> 0 OR overflow_in <> 0 ORDER BY 1, 2`,
  );
  const topicDays = await app.db.query('SELECT region_code, local_date::text, topic, calls FROM mon_topic_daily WHERE calls <> 0 ORDER BY 1, 2, 3');
  const monthly = await app.db.query(
    `SELECT region_code, month::text, offered, answered, abandoned, overflow_out, overflow_in, callbacks, round(wait_seconds::numeric, 3) AS wait,
            round(max_wait_seconds::numeric, 3) AS max_wait, round(talk_seconds::numeric, 3) AS talk, round(wrap_seconds::numeric, 3) AS wrap, answered_within, abandoned_within
       FROM mon_monthly WHERE offered <> 0 OR answered <> 0 OR abandoned <> 0 OR overflow_in <> 0 ORDER BY 1, 2`,
  );
  const topicMonths = await app.db.query('SELECT region_code, month::text, topic, calls FROM mon_topic_monthly WHERE calls <> 0 ORDER BY 1, 2, 3');
  const national = await app.db.query(
    `SELECT local_date::text, offered, answered, abandoned, overflow_out, overflow_in, callbacks, round(wait_seconds::numeric, 3) AS wait,
            round(max_wait_seconds::numeric, 3) AS max_wait, round(talk_seconds::numeric, 3) AS talk, round(wrap_seconds::numeric, 3) AS wrap, answered_within, abandoned_within
       FROM mon_national_daily WHERE offered <> 0 OR answered <> 0 OR abandoned <> 0 OR overflow_in <> 0 ORDER BY 1`,
  );
  return { rows: rows.rows, topics: topics.rows, agents: agents.rows, daily: daily.rows, topicDays: topicDays.rows, monthly: monthly.rows, topicMonths: topicMonths.rows, national: national.rows };
}

describe('interval rollups', () => {
  let shuffled: TestApp;
  let ordered: TestApp;
  const operators = ['op-a-77', 'op-b-77', 'op-c-77', 'op-a-78', 'op-b-78'];
  beforeAll(async () => {
    [shuffled, ordered] = await Promise.all([startApp({}, { acd: false }), startApp({}, { acd: false })]);
    for (const app of [shuffled, ordered]) {
      for (const name of operators) {
        await app.user('operator', name.slice(-2), name);
        // a seat, so their state moves with the calls and their time is counted
        await app.db.query(
          "INSERT INTO cc_agents (user_id, region_code, state, idle_since, state_since) SELECT id, region_code, 'ready', '2026-11-27T05:00:00Z', '2026-11-27T05:00:00Z' FROM users WHERE username = $1",
          [name],
        );
        await app.db.query("INSERT INTO cc_agent_log (user_id, region_code, state, at) SELECT id, region_code, 'ready', '2026-11-27T05:00:00Z' FROM users WHERE username = $1", [name]);
      }
    }
  });
  afterAll(async () => {
    await shuffled.close();
    await ordered.close();
  });

  it('kept incrementally, they equal a rebuild from raw events, whatever the arrival order', async () => {
    const events = day(operators).sort((a, b) => a.at.localeCompare(b.at));
    const r = prng(5);
    await send(await edgeClient(shuffled), shuffledWithDuplicates(events, 5), () => 1 + Math.floor(r() * 120));
    await send(await edgeClient(ordered), events, () => 100);

    const incremental = await snapshot(shuffled);
    expect(incremental.rows.length).toBeGreaterThan(20);
    const offered = incremental.rows.reduce((s, x) => s + Number(x.offered), 0);
    expect(offered).toBe(400);
    expect(incremental.agents.length).toBeGreaterThan(0);
    expect((await snapshot(ordered)).rows).toEqual(incremental.rows);
    expect((await snapshot(ordered)).topics).toEqual(incremental.topics);
    expect(incremental.daily.length).toBeGreaterThan(1);
    expect(incremental.daily.reduce((s, x) => s + Number(x.offered), 0)).toBe(400);
    expect((await snapshot(ordered)).daily).toEqual(incremental.daily);
    // a month is the sum of its days, the largest wait the largest of theirs
    const months = new Map<string, { offered: number; maxWait: number; topics: number }>();
    for (const x of incremental.daily) {
      const k = `${x.region_code}|${String(x.local_date).slice(0, 7)}-01`;
      const m = months.get(k) ?? { offered: 0, maxWait: 0, topics: 0 };
      months.set(k, { ...m, offered: m.offered + Number(x.offered), maxWait: Math.max(m.maxWait, Number(x.max_wait)) });
    }
    for (const t of incremental.topicDays) months.get(`${t.region_code}|${String(t.local_date).slice(0, 7)}-01`)!.topics += Number(t.calls);
    expect(incremental.monthly.map((x) => [`${x.region_code}|${x.month}`, Number(x.offered), Number(x.max_wait)])).toEqual([...months].map(([k, m]) => [k, m.offered, m.maxWait]));
    expect(incremental.topicMonths.reduce((s, x) => s + Number(x.calls), 0)).toBe([...months.values()].reduce((s, m) => s + m.topics, 0));
    // a date over all regions is the sum of the regions' days of that date
    const dates = new Map<string, { offered: number; answered: number; maxWait: number }>();
    for (const x of incremental.daily) {
      const d = dates.get(String(x.local_date)) ?? { offered: 0, answered: 0, maxWait: 0 };
      dates.set(String(x.local_date), { offered: d.offered + Number(x.offered), answered: d.answered + Number(x.answered), maxWait: Math.max(d.maxWait, Number(x.max_wait)) });
    }
    expect(incremental.national.map((x) => [x.local_date, Number(x.offered), Number(x.answered), Number(x.max_wait)])).toEqual([...dates].map(([k, d]) => [k, d.offered, d.answered, d.maxWait]));

    const result = await shuffled.services.monitoring.rebuild(new Date('2026-11-26T00:00:00Z'), new Date('2026-11-29T00:00:00Z'));
    expect(result.calls).toBe(400);
    expect(await snapshot(shuffled)).toEqual(incremental);
  });

  it('a rebuild while changes wait to be folded counts each of them once', async () => {
    // The same day again as other calls: the ordered app folds them as usual; the other one has
    // them all committed but not folded when the rebuild runs.
    const more = day(operators)
      .map((e) => ({ ...e, id: `again-${e.id}`, callId: `again-${e.callId}` }))
      .sort((a, b) => a.at.localeCompare(b.at));
    await send(await edgeClient(ordered), more, () => 100);
    const expected = await snapshot(ordered);
    expect(expected.rows.reduce((s, x) => s + Number(x.offered), 0)).toBe(800);

    await shuffled.services.monitoring.folder.stop();
    await send(await edgeClient(shuffled), more, () => 100);
    const waiting = await shuffled.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events e, mon_rollup_cursor c WHERE e.topic = 'cc.calls.changed' AND e.payload ? 'facts' AND (e.txid, e.id) > (c.txid, c.event_id)",
    );
    expect(waiting.rows[0]!.n).toBeGreaterThan(5);
    await shuffled.services.monitoring.rebuild(new Date('2026-11-26T00:00:00Z'), new Date('2026-11-29T00:00:00Z'));
    expect(await snapshot(shuffled)).toEqual(expected);
    // The rebuild's mark goes once the folder is past it.
    expect((await shuffled.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mon_fold_skips')).rows[0]!.n).toBe(0);
  });
});
