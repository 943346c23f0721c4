// An operator passes a call in progress to another queue from the workstation: the call waits
// there again (its first queueing time kept, so it is not sent to the back), the edge is told to
// take it from the operator's phone and hold the caller, the operator is free at once, and the ACD
// rings the next operator of that queue. What the operator may choose, and what is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { openStream, type SseStream } from '../../test/support/sse.ts';
import { edgeClient, event, offered, uid } from '../../test/support/telephony.ts';

describe('transfer from the workstation', () => {
  let app: TestApp;
  let edge: Client;
  let decisions: SseStream;
  let now = Date.now() - 3600_000;
  const clock = () => new Date(now);
  const advance = (s: number) => (now += s * 1000);

  async function settle() {
    for (let i = 0; i < 3; i++) {
      await app.services.events.drain();
      await app.services.cc.acd.settle();
    }
  }
  const call = async (id: string) =>
    (await app.services.cc.calls.get({ principal: null, via: 'system' }, id)) as { state: string; operator: { id: number } | null; queue: { region: string; name: string } | null; queuedAt: string };
  const agent = async (c: Client) => (await c.get('/api/v1/agent')).body as { userId: number; state: string; callId: string | null };
  async function ready(c: Client) {
    expect((await c.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    advance(1);
    await settle();
  }
  /** A call offered and queued in `region`, rung to the longest idle operator and answered by them. */
  async function talking(region: string, who: Client) {
    const id = uid('call');
    await edge.post('/api/v1/telephony/events', { events: [offered(id, region, clock()), event(id, 'queued', clock())] });
    await settle();
    expect((await who.post(`/api/v1/agent/calls/${id}/answer`)).status).toBe(204);
    await settle();
    return id;
  }

  beforeAll(async () => {
    app = await startApp({}, { clock });
    edge = await edgeClient(app);
    decisions = await openStream(edge, '/api/v1/telephony/decisions');
  });
  afterAll(async () => {
    decisions.close();
    await app.close();
  });

  it('offers the call’s region’s queues and the federal reserve as targets', async () => {
    const a = await app.as('operator', '21');
    await ready(a);
    const id = await talking('21', a);
    const r = await a.get(`/api/v1/agent/calls/${id}/transfer-targets`);
    expect(r.status).toBe(200);
    expect(r.body.queues).toEqual([
      { region: '21', name: 'general', title: 'Общая очередь' },
      { region: 'federal', name: 'general', title: 'Федеральный резерв' },
    ]);
    await a.post(`/api/v1/agent/calls/${id}/hangup`);
  });

  it('puts the call back in the chosen queue, frees the operator, tells the edge, and the next operator gets it', async () => {
    const a = await app.as('operator', '22');
    const b = await app.as('operator', '22');
    await ready(a);
    const id = await talking('22', a);
    const queuedAt = (await call(id)).queuedAt;
    await ready(b);
    advance(30);
    const r = await a.post(`/api/v1/agent/calls/${id}/transfer`, { queue: 'general', region: '22' });
    expect(r.status, r.text).toBe(204);
    const d = await decisions.next((e) => e.event === 'transfer' && e.data.callId === id, 2000);
    expect(d.data).toMatchObject({ type: 'transfer', callId: id, region: '22' });
    await settle();
    // the operator who passed it on is free; b, idle longer, is rung
    expect(await agent(a)).toMatchObject({ state: 'ready', callId: null });
    const c = await call(id);
    expect(c).toMatchObject({ state: 'ringing', operator: { id: (await agent(b)).userId }, queue: { region: '22', name: 'general' } });
    expect(c.queuedAt).toBe(queuedAt);
    await decisions.next((e) => e.event === 'connect' && e.data.callId === id && e.data.operator.id === c.operator!.id, 2000);
    const events = ((await app.as('supervisor', '22').then((s) => s.get(`/api/v1/calls/${id}`))).body.events as { type: string }[]).map((e) => e.type);
    expect(events).toContain('transferred');
  });

  it('to the federal reserve: the call waits there', async () => {
    const a = await app.as('operator', '23');
    await ready(a);
    const id = await talking('23', a);
    expect((await a.post(`/api/v1/agent/calls/${id}/transfer`, { queue: 'general', region: 'federal' })).status).toBe(204);
    await settle();
    expect(await call(id)).toMatchObject({ queue: { region: 'federal', name: 'general' } });
    expect((await call(id)).state).toMatch(/^(waiting|ringing)$/);
  });

  it('refuses what cannot be: no such queue, a call not in conversation, someone else’s call, a bad body', async () => {
    const a = await app.as('operator', '24');
    const other = await app.as('operator', '24');
    await ready(a);
    const id = await talking('24', a);
    const noQueue = await a.post(`/api/v1/agent/calls/${id}/transfer`, { queue: 'nowhere', region: '24' });
    expect(noQueue.status).toBe(404);
    expect(noQueue.body.code).toBe('queue.not_found');
    expect((await other.post(`/api/v1/agent/calls/${id}/transfer`, { queue: 'general', region: '24' })).status).toBe(404);
    const bad = await a.post(`/api/v1/agent/calls/${id}/transfer`, { queue: '', region: 'Москва' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/region/);
    // still the operator's, in conversation: nothing was changed by the refusals
    expect(await call(id)).toMatchObject({ state: 'talking' });
    expect((await a.post(`/api/v1/agent/calls/${id}/hangup`)).status).toBe(204);
    await settle();
    const late = await a.post(`/api/v1/agent/calls/${id}/transfer`, { queue: 'general', region: '24' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('call.not_in_conversation');
  });
});
