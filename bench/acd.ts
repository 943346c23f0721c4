// npm run bench:acd — calls end to end through the telephony events API (offered -> queued ->
// ACD decision -> answered -> ended; some abandoned, some overflowed to the reserve centre), as
// fast as the system takes them, on embedded PGlite and (with DATABASE_URL) on PostgreSQL. Beside
// it, in the same run, the storage limit: plain event-row inserts in batches of the same size.
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
import { demoRegionsFile, readRegionsFile } from '../src/regions/index.ts';
import { startServices, stopServices } from '../src/services.ts';
import { percentile, round } from './support.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 6000);
const REGIONS = ['77', '78', '50', '66', '16', '54', '23', '61', '02', '52'];
const OPS_PER_REGION = 12;
const RESERVE_OPS = 10;
const UNSTAFFED = '47'; // nobody works here: its calls overflow to the reserve centre
const BATCH = 100;
const STEADY = 300;

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
  const { http, services } = await createApp({ config: loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '10000' }), db, logger, options: { secretKey: Buffer.alloc(32, 3) } });
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
  const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
  const post = async (events: unknown[]) => {
    const r = await fetch(`${url}/api/v1/telephony/events`, { method: 'POST', headers, body: JSON.stringify({ events }) });
    if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
    return ((await r.json()) as { results: { status: string; reason?: string }[] }).results;
  };

  // The edge's side: decisions arrive over SSE; each "connect" is answered and ended at once.
  const sent = new Map<string, number>();
  const routing: number[] = [];
  let done = 0;
  let events = 0;
  let rejected = 0;
  const toAnswer: { callId: string; operator: string }[] = [];
  const controller = new AbortController();
  const stream = await fetch(`${url}/api/v1/telephony/decisions`, { headers: { authorization: headers.authorization, accept: 'text/event-stream' }, signal: controller.signal });
  void (async () => {
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) return;
        buf += value;
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data || !block.includes('event: connect')) continue;
          const d = JSON.parse(data.slice(6)) as { callId: string; operator: { username: string } };
          const t = sent.get(d.callId);
          if (t !== undefined) routing.push(performance.now() - t);
          toAnswer.push({ callId: d.callId, operator: d.operator.username });
        }
      }
    } catch {
      // closed
    }
  })();

  let next = 0;
  const started = performance.now();
  let seconds = 0;
  const answerer = (async () => {
    while (done < CALLS + STEADY) {
      if (!toAnswer.length) {
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      const batch = toAnswer.splice(0, BATCH / 2);
      const at = new Date().toISOString();
      const evs = batch.flatMap((c, i) => [
        { id: `${c.callId}-a`, callId: c.callId, type: 'answered', at, operator: c.operator },
        { id: `${c.callId}-e${i}`, callId: c.callId, type: 'ended', at: new Date(Date.now() + 1).toISOString() },
      ]);
      const res = await post(evs);
      events += evs.length;
      rejected += res.filter((r) => r.status === 'rejected').length;
      done += batch.length;
      if (!seconds && done >= CALLS) seconds = (performance.now() - started) / 1000;
    }
  })();
  // The callers' side: keep about as many calls in the system as there are operators.
  const inFlight = () => next - done;
  const capacity = REGIONS.length * OPS_PER_REGION + RESERVE_OPS;
  while (next < CALLS) {
    if (inFlight() > capacity * 1.5) {
      await new Promise((r) => setTimeout(r, 1));
      continue;
    }
    const evs: unknown[] = [];
    const abandons: string[] = [];
    for (let i = 0; i < BATCH / 2 && next < CALLS; i++, next++) {
      const callId = `bench-${label}-${next}`;
      const region = next % 25 === 0 ? UNSTAFFED : REGIONS[next % REGIONS.length]!;
      const at = new Date().toISOString();
      evs.push({ id: `${callId}-o`, callId, type: 'offered', at, region, caller: `+7916${String(next % 9_000_000).padStart(7, '0')}`, dialled: '122' }, { id: `${callId}-q`, callId, type: 'queued', at });
      if (next % 20 === 1) abandons.push(callId);
      else sent.set(callId, performance.now());
    }
    // A share of callers hang up at once, before any operator is free.
    for (const callId of abandons) evs.push({ id: `${callId}-x`, callId, type: 'abandoned', at: new Date().toISOString() });
    const res = await post(evs);
    events += evs.length;
    rejected += res.filter((r) => r.status === 'rejected').length;
    done += abandons.length;
  }
  while (!seconds) await new Promise((r) => setTimeout(r, 5));

  const acknowledge: number[] = [];
  // Routing latency under a steady load well above the national peak (10 calls/s): 100 calls/s.
  const before = routing.length;
  for (let i = 0; i < STEADY; i++) {
    const callId = `steady-${label}-${i}`;
    const at = new Date().toISOString();
    const t = performance.now();
    sent.set(callId, t);
    await post([{ id: `${callId}-o`, callId, type: 'offered', at, region: REGIONS[i % REGIONS.length], caller: null }, { id: `${callId}-q`, callId, type: 'queued', at }]);
    acknowledge.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 10));
  }
  await answerer;
  controller.abort();

  // The storage limit: the same number of rows inserted in batches of the same size, nothing else.
  const rows = Math.round(events);
  await db.exec('CREATE TABLE bench_rows (id text PRIMARY KEY, call_id text, type text, at timestamptz, data jsonb)');
  const t0 = performance.now();
  for (let i = 0; i < rows; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, rows - i) }, (_, k) => ({ id: `r${i + k}`, call_id: `c${(i + k) >> 2}`, type: 'offered', at: new Date().toISOString(), data: { region: '77' } }));
    await db.query('INSERT INTO bench_rows SELECT * FROM json_to_recordset($1::json) AS x(id text, call_id text, type text, at timestamptz, data jsonb)', [JSON.stringify(batch)]);
  }
  const baselineRowsPerSec = rows / ((performance.now() - t0) / 1000);

  await http.close();
  await stopServices(services);
  const sorted = routing.slice(0, before).sort((a, b) => a - b);
  const calm = routing.slice(before).sort((a, b) => a - b);
  const f: Figures = {
    callsPerSec: round(CALLS / seconds, 1),
    eventsPerSec: round(events / seconds, 1),
    p50RoutingMs: round(percentile(calm, 50), 2),
    p99RoutingMs: round(percentile(calm, 99), 2),
    baselineRowsPerSec: round(baselineRowsPerSec, 1),
  };
  console.log(`${label}: ${CALLS} calls in ${round(seconds, 2)} s — ${f.callsPerSec} calls/s, ${f.eventsPerSec} events/s (${rejected} events refused)`);
  console.log(`  routing decision after offered+queued: p50 ${f.p50RoutingMs} ms, p99 ${f.p99RoutingMs} ms at 100 calls/s (limit p99 10 ms); under full load p50 ${round(percentile(sorted, 50), 1)} ms, p99 ${round(percentile(sorted, 99), 1)} ms`);
  console.log(`  of which the events API's own answer (offered+queued acknowledged): p50 ${round(percentile(acknowledge.sort((a, b) => a - b), 50), 2)} ms, p99 ${round(percentile(acknowledge, 99), 2)} ms`);
  console.log(`  storage baseline: ${f.baselineRowsPerSec} plain event rows/s in batches of ${BATCH}; events API at ${round((f.eventsPerSec / f.baselineRowsPerSec) * 100, 1)} % of it`);
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
  const server = await openPostgres({ url: u.toString(), poolSize: 20 });
  try {
    out.postgres = await run(server, 'PostgreSQL');
  } finally {
    await server.close();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
}
console.log(JSON.stringify(out));
