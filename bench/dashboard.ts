// npm run bench:dashboard — a year of the national service as rollups (about 59 million calls,
// February the peak month, each region's calls by its population and its own time of day), then
// every dashboard and report API timed through HTTP, on embedded PGlite and (with DATABASE_URL) on
// PostgreSQL. The baseline in the same run: the same month's figures by a plain aggregate over raw
// call rows, as a system without rollups would compute them.
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createApp } from '../src/app.ts';
import { systemActor } from '../src/platform/access/principal.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Db } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { createLogger } from '../src/platform/logger.ts';
import { demoRegionsFile, readRegionsFile, utcOffsetMinutes } from '../src/regions/index.ts';
import { startServices, stopServices } from '../src/services.ts';
import { percentile, round } from './support.ts';

const YEAR = 2025;
const CALLS_PER_YEAR = 59_000_000;
/** The raw-rows baseline: one month (January) at this share of its real size (1 = about 4 million rows). */
const RAW_SCALE = Number(process.env.BENCH_RAW_SCALE ?? 0.25);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
// Month weights: February about twice an ordinary month.
const MONTHS = [1.0, 2.0, 1.2, 1.0, 0.9, 0.8, 0.75, 0.8, 1.0, 1.05, 1.1, 1.2];

/** Calls per year → rows: every region, every 15 minutes, shaped by month, weekday and local hour. */
async function generate(db: Db): Promise<void> {
  const regions = readRegionsFile(demoRegionsFile);
  const population = regions.reduce((s, r) => s + r.population, 0);
  const monthSum = MONTHS.reduce((a, b) => a + b * 30.4, 0);
  const perDay = CALLS_PER_YEAR / monthSum; // calls on an ordinary day of weight 1
  // Russia keeps no summer time: each region's offset is fixed, and local time is UTC plus it (cheap in SQL).
  const weights = JSON.stringify(regions.map((r) => ({ code: r.code, off: utcOffsetMinutes(r.timezone), share: r.population / population })));
  const months = `ARRAY[${MONTHS.join(',')}]::float8[]`;
  // local hour curve: quiet at night, a morning peak at 10–12, a smaller one after lunch
  const curve = [0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.8, 0.8, 1.9, 1.9, 1.9, 1.9, 1.3, 1.6, 1.6, 1.6, 1.6, 0.8, 0.8, 0.8, 0.3, 0.3, 0.3];
  const curveSum = curve.reduce((a, b) => a + b, 0);
  const hour = `(ARRAY[${curve.map((c) => (c / curveSum / 4).toFixed(6)).join(',')}]::float8[])[extract(hour FROM g.t + w.off * interval '1 minute')::int + 1]`;
  await db.query(
    `INSERT INTO mon_rollups (region_code, queue_id, interval_start, offered, answered, abandoned, overflow_out, overflow_in, callbacks,
                              wait_seconds, max_wait_seconds, talk_seconds, wrap_seconds, answered_within, abandoned_within)
     SELECT code, 1, t, o, a, o - a, o / 40, 0, o / 100, a * 25.0, 240, a * 190.0, a * 30.0,
            ARRAY[a * 0.35, a * 0.45, a * 0.55, a * 0.65, a * 0.75, a * 0.84, a * 0.9, a * 0.94, a * 0.98, a]::int[],
            ARRAY[(o - a) * 0.1, (o - a) * 0.2, (o - a) * 0.35, (o - a) * 0.45, (o - a) * 0.55, (o - a) * 0.7]::int[]
       FROM (
         SELECT code, t, o, (o * 0.92)::int AS a FROM (
           SELECT w.code, g.t AT TIME ZONE 'UTC' AS t,
                  round($2::float8 * w.share * (${months})[extract(month FROM g.t + w.off * interval '1 minute')::int]
                        * (CASE WHEN extract(isodow FROM g.t + w.off * interval '1 minute') >= 6 THEN 0.55 ELSE 1.15 END)
                        * ${hour})::int AS o
             FROM json_to_recordset($1::json) AS w(code text, off int, share float8)
             CROSS JOIN generate_series($3::timestamp, $4::timestamp - interval '15 minutes', interval '15 minutes') AS g(t)
         ) x
       ) y`,
    [weights, perDay, `${YEAR}-01-01T00:00:00`, `${YEAR + 1}-01-01T00:00:00`],
  );
  await db.query(
    `INSERT INTO mon_daily (region_code, local_date, offered, answered, abandoned, overflow_out, overflow_in, callbacks, wait_seconds, max_wait_seconds, talk_seconds, wrap_seconds, answered_within, abandoned_within)
     SELECT m.region_code, ((m.interval_start AT TIME ZONE 'UTC') + w.off * interval '1 minute')::date, sum(offered), sum(answered), sum(abandoned), sum(overflow_out), sum(overflow_in), sum(callbacks),
            sum(wait_seconds), max(max_wait_seconds), sum(talk_seconds), sum(wrap_seconds),
            ARRAY[sum(answered_within[1]), sum(answered_within[2]), sum(answered_within[3]), sum(answered_within[4]), sum(answered_within[5]), sum(answered_within[6]), sum(answered_within[7]), sum(answered_within[8]), sum(answered_within[9]), sum(answered_within[10])]::int[],
            ARRAY[sum(abandoned_within[1]), sum(abandoned_within[2]), sum(abandoned_within[3]), sum(abandoned_within[4]), sum(abandoned_within[5]), sum(abandoned_within[6])]::int[]
       FROM mon_rollups m JOIN json_to_recordset($1::json) AS w(code text, off int) ON w.code = m.region_code
      GROUP BY 1, 2`,
    [weights],
  );
  const topics = JSON.stringify(['Пенсии', 'Пособия на детей', 'Паспорт', 'Загранпаспорт', 'Налоги', 'Медицина', 'Школа', 'ЖКХ', 'Транспорт', 'Занятость', 'Мобилизация', 'Вакцинация'].map((t, i) => ({ topic: t, share: 1 / (i + 2) })));
  await db.query(
    `INSERT INTO mon_topic_daily (region_code, local_date, topic, calls)
     SELECT d.region_code, d.local_date, t.topic, greatest(1, (d.offered * t.share / 3.1)::int) FROM mon_daily d CROSS JOIN json_to_recordset($1::json) AS t(topic text, share float8)`,
    [topics],
  );
  await db.query(
    `INSERT INTO mon_topic_rollups (region_code, interval_start, topic, calls)
     SELECT m.region_code, m.interval_start, t.topic, greatest(1, (m.offered * t.share / 3.1)::int) FROM mon_rollups m CROSS JOIN json_to_recordset($1::json) AS t(topic text, share float8)
      WHERE m.interval_start >= $2::timestamptz - interval '2 days'`,
    [topics, `${YEAR + 1}-01-01T00:00:00Z`],
  );
  await db.exec('ANALYZE mon_rollups; ANALYZE mon_daily; ANALYZE mon_topic_daily; ANALYZE mon_topic_rollups');
}

