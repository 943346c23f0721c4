// The browser phone's line quality: sent with the wrap-up by the operator whose call it is, checked,
// kept beside the call (not in its events), and added up per operator and region for supervisors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { edgeClient, event, offered, uid } from '../../test/support/telephony.ts';

type Operator = Client & { userId: number; username: string };

const good = { mos: 4.3, packetsReceived: 9000, packetsLost: 10, jitterMs: 4, rttMs: 40, bytesReceived: 1_440_000, bytesSent: 1_430_000, durationSeconds: 180 };
const poor = { mos: 2.9, packetsReceived: 8000, packetsLost: 990, jitterMs: 60, rttMs: null, bytesReceived: 1_280_000, bytesSent: 1_300_000, durationSeconds: 160 };

describe('call quality from the browser phone', () => {
  let app: TestApp;
  let edge: Client;
  // Two days ago at 21:30 UTC: 00:30 the next day in Moscow, 23:30 the same day in Kaliningrad.
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  let now = midnight.getTime() - 2 * 86_400_000 + 21.5 * 3_600_000;
  const clock = () => new Date(now);
  const utcDay = clock().toISOString().slice(0, 10);
  const moscowDay = new Date(now + 3 * 3_600_000).toISOString().slice(0, 10);

  /** A call offered, rung, answered and ended with the operator, now in wrap-up. */
  async function talked(op: Operator, region: string): Promise<string> {
    expect((await op.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    const id = uid('cq');
    const t = now;
    const at = (s: number) => new Date(t - 300_000 + s * 1000);
    const r = await edge.post('/api/v1/telephony/events', {
      events: [offered(id, region, at(0)), event(id, 'queued', at(1)), event(id, 'ringing', at(2), { operator: op.username }), event(id, 'answered', at(3), { operator: op.username })],
    });
    expect(
      r.body.results.map((x: { status: string }) => x.status),
      r.text,
    ).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect((await edge.post('/api/v1/telephony/events', { events: [event(id, 'ended', at(200))] })).body.results[0].status).toBe('accepted');
    expect((await op.get('/api/v1/agent')).body.state).toBe('wrap_up');
    now += 1000;
    return id;
  }

  const stored = async (callId: string) => (await app.db.query<Record<string, unknown>>('SELECT * FROM cc_call_quality WHERE call_id = $1', [callId])).rows[0];

  beforeAll(async () => {
    // (no ACD: calls ring the operator the test names)
    app = await startApp({}, { acd: false, clock });
    edge = await edgeClient(app);
  });
  afterAll(() => app.close());

  it('is stored with the wrap-up, apart from the call’s events, and added up per operator and region', async () => {
    const volkov = await app.as('operator', '77', 'volkov');
    const orlova = await app.as('operator', '77', 'orlova');
    const calls = [await talked(volkov, '77'), await talked(volkov, '77'), await talked(orlova, '77')];
    expect((await volkov.post(`/api/v1/agent/calls/${calls[0]}/wrap-up`, { outcome: 'answered', quality: good })).status).toBe(204);
    expect((await volkov.post(`/api/v1/agent/calls/${calls[1]}/wrap-up`, { outcome: 'dropped', quality: poor })).status).toBe(204);
    expect((await orlova.post(`/api/v1/agent/calls/${calls[2]}/wrap-up`, { outcome: 'answered', quality: { ...good, mos: 4.1, rttMs: 80 } })).status).toBe(204);

    expect(await stored(calls[1]!)).toMatchObject({
      region_code: '77',
      mos: 2.9,
      jitter_ms: 60,
      rtt_ms: null,
      duration_seconds: 160,
    });
    expect(Number((await stored(calls[1]!))?.operator_id)).toBe(volkov.userId);
    // the call is wrapped up as ever; its events carry no figures
    const call = await (await app.as('supervisor', '77')).get(`/api/v1/calls/${calls[1]}`);
    expect(call.body).toMatchObject({ state: 'ended', outcome: 'dropped' });
    expect(JSON.stringify(call.body.events)).not.toMatch(/mos|jitter/);
    expect((await volkov.get('/api/v1/agent')).body.state).toBe('ready');

    const sv = await app.as('supervisor', '77');
    const r = await sv.get('/api/v1/supervisor/call-quality');
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({
      region: '77',
      date: moscowDay,
      operators: [
        {
          username: 'volkov',
          displayName: 'volkov',
          region: '77',
          calls: 2,
          mosAvg: 3.6,
          mosMin: 2.9,
          poorCalls: 1,
          lossPct: Math.round((1000 / 18000) * 10000) / 100,
          jitterMsAvg: 32,
          rttMsAvg: 40,
        },
        { username: 'orlova', displayName: 'orlova', region: '77', calls: 1, mosAvg: 4.1, mosMin: 4.1, poorCalls: 0, lossPct: Math.round((10 / 9010) * 10000) / 100, jitterMsAvg: 4, rttMsAvg: 80 },
      ],
      regions: [{ region: '77', calls: 3, mosAvg: 3.77, poorCalls: 1, lossPct: Math.round((1010 / 27010) * 10000) / 100 }],
    });
  });

  it('is optional: a wrap-up without it stores nothing', async () => {
    const op = await app.as('operator', '78');
    const id = await talked(op, '78');
    expect((await op.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'answered' })).status).toBe(204);
    expect(await stored(id)).toBeUndefined();
  });

  it('refuses bad figures with a 400 naming the field, and the call stays in wrap-up', async () => {
    const op = await app.as('operator', '78');
    const id = await talked(op, '78');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, mos: 5.5 }, 'body.quality.mos'],
      [{ ...good, mos: 0 }, 'body.quality.mos'],
      [{ ...good, packetsLost: -3 }, 'body.quality.packetsLost'],
      [{ ...good, packetsReceived: 12.5 }, 'body.quality.packetsReceived'],
      [{ ...good, bytesSent: 2 ** 31 + 1 }, 'body.quality.bytesSent'],
      [{ ...good, jitterMs: 10_001 }, 'body.quality.jitterMs'],
      [{ ...good, rttMs: -1 }, 'body.quality.rttMs'],
      [{ ...good, rttMs: 60_001 }, 'body.quality.rttMs'],
      [{ ...good, durationSeconds: 'long' }, 'body.quality.durationSeconds'],
      [{ ...good, bytesReceived: undefined }, 'body.quality.bytesReceived'],
    ];
    for (const [quality, field] of cases) {
      const r = await op.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'answered', quality });
      expect(r.status, JSON.stringify(quality)).toBe(400);
      expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(field);
      expect(r.body.detail).toContain(field);
    }
    expect((await op.get('/api/v1/agent')).body.state).toBe('wrap_up');
    expect(await stored(id)).toBeUndefined();
    // the edges of the ranges are fine
    const edgeValues = { mos: 1, packetsReceived: 0, packetsLost: 0, jitterMs: 0, rttMs: 0, bytesReceived: 0, bytesSent: 2 ** 31, durationSeconds: 0 };
    expect((await op.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'answered', quality: edgeValues })).status).toBe(204);
    expect(await stored(id)).toMatchObject({ mos: 1, rtt_ms: 0 });
    expect(Number((await stored(id))?.bytes_sent)).toBe(2 ** 31);
  });

  it('comes only from the operator whose call it is, once', async () => {
    const mine = await app.as('operator', '78');
    const other = await app.as('operator', '78');
    const id = await talked(mine, '78');
    const stranger = await other.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'answered', quality: poor });
    expect(stranger.status).toBe(404);
    expect(await stored(id)).toBeUndefined();
    const sv = await app.as('supervisor', '78');
    expect((await sv.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'answered', quality: poor })).status).toBe(404);
    expect((await mine.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'answered', quality: good })).status).toBe(204);
    // a second wrap-up is refused and changes nothing
    expect((await mine.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'answered', quality: poor })).status).toBe(409);
    expect(await stored(id)).toMatchObject({ mos: 4.3 });
  });

  it('shows a supervisor their region only; federal staff any region, or all', async () => {
    const kal = await app.as('operator', '39', 'kaliningrad-op');
    const id = await talked(kal, '39');
    expect((await kal.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'answered', quality: poor })).status).toBe(204);

    const sv77 = await app.as('supervisor', '77');
    expect((await sv77.get('/api/v1/supervisor/call-quality?region=39')).status).toBe(403);
    const own = await sv77.get('/api/v1/supervisor/call-quality?region=77');
    expect(own.body.operators.map((o: { username: string }) => o.username)).toEqual(['volkov', 'orlova']);
    expect(own.body.regions.map((g: { region: string }) => g.region)).toEqual(['77']);

    // Kaliningrad's today is still the UTC day (23:30 there)
    const sv39 = await app.as('supervisor', '39');
    const kalToday = await sv39.get('/api/v1/supervisor/call-quality');
    expect(kalToday.body).toMatchObject({ region: '39', date: utcDay, operators: [{ username: 'kaliningrad-op', calls: 1, poorCalls: 1, rttMsAvg: null }] });

    const coordinator = await app.as('coordinator', 'federal');
    const one = await coordinator.get(`/api/v1/supervisor/call-quality?region=39&date=${utcDay}`);
    expect(one.body.operators.map((o: { username: string }) => o.username)).toEqual(['kaliningrad-op']);
    // all regions: Moscow's today, each call on its own region's date
    const all = await coordinator.get('/api/v1/supervisor/call-quality');
    expect(all.body).toMatchObject({ region: null, date: moscowDay });
    expect(all.body.regions.map((g: { region: string }) => g.region)).toEqual(['78', '77']); // worst first
    const allOfUtcDay = await coordinator.get(`/api/v1/supervisor/call-quality?date=${utcDay}`);
    expect(allOfUtcDay.body.regions).toEqual([{ region: '39', calls: 1, mosAvg: 2.9, poorCalls: 1, lossPct: 11.01 }]);

    expect((await kal.get('/api/v1/supervisor/call-quality')).status).toBe(403);
    expect((await sv77.get('/api/v1/supervisor/call-quality?date=2026-02-30')).status).toBe(400);
    expect((await sv77.get('/api/v1/supervisor/call-quality?region=7')).status).toBe(400);
  });
});
