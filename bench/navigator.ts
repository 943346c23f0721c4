// npm run bench:navigator — the navigator's wizard steps (choose the next question, evaluate every
// measure and explain it) per second in-process, with the demo catalogue and with 50× its measures,
// and over HTTP (POST /api/v1/navigator/step on the real app, the 50× catalogue, from a worker
// thread; each request as the operator's panel sends it: why for the eligible and, at the end, the
// possible, the measures' titles fetched once per catalogue, not counted): p50 / p99 latency and requests/s against the issue's limit (p99 20 ms). The baseline in
// the same run: a naive engine (navigator-naive.ts) on the same profiles, checked to agree with
// the real one on every profile. The engine keeps the places the wizard passes and each measure's
// results, so the main figures are of steps taken for the first time, as new people walk the
// wizard (a fresh engine, the walks in order); those of steps taken again are printed beside them.
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { masterKey } from '../src/platform/crypto/master-key.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { createLogger } from '../src/platform/logger.ts';
import { Navigator, readDemoNavigator, type Answers, type NavigatorCatalog } from '../src/navigator/index.ts';
import { startServices, stopServices } from '../src/services.ts';
import { scaledCatalog, walkProfiles, walks } from './navigator-data.ts';
import { disagreement, NaiveNavigator } from './navigator-naive.ts';
import { percentile, round } from './support.ts';

const TIMES = Number(process.env.BENCH_TIMES ?? 50);
const WALKS = Number(process.env.BENCH_WALKS ?? 200);
const WALKS_LARGE = Number(process.env.BENCH_WALKS_LARGE ?? 40);
/** Walks over HTTP: more than the time allows, so that no step is sent twice. */
const WALKS_HTTP = Number(process.env.BENCH_WALKS_HTTP ?? 1500);
/** Each in-process figure: the median of ROUNDS rounds of at least SECONDS each. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
/** Requests in flight at once over HTTP (a few operators' panels and portal visitors). */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const ONE_SECONDS = Number(process.env.BENCH_ONE_SECONDS ?? 5);
/** Large-catalogue profiles the naive engine checks the real one on (it is slow there). */
const CHECK_LARGE = Number(process.env.BENCH_CHECK_LARGE ?? 40);
const P99_LIMIT_MS = 20;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Steps per second over the profiles, round after round until `seconds` have passed. */
function stepsPerSec(step: (a: Answers) => void, profiles: Answers[], seconds: number): number {
  let n = 0;
  const t0 = performance.now();
  let elapsed: number;
  do {
    for (const p of profiles) step(p);
    n += profiles.length;
    elapsed = performance.now() - t0;
  } while (elapsed < seconds * 1000);
  return n / (elapsed / 1000);
}

/** A real step as the API uses it: every measure's explanation read too. */
function fullStep(nav: Navigator): (a: Answers) => void {
  return (a) => {
    let said = 0;
    for (const r of nav.step(a).results) said += r.explanation.held.length + r.explanation.open.length;
    if (said < 0) throw new Error('unreachable');
  };
}

/**
 * Steps a second taken for the first time: a fresh engine (made before the clock runs) walks the
 * profiles once, in order; again with another until `seconds` have passed.
 */
function firstStepsPerSec(catalog: NavigatorCatalog, profiles: Answers[], seconds: number): number {
  let n = 0;
  let ms = 0;
  do {
    const step = fullStep(new Navigator(catalog));
    const t0 = performance.now();
    for (const p of profiles) step(p);
    ms += performance.now() - t0;
    n += profiles.length;
  } while (ms < seconds * 1000);
  return n / (ms / 1000);
}

/** Whether the naive engine agrees with the real one on each profile; throws naming the first that does not. */
function checkAgreement(nav: Navigator, naive: NaiveNavigator, profiles: Answers[], label: string) {
  for (const p of profiles) {
    const why = disagreement(nav.step(p), naive.step(p), nav.catalog);
    if (why) throw new Error(`${label}: the naive engine disagrees on ${JSON.stringify(p)}: ${why}`);
  }
}

interface HttpResult {
  ms: number[];
  seconds: number;
  failed: string[];
  /** Walks begun, the warm-up's too. */
  walks: number;
}

/**
 * The clients: POSTs of the walks' answers, `lines` at once, from a thread of their own (on the
 * app's thread they would take its time), after a warm-up that is not counted.
 */
