// What a careless or hostile telephony edge may send, and what otvet must do with it: dates from
// another age refused, one bad event refused alone, a region's edge kept to its region's seats,
// and reports that keep working whatever a single stored row holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { edgeClient, event, offered, uid } from '../../test/support/telephony.ts';

const statuses = (r: { body: { results: { status: string }[] } }) => r.body.results.map((x) => x.status);

describe('a hostile or careless telephony edge', () => {
  let app: TestApp;
  let edge: Client;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    edge = await edgeClient(app);
  });
  afterAll(() => app.close());

  it('refuses events dated before 2000, each alone, saying why', async () => {
    const ok = offered(uid('c'), '77');
    const r = await edge.post('/api/v1/telephony/events', {
      events: [offered(uid('c'), '77', new Date('0999-06-01T10:00:00Z')), offered(uid('c'), '77', new Date('1999-12-31T23:59:59Z')), ok],
    });
    expect(r.status).toBe(200);
    expect(statuses(r)).toEqual(['rejected', 'rejected', 'accepted']);
    expect(r.body.results[0].reason).toMatch(/at: must be in the years 2000 to 2100/);
  });

  it('keeps reports, the wallboard and trends working when a stored event is from another age', async () => {
    const callId = uid('ancient');
    // As an older version stored it (it accepted any date): straight through the recorder.
    await app.services.cc.recorder.record([
      { id: uid(), callId, type: 'offered', at: new Date('0999-06-01T10:00:00Z'), data: { region: '77', callerHash: null, callerMasked: null, dialled: '122', topic: null }, source: 'api' },
      { id: uid(), callId, type: 'queued', at: new Date('0999-06-01T10:00:05Z'), data: { queueName: null }, source: 'api' },
      { id: uid(), callId, type: 'abandoned', at: new Date('0999-06-01T10:00:35Z'), data: {}, source: 'api' },
    ]);
    const coord = await app.as('coordinator', 'federal');
    for (const path of [
      '/api/v1/monitoring/wallboard',
      '/api/v1/monitoring/trends',
      '/api/v1/reports/calls?from=2026-01-01&to=2026-12-31',
      '/api/v1/reports/regions?from=2026-01-01&to=2026-12-31',
      '/api/v1/reports/compliance?from=2026-01-01&to=2026-12-31',
      '/api/v1/reports/year?year=2026',
    ]) {
      const res = await coord.get(path);
      expect(res.status, `${path}: ${res.text}`).toBeLessThan(500);
    }
    // And the repair tool (`otvet rollups rebuild`) rebuilds the span holding it.
    await expect(app.services.monitoring.rebuild(new Date('0999-06-01T00:00:00Z'), new Date('0999-06-02T00:00:00Z'))).resolves.toMatchObject({ calls: 1 });
  });

  it('refuses a malformed event alone and says which field is wrong; the rest of the batch is recorded', async () => {
    const good = offered(uid('c'), '77');
    const r = await edge.post('/api/v1/telephony/events', {
      events: [
        { ...offered('x', '77'), callId: 'x'.repeat(101) },
        { ...offered(uid('c'), '77'), callId: 'nul\u0000call' },
        { ...offered(uid('c'), '77'), topic: 'half \ud800 a pair' },
        { id: 'tp', callId: 'y', type: 'teleport', at: 'now' },
        'not an event',
        good,
      ],
    });
    expect(r.status).toBe(200);
    expect(statuses(r)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'accepted']);
    const reasons = r.body.results.map((x: { reason?: string }) => x.reason ?? '');
    expect(reasons[0]).toMatch(/callId/);
    expect(reasons[1]).toMatch(/callId.*NUL/);
    expect(reasons[2]).toMatch(/topic.*surrogate/);
    expect(reasons[3]).toMatch(/type/);
    expect(r.body.results[3].id).toBe('tp');
    expect(reasons[4]).toMatch(/not an object/);
    expect((await app.as('supervisor', '77')).get(`/api/v1/calls/${good.callId}`)).resolves.toMatchObject({ status: 200 });
  });

  it('refuses a batch that is not a list of events as a whole, with a problem document', async () => {
    for (const body of [{ events: [] }, { events: 'x' }, {}, { events: Array.from({ length: 1001 }, () => offered(uid('c'), '77')) }]) {
      const r = await edge.post('/api/v1/telephony/events', body);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
  });

  it("a region's edge may not name another region's operator", async () => {
    const edge77 = await edgeClient(app, '77');
    const op78 = await app.user('operator', '78');
    const op77 = await app.user('operator', '77');
    const callId = uid('c');
    const r = await edge77.post('/api/v1/telephony/events', {
      events: [offered(callId, '77'), event(callId, 'queued'), event(callId, 'ringing', new Date(), { operator: op78.username }), event(callId, 'answered', new Date(), { operator: op78.username })],
    });
    expect(statuses(r)).toEqual(['accepted', 'accepted', 'rejected', 'rejected']);
    expect(r.body.results[2].reason).toMatch(/region 78/);
    const other = uid('c');
    const t = await edge77.post('/api/v1/telephony/events', {
      events: [
        offered(other, '77'),
        event(other, 'queued'),
        event(other, 'answered', new Date(), { operator: op77.username }),
        event(other, 'transferred', new Date(Date.now() + 1000), { to: { operator: op78.username } }),
      ],
    });
    expect(statuses(t)).toEqual(['accepted', 'accepted', 'accepted', 'rejected']);
    const seat = await (await app.as('supervisor', '78')).get('/api/v1/operators');
    expect(seat.status).toBe(200);
    expect(JSON.stringify(seat.body)).not.toContain(callId);
  });

  it('never returns the caller hash: a call and its events show the masked number only', async () => {
    const callId = uid('c');
    await edge.post('/api/v1/telephony/events', { events: [offered(callId, '77', new Date(), { caller: '+7 916 765-43-21' })] });
    const stored = await app.db.query<{ caller_hash: string }>('SELECT caller_hash FROM cc_calls WHERE call_id = $1', [callId]);
    const hash = stored.rows[0]!.caller_hash;
    expect(hash).toBeTruthy();
    const sup = await app.as('supervisor', '77');
    const body = JSON.stringify((await sup.get(`/api/v1/calls/${callId}`)).body) + JSON.stringify((await sup.get('/api/v1/calls?limit=1000')).body);
    expect(body).toContain('+7 916 ***-**-21');
    expect(body).not.toContain(hash);
    expect(body).not.toMatch(/callerHash/);
  });
});
