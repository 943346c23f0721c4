// The operator's desk figures: the calls they answered today (in their region's time: yesterday's
// do not count) with the average talk time, their region's waiting callers and the longest wait;
// and the ring countdown of a call ringing for them, from its queue's ring timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { edgeClient, event, offered, uid } from '../../test/support/telephony.ts';

describe('the operator’s desk figures', () => {
  let app: TestApp;
  let edge: Client;
  // 23:50 in Moscow (region 21 keeps Moscow's time): the first call is yesterday's
  let now = Date.parse('2026-03-09T20:50:00Z');
  const clock = () => new Date(now);
  const advance = (s: number) => (now += s * 1000);
  async function settle() {
    for (let i = 0; i < 3; i++) {
      await app.services.events.drain();
      await app.services.cc.acd.settle();
    }
  }
  const ring = async (region: string, topic?: string) => {
    const id = uid('desk');
    await edge.post('/api/v1/telephony/events', { events: [offered(id, region, clock(), topic ? { topic } : {}), event(id, 'queued', clock())] });
    await settle();
    return id;
  };
  /** A call rung to `op`, answered, talked for `talk` s, hung up and wrapped up. */
  async function handled(op: Client, talk: number, o: { region?: string; topic?: string; wrap?: Record<string, unknown> } = {}) {
    const id = await ring(o.region ?? '21', o.topic);
    expect((await op.post(`/api/v1/agent/calls/${id}/answer`)).status).toBe(204);
    advance(talk);
    expect((await op.post(`/api/v1/agent/calls/${id}/hangup`)).status).toBe(204);
    expect((await op.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'answered', ...o.wrap })).status).toBe(204);
    advance(1);
    await settle();
  }

  beforeAll(async () => {
    app = await startApp({}, { clock });
    edge = await edgeClient(app);
  });
  afterAll(async () => app?.close());

  it('counts today’s answered calls and their average talk, and the region’s queue now', async () => {
    const op = await app.as('operator', '21');
    expect((await op.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    advance(1);
    await settle();
    const before = await op.get('/api/v1/agent/today');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ date: '2026-03-09', answered: 0, averageTalkSeconds: null, queue: { waiting: 0, longestWaitSeconds: 0 } });

    await handled(op, 50); // ends before midnight: yesterday's
    advance(20 * 60); // 00:11 on the 10th
    await handled(op, 60);
    await handled(op, 122);
    // two callers wait while the operator is away
    expect((await op.post('/api/v1/agent/state', { state: 'break', reason: 'lunch' })).status).toBe(200);
    await ring('21');
    advance(40);
    await ring('21');
    advance(5);
    await ring('50'); // another region's caller is not this operator's queue

    const today = await op.get('/api/v1/agent/today');
    expect(today.body).toEqual({ date: '2026-03-10', answered: 2, averageTalkSeconds: 91, queue: { waiting: 2, longestWaitSeconds: 45 } });
  });

  it('tells how long the call ringing for the operator rings, from its queue’s ring timeout', async () => {
    const op = await app.as('operator', '33');
    const other = await app.as('operator', '33');
    const supervisor = await app.as('supervisor', '33');
    const queue = app.services.cc.queues.ofRegion('33').find((q) => q.name === 'general')!;
    expect((await supervisor.put(`/api/v1/queues/${queue.id}`, { ringTimeoutSeconds: 30 })).status).toBe(200);
    expect((await op.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    advance(1);
    await settle();
    const id = await ring('33');
    expect((await app.services.cc.calls.get({ principal: null, via: 'system' }, id)).state).toBe('ringing');
    advance(12);
    const r = await op.get(`/api/v1/agent/calls/${id}/ring`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ringTimeoutSeconds: 30, secondsLeft: 18 });

    // not ringing for them: refused
    expect((await other.get(`/api/v1/agent/calls/${id}/ring`)).body.code).toBe('call.not_yours');
    expect((await op.get('/api/v1/agent/calls/no-such-call/ring')).status).toBe(404);
    // answered: it rings no more
    expect((await op.post(`/api/v1/agent/calls/${id}/answer`)).status).toBe(204);
    expect((await op.get(`/api/v1/agent/calls/${id}/ring`)).status).toBe(404);
  });

  it('names the answers most used on the topic’s calls in the operator’s region, most used first', async () => {
    const op = await app.as('operator', '61');
    const far = await app.as('operator', '62');
    const federal = await app.as('operator', 'federal');
    for (const o of [op, far]) expect((await o.post('/api/v1/agent/state', { state: 'ready' })).status).toBe(200);
    advance(1);
    await settle();
    const pensions = (answersUsed: string[], extra: { topic?: string; topics?: string[] } = { topic: 'Пенсии' }) => ({
      region: '61',
      ...(extra.topic ? { topic: extra.topic } : {}),
      wrap: { answersUsed, topics: extra.topics ?? [] },
    });
    await handled(op, 10, pensions(['pension-where', 'pension-recalc']));
    await handled(op, 10, pensions(['pension-recalc']));
    // (no IVR topic, the operator chose it in wrap-up)
    await handled(op, 10, pensions(['pension-new'], { topics: ['Пенсии'] }));
    await handled(op, 10, pensions(['passport-replace'], { topic: 'Документы' }));
    await handled(far, 10, { region: '62', topic: 'Пенсии', wrap: { answersUsed: ['pension-far'] } });
    await handled(far, 10, { region: '62', topic: 'Пенсии', wrap: { answersUsed: ['pension-far'] } });

    const mine = await op.get(`/api/v1/agent/topic-answers?topic=${encodeURIComponent('Пенсии')}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      { slug: 'pension-recalc', calls: 2 },
      { slug: 'pension-new', calls: 1 },
      { slug: 'pension-where', calls: 1 },
    ]);
    // the reserve centre's operator counts every region's calls
    const all = await federal.get(`/api/v1/agent/topic-answers?topic=${encodeURIComponent('Пенсии')}&limit=2`);
    expect(all.body.items).toEqual([
      { slug: 'pension-far', calls: 2 },
      { slug: 'pension-recalc', calls: 2 },
    ]);
    // a month on, they no longer count
    advance(31 * 86_400);
    expect((await op.get(`/api/v1/agent/topic-answers?topic=${encodeURIComponent('Пенсии')}`)).body.items).toEqual([]);
    const bad = await op.get('/api/v1/agent/topic-answers?topic=%20');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('say which topic');
  });

  it('is the operators’ only', async () => {
    const editor = await app.as('editor', '21');
    expect((await editor.get('/api/v1/agent/today')).status).toBe(403);
    expect((await editor.get('/api/v1/agent/topic-answers?topic=x')).status).toBe(403);
    expect((await app.client().get('/api/v1/agent/today')).status).toBe(401);
  });
});
