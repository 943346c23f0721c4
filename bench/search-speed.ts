// npm run bench:search-speed — search latency in-process and over HTTP, with the corpus as shipped
// and with a 10x corpus, and queries/s under load; beside it, in the same run, the latency of plain
// PostgreSQL full-text search over the same corpus, and the limits (p95 5 ms / 20 ms).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, round, scaledCorpus, startBenchApp, type BenchApp } from './support.ts';

const queries = fs
  .readFileSync(fileURLToPath(new URL('../data/demo/kb/queries-dev.jsonl', import.meta.url)), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { q: string }).q);

const ROUNDS = 10;

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), p99: round(percentile(s, 99)) };
}

async function inProcess(app: BenchApp) {
  for (const q of queries) app.services.search.search(q); // warm up
  const ms: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of queries) {
      const t = performance.now();
      app.services.search.search(q);
      ms.push(performance.now() - t);
    }
  }
  return stats(ms);
}

async function overHttp(app: BenchApp) {
  const ms: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (const q of queries) {
      const t = performance.now();
      const res = await fetch(`${app.url}/api/v1/kb/search?q=${encodeURIComponent(q)}`);
      await res.arrayBuffer();
      ms.push(performance.now() - t);
    }
  }
  return stats(ms.slice(queries.length)); // the first round warms up
}

/** The baseline at its best: tsvectors computed ahead and a GIN index, as a DBA would set it up. */
async function ftsBaseline(app: BenchApp) {
  await app.db.exec(`
    CREATE TEMP TABLE fts AS
      SELECT a.slug, setweight(to_tsvector('russian', v.title), 'A') || setweight(to_tsvector('russian', v.body), 'B') AS doc
        FROM kb_answers a JOIN kb_versions v ON v.answer_id = a.id AND v.version = a.published_version WHERE a.archived_at IS NULL;
    CREATE INDEX ON fts USING gin (doc);
    ANALYZE fts;`);
  const ms: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await app.db.query(`SELECT slug FROM fts, websearch_to_tsquery('russian', $1) query WHERE doc @@ query ORDER BY ts_rank_cd(doc, query) DESC LIMIT 10`, [q]);
    ms.push(performance.now() - t);
  }
  await app.db.exec('DROP TABLE fts');
  return stats(ms);
}

/** Requests per second from a separate load generator (wrk, when installed) over 10 s. */
async function throughput(app: BenchApp): Promise<{ rps: number; tool: string }> {
  const hasWrk = (() => {
    try {
      execFileSync('wrk', ['--version'], { stdio: 'ignore' });
      return true;
    } catch (e) {
      return (e as { status?: number }).status === 1; // wrk --version exits 1 but exists
    }
  })();
  if (hasWrk) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-bench-'));
    const script = path.join(dir, 'queries.lua');
    const paths = queries.map((q) => `"/api/v1/kb/search?q=${encodeURIComponent(q)}"`).join(',\n');
    fs.writeFileSync(script, `local paths = {\n${paths}\n}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n`);
    const out = await new Promise<string>((resolve) => {
      const p = spawn('wrk', ['-t2', '-c32', '-d10s', '-s', script, app.url]);
      let s = '';
      p.stdout.on('data', (d) => (s += d));
      p.on('close', () => resolve(s));
    });
    fs.rmSync(dir, { recursive: true, force: true });
    return { rps: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)), tool: 'wrk -t2 -c32 -d10s' };
  }
  // Without wrk: 32 concurrent fetch loops in this process (it shares the CPU, so this undercounts).
  let done = 0;
  const until = Date.now() + 10_000;
  await Promise.all(
    Array.from({ length: 32 }, async (_, k) => {
      for (let i = k; Date.now() < until; i++) {
        await (await fetch(`${app.url}/api/v1/kb/search?q=${encodeURIComponent(queries[i % queries.length]!)}`)).arrayBuffer();
        done++;
      }
    }),
  );
  return { rps: Math.round(done / 10), tool: '32 concurrent fetch loops in-process (install wrk for a fair figure)' };
}

const results: Record<string, unknown> = {};
for (const times of [1, 10]) {
  const corpus = scaledCorpus(times);
  const app = await startBenchApp(corpus);
  try {
    const ip = await inProcess(app);
    const http = await overHttp(app);
    const fts = await ftsBaseline(app);
    console.log(`corpus ${corpus.length} answers (${times}x)`);
    console.log(`  in-process   p50 ${ip.p50} ms  p95 ${ip.p95} ms  p99 ${ip.p99} ms   (limit p95 5 ms)`);
    console.log(`  over HTTP    p50 ${http.p50} ms  p95 ${http.p95} ms  p99 ${http.p99} ms   (limit p95 20 ms)`);
    console.log(`  baseline: PostgreSQL FTS (GIN index), same corpus   p50 ${fts.p50} ms  p95 ${fts.p95} ms  p99 ${fts.p99} ms`);
    if (times === 10) {
      const t = await throughput(app);
      console.log(`  throughput   ${t.rps} queries/s (${t.tool}; ${os.cpus().length} cores)`);
      Object.assign(results, { inProcessP95Ms: ip.p95, httpP95Ms: http.p95, queriesPerSec: t.rps, corpusSize: corpus.length });
    }
  } finally {
    await app.close();
  }
}
console.log(JSON.stringify(results));
