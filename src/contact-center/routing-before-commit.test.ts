// The ACD routes a call as soon as its events are written, not after the commit's flush to disk:
// a slow disk does not keep callers from operators. The edge still gets its 200 only once the
// events are durable; and a batch whose commit fails takes its decisions back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable, TransactionOptions } from '../platform/db/database.ts';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { openStream, type SseStream } from '../../test/support/sse.ts';
import { edgeClient, event, offered, uid } from '../../test/support/telephony.ts';

/** Stands between the app and its database: the commit of a batch that writes a given call waits, or fails. */
function commitGate() {
  const held = new Map<string, { until: Promise<void> } | { fail: Error }>();
  const wrap = (db: Db): Db => ({
    ...db,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions) =>
      db.transaction(async (tx) => {
        const touched: string[] = [];
        const watched: Queryable = {
          query: (text, params) => {
            const said = JSON.stringify(params ?? []);
            for (const id of held.keys()) if (said.includes(id) && !touched.includes(id)) touched.push(id);
            return tx.query(text, params);
          },
          exec: (sql) => tx.exec(sql),
        };
        const result = await fn(watched);
        for (const id of touched) {
          const rule = held.get(id);
          held.delete(id);
          if (rule && 'fail' in rule) throw rule.fail;
          if (rule) await rule.until;
        }
        return result;
      }, options),
  });
  return {
    wrap,
    hold(callId: string): () => void {
      let release!: () => void;
      held.set(callId, { until: new Promise<void>((r) => (release = r)) });
      return release;
    },
    fail(callId: string) {
      held.set(callId, { fail: new Error('the disk is full') });
    },
  };
}

describe('routing before the commit', () => {
  const gate = commitGate();
  let app: TestApp;
  let edge: Client;
  let decisions: SseStream;

  async function settle() {
    for (let i = 0; i < 3; i++) {
      await app.services.events.drain();
      await app.services.cc.acd.settle();
    }
  }
  const callOf = (id: string) => app.services.cc.calls.get({ principal: null, via: 'system' }, id) as Promise<{ state: string; operator: { id: number } | null }>;

  beforeAll(async () => {
    app = await startApp({}, { wrapDb: gate.wrap });
    edge = await edgeClient(app);
    decisions = await openStream(edge, '/api/v1/telephony/decisions');
  });
  afterAll(async () => {
    decisions.close();
    await app.close();
  });

  it('tells the edge whom to connect while the batch is still being flushed, and answers the edge once it is durable', async () => {
    const op = await app.as('operator', '31');
    expect((await op.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    await settle();
    const id = uid('call');
    const release = gate.hold(id);
    let answered = false;
    const posted = edge.post('/api/v1/telephony/events', { events: [offered(id, '31'), event(id, 'queued')] }).then((r) => ((answered = true), r));
    const connect = await decisions.next((e) => e.event === 'connect' && e.data.callId === id, 5000);
    expect(connect.data.operator.id).toBe(op.userId);
    // the commit is still held: the edge has its decision, not yet its acknowledgement
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    release();
    const r = await posted;
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'accepted']);
    await settle();
    expect(await callOf(id)).toMatchObject({ state: 'ringing', operator: { id: op.userId } });
  });

  it('a batch whose commit fails: the edge is told to stop ringing, the operator stays free, and the batch sent again is routed', async () => {
    const op = await app.as('operator', '32');
    expect((await op.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    await settle();
    const id = uid('call');
    gate.fail(id);
    const batch = { events: [offered(id, '32'), event(id, 'queued')] };
    const r = await edge.post('/api/v1/telephony/events', batch);
    expect(r.status).toBe(500);
    await settle();
    const first = await decisions.next((e) => e.event === 'connect' && e.data.callId === id, 5000);
    await decisions.next((e) => e.event === 'stop_ringing' && e.data.callId === id, 5000);
    expect(await app.services.cc.calls.get({ principal: null, via: 'system' }, id).catch((e: { status?: number }) => e.status)).toBe(404);
    expect((await op.get('/api/v1/agent')).body).toMatchObject({ state: 'ready', callId: null });
    // nothing keeps ringing for the call that never was
    const connects = () => decisions.events.filter((e) => e.event === 'connect' && e.data.callId === id).length;
    expect(connects()).toBe(1);

    const again = await edge.post('/api/v1/telephony/events', batch);
    expect(again.body.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'accepted']);
    await settle();
    expect(await callOf(id)).toMatchObject({ state: 'ringing', operator: { id: op.userId } });
    await decisions.next((e) => e !== first && e.event === 'connect' && e.data.callId === id, 5000);
  });
});
