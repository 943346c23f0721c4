// npm run bench:acd — calls end to end through the telephony events API (offered -> queued ->
// ACD decision -> answered -> ended; some abandoned, some overflowed to the reserve centre), as
// fast as the system takes them, on embedded PGlite and (with DATABASE_URL) on PostgreSQL. Beside
// it, in the same run, the storage limit: plain event-row inserts in batches of the same size.
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { createApp } from '../src/app.ts';
import { systemActor } from '../src/platform/access/principal.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Db } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { createLogger } from '../src/platform/logger.ts';
import { demoRegionsFile, readRegionsFile } from '../src/regions/index.ts';
import { startServices, stopServices } from '../src/services.ts';
import { percentile, round, serverDatabase, perEngine } from './support.ts';
import type { EdgeFigures, EdgeTask } from './acd-edge.ts';
import { masterKey } from '../src/platform/crypto/master-key.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 6000);
const REGIONS = ['77', '78', '50', '66', '16', '54', '23', '61', '02', '52'];
const OPS_PER_REGION = 12;
const RESERVE_OPS = 10;
const UNSTAFFED = '47'; // nobody works here: its calls overflow to the reserve centre
const BATCH = 100;
/** Requests in flight at once on each side of the edge. */
const LINES = Number(process.env.BENCH_LINES ?? 8);
/**
 * Routing latency one call at a time: at twice the 2022 national peak (about 10 calls/s, all of it
 * through one node here) — the figure the JSON reports — and at ten times it. 1,000 calls each: a
 * p99 is then the 10th slowest, not the 4th, and one hiccup of the machine does not make it.
 */
const STEADY = [
  { rate: 20, calls: Number(process.env.BENCH_STEADY_CALLS ?? 1000) },
  { rate: 100, calls: Number(process.env.BENCH_STEADY_CALLS ?? 1000) },
];

interface Figures {
  callsPerSec: number;
  eventsPerSec: number;
  p50RoutingMs: number;
  p99RoutingMs: number;
  baselineRowsPerSec: number;
}

