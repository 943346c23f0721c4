// Demo mode's test call: the operator rings themselves, and the call goes the real way — reported
// through the telephony events service, rung at this operator (not at a colleague idle longer), then
// answered, hung up and wrapped up through the operator's API. Refused outside demo mode, to
// someone not ready, and to roles that take no calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';

describe('test call in demo mode', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({}, { demo: true });
  });
  afterAll(() => app.close());

  async function settle() {
    for (let i = 0; i < 3; i++) {
      await app.services.events.drain();
      await app.services.cc.acd.settle();
    }
  }
  const agent = async (c: Client) => (await c.get('/api/v1/agent')).body as { state: string; callId: string | null };
  async function ready(c: Client) {
    expect((await c.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    await settle();
  }

  it('rings the operator who asked, even with a colleague idle longer, and goes the way of any call', async () => {
    const colleague = await app.as('operator', '77');
    await ready(colleague);
    const me = await app.as('operator', '77');
    await ready(me);

    const r = await me.post('/api/v1/agent/test-call');
    expect(r.status).toBe(201);
    const callId = r.body.callId as string;
    await settle();
    expect(await agent(me)).toMatchObject({ state: 'ringing', callId });
    expect(await agent(colleague)).toMatchObject({ state: 'ready', callId: null });
    const ringing = await me.get(`/api/v1/calls/${callId}`);
    expect(ringing.body).toMatchObject({ state: 'ringing', region: '77', queue: { region: '77' }, operator: { username: me.username } });
    expect(ringing.body.callerMasked).toMatch(/\*/);

    expect((await me.post(`/api/v1/agent/calls/${callId}/answer`)).status).toBe(204);
    await settle();
    expect(await agent(me)).toMatchObject({ state: 'talking', callId });
    expect((await me.post(`/api/v1/agent/calls/${callId}/hangup`)).status).toBe(204);
    await settle();
    expect(await agent(me)).toMatchObject({ state: 'wrap_up' });
    expect((await me.post(`/api/v1/agent/calls/${callId}/wrap-up`, { outcome: 'answered', topics: [], answersUsed: [] })).status).toBe(204);
    await settle();
    expect(await agent(me)).toMatchObject({ state: 'ready', callId: null });
    const done = (await me.get(`/api/v1/calls/${callId}`)).body;
    expect(done).toMatchObject({ state: 'ended', outcome: 'answered', closeReason: null });
    // the edge's way in: the call's first events came through the telephony events service
    const events = done.events as { type: string; source: string }[];
    expect(events.slice(0, 3)).toEqual([
      expect.objectContaining({ type: 'offered', source: 'api' }),
      expect.objectContaining({ type: 'queued', source: 'api' }),
      expect.objectContaining({ type: 'ringing', source: 'api' }),
    ]);
  });

  it('is refused to an operator who is not ready, and to a role that takes no calls', async () => {
    const away = await app.as('operator', '78');
    const r = await away.post('/api/v1/agent/test-call');
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('test_call.not_ready');
    const coordinator = await app.as('coordinator', 'federal');
    expect((await coordinator.post('/api/v1/agent/test-call')).status).toBe(403);
  });

  it('unanswered, the test caller gives up once the ring ends: the call does not wait on for someone else', async () => {
    const sup = await app.as('supervisor', '21');
    const queue = (await sup.get('/api/v1/queues?region=21')).body.items[0];
    expect((await sup.put(`/api/v1/queues/${queue.id}`, { ringTimeoutSeconds: 5 })).status).toBe(200);
    const colleague = await app.as('operator', '21');
    const me = await app.as('operator', '21');
    await ready(me);
    const { callId } = (await me.post('/api/v1/agent/test-call')).body as { callId: string };
    await settle();
    expect((await agent(me)).state).toBe('ringing');
    // (the ring times out in the ACD's own time: its ticks run on the real clock here)
    await expect.poll(async () => (await sup.get(`/api/v1/calls/${callId}`)).body, { timeout: 30_000, interval: 500 }).toMatchObject({ state: 'abandoned', closeReason: 'test_call_unanswered' });
    await settle();
    expect((await agent(me)).state).not.toBe('ringing');
    await ready(colleague);
    await settle();
    expect(await agent(colleague)).toMatchObject({ state: 'ready', callId: null });
  }, 60_000);

  it('rings a supervisor at the workstation too', async () => {
    const sup = await app.as('supervisor', '78');
    await ready(sup);
    expect((await sup.post('/api/v1/agent/test-call')).status).toBe(201);
    await settle();
    expect((await agent(sup)).state).toBe('ringing');
  });
});

describe('test call outside demo mode', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('does not exist', async () => {
    const op = await app.as('operator', '77');
    expect((await op.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    const r = await op.post('/api/v1/agent/test-call');
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('test_call.demo_only');
    expect((await op.get('/api/v1/agent')).body.state).toBe('ready');
  });
});
