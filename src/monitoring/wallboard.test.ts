// The coordination centre through HTTP: the wallboard of all regions, alerts that open when a
// region's live service level falls below target and close when it recovers, webhooks, and scope.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import { edgeClient, event, offered } from '../../test/support/telephony.ts';
import type { Client } from '../../test/support/http-client.ts';
import { signature } from './alerts/webhooks.ts';

describe('the coordination centre', () => {
  let app: TestApp;
  let edge: Client;
  let coordinator: Client;
  // Yesterday at noon in Moscow: "today" must not roll over in the middle of the test.
  const today = new Date();
  let now = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 1, 9));
  const received: { body: string; signature: string | undefined }[] = [];
  let failNext = 0;
  const hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ body, signature: req.headers['x-otvet-signature'] as string | undefined });
      res.statusCode = failNext-- > 0 ? 503 : 204;
      res.end();
    });
  });

  beforeAll(async () => {
    // no operators anywhere: calls wait; the ACD runs (it would overflow them, so its queues have no overflow here)
    app = await startApp({}, { acd: false, clock: () => now });
    edge = await edgeClient(app);
    coordinator = await app.as('coordinator', 'federal');
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await app.close();
    hook.close();
  });

  it('shows all 85 regions, with nothing to judge before the first call', async () => {
    const r = await coordinator.get('/api/v1/monitoring/wallboard');
    expect(r.status).toBe(200);
    expect(r.body.regions).toHaveLength(85);
    expect(r.body.regions.every((x: { status: string }) => x.status === 'no_calls')).toBe(true);
    expect(r.body.national).toMatchObject({ regions: 85, regionsWithCalls: 0, regionsMeetingNorms: 0, waiting: 0 });
  });

  it('counts answered calls against the norm and names the regions that meet it', async () => {
    const op = await app.user('operator', '78');
    const t0 = new Date(now.getTime() - 10 * 60_000);
    const events = [];
    for (let i = 0; i < 10; i++) {
      const id = `ok-78-${i}-${Date.now()}`;
      events.push(offered(id, '78', t0), event(id, 'queued', t0), event(id, 'answered', new Date(t0.getTime() + 5000), { operator: op.username }), event(id, 'ended', new Date(t0.getTime() + 65_000)));
    }
    const sent = await edge.post('/api/v1/telephony/events', { events });
    expect(sent.status, sent.text).toBe(200);
    const rejected = sent.body.results.filter((x: { status: string }) => x.status !== 'accepted');
    expect(rejected).toEqual([]);
    const r = await coordinator.get('/api/v1/monitoring/wallboard');
    const spb = r.body.regions.find((x: { code: string }) => x.code === '78');
    expect(spb).toMatchObject({ offeredToday: 10, answeredToday: 10, serviceLevelToday: 1, serviceLevel30: 1, status: 'meets', meetsNormsToday: true, asaToday: 5 });
    expect(r.body.national).toMatchObject({ regionsWithCalls: 1, regionsMeetingNorms: 1, answeredToday: 10 });
  });

  it('opens an alert when calls wait past the threshold, tells the subscribers, and closes it when they are gone', async () => {
    const created = await coordinator.post('/api/v1/monitoring/webhooks', { url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`, description: 'duty phone' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/.{20,}/);
    failNext = 1; // the subscriber is down at first

    const t0 = new Date(now.getTime() - 5 * 60_000);
    const ids = Array.from({ length: 6 }, (_, i) => `slow-77-${i}-${Date.now()}`);
    const sent = await edge.post('/api/v1/telephony/events', { events: ids.flatMap((id) => [offered(id, '77', t0), event(id, 'queued', t0)]) });
    expect(sent.status).toBe(200);
    await app.services.monitoring.service.tick();

    const board = await coordinator.get('/api/v1/monitoring/wallboard');
    const moscow = board.body.regions.find((x: { code: string }) => x.code === '77');
    expect(moscow).toMatchObject({ waiting: 6, serviceLevel30: 0, status: 'below' });
    expect(moscow.longestWaitSeconds).toBeGreaterThanOrEqual(300);
    expect(board.body.alerts).toHaveLength(1);
    expect(board.body.alerts[0]).toMatchObject({ region: '77', kind: 'service_level', endedAt: null, valueAtStart: 0, target: 0.8 });

    // the first delivery failed (503): kept, with the error, for a retry
    const hooks = await coordinator.get('/api/v1/monitoring/webhooks');
    expect(hooks.body.items[0]).toMatchObject({ pendingDeliveries: 1, lastError: 'HTTP 503' });
    expect(received).toHaveLength(1);
    await app.db.query('UPDATE mon_webhook_deliveries SET next_at = now()');
    await app.services.monitoring.service.tick();
    expect(received).toHaveLength(2);
    const delivered = JSON.parse(received[1]!.body);
    expect(delivered).toMatchObject({ event: 'alert.opened', alert: { region: '77', regionName: expect.any(String) } });
    expect(received[1]!.signature).toBe(signature(created.body.secret, received[1]!.body));

    // the callers give up; half an hour later the window is clear and the alert ends
    await edge.post('/api/v1/telephony/events', { events: ids.map((id) => event(id, 'abandoned', new Date(t0.getTime() + 400_000))) });
    now = new Date(now.getTime() + 50 * 60_000);
    await app.services.monitoring.service.tick();
    const alerts = await coordinator.get('/api/v1/monitoring/alerts?region=77');
    expect(alerts.status).toBe(200);
    expect(alerts.body.items).toHaveLength(1);
    expect(alerts.body.items[0].endedAt).not.toBeNull();
    expect(JSON.parse(received[2]!.body)).toMatchObject({ event: 'alert.closed' });
  });

  it('shows a regional supervisor their region only; operators not at all', async () => {
    const sup = await app.as('supervisor', '78');
    const r = await sup.get('/api/v1/monitoring/wallboard');
    expect(r.status).toBe(200);
    expect(r.body.regions.map((x: { code: string }) => x.code)).toEqual(['78']);
    expect(r.body.alerts.every((a: { region: string }) => a.region === '78')).toBe(true);
    expect((await sup.get('/api/v1/monitoring/alerts?region=77')).status).toBe(403);
    const op = await app.as('operator', '78');
    expect((await op.get('/api/v1/monitoring/wallboard')).status).toBe(403);
  });

  it('says what is wrong with a webhook', async () => {
    const r = await coordinator.post('/api/v1/monitoring/webhooks', { url: 'ftp://example.org/x' });
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/url/);
    const sup = await app.as('supervisor', '78');
    expect((await sup.post('/api/v1/monitoring/webhooks', { url: 'https://example.org/x' })).status).toBe(403);
  });

  it('gives Prometheus per-region gauges and HTTP and database timings, to a token limited to metrics', async () => {
    const admin = await app.as('admin', 'federal');
    const machine = await app.user('admin', 'federal');
    const t = await admin.post('/api/v1/tokens', { userId: machine.id, name: 'prometheus', scopes: ['metrics'] });
    const prom = app.client();
    prom.token = t.body.secret;
    const r = await prom.get('/metrics');
    expect(r.status).toBe(200);
    expect(r.text).toContain('otvet_region_calls_offered_today{region="78"} 10');
    expect(r.text).toContain('otvet_region_service_level_target{region="01"} 0.8');
    expect(r.text).toMatch(/otvet_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/monitoring\/wallboard",status="200"\} \d+/);
    expect(r.text).toMatch(/otvet_db_statement_duration_seconds_count\{statement="SELECT",outcome="ok"\} \d+/);
    expect((await prom.get('/api/v1/monitoring/wallboard')).status).toBe(403);
    expect((await (await app.as('coordinator', '78')).get('/metrics')).status).toBe(403);
  });

  it('tells editors what people ask now: a topic surging against the same hour of the week before', async () => {
    const events = [];
    // the same hour on each of the last 7 days: 10 calls a day, 1 about the new payment
    for (let d = 1; d <= 7; d++) {
      const at = new Date(now.getTime() - d * 86_400_000 - 20 * 60_000);
      for (let i = 0; i < 10; i++) events.push(offered(`base-${d}-${i}`, '61', at, { topic: i === 0 ? 'Новая выплата' : 'Пенсии' }));
    }
    // this hour: 20 calls, 12 about it
    for (let i = 0; i < 20; i++) events.push(offered(`now-${i}`, '61', new Date(now.getTime() - 20 * 60_000), { topic: i < 12 ? 'Новая выплата' : 'Пенсии' }));
    expect((await edge.post('/api/v1/telephony/events', { events })).status).toBe(200);
    const editor = await app.as('editor', 'federal');
    const r = await editor.get('/api/v1/monitoring/trends?window=hour&region=61');
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ window: 'hour', region: '61', calls: 20, baselineCalls: 70 });
    expect(r.body.topics.map((x: { topic: string }) => x.topic)).toEqual(['Новая выплата']);
    expect(r.body.topics[0]).toMatchObject({ calls: 12, share: 0.6 });
    expect(Array.isArray(r.body.unansweredSearches)).toBe(true);
    expect((await (await app.as('operator', '61')).get('/api/v1/monitoring/trends')).status).toBe(403);
  });
});