async function run(db: Db, label: string): Promise<Figures> {
  await migrate(db);
  const logger = createLogger({ level: (process.env.BENCH_LOG as 'error') ?? 'silent', format: 'json' });
  const { http, services } = await createApp({
    config: loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '10000' }),
    db,
    logger,
    options: { secretKey: Buffer.alloc(32, 3), masterKeys: { current: masterKey(Buffer.alloc(32, 5)), previous: [] } },
  });
  const actor = systemActor('bench');
  await services.regions.importRecords(actor, readRegionsFile(demoRegionsFile));
  await startServices(services, { waitForAcd: true });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;

  // Operators answer at once and the queues close wrap-up by themselves: the ACD is the subject.
  for (const q of services.cc.queues.all()) await db.transaction((tx) => services.cc.queues.update(tx, q.id, { wrapUpSeconds: 0 }));
  await services.cc.queues.load();
  const operators = new Map<string, string[]>();
  for (const region of [...REGIONS, 'federal']) {
    const names: string[] = [];
    for (let i = 0; i < (region === 'federal' ? RESERVE_OPS : OPS_PER_REGION); i++) {
      const username = `bench-${region}-${i}`;
      const { user } = await services.users.create(actor, { username, displayName: username, role: 'operator', region, password: 'bench-password-1' });
      await services.cc.agents.setOwnState({ principal: { userId: user.id, username, displayName: username, role: 'operator', region, via: 'session' }, via: 'session' }, 'ready');
      names.push(username);
    }
    operators.set(region, names);
  }
  const { user: edgeUser } = await services.users.create(actor, { username: 'bench-edge', displayName: 'edge', role: 'admin', region: 'federal', password: 'bench-password-1' });
  const { secret } = await services.tokens.create(actor, { user: edgeUser.id, name: 'bench', scopes: ['telephony'] });
  // The edge runs in its own thread (as it is its own process in life): the server keeps its core.
  const task: EdgeTask = {
    url,
    token: secret,
    label,
    calls: CALLS,
    regions: REGIONS,
    unstaffed: UNSTAFFED,
    capacity: REGIONS.length * OPS_PER_REGION + RESERVE_OPS,
    batch: BATCH,
    lines: LINES,
    steady: STEADY,
  };
  // (a thread does not inherit the TypeScript loader: it registers it, then loads the edge)
  const entry = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(new URL('./acd-edge.ts', import.meta.url).href)}); })`;
  const worker = new Worker(entry, { eval: true, workerData: task });
  const edge = await new Promise<EdgeFigures>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the edge thread stopped (exit ${code})`)));
  });
  await worker.terminate();
  const events = edge.events;

  // The storage limit: the same number of rows inserted in batches of the same size, nothing else.
  const rows = Math.round(events);
  await db.exec('CREATE TABLE bench_rows (id text PRIMARY KEY, call_id text, type text, at timestamptz, data jsonb)');
  const t0 = performance.now();
  for (let i = 0; i < rows; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, rows - i) }, (_, k) => ({
      id: `r${i + k}`,
      call_id: `c${(i + k) >> 2}`,
      type: 'offered',
      at: new Date().toISOString(),
      data: { region: '77' },
    }));
    await db.query('INSERT INTO bench_rows SELECT * FROM json_to_recordset($1::json) AS x(id text, call_id text, type text, at timestamptz, data jsonb)', [JSON.stringify(batch)]);
  }
  const baselineRowsPerSec = rows / ((performance.now() - t0) / 1000);

  await http.close();
  await stopServices(services);
  const sort = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const [peak, high] = edge.steady.map((p) => ({ rate: p.rate, routing: sort(p.routing), acknowledge: sort(p.acknowledge), empty: sort(p.empty) }));
  const f: Figures = {
    callsPerSec: round(CALLS / edge.seconds, 1),
    eventsPerSec: round(events / edge.seconds, 1),
    p50RoutingMs: round(percentile(peak!.routing, 50), 2),
    p99RoutingMs: round(percentile(peak!.routing, 99), 2),
    baselineRowsPerSec: round(baselineRowsPerSec, 1),
  };
  const loaded = sort(edge.loaded);
  console.log(`${label}: ${CALLS} calls in ${round(edge.seconds, 2)} s — ${f.callsPerSec} calls/s, ${f.eventsPerSec} events/s (${edge.rejected} events refused)`);
  for (const p of [peak!, high!]) {
    console.log(
      `  routing decision after offered+queued at ${p.rate} calls/s: p50 ${round(percentile(p.routing, 50), 2)} ms, p99 ${round(percentile(p.routing, 99), 2)} ms (${p.routing.length} calls; limit p99 10 ms); events API's answer p50 ${round(percentile(p.acknowledge, 50), 2)} ms, p99 ${round(percentile(p.acknowledge, 99), 2)} ms`,
    );
    console.log(
      `    baseline at the same rate: an empty request (GET /healthz) p50 ${round(percentile(p.empty, 50), 2)} ms, p99 ${round(percentile(p.empty, 99), 2)} ms — a routing decision is two such hops (the events POST, then the push to the edge)`,
    );
  }
  console.log(`  under full load (calls offered as fast as taken): routing p50 ${round(percentile(loaded, 50), 1)} ms, p99 ${round(percentile(loaded, 99), 1)} ms`);
  console.log(`  storage baseline: ${f.baselineRowsPerSec} plain event rows/s in batches of ${BATCH}; events API at ${round((f.eventsPerSec / f.baselineRowsPerSec) * 100, 1)} % of it`);
  return f;
}

async function runEmbedded(): Promise<Figures> {
  const embedded = await openPglite({});
  try {
    return await run(embedded, 'PGlite');
  } finally {
    await embedded.close();
  }
}

async function runServer(url: string): Promise<Figures> {
  const server = await serverDatabase(url, { prefix: 'otvet_bench', poolSize: 20 });
  try {
    return await run(server, 'PostgreSQL');
  } finally {
    await server.close();
  }
}

await perEngine<Figures>(import.meta.url, { pglite: runEmbedded, postgres: runServer });
