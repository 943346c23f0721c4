// What the benchmarks share: the real app on embedded PGlite (in memory) with the demo knowledge
// base (or a larger generated one) loaded through the importer, listening on a loopback port.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createApp } from '../src/app.ts';
import { demoAnswersFile, demoSynonymsFile, parseAnswersJsonl, type AnswerRecord } from '../src/knowledge/index.ts';
import { systemActor } from '../src/platform/access/principal.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Db } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { createLogger } from '../src/platform/logger.ts';
import { startServices, stopServices } from '../src/services.ts';
import { masterKey } from '../src/platform/crypto/master-key.ts';

/** A database of the run's own on the PostgreSQL server at `url`; close() closes it and drops it. */
export async function serverDatabase(url: string, o: { prefix: string; poolSize: number }): Promise<Db> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `${o.prefix}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openPostgres({ url: u.toString(), poolSize: o.poolSize });
  return {
    ...db,
    async close() {
      try {
        await db.close();
      } finally {
        await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
  };
}

export function demoAnswers(): AnswerRecord[] {
  const { records, errors } = parseAnswersJsonl(fs.readFileSync(demoAnswersFile, 'utf8'));
  if (errors.length) throw new Error(`demo answers: line ${errors[0]!.line}: ${errors[0]!.message}`);
  return records;
}

/** A deterministic pseudo-random generator, so generated corpora are the same in every run. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The demo answers and (times - 1) variants of each: sentences shuffled, a sentence borrowed from
 * another answer, the question rephrased with a prefix, sometimes another section.
 */
export function scaledCorpus(times: number): AnswerRecord[] {
  const base = demoAnswers();
  if (times <= 1) return base;
  const rand = prng(42);
  const sections = [...new Set(base.map((a) => a.section))];
  const prefixes = ['Скажите,', 'Подскажите,', 'Вопрос:', 'Уточните,', 'Как быть:', 'Правда ли,', 'Объясните,', 'Интересует:', 'Помогите:'];
  const out = [...base];
  for (let k = 1; k < times; k++) {
    for (const a of base) {
      const sentences = a.body.split(/(?<=[.!?])\s+/);
      for (let i = sentences.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [sentences[i], sentences[j]] = [sentences[j]!, sentences[i]!];
      }
      const donor = base[Math.floor(rand() * base.length)]!.body.split(/(?<=[.!?])\s+/)[0]!;
      out.push({
        ...a,
        slug: `${a.slug}-v${k}`,
        title: `${prefixes[(k - 1) % prefixes.length]} ${a.title[0]!.toLowerCase()}${a.title.slice(1)}`,
        body: [...sentences, donor].join(' '),
        section: rand() < 0.3 ? sections[Math.floor(rand() * sections.length)]! : a.section,
        related: [],
      });
    }
  }
  return out;
}

export interface BenchApp {
  url: string;
  services: Awaited<ReturnType<typeof createApp>>['services'];
  db: Awaited<ReturnType<typeof openPglite>>;
  close(): Promise<void>;
}

export async function startBenchApp(records: AnswerRecord[]): Promise<BenchApp> {
  const db = await openPglite({});
  await migrate(db);
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const logger = createLogger({ level: 'silent', format: 'json' });
  const { http, services } = await createApp({ config, db, logger, options: { secretKey: Buffer.alloc(32, 1), masterKeys: { current: masterKey(Buffer.alloc(32, 5)), previous: [] } } });
  const actor = systemActor('bench');
  await services.synonyms.seed(actor, JSON.parse(fs.readFileSync(demoSynonymsFile, 'utf8')) as string[][]);
  await services.kbImport.importRecords(actor, records);
  await startServices(services);
  await http.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`,
    services,
    db,
    async close() {
      await http.close();
      await stopServices(services);
      await db.close();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

const FIGURES = 'FIGURES ';

/**
 * A bench that runs once per engine, each in a process of its own (one run's heap and threads do
 * not weigh on the next): PGlite, then PostgreSQL when DATABASE_URL is set (BENCH_ONLY=postgres
 * skips PGlite). The parent prints what the children print and ends with one line of JSON holding
 * each engine's figures. `entry` is the bench's own file (import.meta.url).
 */
export async function perEngine<F>(entry: string, run: { pglite: () => Promise<F>; postgres: (url: string) => Promise<F> }): Promise<void> {
  const engine = process.env.BENCH_ENGINE;
  if (engine === 'pglite' || engine === 'postgres') {
    const f = engine === 'pglite' ? await run.pglite() : await run.postgres(process.env.DATABASE_URL!);
    console.log(FIGURES + JSON.stringify(f));
    return;
  }
  const out: Record<string, F> = {};
  if (process.env.BENCH_ONLY !== 'postgres') out.pglite = await inChild<F>(entry, 'pglite');
  if (process.env.DATABASE_URL) out.postgres = await inChild<F>(entry, 'postgres');
  else console.log('(PostgreSQL skipped: set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  console.log(JSON.stringify(out));
}

function inChild<F>(entry: string, engine: 'pglite' | 'postgres'): Promise<F> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(entry)], { env: { ...process.env, BENCH_ENGINE: engine }, stdio: ['ignore', 'pipe', 'inherit'] });
    let figures: F | undefined;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.startsWith(FIGURES)) figures = JSON.parse(line.slice(FIGURES.length)) as F;
      else console.log(line);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && figures !== undefined ? resolve(figures) : reject(new Error(`the ${engine} run failed (exit ${code})`))));
  });
}
