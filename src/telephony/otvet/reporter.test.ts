// The reporter against a real otvet (in-process, over HTTP, with a telephony token): events from
// the journal arrive once, otvet down and back, a crash and restart, 5xx, 429, rejected events.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { startProxy, type FlakyProxy } from '../../../test/support/flaky-proxy.ts';
import type { Client } from '../../../test/support/http-client.ts';
import { edgeClient, uid } from '../../../test/support/telephony.ts';
import type { Db, Queryable, TransactionOptions } from '../../platform/db/database.ts';
import { createLogger } from '../../platform/logger.ts';
import type { EdgeEvent } from './events.ts';
import { JOURNAL_FILE, Journal } from './journal.ts';
import { EVENTS_PATH, Reporter, type ReporterOptions } from './reporter.ts';

/** Fails the next commit that writes a given call (otvet answers that batch with a 500). */
function failingCommits() {
  const fail = new Set<string>();
  const wrap = (db: Db): Db => ({
    ...db,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions) =>
      db.transaction(async (tx) => {
        let hit: string | undefined;
        const watched: Queryable = {
          query: (text, params) => {
            const said = JSON.stringify(params ?? []);
            hit ??= [...fail].find((id) => said.includes(id));
            return tx.query(text, params);
          },
          exec: (sql) => tx.exec(sql),
        };
        const result = await fn(watched);
        if (hit && fail.delete(hit)) throw new Error('the disk is full');
        return result;
      }, options),
  });
  return { wrap, fail: (callId: string) => fail.add(callId) };
}

const CALLER = '+7 916 123-45-12';
const at = (s = 0) => new Date(Date.now() - 60_000 + s * 1000).toISOString();
function callEvents(callId = uid('call'), region = '77'): EdgeEvent[] {
  return [
    { id: `${callId}-1`, callId, type: 'offered', at: at(0), region, caller: CALLER, dialled: '122' },
    { id: `${callId}-2`, callId, type: 'ivr_choice', at: at(5), topic: 'Пенсии' },
    { id: `${callId}-3`, callId, type: 'queued', at: at(6) },
  ];
}

