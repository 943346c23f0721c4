// The decisions client against a real otvet whose ACD routes: a connect for a waiting call with an
// operator ready; what was decided while the stream was down arrives after the reconnect (with
// Last-Event-ID), also for an edge restarted on the same data folder; a replay is skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type TestApp } from '../../../test/support/app.ts';
import { startProxy, type FlakyProxy } from '../../../test/support/flaky-proxy.ts';
import type { Client } from '../../../test/support/http-client.ts';
import { edgeClient, event, offered, uid } from '../../../test/support/telephony.ts';
import { createLogger } from '../../platform/logger.ts';
import { DECISIONS_PATH, DecisionsClient, LAST_ID_FILE, type Decision } from './decisions.ts';

const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', format: 'json' });

describe('DecisionsClient against otvet', () => {
  let app: TestApp;
  let edge: Client;
  let proxy: FlakyProxy;
  const dirs: string[] = [];
  const clients: DecisionsClient[] = [];

  /** Lets committed changes reach the ACD and its decisions be made. */
  async function settle() {
    for (let i = 0; i < 3; i++) {
      await app.services.events.drain();
      await app.services.cc.acd.settle();
    }
  }
  async function readyOperator(region: string) {
    const op = await app.as('operator', region);
    expect((await op.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    await settle();
    return op;
  }
  /** A call offered and queued by the edge (straight to otvet, not through the proxy). */
  async function waitingCall(region: string) {
    const id = uid('call');
    const r = await edge.post('/api/v1/telephony/events', { events: [offered(id, region), event(id, 'queued')] });
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'accepted']);
    await settle();
    return id;
  }
  function client(dir: string) {
    const got: Decision[] = [];
    const c = new DecisionsClient({ connection: { baseUrl: proxy.url, token: edge.token! }, dataDir: dir, logger, onDecision: (d) => void got.push(d), backoff: { initialMs: 20, maxMs: 200 } });
    clients.push(c);
    const connectFor = (callId: string) => vi.waitFor(() => got.find((d) => d.type === 'connect' && d.callId === callId) ?? Promise.reject(new Error(`no connect for ${callId}`)), { timeout: 10_000 });
    return { c, got, connectFor };
  }
  const folder = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-edge-'));
    dirs.push(d);
    return d;
  };
  const decisionRequests = (from = 0) => proxy.requests.slice(from).filter((r) => r.url === DECISIONS_PATH);

  beforeAll(async () => {
    app = await startApp();
    edge = await edgeClient(app);
    proxy = await startProxy(app.url);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop();
    proxy.up();
  });
  afterAll(async () => {
    await proxy.close();
    await app.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('receives a connect for a queued call when an operator is ready', async () => {
    const { c, connectFor } = client(folder());
    await c.start();
    await vi.waitFor(() => expect(c.connected).toBe(true));
    const op = await readyOperator('21');
    const callId = await waitingCall('21');
    const connect = await connectFor(callId);
    expect(connect).toMatchObject({ type: 'connect', callId, region: '21', operator: { id: op.userId, username: op.username } });
    expect(c.stats()).toMatchObject({ connected: true, received: 1, connects: 1 });
  });

  it('after a drop, reconnects with Last-Event-ID and gets what was decided meanwhile', async () => {
    const { c, got, connectFor } = client(folder());
    await c.start();
    await readyOperator('22');
    await connectFor(await waitingCall('22'));
    await vi.waitFor(() => expect(c.lastEventId).not.toBe(''), { timeout: 5000 });
    const seen = c.lastEventId;

    proxy.down();
    await vi.waitFor(() => expect(c.connected).toBe(false));
    await readyOperator('25');
    const missed = await waitingCall('25');
    const from = proxy.requests.length;
    proxy.up();
    await connectFor(missed);
    expect(decisionRequests(from)[0]!.headers['last-event-id']).toBe(seen);
    expect(got.filter((d) => d.callId === missed)).toHaveLength(1);
  });

  it('an edge restarted on the same data folder resumes where it stopped', async () => {
    const dir = folder();
    const first = client(dir);
    await first.c.start();
    await readyOperator('23');
    await first.connectFor(await waitingCall('23'));
    await vi.waitFor(() => expect(first.c.lastEventId).not.toBe(''), { timeout: 5000 });
    await first.c.stop();
    const kept = fs.readFileSync(path.join(dir, LAST_ID_FILE), 'utf8');
    expect(kept).toBe(first.c.lastEventId);

    await readyOperator('26');
    const missed = await waitingCall('26');
    const from = proxy.requests.length;
    const second = client(dir);
    await second.c.start();
    await second.connectFor(missed);
    expect(decisionRequests(from)[0]!.headers['last-event-id']).toBe(kept);
  });

  it('skips decisions it has handled when otvet sends them again', async () => {
    const { c, got, connectFor } = client(folder());
    await c.start();
    await readyOperator('24');
    const callId = await waitingCall('24');
    await connectFor(callId);
    // the next stream asks for everything from the start: the connect comes again
    proxy.alter((r) => r.url === DECISIONS_PATH, { 'last-event-id': '0' });
    const connects = c.stats().connects;
    proxy.cut();
    await vi.waitFor(() => expect(c.stats().connects).toBe(connects + 1), { timeout: 5000 });
    await vi.waitFor(() => expect(c.stats().skipped).toBeGreaterThan(0), { timeout: 5000 });
    expect(got.filter((d) => d.callId === callId && d.type === 'connect')).toHaveLength(1);
  });
});