/** The baseline's raw rows: January's calls, one row each, as a call table would hold them. */
async function rawMonth(db: Db): Promise<number> {
  await db.exec('CREATE TABLE bench_calls (region_code text, offered_at timestamptz, answered_at timestamptz, ended_at timestamptz, state text)');
  await db.query(
    `INSERT INTO bench_calls
     SELECT m.region_code, m.interval_start + (i * interval '1 second' * 900 / greatest(m.offered, 1)),
            CASE WHEN i % 13 <> 0 THEN m.interval_start + (i * interval '1 second' * 900 / greatest(m.offered, 1)) + ((i * 7) % 90) * interval '1 second' END,
            m.interval_start + (i * interval '1 second' * 900 / greatest(m.offered, 1)) + interval '4 minutes',
            CASE WHEN i % 13 <> 0 THEN 'ended' ELSE 'abandoned' END
       FROM mon_rollups m CROSS JOIN LATERAL generate_series(1, greatest(1, (m.offered * $3::float8)::int)) AS i
      WHERE m.interval_start >= $1 AND m.interval_start < $2`,
    [`${YEAR}-01-01T00:00:00Z`, `${YEAR}-02-01T00:00:00Z`, RAW_SCALE],
  );
  await db.exec('CREATE INDEX ON bench_calls (offered_at); ANALYZE bench_calls');
  return Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM bench_calls')).rows[0]!.n);
}

interface Figures {
  p50Ms: number;
  p95Ms: number;
  baselineMs: number;
}

