// The ACD as callers and operators live it: longest idle first, skills, escalation and overflow,
// callbacks, ring-no-answer; and the operator's answer, wrap-up and return to ready.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../test/support/app.ts';
import type { Client } from '../../test/support/http-client.ts';
import { openStream, type SseStream } from '../../test/support/sse.ts';
import { edgeClient, event, offered, uid } from '../../test/support/telephony.ts';
import type { Db } from '../platform/db/database.ts';

/** The calls looked up by id outside a transaction (the ACD's checks on rings). */
function lookups() {
  const seen = { ids: [] as string[] };
  const wrap = (db: Db): Db => ({
    ...db,
    query: (text, params) => {
      if (/FROM cc_calls WHERE call_id = ANY/.test(text)) seen.ids.push(...((params?.[0] as string[]) ?? []));
      return db.query(text, params);
    },
  });
  return { wrap, seen };
}

describe('ACD routing', () => {
  let app: TestApp;
  let edge: Client;
  let decisions: SseStream;
  const counted = lookups();
  let now = Date.now() - 3600_000;
  const clock = () => new Date(now);
  const advance = (s: number) => (now += s * 1000);

  /** Lets committed changes reach the ACD and its decisions be made. */
  async function settle() {
    for (let i = 0; i < 3; i++) {
      await app.services.events.drain();
      await app.services.cc.acd.settle();
    }
  }
  async function tick() {
    await app.services.cc.acd.tick();
    await settle();
  }
  async function call(id: string) {
    return (await app.services.cc.calls.get({ principal: null, via: 'system' }, id)) as { state: string; operator: { id: number } | null; queue: { region: string } | null };
  }
  async function operator(region: string, skills?: string[]) {
    const c = await app.as('operator', region);
    if (skills) await (await app.as('supervisor', region)).put(`/api/v1/operators/${(await c.get('/api/v1/agent')).body.userId}/skills`, { skills });
    return c;
  }
  async function ready(c: Client) {
    const r = await c.post('/api/v1/agent/state', { state: 'ready' });
    expect(r.status).toBe(200);
    advance(1);
    await settle();
  }
  async function offer(region: string, extra: Record<string, unknown> = {}) {
    const id = uid('call');
    const r = await edge.post('/api/v1/telephony/events', { events: [offered(id, region, clock(), extra), event(id, 'queued', clock())] });
    expect(
      r.body.results.every((x: { status: string }) => x.status === 'accepted'),
      r.text,
    ).toBe(true);
    await settle();
    return id;
  }
  async function offline(...cs: Client[]) {
    for (const c of cs) await c.post('/api/v1/agent/state', { state: 'offline' });
    await settle();
  }

  beforeAll(async () => {
    app = await startApp({}, { clock, wrapDb: counted.wrap });
    edge = await edgeClient(app);
    decisions = await openStream(edge, '/api/v1/telephony/decisions');
  });
  afterAll(async () => {
    decisions.close();
    await app.close();
  });

  it('rings the operator who has been idle longest, and tells the edge to connect', async () => {
    const a = await operator('11');
    const b = await operator('11');
    await ready(a);
    await ready(b);
    const aId = (await a.get('/api/v1/agent')).body.userId;
    const bId = (await b.get('/api/v1/agent')).body.userId;
    const first = await offer('11');
    expect(await call(first)).toMatchObject({ state: 'ringing', operator: { id: aId } });
    const d = await decisions.next((e) => e.event === 'connect' && e.data.callId === first, 2000);
    expect(d.data.operator).toMatchObject({ id: aId, username: expect.any(String) });
    const second = await offer('11');
    expect((await call(second)).operator?.id).toBe(bId);
    expect((await a.get('/api/v1/agent')).body).toMatchObject({ state: 'ringing', callId: first });
    await offline();
  });

  it('answer, hang-up, wrap-up: the operator is free again, last in line', async () => {
    const a = await operator('12');
    const b = await operator('12');
    await ready(a);
    await ready(b);
    const id = await offer('12');
    expect((await a.post(`/api/v1/agent/calls/${id}/answer`)).status).toBe(204);
    await decisions.next((e) => e.event === 'bridge' && e.data.callId === id, 2000);
    expect((await a.get('/api/v1/agent')).body.state).toBe('talking');
    expect((await b.post(`/api/v1/agent/calls/${id}/answer`)).status).toBe(404);
    advance(120);
    await edge.post('/api/v1/telephony/events', { events: [event(id, 'ended', clock())] });
    await settle();
    expect((await call(id)).state).toBe('wrap_up');
    expect((await a.get('/api/v1/agent')).body.state).toBe('wrap_up');
    const wrap = await a.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'answered', topics: ['Коронавирус'], answersUsed: ['cov-first-steps'], note: 'объяснил порядок' });
    expect(wrap.status).toBe(204);
    await settle();
    const done = await app.services.cc.calls.get({ principal: null, via: 'system' }, id);
    expect(done).toMatchObject({ state: 'ended', outcome: 'answered', topics: ['Коронавирус'], answersUsed: ['cov-first-steps'] });
    expect((await a.get('/api/v1/agent')).body).toMatchObject({ state: 'ready', callId: null });
    // b has been idle longer now
    const next = await offer('12');
    expect((await call(next)).operator?.id).toBe((await b.get('/api/v1/agent')).body.userId);
  });

  it('a break asked for during a call starts after the wrap-up', async () => {
    const a = await operator('13');
    await ready(a);
    const id = await offer('13');
    await a.post(`/api/v1/agent/calls/${id}/answer`);
    expect((await a.post('/api/v1/agent/state', { state: 'break', reason: 'lunch' })).body).toMatchObject({ state: 'talking', breakAfter: 'lunch' });
    expect((await a.post('/api/v1/agent/state', { state: 'offline' })).status).toBe(409);
    await a.post(`/api/v1/agent/calls/${id}/hangup`);
    await a.post(`/api/v1/agent/calls/${id}/wrap-up`, { outcome: 'dropped' });
    await settle();
    expect((await a.get('/api/v1/agent')).body).toMatchObject({ state: 'break', reason: 'lunch', breakAfter: null });
  });

  it('routes by skill, and widens the skills after the escalation step', async () => {
    const covid = await operator('14', ['covid']);
    const mob = await operator('14', ['mobilization']);
    await ready(covid);
    await ready(mob);
    const mobId = (await mob.get('/api/v1/agent')).body.userId;
    const m = await offer('14', { topic: 'mobilization' });
    expect((await call(m)).operator?.id).toBe(mobId);
    await mob.post(`/api/v1/agent/calls/${m}/answer`);
    const tax = await offer('14', { topic: 'taxes' });
    expect((await call(tax)).state).toBe('waiting');
    advance(61);
    await tick();
    expect(await call(tax)).toMatchObject({ state: 'ringing', operator: { id: (await covid.get('/api/v1/agent')).body.userId } });
  });

  it('overflows to the federal reserve at once when nobody is logged in, and after the wait limit otherwise', async () => {
    const reserve = await operator('federal');
    const empty = await offer('15');
    expect((await call(empty)).queue?.region).toBe('federal');
    await decisions.next((e) => e.data.callId === empty, 1).catch(() => null);
    const onBreak = await operator('16');
    await ready(onBreak);
    await onBreak.post('/api/v1/agent/state', { state: 'break', reason: 'training' });
    await settle();
    const waiting = await offer('16');
    expect(await call(waiting)).toMatchObject({ state: 'waiting', queue: { region: '16' } });
    advance(181);
    await tick();
    expect((await call(waiting)).queue?.region).toBe('federal');
    await ready(reserve);
    // the reserve takes the oldest overflowed call (earlier tests left some waiting too)
    const taken = (await reserve.get('/api/v1/agent')).body;
    expect(taken.state).toBe('ringing');
    expect(await call(taken.callId)).toMatchObject({ state: 'ringing', overflowed: true, queue: { region: 'federal' } });
    const overview = await (await app.as('supervisor', 'federal')).get('/api/v1/supervisor/overview?region=federal');
    expect(overview.body.queues[0]).toMatchObject({ name: 'general', waiting: expect.any(Number) });
    expect(overview.body.agents.map((a: { userId: number }) => a.userId)).toContain(taken.userId);
    await offline(reserve, onBreak);
  });

  it('forgets a ring once it is answered: its timeout does not look the call up', async () => {
    const a = await operator('21');
    await ready(a);
    const id = await offer('21');
    expect((await a.post(`/api/v1/agent/calls/${id}/answer`)).status).toBe(204);
    await settle();
    advance(60);
    counted.seen.ids = [];
    await tick();
    // (a busy hour answers thousands of calls: checking each again a ring timeout later costs every tick)
    expect(counted.seen.ids).not.toContain(id);
    expect((await call(id)).state).toBe('talking');
    await offline(a);
  });

  it('ring-no-answer: the call goes back to the queue, the operator on a "missed" break', async () => {
    const sleepy = await operator('17');
    const awake = await operator('17');
    await ready(sleepy);
    await ready(awake);
    const id = await offer('17');
    const sleepyId = (await sleepy.get('/api/v1/agent')).body.userId;
    expect((await call(id)).operator?.id).toBe(sleepyId);
    advance(21);
    await tick();
    const stop = await decisions.next((e) => e.event === 'stop_ringing' && e.data.callId === id, 2000);
    // (the edge knows operators by username: the one whose phone must stop ringing)
    expect(stop.data.operator).toEqual({ id: sleepyId, username: (await sleepy.get('/api/v1/agent')).body.username });
    expect((await sleepy.get('/api/v1/agent')).body).toMatchObject({ state: 'break', reason: 'missed' });
    expect((await call(id)).operator?.id).toBe((await awake.get('/api/v1/agent')).body.userId);
  });

  it('offers a callback when the wait would be long, and calls back when an operator frees up', async () => {
    const sup = await app.as('supervisor', '18');
    const queue = (await sup.get('/api/v1/queues?region=18')).body.items[0];
    expect((await sup.put(`/api/v1/queues/${queue.id}`, { callbackThresholdSeconds: 200 })).status).toBe(200);
    const op = await operator('18');
    await ready(op);
    const busy = await offer('18');
    await op.post(`/api/v1/agent/calls/${busy}/answer`);
    await settle();
    const first = await offer('18');
    const second = await offer('18');
    await tick();
    const offerCb = await decisions.next((e) => e.event === 'offer_callback' && e.data.callId === second, 2000);
    expect(offerCb.data.callId).toBe(second);
    expect(decisions.events.some((e) => e.event === 'offer_callback' && e.data.callId === first)).toBe(false);
    await edge.post('/api/v1/telephony/events', { events: [event(second, 'callback_requested', clock())] });
    await settle();
    expect((await call(second)).state).toBe('callback_pending');
    // the operator finishes; the live caller goes first, then the callback
    await edge.post('/api/v1/telephony/events', { events: [event(busy, 'ended', clock())] });
    await op.post(`/api/v1/agent/calls/${busy}/wrap-up`, { outcome: 'answered' });
    await settle();
    expect((await call(first)).state).toBe('ringing');
    await op.post(`/api/v1/agent/calls/${first}/answer`);
    await op.post(`/api/v1/agent/calls/${first}/hangup`);
    await op.post(`/api/v1/agent/calls/${first}/wrap-up`, { outcome: 'answered' });
    await settle();
    expect((await call(second)).state).toBe('ringing');
    await decisions.next((e) => e.event === 'callback' && e.data.callId === second, 2000);
  });

  it('gives a callback time to reach the caller, and an unanswered one goes back to waiting for a callback, the operator not blamed', async () => {
    const sup = await app.as('supervisor', '19');
    const queue = (await sup.get('/api/v1/queues?region=19')).body.items[0];
    expect(queue.ringTimeoutSeconds).toBe(20);
    const op = await operator('19');
    const opId = (await op.get('/api/v1/agent')).body.userId;
    const id = uid('call');
    await edge.post('/api/v1/telephony/events', { events: [offered(id, '19', clock()), event(id, 'queued', clock()), event(id, 'callback_requested', clock())] });
    await settle();
    expect((await call(id)).state).toBe('callback_pending');
    await ready(op);
    await decisions.next((e) => e.event === 'callback' && e.data.callId === id, 2000);
    expect(await call(id)).toMatchObject({ state: 'ringing', operator: { id: opId } });
    // Past the operator's ring timeout: the edge is still reaching the caller (up to 45 s more).
    advance(30);
    await tick();
    expect(decisions.events.some((e) => e.event === 'stop_ringing' && e.data.callId === id)).toBe(false);
    expect((await call(id)).state).toBe('ringing');
    // Past both: the edge is told to stop; the call waits for a callback again (not as a live caller)
    // and the operator is not sent on a "missed" break: the same operator is asked to call back again.
    advance(40);
    await tick();
    const stop = await decisions.next((e) => e.event === 'stop_ringing' && e.data.callId === id, 2000);
    const after = (e: (typeof decisions.events)[number]) => decisions.events.indexOf(e) > decisions.events.indexOf(stop);
    const again = await decisions.next((e) => (e.event === 'callback' || e.event === 'connect') && e.data.callId === id && after(e), 2000);
    expect(again.event).toBe('callback');
    expect(again.data.operator.id).toBe(opId);
    await offline(op);
  });

  it('takes a connect back when the operator turns out to be taken, and routes the call on', async () => {
    const a = await operator('20');
    const b = await operator('20');
    await ready(a);
    advance(1);
    await ready(b);
    const aId = (await a.get('/api/v1/agent')).body.userId;
    const bId = (await b.get('/api/v1/agent')).body.userId;
    // Behind the ACD's back (as another node might, its news not here yet): the longest idle goes on a break.
    await app.db.query("UPDATE cc_agents SET state = 'break', reason = 'lunch', idle_since = NULL WHERE user_id = $1", [aId]);
    const id = uid('call');
    await edge.post('/api/v1/telephony/events', { events: [offered(id, '20', clock()), event(id, 'queued', clock())] });
    const told = await decisions.next((e) => e.event === 'connect' && e.data.callId === id && e.data.operator.id === aId, 2000);
    const stop = await decisions.next((e) => e.event === 'stop_ringing' && e.data.callId === id, 2000);
    expect(stop.data.operator.id).toBe(told.data.operator.id);
    await settle();
    expect(await call(id)).toMatchObject({ state: 'ringing', operator: { id: bId } });
    await decisions.next((e) => e.event === 'connect' && e.data.callId === id && e.data.operator.id === bId, 2000);
    await offline(b);
  });

  it('closes wrap-up by itself where the queue says so: at once, or after its limit', async () => {
    const sup = await app.as('supervisor', '19');
    const queue = (await sup.get('/api/v1/queues?region=19')).body.items[0];
    expect((await sup.put(`/api/v1/queues/${queue.id}`, { wrapUpSeconds: 0 })).body.wrapUpSeconds).toBe(0);
    await settle();
    const op = await operator('19');
    await ready(op);
    const id = await offer('19');
    await op.post(`/api/v1/agent/calls/${id}/answer`);
    await edge.post('/api/v1/telephony/events', { events: [event(id, 'ended', clock())] });
    await settle();
    expect(await app.services.cc.calls.get({ principal: null, via: 'system' }, id)).toMatchObject({ state: 'ended', outcome: 'not_recorded' });
    expect((await op.get('/api/v1/agent')).body.state).toBe('ready');

    await sup.put(`/api/v1/queues/${queue.id}`, { wrapUpSeconds: 30 });
    await settle();
    const second = await offer('19');
    await op.post(`/api/v1/agent/calls/${second}/answer`);
    await op.post(`/api/v1/agent/calls/${second}/hangup`);
    await settle();
    expect((await call(second)).state).toBe('wrap_up');
    advance(31);
    await tick();
    expect((await call(second)).state).toBe('ended');
    expect((await op.get('/api/v1/agent')).body.state).toBe('ready');
  });
});
