// The telephony edge of bench:acd, in its own thread (as a real edge is its own process): callers
// offer calls, the decisions stream is read, every "connect" is answered and ended at once; then
// routing latency under a steady rate. Reports its figures to the main thread.
import { parentPort, workerData } from 'node:worker_threads';

export interface EdgeTask {
  url: string;
  token: string;
  label: string;
  calls: number;
  regions: string[];
  unstaffed: string;
  capacity: number;
  batch: number;
  /** Requests the edge keeps in flight on each side (callers, answers). */
  lines: number;
  /** Steady phases: calls per second and how many calls each. */
  steady: { rate: number; calls: number }[];
}

export interface EdgeFigures {
  seconds: number;
  events: number;
  rejected: number;
  loaded: number[];
  /** empty: GET /healthz at the same rate just before, the machine's own floor for a round trip. */
  steady: { rate: number; routing: number[]; acknowledge: number[]; empty: number[] }[];
}

const task = workerData as EdgeTask;
const headers = { authorization: `Bearer ${task.token}`, 'content-type': 'application/json' };
const post = async (events: unknown[]) => {
  const r = await fetch(`${task.url}/api/v1/telephony/events`, { method: 'POST', headers, body: JSON.stringify({ events }) });
  if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
  return ((await r.json()) as { results: { status: string; reason?: string }[] }).results;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The answering lines wait for work without polling: an idle edge must not take a core from the
// server it measures (polling every millisecond on eight lines did, and showed in the tail).
const idle: (() => void)[] = [];
const nudge = () => {
  for (const wake of idle.splice(0)) wake();
};
const work = () => new Promise<void>((r) => idle.push(r));

const sent = new Map<string, number>();
let routing: number[] = [];
const toAnswer: { callId: string; operator: string }[] = [];
let done = 0;
let events = 0;
let rejected = 0;
let finished = false;

const controller = new AbortController();
const stream = await fetch(`${task.url}/api/v1/telephony/decisions`, { headers: { authorization: headers.authorization, accept: 'text/event-stream' }, signal: controller.signal });
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
        nudge();
      }
    }
  } catch {
    // closed
  }
})();

// The operators' side (through the edge): answered and ended at once, in batches, a few at a time.
const answering = () =>
  (async () => {
    while (!finished) {
      if (!toAnswer.length) {
        await work();
        continue;
      }
      const batch = toAnswer.splice(0, task.batch / 2);
      const at = new Date().toISOString();
      const evs = batch.flatMap((c) => [
        { id: `${c.callId}-a`, callId: c.callId, type: 'answered', at, operator: c.operator },
        { id: `${c.callId}-e`, callId: c.callId, type: 'ended', at: new Date(Date.now() + 1).toISOString() },
      ]);
      const res = await post(evs);
      events += evs.length;
      rejected += res.filter((r) => r.status === 'rejected').length;
      done += batch.length;
    }
  })();
const answerers = Array.from({ length: task.lines }, answering);

// The callers' side: as fast as taken, keeping about as many calls in the system as there are operators.
let next = 0;
const started = performance.now();
// An edge reports over several connections at once, as its lines ring.
const calling = async () => {
  while (next < task.calls) {
    if (next - done > task.capacity * 1.5) {
      await sleep(1);
      continue;
    }
    const evs: unknown[] = [];
    const abandons: string[] = [];
    for (let i = 0; i < task.batch / 2 && next < task.calls; i++, next++) {
      const callId = `bench-${task.label}-${next}`;
      const region = next % 25 === 0 ? task.unstaffed : task.regions[next % task.regions.length]!;
      const at = new Date().toISOString();
      evs.push(
        { id: `${callId}-o`, callId, type: 'offered', at, region, caller: `+7916${String(next % 9_000_000).padStart(7, '0')}`, dialled: '122' },
        { id: `${callId}-q`, callId, type: 'queued', at },
      );
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
};
await Promise.all(Array.from({ length: task.lines }, calling));
while (done < task.calls) await sleep(2);
const seconds = (performance.now() - started) / 1000;
const loaded = routing;

// Routing latency at steady rates: one call at a time, as a caller dials.
const steady: EdgeFigures['steady'] = [];
for (const phase of task.steady) {
  // the server first finishes what the last phase left (rollups to fold, events to deliver)
  await sleep(3000);
  const gap = 1000 / phase.rate;
  // The same rate of requests that do nothing: what any round trip costs on this machine at this
  // pace (an idle machine answers a sparse request slower than a busy one answers a dense stream).
  const empty: number[] = [];
  for (let i = 0, e0 = performance.now(); i < Math.min(phase.calls, 200); i++) {
    const due = e0 + i * gap;
    if (performance.now() < due) await sleep(due - performance.now());
    const t = performance.now();
    await (await fetch(`${task.url}/healthz`)).arrayBuffer();
    empty.push(performance.now() - t);
  }
  routing = [];
  const acknowledge: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < phase.calls; i++) {
    // on schedule, not "after the previous one": a slow answer does not slow the callers down
    const due = t0 + i * gap;
    if (performance.now() < due) await sleep(due - performance.now());
    const callId = `steady-${task.label}-${phase.rate}-${i}`;
    const at = new Date().toISOString();
    const t = performance.now();
    sent.set(callId, t);
    void post([
      { id: `${callId}-o`, callId, type: 'offered', at, region: task.regions[i % task.regions.length], caller: null },
      { id: `${callId}-q`, callId, type: 'queued', at },
    ]).then(() => acknowledge.push(performance.now() - t));
  }
  while (routing.length < phase.calls && performance.now() - t0 < phase.calls * gap + 10_000) await sleep(5);
  steady.push({ rate: phase.rate, routing, acknowledge, empty });
}
finished = true;
nudge();
await Promise.all(answerers);
controller.abort();
parentPort!.postMessage({ seconds, events, rejected, loaded, steady } satisfies EdgeFigures);