function fromAnotherThread(url: string, walks: string[][], lines: number, seconds: number): Promise<HttpResult> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const { url, walks, lines, warmSeconds, seconds } = workerData;
    const ms = [];
    const failed = [];
    let next = 0;
    // (node:http, its bytes counted, not decoded: fetch's streams cost the client more than the
    // server's step; a connection a line, kept open)
    const agent = new http.Agent({ keepAlive: true, maxSockets: lines });
    const post = (body) =>
      new Promise((resolve, reject) => {
        const t = performance.now();
        const req = http.request(url + '/api/v1/navigator/step', { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          const chunks = [];
          res.on('data', (c) => { if (res.statusCode !== 200) chunks.push(c); });
          res.on('end', () => {
            if (res.statusCode !== 200 && failed.length < 5) failed.push(res.statusCode + ' ' + Buffer.concat(chunks).toString().slice(0, 300));
            resolve(performance.now() - t);
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    // each line is a person after another walking the wizard: a walk's steps in order
    const run = async (forSeconds, record) => {
      const end = performance.now() + forSeconds * 1000;
      const line = async () => {
        while (performance.now() < end) {
          const walk = walks[next++ % walks.length];
          for (let i = 0; i < walk.length && performance.now() < end; i++) {
            const t = await post(walk[i]);
            if (record) ms.push(t);
          }
        }
      };
      const t0 = performance.now();
      await Promise.all(Array.from({ length: lines }, line));
      return (performance.now() - t0) / 1000;
    };
    run(warmSeconds, false)
      .then(() => run(seconds, true))
      .then((s) => parentPort.postMessage({ ms, seconds: s, failed, walks: next }), (e) => parentPort.postMessage({ ms, seconds: 0, failed: [String(e)], walks: next }));
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { url, walks, lines, warmSeconds: 2, seconds } });
    worker.once('message', (r: HttpResult) => {
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The real app (in-memory PGlite) with `catalog` as the navigator's, on a loopback port. */
async function overHttp(catalog: NavigatorCatalog, walks: Answers[][]) {
  const db = await openPglite({});
  await migrate(db);
  // (logging each request at info level to /dev/null, as `otvet serve` would to its log)
  const logger = createLogger({ level: 'info', format: 'json' }, pino.destination({ dest: '/dev/null', sync: false }));
  const { http, services } = await createApp({
    config: loadConfig({}),
    db,
    logger,
    options: { secretKey: Buffer.alloc(32, 1), masterKeys: { current: masterKey(Buffer.alloc(32, 5)), previous: [] }, navigatorCatalog: catalog },
  });
  await startServices(services, { acd: false });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  try {
    // the app must run on the catalogue given, not the demo's
    const first = await fetch(`${url}/api/v1/navigator/step`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"answers":{}}' });
    const body = (await first.json()) as { results?: { id: string }[] };
    if (first.status !== 200 || body.results?.length !== catalog.measures.length || body.results.some((r, i) => r.id !== catalog.measures[i]!.id)) {
      throw new Error(`the app does not run on the bench's catalogue: ${first.status}, ${body.results?.length} results for ${catalog.measures.length} measures`);
    }
    const bodies = walks.map((w) => w.map((answers) => JSON.stringify({ answers })));
    // (a response's size: the end of a walk, off the walks the clients send)
    const last = await fetch(`${url}/api/v1/navigator/step`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[bodies.length - 1]!.at(-1)! });
    const bytes = (await last.arrayBuffer()).byteLength;
    // CONNECTIONS at once, then one alone (its latency without waiting behind the others), on walks not sent yet
    const many = await fromAnotherThread(url, bodies.slice(0, -1), CONNECTIONS, HTTP_SECONDS);
    const one = await fromAnotherThread(url, bodies.slice(many.walks, -1), 1, ONE_SECONDS);
    const failed = [...many.failed, ...one.failed];
    if (failed.length) throw new Error(`POST /api/v1/navigator/step failed: ${failed.join('; ')}`);
    const p = (r: HttpResult, q: number) =>
      round(
        percentile(
          [...r.ms].sort((a, b) => a - b),
          q,
        ),
        2,
      );
    return {
      p50Ms: p(many, 50),
      p99Ms: p(many, 99),
      rps: round(many.ms.length / many.seconds, 1),
      requests: many.ms.length,
      oneP50Ms: p(one, 50),
      oneP99Ms: p(one, 99),
      oneRps: round(one.ms.length / one.seconds, 1),
      bytes,
      walks: many.walks + one.walks,
      again: many.walks + one.walks > walks.length - 1,
    };
  } finally {
    await http.close();
    await stopServices(services);
    await db.close();
  }
}

async function main() {
  const demo = new Navigator(readDemoNavigator());
  const large = new Navigator(scaledCatalog(TIMES));
  const profiles = walkProfiles(demo, WALKS, 1);
  const profilesLarge = walkProfiles(large, WALKS_LARGE, 2);
  const naive = new NaiveNavigator(demo.catalog);
  console.log(
    `navigator bench: ${os.cpus().length} cores; demo catalogue ${demo.catalog.measures.length} measures, ${demo.questions.length} questions, ${profiles.length} profiles (${WALKS} walks); ` +
      `${TIMES}× catalogue ${large.catalog.measures.length} measures, ${profilesLarge.length} profiles (${WALKS_LARGE} walks)`,
  );

  checkAgreement(demo, naive, profiles, 'demo');
  const sample = profilesLarge.filter((_, i) => i % Math.max(1, Math.floor(profilesLarge.length / CHECK_LARGE)) === 0);
  checkAgreement(large, new NaiveNavigator(large.catalog), sample, `${TIMES}×`);
  console.log(`  the naive engine agrees with the real one (truths, next question, path) on all ${profiles.length} demo profiles and ${sample.length} of the ${TIMES}× ones`);

  // (the engines take turns, so a neighbour's burst on the machine does not land on one side only)
  const rounds: { real: number; large: number; naive: number }[] = [];
  firstStepsPerSec(demo.catalog, profiles, 0.3); // warm-up (the JIT)
  firstStepsPerSec(large.catalog, profilesLarge, 0.3);
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push({
      real: firstStepsPerSec(demo.catalog, profiles, SECONDS),
      naive: stepsPerSec((a) => naive.step(a), profiles, SECONDS),
      large: firstStepsPerSec(large.catalog, profilesLarge, SECONDS),
    });
  }
  // the same steps again, everything kept (demo and large have walked them all above)
  const again = { real: stepsPerSec(fullStep(demo), profiles, SECONDS), large: stepsPerSec(fullStep(large), profilesLarge, SECONDS) };
  const real = median(rounds.map((r) => r.real));
  const naiveRate = median(rounds.map((r) => r.naive));
  const largeRate = median(rounds.map((r) => r.large));
  const shown = (xs: number[]) => xs.map((x) => round(x, 0)).join(', ');
  console.log(
    `  in-process, demo (${demo.catalog.measures.length} measures), each step for the first time   ${round(real, 0)} steps/s   rounds: ${shown(rounds.map((r) => r.real))}   (taken again: ${round(again.real, 0)} steps/s)`,
  );
  console.log(
    `    baseline: naive engine, same profiles   ${round(naiveRate, 0)} steps/s   rounds: ${shown(rounds.map((r) => r.naive))}   (real ${round(real / naiveRate, 1)} × naive; the naive explains nothing)`,
  );
  console.log(
    `  in-process, ${TIMES}× (${large.catalog.measures.length} measures), each step for the first time   ${round(largeRate, 0)} steps/s (${round(1000 / largeRate, 3)} ms a step)   rounds: ${shown(rounds.map((r) => r.large))}   (taken again: ${round(again.large, 0)} steps/s)`,
  );

  const h = await overHttp(large.catalog, walks(large, WALKS_HTTP, 3));
  console.log(
    `  HTTP, ${TIMES}×, ${CONNECTIONS} connections, ${HTTP_SECONDS} s: ${h.rps} req/s   p50 ${h.p50Ms} ms   p99 ${h.p99Ms} ms (limit ${P99_LIMIT_MS} ms: ${h.p99Ms <= P99_LIMIT_MS ? 'within' : 'OVER'})   ${h.requests} requests, a response ${round(h.bytes / 1024, 0)} KiB`,
  );
  console.log(
    `    one connection, ${ONE_SECONDS} s: ${h.oneRps} req/s   p50 ${h.oneP50Ms} ms   p99 ${h.oneP99Ms} ms   (${h.walks} walks in all${h.again ? ', some sent again: raise BENCH_WALKS_HTTP' : ', no step sent twice'}; in-process a step for the first time takes ${round(1000 / largeRate, 2)} ms)`,
  );
  console.log(
    JSON.stringify({
      stepsPerSec: round(real, 0),
      stepsPerSecLarge: round(largeRate, 0),
      httpP99Ms: h.p99Ms,
      naiveStepsPerSec: round(naiveRate, 0),
      httpP50Ms: h.p50Ms,
      httpRps: h.rps,
      httpP99MsOneConnection: h.oneP99Ms,
      stepsPerSecAgain: round(again.real, 0),
      stepsPerSecLargeAgain: round(again.large, 0),
      measuresLarge: large.catalog.measures.length,
    }),
  );
}

await main();
