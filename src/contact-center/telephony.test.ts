// The telephony events API as a PBX adapter uses it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { edgeClient, event, offered, uid } from '../../test/support/telephony.ts';

describe('telephony events API', () => {
  let app: TestApp;
  let edge: Client;
  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    edge = await edgeClient(app);
  });
  afterAll(() => app.close());

  it('records a batch, one verdict per event; duplicates are harmless; bad events do not sink the batch', async () => {
    const t = Date.now() - 60_000;
    const o = offered('c-1', '77', new Date(t));
    const batch = [
      o,
      event('c-1', 'queued', new Date(t + 5_000)),
      event('c-1', 'abandoned', new Date(t + 30_000)),
      event('c-1', 'ringing', new Date(t + 40_000), { operator: 'nobody-here' }),
      event('c-1', 'ended', new Date(t + 50_000)),
      offered('c-2', '99'),
    ];
    const r = await edge.post('/api/v1/telephony/events', { events: batch });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected', 'rejected', 'rejected']);
    expect(r.body.results[3].reason).toMatch(/unknown operator "nobody-here"/);
    expect(r.body.results[4].reason).toMatch(/already been abandoned/);
    expect(r.body.results[5].reason).toMatch(/unknown region 99/);
    const again = await edge.post('/api/v1/telephony/events', { events: [o] });
    expect(again.body.results).toEqual([{ id: o.id, status: 'duplicate' }]);
    const reused = await edge.post('/api/v1/telephony/events', { events: [{ ...o, type: 'ended' }] });
    expect(reused.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/was used for a different event/) });

    const call = await (await app.as('supervisor', '77')).get('/api/v1/calls/c-1');
    expect(call.body).toMatchObject({
      callId: 'c-1',
      state: 'abandoned',
      region: '77',
      queue: { name: 'general', region: '77' },
      callerMasked: '+7 916 ***-**-12',
      closeReason: 'caller_hung_up',
      waitSeconds: 25,
    });
    expect(call.body.events.map((e: { type: string }) => e.type)).toEqual(['offered', 'queued', 'abandoned']);
  });

  it('never stores or shows the caller number', async () => {
    await edge.post('/api/v1/telephony/events', { events: [offered('c-secret', '77', new Date(), { caller: '8 916 555-44-33' })] });
    const dump = await app.db.query<{ t: string }>(
      "SELECT string_agg(x::text, ' ') AS t FROM (SELECT row_to_json(c)::text AS x FROM cc_calls c UNION ALL SELECT row_to_json(e)::text FROM cc_call_events e) s",
    );
    for (const fragment of ['9165554433', '916 555', '555-44-33', '5554433']) expect(dump.rows[0]!.t).not.toContain(fragment);
    const call = await (await app.as('supervisor', '77')).get('/api/v1/calls/c-secret');
    expect(call.body.callerMasked).toBe('+7 916 ***-**-33');
  });

  it('recognises a caller who called before, by the keyed hash', async () => {
    const day = 86400_000;
    await edge.post('/api/v1/telephony/events', {
      events: [
        offered('old-1', '77', new Date(Date.now() - 3 * day), { caller: '+79161112233', topic: 'covid' }),
        offered('old-2', '77', new Date(Date.now() - 40 * day), { caller: '+79161112233' }),
        offered('new-1', '77', new Date(), { caller: '8 (916) 111-22-33' }),
      ],
    });
    const sup = await app.as('supervisor', '77');
    const h = await sup.get('/api/v1/calls/new-1/caller-history');
    expect(h.body.items.map((x: { callId: string }) => x.callId)).toEqual(['old-1']);
    expect(h.body.items[0].topic).toBe('covid');
  });

  it('rejects events from the future and says which field of a malformed event is wrong', async () => {
    const future = await edge.post('/api/v1/telephony/events', { events: [offered('c-future', '77', new Date(Date.now() + 3600_000))] });
    expect(future.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/in the future/) });
    const bad = await edge.post('/api/v1/telephony/events', { events: [{ id: 'x', callId: 'y', type: 'teleport', at: 'now' }] });
    expect(bad.status).toBe(200);
    expect(bad.body.results[0]).toMatchObject({ id: 'x', status: 'rejected', reason: expect.stringMatching(/^type: /) });
  });

  it('a regional edge touches its region only; a telephony token does nothing else', async () => {
    const edge77 = await edgeClient(app, '77');
    const mine = await edge77.post('/api/v1/telephony/events', { events: [offered('r-77', '77'), offered('r-78', '78')] });
    expect(mine.body.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'rejected']);
    await edge.post('/api/v1/telephony/events', { events: [offered('r-78b', '78')] });
    const hijack = await edge77.post('/api/v1/telephony/events', { events: [event('r-78b', 'abandoned')] });
    expect(hijack.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/belongs to region 78/) });
    const users = await edge77.get('/api/v1/users');
    expect(users.status).toBe(403);
    expect(users.body.code).toBe('auth.token_scope');
    const op = await app.as('operator', '77');
    expect((await op.post('/api/v1/telephony/events', { events: [offered(uid('c'), '77')] })).status).toBe(403);
  });

  it('an operator whose account is disabled is refused at once, though the edge named them a moment before', async () => {
    const op = await app.user('operator', '77');
    const admin = await app.as('admin', 'federal');
    const first = uid('c');
    const ok = await edge.post('/api/v1/telephony/events', { events: [offered(first, '77'), event(first, 'queued'), event(first, 'answered', new Date(), { operator: op.username })] });
    expect(ok.body.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect((await admin.post(`/api/v1/users/${op.id}/disable`)).status).toBe(200);
    const next = uid('c');
    const refused = await edge.post('/api/v1/telephony/events', { events: [offered(next, '77'), event(next, 'queued'), event(next, 'answered', new Date(), { operator: op.username })] });
    expect(refused.body.results[2]).toMatchObject({ status: 'rejected', reason: `unknown operator "${op.username}"` });
  });

  it('lists calls by role: supervisors their region, operators their own', async () => {
    const sup78 = await app.as('supervisor', '78');
    const list = await sup78.get('/api/v1/calls?limit=100');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((c: { region: string }) => c.region === '78')).toBe(true);
    expect((await sup78.get('/api/v1/calls?region=77')).status).toBe(403);
    expect((await sup78.get('/api/v1/calls/c-1')).status).toBe(404);
    const op = await app.as('operator', '77');
    expect((await op.get('/api/v1/calls')).body.items).toEqual([]);
    expect((await op.get('/api/v1/calls/c-1')).status).toBe(404);
  });
});
