// npm run bench:portal — the public portal under load through HTTP on loopback, measured with wrk:
// requests/s and p99 latency of an answer page, the home page and search pages (a rotating set of
// the demo's queries, each asked before: repeated searches, as a popular query is). The baseline in
// the same run: nginx serving the identical answer-page HTML as a static file from a temporary
// folder on a free port (one worker, like the one Node.js process). The app logs at info level
// to /dev/null, as `otvet serve` would to its log.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import { createServer } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { systemActor } from '../src/platform/access/principal.ts';
import { loadConfig } from '../src/platform/config.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { createLogger } from '../src/platform/logger.ts';
import { demoRegionsFile, readRegionsFile } from '../src/regions/index.ts';
import { startServices, stopServices } from '../src/services.ts';
import { demoAnswers, round } from './support.ts';
import { masterKey } from '../src/platform/crypto/master-key.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ANSWER = '/answers/mob-who-is-called-up';
/** How many of the demo's queries the search figure rotates through. */
const QUERIES = Number(process.env.BENCH_QUERIES ?? 50);
const SEARCHES = fs
  .readFileSync(new URL('../data/demo/kb/queries-dev.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { q: string }).q)
  .slice(0, QUERIES)
  .map((q) => `/search?q=${encodeURIComponent(q)}`);

interface Wrk {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

function need(tool: string) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    console.error(`${tool} is not installed: apt-get install -y wrk nginx`);
    process.exit(2);
  }
}

const ms = (v: string, unit: string) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit]!;

// wrk runs beside this process, which serves the app: never block its event loop with a sync call.
const run = promisify(execFile);

/** One wrk run (one thread: the other core serves), parsed from its --latency report; script: a Lua file choosing the requests. */
async function wrk(url: string, script?: string): Promise<Wrk> {
  const { stdout: out } = await run('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--latency', ...(script ? ['-s', script] : []), url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)![1]);
  const p50 = /\s50%\s+([\d.]+)(us|ms|s)/.exec(out)!;
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out)!;
  const errors = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? '0';
  return { rps: round(rps, 0), p50Ms: round(ms(p50[1]!, p50[2]!), 2), p99Ms: round(ms(p99[1]!, p99[2]!), 2), errors: Number(errors) };
}

/** The run with the median requests/s (its latencies with it). */
function median(runs: Wrk[]): Wrk {
  return [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)]!;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** nginx in a temporary folder, as whoever runs the bench, in the foreground. */
