// npm run bench:dashboard — a year of the national service as rollups (about 59 million calls,
// February the peak month, each region's calls by its population and its own time of day), then
// every dashboard and report API timed through HTTP, on embedded PGlite and (with DATABASE_URL) on
// PostgreSQL. The baseline in the same run: the same month's figures by a plain aggregate over raw
// call rows, as a system without rollups would compute them.
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.ts';
import { systemActor } from '../src/platform/access/principal.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Db } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { createLogger } from '../src/platform/logger.ts';
import { demoRegionsFile, readRegionsFile } from '../src/regions/index.ts';
import { startServices, stopServices } from '../src/services.ts';
import { generate, RAW_SCALE, rawMonth, YEAR } from './dashboard-history.ts';
import { percentile, round, serverDatabase } from './support.ts';
import { masterKey } from '../src/platform/crypto/master-key.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

interface Figures {
  p50Ms: number;
  p95Ms: number;
  baselineMs: number;
}

async function run(db: Db, label: string): Promise<Figures> {
  await migrate(db);
  const logger = createLogger({ level: 'silent', format: 'json' });
  const now = new Date(`${YEAR}-12-31T09:30:00Z`);
  const { http, services } = await createApp({
    config: loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '10000' }),
    db,
    logger,
    options: { secretKey: Buffer.alloc(32, 5), masterKeys: { current: masterKey(Buffer.alloc(32, 5)), previous: [] }, clock: () => now },
  });
  const actor = systemActor('bench');
  await services.regions.importRecords(actor, readRegionsFile(demoRegionsFile));
  await startServices(services, { acd: false });
  let t = performance.now();
  await generate(db);
  const total = Number((await db.query<{ n: string }>('SELECT sum(offered) AS n FROM mon_daily')).rows[0]!.n);
  const rows = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM mon_rollups')).rows[0]!.n);
  console.log(
    `${label}: a year of history — ${(total / 1e6).toFixed(1)} million calls in ${(rows / 1e6).toFixed(2)} million interval rows, generated in ${round((performance.now() - t) / 1000, 1)} s`,
  );
  await http.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  await services.users.create(actor, { username: 'bench-coordinator', displayName: 'bench', role: 'coordinator', region: 'federal', password: 'bench-password-1' });
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-coordinator', password: 'bench-password-1' }),
  });
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
  const limit = label === 'PGlite' ? 150 : 50;
  const over: string[] = [];
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
    const p95 = percentile(times, 95);
    if (p95 > limit) over.push(name);
    console.log(`  ${name.padEnd(30)} p50 ${round(percentile(times, 50), 1)} ms, p95 ${round(p95, 1)} ms${p95 > limit ? `  — over the ${limit} ms limit` : ''}`);
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
  console.log(`  all dashboard and report APIs: p50 ${f.p50Ms} ms, p95 ${f.p95Ms} ms (limit ${limit} ms, for each API: ${over.length ? `${over.join(', ')} over it` : 'every one within it'})`);
  console.log(
    `  baseline, one month by region and day from ${(raw / 1e6).toFixed(2)} million raw rows: ${f.baselineMs} ms (${round(baselineMs / f.p95Ms, 1)}× the APIs' p95; a full month is ${round(1 / RAW_SCALE, 1)}× these rows)`,
  );
  await http.close();
  await stopServices(services);
  return f;
}

const out: Record<string, Figures> = {};
// BENCH_ONLY=postgres skips the embedded run (for a second look at one engine; the figures of record have both).
if (process.env.BENCH_ONLY !== 'postgres') {
  const embedded = await openPglite({});
  try {
    out.pglite = await run(embedded, 'PGlite');
  } finally {
    await embedded.close();
  }
}
if (process.env.DATABASE_URL) {
  const server = await serverDatabase(process.env.DATABASE_URL, { prefix: 'otvet_bench', poolSize: 10 });
  try {
    out.postgres = await run(server, 'PostgreSQL');
  } finally {
    await server.close();
  }
}
console.log(JSON.stringify(out));
