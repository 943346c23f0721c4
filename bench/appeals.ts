// npm run bench:appeals — appeals filed through POST /api/v1/appeals as fast as the system takes
// them (checked, routed, numbered, the personal part sealed with AES-256-GCM, registered with its
// history), on embedded PGlite and (with DATABASE_URL) on PostgreSQL. Beside it, in the same run,
// the baseline: the same rows (appeal and history, one transaction each, as many at once) inserted
// plainly, without the API and without encryption.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { createApp } from '../src/app.ts';
import { systemActor } from '../src/platform/access/principal.ts';
import { loadConfig } from '../src/platform/config.ts';
import { masterKey } from '../src/platform/crypto/master-key.ts';
import type { Db } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { createLogger } from '../src/platform/logger.ts';
import { demoRegionsFile, readRegionsFile } from '../src/regions/index.ts';
import { startServices, stopServices } from '../src/services.ts';
import { prng, round, serverDatabase, perEngine } from './support.ts';

const APPEALS = Number(process.env.BENCH_APPEALS ?? 3000);
/** Requests in flight at once (citizens' browsers, the portal, Open311 clients). */
const LINES = Number(process.env.BENCH_LINES ?? 16);
const REGIONS = ['77', '78', '50', '66', '16', '54', '23', '61', '02', '25'];
const SURNAMES = ['Иванова', 'Петров', 'Сидорова', 'Кузнецов', 'Смирнова', 'Попов', 'Волкова', 'Соколов'];
const NAMES = ['Анна', 'Пётр', 'Мария', 'Иван', 'Елена', 'Олег', 'Дарья', 'Сергей'];

interface Figures {
  appealsPerSec: number;
  baselineRowsPerSec: number;
}

/** The i-th appeal: a volunteer enrolment or a question, each from a different person with a different text. */
function appeal(i: number, rand: () => number) {
  const region = REGIONS[i % REGIONS.length]!;
  const name = `${SURNAMES[i % SURNAMES.length]} ${NAMES[Math.floor(rand() * NAMES.length)]}`;
  const common = { region, name, email: `citizen${i}@example.ru`, phone: `+7 916 ${String(1000000 + i).slice(-7)}`, consent: true };
  return i % 2
    ? {
        ...common,
        type: 'volunteer',
        text: `Хочу помогать как доброволец, заявка ${i}: по выходным, рядом с домом.`,
        values: { birth_date: '1985-04-12', directions: ['Гуманитарная помощь', 'Помощь пожилым'] },
      }
    : { ...common, type: 'state-question', text: `Вопрос ${i}: когда откроют новую поликлинику в нашем районе и как туда записаться?`, values: { subject: 'Здравоохранение' } };
}

/** Runs `n` tasks with `lines` of them at once. */
async function inParallel(n: number, lines: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: lines }, async () => {
      for (let i = next++; i < n; i = next++) await task(i);
    }),
  );
  return (performance.now() - t0) / 1000;
}

/**
 * The citizens' side: the filings sent from a thread of its own, `LINES` at once, as browsers and
 * portals would send them from elsewhere (on the app's own thread they would take half its time).
 */
function fromAnotherThread(url: string, bodies: string[]): Promise<number> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { url, bodies, lines } = workerData;
    let next = 0;
    const t0 = performance.now();
    const line = async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const r = await fetch(url + '/api/v1/appeals', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[i] });
        if (r.status !== 201) throw new Error('POST /api/v1/appeals: ' + r.status + ' ' + (await r.text()));
        await r.arrayBuffer();
      }
    };
    Promise.all(Array.from({ length: lines }, line)).then(() => parentPort.postMessage((performance.now() - t0) / 1000));
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { url, bodies, lines: LINES } });
    worker.once('message', (seconds: number) => {
      resolve(seconds);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function run(db: Db, label: string): Promise<Figures> {
  await migrate(db);
  const logger = createLogger({ level: 'silent', format: 'json' });
  const { http, services } = await createApp({
    config: loadConfig({ LOG_LEVEL: 'silent', APPEALS_RATE_PER_MINUTE: '10000' }),
    db,
    logger,
    options: { secretKey: Buffer.alloc(32, 3), masterKeys: { current: masterKey(Buffer.alloc(32, 5)), previous: [] } },
  });
  const actor = systemActor('bench');
  await services.regions.importRecords(actor, readRegionsFile(demoRegionsFile));
  await services.appealsCatalog.loadDemo(actor);
  await startServices(services, { acd: false });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  const rand = prng(7);
  const bodies = Array.from({ length: APPEALS }, (_, i) => JSON.stringify(appeal(i, rand)));
  const post = async (body: string) => {
    const r = await fetch(`${url}/api/v1/appeals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (r.status !== 201) throw new Error(`POST /api/v1/appeals: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
  };
  // (a first few, so that caches, prepared plans and the first data key are in place)
  for (let i = 0; i < 20; i++) await post(JSON.stringify(appeal(APPEALS + i, rand)));
  const seconds = await fromAnotherThread(url, bodies);
  const stored = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM ap_appeals')).rows[0]!.n);
  if (stored !== APPEALS + 20) throw new Error(`${stored} appeals stored, ${APPEALS + 20} filed`);
  await http.close();
  await stopServices(services);

  // The baseline: the same rows, plainly, one transaction each, as many at once.
  const org = (await db.query<{ id: number }>("SELECT id FROM ap_organisations WHERE code = 'volunteers-77'")).rows[0]!.id;
  const template = (await db.query<Record<string, unknown>>('SELECT * FROM ap_appeals ORDER BY id LIMIT 1')).rows[0]!;
  const baselineSeconds = await inParallel(APPEALS, LINES, async (i) => {
    await db.transaction(async (tx) => {
      const id = (
        await tx.query<{ id: string }>(
          `INSERT INTO ap_appeals (number, type_code, region_code, organisation_id, channel, status, code_hash, received_at, registered_at,
             forward_by, answer_by, answer_by_date, sealed, masked, dedupe_hash, consent, notify)
           VALUES ($1, 'volunteer', '77', $2, 'api', 'registered', $3, now(), now(), now(), now(), current_date, $4, $5, $6, $7, true) RETURNING id`,
          [`122-1999-${String(i).padStart(6, '0')}`, org, randomBytes(32), Buffer.from(bodies[i]!), JSON.stringify(template.masked), randomBytes(32), JSON.stringify(template.consent)],
        )
      ).rows[0]!.id;
      await tx.query("INSERT INTO ap_history (appeal_id, at, action, to_status, details) VALUES ($1, now(), 'registered', 'registered', $2)", [id, JSON.stringify({ channel: 'api' })]);
    });
  });
  const f: Figures = { appealsPerSec: round(APPEALS / seconds, 1), baselineRowsPerSec: round(APPEALS / baselineSeconds, 1) };
  console.log(`${label}: ${APPEALS} appeals filed in ${round(seconds, 2)} s through the API, ${LINES} at once from another thread — ${f.appealsPerSec} appeals/s`);
  console.log(
    `  baseline: the same rows inserted plainly (no API, no encryption), one transaction each — ${f.baselineRowsPerSec} appeals/s; the API at ${round((f.appealsPerSec / f.baselineRowsPerSec) * 100, 1)} % of it`,
  );
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
  const server = await serverDatabase(url, { prefix: 'otvet_bench_appeals', poolSize: 20 });
  try {
    return await run(server, 'PostgreSQL');
  } finally {
    await server.close();
  }
}

await perEngine<Figures>(import.meta.url, { pglite: runEmbedded, postgres: runServer });