async function startNginx(html: string): Promise<{ url: string; stop(): void; proc: ChildProcess }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-bench-nginx-'));
  fs.chmodSync(dir, 0o755); // nginx's workers may run as another user; they must read the page
  fs.mkdirSync(path.join(dir, 'www'), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'www', 'answer.html'), html, { mode: 0o644 });
  const port = await freePort();
  const tmp = (name: string) => `${name} ${path.join(dir, name.replace('_path', ''))};`;
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  ${['client_body_temp_path', 'proxy_temp_path', 'fastcgi_temp_path', 'uwsgi_temp_path', 'scgi_temp_path'].map(tmp).join('\n  ')}
  server {
    listen 127.0.0.1:${port};
    root ${path.join(dir, 'www')};
    location / { default_type text/html; charset utf-8; etag on; }
  }
}
`,
  );
  const proc = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/answer.html`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    proc,
    stop() {
      proc.kill('SIGQUIT');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A wrk script that asks for the paths in turn, one after another on every connection. */
function rotating(paths: string[]): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-bench-wrk-'));
  const file = path.join(dir, 'rotate.lua');
  fs.writeFileSync(file, `local paths = {${paths.map((p) => JSON.stringify(p)).join(', ')}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n`);
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function main() {
  need('wrk');
  need('nginx');
  const db = await openPglite({});
  await migrate(db);
  const config = loadConfig({});
  const logger = createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'info', format: 'json' }, pino.destination({ dest: '/dev/null', sync: false }));
  const { http, services } = await createApp({ config, db, logger, options: { secretKey: Buffer.alloc(32, 1), masterKeys: { current: masterKey(Buffer.alloc(32, 5)), previous: [] } } });
  const actor = systemActor('bench');
  await services.regions.importRecords(actor, readRegionsFile(demoRegionsFile));
  await services.kbImport.importRecords(actor, demoAnswers());
  await startServices(services, { acd: false });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const app = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;

  const html = await (await fetch(app + ANSWER, { headers: { 'accept-encoding': 'identity' } })).text();
  const nginx = await startNginx(html);
  const searches = rotating(SEARCHES);
  try {
    console.log(`portal bench: wrk, 1 thread, ${CONNECTIONS} connections, ${SECONDS} s each, loopback; ${os.cpus().length} cores; answer page ${Buffer.byteLength(html)} bytes, not compressed`);
    // warm up both (JIT, caches), then measure; every query is asked once first (a repeated search)
    await run('wrk', ['-t1', '-c8', '-d2s', app + ANSWER]);
    await run('wrk', ['-t1', '-c8', '-d2s', nginx.url]);
    for (const p of SEARCHES) await (await fetch(app + p)).arrayBuffer();
    await run('wrk', ['-t1', '-c8', '-d2s', '-s', searches.file, app]);
    // What Node.js itself can do here: node:http writing the same bytes, in this same process.
    const bytes = Buffer.from(html);
    const plain = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.length }).end(bytes)).listen(0, '127.0.0.1');
    await new Promise((r) => plain.once('listening', r));
    const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
    // The machine may be shared: nginx, Node's ceiling, the answer page and the searches take
    // turns, and each figure is the median of its rounds, so a neighbour's burst does not land on
    // one side only.
    const rounds: { base: Wrk; ceiling: Wrk; answer: Wrk; search: Wrk }[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push({ base: await wrk(nginx.url), ceiling: await wrk(plainUrl), answer: await wrk(app + ANSWER), search: await wrk(app, searches.file) });
    plain.close();
    const base = median(rounds.map((r) => r.base));
    const ceiling = median(rounds.map((r) => r.ceiling));
    const answer = median(rounds.map((r) => r.answer));
    const search = median(rounds.map((r) => r.search));
    console.log(`  nginx static (baseline)  ${base.rps} req/s   p50 ${base.p50Ms} ms   p99 ${base.p99Ms} ms   rounds: ${rounds.map((r) => r.base.rps).join(', ')}`);
    console.log(`  node:http, same bytes    ${ceiling.rps} req/s   p50 ${ceiling.p50Ms} ms   p99 ${ceiling.p99Ms} ms   (${round(ceiling.rps / base.rps, 2)} × nginx: Node's own ceiling here)`);
    console.log(
      `  answer page              ${answer.rps} req/s   p50 ${answer.p50Ms} ms   p99 ${answer.p99Ms} ms   (${round(answer.rps / base.rps, 2)} × nginx)   rounds: ${rounds.map((r) => r.answer.rps).join(', ')}`,
    );
    console.log(
      `  search pages, ${SEARCHES.length} queries repeated  ${search.rps} req/s   p50 ${search.p50Ms} ms   p99 ${search.p99Ms} ms   (${round(search.rps / answer.rps, 2)} × the answer page)   rounds: ${rounds.map((r) => r.search.rps).join(', ')}`,
    );
    const home = await wrk(`${app}/`);
    console.log(`  home page                ${home.rps} req/s   p50 ${home.p50Ms} ms   p99 ${home.p99Ms} ms`);
    const errors = rounds.reduce((n, r) => n + r.base.errors + r.answer.errors + r.search.errors, 0) + home.errors;
    if (errors) console.log(`  ${errors} responses were not 2xx/3xx`);
    await services.portal.views.flush();
    const counted = await db.query<{ n: number }>('SELECT coalesce(sum(views), 0)::int AS n FROM portal_views');
    console.log(`  views counted for the answer page: ${counted.rows[0]!.n} (batched; no per-view write)`);
    console.log(
      JSON.stringify({
        answerRps: answer.rps,
        answerP99Ms: answer.p99Ms,
        homeRps: home.rps,
        searchRps: search.rps,
        searchP99Ms: search.p99Ms,
        searchQueries: SEARCHES.length,
        nginxRps: base.rps,
        ratio: round(answer.rps / base.rps, 3),
      }),
    );
  } finally {
    searches.remove();
    nginx.stop();
    await http.close();
    await stopServices(services);
    await db.close();
  }
}

await main();