async function run(db: Db, label: string): Promise<Figures> {
  await migrate(db);
  const logger = createLogger({ level: 'silent', format: 'json' });
  const now = new Date(`${YEAR}-12-31T09:30:00Z`);
  const { http, services } = await createApp({ config: loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '10000' }), db, logger, options: { secretKey: Buffer.alloc(32, 5), clock: () => now } });
  const actor = systemActor('bench');
  await services.regions.importRecords(actor, readRegionsFile(demoRegionsFile));
  await startServices(services, { acd: false });
  let t = performance.now();
  await generate(db);
  const total = Number((await db.query<{ n: string }>('SELECT sum(offered) AS n FROM mon_daily')).rows[0]!.n);
  const rows = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM mon_rollups')).rows[0]!.n);
  console.log(`${label}: a year of history — ${(total / 1e6).toFixed(1)} million calls in ${(rows / 1e6).toFixed(2)} million interval rows, generated in ${round((performance.now() - t) / 1000, 1)} s`);
  await http.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  await services.users.create(actor, { username: 'bench-coordinator', displayName: 'bench', role: 'coordinator', region: 'federal', password: 'bench-password-1' });
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-coordinator', password: 'bench-password-1' }) });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;

  const apis: Record<string, string> = {
    wallboard: '/api/v1/monitoring/wallboard',
    'calls by day, a year': `/api/v1/reports/calls?from=${YEAR}-01-01&to=${YEAR}-12-31&by=day`,
    'calls by month, a year': `/api/v1/reports/calls?from=${YEAR}-01-01&to=${YEAR}-12-31&by=month`,
    'calls by day, a year, CSV': `/api/v1/reports/calls?from=${YEAR}-01-01&to=${YEAR}-12-31&by=day&format=csv`,
    'regions, a year': `/api/v1/reports/regions?from=${YEAR}-01-01&to=${YEAR}-12-31`,
    'topics, a year': `/api/v1/reports/topics?from=${YEAR}-01-01&to=${YEAR}-12-31`,
    'compliance by month, a year': `/api/v1/reports/compliance?from=${YEAR}-01-01&to=${YEAR}-12-31&by=month`,
    'compliance by day, a month': `/api/v1/reports/compliance?from=${YEAR}-02-01&to=${YEAR}-02-28&by=day`,
    'year summary': `/api/v1/reports/year?year=${YEAR}`,
    'calls by day, one region': `/api/v1/reports/calls?from=${YEAR}-01-01&to=${YEAR}-12-31&by=day&region=77`,
    alerts: '/api/v1/monitoring/alerts',
  };
  const all: number[] = [];
  for (const [name, path] of Object.entries(apis)) {
    const times: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      t = performance.now();
      const r = await fetch(url + path, { headers: { cookie } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${name}: ${r.status}`);
      if (i >= 2) times.push(performance.now() - t); // the first two warm caches up
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(`  ${name.padEnd(30)} p50 ${round(percentile(times, 50), 1)} ms, p95 ${round(percentile(times, 95), 1)} ms`);
  }
  // The year check: does the generated year look like the service's?
  const year = (await (await fetch(`${url}/api/v1/reports/year?year=${YEAR}`, { headers: { cookie } })).json()) as { calls: number; peakMonth: { month: string } };
  console.log(`  the year: ${(year.calls / 1e6).toFixed(1)} million calls, peak month ${year.peakMonth.month}`);

  t = performance.now();
  const raw = await rawMonth(db);
  console.log(`  baseline: ${(raw / 1e6).toFixed(2)} million raw call rows for January (scale ${RAW_SCALE}), made in ${round((performance.now() - t) / 1000, 1)} s`);
  const baseline: number[] = [];
  for (let i = 0; i < Math.max(3, Math.round(RUNS / 4)); i++) {
    t = performance.now();
    await db.query(
      `SELECT region_code, (offered_at AT TIME ZONE 'Europe/Moscow')::date AS day, count(*) AS offered, count(answered_at) AS answered,
              count(*) FILTER (WHERE answered_at - offered_at <= interval '60 seconds') AS in_time, count(*) FILTER (WHERE state = 'abandoned') AS abandoned,
              avg(extract(epoch FROM answered_at - offered_at)) AS asa
         FROM bench_calls WHERE offered_at >= $1 AND offered_at < $2 GROUP BY 1, 2`,
      [`${YEAR}-01-01T00:00:00Z`, `${YEAR}-02-01T00:00:00Z`],
    );
    baseline.push(performance.now() - t);
  }
  baseline.sort((a, b) => a - b);
  const baselineMs = percentile(baseline, 50);
  all.sort((a, b) => a - b);
  const f = { p50Ms: round(percentile(all, 50), 2), p95Ms: round(percentile(all, 95), 2), baselineMs: round(baselineMs, 1) };
  console.log(`  all dashboard and report APIs: p50 ${f.p50Ms} ms, p95 ${f.p95Ms} ms (limit ${label === 'PGlite' ? 150 : 50} ms)`);
  console.log(`  baseline, one month by region and day from ${(raw / 1e6).toFixed(2)} million raw rows: ${f.baselineMs} ms (${round(baselineMs / f.p95Ms, 1)}× the APIs' p95; a full month is ${round(1 / RAW_SCALE, 1)}× these rows)`);
  await http.close();
  await stopServices(services);
  return f;
}

const out: Record<string, Figures> = {};
const embedded = await openPglite({});
try {
  out.pglite = await run(embedded, 'PGlite');
} finally {
  await embedded.close();
}
if (process.env.DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `otvet_bench_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = `/${name}`;
  const server = await openPostgres({ url: u.toString(), poolSize: 10 });
  try {
    out.postgres = await run(server, 'PostgreSQL');
  } finally {
    await server.close();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
}
console.log(JSON.stringify(out));
