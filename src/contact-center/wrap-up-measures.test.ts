// The support measures the navigator found, recorded with the wrap-up: checked against the
// navigator's catalogue (a 400 naming body.measures.N), stored with the call, shown in its view and
// carried in the facts cc.calls.changed publishes (for reports of which measures callers ask about).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { edgeClient, event, offered, uid } from '../../test/support/telephony.ts';

type Operator = Client & { userId: number; username: string };

describe('support measures in the wrap-up', () => {
  let app: TestApp;
  let edge: Client;

  /** A call offered, rung, answered and ended with the operator, now in wrap-up. */
  async function talked(op: Operator): Promise<string> {
    expect((await op.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    const id = uid('nm');
    const at = (s: number) => new Date(Date.now() - 300_000 + s * 1000);
    const r = await edge.post('/api/v1/telephony/events', {
      events: [offered(id, '77', at(0)), event(id, 'queued', at(1)), event(id, 'ringing', at(2), { operator: op.username }), event(id, 'answered', at(3), { operator: op.username })],
    });
    expect(r.status, r.text).toBe(200);
    expect((await edge.post('/api/v1/telephony/events', { events: [event(id, 'ended', at(200))] })).body.results[0].status).toBe('accepted');
    expect((await op.get('/api/v1/agent')).body.state).toBe('wrap_up');
    return id;
  }

  beforeAll(async () => {
    app = await startApp({}, { acd: false });
    edge = await edgeClient(app);
  }, 60_000);
  afterAll(() => app?.close());

  it('stores the measures found with the call and carries them in its facts', async () => {
    const op = await app.as('operator', '77');
    const callId = await talked(op);
    const measures = ['sm-injury-payments', 'sm-loan-holidays-servicemen'];
    const r = await op.post(`/api/v1/agent/calls/${callId}/wrap-up`, { outcome: 'answered', measures: [...measures, 'sm-injury-payments'] });
    expect(r.status, r.text).toBe(204);
    const row = await app.db.query<{ measures: string[] }>('SELECT measures FROM cc_calls WHERE call_id = $1', [callId]);
    expect(row.rows[0]!.measures).toEqual(measures);
    const view = await (await app.as('supervisor', '77')).get(`/api/v1/calls/${callId}`);
    expect(view.body).toMatchObject({ state: 'ended', measures });
    const facts = await app.db.query<{ payload: { facts?: { after: { measures?: string[] } }[] } }>(
      `SELECT payload FROM events WHERE topic = 'cc.calls.changed' AND payload::text LIKE '%' || $1 || '%' ORDER BY id DESC LIMIT 1`,
      [callId],
    );
    expect(facts.rows[0]!.payload.facts?.map((f) => f.after.measures)).toContainEqual(measures);
  });

  it('a call wrapped up without measures has none', async () => {
    const op = await app.as('operator', '77');
    const callId = await talked(op);
    expect((await op.post(`/api/v1/agent/calls/${callId}/wrap-up`, { outcome: 'answered' })).status).toBe(204);
    expect((await app.db.query<{ measures: string[] }>('SELECT measures FROM cc_calls WHERE call_id = $1', [callId])).rows[0]!.measures).toEqual([]);
  });

  it('refuses a measure the catalogue does not have, naming it, and keeps the call in wrap-up', async () => {
    const op = await app.as('operator', '77');
    const callId = await talked(op);
    const r = await op.post(`/api/v1/agent/calls/${callId}/wrap-up`, { outcome: 'answered', measures: ['sm-injury-payments', 'sm-no-such-measure'] });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.measures.1']);
    expect((await op.get('/api/v1/agent')).body.state).toBe('wrap_up');
    const bad = await op.post(`/api/v1/agent/calls/${callId}/wrap-up`, { outcome: 'answered', measures: Array.from({ length: 51 }, () => 'sm-injury-payments') });
    expect(bad.status).toBe(400);
    expect((await op.post(`/api/v1/agent/calls/${callId}/wrap-up`, { outcome: 'answered', measures: ['sm-injury-payments'] })).status).toBe(204);
  });
});