describe('Reporter against otvet', () => {
  const commits = failingCommits();
  let app: TestApp;
  let edge: Client;
  let staff: Client;
  let proxy: FlakyProxy;
  const dirs: string[] = [];
  const running: { reporter: Reporter; journal: Journal }[] = [];
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', format: 'json' }, { write: (line: string) => void logs.push(line) });

  const folder = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-edge-'));
    dirs.push(d);
    return d;
  };
  async function startReporter(dir: string, { via, ...opts }: Partial<ReporterOptions> & { via?: string } = {}) {
    const journal = await Journal.open(dir, { logger });
    const reporter = new Reporter({ connection: { baseUrl: via ?? app.url, token: edge.token! }, journal, logger, backoff: { initialMs: 20, maxMs: 200 }, probeIntervalMs: 50, ...opts });
    running.push({ reporter, journal });
    return { reporter, journal };
  }
  async function history(callId: string): Promise<{ id: string; type: string }[]> {
    const r = await staff.get(`/api/v1/calls/${callId}`);
    expect(r.status, r.text).toBe(200);
    return r.body.events;
  }
  /** Each event once in the call's history, in order (otvet's own, an overflow say, aside). */
  async function expectOnce(events: EdgeEvent[]) {
    const ours = new Set(events.map((e) => e.id));
    const seen = (await history(events[0]!.callId)).filter((e) => ours.has(e.id));
    expect(seen.map((e) => [e.id, e.type])).toEqual(events.map((e) => [e.id, e.type]));
  }

  beforeAll(async () => {
    app = await startApp({}, { wrapDb: commits.wrap });
    edge = await edgeClient(app);
    staff = await app.as('admin', 'federal');
    proxy = await startProxy(app.url);
  });
  afterEach(async () => {
    for (const { reporter, journal } of running.splice(0)) {
      await reporter.stop();
      await journal.close();
    }
    proxy.up();
  });
  afterAll(async () => {
    await proxy.close();
    await app.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('delivers reported events once; otvet accepts them and the journal empties', async () => {
    const { reporter, journal } = await startReporter(folder());
    reporter.start();
    const events = callEvents();
    await reporter.report(events);
    await reporter.drained();
    await expectOnce(events);
    expect(reporter.stats()).toMatchObject({ online: true, pending: 0, sent: 3, accepted: 3, duplicate: 0, rejected: 0, failures: 0 });
    expect(journal.size).toBe(0);
  });

  it('keeps the events while otvet is down, is not online, and delivers them once otvet is back', async () => {
    proxy.down();
    const { reporter, journal } = await startReporter(folder(), { via: proxy.url });
    reporter.start();
    await vi.waitFor(() => expect(reporter.stats().failures).toBeGreaterThan(0), { timeout: 5000 });
    expect(reporter.online).toBe(false);
    const events = callEvents();
    await reporter.report(events);
    const failed = reporter.stats().failures;
    await vi.waitFor(() => expect(reporter.stats().failures).toBeGreaterThan(failed + 1), { timeout: 5000 }); // (it tried them, more than once)
    expect(journal.size).toBe(3);
    expect(reporter.online).toBe(false);
    const told: boolean[] = [];
    reporter.onOnline((o) => told.push(o));
    proxy.up();
    await reporter.drained();
    expect(reporter.online).toBe(true);
    expect(told).toEqual([true]);
    await expectOnce(events);
  });

  it('after a crash, sends again what it cannot know was delivered: otvet answers duplicate, the history has each event once', async () => {
    const dir = folder();
    const first = await startReporter(dir);
    const events = callEvents();
    await first.reporter.report(events);
    const onDisk = fs.readFileSync(path.join(dir, JOURNAL_FILE));
    first.reporter.start();
    await first.reporter.drained();
    expect(first.reporter.stats().accepted).toBe(3);
    // The crash: otvet had stored the batch, the edge died before the journal said so (the done
    // line and the emptying never reached the disk), in the middle of appending the next event.
    await first.reporter.stop();
    await first.journal.idle();
    fs.writeFileSync(path.join(dir, JOURNAL_FILE), Buffer.concat([onDisk, Buffer.from(`{"event":{"id":"${events[0]!.callId}-4","callId":"${events[0]!.callId}","ty`)]));
    const second = await startReporter(dir);
    expect(second.journal.recovered).toMatchObject({ pending: 3, badLines: 0 });
    expect(second.journal.recovered.tornBytes).toBeGreaterThan(0);
    second.reporter.start();
    await second.reporter.drained();
    expect(second.reporter.stats()).toMatchObject({ sent: 3, accepted: 0, duplicate: 3, rejected: 0 });
    await expectOnce(events);
  });

  it('sends a batch again after a 5xx until otvet stores it', async () => {
    const { reporter } = await startReporter(folder());
    const events = callEvents();
    commits.fail(events[0]!.callId);
    reporter.start();
    await reporter.report(events);
    await reporter.drained();
    expect(reporter.stats()).toMatchObject({ accepted: 3, duplicate: 0 });
    expect(reporter.stats().failures).toBeGreaterThan(0);
    await expectOnce(events);
  });

  it('waits as long as a 429’s Retry-After asks, staying online', async () => {
    const { reporter } = await startReporter(folder(), { via: proxy.url });
    reporter.start();
    await vi.waitFor(() => expect(reporter.online).toBe(true), { timeout: 5000 });
    proxy.answer((r) => r.url === EVENTS_PATH, 429, { 'retry-after': '1' });
    const from = proxy.requests.length;
    const events = callEvents();
    await reporter.report(events);
    await reporter.drained();
    const posts = proxy.requests.slice(from).filter((r) => r.url === EVENTS_PATH);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(990);
    expect(reporter.online).toBe(true);
    await expectOnce(events);
  });

  it('logs a rejected event with otvet’s reason and never the caller’s number, and lets it go', async () => {
    const { reporter, journal } = await startReporter(folder());
    const events = callEvents();
    const wrong: EdgeEvent = { id: `${events[0]!.callId}-9`, callId: events[0]!.callId, type: 'answered', at: at(8), operator: 'nobody-here' };
    logs.length = 0;
    reporter.start();
    await reporter.report([...events, wrong]);
    await reporter.drained();
    expect(reporter.stats()).toMatchObject({ sent: 4, accepted: 3, rejected: 1 });
    expect(journal.size).toBe(0);
    const rejected = logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'otvet rejected an event');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ event: { id: wrong.id, type: 'answered' }, reason: expect.stringMatching(/./) });
    expect(logs.join('\n')).not.toMatch(/123-45-12|9161234512|916 123/);
  });

  it('sends at most 1,000 events a request, oldest first', async () => {
    const bodies: string[][] = [];
    const recording: typeof fetch = (input, init) => {
      if (String(input).endsWith(EVENTS_PATH)) bodies.push((JSON.parse(String(init!.body)) as { events: EdgeEvent[] }).events.map((e) => e.id));
      return fetch(input, init);
    };
    const { reporter, journal } = await startReporter(folder(), { connection: { baseUrl: app.url, token: edge.token!, fetch: recording } });
    const events = Array.from({ length: 400 }, () => callEvents()).flat();
    await journal.append(events);
    reporter.start();
    await reporter.drained();
    expect(bodies.map((b) => b.length)).toEqual([1000, 200]);
    expect(bodies.flat()).toEqual(events.map((e) => e.id));
    expect(reporter.stats()).toMatchObject({ sent: 1200, accepted: 1200 });
  });
});
