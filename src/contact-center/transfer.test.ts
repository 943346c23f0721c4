// An operator passes a call in progress from the workstation, to another queue or to a named
// colleague. To a queue: the call waits there again (its first queueing time kept, so it is not sent
// to the back) and the ACD rings the next operator. To a colleague: their phone rings at once, and
// if they do not answer the call goes back to its queue. Either way the edge is told to take it from
// the operator's phone and hold the caller, and the operator is free at once. What the operator may
// choose, and what is refused.
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
  async function tick() {
    await app.services.cc.acd.tick();
    await settle();
  }
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

  it('offers the colleagues at work in the call’s region and the reserve, ready ones first, with their state; not themselves, not those offline', async () => {
    const a = await app.as('operator', '31', 'ivanova-31');
    const b = await app.as('operator', '31', 'petrova-31');
    const c = await app.as('operator', '31', 'orlova-31');
    const away = await app.as('operator', '31', 'away-31');
    const reserve = await app.as('operator', 'federal', 'reserve-1');
    await ready(a);
    const id = await talking('31', a);
    await ready(b);
    await ready(reserve);
    expect((await c.post('/api/v1/agent/state', { state: 'break', reason: 'обед' })).status).toBe(200);
    await away.get('/api/v1/agent');
    const r = await a.get(`/api/v1/agent/calls/${id}/transfer-targets`);
    expect(r.status, r.text).toBe(200);
    const operators = r.body.operators as { username: string; region: string; state: string; displayName: string }[];
    expect(operators.map((o) => [o.username, o.region, o.state])).toEqual([
      ['petrova-31', '31', 'ready'],
      ['reserve-1', 'federal', 'ready'],
      ['orlova-31', '31', 'break'],
    ]);
    expect(operators[0]!.displayName).toBeTruthy();
    await a.post(`/api/v1/agent/calls/${id}/hangup`);
    await reserve.post('/api/v1/agent/state', { state: 'offline' });
  });

  it('to a named colleague: their phone rings at once (before anyone idle longer), the operator is free, the colleague answers', async () => {
    const a = await app.as('operator', '32', 'ivanova-32');
    const idle = await app.as('operator', '32', 'idle-32');
    const b = await app.as('operator', '32', 'petrova-32');
    await ready(a);
    const id = await talking('32', a);
    await ready(idle);
    await ready(b);
    advance(30);
    const bId = (await agent(b)).userId;
    const r = await a.post(`/api/v1/agent/calls/${id}/transfer`, { operator: 'petrova-32' });
    expect(r.status, r.text).toBe(204);
    await decisions.next((e) => e.event === 'transfer' && e.data.callId === id, 2000);
    const connect = await decisions.next((e) => e.event === 'connect' && e.data.callId === id && e.data.operator.username === 'petrova-32', 2000);
    expect(connect.data.operator).toEqual({ id: bId, username: 'petrova-32' });
    await settle();
    expect(await agent(a)).toMatchObject({ state: 'ready', callId: null });
    expect(await agent(b)).toMatchObject({ state: 'ringing', callId: id });
    expect(await agent(idle)).toMatchObject({ state: 'ready', callId: null });
    expect(await call(id)).toMatchObject({ state: 'ringing', operator: { id: bId }, queue: { region: '32', name: 'general' } });
    expect((await b.post(`/api/v1/agent/calls/${id}/answer`)).status).toBe(204);
    await settle();
    expect(await call(id)).toMatchObject({ state: 'talking', operator: { id: bId } });
    const events = (await app.as('supervisor', '32').then((s) => s.get(`/api/v1/calls/${id}`))).body.events as { type: string; data: Record<string, unknown> }[];
    expect(events.find((e) => e.type === 'transferred')?.data).toMatchObject({ operatorId: bId, fromOperatorId: (await agent(a)).userId });
    await b.post(`/api/v1/agent/calls/${id}/hangup`);
    for (const c of [a, idle]) await c.post('/api/v1/agent/state', { state: 'offline' });
  });

  it('a named colleague who does not answer: the call goes back to its queue and the next operator gets it; the colleague on a "missed" break', async () => {
    const a = await app.as('operator', '33');
    const b = await app.as('operator', '33');
    const c = await app.as('operator', '33');
    await ready(a);
    const id = await talking('33', a);
    await ready(b);
    await ready(c);
    const username = ((await b.get('/api/v1/agent')).body as { username: string }).username;
    expect((await a.post(`/api/v1/agent/calls/${id}/transfer`, { operator: username })).status).toBe(204);
    await settle();
    expect(await agent(b)).toMatchObject({ state: 'ringing', callId: id });
    advance(21);
    await tick();
    await decisions.next((e) => e.event === 'stop_ringing' && e.data.callId === id && e.data.operator.username === username, 2000);
    expect((await b.get('/api/v1/agent')).body).toMatchObject({ state: 'break', reason: 'missed' });
    // c has been idle longest of those ready (a was freed by the transfer, later)
    expect(await call(id)).toMatchObject({ state: 'ringing', operator: { id: (await agent(c)).userId } });
  });

  it('refuses a colleague who cannot take it: unknown, offline, busy, on a break, in another region, or oneself; and a body naming both or neither', async () => {
    const a = await app.as('operator', '35', 'ivanova-35');
    const busy = await app.as('operator', '35', 'busy-35');
    const resting = await app.as('operator', '35', 'resting-35');
    const off = await app.as('operator', '35', 'off-35');
    const elsewhere = await app.as('operator', '36', 'elsewhere-36');
    await ready(busy);
    const other = await talking('35', busy);
    await ready(a);
    const id = await talking('35', a);
    await resting.post('/api/v1/agent/state', { state: 'break', reason: 'обед' });
    await off.get('/api/v1/agent');
    await ready(elsewhere);
    const send = (body: unknown) => a.post(`/api/v1/agent/calls/${id}/transfer`, body);
    for (const [name, status, code] of [
      ['nobody-35', 404, 'operator.not_found'],
      ['elsewhere-36', 404, 'operator.not_found'],
      ['off-35', 409, 'operator.not_available'],
      ['busy-35', 409, 'operator.not_available'],
      ['resting-35', 409, 'operator.not_available'],
      ['ivanova-35', 409, 'operator.not_available'],
    ] as const) {
      const r = await send({ operator: name });
      expect([name, r.status, r.body.code]).toEqual([name, status, code]);
      expect(r.body.detail).toMatch(name === 'ivanova-35' ? /yourself/ : new RegExp(name));
    }
    const both = await send({ operator: 'busy-35', queue: 'general', region: '35' });
    expect(both.status).toBe(400);
    expect(both.text).toMatch(/either/);
    const neither = await send({});
    expect(neither.status).toBe(400);
    expect(neither.text).toMatch(/either/);
    // nothing changed by the refusals
    expect(await call(id)).toMatchObject({ state: 'talking', operator: { id: (await agent(a)).userId } });
    expect(await call(other)).toMatchObject({ state: 'talking' });
    for (const [c, callId] of [
      [a, id],
      [busy, other],
    ] as const)
      await c.post(`/api/v1/agent/calls/${callId}/hangup`);
    await elsewhere.post('/api/v1/agent/state', { state: 'offline' });
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
